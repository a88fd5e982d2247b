/**
 * Force–penetration curves F_l*(z_p) from the FEA-lite and their depth derivative dF_l* /dz_p,
 * the quantity NRM turns into E*(z_p) with Eq. 5 of `002_bf87beaba622041e.txt` §4.
 *
 * Convention: z_p ≥ 0 is the apex depth below the film top (the paper's z_l = −z_p; we count
 * penetration positive so that dF/dz_p > 0 and E* = (1/(4 r_g A_l)) dF/dz_p is positive).
 */
import { type Complex } from '../complex.js';
import { filmProfile, type Film } from '../film/film.js';
import { ParamError, type ParamProblem } from '../params.js';
import { checkLateralInputs, type Dither, type FeaOptions, solvePrepared } from './solve.js';
import { type TipGeometry } from './tip.js';

/** A force–penetration curve. */
export interface ForceCurve {
  /** Apex depths z_p below the film top, m (ascending). */
  readonly depths_m: Float64Array;
  /** F_l*(z_p), N (in-phase re, out-of-phase im). */
  readonly force: Complex[];
  /** dF_l* /dz_p by second-order finite differences on the depth grid, N/m (empty for one depth). */
  readonly dFdz: Complex[];
}

/**
 * Derivative dy/dx on a non-uniform ascending grid, second order: three-point Lagrange
 * differences (interior: weights −h₂/(h₁(h₁+h₂)), (h₂−h₁)/(h₁h₂), h₁/(h₂(h₁+h₂)); one-sided
 * three-point at the ends; two points ⇒ the secant). Units: [y]/[x]. Fornberg, Math. Comp.
 * 51:699 (1988).
 */
export function derivativeNonUniform(x: ArrayLike<number>, y: readonly Complex[]): Complex[] {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`derivativeNonUniform: ${n} abscissae but ${y.length} values`);
  if (n < 2) return [];
  for (let i = 1; i < n; i++) if (!(x[i] > x[i - 1])) throw new RangeError(`derivativeNonUniform: x not strictly ascending at index ${i}`);
  if (n === 2) {
    const s = { re: (y[1].re - y[0].re) / (x[1] - x[0]), im: (y[1].im - y[0].im) / (x[1] - x[0]) };
    return [s, s];
  }
  const out: Complex[] = [];
  const w3 = (x0: number, x1: number, x2: number, at: number): [number, number, number] => {
    // derivative of the quadratic through (x0, x1, x2) evaluated at `at`
    const a = (2 * at - x1 - x2) / ((x0 - x1) * (x0 - x2));
    const b = (2 * at - x0 - x2) / ((x1 - x0) * (x1 - x2));
    const c = (2 * at - x0 - x1) / ((x2 - x0) * (x2 - x1));
    return [a, b, c];
  };
  for (let i = 0; i < n; i++) {
    const j = i === 0 ? 1 : i === n - 1 ? n - 2 : i;
    const [a, b, c] = w3(x[j - 1], x[j], x[j + 1], x[i]);
    out.push({ re: a * y[j - 1].re + b * y[j].re + c * y[j + 1].re, im: a * y[j - 1].im + b * y[j].im + c * y[j + 1].im });
  }
  return out;
}

/** Check a depth list: finite, positive, strictly ascending. */
export function checkDepths(depths: ArrayLike<number>, path = 'depths'): ParamProblem[] {
  const out: ParamProblem[] = [];
  if (depths.length === 0) out.push({ path, value: '[]', message: 'at least one depth is required' });
  for (let i = 0; i < depths.length; i++) {
    const d = depths[i];
    if (!Number.isFinite(d) || d <= 0) out.push({ path: `${path}[${i}]`, value: d, message: 'not a positive finite depth', expected: '(0, film thickness] m' });
    else if (i > 0 && !(d > depths[i - 1])) out.push({ path: `${path}[${i}]`, value: d, message: 'depths must be strictly ascending', expected: `> ${depths[i - 1]} m` });
  }
  return out;
}

/**
 * F_l*(z_p) and dF_l* /dz_p by the full FEA-lite, one solve per depth (002 §4, Fig. 2e).
 * Validates everything first (ParamError lists all problems). Units: SI in, N and N/m out.
 */
export function feaForceCurve(film: Film, tip: TipGeometry, dither: Dither, depths: ArrayLike<number>, options: FeaOptions = {}): ForceCurve {
  const problems = checkDepths(depths);
  if (problems.length === 0) {
    problems.push(...checkLateralInputs(film, tip, dither, depths[0], options));
    if (depths.length > 1) problems.push(...checkLateralInputs(film, tip, dither, depths[depths.length - 1], options).filter((p) => p.path === 'depth').map((p) => ({ ...p, path: `depths[${depths.length - 1}]` })));
  }
  if (problems.length > 0) throw new ParamError(problems);
  const profile = filmProfile(film, dither.frequency);
  const o: FeaOptions = { ...options, keepFields: false };
  const force: Complex[] = [];
  for (let i = 0; i < depths.length; i++) force.push(solvePrepared(profile, film, tip, dither, depths[i], o).force);
  const d = Float64Array.from(depths);
  return { depths_m: d, force, dFdz: derivativeNonUniform(d, force) };
}
