/**
 * SEI thickness from the step at a scratched (or delaminated) window in a topography image: paper
 * 000 measured "Thickness of the delaminated SEI was about 70 nm" by AFM on hard carbon, and the
 * scratching removes the SEI down to the electrode where "the SEI was scraped off".
 *
 * The image is plane-levelled and split into floor and film at the valley above the histogram's
 * lowest mode ({@link floorThreshold}; Otsu, IEEE Trans. SMC 9, 62 (1979) as fallback); each line is then aligned by the median of its film
 * pixels only (a scratched window can take half a line, which defeats whole-line alignment), the
 * split is repeated, and the step is the difference of the 5 %-trimmed means of the eroded film and floor
 * regions (means, not medians: the film's thickness distribution is skewed by thick edge bands and
 * islands, and the SEI thickness quoted is a mean).
 */
import { median, subtractPolynomial } from './roughness.js';
import { trimmedMean } from './coverage.js';

/** 256-bin histogram of values over their range [lo, hi] (hist empty when hi = lo). */
function histogram256(values: ArrayLike<number>): { lo: number; hi: number; hist: Float64Array } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const hist = new Float64Array(256);
  if (hi > lo) for (let i = 0; i < values.length; i++) hist[Math.min(255, Math.floor(((values[i] - lo) / (hi - lo)) * 256))]++;
  return { lo, hi, hist };
}

/** Otsu threshold of a set of values (256-bin histogram). */
export function otsuThreshold(values: ArrayLike<number>): number {
  const { lo, hi, hist } = histogram256(values);
  if (!(hi > lo)) return lo;
  const nb = hist.length;
  const total = values.length;
  let sumAll = 0;
  for (let b = 0; b < nb; b++) sumAll += b * hist[b];
  let wB = 0;
  let sumB = 0;
  let best = -1;
  let thr = 0;
  for (let b = 0; b < nb; b++) {
    wB += hist[b];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += b * hist[b];
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      thr = b;
    }
  }
  return lo + ((thr + 1) / nb) * (hi - lo);
}

function erode(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = r; y < h - r; y++)
    for (let x = r; x < w - r; x++) {
      let ok = 1;
      for (let v = -r; v <= r && ok; v++) for (let u = -r; u <= r && ok; u++) ok = mask[(y + v) * w + x + u];
      out[y * w + x] = ok;
    }
  return out;
}

function spread(v: number[]): number {
  const m = median(v);
  return 1.4826 * median(v.map((x) => Math.abs(x - m)));
}

/**
 * Threshold between the lowest significant mode of a height histogram (the exposed floor) and the
 * next one (the film): the histogram minimum between them. Otsu alone fails on films with a
 * bimodal thickness (HOPG: basal film and thick edge bands), where it splits the film instead.
 * Significant modes: local maxima of the 5-bin smoothed 256-bin histogram above 5 % of its maximum.
 * Falls back to Otsu when fewer than two modes are found.
 */
export function floorThreshold(values: ArrayLike<number>): number {
  const { lo, hi, hist } = histogram256(values);
  if (!(hi > lo)) return lo;
  const nb = hist.length;
  const sm = new Float64Array(nb);
  for (let b = 0; b < nb; b++) {
    let s = 0;
    let c = 0;
    for (let q = Math.max(0, b - 2); q <= Math.min(nb - 1, b + 2); q++) {
      s += hist[q];
      c++;
    }
    sm[b] = s / c;
  }
  let top = 0;
  for (let b = 0; b < nb; b++) top = Math.max(top, sm[b]);
  const modes: number[] = [];
  for (let b = 0; b < nb; b++) {
    const l = b > 0 ? sm[b - 1] : -1;
    const r = b < nb - 1 ? sm[b + 1] : -1;
    if (sm[b] >= 0.05 * top && sm[b] >= l && sm[b] > r) modes.push(b);
  }
  if (modes.length < 2) return otsuThreshold(values);
  let valley = modes[0];
  for (let b = modes[0]; b <= modes[1]; b++) if (sm[b] < sm[valley]) valley = b;
  return lo + ((valley + 0.5) / nb) * (hi - lo);
}

/** A measured step. */
export interface StepHeight {
  /** Film top minus floor: difference of trimmed means (m). */
  readonly thickness: number;
  readonly filmLevel: number;
  readonly floorLevel: number;
  /** Fraction of the image classified as floor. */
  readonly floorFraction: number;
  /** Robust spread (1.4826 MAD) of the film and floor heights (m). */
  readonly filmSpread: number;
  readonly floorSpread: number;
}

/** Step height between the film and the exposed floor of an image (see module doc). */
export function stepHeight(image: ArrayLike<number>, w: number, h: number, erosion = 4): StepHeight {
  if (image.length !== w * h) throw new RangeError(`stepHeight: ${image.length} values are not a ${w} × ${h} image`);
  let z = subtractPolynomial(image, w, h, 1);
  let film = new Uint8Array(w * h);
  for (let pass = 0; pass < 3; pass++) {
    const t = floorThreshold(z);
    film = new Uint8Array(w * h);
    for (let i = 0; i < z.length; i++) film[i] = z[i] > t ? 1 : 0;
    const fe = erode(film, w, h, erosion);
    for (let y = 0; y < h; y++) {
      const vals: number[] = [];
      for (let x = 0; x < w; x++) if (fe[y * w + x]) vals.push(z[y * w + x]);
      if (vals.length >= 8) {
        const m = median(vals);
        for (let x = 0; x < w; x++) z[y * w + x] -= m;
      }
    }
    z = subtractPolynomial(z, w, h, 1, fe);
  }
  const floor = new Uint8Array(w * h);
  for (let i = 0; i < film.length; i++) floor[i] = film[i] ? 0 : 1;
  const fe = erode(film, w, h, erosion);
  const ge = erode(floor, w, h, erosion);
  const fv: number[] = [];
  const gv: number[] = [];
  let nf = 0;
  for (let i = 0; i < z.length; i++) {
    if (floor[i]) nf++;
    if (fe[i]) fv.push(z[i]);
    if (ge[i]) gv.push(z[i]);
  }
  if (fv.length === 0 || gv.length === 0) return { thickness: Number.NaN, filmLevel: Number.NaN, floorLevel: Number.NaN, floorFraction: nf / z.length, filmSpread: Number.NaN, floorSpread: Number.NaN };
  const mf = trimmedMean(fv);
  const mg = trimmedMean(gv);
  return {
    thickness: mf - mg,
    filmLevel: mf,
    floorLevel: mg,
    floorFraction: nf / z.length,
    filmSpread: spread(fv),
    floorSpread: spread(gv),
  };
}
