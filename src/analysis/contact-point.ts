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
 * Validity: the baseline must hold ≥ `minPoints` points beyond the soft layer (the ramp must start
 * farther than ~2× the SEI thickness above the surface) and the hard-contact part ≥ `minPoints`.
 * The uncertainty assumes white noise; drift or 1/f noise within a curve make it optimistic.
 */
import { lineIntersection, linearFit, lineValue, robustLinearFit, type LineFit, type RobustLineFit } from './linear-fit.js';

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
  const sensitivity = hard.slope - baseline.slope;
  const win = (a: number, b: number): readonly [number, number] => (s === 1 ? [a, b] : [-b, -a]);
  return {
    contactZ: cross.x,
    contactZStd: cross.xStd,
    farSign: s,
    baseline,
    hardContact: hard,
    sensitivity,
    invOLS: 1 / Math.abs(sensitivity),
    baselineWindow: win(baseLo, zetaFar),
    hardWindow: win(hardLo, hardHi),
    hardContactLevel: level,
    deflectionNoise: baseline.robustScale,
  };
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
