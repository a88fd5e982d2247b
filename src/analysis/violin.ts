/**
 * Violin statistics per group (per depth bin) and a multimodality indicator.
 *
 * `002_bf87beaba622041e.txt` Section 5, Fig. 4d: violins of |G*(z_p)| for the depth intervals
 * 0–5, 5–10 and 10–20 nm, where "the width of the violin at a given value reflects the probability
 * density of the data"; the paper reads "clear multimodal features", "multiple mechanical
 * populations" at 5–10 nm from them. Each violin here carries its KDE, the box statistics and the
 * number of KDE modes whose topographic prominence exceeds a threshold.
 *
 * Quantiles: Hyndman & Fan (1996) definition 7 (numpy/R default), on the original values.
 * Mode prominence: as `scipy.signal.peak_prominences` — height of the peak above the higher of the
 * two lowest points reached when walking left and right until a higher peak or the grid edge.
 *
 * Resolution of the mode count (defaults: Silverman bandwidth, prominence ≥ 10 % of the peak;
 * measured over 200 seeded samples each): n = 200 — a normal sample gives 1 mode 200/200 times, two
 * equal normals 4σ apart 2 modes 200/200, three 5σ apart 3 modes 200/200; n = 50 — spurious
 * bimodality 2 %, two modes 4σ apart found 91 %, three modes resolved only 24 % of the time. Small
 * groups therefore under-report multimodality rather than invent it.
 */
import { collectByBins, type Curve, type Interval, type BinReduction } from './binning.js';
import { bandwidth, kdeBinned, kdeExact, linspace, type AxisScale, type BandwidthRule } from './kde.js';
import { finiteSummary, quantileSorted, sortedFinite } from './stats.js';

/** Options of {@link violinStats}. */
export interface ViolinOptions {
  /**
   * Bandwidth rule; default `'silverman'` (0.9 min(σ, IQR/1.34) n^(−1/5)): its IQR term keeps
   * multimodal groups from being over-smoothed, where Scott's σ-only rule would merge modes.
   */
  readonly rule?: BandwidthRule;
  /** Explicit bandwidth in the KDE's scale (decades for `'log10'`); overrides `rule`. */
  readonly bandwidth?: number;
  /** Bandwidth multiplier; default 1. */
  readonly adjust?: number;
  /** KDE grid points; default 128. */
  readonly points?: number;
  /** Grid extends `cut` bandwidths beyond the data; default 2 (seaborn's default). */
  readonly cut?: number;
  /** Scale on which the KDE is built; default `'linear'`. `'log10'` for moduli spanning decades (values ≤ 0 dropped). */
  readonly scale?: AxisScale;
  /** A mode counts if its prominence ≥ this fraction of the maximum density; default 0.1. */
  readonly prominence?: number;
}

/** Box, density and modes of one group. Values in the units of the data. */
export interface ViolinStats {
  /** Number of finite values used (positive ones on a log scale). */
  readonly n: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly mean: number;
  /** Sample std (n − 1). */
  readonly std: number;
  /** KDE grid in data units (geometric for `'log10'`). */
  readonly grid: Float64Array;
  /** KDE on the grid, normalised to unit trapezoidal integral in the KDE's scale (per decade for log10). */
  readonly density: Float64Array;
  /** Bandwidth in the KDE's scale. */
  readonly bandwidth: number;
  readonly scale: AxisScale;
  /** Positions of the significant modes (data units), by decreasing height. */
  readonly modes: Float64Array;
  /** Their prominences as fractions of the maximum density. */
  readonly modeProminence: Float64Array;
  /** Number of significant modes. */
  readonly nModes: number;
  /** nModes ≥ 2. */
  readonly multimodal: boolean;
}

/**
 * Local maxima of y (strict on at least one side; plateaus counted once, at their first index) that
 * are not at the ends, with their topographic prominences (units of y). O(m · peaks).
 * Reference: definition of `scipy.signal.peak_prominences` (SciPy ≥ 1.1).
 */
export function peakProminences(y: ArrayLike<number>): { index: Int32Array; prominence: Float64Array } {
  const m = y.length;
  const idx: number[] = [];
  for (let i = 1; i < m - 1; i++) {
    if (!(y[i] > y[i - 1])) continue;
    // walk across a plateau
    let j = i;
    while (j + 1 < m - 1 && y[j + 1] === y[i]) j++;
    if (y[j + 1] < y[i]) idx.push(i);
    i = j;
  }
  const prom = new Float64Array(idx.length);
  idx.forEach((p, k) => {
    const h = y[p];
    let leftMin = h;
    for (let i = p - 1; i >= 0; i--) {
      if (y[i] > h) break;
      if (y[i] < leftMin) leftMin = y[i];
    }
    let rightMin = h;
    for (let i = p + 1; i < m; i++) {
      if (y[i] > h) break;
      if (y[i] < rightMin) rightMin = y[i];
    }
    prom[k] = h - Math.max(leftMin, rightMin);
  });
  return { index: Int32Array.from(idx), prominence: prom };
}

/**
 * Violin statistics of one group of values: n, min, Q1, median, Q3 (type 7), max, mean, std, the
 * KDE on a grid, and the significant KDE modes (prominence ≥ `prominence` × max density).
 * Groups with fewer than 2 distinct finite values get box statistics but an empty density.
 */
export function violinStats(values: ArrayLike<number>, options: ViolinOptions = {}): ViolinStats {
  const scale: AxisScale = options.scale ?? 'linear';
  const promFrac = options.prominence ?? 0.1;
  if (!(Number.isFinite(promFrac) && promFrac >= 0 && promFrac < 1)) throw new RangeError(`violinStats: prominence = ${promFrac} must lie in [0, 1)`);
  const points = options.points ?? 128;
  const cut = options.cut ?? 2;
  if (!(Number.isFinite(cut) && cut >= 0)) throw new RangeError(`violinStats: cut = ${cut} must be finite and >= 0`);
  let s = sortedFinite(values);
  if (scale === 'log10') {
    let k = 0;
    while (k < s.length && s[k] <= 0) k++;
    s = s.subarray(k);
  }
  const n = s.length;
  const summ = finiteSummary(s);
  const box = {
    n,
    min: n ? s[0] : NaN,
    q1: quantileSorted(s, 0.25),
    median: quantileSorted(s, 0.5),
    q3: quantileSorted(s, 0.75),
    max: n ? s[n - 1] : NaN,
    mean: summ.mean,
    std: summ.std,
  };
  const empty = {
    ...box,
    grid: new Float64Array(0),
    density: new Float64Array(0),
    bandwidth: NaN,
    scale,
    modes: new Float64Array(0),
    modeProminence: new Float64Array(0),
    nModes: 0,
    multimodal: false,
  };
  if (n < 2 || s[0] === s[n - 1]) return empty;
  const t = scale === 'log10' ? s.map(Math.log10) : s;
  const h = options.bandwidth ?? bandwidth(t, options.rule ?? 'silverman') * (options.adjust ?? 1);
  if (!(Number.isFinite(h) && h > 0)) throw new RangeError(`violinStats: bandwidth = ${h} must be finite and > 0`);
  const tGrid = linspace(t[0] - cut * h, t[n - 1] + cut * h, points);
  // exact sum for small groups, linear binning + convolution (error O((Δ/h)²)) for large ones
  const density = n * points <= 2e6 ? kdeExact(t, tGrid, h) : kdeBinned(t, tGrid[0], tGrid[1] - tGrid[0], points, h);
  const dt = tGrid[1] - tGrid[0];
  let mass = 0.5 * (density[0] + density[points - 1]);
  for (let j = 1; j < points - 1; j++) mass += density[j];
  mass *= dt;
  let peak = 0;
  for (let j = 0; j < points; j++) {
    density[j] /= mass;
    if (density[j] > peak) peak = density[j];
  }
  const pk = peakProminences(density);
  const sig: number[] = [];
  for (let k = 0; k < pk.index.length; k++) if (pk.prominence[k] >= promFrac * peak) sig.push(k);
  sig.sort((a, b) => density[pk.index[b]] - density[pk.index[a]]);
  const back = (v: number) => (scale === 'log10' ? Math.pow(10, v) : v);
  return {
    ...box,
    grid: tGrid.map(back),
    density,
    bandwidth: h,
    scale,
    modes: Float64Array.from(sig, (k) => back(tGrid[pk.index[k]])),
    modeProminence: Float64Array.from(sig, (k) => pk.prominence[k] / peak),
    nModes: sig.length,
    multimodal: sig.length >= 2,
  };
}

/** Violins of one value per depth bin, e.g. |G*| vs z_p over the bins of `002_…` Fig. 4d. */
export interface DepthBinViolin extends ViolinStats {
  /** The bin [lo, hi) in units of the abscissa (m for z_p). */
  readonly bin: Interval;
}

/**
 * Collect the values of all curves per depth bin ({@link collectByBins}) and compute a violin for
 * each: the Fig. 4d panel of `002_bf87beaba622041e.txt` for one voltage window.
 */
export function depthBinViolins(
  curves: ReadonlyArray<Curve>,
  bins: readonly Interval[],
  options: ViolinOptions & { readonly reduce?: BinReduction } = {},
): DepthBinViolin[] {
  const groups = collectByBins(curves, bins, options.reduce ?? 'all');
  return groups.map((g, k) => ({ ...violinStats(g, options), bin: bins[k] }));
}
