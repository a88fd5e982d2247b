/**
 * Where the NRM analysis meets the truth (DESIGN.md: `results/scores.json` is the one place):
 * recovered E', E'', |G*| per voltage window and depth bin, and contact points, each with a
 * tolerance derived from the noise and the depth resolution.
 *
 * Tolerance of a bin mean (absolute, Pa):
 *   tol = √[(k·SE)² + R² + (f·|truth|)²]
 * - statistical: SE the standard error of the estimate over the window's curves, k = 3 (a
 *   three-sigma band: a correct, unbiased estimator passes 99.7 % of the time);
 * - depth resolution: R = max over s = ±δ of |⟨P(z + s)⟩_bin − ⟨P(z)⟩_bin|, P the window's true
 *   mean profile — the change of the bin mean if every curve's depth axis were off by δ. δ is the
 *   scenario's depth resolution (the contact-point accuracy: the Hertz compliance of the hard
 *   surface and the lock-in lag shift z_p by a fraction of a nanometre; 1 nm by default);
 * - model floor f (5 % by default): the approximations the paper's method makes that noise does
 *   not average away — ν = 0.5 in Eq. 6 (G = E/3) against the true ν(z) = 0.40–0.49, the r_g
 *   calibration's discretisation, the smoothing of the derivative across interfaces.
 * Contact points: RMS error over the window's curves against the depth resolution δ.
 */
import { absoluteScore, relativeScore, type Score } from '../../io/artifact.js';
import type { Interval } from '../../analysis/binning.js';

/** The scored modulus quantities. */
export type NrmScoreQuantity = 'storageModulus' | 'lossModulus' | 'shearModulusMagnitude';
export const NRM_SCORE_QUANTITIES = ['storageModulus', 'lossModulus', 'shearModulusMagnitude'] as const satisfies readonly NrmScoreQuantity[];

/** Tolerance settings. */
export interface NrmToleranceSettings {
  /** Depth resolution δ, m. */
  readonly depthResolution: number;
  /** Statistical coverage factor k. */
  readonly sigmas: number;
  /** Relative model floor f. */
  readonly modelFloor: number;
}

export const DEFAULT_NRM_TOLERANCE: NrmToleranceSettings = { depthResolution: 1e-9, sigmas: 3, modelFloor: 0.05 };

/** Mean of row[j] over heights[j] ∈ [bin) where mask[j] (if given) is finite; NaN if none. */
export function maskedBinMean(row: ArrayLike<number>, heights: ArrayLike<number>, bin: Interval, mask?: ArrayLike<number>): number {
  let s = 0;
  let k = 0;
  for (let j = 0; j < heights.length; j++) {
    if (heights[j] < bin[0] || heights[j] >= bin[1]) continue;
    if (mask !== undefined && !Number.isFinite(mask[j])) continue;
    if (!Number.isFinite(row[j])) continue;
    s += row[j];
    k++;
  }
  return k > 0 ? s / k : NaN;
}

/** Column mean of the rows `curves` of a (curves × heights) matrix. */
export function meanProfileOf(m: Float64Array, cols: number, curves: ArrayLike<number>): Float64Array {
  const out = new Float64Array(cols);
  const cnt = new Int32Array(cols);
  for (let k = 0; k < curves.length; k++) {
    const off = curves[k] * cols;
    for (let j = 0; j < cols; j++) {
      const v = m[off + j];
      if (Number.isFinite(v)) {
        out[j] += v;
        cnt[j]++;
      }
    }
  }
  for (let j = 0; j < cols; j++) out[j] = cnt[j] > 0 ? out[j] / cnt[j] : NaN;
  return out;
}

function interp(heights: ArrayLike<number>, p: ArrayLike<number>, z: number): number {
  const n = heights.length;
  if (z <= heights[0]) return p[0];
  if (z >= heights[n - 1]) return p[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (heights[m] <= z) lo = m;
    else hi = m;
  }
  const t = (z - heights[lo]) / (heights[hi] - heights[lo]);
  return p[lo] + t * (p[hi] - p[lo]);
}

/**
 * The depth-resolution term R (see the module doc): the largest change of the bin mean of the
 * true mean profile P when the depth axis is shifted by ±δ. Units of P.
 */
export function depthResolutionTerm(heights: ArrayLike<number>, profile: ArrayLike<number>, bin: Interval, delta: number): number {
  let base = 0;
  let up = 0;
  let down = 0;
  let k = 0;
  for (let j = 0; j < heights.length; j++) {
    const z = heights[j];
    if (z < bin[0] || z >= bin[1] || !Number.isFinite(profile[j])) continue;
    base += profile[j];
    up += interp(heights, profile, z + delta);
    down += interp(heights, profile, Math.max(0, z - delta));
    k++;
  }
  if (k === 0) return 0;
  return Math.max(Math.abs(up - base), Math.abs(down - base)) / k;
}

/**
 * Absolute tolerance and its explanation for a bin mean (see the module doc):
 * tol = N + √[(k·SE)² + R² + (f·|truth|)²], N the residual non-locality (0 unless given; a
 * deterministic offset of the method, so added linearly, not in quadrature), Pa.
 * `rWhy` says how R was obtained (default: the shift of the true bin mean).
 */
export function binTolerance(truth: number, standardError: number, R: number, s: NrmToleranceSettings, nonLocality = 0, rWhy?: string): { tol: number; why: string } {
  const se = Number.isFinite(standardError) ? standardError : 0;
  const stat = s.sigmas * se;
  const floor = s.modelFloor * Math.abs(truth);
  const N = Number.isFinite(nonLocality) ? Math.abs(nonLocality) : 0;
  // N is a known, deterministic offset of the method (not a random error): added linearly
  const tol = N + Math.sqrt(stat * stat + R * R + floor * floor);
  const pct = (v: number) => (Math.abs(truth) > 0 ? ` = ${((100 * v) / Math.abs(truth)).toFixed(0)} % of truth` : '');
  const why =
    `${N > 0 ? 'N + ' : ''}√[(${s.sigmas}·SE)² + R² + (${(s.modelFloor * 100).toFixed(0)} %·truth)²] with SE = ${se.toExponential(2)} Pa (curve-to-curve spread / √n${Number.isFinite(standardError) ? '' : '; not given'}), ` +
    `R = ${R.toExponential(2)} Pa${pct(R)} (${rWhy ?? `change of the true bin mean for a ±${(s.depthResolution * 1e9).toFixed(2)} nm depth error: the contact-point accuracy`}), ` +
    `model floor for Eq. 6 with ν = 0.5, r_g calibration and derivative smoothing` +
    (N > 0 ? `, N = ${N.toExponential(2)} Pa${pct(N)} (residual non-locality of the lateral force: Eq. 5 with the profile r_g(z_p) applied to the true, noise-free K*(z_p) at exact depths, minus the local truth — what no noise-free Eq. 5 analysis removes)` : '');
  return { tol, why };
}

/** One estimated bin mean to score. */
export interface BinEstimateInput {
  readonly quantity: NrmScoreQuantity;
  readonly windowLabel: string;
  readonly bin: Interval;
  readonly estimate: number;
  readonly standardError: number;
  /** The true value (mean over the window's curves of the per-curve true bin means), Pa. */
  readonly truth: number;
  /** The window's true mean profile on `heights` (for R), Pa. */
  readonly truthProfile: ArrayLike<number>;
  readonly heights: ArrayLike<number>;
  /** Suffix of the quantity name, e.g. ` (paper r_g = 1.25)`. */
  readonly variant?: string;
  /** Depth-resolution term R (Pa) if computed by the caller (else from `truthProfile`), and why. */
  readonly R?: number;
  readonly rWhy?: string;
  /** Residual non-locality term N (Pa), see {@link binTolerance}. */
  readonly nonLocality?: number;
  /** Score group (see src/io/artifact.ts). */
  readonly group?: Score['group'];
}

/** Score one bin mean (relative error against the tolerance of {@link binTolerance}). */
export function scoreBin(b: BinEstimateInput, s: NrmToleranceSettings): Score {
  const R = b.R ?? depthResolutionTerm(b.heights, b.truthProfile, b.bin, s.depthResolution);
  const { tol, why } = binTolerance(b.truth, b.standardError, R, s, b.nonLocality ?? 0, b.rWhy);
  const where = `window ${b.windowLabel}, depth ${fmtNm(b.bin[0])}–${fmtNm(b.bin[1])} nm`;
  const grp = b.group === undefined ? {} : { group: b.group };
  // no film in this bin for these curves (truth 0): a relative error is meaningless, score the
  // absolute error against the absolute tolerance
  if (!(Math.abs(b.truth) > 0)) return { ...absoluteScore(`${b.quantity}${b.variant ?? ''}`, where, 'Pa', b.truth, b.estimate, tol, `${why}; absolute error because there is no film in this bin (truth 0)`), ...grp };
  return { ...relativeScore(`${b.quantity}${b.variant ?? ''}`, where, 'Pa', b.truth, b.estimate, tol / Math.abs(b.truth), why), ...grp };
}

/** Score the contact points of one window: RMS of (estimate − truth) against δ. */
export function scoreContacts(windowLabel: string, estimate: ArrayLike<number>, truth: ArrayLike<number>, s: NrmToleranceSettings): Score[] {
  let n = 0;
  let s2 = 0;
  let s1 = 0;
  for (let i = 0; i < estimate.length; i++) {
    const e = estimate[i] - truth[i];
    if (!Number.isFinite(e)) continue;
    s1 += e;
    s2 += e * e;
    n++;
  }
  const rms = n > 0 ? Math.sqrt(s2 / n) : NaN;
  const bias = n > 0 ? s1 / n : NaN;
  const why = `depth resolution δ = ${(s.depthResolution * 1e9).toFixed(2)} nm: the contact point must be known to better than the depth scale the profiles resolve (002 §1: "< 5 nm vertical scale"; Fig. 4 bins are 5 nm wide); ${n} curves`;
  return [
    { ...absoluteScore('contactPointRmsError', `window ${windowLabel}`, 'm', 0, rms, s.depthResolution, why), group: 'recovery' },
    { ...absoluteScore('contactPointBias', `window ${windowLabel}`, 'm', 0, bias, s.depthResolution, `${why}; mean signed error (estimate − truth, +: contact placed deeper in Z)`), group: 'recovery' },
  ];
}

function fmtNm(v: number): string {
  return String(Math.round(v * 1e9 * 100) / 100);
}

/**
 * Depth-resolution term of an Eq. 5 estimator, Pa: the change of the bin mean of
 * E(z) = Γ(z)/r_g(z) when every curve's depth axis is off by ±δ (the true height is z ± δ while r_g
 * is taken at the nominal z), R = max_± |⟨Γ(z ± δ)/r_g(z)⟩_bin − ⟨Γ(z)/r_g(z)⟩_bin|, over the bin's
 * heights z ≥ `from` (the contact exclusion). Γ = window-mean noise-free −(1/4) dK* /dz_p on
 * `heights`, interpolated log-linearly where positive (Γ ∝ z_p^−2 near a bonded electrode for a
 * flat tip end) and held at its end values outside the finite range. Exact in δ, not linearised: a
 * 0.5 nm error at z_p = 1.5 nm changes Γ by ×2.25.
 */
export function eq5DepthTerm(heights: ArrayLike<number>, gamma: ArrayLike<number>, rg: ArrayLike<number>, bin: Interval, delta: number, from = 0): number {
  const n = heights.length;
  let lo = 0;
  while (lo < n && !Number.isFinite(gamma[lo])) lo++;
  let hi = n - 1;
  while (hi > lo && !Number.isFinite(gamma[hi])) hi--;
  if (lo >= n) return 0;
  const at = (z: number): number => {
    if (z <= heights[lo]) return gamma[lo];
    if (z >= heights[hi]) return gamma[hi];
    let a = lo;
    let b = hi;
    while (b - a > 1) {
      const m = (a + b) >> 1;
      if (heights[m] <= z) a = m;
      else b = m;
    }
    const t = (z - heights[a]) / (heights[b] - heights[a]);
    const ga = gamma[a];
    const gb = gamma[b];
    if (!Number.isFinite(ga) || !Number.isFinite(gb)) return Number.isFinite(ga) ? ga : gb;
    return ga > 0 && gb > 0 ? ga * Math.exp(t * Math.log(gb / ga)) : ga + t * (gb - ga);
  };
  let base = 0;
  let up = 0;
  let down = 0;
  let k = 0;
  for (let j = 0; j < n; j++) {
    const z = heights[j];
    if (z < bin[0] || z >= bin[1] || z < from || !Number.isFinite(gamma[j])) continue;
    base += gamma[j] / rg[j];
    up += at(z + delta) / rg[j];
    down += at(z - delta) / rg[j];
    k++;
  }
  if (k === 0) return 0;
  return Math.max(Math.abs(up - base), Math.abs(down - base)) / k;
}
