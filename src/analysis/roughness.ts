/**
 * Image levelling and RMS roughness, as Gwyddion does them (paper 000: "AFM images were processed
 * using Gwyddion software"; R_q of "the fresh in situ scanned regions of 4 × 4 µm²").
 *
 * Levellings (Nečas & Klapetek, Cent. Eur. J. Phys. 10, 181 (2012), Gwyddion §"Data levelling"):
 * - `plane`: subtract the least-squares plane;
 * - `polynomial`: subtract the least-squares 2D polynomial of total degree `order`;
 * - `line-median`: subtract each line's median ("align rows — median");
 * - `median-of-differences`: shift each line by the median of its differences to the line above
 *   ("align rows — median of differences"), which keeps 2D features and removes line offsets;
 * - `plane+line-median`: plane, then line medians.
 * Analyzers here see only observed images.
 */

/** Levelling methods. */
export type Levelling = 'plane' | 'polynomial' | 'line-median' | 'median-of-differences' | 'plane+line-median';
export const LEVELLINGS = ['plane', 'polynomial', 'line-median', 'median-of-differences', 'plane+line-median'] as const satisfies readonly Levelling[];

function checkImage(z: ArrayLike<number>, w: number, h: number): void {
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 2 || h < 2 || z.length !== w * h) {
    throw new RangeError(`image: ${z.length} values do not form a ${w} × ${h} image (w, h ≥ 2)`);
  }
}

/** Median of the values of `a` (copied; NaN-free input). */
export function median(a: ArrayLike<number>): number {
  const b = Float64Array.from(a as ArrayLike<number>).sort();
  const n = b.length;
  if (n === 0) return Number.NaN;
  return n % 2 ? b[(n - 1) / 2] : 0.5 * (b[n / 2 - 1] + b[n / 2]);
}

/** Solve a small dense linear system A x = b (Gaussian elimination with partial pivoting). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    const d = M[c][c];
    if (d === 0) throw new RangeError('levelling: singular normal equations');
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / d;
      if (f !== 0) for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((r, i) => r[n] / M[i][i]);
}

/**
 * Fit and subtract a 2D polynomial of total degree `order` (0 = mean, 1 = plane) by least squares
 * over the pixels where `mask` is 1 (all if omitted); returns a new levelled image. Coordinates are
 * scaled to [−1, 1] for conditioning.
 */
export function subtractPolynomial(z: ArrayLike<number>, w: number, h: number, order: number, mask?: Uint8Array): Float64Array {
  checkImage(z, w, h);
  if (!Number.isInteger(order) || order < 0 || order > 6) throw new RangeError(`levelling order = ${order}: expected an integer 0…6`);
  const terms: [number, number][] = [];
  for (let d = 0; d <= order; d++) for (let i = 0; i <= d; i++) terms.push([d - i, i]);
  const T = terms.length;
  const ata = Array.from({ length: T }, () => new Array<number>(T).fill(0));
  const atb = new Array<number>(T).fill(0);
  const phi = new Float64Array(T);
  const basis = (x: number, y: number) => {
    const u = w > 1 ? (2 * x) / (w - 1) - 1 : 0;
    const v = h > 1 ? (2 * y) / (h - 1) - 1 : 0;
    for (let k = 0; k < T; k++) phi[k] = u ** terms[k][0] * v ** terms[k][1];
  };
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (mask && !mask[i]) continue;
      basis(x, y);
      for (let a = 0; a < T; a++) {
        atb[a] += phi[a] * z[i];
        for (let b = a; b < T; b++) ata[a][b] += phi[a] * phi[b];
      }
    }
  for (let a = 0; a < T; a++) for (let b = 0; b < a; b++) ata[a][b] = ata[b][a];
  const c = solve(ata, atb);
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      basis(x, y);
      let s = 0;
      for (let k = 0; k < T; k++) s += c[k] * phi[k];
      out[y * w + x] = z[y * w + x] - s;
    }
  return out;
}

/** Subtract each line's median (in a new array). */
export function alignRowsMedian(z: ArrayLike<number>, w: number, h: number): Float64Array {
  checkImage(z, w, h);
  const out = Float64Array.from(z as ArrayLike<number>);
  for (let y = 0; y < h; y++) {
    const row = out.subarray(y * w, (y + 1) * w);
    const m = median(row);
    for (let x = 0; x < w; x++) row[x] -= m;
  }
  return out;
}

/**
 * Align each line to the one before by the median of their pixel-wise differences (the first line
 * keeps its level). Removes per-line offsets and slow drift while keeping 2D structure.
 */
export function alignRowsMedianOfDifferences(z: ArrayLike<number>, w: number, h: number): Float64Array {
  checkImage(z, w, h);
  const out = Float64Array.from(z as ArrayLike<number>);
  const d = new Float64Array(w);
  for (let y = 1; y < h; y++) {
    for (let x = 0; x < w; x++) d[x] = out[y * w + x] - out[(y - 1) * w + x];
    const m = median(d);
    for (let x = 0; x < w; x++) out[y * w + x] -= m;
  }
  return out;
}

/** Level an image with the stated method (new array). */
export function levelImage(z: ArrayLike<number>, w: number, h: number, levelling: Levelling, order = 2): Float64Array {
  switch (levelling) {
    case 'plane':
      return subtractPolynomial(z, w, h, 1);
    case 'polynomial':
      return subtractPolynomial(z, w, h, order);
    case 'line-median':
      return alignRowsMedian(z, w, h);
    case 'median-of-differences':
      return subtractPolynomial(alignRowsMedianOfDifferences(z, w, h), w, h, 1);
    case 'plane+line-median':
      return alignRowsMedian(subtractPolynomial(z, w, h, 1), w, h);
    default: {
      const never: never = levelling;
      throw new Error(`unknown levelling ${String(never)}`);
    }
  }
}

/** RMS roughness result with the levelling that produced it. */
export interface RoughnessResult {
  /** R_q (units of z). */
  readonly rms: number;
  /** Arithmetic mean roughness R_a (units of z). */
  readonly ra: number;
  readonly levelling: Levelling;
  readonly order?: number;
}

/**
 * RMS roughness R_q = √(⟨(z − ⟨z⟩)²⟩) and R_a = ⟨|z − ⟨z⟩|⟩ of an image after levelling
 * (ISO 4287 / ISO 25178 areal S_q, S_a).
 */
export function rmsRoughness(z: ArrayLike<number>, w: number, h: number, levelling: Levelling = 'plane', order = 2): RoughnessResult {
  const l = levelImage(z, w, h, levelling, order);
  let s = 0;
  for (let i = 0; i < l.length; i++) {
    if (!Number.isFinite(l[i])) throw new RangeError(`rmsRoughness: pixel ${i} is not finite`);
    s += l[i];
  }
  const m = s / l.length;
  let q = 0;
  let a = 0;
  for (let i = 0; i < l.length; i++) {
    q += (l[i] - m) ** 2;
    a += Math.abs(l[i] - m);
  }
  return { rms: Math.sqrt(q / l.length), ra: a / l.length, levelling, ...(levelling === 'polynomial' ? { order } : {}) };
}
