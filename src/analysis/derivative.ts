/**
 * Smoothed derivatives of sampled curves: the dF*_l/dz_p of nanorheology.
 *
 * NRM obtains the local modulus from the depth derivative of the lateral force,
 * E*(z_p) = (1/(4 r_g A_l)) dF*_l/dz_p (`002_bf87beaba622041e.txt` Section 4, Eq. 5; Fig. 1d, 2f).
 * Differentiation amplifies noise, so the derivative is taken from a local least-squares
 * polynomial:
 *
 * - {@link savitzkyGolay}: uniform spacing h (e.g. against the piezo position Z). Coefficients
 *   from the least-squares polynomial of any order on any odd window (Savitzky & Golay, Anal. Chem.
 *   36 (1964) 1627; exact for polynomials of degree ≤ order). Edges: the polynomial fitted to the
 *   first (last) full window is evaluated at the edge samples (SciPy `savgol_filter(mode='interp')`),
 *   so there is no padding or extrapolation of data, but the edge derivative is one-sided: its noise
 *   gain is larger and its bias is O(h^order) instead of the interior's symmetric cancellation.
 * - {@link localPolynomialDerivative}: non-uniform (and not necessarily sorted) abscissae, e.g. z_p
 *   after contact referencing, which is compressed where the deflection grows. Kernel-weighted local
 *   polynomial regression of degree p (Fan & Gijbels, *Local Polynomial Modelling and Its
 *   Applications*, 1996, §3.1; Cleveland's LOESS with tricube weights, JASA 74 (1979) 829). At the
 *   ends the window becomes one-sided automatically (same caveat as above).
 *
 * Both return, if asked, the noise gain Σℓⱼ² of the equivalent linear filter (derivative = Σℓⱼyⱼ),
 * so that Var(ŷ') = σ_y² Σℓⱼ² for white noise of variance σ_y².
 */

/** Validate a window/order/derivative triple. */
function checkSG(window: number, order: number, deriv: number): void {
  if (!(Number.isInteger(window) && window >= 3 && window % 2 === 1)) {
    throw new RangeError(`Savitzky–Golay: window = ${window} must be an odd integer >= 3`);
  }
  if (!(Number.isInteger(order) && order >= 0 && order < window)) {
    throw new RangeError(`Savitzky–Golay: order = ${order} must be an integer in [0, window − 1 = ${window - 1}]`);
  }
  if (!(Number.isInteger(deriv) && deriv >= 0 && deriv <= order)) {
    throw new RangeError(`Savitzky–Golay: deriv = ${deriv} must be an integer in [0, order = ${order}]`);
  }
}

/**
 * Solve the symmetric positive-definite system M z = g in place by Cholesky (M is k×k row-major,
 * overwritten by its factor; g is overwritten by z). Returns false if M is not positive definite.
 */
function choleskySolve(M: Float64Array, g: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    let d = M[j * k + j];
    for (let s = 0; s < j; s++) d -= M[j * k + s] * M[j * k + s];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    M[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let v = M[i * k + j];
      for (let s = 0; s < j; s++) v -= M[i * k + s] * M[j * k + s];
      M[i * k + j] = v / ljj;
    }
  }
  for (let i = 0; i < k; i++) {
    let v = g[i];
    for (let s = 0; s < i; s++) v -= M[i * k + s] * g[s];
    g[i] = v / M[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let v = g[i];
    for (let s = i + 1; s < k; s++) v -= M[s * k + i] * g[s];
    g[i] = v / M[i * k + i];
  }
  return true;
}

/**
 * Savitzky–Golay coefficients c₀…c_{w−1} such that the `deriv`-th derivative of the least-squares
 * polynomial of degree `order` through samples y_{j}, j = 0…w−1 (unit spacing), evaluated at sample
 * position `pos` (0…w−1; default the centre (w−1)/2), is Σ cⱼ yⱼ. Divide by h^deriv for spacing h.
 *
 * c = A (AᵀA)⁻¹ g with Aⱼₖ = uⱼᵏ, uⱼ = (j − centre)/m (scaled to [−1, 1] for conditioning,
 * m = (w−1)/2), gₖ = k!/(k−d)! u_pos^{k−d} / m^d. Equivalent to SciPy
 * `savgol_coeffs(w, order, deriv, pos=pos, use='dot')`.
 * @example savitzkyGolayCoefficients(5, 2, 1) // [-0.2, -0.1, 0, 0.1, 0.2]
 */
export function savitzkyGolayCoefficients(window: number, order: number, deriv = 0, pos?: number): Float64Array {
  checkSG(window, order, deriv);
  const m = (window - 1) / 2;
  const p = pos ?? m;
  if (!(Number.isFinite(p) && p >= 0 && p <= window - 1)) throw new RangeError(`savitzkyGolayCoefficients: pos = ${p} must lie in [0, ${window - 1}]`);
  const k = order + 1;
  // moments Σ u^q, q = 0…2·order, then the Hankel normal matrix M_ab = Σ u^(a+b)
  const mom = new Float64Array(2 * order + 1);
  for (let j = 0; j < window; j++) {
    const u = (j - m) / m;
    let uq = 1;
    for (let q = 0; q <= 2 * order; q++) {
      mom[q] += uq;
      uq *= u;
    }
  }
  const M = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) M[a * k + b] = mom[a + b];
  const g = new Float64Array(k);
  const up = (p - m) / m;
  for (let a = deriv; a < k; a++) {
    let f = 1;
    for (let t = 0; t < deriv; t++) f *= a - t;
    g[a] = (f * Math.pow(up, a - deriv)) / Math.pow(m, deriv);
  }
  if (!choleskySolve(M, g, k)) throw new Error(`savitzkyGolayCoefficients: singular normal matrix (window ${window}, order ${order})`);
  const c = new Float64Array(window);
  for (let j = 0; j < window; j++) {
    const u = (j - m) / m;
    let s = 0;
    let uk = 1;
    for (let a = 0; a < k; a++) {
      s += g[a] * uk;
      uk *= u;
    }
    c[j] = s;
  }
  return c;
}

/** A precomputed Savitzky–Golay filter: interior and edge coefficient sets (reuse across curves). */
export interface SavitzkyGolayPlan {
  readonly window: number;
  readonly order: number;
  readonly deriv: number;
  /** Row-major table of w rows × w coefficients: row r evaluates the window polynomial at position r. */
  readonly table: Float64Array;
}

/**
 * Precompute a Savitzky–Golay filter (interior row = centre position; the other rows serve the
 * first and last (w−1)/2 samples of a curve). Build once, apply to many curves.
 */
export function savitzkyGolayPlan(window: number, order: number, deriv = 0): SavitzkyGolayPlan {
  checkSG(window, order, deriv);
  const table = new Float64Array(window * window);
  for (let r = 0; r < window; r++) table.set(savitzkyGolayCoefficients(window, order, deriv, r), r * window);
  return { window, order, deriv, table };
}

/**
 * Savitzky–Golay smoothing (deriv 0) or derivative (deriv ≥ 1) of a uniformly sampled curve.
 *
 * out[i] = h^(−d) Σⱼ cⱼ y[i − m + j] in the interior (m = (w−1)/2); for i < m (i > n−1−m) the
 * polynomial fitted to the first (last) w samples is evaluated at sample i. Units: [y]/[x]^d.
 * Needs n ≥ w. NaN in a window propagates to the outputs that use it.
 *
 * @param y samples at uniform spacing `spacing` (units of x, non-zero; negative for decreasing x)
 * @param plan from {@link savitzkyGolayPlan}
 * @param out optional output array of length n (may not alias y)
 */
export function savitzkyGolay(y: ArrayLike<number>, spacing: number, plan: SavitzkyGolayPlan, out?: Float64Array): Float64Array {
  const n = y.length;
  const w = plan.window;
  if (!(Number.isFinite(spacing) && spacing !== 0)) throw new RangeError(`savitzkyGolay: spacing = ${spacing} must be finite and non-zero`);
  if (n < w) throw new RangeError(`savitzkyGolay: curve length ${n} is shorter than the window ${w}`);
  const o = out ?? new Float64Array(n);
  if (o.length !== n) throw new RangeError(`savitzkyGolay: out.length = ${o.length} differs from y.length = ${n}`);
  if (o === (y as unknown)) throw new RangeError('savitzkyGolay: out must not alias y');
  const m = (w - 1) / 2;
  const scale = 1 / Math.pow(spacing, plan.deriv);
  const T = plan.table;
  const centre = m * w;
  for (let i = m; i < n - m; i++) {
    let s = 0;
    const base = i - m;
    for (let j = 0; j < w; j++) s += T[centre + j] * y[base + j];
    o[i] = s * scale;
  }
  for (let i = 0; i < m; i++) {
    let s = 0;
    const row = i * w;
    for (let j = 0; j < w; j++) s += T[row + j] * y[j];
    o[i] = s * scale;
  }
  for (let i = n - m; i < n; i++) {
    let s = 0;
    const row = (i - (n - w)) * w;
    const base = n - w;
    for (let j = 0; j < w; j++) s += T[row + j] * y[base + j];
    o[i] = s * scale;
  }
  return o;
}

/**
 * White-noise gain of a linear filter: Var(Σcⱼyⱼ)/σ_y² = Σcⱼ² / h^(2d). For a Savitzky–Golay
 * derivative of uniform spacing h, Var(ŷ') = σ_y² Σcⱼ²/h².
 */
export function noiseGain(coefficients: ArrayLike<number>, spacing = 1, deriv = 0): number {
  let s = 0;
  for (let j = 0; j < coefficients.length; j++) s += coefficients[j] * coefficients[j];
  return s / Math.pow(spacing, 2 * deriv);
}

/** Kernel of the local polynomial fit: tricube (LOESS) or uniform (plain moving least squares). */
export type LocalKernel = 'tricube' | 'uniform' | 'epanechnikov';

function kernelWeight(kernel: LocalKernel, u: number): number {
  const a = Math.abs(u);
  if (a >= 1) return 0;
  switch (kernel) {
    case 'tricube': {
      const t = 1 - a * a * a;
      return t * t * t;
    }
    case 'uniform':
      return 1;
    case 'epanechnikov':
      return 1 - a * a;
    default: {
      const never: never = kernel;
      throw new Error(`unknown kernel ${String(never)}`);
    }
  }
}

/** Options of {@link localPolynomialDerivative}. */
export interface LocalPolynomialOptions {
  /** Half-width H of the window in units of x (points with |xⱼ − xᵢ| < H get weight > 0). Required. */
  readonly halfWidth: number;
  /** Polynomial degree p (1 = local linear, 2 = local quadratic, …, ≤ 6); default 2. */
  readonly order?: number;
  /** Kernel; default `'tricube'`. */
  readonly kernel?: LocalKernel;
  /**
   * Minimum number of points with positive weight; where the ±H window holds fewer (sparse data, or
   * the ends), the window is widened to the nearest `minPoints` points (H := 1.1 × the largest
   * distance among them). Default max(2p + 1, p + 3).
   */
  readonly minPoints?: number;
  /**
   * Maximum number of points per fit; where the ±H window holds more (dense clusters, e.g. the
   * hard-contact part of a curve where z_p ≈ 0 within the noise), the window shrinks to the nearest
   * `maxPoints` points (H := 1.1 × their largest distance), which bounds the cost at O(n·maxPoints).
   * Default max(20, 4·minPoints).
   */
  readonly maxPoints?: number;
  /** Optional output for the smoothed values ŷ(xᵢ) (units of y). */
  readonly outSmooth?: Float64Array;
  /** Optional output for the noise gain Σℓⱼ² of the derivative at each point (units 1/[x]²). */
  readonly outGain?: Float64Array;
}

/**
 * Smoothed first derivative dy/dx of a curve sampled at arbitrary (non-uniform, unsorted, possibly
 * repeated) abscissae by kernel-weighted local polynomial regression.
 *
 * At each xᵢ: minimise Σⱼ K((xⱼ − xᵢ)/H) (yⱼ − Σₖ βₖ ((xⱼ − xᵢ)/H)ᵏ)², then ŷ'(xᵢ) = β₁/H and
 * ŷ(xᵢ) = β₀. The estimate is linear in y, ŷ'(xᵢ) = Σⱼ ℓⱼ yⱼ with ℓⱼ = Kⱼ (Σₖ zₖ uⱼᵏ)/H,
 * z = (XᵀWX)⁻¹ e₁; exact for polynomials of degree ≤ p; interior bias O(H^p) (O(H^{p+1}) for even p
 * on symmetric designs). Reference: Fan & Gijbels (1996) §3.1, Eq. 3.4–3.6. Cost O(n · points in
 * window · p²). Units: [y]/[x].
 *
 * @param x abscissae (e.g. z_p in m), finite
 * @param y ordinates (e.g. F_l' in N); NaN entries are skipped in every fit
 * @param out optional output (length n)
 */
export function localPolynomialDerivative(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: LocalPolynomialOptions,
  out?: Float64Array,
): Float64Array {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`localPolynomialDerivative: y.length = ${y.length} differs from x.length = ${n}`);
  const H0 = options.halfWidth;
  if (!(Number.isFinite(H0) && H0 > 0)) throw new RangeError(`localPolynomialDerivative: halfWidth = ${H0} must be finite and > 0`);
  const p = options.order ?? 2;
  if (!(Number.isInteger(p) && p >= 1 && p <= 6)) throw new RangeError(`localPolynomialDerivative: order = ${p} must be an integer in [1, 6]`);
  const kernel: LocalKernel = options.kernel ?? 'tricube';
  const minPts = options.minPoints ?? Math.max(2 * p + 1, p + 3);
  if (!(Number.isInteger(minPts) && minPts >= p + 1)) throw new RangeError(`localPolynomialDerivative: minPoints = ${minPts} must be an integer >= order + 1`);
  const maxPts = options.maxPoints ?? Math.max(20, 4 * minPts);
  if (!(Number.isInteger(maxPts) && maxPts >= minPts)) throw new RangeError(`localPolynomialDerivative: maxPoints = ${maxPts} must be an integer >= minPoints = ${minPts}`);
  const o = out ?? new Float64Array(n);
  if (o.length !== n) throw new RangeError(`localPolynomialDerivative: out.length = ${o.length} differs from n = ${n}`);
  const outS = options.outSmooth;
  const outG = options.outGain;
  // sorted order of the usable points (finite x and y)
  let nUse = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`localPolynomialDerivative: x[${i}] = ${x[i]} is not finite`);
    if (Number.isFinite(y[i])) nUse++;
  }
  if (nUse < minPts) throw new RangeError(`localPolynomialDerivative: ${nUse} finite points, need at least minPoints = ${minPts}`);
  const idx = new Int32Array(nUse);
  {
    let k = 0;
    for (let i = 0; i < n; i++) if (Number.isFinite(y[i])) idx[k++] = i;
  }
  sortIndexByKey(idx, x);
  const xs = new Float64Array(nUse);
  const ys = new Float64Array(nUse);
  for (let k = 0; k < nUse; k++) {
    xs[k] = x[idx[k]];
    ys[k] = y[idx[k]];
  }
  const K = p + 1;
  const M = new Float64Array(K * K);
  const M2 = new Float64Array(K * K);
  const z = new Float64Array(K);
  const z0 = new Float64Array(K);
  const pw = new Float64Array(2 * p + 1);
  const uBuf = new Float64Array(nUse);
  const wBuf = new Float64Array(nUse);
  kernelWeight(kernel, 0); // validates the kernel name (exhaustive switch)
  const kcode = kernel === 'tricube' ? 0 : kernel === 'uniform' ? 1 : 2;
  // visit the usable points in sorted order (the ±H0 window then slides: O(1) amortised), then the
  // points whose y is not finite (binary search)
  const rest = new Int32Array(n - nUse);
  {
    let r = 0;
    for (let i = 0; i < n; i++) if (!Number.isFinite(y[i])) rest[r++] = i;
  }
  let aS = 0;
  let bS = 0;
  for (let v = 0; v < n; v++) {
    let i: number;
    let xi: number;
    let a: number;
    let b: number;
    if (v < nUse) {
      i = idx[v];
      xi = xs[v];
      while (aS < nUse && xs[aS] <= xi - H0) aS++;
      if (bS < aS) bS = aS;
      while (bS < nUse && xs[bS] < xi + H0) bS++;
      a = aS;
      b = bS;
    } else {
      i = rest[v - nUse];
      xi = x[i];
      a = lowerBound(xs, xi - H0, true);
      b = lowerBound(xs, xi + H0, false);
    }
    let H = H0;
    if (b - a < minPts || b - a > maxPts) {
      // the `count` points nearest to xi (two pointers from its sorted position)
      const count = b - a < minPts ? minPts : maxPts;
      a = lowerBound(xs, xi, false);
      b = a;
      while (b - a < count) {
        const left = a > 0 ? xi - xs[a - 1] : Infinity;
        const right = b < nUse ? xs[b] - xi : Infinity;
        if (left <= right) a--;
        else b++;
      }
      let dmax = 0;
      for (let j = a; j < b; j++) dmax = Math.max(dmax, Math.abs(xs[j] - xi));
      H = dmax > 0 ? 1.1 * dmax : H0;
    }
    // weighted normal equations in u = (x − xi)/H
    for (let q = 0; q < pw.length; q++) pw[q] = 0;
    let cnt = 0;
    const invH = 1 / H;
    for (let j = a; j < b; j++) {
      const u = (xs[j] - xi) * invH;
      let wj: number;
      const au = u < 0 ? -u : u;
      if (au >= 1) wj = 0;
      else if (kcode === 0) {
        const t3 = 1 - au * au * au;
        wj = t3 * t3 * t3;
      } else if (kcode === 1) wj = 1;
      else wj = 1 - au * au;
      uBuf[j - a] = u;
      wBuf[j - a] = wj;
      if (wj === 0) continue;
      cnt++;
      let t = wj;
      for (let q = 0; q <= 2 * p; q++) {
        pw[q] += t;
        t *= u;
      }
    }
    if (cnt < K) {
      o[i] = NaN;
      if (outS) outS[i] = NaN;
      if (outG) outG[i] = NaN;
      continue;
    }
    for (let r = 0; r < K; r++) for (let c2 = 0; c2 < K; c2++) M[r * K + c2] = pw[r + c2];
    if (outS) M2.set(M);
    for (let q = 0; q < K; q++) z[q] = 0;
    z[1] = 1;
    if (!choleskySolve(M, z, K)) {
      o[i] = NaN;
      if (outS) outS[i] = NaN;
      if (outG) outG[i] = NaN;
      continue;
    }
    if (outS) {
      for (let q = 0; q < K; q++) z0[q] = 0;
      z0[0] = 1;
      choleskySolve(M2, z0, K);
    }
    let d = 0;
    let g = 0;
    let s = 0;
    for (let j = a; j < b; j++) {
      const wj = wBuf[j - a];
      if (wj === 0) continue;
      const u = uBuf[j - a];
      let poly = z[K - 1];
      for (let q = K - 2; q >= 0; q--) poly = poly * u + z[q];
      const l = wj * poly * invH;
      d += l * ys[j];
      g += l * l;
      if (outS) {
        let poly0 = z0[K - 1];
        for (let q = K - 2; q >= 0; q--) poly0 = poly0 * u + z0[q];
        s += wj * poly0 * ys[j];
      }
    }
    o[i] = d;
    if (outS) outS[i] = s;
    if (outG) outG[i] = g;
  }
  return o;
}

/**
 * Reorder `idx` so that key[idx[k]] is non-decreasing (stable). Fast paths for the common cases of
 * curve abscissae: already sorted, reversed (an approach curve's z_p decreases), or nearly sorted
 * after reversal (noise jitter in hard contact) — insertion sort, O(n + inversions) — with a fall
 * back to a comparison sort when the data are far from ordered.
 */
export function sortIndexByKey(idx: Int32Array, key: ArrayLike<number>): void {
  const n = idx.length;
  if (n < 2) return;
  let asc = true;
  for (let k = 1; k < n; k++) if (key[idx[k]] < key[idx[k - 1]]) { asc = false; break; }
  if (asc) return;
  if (key[idx[n - 1]] < key[idx[0]]) idx.reverse(); // mostly decreasing: reverse first (stability kept for ties below)
  let moves = 0;
  const limit = 4 * n;
  for (let i = 1; i < n; i++) {
    const v = idx[i];
    const kv = key[v];
    let j = i - 1;
    while (j >= 0 && (key[idx[j]] > kv || (key[idx[j]] === kv && idx[j] > v))) {
      idx[j + 1] = idx[j];
      j--;
      if (++moves > limit) break;
    }
    idx[j + 1] = v;
    if (moves > limit) {
      mergeSortIndex(idx, key);
      return;
    }
  }
}

/** Bottom-up stable merge sort of idx by key (ties by index), O(n log n), no comparator closures. */
function mergeSortIndex(idx: Int32Array, key: ArrayLike<number>): void {
  const n = idx.length;
  let src: Int32Array = idx;
  let dst: Int32Array = new Int32Array(n);
  const less = (a: number, b: number) => key[a] < key[b] || (key[a] === key[b] && a < b);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = less(src[j], src[i]) ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== idx) idx.set(src);
}

/** First index k in sorted xs with xs[k] > v (strict) or xs[k] >= v (strict = false). */
function lowerBound(xs: Float64Array, v: number, strict: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strict ? xs[mid] <= v : xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
