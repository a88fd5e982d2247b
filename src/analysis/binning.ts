/**
 * Putting z_p-referenced curves on a common footing: interpolation onto a depth grid, depth bins and
 * voltage windows.
 *
 * After contact referencing every curve has its own, non-uniform z_p samples
 * (`002_bf87beaba622041e.txt` Section 5, Fig. 3d). The ensemble statistics of Fig. 4 need them on
 * one axis: the mean ± 95 % CI profiles (Fig. 4b) use a common depth grid (rows = curves, columns
 * = depths, NaN where a curve does not reach), the violins (Fig. 4d) collect values per depth bin
 * ("0-5 nm, 5-10 nm and 10-20 nm"), and all of it is split by voltage window (Fig. 4a: 1.5–2.0,
 * 1.0–1.5, 0.5–1.0, 0.005–0.5 V vs Na/Na⁺).
 */
import { sortIndexByKey } from './derivative.js';
import { columnMeanCI, type ColumnCI, type ColumnCIOptions } from './stats.js';

/** A half-open interval [lo, hi) of depth (m) or potential (V). */
export type Interval = readonly [number, number];

/** The depth bins of the violins of `002_bf87beaba622041e.txt` Fig. 4d: 0–5, 5–10, 10–20 nm (m). */
export const PAPER_DEPTH_BINS: readonly Interval[] = [
  [0, 5e-9],
  [5e-9, 10e-9],
  [10e-9, 20e-9],
];

/** The voltage windows of `002_bf87beaba622041e.txt` Fig. 4a–d (V vs Na/Na⁺), high to low potential. */
export const PAPER_VOLTAGE_WINDOWS: readonly Interval[] = [
  [1.5, 2.0],
  [1.0, 1.5],
  [0.5, 1.0],
  [0.005, 0.5],
];

/**
 * Piecewise-linear interpolation of the curve (x, y) at the grid points: NaN outside
 * [min x, max x] (no extrapolation) and where the bracketing samples are not finite. x need not be
 * sorted (z_p can jitter by noise in hard contact): it is sorted once if needed; among equal x the
 * mean of their y is used. Cost O(n log n + m). Units of y.
 */
export function interpolateToGrid(x: ArrayLike<number>, y: ArrayLike<number>, grid: ArrayLike<number>, out?: Float64Array): Float64Array {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`interpolateToGrid: y.length = ${y.length} differs from x.length = ${n}`);
  const m = grid.length;
  const o = out ?? new Float64Array(m);
  if (o.length !== m) throw new RangeError(`interpolateToGrid: out.length = ${o.length} differs from grid.length = ${m}`);
  // usable points, sorted by x, duplicates merged
  let k = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) k++;
  const idx = new Int32Array(k);
  k = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) idx[k++] = i;
  sortIndexByKey(idx, x);
  const xs = new Float64Array(k);
  const ys = new Float64Array(k);
  let u = 0;
  for (let j = 0; j < k; ) {
    const xv = x[idx[j]];
    let s = 0;
    let c = 0;
    while (j < k && x[idx[j]] === xv) {
      s += y[idx[j]];
      c++;
      j++;
    }
    xs[u] = xv;
    ys[u] = s / c;
    u++;
  }
  if (u === 0) {
    o.fill(NaN);
    return o;
  }
  // grid may be in any order: binary search per point
  for (let g = 0; g < m; g++) {
    const v = grid[g];
    if (!(v >= xs[0] && v <= xs[u - 1])) {
      o[g] = NaN;
      continue;
    }
    let lo = 0;
    let hi = u - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= v) lo = mid;
      else hi = mid;
    }
    if (u === 1 || xs[hi] === xs[lo]) o[g] = ys[lo];
    else {
      const t = (v - xs[lo]) / (xs[hi] - xs[lo]);
      o[g] = ys[lo] + t * (ys[hi] - ys[lo]);
    }
  }
  return o;
}

/** One sampled curve, e.g. x = z_p (m), y = dF_l'/dz_p (N/m) or |G*| (Pa). */
export interface Curve {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

/** A rows × cols matrix, row-major (rows = curves, columns = grid points). */
export interface GridMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * Interpolate every curve onto the common grid: row r = curve r, NaN where it has no data
 * (see {@link interpolateToGrid}). Feed to {@link columnMeanCI} for mean ± CI profiles.
 */
export function curvesOnGrid(curves: ReadonlyArray<Curve>, grid: ArrayLike<number>): GridMatrix {
  const rows = curves.length;
  const cols = grid.length;
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) interpolateToGrid(curves[r].x, curves[r].y, grid, data.subarray(r * cols, (r + 1) * cols));
  return { rows, cols, data };
}

/** Mean ± CI profile of a set of curves on a common grid (Fig. 4b of `002_…`), curves interpolated first. */
export function meanProfile(curves: ReadonlyArray<Curve>, grid: ArrayLike<number>, options: ColumnCIOptions = {}): ColumnCI & { readonly grid: Float64Array } {
  const g = curvesOnGrid(curves, grid);
  return { ...columnMeanCI(g.data, g.rows, g.cols, options), grid: Float64Array.from(grid) };
}

/** How a curve contributes to a depth bin: every point, or one value per curve (its mean or median in the bin). */
export type BinReduction = 'all' | 'mean' | 'median';

function checkBins(fn: string, bins: readonly Interval[]): void {
  bins.forEach(([lo, hi], k) => {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new RangeError(`${fn}: bin ${k} = [${lo}, ${hi}) must be finite with hi > lo`);
  });
}

/**
 * Values of all curves whose abscissa lies in each half-open bin [lo, hi): e.g. |G*| per depth bin
 * 0–5, 5–10, 10–20 nm for the violins of `002_…` Fig. 4d. With `'all'` every sample point counts
 * (curves with more points in a bin weigh more); `'mean'`/`'median'` give one value per curve and
 * bin (curves without points in the bin contribute nothing). Non-finite y are skipped.
 * Two passes (count, fill), no array growth.
 */
export function collectByBins(curves: ReadonlyArray<Curve>, bins: readonly Interval[], reduce: BinReduction = 'all'): Float64Array[] {
  checkBins('collectByBins', bins);
  const nb = bins.length;
  const counts = new Int32Array(nb);
  const perCurve = new Int32Array(nb);
  for (const c of curves) {
    if (c.x.length !== c.y.length) throw new RangeError(`collectByBins: curve x.length = ${c.x.length} differs from y.length = ${c.y.length}`);
    perCurve.fill(0);
    for (let i = 0; i < c.x.length; i++) {
      if (!Number.isFinite(c.y[i])) continue;
      const b = binOf(c.x[i], bins);
      if (b >= 0) perCurve[b]++;
    }
    for (let b = 0; b < nb; b++) counts[b] += reduce === 'all' ? perCurve[b] : perCurve[b] > 0 ? 1 : 0;
  }
  const out = Array.from({ length: nb }, (_, b) => new Float64Array(counts[b]));
  const fill = new Int32Array(nb);
  const scratch: Float64Array[] = reduce === 'median' ? Array.from({ length: nb }, () => new Float64Array(0)) : [];
  for (const c of curves) {
    switch (reduce) {
      case 'all':
        for (let i = 0; i < c.x.length; i++) {
          if (!Number.isFinite(c.y[i])) continue;
          const b = binOf(c.x[i], bins);
          if (b >= 0) out[b][fill[b]++] = c.y[i];
        }
        break;
      case 'mean': {
        const s = new Float64Array(nb);
        const k = new Int32Array(nb);
        for (let i = 0; i < c.x.length; i++) {
          if (!Number.isFinite(c.y[i])) continue;
          const b = binOf(c.x[i], bins);
          if (b >= 0) {
            s[b] += c.y[i];
            k[b]++;
          }
        }
        for (let b = 0; b < nb; b++) if (k[b] > 0) out[b][fill[b]++] = s[b] / k[b];
        break;
      }
      case 'median': {
        const k = new Int32Array(nb);
        for (let i = 0; i < c.x.length; i++) {
          if (!Number.isFinite(c.y[i])) continue;
          const b = binOf(c.x[i], bins);
          if (b >= 0) k[b]++;
        }
        for (let b = 0; b < nb; b++) if (scratch[b].length < k[b]) scratch[b] = new Float64Array(k[b]);
        k.fill(0);
        for (let i = 0; i < c.x.length; i++) {
          if (!Number.isFinite(c.y[i])) continue;
          const b = binOf(c.x[i], bins);
          if (b >= 0) scratch[b][k[b]++] = c.y[i];
        }
        for (let b = 0; b < nb; b++) {
          if (k[b] === 0) continue;
          const v = scratch[b].subarray(0, k[b]).sort();
          out[b][fill[b]++] = k[b] % 2 ? v[(k[b] - 1) >> 1] : 0.5 * (v[k[b] / 2 - 1] + v[k[b] / 2]);
        }
        break;
      }
      default: {
        const never: never = reduce;
        throw new RangeError(`collectByBins: unknown reduction ${String(never)}`);
      }
    }
  }
  return out;
}

/** Index of the first half-open bin [lo, hi) containing v, or −1. */
export function binOf(v: number, bins: readonly Interval[]): number {
  for (let b = 0; b < bins.length; b++) if (v >= bins[b][0] && v < bins[b][1]) return b;
  return -1;
}

/**
 * Indices of the items (curves) whose value (e.g. the electrode potential at the time of the curve,
 * V) falls in each window. Windows are CLOSED intervals [min, max] (bounds in either order), and an
 * item on a shared boundary goes to the first window listed that contains it, so the paper's
 * windows (1.5–2.0, 1.0–1.5, 0.5–1.0, 0.005–0.5 V) cover 0.005–2.0 V without gaps. Non-finite values
 * belong to no window.
 */
export function groupByWindow(values: ArrayLike<number>, windows: readonly Interval[]): Int32Array[] {
  windows.forEach(([a, b], k) => {
    if (!(Number.isFinite(a) && Number.isFinite(b))) throw new RangeError(`groupByWindow: window ${k} = [${a}, ${b}] must be finite`);
  });
  const nw = windows.length;
  const which = new Int32Array(values.length).fill(-1);
  const counts = new Int32Array(nw);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    for (let w = 0; w < nw; w++) {
      const lo = Math.min(windows[w][0], windows[w][1]);
      const hi = Math.max(windows[w][0], windows[w][1]);
      if (v >= lo && v <= hi) {
        which[i] = w;
        counts[w]++;
        break;
      }
    }
  }
  const out = Array.from({ length: nw }, (_, w) => new Int32Array(counts[w]));
  const fill = new Int32Array(nw);
  for (let i = 0; i < values.length; i++) if (which[i] >= 0) out[which[i]][fill[which[i]]++] = i;
  return out;
}

/** Rows `indices` of a row-major matrix, copied into a new matrix (e.g. the curves of one voltage window). */
export function selectRows(m: GridMatrix, indices: ArrayLike<number>): GridMatrix {
  const data = new Float64Array(indices.length * m.cols);
  for (let k = 0; k < indices.length; k++) {
    const r = indices[k];
    if (!(Number.isInteger(r) && r >= 0 && r < m.rows)) throw new RangeError(`selectRows: index ${r} outside [0, ${m.rows})`);
    data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), k * m.cols);
  }
  return { rows: indices.length, cols: m.cols, data };
}

/**
 * Uniform depth grid from `from` to `to` (m) with spacing `step` (the last point is ≤ `to`).
 * E.g. depthGrid(0, 30e-9, 0.25e-9) for Fig. 4b-style profiles.
 */
export function depthGrid(from: number, to: number, step: number): Float64Array {
  if (!(Number.isFinite(from) && Number.isFinite(to) && to > from)) throw new RangeError(`depthGrid: [${from}, ${to}] must be finite and increasing`);
  if (!(Number.isFinite(step) && step > 0)) throw new RangeError(`depthGrid: step = ${step} must be finite and > 0`);
  const n = Math.floor((to - from) / step + 1e-9) + 1;
  if (n > 1e7) throw new RangeError(`depthGrid: ${n} points is too many (step ${step} over [${from}, ${to}])`);
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) g[i] = from + i * step;
  return g;
}
