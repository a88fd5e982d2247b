/**
 * Rigid AFM tip geometries for the lateral-force FEA-lite (axisymmetric about the tip axis).
 *
 * `002_bf87beaba622041e.txt` §4 approximates the tip as a cylinder of radius r_t ("given a
 * typically small angle of the Si based AFM tips"); seisim also offers the round-ended cylinder
 * (hemispherical cap) and a spherically blunted cone (apex radius r_t, half-angle α, the sphere
 * tangent to the cone) to test how much r_g depends on that approximation.
 */
import { checkParam, ParamError, type ParamProblem, type ParamTable } from '../params.js';

/** Tip shape: flat-ended cylinder, round-ended cylinder (hemispherical cap), blunted cone. */
export type TipShape = 'flat' | 'round' | 'cone';
export const TIP_SHAPES = ['flat', 'round', 'cone'] as const;

/** A rigid tip. */
export interface TipGeometry {
  readonly shape: TipShape;
  /** Tip radius r_t, m (cylinder radius; cap/apex sphere radius for round and cone). */
  readonly radius: number;
  /** Cone half-angle α, rad (only for `cone`; 0 ≤ α ≤ 45°). */
  readonly coneHalfAngle?: number;
}

/** Tip parameter table (SI). */
export const TIP_PARAMS = {
  radius: { unit: 'm', min: 1e-10, max: 1e-6, default: 10e-9, doc: 'tip radius r_t', source: '002_bf87beaba622041e.txt §4, Fig. 2 (10 nm; 20 nm in Fig. 2e)' },
  coneHalfAngle: { unit: 'rad', min: 0, max: Math.PI / 4, default: (20 * Math.PI) / 180, doc: 'cone half-angle α (≤ 45° so that the mesh corner stays on the apex sphere)' },
} as const satisfies ParamTable;

/** Check a tip; returns all problems. */
export function checkTip(tip: TipGeometry, path = 'tip'): ParamProblem[] {
  const out: ParamProblem[] = [];
  if (tip === null || typeof tip !== 'object') return [{ path, value: tip, message: 'not a tip object' }];
  if (!(TIP_SHAPES as readonly string[]).includes(tip.shape)) out.push({ path: `${path}.shape`, value: tip.shape, message: 'unknown tip shape', expected: TIP_SHAPES.join(' | ') });
  const r = checkParam(`${path}.radius`, tip.radius, TIP_PARAMS.radius);
  if (r) out.push(r);
  if (tip.shape === 'cone') {
    const a = checkParam(`${path}.coneHalfAngle`, tip.coneHalfAngle ?? Number.NaN, TIP_PARAMS.coneHalfAngle);
    if (a) out.push(a);
  }
  return out;
}

/** Throw a ParamError listing every problem of `tip`. */
export function validateTip(tip: TipGeometry, path = 'tip'): void {
  const p = checkTip(tip, path);
  if (p.length > 0) throw new ParamError(p);
}

/**
 * Radius of the tip's cross-section at height s above its apex (m), s ≥ 0:
 * flat: r_t; round: √(r_t² − (r_t − s)²) for s < r_t, r_t above; cone: the apex sphere up to the
 * tangent height s_t = r_t(1 − sin α), then r_t cos α + (s − s_t) tan α.
 */
export function tipRadiusAt(tip: TipGeometry, s: number): number {
  const a = tip.radius;
  if (s <= 0) return tip.shape === 'flat' && s === 0 ? a : 0;
  switch (tip.shape) {
    case 'flat':
      return a;
    case 'round':
      return s >= a ? a : Math.sqrt(Math.max(0, a * a - (a - s) * (a - s)));
    case 'cone': {
      const al = tip.coneHalfAngle ?? 0;
      const st = a * (1 - Math.sin(al));
      if (s <= st) return Math.sqrt(Math.max(0, a * a - (a - s) * (a - s)));
      return a * Math.cos(al) + (s - st) * Math.tan(al);
    }
    default: {
      const never: never = tip.shape;
      throw new Error(`unknown tip shape ${String(never)}`);
    }
  }
}

/**
 * Height above the apex (m) of the tip's lower surface at radius ρ ≤ r_c on the apex sphere
 * (round/cone): a − √(a² − ρ²); 0 for the flat end.
 */
export function tipLowerSurfaceAt(tip: TipGeometry, rho: number): number {
  if (tip.shape === 'flat') return 0;
  const a = tip.radius;
  return a - Math.sqrt(Math.max(0, a * a - rho * rho));
}

/**
 * Immersed cross-section radius at the undisturbed film surface for apex depth d (m): the radius
 * of the contact line on the top surface.
 */
export function contactRadius(tip: TipGeometry, depth: number): number {
  return tipRadiusAt(tip, depth);
}
