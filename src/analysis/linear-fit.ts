/**
 * Straight-line least squares with parameter covariance, and an outlier-resistant variant.
 *
 * Used by the contact-point analyzer (baseline and hard-contact lines of a force curve,
 * `002_bf87beaba622041e.txt` Section 5, Fig. 3c) and by anyone who needs a line with honest error
 * bars. Everything works on `Float64Array`s without per-point allocation; a point is excluded by
 * giving it weight 0.
 *
 * Parameterisation: the fit is computed about the weighted centroid x̄, `y = a + b (x − x̄)`, in
 * which a and b are uncorrelated; the returned intercept at x = 0 and its covariance follow from it.
 * Reference: Press et al., *Numerical Recipes* 3rd ed., §15.2 ("Fitting data to a straight line").
 */

/** Result of a straight-line fit y = intercept + slope·x. Units: slope [y]/[x], intercept [y]. */
export interface LineFit {
  /** b, in units of y per unit x. */
  readonly slope: number;
  /** Value at x = 0, in units of y. */
  readonly intercept: number;
  /** Weighted centroid x̄ of the fitted points (units of x). */
  readonly xMean: number;
  /** Fitted value at x̄ (= weighted mean of y), in units of y. */
  readonly yMean: number;
  /** Var(slope) = σ̂² / Sxx. */
  readonly varSlope: number;
  /** Var(value at x̄) = σ̂² / Σw (uncorrelated with the slope). */
  readonly varYMean: number;
  /** Var(intercept) = σ̂² (1/Σw + x̄²/Sxx). */
  readonly varIntercept: number;
  /** Cov(intercept, slope) = −x̄ σ̂² / Sxx. */
  readonly covInterceptSlope: number;
  /** σ̂: residual standard deviation √(Σ w r² / (n − 2)) for unit-scale weights (units of y). */
  readonly residualStd: number;
  /** Number of points with non-zero weight. */
  readonly n: number;
  /** Σ w (x − x̄)², units of x². */
  readonly sxx: number;
}

/**
 * Weighted least-squares straight line y = a + b x with parameter covariance.
 *
 * Minimises Σ wᵢ (yᵢ − a − b xᵢ)²; b = Σw(x−x̄)(y−ȳ)/Sxx; σ̂² = Σw r²/(n−2) (weights are relative:
 * covariances are scaled by the residual variance, like SciPy's `curve_fit(absolute_sigma=False)`).
 * Points with weight 0 (or non-finite x or y) are skipped. Needs ≥ 2 points with distinct x;
 * with exactly 2 points σ̂ is NaN. Reference: Numerical Recipes 3rd ed. §15.2.
 *
 * @param x abscissae (any unit)
 * @param y ordinates (any unit)
 * @param w optional non-negative relative weights (1/σᵢ² up to a common factor); omitted = all 1
 * @param start first index considered (default 0)
 * @param end one past the last index considered (default x.length)
 * @example linearFit(Float64Array.of(0, 1, 2), Float64Array.of(1, 3, 5)).slope // 2
 */
export function linearFit(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  w?: ArrayLike<number>,
  start = 0,
  end = x.length,
): LineFit {
  if (x.length !== y.length) throw new RangeError(`linearFit: x.length = ${x.length} differs from y.length = ${y.length}`);
  if (w !== undefined && w.length !== x.length) throw new RangeError(`linearFit: w.length = ${w.length} differs from x.length = ${x.length}`);
  if (!(start >= 0 && end <= x.length && start <= end)) throw new RangeError(`linearFit: index range [${start}, ${end}) outside [0, ${x.length}]`);
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let i = start; i < end; i++) {
    const wi = w === undefined ? 1 : w[i];
    const xi = x[i];
    const yi = y[i];
    if (!(wi > 0) || !Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    sw += wi;
    sx += wi * xi;
    sy += wi * yi;
    n++;
  }
  const xm = sx / sw;
  const ym = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = start; i < end; i++) {
    const wi = w === undefined ? 1 : w[i];
    const xi = x[i];
    const yi = y[i];
    if (!(wi > 0) || !Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    const dx = xi - xm;
    sxx += wi * dx * dx;
    sxy += wi * dx * (yi - ym);
  }
  if (n < 2 || !(sxx > 0)) {
    throw new RangeError(`linearFit: need at least 2 points with distinct x and positive weight (got n = ${n})`);
  }
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = start; i < end; i++) {
    const wi = w === undefined ? 1 : w[i];
    const xi = x[i];
    const yi = y[i];
    if (!(wi > 0) || !Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    const r = yi - ym - slope * (xi - xm);
    rss += wi * r * r;
  }
  const s2 = n > 2 ? rss / (n - 2) : NaN;
  const varSlope = s2 / sxx;
  const varYMean = s2 / sw;
  return {
    slope,
    intercept: ym - slope * xm,
    xMean: xm,
    yMean: ym,
    varSlope,
    varYMean,
    varIntercept: varYMean + xm * xm * varSlope,
    covInterceptSlope: -xm * varSlope,
    residualStd: Math.sqrt(s2),
    n,
    sxx,
  };
}

/** Value of a fitted line at x: ȳ + b (x − x̄) (units of y). */
export function lineValue(fit: LineFit, x: number): number {
  return fit.yMean + fit.slope * (x - fit.xMean);
}

/**
 * Standard error of the fitted line's value at x: √(Var(ȳ) + (x − x̄)² Var(b)) (units of y).
 * Reference: Numerical Recipes 3rd ed. §15.2 (confidence band of a straight-line fit).
 */
export function lineValueStd(fit: LineFit, x: number): number {
  const dx = x - fit.xMean;
  return Math.sqrt(fit.varYMean + dx * dx * fit.varSlope);
}

/** Result of {@link lineIntersection}: abscissa and ordinate of the crossing, with σ of the abscissa. */
export interface LineIntersection {
  /** x* where the lines cross (units of x). */
  readonly x: number;
  /** Common value of both lines at x* (units of y). */
  readonly y: number;
  /** Standard deviation of x* from the two fits' covariances (delta method), units of x. */
  readonly xStd: number;
}

/**
 * Crossing point of two independently fitted lines, with its uncertainty by first-order error
 * propagation (delta method).
 *
 * With each line written about its own centroid, yₖ = aₖ + bₖ (x − x̄ₖ), the crossing is
 * x* = (a₂ − a₁ + b₁x̄₁ − b₂x̄₂)/(b₁ − b₂) and, because aₖ and bₖ are uncorrelated and the two fits
 * use disjoint points,
 *   Var(x*) = [Var(a₁) + Var(a₂) + (x* − x̄₁)² Var(b₁) + (x* − x̄₂)² Var(b₂)] / (b₁ − b₂)².
 * Throws if the lines are parallel. Reference: standard delta method, e.g. Bevington & Robinson,
 * *Data Reduction and Error Analysis*, 3rd ed., §3.2.
 */
export function lineIntersection(a: LineFit, b: LineFit): LineIntersection {
  const db = a.slope - b.slope;
  if (!(Math.abs(db) > 0) || !Number.isFinite(db)) {
    throw new RangeError(`lineIntersection: lines are parallel (slopes ${a.slope} and ${b.slope})`);
  }
  const x = (b.yMean - a.yMean + a.slope * a.xMean - b.slope * b.xMean) / db;
  const dxa = x - a.xMean;
  const dxb = x - b.xMean;
  const v = a.varYMean + b.varYMean + dxa * dxa * a.varSlope + dxb * dxb * b.varSlope;
  return { x, y: lineValue(a, x), xStd: Math.sqrt(v) / Math.abs(db) };
}

/** Options of {@link robustLinearFit}. */
export interface RobustFitOptions {
  /** Tukey bisquare tuning constant c (in units of the robust scale); default 4.685 (95 % Gaussian efficiency). */
  readonly tuning?: number;
  /** Maximum IRLS iterations; default 20. */
  readonly maxIterations?: number;
  /** IRLS stops when slope and centroid value change by less than this fraction of their standard errors; default 1e-4. */
  readonly tolerance?: number;
  /** Optional prior mask/weights: points with mask 0 are excluded; non-zero mask entries multiply the robust weights. */
  readonly mask?: ArrayLike<number>;
}

/** A robust line fit: the final weighted fit plus how many points were effectively rejected. */
export interface RobustLineFit extends LineFit {
  /** Robust scale estimate s = 1.4826·MAD of the residuals at convergence (units of y). */
  readonly robustScale: number;
  /** Number of points that got zero bisquare weight (|r| > c·s). */
  readonly rejected: number;
  /** IRLS iterations used. */
  readonly iterations: number;
}

/**
 * Outlier-resistant straight line by iteratively reweighted least squares with Tukey's bisquare
 * weights wᵢ = (1 − (rᵢ/(c s))²)² for |rᵢ| < c s, else 0, where s = 1.4826·median|r − median r|
 * (MAD, consistent for Gaussian noise) is re-estimated in the first three iterations and then held
 * fixed. Starts from Tukey's
 * resistant line ({@link resistantLine}), so that one-sided spikes cannot drag the start so far
 * that the good points are rejected. The covariances returned are those of the final weighted fit (σ̂ from weighted
 * residuals), which for clean Gaussian data equal the OLS ones to within a few per cent.
 * Reference: Huber & Ronchetti, *Robust Statistics* 2nd ed. (2009) §7.8; Holland & Welsch (1977),
 * Commun. Stat. A 6, 813 (IRLS), tuning 4.685 from Beaton & Tukey (1974).
 */
export function robustLinearFit(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  start = 0,
  end = x.length,
  options: RobustFitOptions = {},
): RobustLineFit {
  const c = options.tuning ?? 4.685;
  const maxIt = options.maxIterations ?? 20;
  const tol = options.tolerance ?? 1e-4;
  if (!(Number.isFinite(c) && c > 0)) throw new RangeError(`robustLinearFit: tuning = ${c} must be finite and > 0`);
  if (x.length !== y.length) throw new RangeError(`robustLinearFit: x.length = ${x.length} differs from y.length = ${y.length}`);
  const mask = options.mask;
  // compact the active points once (the IRLS loop then touches only them)
  let n = 0;
  for (let i = start; i < end; i++) if ((mask === undefined || mask[i] > 0) && Number.isFinite(x[i]) && Number.isFinite(y[i])) n++;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const ms = new Float64Array(n);
  const w = new Float64Array(n);
  const res = new Float64Array(n);
  {
    let k = 0;
    for (let i = start; i < end; i++) {
      if ((mask === undefined || mask[i] > 0) && Number.isFinite(x[i]) && Number.isFinite(y[i])) {
        xs[k] = x[i];
        ys[k] = y[i];
        ms[k] = mask === undefined ? 1 : mask[i];
        k++;
      }
    }
  }
  // least-squares fit for the covariance layout, then the high-breakdown start (Tukey's resistant
  // line): an OLS start can be dragged so far by one-sided spikes that every good point would be
  // rejected in the first reweighting
  let fit = linearFit(xs, ys, ms);
  const rl = resistantLine(xs, ys);
  fit = { ...fit, slope: rl.slope, intercept: rl.intercept, yMean: rl.intercept + rl.slope * fit.xMean };
  let scale = NaN;
  let rejected = 0;
  let it = 0;
  for (it = 1; it <= maxIt; it++) {
    const b = fit.slope;
    const a0 = fit.yMean - b * fit.xMean;
    for (let j = 0; j < n; j++) res[j] = ys[j] - a0 - b * xs[j];
    // MAD scale on a copy (selection reorders); re-estimated in the first 3 iterations, then held
    // fixed (the scale settles once the start's bias is gone; saves two selections per iteration)
    if (it <= 3) {
      w.set(res);
      const med = medianInPlace(w);
      for (let j = 0; j < n; j++) w[j] = Math.abs(w[j] - med);
      scale = 1.4826 * medianInPlace(w);
    }
    if (!(scale > 0)) break; // exact fit (or more than half the points on the line)
    rejected = 0;
    const inv = 1 / (c * scale);
    for (let j = 0; j < n; j++) {
      const u = res[j] * inv;
      if (u < 1 && u > -1) {
        const t = 1 - u * u;
        w[j] = ms[j] * t * t;
      } else {
        w[j] = 0;
        rejected++;
      }
    }
    const next = linearFit(xs, ys, w);
    const dSlope = Math.abs(next.slope - fit.slope);
    const dMean = Math.abs(next.yMean - fit.yMean);
    fit = next;
    if (dSlope <= tol * Math.sqrt(fit.varSlope) && dMean <= tol * Math.sqrt(fit.varYMean)) break;
  }
  return { ...fit, robustScale: scale, rejected, iterations: Math.min(it, maxIt) };
}

/**
 * Tukey's resistant (three-group median) line: split the points into thirds by x, slope from the
 * medians of the outer thirds, intercept = median of y − b x; then two polishing steps that refit
 * the residuals the same way. Breakdown point ≈ 1/6; O(n) expected. Used as the start of
 * {@link robustLinearFit}. Reference: Hoaglin, Mosteller & Tukey, *Understanding Robust and
 * Exploratory Data Analysis* (1983) ch. 5; Tukey, *Exploratory Data Analysis* (1977) ch. 10.
 */
export function resistantLine(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  start = 0,
  end = x.length,
  mask?: ArrayLike<number>,
): { slope: number; intercept: number } {
  let n = 0;
  for (let i = start; i < end; i++) if ((mask === undefined || mask[i] > 0) && Number.isFinite(x[i]) && Number.isFinite(y[i])) n++;
  if (n < 3) {
    const f = linearFit(x, y, mask, start, end);
    return { slope: f.slope, intercept: f.intercept };
  }
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let k = 0;
  for (let i = start; i < end; i++) {
    if ((mask === undefined || mask[i] > 0) && Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      xs[k] = x[i];
      ys[k] = y[i];
      k++;
    }
  }
  // order by x (indices), thirds of (nearly) equal size
  let isSorted = true;
  for (let j = 1; j < n; j++) if (xs[j] < xs[j - 1]) { isSorted = false; break; }
  let isReversed = true;
  for (let j = 1; j < n; j++) if (xs[j] > xs[j - 1]) { isReversed = false; break; }
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = isReversed && !isSorted ? n - 1 - j : j;
  if (!isSorted && !isReversed) order.set(Array.from(order).sort((a, b) => xs[a] - xs[b]));
  const third = Math.max(1, Math.floor(n / 3));
  const tmp = new Float64Array(n);
  const medOf = (from: number, to: number, v: Float64Array): number => {
    for (let j = from; j < to; j++) tmp[j - from] = v[order[j]];
    return medianInPlace(tmp.subarray(0, to - from));
  };
  const xL = medOf(0, third, xs);
  const xR = medOf(n - third, n, xs);
  if (!(xR > xL)) {
    const f = linearFit(xs, ys);
    return { slope: f.slope, intercept: f.intercept };
  }
  const r = Float64Array.from(ys);
  let slope = 0;
  for (let pass = 0; pass < 3; pass++) {
    const yL = medOf(0, third, r);
    const yR = medOf(n - third, n, r);
    const db = (yR - yL) / (xR - xL);
    slope += db;
    for (let j = 0; j < n; j++) r[j] = ys[j] - slope * xs[j];
  }
  for (let j = 0; j < n; j++) tmp[j] = r[j];
  const intercept = medianInPlace(tmp);
  return { slope, intercept };
}

/**
 * Median of a Float64Array by in-place quickselect (Hoare partition); reorders `a`.
 * NaN-free input required. O(n) expected. Returns NaN for an empty array.
 */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return NaN;
  const k = n >> 1;
  const hi = selectInPlace(a, k);
  if (n % 2 === 1) return hi;
  // lower middle: the maximum of the left part a[0..k-1]
  let lo = -Infinity;
  for (let i = 0; i < k; i++) if (a[i] > lo) lo = a[i];
  return 0.5 * (lo + hi);
}

/**
 * k-th smallest element (0-based) of `a` by quickselect; afterwards a[k] holds it, a[0..k−1] ≤ a[k]
 * ≤ a[k+1..]. Reorders `a`. NaN-free input required.
 */
export function selectInPlace(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // median-of-three pivot
    const mid = (left + right) >> 1;
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
