/**
 * The 1D-NRM analysis of `002_bf87beaba622041e.txt` §3–5 on observed data only (the instrument's
 * files and its recorded calibration; never the truth):
 *
 * 1. Solid–solid contact point of each curve by intersecting the fitted baseline and hard-contact
 *    lines of the normal channel (Fig. 3c; src/analysis/contact-point.ts), the normal InvOLS from
 *    the hard-contact slope (§3: "the ratio of this distance and the measured voltage V_n").
 * 2. Tip–surface distance z_p referenced to it and corrected for the deflection (Fig. 3d).
 * 3. Lateral force from the lock-in outputs: X + iY (RMS volts, after undoing the output scaling of
 *    the sensitivity and the reference phase) → peak phasor V* = √2 (X + iY) e^{iφ_r} → twist by the
 *    lateral InvOLS → force by Eq. 1, F = θ k_t/l_t; zero taken on the far baseline.
 * 4. Optional corrections a careful user applies: the dither actuator's calibrated transfer
 *    A* = A_l H_act(f) (§4: "it is essential to ensure that this phase shift originates solely from
 *    the sample"), and the finite lateral stiffness of the lever (the tip is not held perfectly
 *    still): K* = F* /(A* − F* /k_lat), the film's stiffness per unit relative displacement.
 * 5. Smoothed derivative against z_p (local quadratic regression, tricube kernel, half-width H;
 *    src/analysis/derivative.ts) over the approach part above the solid contact, Γ*(z_p) =
 *    −(1/4) dK* /dz_p interpolated to the depth grid, and Eq. 5:
 *    E*(z_p) = Γ*(z_p)/r_g(z_p) (= (1/(4 r_g A_l)) dF_l* /dz_l with z_l = h − z_p; without
 *    corrections K* = F* /A_l exactly as in the paper). r_g is either one number (the paper's
 *    constant, 002 §4 Eq. 5) or a depth-dependent calibration r_g(z_p) on a homogeneous reference
 *    layer ({@link rgProfileFromReference}: the same equation, kept as a function of the tip-end
 *    height above the electrode instead of being reduced to the slope of a "linear part").
 * 6. Eq. 6–7: G* = E* /(2(1 + ν)), η = G''/(2πf).
 * 7. Per voltage window: mean ± 95 % CI profiles on a common depth grid (Fig. 4b), the 2D KDE of
 *    |G*| vs z_p (Fig. 4c), violins of |G*| per depth bin (Fig. 4d), and per-bin means.
 */
import { estimateHertzBranch, findContactPoint, tipSurfaceDistance, type ContactPoint, type ContactPointOptions, type HertzBranchEstimate } from './contact-point.js';
import { localPolynomialDerivative } from './derivative.js';
import { collectByBins, groupByWindow, interpolateToGrid, PAPER_DEPTH_BINS, PAPER_VOLTAGE_WINDOWS, type Interval } from './binning.js';
import { kde2d, type Kde2d } from './kde.js';
import { columnMeanCI, type ColumnCI } from './stats.js';
import { violinStats, type ViolinStats } from './violin.js';

/**
 * What the instrument records about itself (data/instrument.json): the calibration a user has, not
 * the truth. SI units.
 */
export interface NrmInstrumentRecord {
  /** Flexural spring constant k_c (N/m), calibrated. */
  readonly springConstant: number;
  /** Torsional spring constant k_t (N·m/rad), from the lever geometry. */
  readonly torsionalSpringConstant: number;
  /** Tip length l_t, the lever arm of Eq. 1 (m). */
  readonly tipLength: number;
  /** Lateral InvOLS: lateral apex displacement by twist per volt of the lateral channel (m/V), calibrated. */
  readonly lateralInvOLS: number;
  /** Lateral stiffness at the apex, torsion and bending in series (N/m), for the compliance correction. */
  readonly lateralStiffness: number;
  /** Nominal dither amplitude A_l (m) and frequency f (Hz). */
  readonly ditherAmplitude: number;
  readonly ditherFrequency: number;
  /** Calibrated transfer H_act(f) of the dither actuator (actual / nominal displacement), complex. */
  readonly actuatorTransfer: { readonly re: number; readonly im: number };
  /** Lock-in: input sensitivity (V RMS full scale), reference phase (rad), output full scale (V). */
  readonly lockInSensitivity: number;
  readonly lockInReferencePhase: number;
  readonly lockInOutputFullScale: number;
  /** Z increases towards the tip (the sample approaches the tip). */
  readonly zTowardsTip: boolean;
}

/** Options of the pipeline. */
export interface NrmPipelineOptions {
  /**
   * Geometric coefficient r_g of Eq. 5: one number (the paper's 1.25, or a constant FEA
   * calibration for the tip) or a depth-dependent calibration r_g(z_p) ({@link RgProfile}).
   */
  readonly rg: RgSpec;
  /** Poisson ratio ν of Eq. 6; default 0.5 (G* = E* / 3, the paper's approximation). */
  readonly poissonRatio?: number;
  /** Half-width H of the local-polynomial derivative window (m); default 1.5 nm. */
  readonly derivativeHalfWidth?: number;
  /** Degree of the local polynomial; default 2. */
  readonly derivativeOrder?: number;
  /** Depth grid of the profiles (m, increasing); default 0–40 nm every 0.25 nm. */
  readonly depthGrid?: Float64Array;
  /** Points at z_p below this (m) belong to the solid contact and are excluded; default 0.5 nm. */
  readonly contactExclusion?: number;
  /** Apply the calibrated actuator transfer; default true. */
  readonly actuatorCorrection?: boolean;
  /** Correct for the lever's lateral compliance; default true. */
  readonly complianceCorrection?: boolean;
  /** Voltage windows (V); default the paper's. */
  readonly windows?: readonly Interval[];
  /** Depth bins (m); default 0–5, 5–10, 10–20 nm. */
  readonly depthBins?: readonly Interval[];
  /** Depth range of the KDE maps (m); default [0, 30 nm]. */
  readonly kdeDepthRange?: readonly [number, number];
  /** Scale of the |G*| axis of the KDE maps; default `'log10'` (moduli span decades; density per decade). */
  readonly kdeScale?: 'linear' | 'log10';
  /** KDE grid size; default 96 × 96. */
  readonly kdeGrid?: number;
  /** Options passed to the contact-point analyzer. */
  readonly contact?: ContactPointOptions;
  /**
   * Hertz-compliant hard contact (default false: the paper's straight line): the hard branch is
   * Z − Z_c = d + C (d − d₀)^{2/3} (Hertz 1882; Johnson 1985 §4.2) with the session's InvOLS and C
   * from {@link estimateHertzBranch} and per curve Z_c and the film's load at contact d₀. Corrects
   * the line's InvOLS (too small by the Hertz compliance, ~4 % on a 1.4 GPa surface under 18 nN),
   * which converts every deflection into z_p, and the contact point. Only in {@link analyzeNrm}.
   */
  readonly hertzContact?: boolean;
}

/** One curve's observed data (arrays of equal length, in acquisition order). */
export interface NrmCurveData {
  readonly z: ArrayLike<number>;
  readonly normal: ArrayLike<number>;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly potential: ArrayLike<number>;
}

/** The analysis of one curve. */
export interface NrmCurveAnalysis {
  /** False when the contact point could not be found (message in `error`); grids are then NaN. */
  readonly ok: boolean;
  readonly error?: string;
  readonly contact?: ContactPoint;
  /** Z_c (m), NaN if not ok. */
  readonly contactZ: number;
  /** z_p of every point (m). */
  readonly zp: Float64Array;
  /** Lateral force F', F'' (N) of every point, zero on the far baseline. */
  readonly forceRe: Float64Array;
  readonly forceIm: Float64Array;
  /** Number of leading points used for the derivative (the approach above the solid contact). */
  readonly used: number;
  /** Γ'(z), Γ''(z) = −(1/4) dK* /dz_p on the depth grid (Pa): Eq. 5 before the division by r_g; NaN where no data. */
  readonly gradientRe: Float64Array;
  readonly gradientIm: Float64Array;
  /** E'(z), E''(z) on the depth grid (Pa), NaN where the curve has no data. */
  readonly storage: Float64Array;
  readonly loss: Float64Array;
  /** Mean electrode potential during the curve (V). */
  readonly potential: number;
}

/**
 * A depth-dependent geometric coefficient r_g(z_p) of Eq. 5 (`002_bf87beaba622041e.txt` §4): its
 * value at tip-end heights z_p above the electrode, from a calibration on a homogeneous reference
 * layer ({@link rgProfileFromReference}). Between nodes r_g is interpolated linearly in
 * (ln z_p, ln r_g) — exact for the power law r_g ∝ z_p^−2 of a flat tip end shearing a thin gap
 * over a bonded electrode, and exact at the nodes; outside the node range it is held at the
 * nearest end value.
 */
export interface RgProfile {
  /** Tip-end heights z_p above the electrode, m, strictly ascending, > 0. */
  readonly gap: Float64Array;
  /** r_g(z_p) at each height, dimensionless, finite and > 0. */
  readonly rg: Float64Array;
}

/** r_g of Eq. 5: a constant or a depth-dependent profile. */
export type RgSpec = number | RgProfile;

/** Throw a RangeError naming the field if an r_g specification is not usable. */
export function validateRgSpec(rg: RgSpec, path = 'rg'): void {
  if (typeof rg === 'number') {
    if (!(Number.isFinite(rg) && rg > 0)) throw new RangeError(`${path} = ${rg} must be finite and > 0`);
    return;
  }
  const n = rg.gap.length;
  if (n < 1 || rg.rg.length !== n) throw new RangeError(`${path}: gap and rg must have the same length ≥ 1 (got ${n} and ${rg.rg.length})`);
  for (let i = 0; i < n; i++) {
    if (!(Number.isFinite(rg.gap[i]) && rg.gap[i] > 0)) throw new RangeError(`${path}.gap[${i}] = ${rg.gap[i]} must be finite and > 0 m`);
    if (i > 0 && !(rg.gap[i] > rg.gap[i - 1])) throw new RangeError(`${path}.gap[${i}] = ${rg.gap[i]} must be > gap[${i - 1}] = ${rg.gap[i - 1]} (strictly ascending)`);
    if (!(Number.isFinite(rg.rg[i]) && rg.rg[i] > 0)) throw new RangeError(`${path}.rg[${i}] = ${rg.rg[i]} must be finite and > 0`);
  }
}

/**
 * r_g at tip-end height z_p (m) above the electrode: the constant, or the profile interpolated
 * log–log between its nodes (held constant outside them). Dimensionless.
 * @example rgAt({ gap: Float64Array.of(1e-9, 2e-9), rg: Float64Array.of(8, 2) }, 1.5e-9) // 3.555… (= 8·1.5^−2)
 */
export function rgAt(rg: RgSpec, zp: number): number {
  if (typeof rg === 'number') return rg;
  const g = rg.gap;
  const n = g.length;
  if (!(zp > g[0])) return rg.rg[0];
  if (zp >= g[n - 1]) return rg.rg[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (g[m] <= zp) lo = m;
    else hi = m;
  }
  if (zp === g[lo]) return rg.rg[lo];
  const t = Math.log(zp / g[lo]) / Math.log(g[hi] / g[lo]);
  return rg.rg[lo] * Math.exp(t * Math.log(rg.rg[hi] / rg.rg[lo]));
}

/** r_g at every point of a grid (m), dimensionless. */
export function rgOnGrid(rg: RgSpec, grid: ArrayLike<number>): Float64Array {
  return Float64Array.from(grid as ArrayLike<number>, (z) => rgAt(rg, z));
}

/** A short description of an r_g specification (constant value, or the profile's range). */
export function describeRg(rg: RgSpec): string {
  if (typeof rg === 'number') return `r_g = ${rg.toPrecision(4)}`;
  const n = rg.gap.length;
  const at = (z: number) => `${rgAt(rg, z).toPrecision(3)} at ${(z * 1e9).toFixed(0)} nm`;
  return `r_g(z_p) profile, ${n} nodes ${(rg.gap[0] * 1e9).toFixed(2)}–${(rg.gap[n - 1] * 1e9).toFixed(1)} nm: ${[1e-9, 2e-9, 5e-9, 10e-9, 20e-9, 40e-9].filter((z) => z >= rg.gap[0] && z <= rg.gap[n - 1]).map(at).join(', ')}`;
}

/** Inputs of {@link rgProfileFromReference} (SI). */
export interface RgReferenceInput {
  /** Tip-end heights z_p above the electrode of the reference samples, m (any order). */
  readonly gap: ArrayLike<number>;
  /** Real part of the reference layer's lateral stiffness K'(z_p) = Re F_l*(z_p)/A_l, N/m. */
  readonly stiffness: ArrayLike<number>;
  /** Young's modulus E_ref of the homogeneous reference layer, Pa (elastic: r_g is real). */
  readonly referenceModulus: number;
  /** The analysis' derivative half-width H (m), order p and contact exclusion (m): use the pipeline's own. */
  readonly derivativeHalfWidth?: number;
  readonly derivativeOrder?: number;
  readonly contactExclusion?: number;
}

/**
 * Depth-dependent calibration of r_g (generalising `002_bf87beaba622041e.txt` §4, the second
 * Eq. 5, r_g = (1/(4 A_l E_ref)) dF_ref* /dz_p, to every tip-end height):
 *
 *   r_g(z_p) = −(1/(4 E_ref)) dK_ref' /dz_p ,   K_ref = F_ref* /A_l ,
 *
 * with z_p the height of the tip end above the electrode (what the contact referencing measures)
 * and dK/dz_p taken by exactly the pipeline's smoothed derivative (local polynomial of the same
 * order and half-width, over the same points z_p ≥ contact exclusion, one-sided at the same end),
 * so that Eq. 5, E*(z_p) = −(1/(4 r_g(z_p))) dK* /dz_p, returns E_ref exactly on the reference
 * and the smoothing's bias near the electrode cancels to first order. The paper reduces the same
 * curve to one number (its slope over the "linear part"); a constant cannot describe a tip end a
 * few radii above a bonded electrode, where dK/dz_p rises steeply (∝ z_p^−2 for a flat end).
 * Throws a RangeError naming the field on bad input or if dK/dz_p is not negative everywhere.
 */
export function rgProfileFromReference(input: RgReferenceInput): RgProfile {
  const n = input.gap.length;
  if (input.stiffness.length !== n) throw new RangeError(`rgProfileFromReference: stiffness has ${input.stiffness.length} values, gap ${n}`);
  const E = input.referenceModulus;
  if (!(Number.isFinite(E) && E > 0)) throw new RangeError(`rgProfileFromReference: referenceModulus = ${E} must be finite and > 0 Pa`);
  const H = input.derivativeHalfWidth ?? DEFAULTS.derivativeHalfWidth;
  const order = input.derivativeOrder ?? DEFAULTS.derivativeOrder;
  const excl = input.contactExclusion ?? DEFAULTS.contactExclusion;
  if (!(Number.isFinite(H) && H > 0)) throw new RangeError(`rgProfileFromReference: derivativeHalfWidth = ${H} must be finite and > 0 m`);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(input.gap[i])) throw new RangeError(`rgProfileFromReference: gap[${i}] = ${input.gap[i]} must be finite`);
    if (!Number.isFinite(input.stiffness[i])) throw new RangeError(`rgProfileFromReference: stiffness[${i}] = ${input.stiffness[i]} must be finite`);
    if (input.gap[i] >= excl && input.gap[i] > 0) idx.push(i);
  }
  idx.sort((a, b) => input.gap[a] - input.gap[b]);
  if (idx.length < order + 2) throw new RangeError(`rgProfileFromReference: only ${idx.length} reference points at z_p ≥ ${excl} m (need ≥ ${order + 2})`);
  const x = Float64Array.from(idx, (i) => input.gap[i]);
  const k = Float64Array.from(idx, (i) => input.stiffness[i]);
  const d = localPolynomialDerivative(x, k, { halfWidth: H, order });
  const rg = Float64Array.from(d, (v) => -v / (4 * E));
  const profile = { gap: x, rg };
  validateRgSpec(profile, 'rgProfileFromReference: r_g(z_p) (dK_ref/dz_p must be < 0 everywhere)');
  return profile;
}

const DEFAULTS = {
  poissonRatio: 0.5,
  derivativeHalfWidth: 1.5e-9,
  derivativeOrder: 2,
  contactExclusion: 0.5e-9,
  kdeDepthRange: [0, 30e-9] as const,
  kdeGrid: 96,
};

/** The default depth grid: 0–40 nm every 0.25 nm. */
export function defaultNrmDepthGrid(): Float64Array {
  const g = new Float64Array(161);
  for (let i = 0; i < g.length; i++) g[i] = i * 0.25e-9;
  return g;
}

function checkRecord(r: NrmInstrumentRecord): void {
  const pos: (keyof NrmInstrumentRecord)[] = ['springConstant', 'torsionalSpringConstant', 'tipLength', 'lateralInvOLS', 'lateralStiffness', 'ditherAmplitude', 'ditherFrequency', 'lockInSensitivity', 'lockInOutputFullScale'];
  for (const k of pos) {
    const v = r[k] as number;
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`NRM instrument record: ${k} = ${v} must be finite and > 0`);
  }
  if (!Number.isFinite(r.lockInReferencePhase)) throw new RangeError(`NRM instrument record: lockInReferencePhase = ${r.lockInReferencePhase} must be finite`);
  const h = r.actuatorTransfer;
  if (!(Number.isFinite(h.re) && Number.isFinite(h.im) && Math.hypot(h.re, h.im) > 0)) throw new RangeError(`NRM instrument record: actuatorTransfer = ${h.re} + ${h.im}i must be finite and non-zero`);
}

/**
 * Lateral force phasor F* (N, peak) of every point from the lock-in outputs:
 * V* = √2 (X + iY)·(S/V_fs)·e^{iφ_r} (RMS → peak, output volts → input volts, undo the reference
 * phase), twist u = V*·InvOLS_lat, F* = u·k_t/l_t² (Eq. 1: F = θ k_t/l_t, θ = u/l_t).
 */
export function lateralForceFromLockIn(x: ArrayLike<number>, y: ArrayLike<number>, record: NrmInstrumentRecord, outRe: Float64Array, outIm: Float64Array): void {
  const n = x.length;
  const scale = (Math.SQRT2 * record.lockInSensitivity) / record.lockInOutputFullScale;
  const c = Math.cos(record.lockInReferencePhase);
  const s = Math.sin(record.lockInReferencePhase);
  const toF = (record.lateralInvOLS * record.torsionalSpringConstant) / (record.tipLength * record.tipLength);
  for (let i = 0; i < n; i++) {
    const vr = x[i] * scale;
    const vi = y[i] * scale;
    outRe[i] = (vr * c - vi * s) * toF;
    outIm[i] = (vr * s + vi * c) * toF;
  }
}

/**
 * Γ*(z_p) = −(1/4) dK* /dz_p on a depth grid (Pa): the pipeline's smoothed derivative (local
 * polynomial of order p, tricube half-width H, src/analysis/derivative.ts) of K*(z_p) sampled at
 * ascending heights `zp` (m), interpolated linearly to `grid` (NaN outside the samples). Eq. 5 of
 * `002_bf87beaba622041e.txt` §4 is then E*(z_p) = Γ*(z_p)/r_g(z_p). Used by the pipeline on the
 * observed curves and by the scoring on the true, noise-free stiffness (the "Eq. 5 limit").
 */
export function lateralGradientOnGrid(zp: Float64Array, kRe: Float64Array, kIm: Float64Array, grid: ArrayLike<number>, halfWidth: number, order: number): { re: Float64Array; im: Float64Array } {
  const dr = localPolynomialDerivative(zp, kRe, { halfWidth, order });
  const di = localPolynomialDerivative(zp, kIm, { halfWidth, order });
  for (let j = 0; j < dr.length; j++) {
    dr[j] *= -0.25;
    di[j] *= -0.25;
  }
  return { re: interpolateToGrid(zp, dr, grid), im: interpolateToGrid(zp, di, grid) };
}

/**
 * Analyse one approach curve (steps 1–6 of the module doc). Never throws on a bad curve: returns
 * `ok: false` with the reason (e.g. no hard contact reached).
 */
export function analyzeNrmCurve(curve: NrmCurveData, record: NrmInstrumentRecord, options: NrmPipelineOptions): NrmCurveAnalysis {
  checkRecord(record);
  const rg = options.rg;
  validateRgSpec(rg, 'analyzeNrmCurve: rg');
  const nu = options.poissonRatio ?? DEFAULTS.poissonRatio;
  if (!(Number.isFinite(nu) && nu > -1 && nu <= 0.5)) throw new RangeError(`analyzeNrmCurve: poissonRatio = ${nu} must lie in (−1, 0.5]`);
  const H = options.derivativeHalfWidth ?? DEFAULTS.derivativeHalfWidth;
  const order = options.derivativeOrder ?? DEFAULTS.derivativeOrder;
  const grid = options.depthGrid ?? defaultNrmDepthGrid();
  const excl = options.contactExclusion ?? DEFAULTS.contactExclusion;
  const n = curve.z.length;
  let pot = 0;
  for (let i = 0; i < n; i++) pot += curve.potential[i];
  pot /= n;
  const nanGrid = (): Float64Array => new Float64Array(grid.length).fill(NaN);
  const zp = new Float64Array(n).fill(NaN);
  const fr = new Float64Array(n);
  const fi = new Float64Array(n);
  lateralForceFromLockIn(curve.x, curve.y, record, fr, fi);
  let cp: ContactPoint;
  try {
    cp = findContactPoint(curve.z, curve.normal, { farSide: record.zTowardsTip ? 'lowZ' : 'highZ', ...options.contact });
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e), contactZ: NaN, zp, forceRe: fr, forceIm: fi, used: 0, gradientRe: nanGrid(), gradientIm: nanGrid(), storage: nanGrid(), loss: nanGrid(), potential: pot };
  }
  tipSurfaceDistance(curve.z, curve.normal, cp, zp);
  // lateral zero on the far baseline
  let sr = 0;
  let si = 0;
  let nb = 0;
  const [b0, b1] = cp.baselineWindow;
  for (let i = 0; i < n; i++) {
    if (curve.z[i] >= b0 && curve.z[i] <= b1) {
      sr += fr[i];
      si += fi[i];
      nb++;
    }
  }
  if (nb > 0) {
    sr /= nb;
    si /= nb;
    for (let i = 0; i < n; i++) {
      fr[i] -= sr;
      fi[i] -= si;
    }
  }
  // the approach above the solid contact: from the far end until z_p first drops below the exclusion
  const order_ = new Int32Array(n);
  const dirFar = record.zTowardsTip ? 1 : -1; // far points have small Z when the sample approaches
  let monotone = true;
  for (let i = 1; i < n; i++) if (dirFar * (curve.z[i] - curve.z[i - 1]) < 0) monotone = false;
  if (monotone) for (let i = 0; i < n; i++) order_[i] = i;
  else order_.set(Array.from({ length: n }, (_, i) => i).sort((a, b) => dirFar * (curve.z[a] - curve.z[b])));
  let used = 0;
  while (used < n && zp[order_[used]] >= excl) used++;
  if (used < 8) {
    return { ok: false, error: `only ${used} points above the solid contact`, contact: cp, contactZ: cp.contactZ, zp, forceRe: fr, forceIm: fi, used, gradientRe: nanGrid(), gradientIm: nanGrid(), storage: nanGrid(), loss: nanGrid(), potential: pot };
  }
  // the used points in increasing z_p (the derivative routine then needs no sort)
  const sel = Array.from(order_.subarray(0, used)).sort((a, b) => zp[a] - zp[b] || a - b);
  // film stiffness per unit relative displacement K* = F*/(A* − F*/k_lat)
  const A = record.ditherAmplitude;
  const hr = (options.actuatorCorrection ?? true) ? record.actuatorTransfer.re : 1;
  const hi = (options.actuatorCorrection ?? true) ? record.actuatorTransfer.im : 0;
  const comp = options.complianceCorrection ?? true;
  const xs = new Float64Array(used);
  const kr = new Float64Array(used);
  const ki = new Float64Array(used);
  for (let j = 0; j < used; j++) {
    const i = sel[j];
    xs[j] = zp[i];
    let ar = A * hr;
    let ai = A * hi;
    if (comp) {
      ar -= fr[i] / record.lateralStiffness;
      ai -= fi[i] / record.lateralStiffness;
    }
    const d = ar * ar + ai * ai;
    kr[j] = (fr[i] * ar + fi[i] * ai) / d;
    ki[j] = (fi[i] * ar - fr[i] * ai) / d;
  }
  const g = lateralGradientOnGrid(xs, kr, ki, grid, H, order);
  const rgGrid = rgOnGrid(rg, grid);
  const storage = Float64Array.from(g.re, (v, j) => v / rgGrid[j]);
  const loss = Float64Array.from(g.im, (v, j) => v / rgGrid[j]);
  return { ok: true, contact: cp, contactZ: cp.contactZ, zp, forceRe: fr, forceIm: fi, used, gradientRe: g.re, gradientIm: g.im, storage, loss, potential: pot };
}

/** Shear quantities from E' and E'' on a grid: |G*| = |E*|/(2(1+ν)) (Pa), η = E''/(2(1+ν)·2πf) (Pa·s). */
export function shearFromYoung(storage: ArrayLike<number>, loss: ArrayLike<number>, poissonRatio: number, frequency: number): { magnitude: Float64Array; viscosity: Float64Array } {
  const n = storage.length;
  const g = 1 / (2 * (1 + poissonRatio));
  const magnitude = new Float64Array(n);
  const viscosity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    magnitude[i] = g * Math.hypot(storage[i], loss[i]);
    viscosity[i] = (g * loss[i]) / (2 * Math.PI * frequency);
  }
  return { magnitude, viscosity };
}

/** Mean of the finite values of one row segment within a bin of the grid; NaN if none. */
export function binMean(row: ArrayLike<number>, grid: ArrayLike<number>, bin: Interval): number {
  let s = 0;
  let k = 0;
  for (let j = 0; j < grid.length; j++) {
    if (grid[j] >= bin[0] && grid[j] < bin[1] && Number.isFinite(row[j])) {
      s += row[j];
      k++;
    }
  }
  return k > 0 ? s / k : NaN;
}

/** Per-bin estimate over the curves of a window: mean of the per-curve bin means and its standard error. */
export interface BinEstimate {
  readonly bin: Interval;
  readonly n: number;
  readonly mean: number;
  readonly standardError: number;
}

/** The Fig. 4 statistics of one voltage window. */
export interface NrmWindowAnalysis {
  readonly window: Interval;
  /** Indices of the curves in this window (ok or not). */
  readonly curves: Int32Array;
  /** Indices of the curves that were analysed successfully. */
  readonly okCurves: Int32Array;
  readonly storage: ColumnCI;
  readonly loss: ColumnCI;
  readonly shearMagnitude: ColumnCI;
  readonly viscosity: ColumnCI;
  /** 2D KDE of |G*| (y) vs z_p (x) over the window's curves. */
  readonly kde: Kde2d | null;
  /** Violins of |G*| per depth bin (one value per curve: its bin mean). */
  readonly violins: ViolinStats[];
  /**
   * Per-bin estimates of E', E'' (mean of the per-curve bin means) and |G*| as the magnitude of the
   * mean complex shear modulus, |⟨E*⟩|/(2(1+ν)) — unlike the mean of per-point magnitudes ⟨|G*|⟩
   * (which the violins and KDE show), it is not biased upwards by noise where the signal is weak.
   */
  readonly bins: { readonly storage: BinEstimate[]; readonly loss: BinEstimate[]; readonly shearMagnitude: BinEstimate[] };
}

/** Everything the pipeline found. */
export interface NrmAnalysis {
  readonly options: Required<Pick<NrmPipelineOptions, 'rg' | 'poissonRatio' | 'derivativeHalfWidth' | 'derivativeOrder' | 'contactExclusion'>>;
  readonly depthGrid: Float64Array;
  readonly curves: readonly NrmCurveAnalysis[];
  /** Per-curve grids (curves × grid) of Γ', Γ'' = −(1/4) dK* /dz_p (Pa): Eq. 5 before dividing by r_g. */
  readonly gradientRe: Float64Array;
  readonly gradientIm: Float64Array;
  /** Per-curve grids (curves × grid), Pa and Pa·s. */
  readonly storage: Float64Array;
  readonly loss: Float64Array;
  readonly shearMagnitude: Float64Array;
  readonly viscosity: Float64Array;
  readonly windows: readonly NrmWindowAnalysis[];
  /** Session hard-contact constants when `hertzContact` was on and they could be estimated. */
  readonly hertzBranch?: HertzBranchEstimate;
  /** Why the Hertz branch fell back to the line (`hertzContact` on, too few thin-film curves). */
  readonly hertzBranchError?: string;
  readonly depthBins: readonly Interval[];
}

function rowsOf(m: Float64Array, cols: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * cols);
  for (let k = 0; k < rows.length; k++) out.set(m.subarray(rows[k] * cols, (rows[k] + 1) * cols), k * cols);
  return out;
}

function binEstimates(m: Float64Array, cols: number, rows: Int32Array, grid: Float64Array, bins: readonly Interval[]): BinEstimate[] {
  return bins.map((bin) => {
    let s = 0;
    let s2 = 0;
    let k = 0;
    for (const r of rows) {
      const v = binMean(m.subarray(r * cols, (r + 1) * cols), grid, bin);
      if (Number.isFinite(v)) {
        s += v;
        s2 += v * v;
        k++;
      }
    }
    const mean = k > 0 ? s / k : NaN;
    const variance = k > 1 ? (s2 - k * mean * mean) / (k - 1) : NaN;
    return { bin, n: k, mean, standardError: Math.sqrt(Math.max(0, variance) / k) };
  });
}

/**
 * Run the whole pipeline over a set of curves (all observed): per-curve analysis, then per voltage
 * window the mean ± 95 % CI profiles (Student t), the 2D KDE of |G*| vs z_p, the violins of |G*|
 * per depth bin and the per-bin estimates. `onCurve` reports progress.
 */
export function analyzeNrm(curves: readonly NrmCurveData[], record: NrmInstrumentRecord, options: NrmPipelineOptions, onCurve: (i: number) => void = () => {}): NrmAnalysis {
  const grid = options.depthGrid ?? defaultNrmDepthGrid();
  let contact = options.contact;
  let hertzBranch: HertzBranchEstimate | undefined;
  let hertzBranchError: string | undefined;
  if (options.hertzContact ?? false) {
    const cpOpts: ContactPointOptions = { farSide: record.zTowardsTip ? 'lowZ' : 'highZ', ...options.contact };
    try {
      hertzBranch = estimateHertzBranch(curves.map((c) => ({ z: c.z, deflection: c.normal })), cpOpts);
      contact = { ...cpOpts, hardContactModel: 'hertz', hertzCompliance: hertzBranch.compliance, hertzInvOLS: hertzBranch.invOLS, hertzOnset: true };
    } catch (e) {
      hertzBranchError = e instanceof Error ? e.message : String(e);
    }
  }
  const results: NrmCurveAnalysis[] = [];
  for (let c = 0; c < curves.length; c++) {
    results.push(analyzeNrmCurve(curves[c], record, { ...options, contact, depthGrid: grid }));
    onCurve(c);
  }
  const summary = summarizeNrm(results, record.ditherFrequency, { ...options, depthGrid: grid });
  return { ...summary, ...(hertzBranch ? { hertzBranch } : {}), ...(hertzBranchError !== undefined ? { hertzBranchError } : {}) };
}

/**
 * The same analysis with another r_g (Eq. 5 is linear in 1/r_g(z_p)): E*(z) = Γ*(z)/r_g(z) from the
 * stored Γ* grids, and the window statistics recomputed. Used to show what a constant or the
 * paper's r_g = 1.25 would have given on the same data. `kde: false` skips the KDE maps.
 */
export function reanalyzeWithRg(a: NrmAnalysis, rg: RgSpec, ditherFrequency: number, options: Omit<NrmPipelineOptions, 'rg' | 'depthGrid'> & { readonly kde?: boolean } = {}): NrmAnalysis {
  validateRgSpec(rg, 'reanalyzeWithRg: rg');
  const rgGrid = rgOnGrid(rg, a.depthGrid);
  const curves = a.curves.map((c) => ({ ...c, storage: Float64Array.from(c.gradientRe, (v, j) => v / rgGrid[j]), loss: Float64Array.from(c.gradientIm, (v, j) => v / rgGrid[j]) }));
  return summarizeNrm(curves, ditherFrequency, {
    poissonRatio: a.options.poissonRatio,
    derivativeHalfWidth: a.options.derivativeHalfWidth,
    derivativeOrder: a.options.derivativeOrder,
    contactExclusion: a.options.contactExclusion,
    windows: a.windows.map((w) => w.window),
    depthBins: a.depthBins,
    ...options,
    rg,
    depthGrid: a.depthGrid,
  });
}

/** Window statistics (Fig. 4b–d, per-bin estimates) of analysed curves; see {@link analyzeNrm}. */
function summarizeNrm(results: readonly NrmCurveAnalysis[], frequency: number, options: NrmPipelineOptions & { readonly kde?: boolean }): NrmAnalysis {
  const grid = options.depthGrid ?? defaultNrmDepthGrid();
  const G = grid.length;
  const nu = options.poissonRatio ?? DEFAULTS.poissonRatio;
  const C = results.length;
  const storage = new Float64Array(C * G);
  const loss = new Float64Array(C * G);
  const gradientRe = new Float64Array(C * G);
  const gradientIm = new Float64Array(C * G);
  const shearMagnitude = new Float64Array(C * G);
  const viscosity = new Float64Array(C * G);
  const potentials = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const a = results[c];
    potentials[c] = a.potential;
    storage.set(a.storage, c * G);
    loss.set(a.loss, c * G);
    gradientRe.set(a.gradientRe, c * G);
    gradientIm.set(a.gradientIm, c * G);
    const sh = shearFromYoung(a.storage, a.loss, nu, frequency);
    shearMagnitude.set(sh.magnitude, c * G);
    viscosity.set(sh.viscosity, c * G);
  }
  const windows = options.windows ?? PAPER_VOLTAGE_WINDOWS;
  const bins = options.depthBins ?? PAPER_DEPTH_BINS;
  const kr = options.kdeDepthRange ?? DEFAULTS.kdeDepthRange;
  const kg = options.kdeGrid ?? DEFAULTS.kdeGrid;
  const groups = groupByWindow(potentials, windows);
  const wa: NrmWindowAnalysis[] = groups.map((idx, w) => {
    const okIdx = Int32Array.from(Array.from(idx).filter((c) => results[c].ok));
    const sub = (m: Float64Array) => columnMeanCI(rowsOf(m, G, okIdx), okIdx.length, G);
    // KDE of (z_p, |G*|) over the grid points inside the KDE depth range
    const kx: number[] = [];
    const ky: number[] = [];
    for (const c of okIdx) {
      for (let j = 0; j < G; j++) {
        const v = shearMagnitude[c * G + j];
        if (grid[j] >= kr[0] && grid[j] <= kr[1] && Number.isFinite(v)) {
          kx.push(grid[j]);
          ky.push(v);
        }
      }
    }
    let kde: Kde2d | null = null;
    if (kx.length >= 2 && (options.kde ?? true)) {
      let ymax = 0;
      for (const v of ky) ymax = Math.max(ymax, v);
      const scale = options.kdeScale ?? 'log10';
      kde = kde2d(kx, ky, { nx: kg, ny: kg, xRange: [kr[0], kr[1]], yRange: scale === 'log10' ? [1e4, Math.max(ymax, 1e5)] : [0, Math.max(ymax, 1)], yScale: scale });
    }
    const curvesForBins = Array.from(okIdx, (c) => ({ x: grid, y: shearMagnitude.subarray(c * G, (c + 1) * G) }));
    const groupsByBin = collectByBins(curvesForBins, bins, 'mean');
    const bStorage = binEstimates(storage, G, okIdx, grid, bins);
    const bLoss = binEstimates(loss, G, okIdx, grid, bins);
    const gf = 1 / (2 * (1 + nu));
    const bShear = bins.map((bin, k) => {
      const e1 = bStorage[k];
      const e2 = bLoss[k];
      const m = Math.hypot(e1.mean, e2.mean);
      // delta method for |⟨E*⟩|: σ² = (E'σ')² + (E''σ'')²)/|E|² (independent parts)
      const se = m > 0 ? Math.sqrt((e1.mean * e1.standardError) ** 2 + (e2.mean * e2.standardError) ** 2) / m : NaN;
      return { bin, n: Math.min(e1.n, e2.n), mean: gf * m, standardError: gf * se };
    });
    return {
      window: windows[w],
      curves: idx,
      okCurves: okIdx,
      storage: sub(storage),
      loss: sub(loss),
      shearMagnitude: sub(shearMagnitude),
      viscosity: sub(viscosity),
      kde,
      violins: groupsByBin.map((g) => violinStats(g.length > 0 ? g : Float64Array.of(NaN))),
      bins: { storage: bStorage, loss: bLoss, shearMagnitude: bShear },
    };
  });
  return {
    options: {
      rg: options.rg,
      poissonRatio: nu,
      derivativeHalfWidth: options.derivativeHalfWidth ?? DEFAULTS.derivativeHalfWidth,
      derivativeOrder: options.derivativeOrder ?? DEFAULTS.derivativeOrder,
      contactExclusion: options.contactExclusion ?? DEFAULTS.contactExclusion,
    },
    depthGrid: grid,
    curves: results,
    gradientRe,
    gradientIm,
    storage,
    loss,
    shearMagnitude,
    viscosity,
    windows: wa,
    depthBins: bins,
  };
}
