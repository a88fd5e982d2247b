/**
 * Solid–solid contact point of one approach curve and the tip–surface distance z_p referenced to it.
 *
 * Method of `002_bf87beaba622041e.txt` Section 5 and Fig. 3c–d: far from the sample the normal
 * force is zero, so the deflection vs sample position is a flat (possibly tilted) baseline; in hard
 * solid–solid contact the tip follows the sample and the deflection is a straight line of slope equal
 * to the optical-lever sensitivity. "The intersection of these two lines … is used as a point of the
 * solid-solid contact and is independent on the layers above the solid electrode surface"; it is the
 * origin z_p = 0 of each curve, so that curves on a rough electrode (neighbouring locations differing
 * by ~500 nm in height, Fig. 3b) share one depth axis.
 *
 * Sign convention (Fig. 3d, Fig. 4b: "at large z_p, i.e. when the tip is away from the electrode
 * surface, no lateral shear response is detected"): z_p is the tip–electrode-surface distance,
 * z_p > 0 above the solid surface, z_p → 0 as the tip penetrates the SEI down to the solid. The
 * embedded tip length of Eq. 4 is z_l = (SEI thickness) − z_p, so dF_l/dz_p < 0 inside the film; the
 * magnitude |dF_l/dz_p| is the paper's depth derivative (its "note that z_l = −z_p").
 *
 * Window rule (stated, tested):
 *  1. Orientation. The far side is where the curve is flat: the end (by Z range) whose local slope
 *     over the outer 15 % of the Z range is smaller in magnitude (or given by `farSide`).
 *  2. Excursion. u = σ (D − D_far) with D_far the median deflection of the far 15 % and σ = ±1 chosen
 *     so that u grows into contact; U = median of u over the deepest max(3, 2 %) of the points.
 *  3. Hard-contact line. Preliminary: least squares through the points with u ≥ λU (λ =
 *     `hardContactLevel`, default 0.5). Final window by position, not by value (a threshold on the
 *     noisy ordinate would bias the fit): all points deeper than where the preliminary line reaches
 *     λU. Saturation check: the window is split in two halves by position; if the shallower half is
 *     significantly (> 3σ) and materially (> `slopeTolerance`) less steep than the deeper one, the
 *     soft layer's response still contaminates it: λ ← (1 + λ)/2 and repeat (≤ 6 times).
 *  4. Baseline. Preliminary contact ζ₀ = where the hard line meets D_far. Baseline window = the far
 *     `baselineFraction` (default 0.5) of the non-contact range [ζ₀, ζ_far]; outlier-resistant
 *     bisquare line fit ({@link robustLinearFit}). (ζ₀ only places the window's inner edge, half
 *     the non-contact range away from the soft layer, so it needs no refinement.)
 *  5. Contact point = intersection of the two lines, with σ from the fits' covariances
 *     ({@link lineIntersection}, delta method; the two windows are disjoint, so independent).
 *  6. Optional (`hardContactModel: 'hertz'`): the hard branch is not a line when the tip indents the
 *     hard surface (Hertz 1882; Johnson, *Contact Mechanics*, 1985, §4.2: δ_H = (9F²/(16 R E*²))^{1/3},
 *     F = k d): Z − Z_c = d + C (d − d₀)^{2/3}, C = (9k²/(16 R E*²))^{1/3} ≥ 0, d the deflection in m
 *     (u/S) and d₀ the film's load at solid contact (0 unless `hertzOnset`). Fitted (residuals in u,
 *     projected Levenberg–Marquardt) on the points deeper than where the preliminary line reaches
 *     `hertzLevel`·U, without the trigger hold (repeated deepest Z); S and C free per curve or fixed
 *     (`hertzInvOLS`, `hertzCompliance`, e.g. from {@link estimateHertzBranch}). The line meets the
 *     baseline too deep by ≈ δ_H(d_max)/3 and its slope underestimates S by ≈ (2/3)C d_max^{-1/3}.
 * Validity: the baseline must hold ≥ `minPoints` points beyond the soft layer (the ramp must start
 * farther than ~2× the SEI thickness above the surface) and the hard-contact part ≥ `minPoints`.
 * The uncertainty assumes white noise; drift or 1/f noise within a curve make it optimistic.
 */
import { lineIntersection, linearFit, lineValue, lineValueStd, robustLinearFit, type LineFit, type RobustLineFit } from './linear-fit.js';

/** Which end of the Z ramp is far from the surface (non-contact). */
export type FarSide = 'auto' | 'highZ' | 'lowZ';

/** Options of {@link findContactPoint}; defaults are the documented window rule. */
export interface ContactPointOptions {
  /** Which end of Z is the non-contact side; default `'auto'` (the flatter end). */
  readonly farSide?: FarSide;
  /** λ: fraction of the total deflection excursion above which points define the hard-contact line; default 0.5. */
  readonly hardContactLevel?: number;
  /** Far fraction of the non-contact Z range used for the baseline; default 0.5. */
  readonly baselineFraction?: number;
  /** Minimum points per line; default 8. */
  readonly minPoints?: number;
  /** Relative slope deficit of the shallower half of the hard window that triggers narrowing; default 0.03. */
  readonly slopeTolerance?: number;
  /**
   * Model of the hard-contact branch: `'line'` (default, the paper's straight line) or `'hertz'`
   * (line plus the Hertz indentation of the tip into the hard surface, {@link fitHertzContact}).
   */
  readonly hardContactModel?: HardContactModel;
  /**
   * λ_H for `'hertz'`: the Hertz fit uses all points deeper than where the preliminary line reaches
   * λ_H·U (before the saturation narrowing, which the Hertz curvature itself would trigger); default 0.5.
   */
  readonly hertzLevel?: number;
  /**
   * C of the Hertz branch (m^{1/3}) when known (e.g. the median of a session's free fits: one tip,
   * one lever, one hard surface); omitted = fitted per curve (C ≥ 0).
   */
  readonly hertzCompliance?: number;
  /** InvOLS 1/|S| of the Hertz branch (m per deflection unit) when known; omitted = fitted per curve. */
  readonly hertzInvOLS?: number;
  /**
   * Also fit the deflection d₀ ≥ 0 at which the hard contact begins (the film's puncture force at the
   * solid surface, F = k d₀): Z − Z_c = d + C (d − d₀)^{2/3}; default false (d₀ = 0).
   */
  readonly hertzOnset?: boolean;
}

/** Model of the hard-contact branch of {@link findContactPoint}. */
export type HardContactModel = 'line' | 'hertz';

/**
 * Hertz-compliant fit of the hard-contact branch (see {@link fitHertzContact}). Units: Z in m,
 * deflection in its own unit (V or m).
 */
export interface HertzContactFit {
  /** Z_c where the model leaves the baseline (d = 0), m. */
  readonly contactZ: number;
  /** σ(Z_c) from the Gauss–Newton covariance plus the baseline's uncertainty at Z_c, m. */
  readonly contactZStd: number;
  /** Optical-lever sensitivity S: deflection signal per metre of cantilever deflection (signed like `ContactPoint.sensitivity`). */
  readonly sensitivity: number;
  /** C ≥ 0 of Z − Z_c = d + C d^{2/3} (m^{1/3}); C = (9 k²/(16 R E*²))^{1/3} for a Hertz contact. */
  readonly compliance: number;
  /** Residual std of the deflection (deflection units). */
  readonly residualStd: number;
  /** Number of fitted points. */
  readonly n: number;
}

/** The solid–solid contact of one curve (`002_…` Fig. 3c). Units: Z in m, deflection in its own unit (V or m). */
export interface ContactPoint {
  /** Z_c: sample position of the solid–solid contact (m), intersection of the two lines. */
  readonly contactZ: number;
  /** Standard deviation of Z_c from the fit covariances (m). */
  readonly contactZStd: number;
  /** +1 if the far (non-contact) side is at high Z, −1 if at low Z; z_p = farSign·(Z − Z_c) + … */
  readonly farSign: 1 | -1;
  /** Baseline line D = a + b Z (outlier-resistant fit). */
  readonly baseline: RobustLineFit;
  /** Hard-contact line D = a + b Z. */
  readonly hardContact: LineFit;
  /** Sensitivity s_n = b_hard − b_base: deflection signal per metre of sample travel in hard contact (V/m or 1). */
  readonly sensitivity: number;
  /** InvOLS = 1/|s_n| (m per deflection unit), the paper's Section 3 calibration of the normal channel. */
  readonly invOLS: number;
  /** Z interval [min, max] of the baseline window (m). */
  readonly baselineWindow: readonly [number, number];
  /** Z interval [min, max] of the hard-contact window (m). */
  readonly hardWindow: readonly [number, number];
  /** Final λ after the saturation check. */
  readonly hardContactLevel: number;
  /** Robust residual std of the baseline (deflection units): the detector noise estimate. */
  readonly deflectionNoise: number;
  /** Model of the hard-contact branch that defined `contactZ` and `sensitivity`. */
  readonly hardContactModel: HardContactModel;
  /** The Hertz fit when `hardContactModel` is `'hertz'` (then `contactZ`, `contactZStd`, `sensitivity` are its values). */
  readonly hertz?: HertzContactFit;
}

function validate(Z: ArrayLike<number>, D: ArrayLike<number>, minPoints: number): void {
  if (Z.length !== D.length) throw new RangeError(`findContactPoint: Z.length = ${Z.length} differs from deflection.length = ${D.length}`);
  for (let i = 0; i < Z.length; i++) {
    if (!Number.isFinite(Z[i])) throw new RangeError(`findContactPoint: Z[${i}] = ${Z[i]} is not finite`);
    if (!Number.isFinite(D[i])) throw new RangeError(`findContactPoint: deflection[${i}] = ${D[i]} is not finite`);
  }
  if (Z.length < 3 * minPoints) throw new RangeError(`findContactPoint: curve has ${Z.length} points, need at least 3·minPoints = ${3 * minPoints}`);
}

function checkFraction(name: string, v: number, lo: number, hi: number): void {
  if (!(Number.isFinite(v) && v > lo && v < hi)) throw new RangeError(`findContactPoint: ${name} = ${v} must lie in (${lo}, ${hi})`);
}

/** Median of the values v[i] for which pred(i) holds (allocates one small array). */
function medianWhere(n: number, v: ArrayLike<number>, pred: (i: number) => boolean): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (pred(i)) k++;
  if (k === 0) return NaN;
  const a = new Float64Array(k);
  k = 0;
  for (let i = 0; i < n; i++) if (pred(i)) a[k++] = v[i];
  a.sort();
  return k % 2 ? a[(k - 1) >> 1] : 0.5 * (a[k / 2 - 1] + a[k / 2]);
}

/** Inverse of a small symmetric positive-definite m×m matrix (row-major), Gauss–Jordan; null if singular. */
function invertSmall(a: Float64Array, m: number): Float64Array | null {
  const w = Float64Array.from(a);
  const inv = new Float64Array(m * m);
  for (let i = 0; i < m; i++) inv[i * m + i] = 1;
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(w[r * m + c]) > Math.abs(w[piv * m + c])) piv = r;
    const p = w[piv * m + c];
    if (!(Math.abs(p) > 0) || !Number.isFinite(p)) return null;
    if (piv !== c) {
      for (let k = 0; k < m; k++) {
        [w[c * m + k], w[piv * m + k]] = [w[piv * m + k], w[c * m + k]];
        [inv[c * m + k], inv[piv * m + k]] = [inv[piv * m + k], inv[c * m + k]];
      }
    }
    for (let k = 0; k < m; k++) {
      w[c * m + k] /= p;
      inv[c * m + k] /= p;
    }
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = w[r * m + c];
      if (f === 0) continue;
      for (let k = 0; k < m; k++) {
        w[r * m + k] -= f * w[c * m + k];
        inv[r * m + k] -= f * inv[c * m + k];
      }
    }
  }
  return inv;
}

/** Result of {@link hertzBranchFit} in the reduced coordinates ζ (away from the surface) and u ≥ 0. */
interface HertzBranch {
  readonly zetaC: number;
  readonly varZetaC: number;
  /** a = 1/|S| (m per deflection unit). */
  readonly a: number;
  /** c ≥ 0 (m per deflection unit^{2/3}). */
  readonly c: number;
  readonly residualStd: number;
  readonly n: number;
}

/**
 * Least-squares fit of the Hertz-compliant hard-contact branch ζ_c − ζ = a u + c u^{2/3} (u ≥ 0
 * the baseline-subtracted deflection excursion, residuals in u, c ≥ 0) by projected
 * Levenberg–Marquardt; u(ζ) is the unique root of the monotone cubic a v³ + c v² = ζ_c − ζ in
 * v = u^{1/3} (Newton from the right, monotone convergence). Free parameters: ζ_c always; a unless
 * `fixedA` (m per deflection unit); c unless `fixedC` (C in m^{1/3}: c = C a^{2/3}). Started from the
 * linear regression of ζ on [1, u, u^{2/3}]. Coordinates are scaled by U (the excursion) and
 * W = a₀U (its length).
 */
function hertzBranchFit(zt: Float64Array, u: Float64Array, mask: Float64Array, zeta0: number, a0: number, U: number, fixedC?: number, fixedA?: number, fitOnset = false): HertzBranch | null {
  const idx: number[] = [];
  for (let i = 0; i < zt.length; i++) if (mask[i] !== 0) idx.push(i);
  const m = idx.length;
  if (m < 4) return null;
  const W = a0 * U;
  // fixed C (m^{1/3}): K = κ A^{2/3} with κ = C / W^{1/3}
  const kappa = fixedC === undefined ? NaN : fixedC / Math.cbrt(W);
  const t = Float64Array.from(idx, (i) => (zeta0 - zt[i]) / W);
  const y = Float64Array.from(idx, (i) => u[i] / U);
  const A0 = fixedA === undefined ? 1 : (fixedA * U) / W;
  let p = [0, A0, 0, 0];
  if (fixedC === undefined && fixedA === undefined) {
    // initial guess: t = −τ + A y + K y^{2/3} by linear least squares
    const M = new Float64Array(9);
    const r = [0, 0, 0];
    for (let j = 0; j < m; j++) {
      const yy = Math.max(0, y[j]);
      const f = [-1, yy, Math.cbrt(yy * yy)];
      for (let a = 0; a < 3; a++) {
        r[a] += f[a] * t[j];
        for (let b = 0; b < 3; b++) M[a * 3 + b] += f[a] * f[b];
      }
    }
    const inv = invertSmall(M, 3);
    if (inv !== null) {
      const q = [0, 1, 2].map((a) => inv[a * 3] * r[0] + inv[a * 3 + 1] * r[1] + inv[a * 3 + 2] * r[2]);
      if (q[1] > 0 && q[2] >= 0 && q.every(Number.isFinite)) p = [...q, 0];
    }
  }
  const kOf = (q: readonly number[]): number => (fixedC === undefined ? q[2] : kappa * Math.cbrt(q[1] * q[1]));
  // g: ∂y/∂(τ, A, K), with the tie K(A) folded into ∂y/∂A when C is fixed
  const model = (q: readonly number[], j: number, g: number[] | null): number => {
    const A = q[1];
    const y0 = q[3];
    const s = q[0] + t[j] - A * y0;
    if (!(s > 0)) {
      if (g) {
        g[0] = 1 / A;
        g[1] = -(q[0] + t[j]) / (A * A);
        g[2] = 0;
        g[3] = 0;
      }
      return Math.max(0, (q[0] + t[j]) / A);
    }
    const K = kOf(q);
    let v = Math.cbrt(s / A);
    for (let it = 0; it < 60; it++) {
      const f = A * v * v * v + K * v * v - s;
      const dv = f / (3 * A * v * v + 2 * K * v);
      v -= dv;
      if (!(Math.abs(dv) > 1e-15 * v)) break;
    }
    const yv = y0 + v * v * v;
    if (g) {
      const G = A + ((2 / 3) * K) / v;
      g[0] = 1 / G;
      g[1] = -yv / G;
      g[3] = 1 - A / G;
      g[2] = (-v * v) / G;
      if (fixedC !== undefined) g[1] += (g[2] * (2 / 3) * kappa) / Math.cbrt(A);
    }
    return yv;
  };
  const sse = (q: readonly number[]): number => {
    let e = 0;
    for (let j = 0; j < m; j++) {
      const r = y[j] - model(q, j, null);
      e += r * r;
    }
    return e;
  };
  let free = [0];
  if (fixedA === undefined) free.push(1);
  if (fixedC === undefined) free.push(2);
  let mu = 1e-3;
  let cur = sse(p);
  if (fitOnset) free.push(3);
  const g = [0, 0, 0, 0];
  const JtJ = new Float64Array(16);
  const normal = (k: number, Jr: number[] | null): void => {
    JtJ.fill(0);
    if (Jr) Jr.fill(0);
    for (let j = 0; j < m; j++) {
      const r = y[j] - model(p, j, g);
      for (let a = 0; a < k; a++) {
        if (Jr) Jr[a] += g[free[a]] * r;
        for (let b = 0; b < k; b++) JtJ[a * k + b] += g[free[a]] * g[free[b]];
      }
    }
  };
  for (let iter = 0; iter < 100; iter++) {
    const k = free.length;
    const Jr = [0, 0, 0, 0];
    normal(k, Jr);
    let improved = false;
    for (let tries = 0; tries < 12; tries++) {
      const Ad = JtJ.slice(0, k * k);
      for (let a = 0; a < k; a++) Ad[a * k + a] *= 1 + mu;
      const inv = invertSmall(Ad, k);
      if (inv === null) break;
      const q = p.slice();
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) q[free[a]] += inv[a * k + b] * Jr[b];
      if (!(q[1] > 0)) {
        mu *= 10;
        continue;
      }
      const hitBound = fixedC === undefined && q[2] < 0;
      if (hitBound) q[2] = 0;
      if (q[3] < 0) q[3] = 0;
      const e = sse(q);
      if (e <= cur) {
        const rel = (cur - e) / Math.max(cur, 1e-300);
        p = q;
        cur = e;
        mu = Math.max(1e-9, mu / 10);
        if (hitBound) free = free.filter((f) => f !== 2); // c = 0: the line through the baseline's zero
        improved = rel > 1e-12 || hitBound;
        break;
      }
      mu *= 10;
    }
    if (!improved) break;
  }
  // covariance σ̂² (JᵀJ)⁻¹ of the free parameters (τ is the first)
  const k = free.length;
  normal(k, null);
  const inv = invertSmall(JtJ.slice(0, k * k), k);
  const s2 = cur / Math.max(1, m - k);
  const varTau = inv === null ? NaN : s2 * inv[0];
  if (!p.every(Number.isFinite)) return null;
  return { zetaC: zeta0 + W * p[0], varZetaC: W * W * varTau, a: (p[1] * W) / U, c: (kOf(p) * W) / Math.cbrt(U * U), residualStd: U * Math.sqrt(s2), n: m };
}

/**
 * Locate the solid–solid contact of one approach curve by intersecting the fitted baseline and
 * hard-contact lines (`002_bf87beaba622041e.txt` Section 5, Fig. 3c), with the window rule and the
 * uncertainty described in the module documentation.
 *
 * Z_c = (a_h − a_b)/(b_b − b_h); σ²(Z_c) = [Var(ȳ_b) + Var(ȳ_h) + (Z_c − Z̄_b)² Var(b_b) +
 * (Z_c − Z̄_h)² Var(b_h)]/(b_b − b_h)².
 *
 * @param Z sample (piezo) position of each point (m); any order, any direction of travel
 * @param deflection normal deflection signal (V, or m if already calibrated); either polarity
 * @throws RangeError on non-finite input, too short curves, no baseline beyond the contact, or a
 *   hard-contact part with fewer than `minPoints` points
 */
export function findContactPoint(Z: ArrayLike<number>, deflection: ArrayLike<number>, options: ContactPointOptions = {}): ContactPoint {
  const minPoints = options.minPoints ?? 8;
  if (!(Number.isInteger(minPoints) && minPoints >= 3)) throw new RangeError(`findContactPoint: minPoints = ${minPoints} must be an integer >= 3`);
  validate(Z, deflection, minPoints);
  let level = options.hardContactLevel ?? 0.5;
  const baseFrac = options.baselineFraction ?? 0.5;
  const slopeTol = options.slopeTolerance ?? 0.03;
  checkFraction('hardContactLevel', level, 0, 1);
  checkFraction('baselineFraction', baseFrac, 0, 1);
  checkFraction('slopeTolerance', slopeTol, 0, 1);
  const model: HardContactModel = options.hardContactModel ?? 'line';
  const hertzLevel = options.hertzLevel ?? 0.5;
  checkFraction('hertzLevel', hertzLevel, 0, 1);
  const D = deflection;
  const n = Z.length;
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let i = 0; i < n; i++) {
    if (Z[i] < zMin) zMin = Z[i];
    if (Z[i] > zMax) zMax = Z[i];
  }
  const range = zMax - zMin;
  if (!(range > 0)) throw new RangeError('findContactPoint: Z has zero range');

  // 1. orientation
  const farSide: FarSide = options.farSide ?? 'auto';
  let s: 1 | -1;
  const mask = new Float64Array(n);
  const edge = 0.15 * range;
  switch (farSide) {
    case 'highZ':
      s = 1;
      break;
    case 'lowZ':
      s = -1;
      break;
    case 'auto': {
      for (let i = 0; i < n; i++) mask[i] = Z[i] >= zMax - edge ? 1 : 0;
      const hiFit = linearFit(Z, D, mask);
      for (let i = 0; i < n; i++) mask[i] = Z[i] <= zMin + edge ? 1 : 0;
      const loFit = linearFit(Z, D, mask);
      s = Math.abs(hiFit.slope) <= Math.abs(loFit.slope) ? 1 : -1;
      break;
    }
    default: {
      const never: never = farSide;
      throw new RangeError(`findContactPoint: farSide = ${String(never)} must be 'auto', 'highZ' or 'lowZ'`);
    }
  }
  // ζ = s·Z increases away from the surface
  const zetaFar = s === 1 ? zMax : -zMin;
  const zetaNear = s === 1 ? zMin : -zMax;
  const zt = new Float64Array(n);
  for (let i = 0; i < n; i++) zt[i] = s * Z[i];

  // 2. excursion
  const dFar = medianWhere(n, D, (i) => zt[i] >= zetaFar - edge);
  const nDeep = Math.max(3, Math.ceil(0.02 * n));
  // threshold ζ below which the nDeep deepest points lie
  const zs = Float64Array.from(zt).sort();
  const zetaDeep = zs[Math.min(n - 1, nDeep - 1)];
  const dDeep = medianWhere(n, D, (i) => zt[i] <= zetaDeep);
  const sigma = dDeep >= dFar ? 1 : -1;
  const U = sigma * (dDeep - dFar);
  if (!(U > 0)) throw new RangeError('findContactPoint: no deflection excursion between the far and the deep end of the curve');

  // 3. hard-contact line
  let hard: LineFit | undefined;
  let hardLo = zetaNear;
  let hardHi = zetaNear;
  for (let attempt = 0; attempt < 7; attempt++) {
    // preliminary: by value
    let cnt = 0;
    for (let i = 0; i < n; i++) {
      const on = sigma * (D[i] - dFar) >= level * U ? 1 : 0;
      mask[i] = on;
      cnt += on;
    }
    if (cnt < minPoints) {
      // take the minPoints deepest points
      const zc = zs[minPoints - 1];
      for (let i = 0; i < n; i++) mask[i] = zt[i] <= zc ? 1 : 0;
    }
    const pre = linearFit(Z, D, mask);
    // final: by position, deeper than where the preliminary line reaches λU
    const zLevel = (dFar + sigma * level * U - pre.intercept) / pre.slope; // Z where the line = level
    let zetaCut = s * zLevel;
    if (!Number.isFinite(zetaCut)) zetaCut = zs[minPoints - 1];
    cnt = 0;
    for (let i = 0; i < n; i++) {
      const on = zt[i] <= zetaCut ? 1 : 0;
      mask[i] = on;
      cnt += on;
    }
    if (cnt < minPoints) {
      zetaCut = zs[minPoints - 1];
      for (let i = 0; i < n; i++) mask[i] = zt[i] <= zetaCut ? 1 : 0;
    }
    hard = linearFit(Z, D, mask);
    hardLo = zetaNear;
    hardHi = zetaCut;
    // saturation check: shallower half vs deeper half (by position)
    const mid = 0.5 * (hardLo + hardHi);
    let nA = 0;
    let nB = 0;
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue;
      if (zt[i] > mid) nA++;
      else nB++;
    }
    if (nA < 3 || nB < 3 || cnt < 2 * minPoints) break;
    for (let i = 0; i < n; i++) mask[i] = mask[i] !== 0 && zt[i] > mid ? 1 : 0;
    const shallow = linearFit(Z, D, mask);
    for (let i = 0; i < n; i++) mask[i] = zt[i] <= mid && zt[i] <= hardHi ? 1 : 0;
    const deep = linearFit(Z, D, mask);
    const deficit = Math.abs(deep.slope) - Math.abs(shallow.slope);
    const se = Math.sqrt(deep.varSlope + shallow.varSlope);
    if (!(deficit > 3 * se && deficit > slopeTol * Math.abs(deep.slope))) break;
    level = 0.5 * (1 + level);
  }
  if (hard === undefined) throw new Error('findContactPoint: internal error, no hard-contact fit');
  if (hard.n < minPoints) throw new RangeError(`findContactPoint: only ${hard.n} hard-contact points, need minPoints = ${minPoints}`);

  // 4–5. baseline beyond the preliminary contact, then the intersection
  const zeta0 = s * ((dFar - hard.intercept) / hard.slope);
  if (!(zeta0 < zetaFar)) throw new RangeError('findContactPoint: the curve never leaves contact (no baseline beyond the contact point)');
  const baseLo = zeta0 + (1 - baseFrac) * (zetaFar - zeta0);
  let cnt = 0;
  for (let i = 0; i < n; i++) {
    const on = zt[i] >= baseLo ? 1 : 0;
    mask[i] = on;
    cnt += on;
  }
  if (cnt < minPoints) throw new RangeError(`findContactPoint: only ${cnt} baseline points beyond the contact, need minPoints = ${minPoints}`);
  const baseline: RobustLineFit | undefined = robustLinearFit(Z, D, 0, n, { mask });
  const cross = lineIntersection(baseline, hard);
  if (baseline === undefined) throw new Error('findContactPoint: internal error, no baseline fit');
  const lineSensitivity = hard.slope - baseline.slope;
  const win = (a: number, b: number): readonly [number, number] => (s === 1 ? [a, b] : [-b, -a]);
  const common = {
    farSign: s,
    baseline,
    hardContact: hard,
    baselineWindow: win(baseLo, zetaFar),
    hardContactLevel: level,
    deflectionNoise: baseline.robustScale,
  };
  switch (model) {
    case 'line':
      return { ...common, contactZ: cross.x, contactZStd: cross.xStd, sensitivity: lineSensitivity, invOLS: 1 / Math.abs(lineSensitivity), hardWindow: win(hardLo, hardHi), hardContactModel: 'line' };
    case 'hertz': {
      // window by position at λ_H (no saturation narrowing: the Hertz curvature is in the model)
      for (let i = 0; i < n; i++) mask[i] = sigma * (D[i] - dFar) >= hertzLevel * U ? 1 : 0;
      const pre = linearFit(Z, D, mask);
      let zetaCut = s * ((dFar + sigma * hertzLevel * U - pre.intercept) / pre.slope);
      if (!(Number.isFinite(zetaCut) && zetaCut >= hardHi)) zetaCut = hardHi;
      const u = new Float64Array(n);
      let cntH = 0;
      // the trigger hold (several points at the deepest Z) carries no information on the branch's shape
      let nHold = 0;
      for (let i = 0; i < n; i++) if (zt[i] <= zetaNear) nHold++;
      const holdEdge = nHold > 1 ? zetaNear : -Infinity;
      for (let i = 0; i < n; i++) {
        u[i] = sigma * (D[i] - lineValue(baseline, Z[i]));
        const on = zt[i] <= zetaCut && zt[i] > holdEdge ? 1 : 0;
        mask[i] = on;
        cntH += on;
      }
      if (cntH < minPoints) throw new RangeError(`findContactPoint: only ${cntH} points in the Hertz hard-contact window, need minPoints = ${minPoints}`);
      const fit = hertzBranchFit(zt, u, mask, s * cross.x, 1 / Math.abs(lineSensitivity), U, options.hertzCompliance, options.hertzInvOLS, options.hertzOnset ?? false);
      if (fit === null) throw new RangeError('findContactPoint: the Hertz hard-contact fit did not converge');
      const contactZ = s * fit.zetaC;
      // baseline uncertainty at Z_c moves the zero of u: σ_Z ≈ a·σ_B (the branch's slope at its start is bounded by 1/a)
      const sb = fit.a * lineValueStd(baseline, contactZ);
      const sensitivity = (-sigma * s) / fit.a;
      const hertz: HertzContactFit = {
        contactZ,
        contactZStd: Math.sqrt(fit.varZetaC + sb * sb),
        sensitivity,
        compliance: fit.c / Math.cbrt(fit.a * fit.a),
        residualStd: fit.residualStd,
        n: fit.n,
      };
      return { ...common, contactZ, contactZStd: hertz.contactZStd, sensitivity, invOLS: fit.a, hardWindow: win(zetaNear, zetaCut), hardContactModel: 'hertz', hertz };
    }
    default: {
      const never: never = model;
      throw new RangeError(`findContactPoint: hardContactModel = ${String(never)} must be 'line' or 'hertz'`);
    }
  }
}

/**
 * Tip–surface distance z_p of every point, referenced to the solid–solid contact and corrected for
 * the cantilever deflection (`002_bf87beaba622041e.txt` Fig. 3d, "calibrated tip-electrode surface
 * distance … with solid-solid contact as origin"):
 *
 *   z_p = s·[(Z − Z_c) − (D − B(Z))/(b_h − b_b)],
 *
 * where s = `farSign`, B(Z) the baseline, b_h − b_b the sensitivity: the deflection, converted to
 * metres by the hard-contact slope, is the distance the tip was pushed back by the sample. On the
 * hard-contact line z_p = 0, far away z_p = s(Z − Z_c) > 0; within a soft layer z_p decreases more
 * slowly than the sample travels, so z_p is non-uniformly spaced (use
 * {@link localPolynomialDerivative} for derivatives against it). Units: m.
 */
export function tipSurfaceDistance(Z: ArrayLike<number>, deflection: ArrayLike<number>, cp: ContactPoint, out?: Float64Array): Float64Array {
  const n = Z.length;
  if (deflection.length !== n) throw new RangeError(`tipSurfaceDistance: deflection.length = ${deflection.length} differs from Z.length = ${n}`);
  const o = out ?? new Float64Array(n);
  if (o.length !== n) throw new RangeError(`tipSurfaceDistance: out.length = ${o.length} differs from Z.length = ${n}`);
  const inv = 1 / cp.sensitivity;
  for (let i = 0; i < n; i++) {
    const z = Z[i];
    o[i] = cp.farSign * (z - cp.contactZ - (deflection[i] - lineValue(cp.baseline, z)) * inv);
  }
  return o;
}

/**
 * Sample-position referencing without the deflection correction: z = s·(Z − Z_c) (m), positive on
 * the far side. Uniformly spaced if Z is; equals {@link tipSurfaceDistance} wherever the deflection
 * is at the baseline.
 */
export function referencedPosition(Z: ArrayLike<number>, cp: ContactPoint, out?: Float64Array): Float64Array {
  const n = Z.length;
  const o = out ?? new Float64Array(n);
  if (o.length !== n) throw new RangeError(`referencedPosition: out.length = ${o.length} differs from Z.length = ${n}`);
  for (let i = 0; i < n; i++) o[i] = cp.farSign * (Z[i] - cp.contactZ);
  return o;
}

/**
 * Deflection converted to metres of cantilever bending, relative to the baseline:
 * δ = σ (D − B(Z)) · InvOLS with σ = sign of the hard-contact excursion, so that δ > 0 when the
 * sample pushes the tip away (m). Multiply by the spring constant k_c for the normal force F_n.
 */
export function deflectionMetres(Z: ArrayLike<number>, deflection: ArrayLike<number>, cp: ContactPoint, out?: Float64Array): Float64Array {
  const n = Z.length;
  const o = out ?? new Float64Array(n);
  if (o.length !== n || deflection.length !== n) throw new RangeError(`deflectionMetres: lengths differ (Z ${n}, deflection ${deflection.length}, out ${o.length})`);
  // δ = −s·(D − B)/sensitivity: on the hard line δ = −s(Z − Z_c) = −z ≥ 0
  const f = -cp.farSign / cp.sensitivity;
  for (let i = 0; i < n; i++) o[i] = f * (deflection[i] - lineValue(cp.baseline, Z[i]));
  return o;
}

/** Result of {@link estimateHertzBranch}: the session's hard-contact constants. */
export interface HertzBranchEstimate {
  /** InvOLS = 1/|S| (m per deflection unit), median over the selected curves. */
  readonly invOLS: number;
  /** C of Z − Z_c = d + C d^{2/3} (m^{1/3}), median over the selected curves. */
  readonly compliance: number;
  /** Number of curves whose free fits entered the medians. */
  readonly curvesUsed: number;
}

/**
 * Session constants of the Hertz-compliant hard-contact branch, Z − Z_c = d + C d^{2/3}
 * (Hertz 1882; Johnson, *Contact Mechanics*, 1985, §4.2: δ_H = (9F²/(16 R E*²))^{1/3}, F = k d, so
 * C = (9k²/(16 R E*²))^{1/3}), from observed curves only. The optical-lever InvOLS and C belong to
 * the lever, the detector, the tip and the hard surface, not to one curve, while a single curve's
 * deep branch (d from ~½ to 1 of the trigger deflection) barely separates the slope from the
 * curvature; so: (1) per curve, the line fit ({@link findContactPoint}) and the deflection d(Z) in
 * metres; the film's load at the contact is q = median d within ±`onsetWindow` of Z_c over max d;
 * (2) for curves with q < `maxOnsetFraction` (the film pushes the tip by less than that fraction of
 * the trigger deflection before solid contact, so d₀ ≈ 0 in the model) the free Hertz fit
 * (`hardContactModel: 'hertz'`); (3) medians of their InvOLS and C (outlier-resistant).
 * Curves whose analysis throws are skipped. Units: Z in m, deflection in its own unit.
 *
 * @throws RangeError if fewer than `minCurves` curves qualify
 */
export function estimateHertzBranch(
  curves: readonly { readonly z: ArrayLike<number>; readonly deflection: ArrayLike<number> }[],
  options: ContactPointOptions & { readonly maxOnsetFraction?: number; readonly onsetWindow?: number; readonly minCurves?: number } = {},
): HertzBranchEstimate {
  const qMax = options.maxOnsetFraction ?? 0.05;
  const win = options.onsetWindow ?? 1e-9;
  const minCurves = options.minCurves ?? 5;
  if (!(Number.isFinite(qMax) && qMax > 0 && qMax < 1)) throw new RangeError(`estimateHertzBranch: maxOnsetFraction = ${qMax} must lie in (0, 1)`);
  if (!(Number.isFinite(win) && win > 0)) throw new RangeError(`estimateHertzBranch: onsetWindow = ${win} m must be > 0`);
  if (!(Number.isInteger(minCurves) && minCurves >= 1)) throw new RangeError(`estimateHertzBranch: minCurves = ${minCurves} must be an integer >= 1`);
  const base: ContactPointOptions = { ...options, hardContactModel: 'line', hertzCompliance: undefined, hertzInvOLS: undefined, hertzOnset: false };
  const inv: number[] = [];
  const cs: number[] = [];
  for (const c of curves) {
    try {
      const line = findContactPoint(c.z, c.deflection, base);
      const d = deflectionMetres(c.z, c.deflection, line);
      const near: number[] = [];
      let dMax = 0;
      for (let i = 0; i < d.length; i++) {
        if (Math.abs(c.z[i] - line.contactZ) <= win) near.push(d[i]);
        if (d[i] > dMax) dMax = d[i];
      }
      if (near.length === 0 || !(dMax > 0)) continue;
      const q = medianWhere(near.length, near, () => true) / dMax;
      if (!(q < qMax)) continue;
      const h = findContactPoint(c.z, c.deflection, { ...base, hardContactModel: 'hertz' }).hertz;
      if (h === undefined) continue;
      inv.push(1 / Math.abs(h.sensitivity));
      cs.push(h.compliance);
    } catch {
      // a curve without a usable contact contributes nothing
    }
  }
  if (inv.length < minCurves) throw new RangeError(`estimateHertzBranch: only ${inv.length} curves with a film load at the contact below maxOnsetFraction = ${qMax}, need minCurves = ${minCurves}`);
  return { invOLS: medianWhere(inv.length, inv, () => true), compliance: medianWhere(cs.length, cs, () => true), curvesUsed: inv.length };
}
