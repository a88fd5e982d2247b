/**
 * Calibration of the NRM geometric coefficient r_g (Eq. 5 of `002_bf87beaba622041e.txt` §4):
 *
 *   r_g = (1 / (4 A_l E_ref)) · dF_l* /dz_p
 *
 * from a force–penetration curve F_l*(z_p) measured (or simulated) on a homogeneous reference
 * layer of known Young's modulus E_ref, with the slope taken over the *linear part* of the curve
 * (002 Fig. 2e caption: "the linear part of the penetration curve of 1 MPa layer is used to find
 * the dimensionless coefficient r_g"). This analyzer sees only the curve and the calibration
 * inputs (A_l, E_ref), never a model's internals.
 *
 * Window rule ('auto', documented and reported with every result): the curve's secant slopes
 * s_k = ΔRe F/Δz_p between consecutive depths are computed; the window is the contiguous run
 * of intervals around the smallest secant slope whose slopes stay within `tolerance` (default
 * 5 %) of that minimum, extended if needed to span ≥ 3 depths. Rationale: a tip in a layer
 * gives a convex-then-steepening curve — the slope falls while the tip end's field develops at
 * shallow depth and rises when the tip end comes within a few tip radii of the electrode (002
 * Fig. 2e: "deviation from the linearity is expected as the tip-surface distance becomes
 * comparable with the tip radius"); the flattest stretch between is the linear part. The slope is
 * the least-squares line through the window's depths (real and imaginary parts separately).
 */
import { type Complex } from '../models/complex.js';

/** How the fitting window was chosen. */
export type RgWindow = 'auto' | { readonly from_m: number; readonly to_m: number } | 'all';

/** Inputs of {@link calibrateRg} (SI). */
export interface RgCalibrationInput {
  /** Apex depths z_p below the reference layer's top, m, strictly ascending. */
  readonly depths_m: ArrayLike<number>;
  /** F_l*(z_p), N: complex `{re, im}` or real numbers. */
  readonly force_N: ArrayLike<Complex | number>;
  /** Dither amplitude A_l, m. */
  readonly amplitude_m: number;
  /** Young's modulus of the reference layer E_ref (Pa), real or complex. */
  readonly referenceModulus_Pa: number | Complex;
  /** Window rule (default 'auto'). */
  readonly window?: RgWindow;
  /** Relative slope band of the auto rule (default 0.05). */
  readonly tolerance?: number;
}

/** Result of an r_g calibration. */
export interface RgCalibration {
  /** r_g = Re[(dF* /dz_p) / E*_ref] / (4 A_l), dimensionless. */
  readonly rg: number;
  /** The complex ratio (dF* /dz_p)/(4 A_l E*_ref); its imaginary part is ~0 for a consistent reference. */
  readonly rgComplex: Complex;
  /** Fitted slope dF* /dz_p over the window, N/m. */
  readonly slope_N_per_m: Complex;
  /** The window used: depth range, number of depths, and the rule in words. */
  readonly window: { readonly from_m: number; readonly to_m: number; readonly points: number; readonly rule: string };
  /** Linearity inside the window: max |s_k/slope − 1| of the secant slopes, and R² of the fit (Re). */
  readonly linearity: { readonly maxSlopeDeviation: number; readonly r2: number };
}

const asComplex = (v: Complex | number): Complex => (typeof v === 'number' ? { re: v, im: 0 } : v);

function fail(path: string, value: unknown, message: string, expected?: string): never {
  throw new RangeError(`calibrateRg: ${path} = ${String(value)}: ${message}${expected ? ` (expected ${expected})` : ''}`);
}

/**
 * Calibrate r_g from a force–penetration curve on a homogeneous reference layer (Eq. 5 of
 * `002_bf87beaba622041e.txt`). Validates inputs first (throws a RangeError naming the field).
 * @example calibrateRg({ depths_m: [2e-8, 3e-8, 4e-8], force_N: [1e-10, 1.5e-10, 2e-10], amplitude_m: 2e-9, referenceModulus_Pa: 1e6 }).rg
 * // 0.625
 */
export function calibrateRg(input: RgCalibrationInput): RgCalibration {
  const { depths_m: z, amplitude_m: A } = input;
  const n = z.length;
  if (n < 2) fail('depths_m', n, 'at least 2 depths are needed for a slope');
  if (input.force_N.length !== n) fail('force_N', input.force_N.length, 'one force per depth', `${n} values`);
  if (!Number.isFinite(A) || A <= 0) fail('amplitude_m', A, 'not a positive finite amplitude', '(0, 1e-6] m');
  const E = asComplex(input.referenceModulus_Pa);
  if (!Number.isFinite(E.re) || !Number.isFinite(E.im) || E.re <= 0) fail('referenceModulus_Pa', E.re, 'not a positive finite modulus', '(0, 1e12] Pa');
  const tol = input.tolerance ?? 0.05;
  if (!Number.isFinite(tol) || tol <= 0) fail('tolerance', tol, 'not a positive number', '(0, 1)');
  const F: Complex[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(z[i])) fail(`depths_m[${i}]`, z[i], 'not finite');
    if (i > 0 && !(z[i] > z[i - 1])) fail(`depths_m[${i}]`, z[i], 'depths must be strictly ascending', `> ${z[i - 1]}`);
    const f = asComplex(input.force_N[i]);
    if (!Number.isFinite(f.re) || !Number.isFinite(f.im)) fail(`force_N[${i}]`, f.re, 'not finite');
    F.push(f);
  }
  const secant = (k: number): number => (F[k + 1].re - F[k].re) / (z[k + 1] - z[k]);
  const win = input.window ?? 'auto';
  let lo = 0;
  let hi = n - 1;
  let rule: string;
  if (win === 'all') {
    rule = 'all depths given (least-squares line)';
  } else if (win === 'auto') {
    // intervals k = 0..n-2; grow around the flattest one
    let kMin = 0;
    for (let k = 1; k < n - 1; k++) if (secant(k) < secant(kMin)) kMin = k;
    const sMin = secant(kMin);
    let a = kMin;
    let b = kMin;
    const within = (k: number): boolean => secant(k) <= sMin + tol * Math.abs(sMin);
    for (;;) {
      const left = a > 0 && within(a - 1) ? secant(a - 1) : Infinity;
      const right = b < n - 2 && within(b + 1) ? secant(b + 1) : Infinity;
      if (left === Infinity && right === Infinity) break;
      if (left <= right) a--;
      else b++;
    }
    let extended = false;
    while (b - a + 2 < Math.min(3, n)) {
      const left = a > 0 ? secant(a - 1) : Infinity;
      const right = b < n - 2 ? secant(b + 1) : Infinity;
      if (left <= right) a--;
      else b++;
      extended = true;
    }
    lo = a;
    hi = b + 1;
    rule = `auto: contiguous depth intervals around the flattest secant slope dRe(F)/dz_p whose slopes stay within ${(tol * 100).toFixed(1)} % of it${extended ? ' (extended to 3 depths)' : ''}; least-squares line`;
  } else {
    const { from_m, to_m } = win;
    if (!(Number.isFinite(from_m) && Number.isFinite(to_m) && to_m > from_m)) fail('window', `${from_m}..${to_m}`, 'not a finite ascending range');
    lo = -1;
    hi = -1;
    for (let i = 0; i < n; i++) {
      if (z[i] >= from_m && z[i] <= to_m) {
        if (lo < 0) lo = i;
        hi = i;
      }
    }
    if (lo < 0 || hi - lo < 1) fail('window', `${from_m}..${to_m}`, 'fewer than 2 depths inside the window');
    rule = `fixed window ${from_m} m to ${to_m} m (least-squares line)`;
  }
  // least squares on [lo, hi]
  const m = hi - lo + 1;
  let sx = 0;
  let sr = 0;
  let si = 0;
  for (let i = lo; i <= hi; i++) {
    sx += z[i];
    sr += F[i].re;
    si += F[i].im;
  }
  const mx = sx / m;
  const mr = sr / m;
  const mi = si / m;
  let sxx = 0;
  let sxr = 0;
  let sxi = 0;
  let srr = 0;
  for (let i = lo; i <= hi; i++) {
    const dx = z[i] - mx;
    sxx += dx * dx;
    sxr += dx * (F[i].re - mr);
    sxi += dx * (F[i].im - mi);
    srr += (F[i].re - mr) ** 2;
  }
  const slope: Complex = { re: sxr / sxx, im: sxi / sxx };
  const r2 = srr > 0 ? (sxr * sxr) / (sxx * srr) : 1;
  let maxDev = 0;
  for (let k = lo; k < hi; k++) maxDev = Math.max(maxDev, Math.abs(secant(k) / slope.re - 1));
  const den = E.re * E.re + E.im * E.im;
  const ratio: Complex = { re: (slope.re * E.re + slope.im * E.im) / den / (4 * A), im: (slope.im * E.re - slope.re * E.im) / den / (4 * A) };
  return {
    rg: ratio.re,
    rgComplex: ratio,
    slope_N_per_m: slope,
    window: { from_m: z[lo], to_m: z[hi], points: m, rule },
    linearity: { maxSlopeDeviation: maxDev, r2 },
  };
}

/**
 * Depth-resolved r_g(z_p) = (dF/dz_p)(z_p) / (4 A_l E_ref) from a sampled curve (central
 * differences at midpoints), for plots of where Eq. 5 holds. Returns midpoints (m) and r_g.
 */
export function localRg(depths_m: ArrayLike<number>, force_N: ArrayLike<Complex | number>, amplitude_m: number, referenceModulus_Pa: number): { depth_m: Float64Array; rg: Float64Array } {
  const n = depths_m.length;
  const depth = new Float64Array(Math.max(0, n - 1));
  const rg = new Float64Array(Math.max(0, n - 1));
  for (let k = 0; k + 1 < n; k++) {
    const f0 = asComplex(force_N[k]).re;
    const f1 = asComplex(force_N[k + 1]).re;
    depth[k] = (depths_m[k] + depths_m[k + 1]) / 2;
    rg[k] = (f1 - f0) / (depths_m[k + 1] - depths_m[k]) / (4 * amplitude_m * referenceModulus_Pa);
  }
  return { depth_m: depth, rg };
}
