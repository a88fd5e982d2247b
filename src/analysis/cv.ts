/**
 * Cyclic-voltammogram analysis from the recorded current (paper 000: "This process is associated
 * with the first current peak at 0.8–0.3 V"; "During the second CV … the 0.8–0.3 V current peak was
 * 3 times smaller"; MCMB "the current peak was almost 5 times smaller"; hard carbon "gradual current
 * increase … without distinct anodic peak").
 *
 * Cathodic currents are negative (IUPAC). A cathodic peak is read on the falling-potential sweep of
 * one cycle: the current is smoothed (centred moving average), the double-layer baseline — the mean
 * current of a featureless window of the same sweep — is subtracted, and the largest cathodic
 * magnitude inside the window is the peak.
 */

/** A recorded CV (as written to data/). */
export interface CvData {
  readonly time: ArrayLike<number>;
  readonly potential: ArrayLike<number>;
  readonly current: ArrayLike<number>;
  readonly cycle: ArrayLike<number>;
}

/** Options of the peak analysis. */
export interface PeakOptions {
  /** Featureless window of the cathodic sweep whose mean current is the baseline (V), default [1.6, 2.6]. */
  readonly baselineWindow?: readonly [number, number];
  /** Moving-average half-width (samples), default 3. */
  readonly smoothHalfWidth?: number;
}

/** A cathodic peak in a potential window. */
export interface CathodicPeak {
  readonly cycle: number;
  /** Baseline-subtracted cathodic peak magnitude (A, ≥ 0). */
  readonly height: number;
  /** Potential of the peak (V). */
  readonly potential: number;
  readonly baseline: number;
  /** False when the maximum sits at the window's edge (no distinct peak inside it). */
  readonly interior: boolean;
  /** Baseline-subtracted magnitude at the window's low-potential end (A). */
  readonly lowEnd: number;
}

function cathodicIndices(cv: CvData, cycle: number): number[] {
  const idx: number[] = [];
  for (let i = 1; i < cv.potential.length; i++) if (cv.cycle[i] === cycle && cv.potential[i] < cv.potential[i - 1]) idx.push(i);
  return idx;
}

/** Peak of the cathodic sweep of `cycle` inside [lo, hi] (V). */
export function cathodicPeak(cv: CvData, cycle: number, window: readonly [number, number], options: PeakOptions = {}): CathodicPeak {
  const [lo, hi] = window;
  if (!(lo < hi)) throw new RangeError(`cathodicPeak: window [${lo}, ${hi}] V must have lo < hi`);
  const idx = cathodicIndices(cv, cycle);
  if (idx.length === 0) throw new RangeError(`cathodicPeak: no cathodic sweep in cycle ${cycle}`);
  const hw = options.smoothHalfWidth ?? 3;
  const sm = (j: number) => {
    let s = 0;
    let n = 0;
    for (let q = Math.max(0, j - hw); q <= Math.min(idx.length - 1, j + hw); q++) {
      s += cv.current[idx[q]];
      n++;
    }
    return s / n;
  };
  const [blo, bhi] = options.baselineWindow ?? [1.6, 2.6];
  let bs = 0;
  let bn = 0;
  for (const i of idx) if (cv.potential[i] >= blo && cv.potential[i] <= bhi) {
    bs += cv.current[i];
    bn++;
  }
  const baseline = bn ? bs / bn : 0;
  let best = -Infinity;
  let at = Number.NaN;
  let jBest = -1;
  const inWin: number[] = [];
  for (let j = 0; j < idx.length; j++) {
    const E = cv.potential[idx[j]];
    if (E < lo || E > hi) continue;
    inWin.push(j);
    const m = -(sm(j) - baseline);
    if (m > best) {
      best = m;
      at = E;
      jBest = j;
    }
  }
  if (inWin.length === 0) throw new RangeError(`cathodicPeak: no samples of cycle ${cycle} in [${lo}, ${hi}] V`);
  const margin = 0.05 * (hi - lo);
  const lowEndJ = inWin[inWin.length - 1];
  return { cycle, height: Math.max(0, best), potential: at, baseline, interior: at > lo + margin && at < hi - margin && jBest >= 0, lowEnd: -(sm(lowEndJ) - baseline) };
}

/** Second-to-first-cycle ratio of the cathodic peak in a window. */
export function peakRatio(cv: CvData, window: readonly [number, number], options: PeakOptions = {}): { ratio: number; first: CathodicPeak; second: CathodicPeak } {
  const first = cathodicPeak(cv, 1, window, options);
  const second = cathodicPeak(cv, 2, window, options);
  return { ratio: second.height / first.height, first, second };
}

/**
 * Whether the cathodic current shows a distinct peak inside the window: its maximum is interior and
 * the current falls by at least `minDrop` (fraction of the peak) before the window's low end.
 */
export function hasDistinctPeak(cv: CvData, cycle: number, window: readonly [number, number], minDrop = 0.1, options: PeakOptions = {}): boolean {
  const p = cathodicPeak(cv, cycle, window, options);
  return p.interior && p.lowEnd <= (1 - minDrop) * p.height;
}

/**
 * Peak window: the contiguous potential range around the cathodic peak (searched in `range`) where
 * the baseline-subtracted current exceeds `fraction` of the peak (V).
 */
export function peakWindow(cv: CvData, cycle: number, range: readonly [number, number], fraction = 0.25, options: PeakOptions = {}): [number, number] {
  const p = cathodicPeak(cv, cycle, range, options);
  const idx = cathodicIndices(cv, cycle).filter((i) => cv.potential[i] >= range[0] && cv.potential[i] <= range[1]);
  const level = fraction * p.height;
  let k = idx.findIndex((i) => cv.potential[i] === p.potential);
  if (k < 0) k = 0;
  let a = k;
  while (a > 0 && -(cv.current[idx[a - 1]] - p.baseline) >= level) a--;
  let b = k;
  while (b < idx.length - 1 && -(cv.current[idx[b + 1]] - p.baseline) >= level) b++;
  return [cv.potential[idx[b]], cv.potential[idx[a]]];
}
