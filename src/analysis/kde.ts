/**
 * Gaussian kernel density estimates in 1D and 2D, for the distributions of NRM moduli.
 *
 * `002_bf87beaba622041e.txt` Section 5, Fig. 4c: "two-dimensional kernel density (2D-KDE) maps of the
 * absolute value of complex shear modulus |G*(z_p)| as a function of tip-penetration distance z_p";
 * Fig. 4d: violins whose width "reflects the probability density of the data" (the 1D KDE).
 *
 * f̂(x) = (1/(Σw h)) Σᵢ wᵢ φ((x − xᵢ)/h), φ the standard normal density (Silverman, *Density
 * Estimation for Statistics and Data Analysis*, 1986, Eq. 2.2a). 2D: product kernel with one
 * bandwidth per axis, f̂(x, y) = (1/(Σw hₓ h_y)) Σᵢ wᵢ φ((x − xᵢ)/hₓ) φ((y − yᵢ)/h_y) (Scott,
 * *Multivariate Density Estimation*, 1992, Eq. 6.38). Moduli span decades, so the modulus axis can
 * be estimated on log₁₀ (density per decade).
 *
 * Two evaluation methods: exact (O(n·m)) and linear binning + discrete convolution (O(n + m·L), the
 * standard fast method; binning error O(Δ²/h²), Wand & Jones, *Kernel Smoothing*, 1995, App. D;
 * Hall & Wand, J. Comput. Graph. Stat. 5 (1996) 165). Densities are normalised so that their
 * trapezoidal integral over the grid is 1 unless `normalize: false`; `mass` reports the integral
 * before that rescaling (a value well below 1 means the grid cuts off part of the density).
 */
import { quantileSorted, sortedFinite } from './stats.js';

/** Bandwidth selection rules. */
export type BandwidthRule = 'scott' | 'silverman' | 'normal-reference';

/**
 * Rule-of-thumb Gaussian-kernel bandwidth from the finite entries of x (units of x):
 * - `'scott'`: h = σ̂ n^(−1/(d+4)) (Scott 1992, Eq. 6.42; SciPy `gaussian_kde(bw_method='scott')`),
 *   d = `dims` (1 or 2).
 * - `'silverman'`: h = 0.9 min(σ̂, IQR/1.34) n^(−1/5) (Silverman 1986, Eq. 3.31; R `bw.nrd0`).
 * - `'normal-reference'`: h = 1.06 σ̂ n^(−1/5) (Silverman 1986, Eq. 3.28, optimal for normal data).
 * σ̂ is the sample std (n − 1), IQR of Hyndman–Fan type 7. Degenerate data (σ̂ = 0) fall back as in
 * R's `bw.nrd0`: σ̂, then |x₁|, then 1.
 */
export function bandwidth(x: ArrayLike<number>, rule: BandwidthRule = 'scott', dims = 1): number {
  const s = sortedFinite(x);
  const n = s.length;
  if (n < 2) throw new RangeError(`bandwidth: need at least 2 finite values, got ${n}`);
  if (!(dims === 1 || dims === 2)) throw new RangeError(`bandwidth: dims = ${dims} must be 1 or 2`);
  let m = 0;
  for (let i = 0; i < n; i++) m += s[i];
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (s[i] - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const iqr = quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
  const fallback = (v: number) => (v > 0 ? v : sd > 0 ? sd : Math.abs(s[0]) > 0 ? Math.abs(s[0]) : 1);
  switch (rule) {
    case 'scott':
      return fallback(sd) * Math.pow(n, -1 / (dims + 4));
    case 'silverman':
      return 0.9 * fallback(Math.min(sd, iqr / 1.34)) * Math.pow(n, -0.2);
    case 'normal-reference':
      return 1.06 * fallback(sd) * Math.pow(n, -0.2);
    default: {
      const never: never = rule;
      throw new RangeError(`bandwidth: unknown rule ${String(never)}`);
    }
  }
}

/** m equally spaced points from a to b inclusive. */
export function linspace(a: number, b: number, m: number): Float64Array {
  if (!(Number.isInteger(m) && m >= 2)) throw new RangeError(`linspace: m = ${m} must be an integer >= 2`);
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError(`linspace: bounds ${a}, ${b} must be finite`);
  const out = new Float64Array(m);
  const d = (b - a) / (m - 1);
  for (let i = 0; i < m; i++) out[i] = a + i * d;
  out[m - 1] = b;
  return out;
}

/** Trapezoidal integral of samples y on a uniform grid of spacing dx. */
export function trapezoid(y: ArrayLike<number>, dx: number): number {
  const n = y.length;
  if (n < 2) return 0;
  let s = 0.5 * (y[0] + y[n - 1]);
  for (let i = 1; i < n - 1; i++) s += y[i];
  return s * dx;
}

/** KDE evaluation method: exact sum, linear binning + convolution, or automatic by cost. */
export type KdeMethod = 'auto' | 'exact' | 'binned';

/** Options of {@link kde1d}. */
export interface Kde1dOptions {
  /** Bandwidth h (units of x); default from `rule`. */
  readonly bandwidth?: number;
  /** Bandwidth rule when `bandwidth` is not given; default `'scott'`. */
  readonly rule?: BandwidthRule;
  /** Multiplies the rule's bandwidth (seaborn's `bw_adjust`); default 1. */
  readonly adjust?: number;
  /** Evaluation grid (uniform for the binned method); default: `points` points over [min − cut·h, max + cut·h]. */
  readonly grid?: Float64Array;
  /** Grid size for the default grid; default 256. */
  readonly points?: number;
  /** Grid extension beyond the data in bandwidths; default 3. */
  readonly cut?: number;
  /** Non-negative weights (same length as x); default all 1. */
  readonly weights?: ArrayLike<number>;
  /** Default `'auto'`: exact when n·m ≤ 2·10⁶, else binned (binned needs a uniform grid). */
  readonly method?: KdeMethod;
  /** Rescale so that the trapezoidal integral over the grid is 1; default true. */
  readonly normalize?: boolean;
}

/** A 1D density estimate on a grid. */
export interface Kde1d {
  readonly grid: Float64Array;
  /** f̂ at the grid points (units 1/[x]). */
  readonly density: Float64Array;
  /** h used (units of x). */
  readonly bandwidth: number;
  /** Number of finite samples used. */
  readonly n: number;
  /** Trapezoidal ∫ f̂ over the grid before normalisation (1 when the grid covers the density). */
  readonly mass: number;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** Kernel truncation in bandwidths: φ(6.5)/φ(0) = 6.8e-10. */
const CUTOFF = 6.5;

function isUniform(g: Float64Array): boolean {
  const n = g.length;
  if (n < 2) return false;
  const d = (g[n - 1] - g[0]) / (n - 1);
  if (!(d > 0)) return false;
  for (let i = 1; i < n; i++) if (Math.abs(g[i] - g[i - 1] - d) > 1e-9 * Math.abs(d)) return false;
  return true;
}

/** Finite samples and matching weights (weights validated). */
function finitePairs(x: ArrayLike<number>, weights: ArrayLike<number> | undefined, fn: string): { xs: Float64Array; ws: Float64Array | undefined } {
  if (weights !== undefined && weights.length !== x.length) throw new RangeError(`${fn}: weights.length = ${weights.length} differs from x.length = ${x.length}`);
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (weights !== undefined && !(Number.isFinite(weights[i]) && weights[i] >= 0)) throw new RangeError(`${fn}: weights[${i}] = ${weights[i]} must be finite and >= 0`);
    if (Number.isFinite(x[i])) n++;
  }
  const xs = new Float64Array(n);
  const ws = weights === undefined ? undefined : new Float64Array(n);
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) continue;
    xs[k] = x[i];
    if (ws !== undefined && weights !== undefined) ws[k] = weights[i];
    k++;
  }
  return { xs, ws };
}

/**
 * Exact Gaussian KDE on arbitrary grid points: out[j] = Σᵢ wᵢ φ((g_j − xᵢ)/h)/(h Σw), terms beyond
 * 6.5 h skipped (relative contribution < 7e-10). O(n·m). Units 1/[x].
 */
export function kdeExact(xs: ArrayLike<number>, grid: ArrayLike<number>, h: number, weights?: ArrayLike<number>, out?: Float64Array): Float64Array {
  if (!(Number.isFinite(h) && h > 0)) throw new RangeError(`kdeExact: bandwidth h = ${h} must be finite and > 0`);
  const m = grid.length;
  const o = out ?? new Float64Array(m);
  o.fill(0);
  let sw = 0;
  const inv = 1 / h;
  for (let i = 0; i < xs.length; i++) {
    const w = weights === undefined ? 1 : weights[i];
    if (w === 0) continue;
    sw += w;
    const xi = xs[i];
    for (let j = 0; j < m; j++) {
      const u = (grid[j] - xi) * inv;
      if (u > CUTOFF || u < -CUTOFF) continue;
      o[j] += w * Math.exp(-0.5 * u * u);
    }
  }
  const f = sw > 0 ? (INV_SQRT_2PI * inv) / sw : NaN;
  for (let j = 0; j < m; j++) o[j] *= f;
  return o;
}

/**
 * Linear binning (Jones & Lotwick 1983; Wand & Jones 1995 App. D) of samples onto the uniform grid
 * a + kΔ, k = 0…M−1: each sample splits its weight between its two neighbouring grid points in
 * proportion to proximity. Samples outside [a, a + (M−1)Δ] are dropped. Adds into `counts`.
 */
export function linearBin(xs: ArrayLike<number>, weights: ArrayLike<number> | undefined, a: number, delta: number, counts: Float64Array): void {
  const M = counts.length;
  for (let i = 0; i < xs.length; i++) {
    const w = weights === undefined ? 1 : weights[i];
    const pos = (xs[i] - a) / delta;
    if (!(pos >= 0 && pos <= M - 1)) continue;
    let j = Math.floor(pos);
    if (j >= M - 1) j = M - 2;
    const f = pos - j;
    counts[j] += w * (1 - f);
    counts[j + 1] += w * f;
  }
}

/** Discrete Gaussian kernel φ(lΔ/h)/h for l = −L…L (L = ⌈6.5 h/Δ⌉). */
function discreteKernel(h: number, delta: number): Float64Array {
  const L = Math.ceil((CUTOFF * h) / delta);
  const k = new Float64Array(2 * L + 1);
  for (let l = -L; l <= L; l++) {
    const u = (l * delta) / h;
    k[l + L] = (INV_SQRT_2PI / h) * Math.exp(-0.5 * u * u);
  }
  return k;
}

/**
 * Binned Gaussian KDE on the uniform grid g₀ + kΔ (k = 0…m−1): linear binning onto the grid extended
 * by L = ⌈6.5h/Δ⌉ points each side (so samples just outside the grid still contribute), then direct
 * discrete convolution. Cost O(n + (m + 2L)·L). Error vs the exact KDE O((Δ/h)²).
 */
export function kdeBinned(xs: ArrayLike<number>, g0: number, delta: number, m: number, h: number, weights?: ArrayLike<number>, out?: Float64Array): Float64Array {
  if (!(Number.isFinite(h) && h > 0)) throw new RangeError(`kdeBinned: bandwidth h = ${h} must be finite and > 0`);
  if (!(Number.isFinite(delta) && delta > 0)) throw new RangeError(`kdeBinned: grid spacing = ${delta} must be finite and > 0`);
  const kern = discreteKernel(h, delta);
  const L = (kern.length - 1) / 2;
  const M = m + 2 * L;
  const counts = new Float64Array(M);
  linearBin(xs, weights, g0 - L * delta, delta, counts);
  let sw = 0;
  if (weights === undefined) sw = xs.length;
  else for (let i = 0; i < weights.length; i++) sw += weights[i];
  const o = out ?? new Float64Array(m);
  for (let j = 0; j < m; j++) {
    // grid point j is extended index j + L; sum over extended c[j + L − l] k[l]
    let s = 0;
    const c0 = j + L;
    for (let l = -L; l <= L; l++) s += counts[c0 - l] * kern[l + L];
    o[j] = s / sw;
  }
  return o;
}

/**
 * 1D Gaussian kernel density estimate of the finite entries of x on a grid (see module doc).
 * @example kde1d(Float64Array.of(0), { bandwidth: 1, grid: Float64Array.of(0) , normalize: false }).density[0] // 0.3989422804014327
 */
export function kde1d(x: ArrayLike<number>, options: Kde1dOptions = {}): Kde1d {
  const { xs, ws } = finitePairs(x, options.weights, 'kde1d');
  const n = xs.length;
  if (n < 1) throw new RangeError('kde1d: no finite samples');
  const adjust = options.adjust ?? 1;
  if (!(Number.isFinite(adjust) && adjust > 0)) throw new RangeError(`kde1d: adjust = ${adjust} must be finite and > 0`);
  const h = options.bandwidth ?? (n >= 2 ? bandwidth(xs, options.rule ?? 'scott') * adjust : NaN);
  if (!(Number.isFinite(h) && h > 0)) throw new RangeError(`kde1d: bandwidth = ${h} must be finite and > 0 (give one explicitly for n < 2)`);
  let grid = options.grid;
  if (grid === undefined) {
    const cut = options.cut ?? 3;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      if (xs[i] < lo) lo = xs[i];
      if (xs[i] > hi) hi = xs[i];
    }
    grid = linspace(lo - cut * h, hi + cut * h, options.points ?? 256);
  }
  const m = grid.length;
  const method: KdeMethod = options.method ?? 'auto';
  let density: Float64Array;
  switch (method) {
    case 'exact':
      density = kdeExact(xs, grid, h, ws);
      break;
    case 'binned':
    case 'auto': {
      const uniform = isUniform(grid);
      if (method === 'binned' && !uniform) throw new RangeError('kde1d: the binned method needs a uniform grid');
      if (uniform && (method === 'binned' || n * m > 2e6)) density = kdeBinned(xs, grid[0], (grid[m - 1] - grid[0]) / (m - 1), m, h, ws);
      else density = kdeExact(xs, grid, h, ws);
      break;
    }
    default: {
      const never: never = method;
      throw new RangeError(`kde1d: unknown method ${String(never)}`);
    }
  }
  const mass = integrateNonUniform(grid, density);
  if (options.normalize ?? true) {
    if (mass > 0) for (let j = 0; j < m; j++) density[j] /= mass;
  }
  return { grid, density, bandwidth: h, n, mass };
}

/** Trapezoidal integral on an arbitrary increasing grid. */
function integrateNonUniform(g: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 1; i < g.length; i++) s += 0.5 * (y[i] + y[i - 1]) * (g[i] - g[i - 1]);
  return s;
}

/** Scale of an axis: linear, or log₁₀ (for moduli spanning decades; non-positive values are dropped). */
export type AxisScale = 'linear' | 'log10';

/** Options of {@link kde2d}. */
export interface Kde2dOptions {
  /** Grid points along x and y; default 128 × 128. */
  readonly nx?: number;
  readonly ny?: number;
  /** Grid ranges in ORIGINAL units; default data range ± cut·h (in the transformed scale). */
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
  /** Axis scales; default linear. With `'log10'` the KDE is built on log₁₀ of the values and its density is per decade. */
  readonly xScale?: AxisScale;
  readonly yScale?: AxisScale;
  /** Bandwidths in the TRANSFORMED units (decades for log10 axes); default from `rule` per axis. */
  readonly hx?: number;
  readonly hy?: number;
  /** Default `'scott'` (σ n^(−1/6) per axis in 2D); `'silverman'`/`'normal-reference'` apply the 1D rule per axis. */
  readonly rule?: BandwidthRule;
  /** Multiplies both rule bandwidths; default 1. */
  readonly adjust?: number;
  /** Grid extension beyond the data in bandwidths for the default ranges; default 3. */
  readonly cut?: number;
  readonly weights?: ArrayLike<number>;
  /** Default `'auto'`: exact when n·nx·ny ≤ 4·10⁶, else binned. */
  readonly method?: KdeMethod;
  /** Rescale so that the trapezoidal ∫∫ over the grid is 1 (in transformed units); default true. */
  readonly normalize?: boolean;
}

/** A 2D density estimate: density[j·nx + i] at (gridX[i], gridY[j]). */
export interface Kde2d {
  /** Grid coordinates in original units. */
  readonly gridX: Float64Array;
  readonly gridY: Float64Array;
  /** Grid coordinates in the transformed units in which the density is defined (log₁₀ for log axes). */
  readonly tX: Float64Array;
  readonly tY: Float64Array;
  /** Row-major, ny rows × nx columns; units 1/([tX]·[tY]). */
  readonly density: Float64Array;
  readonly hx: number;
  readonly hy: number;
  readonly xScale: AxisScale;
  readonly yScale: AxisScale;
  /** Samples used (finite, and positive on log axes). */
  readonly n: number;
  /** Samples dropped (non-finite, or ≤ 0 on a log axis). */
  readonly dropped: number;
  /** Trapezoidal ∫∫ f̂ over the grid before normalisation. */
  readonly mass: number;
}

function transform(v: number, scale: AxisScale): number {
  switch (scale) {
    case 'linear':
      return v;
    case 'log10':
      return v > 0 ? Math.log10(v) : NaN;
    default: {
      const never: never = scale;
      throw new RangeError(`unknown axis scale ${String(never)}`);
    }
  }
}

function inverse(v: number, scale: AxisScale): number {
  return scale === 'log10' ? Math.pow(10, v) : v;
}

/**
 * 2D product-Gaussian KDE on a regular grid, e.g. |G*| (log₁₀ axis) vs z_p for the maps of
 * `002_bf87beaba622041e.txt` Fig. 4c. The binned method bins linearly in 2D and convolves
 * separably (x then y); cost O(n + nx·ny·(Lx + Ly)).
 */
export function kde2d(x: ArrayLike<number>, y: ArrayLike<number>, options: Kde2dOptions = {}): Kde2d {
  if (x.length !== y.length) throw new RangeError(`kde2d: x.length = ${x.length} differs from y.length = ${y.length}`);
  const xScale: AxisScale = options.xScale ?? 'linear';
  const yScale: AxisScale = options.yScale ?? 'linear';
  const w0 = options.weights;
  if (w0 !== undefined && w0.length !== x.length) throw new RangeError(`kde2d: weights.length = ${w0.length} differs from x.length = ${x.length}`);
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (w0 !== undefined && !(Number.isFinite(w0[i]) && w0[i] >= 0)) throw new RangeError(`kde2d: weights[${i}] = ${w0[i]} must be finite and >= 0`);
    if (Number.isFinite(transform(x[i], xScale)) && Number.isFinite(transform(y[i], yScale))) n++;
  }
  const tx = new Float64Array(n);
  const ty = new Float64Array(n);
  const ws = w0 === undefined ? undefined : new Float64Array(n);
  {
    let k = 0;
    for (let i = 0; i < x.length; i++) {
      const a = transform(x[i], xScale);
      const b = transform(y[i], yScale);
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      tx[k] = a;
      ty[k] = b;
      if (ws !== undefined && w0 !== undefined) ws[k] = w0[i];
      k++;
    }
  }
  if (n < 2 && (options.hx === undefined || options.hy === undefined)) throw new RangeError(`kde2d: ${n} usable samples; need >= 2 or explicit bandwidths`);
  if (n < 1) throw new RangeError('kde2d: no usable samples');
  const rule = options.rule ?? 'scott';
  const adjust = options.adjust ?? 1;
  const dims = rule === 'scott' ? 2 : 1;
  const hx = options.hx ?? bandwidth(tx, rule, dims) * adjust;
  const hy = options.hy ?? bandwidth(ty, rule, dims) * adjust;
  if (!(Number.isFinite(hx) && hx > 0)) throw new RangeError(`kde2d: hx = ${hx} must be finite and > 0`);
  if (!(Number.isFinite(hy) && hy > 0)) throw new RangeError(`kde2d: hy = ${hy} must be finite and > 0`);
  const nx = options.nx ?? 128;
  const ny = options.ny ?? 128;
  const cut = options.cut ?? 3;
  const range = (t: Float64Array, h: number, given: readonly [number, number] | undefined, scale: AxisScale, name: string): [number, number] => {
    if (given !== undefined) {
      const a = transform(given[0], scale);
      const b = transform(given[1], scale);
      if (!(Number.isFinite(a) && Number.isFinite(b) && b > a)) throw new RangeError(`kde2d: ${name} = [${given[0]}, ${given[1]}] must be increasing (and positive on a log axis)`);
      return [a, b];
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < t.length; i++) {
      if (t[i] < lo) lo = t[i];
      if (t[i] > hi) hi = t[i];
    }
    return [lo - cut * h, hi + cut * h];
  };
  const [ax, bx] = range(tx, hx, options.xRange, xScale, 'xRange');
  const [ay, by] = range(ty, hy, options.yRange, yScale, 'yRange');
  const gX = linspace(ax, bx, nx);
  const gY = linspace(ay, by, ny);
  const dx = (bx - ax) / (nx - 1);
  const dy = (by - ay) / (ny - 1);
  const method: KdeMethod = options.method ?? 'auto';
  let density: Float64Array;
  switch (method) {
    case 'exact':
      density = kde2dExact(tx, ty, ws, gX, gY, hx, hy);
      break;
    case 'binned':
      density = kde2dBinned(tx, ty, ws, ax, dx, nx, ay, dy, ny, hx, hy);
      break;
    case 'auto':
      density = n * nx * ny <= 4e6 ? kde2dExact(tx, ty, ws, gX, gY, hx, hy) : kde2dBinned(tx, ty, ws, ax, dx, nx, ay, dy, ny, hx, hy);
      break;
    default: {
      const never: never = method;
      throw new RangeError(`kde2d: unknown method ${String(never)}`);
    }
  }
  // trapezoidal ∫∫ on the grid
  let mass = 0;
  for (let j = 0; j < ny; j++) {
    const wy = j === 0 || j === ny - 1 ? 0.5 : 1;
    for (let i = 0; i < nx; i++) {
      const wx = i === 0 || i === nx - 1 ? 0.5 : 1;
      mass += wx * wy * density[j * nx + i];
    }
  }
  mass *= dx * dy;
  if ((options.normalize ?? true) && mass > 0) for (let k = 0; k < density.length; k++) density[k] /= mass;
  return {
    gridX: gX.map((v) => inverse(v, xScale)),
    gridY: gY.map((v) => inverse(v, yScale)),
    tX: gX,
    tY: gY,
    density,
    hx,
    hy,
    xScale,
    yScale,
    n,
    dropped: x.length - n,
    mass,
  };
}

/** Exact 2D product-kernel sum, restricted per sample to the grid cells within 6.5 bandwidths. */
function kde2dExact(tx: Float64Array, ty: Float64Array, ws: Float64Array | undefined, gX: Float64Array, gY: Float64Array, hx: number, hy: number): Float64Array {
  const nx = gX.length;
  const ny = gY.length;
  const out = new Float64Array(nx * ny);
  const kx = new Float64Array(nx);
  const ky = new Float64Array(ny);
  const dx = (gX[nx - 1] - gX[0]) / (nx - 1);
  const dy = (gY[ny - 1] - gY[0]) / (ny - 1);
  let sw = 0;
  for (let s = 0; s < tx.length; s++) {
    const w = ws === undefined ? 1 : ws[s];
    if (w === 0) continue;
    sw += w;
    const i0 = Math.max(0, Math.ceil((tx[s] - CUTOFF * hx - gX[0]) / dx));
    const i1 = Math.min(nx - 1, Math.floor((tx[s] + CUTOFF * hx - gX[0]) / dx));
    const j0 = Math.max(0, Math.ceil((ty[s] - CUTOFF * hy - gY[0]) / dy));
    const j1 = Math.min(ny - 1, Math.floor((ty[s] + CUTOFF * hy - gY[0]) / dy));
    if (i1 < i0 || j1 < j0) continue;
    for (let i = i0; i <= i1; i++) {
      const u = (gX[i] - tx[s]) / hx;
      kx[i] = Math.exp(-0.5 * u * u);
    }
    for (let j = j0; j <= j1; j++) {
      const u = (gY[j] - ty[s]) / hy;
      ky[j] = w * Math.exp(-0.5 * u * u);
    }
    for (let j = j0; j <= j1; j++) {
      const row = j * nx;
      const kj = ky[j];
      for (let i = i0; i <= i1; i++) out[row + i] += kj * kx[i];
    }
  }
  const f = 1 / (2 * Math.PI * hx * hy * sw);
  for (let k = 0; k < out.length; k++) out[k] *= f;
  return out;
}

/** Binned 2D KDE: bilinear binning on the extended grid, separable convolution. */
function kde2dBinned(
  tx: Float64Array,
  ty: Float64Array,
  ws: Float64Array | undefined,
  ax: number,
  dx: number,
  nx: number,
  ay: number,
  dy: number,
  ny: number,
  hx: number,
  hy: number,
): Float64Array {
  const kx = discreteKernel(hx, dx);
  const ky = discreteKernel(hy, dy);
  const Lx = (kx.length - 1) / 2;
  const Ly = (ky.length - 1) / 2;
  const Mx = nx + 2 * Lx;
  const My = ny + 2 * Ly;
  const counts = new Float64Array(Mx * My);
  const x0 = ax - Lx * dx;
  const y0 = ay - Ly * dy;
  let sw = 0;
  for (let s = 0; s < tx.length; s++) {
    const w = ws === undefined ? 1 : ws[s];
    sw += w;
    const px = (tx[s] - x0) / dx;
    const py = (ty[s] - y0) / dy;
    if (!(px >= 0 && px <= Mx - 1 && py >= 0 && py <= My - 1)) continue;
    let i = Math.floor(px);
    let j = Math.floor(py);
    if (i >= Mx - 1) i = Mx - 2;
    if (j >= My - 1) j = My - 2;
    const fx = px - i;
    const fy = py - j;
    counts[j * Mx + i] += w * (1 - fx) * (1 - fy);
    counts[j * Mx + i + 1] += w * fx * (1 - fy);
    counts[(j + 1) * Mx + i] += w * (1 - fx) * fy;
    counts[(j + 1) * Mx + i + 1] += w * fx * fy;
  }
  // convolve along x for every extended row, keeping only the nx output columns
  const tmp = new Float64Array(My * nx);
  for (let j = 0; j < My; j++) {
    const row = j * Mx;
    for (let i = 0; i < nx; i++) {
      const c0 = row + i + Lx;
      let s = 0;
      for (let l = -Lx; l <= Lx; l++) s += counts[c0 - l] * kx[l + Lx];
      tmp[j * nx + i] = s;
    }
  }
  const out = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const c0 = j + Ly;
    for (let l = -Ly; l <= Ly; l++) {
      const k = ky[l + Ly];
      const src = (c0 - l) * nx;
      const dst = j * nx;
      for (let i = 0; i < nx; i++) out[dst + i] += k * tmp[src + i];
    }
  }
  const f = 1 / sw;
  for (let k = 0; k < out.length; k++) out[k] *= f;
  return out;
}
