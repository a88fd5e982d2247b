/**
 * Forces on an AFM tip penetrating a layered SEI film on a hard electrode, as 1D nanorheology
 * (`002_bf87beaba622041e.txt` §3–5) sees them: the complex lateral force from the dithered film,
 * the normal force that resists the penetration, the hard (solid–solid) contact with the electrode,
 * friction in that contact, and the finite lateral stiffness of the cantilever.
 *
 * Coordinates: z is the height above the hard surface (electrode, or a dense inorganic layer the
 * tip cannot pierce), the film occupies 0 ≤ z ≤ h. The tip apex sits at z_p, the paper's
 * tip–surface distance (`002` Fig. 3d, 4b: z_p = 0 at solid–solid contact, "at large z_p … no
 * lateral shear response"); the embedded length is z_l = h − z_p (`002` Eq. 4 writes z_l = −z_p
 * for the increment). z_p < 0 means the tip indents the hard surface.
 */
import { hertzForce } from '../contact/analytic.js';
import type { FilmProfile } from '../film/film.js';

/**
 * Running integrals of the complex modulus from a height to the film top, on a uniform grid:
 * I*(z) = ∫_z^h E*(z') dz' (Pa·m), tabulated at z_i = i·Δ, i = 0…N (z_N = h).
 */
export interface ModulusIntegralTable {
  /** Grid spacing Δ, m. */
  readonly spacing: number;
  /** Film thickness h, m. */
  readonly thickness: number;
  /** ∫_z^h E'(z') dz' at z_i, Pa·m. */
  readonly storage: Float64Array;
  /** ∫_z^h E''(z') dz' at z_i, Pa·m. */
  readonly loss: Float64Array;
}

/**
 * Tabulate I*(z) = ∫_z^h E*(z') dz' of a film profile by the composite trapezoid rule on a grid
 * of spacing ≤ `maxSpacing` (exact for piecewise-linear E*; a sharp step contributes at most
 * |ΔE|·Δ/2). Units: Pa·m. The basis of the Eq. 4 closed form and of the apex-averaged modulus.
 */
export function modulusIntegralTable(profile: FilmProfile, maxSpacing = 0.05e-9): ModulusIntegralTable {
  const h = profile.thickness;
  if (!(Number.isFinite(maxSpacing) && maxSpacing > 0)) throw new RangeError(`modulusIntegralTable: maxSpacing = ${maxSpacing} m must be finite and > 0`);
  const N = Math.max(2, Math.ceil(h / maxSpacing));
  const dz = h / N;
  const storage = new Float64Array(N + 1);
  const loss = new Float64Array(N + 1);
  const v = new Float64Array(3);
  profile.at(h, v);
  let prevRe = v[0];
  let prevIm = v[1];
  for (let i = N - 1; i >= 0; i--) {
    profile.at(i * dz, v);
    storage[i] = storage[i + 1] + 0.5 * dz * (prevRe + v[0]);
    loss[i] = loss[i + 1] + 0.5 * dz * (prevIm + v[1]);
    prevRe = v[0];
    prevIm = v[1];
  }
  return { spacing: dz, thickness: h, storage, loss };
}

/** Linear interpolation of a tabulated integral at height z (clamped to [0, h]). */
export function integralAt(table: ModulusIntegralTable, values: Float64Array, z: number): number {
  if (z >= table.thickness) return 0;
  if (z <= 0) return values[0];
  const x = z / table.spacing;
  const i = Math.min(values.length - 2, Math.floor(x));
  const t = x - i;
  return values[i] + t * (values[i + 1] - values[i]);
}

/**
 * Lateral stiffness of the film on the tip per unit dither amplitude by the paper's Eq. 4 applied
 * slice by slice to a layered film:
 *   K*(z_p) = F_l*(z_p)/A_l = 4 r_g ∫_{z_p}^{h} E*(z) dz,
 * (`002_bf87beaba622041e.txt` §4, Eq. 4: F_l* = 4 r_g E* A_l z_l for a uniform layer; each slice dz
 * of the embedded length adds 4 r_g E*(z) A_l dz). Below the hard surface (z_p < 0) the whole film
 * is embedded. Writes K' and K'' (N/m) into out[0], out[1]. Dimensionless r_g; z_p in m.
 * @example // homogeneous 1 MPa, 100 nm, r_g = 1.25: K'(60 nm) = 4·1.25·1e6·40e-9 = 0.2 N/m
 */
export function eq4LateralStiffness(table: ModulusIntegralTable, rg: number, zp: number, out: Float64Array | number[]): void {
  const s = 4 * rg;
  out[0] = s * integralAt(table, table.storage, zp);
  out[1] = s * integralAt(table, table.loss, zp);
}

/** Parameters of the normal (penetration) force model. */
export interface PenetrationModel {
  /** Tip radius r_t, m. */
  readonly tipRadius: number;
  /**
   * Puncture coefficient κ_p: the apex pressure needed to advance through material of storage
   * modulus E' is κ_p·E' (dimensionless).
   */
  readonly punctureCoefficient: number;
}

/**
 * Normal force that the film exerts on a tip whose apex is at height z_p:
 *   F_pen(z_p) = κ_p π r_t² Ē'(z_p) · min(1, (h − z_p)/r_t)^{3/2},
 * Ē' the storage modulus averaged over one tip radius around the apex, (I'(z_p − r_t/2) −
 * I'(z_p + r_t/2))/r_t (clipped to the film). The apex pressure ~E' of a blunt punch advancing
 * through a soft solid (puncture mechanics: Fakhouri et al., Soft Matter 11, 2015; Shergold &
 * Fleck, Proc. R. Soc. A 460, 2004, find puncture pressures of the order of the modulus), with a
 * Hertz-like (δ^{3/2}) onset over the first radius of indentation so the force is continuous at
 * the film top. Gives the gradual rise before the hard-contact line of `002` Fig. 1b and 3c. For
 * z_p ≤ 0 the value at z_p = 0. Units: N.
 */
export function penetrationForce(table: ModulusIntegralTable, model: PenetrationModel, zp: number): number {
  const h = table.thickness;
  if (zp >= h) return 0;
  const z = Math.max(0, zp);
  const r = model.tipRadius;
  const lo = Math.max(0, z - r / 2);
  const hi = Math.min(h, z + r / 2);
  const mean = hi > lo ? (integralAt(table, table.storage, lo) - integralAt(table, table.storage, hi)) / (hi - lo) : 0;
  const u = Math.min(1, (h - z) / r);
  return model.punctureCoefficient * Math.PI * r * r * mean * u * Math.sqrt(u);
}

/**
 * Elastic–perfectly-plastic (Jenkins) contact under a harmonic relative displacement of amplitude
 * A: a tangential spring k_s in series with a Coulomb slider of strength F_s = μ·F_n. Its first
 * harmonic ("describing function", Caughey, J. Appl. Mech. 27, 640 (1960)) is
 *   K' = (k_s/π)(β − ½ sin 2β),  K'' = (k_s/π) sin²β,   cos β = 1 − 2 x_y/A,  x_y = F_s/k_s,
 * and K = k_s (stick) for A ≤ x_y. Limits: K → k_s for A → x_y; K'' → 4F_s/(πA) (Coulomb) for
 * A ≫ x_y. Writes K' and K'' (N/m) to out[0], out[1]. Units: k_s N/m, F_s N, A m.
 */
export function jenkinsDescribingFunction(tangentialStiffness: number, slipForce: number, amplitude: number, out: Float64Array | number[]): void {
  const ks = tangentialStiffness;
  if (!(ks > 0) || !(amplitude > 0)) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const xy = Math.max(0, slipForce) / ks;
  if (amplitude <= xy) {
    out[0] = ks;
    out[1] = 0;
    return;
  }
  const beta = Math.acos(1 - (2 * xy) / amplitude);
  out[0] = (ks / Math.PI) * (beta - 0.5 * Math.sin(2 * beta));
  const sb = Math.sin(beta);
  out[1] = (ks / Math.PI) * sb * sb;
}

/** The hard (solid–solid) contact of the tip apex with the electrode. */
export interface HardContactModel {
  /** Tip apex radius R for the Hertz contact, m. */
  readonly tipRadius: number;
  /** Reduced modulus E_r of tip and electrode, Pa. */
  readonly reducedModulus: number;
  /** Reduced shear modulus G_r for the Mindlin tangential stiffness 8 G_r a, Pa. */
  readonly reducedShearModulus: number;
  /** Friction coefficient μ of the tip on the electrode. */
  readonly frictionCoefficient: number;
}

/**
 * Hertz normal force of the apex pressed into the hard surface by an indentation d = −z_p > 0:
 * F = (4/3) E_r √R d^{3/2} (`src/models/contact/analytic.ts`). 0 for z_p ≥ 0. Units: N.
 */
export function hardContactForce(model: HardContactModel, zp: number): number {
  return zp >= 0 ? 0 : hertzForce(model.reducedModulus, model.tipRadius, -zp);
}

/**
 * Lateral first-harmonic stiffness of the sliding hard contact for a dither amplitude A:
 * Mindlin tangential stiffness k_s = 8 G_r a with a = √(R d) (Mindlin, J. Appl. Mech. 16, 259
 * (1949); Johnson, *Contact Mechanics*, §7.2) in series with Coulomb friction μF_n, first
 * harmonic from {@link jenkinsDescribingFunction}. Writes K', K'' (N/m); zero out of contact.
 */
export function hardContactLateralStiffness(model: HardContactModel, zp: number, normalForce: number, amplitude: number, out: Float64Array | number[]): void {
  if (zp >= 0) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const a = Math.sqrt(model.tipRadius * -zp);
  const ks = 8 * model.reducedShearModulus * a;
  jenkinsDescribingFunction(ks, model.frictionCoefficient * Math.max(0, normalForce), amplitude, out);
}

/**
 * Force on a cantilever of lateral stiffness k_lat whose tip is coupled by a complex stiffness K*
 * to a sample moving with complex amplitude A*: the tip moves by u* = F* / k_lat, the relative
 * displacement is A* − u*, so
 *   F* = A*·K*·k_lat/(k_lat + K*)
 * (springs in series; the paper's "tip held still" limit is k_lat → ∞, `002` §4). Writes F', F''
 * (N). Units: A m, K and k_lat N/m.
 */
export function seriesLateralForce(ampRe: number, ampIm: number, kRe: number, kIm: number, lateralStiffness: number, out: Float64Array | number[]): void {
  // K k/(k + K) = k·K/(k + K)
  const dr = lateralStiffness + kRe;
  const di = kIm;
  const d = dr * dr + di * di;
  // K/(k+K)
  const qr = (kRe * dr + kIm * di) / d;
  const qi = (kIm * dr - kRe * di) / d;
  const er = lateralStiffness * qr;
  const ei = lateralStiffness * qi;
  out[0] = ampRe * er - ampIm * ei;
  out[1] = ampRe * ei + ampIm * er;
}

/**
 * Second-order (mass–spring–damper) transfer function of the dither actuator at frequency f:
 * H(f) = 1/(1 − (f/f_r)² + i f/(f_r Q)). The displacement lags the drive by −arg H, which a
 * lock-in referenced to the drive reads as a spurious loss (`002` §4: "the AFM scanner and
 * actuator can introduce additional phase shifts, particularly near their resonance
 * frequencies"). Returns [re, im]. Units: f, f_r in Hz.
 * @example actuatorTransfer(0, 4000, 10) // [1, 0]
 */
export function actuatorTransfer(f: number, resonance: number, qualityFactor: number): [number, number] {
  if (!(Number.isFinite(f) && f >= 0)) throw new RangeError(`actuatorTransfer: f = ${f} Hz must be finite and >= 0`);
  if (!(Number.isFinite(resonance) && resonance > 0)) throw new RangeError(`actuatorTransfer: resonance = ${resonance} Hz must be finite and > 0`);
  if (!(Number.isFinite(qualityFactor) && qualityFactor > 0)) throw new RangeError(`actuatorTransfer: qualityFactor = ${qualityFactor} must be finite and > 0`);
  const u = f / resonance;
  const dr = 1 - u * u;
  const di = u / qualityFactor;
  const d = dr * dr + di * di;
  return [dr / d, -di / d];
}
