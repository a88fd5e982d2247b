/**
 * SEI coverage from an in situ image sequence, read only from the observed frames and their line
 * stamps (paper 000, Fig. 3(c), (f), (i): frames 1–9 during a CV; "At about 0.4 V the SEI merged
 * into a uniform layer").
 *
 * Pipeline per frame k (reference frame 0, recorded before any SEI forms):
 * 1. registration against frame 0 (phase correlation, then robust Gauss–Newton to sub-pixel); the
 *    shifts of frames registered as well as frame 1 (residual ≤ 2× frame 1's) are fitted by a drift line s(t) = b (t − t₀), since
 *    piezo drift is slow and steady while SEI growth spoils the registration of late frames;
 * 2. difference D = shift(F_k) − F₀ (no line alignment: aligning lines would also remove the
 *    uniform growth of a closed film between lines);
 * 3. the bare-substrate level per block of lines = mode of D near its value predicted from the
 *    previous blocks (linear in time; it absorbs z drift), extrapolated when no bare substrate is
 *    left;
 * 4. covered where D − c_k > threshold, threshold = max(6 σ, h_min), σ = 1.4826 MAD of D in a frame
 *    recorded before the onset (frame 1 by default); pixels already above threshold in that frame
 *    (resampling residuals at steep features) are masked out with a 2-pixel margin.
 * Coverage vs potential is then read in blocks of lines, each with its own potential stamp.
 */
import FFT from 'fft.js';
import { alignRowsMedianOfDifferences, median, subtractPolynomial } from './roughness.js';

/** The observed frames of an in situ acquisition (as written to data/). */
export interface FrameSequence {
  readonly pixels: number;
  /** Pixel size (m). */
  readonly pixelSize: number;
  /** Height images (m), row-major, line r then pixel i. */
  readonly frames: readonly Float64Array[];
  /** Time (s) and potential (V) stamp of each line, frame-major. */
  readonly lineTime: Float64Array;
  readonly linePotential: Float64Array;
}

function nextPow2(n: number): number {
  let p = 4;
  while (p < n) p *= 2;
  return p;
}

/** 2D complex FFT in place on an interleaved N×N array. */
function fft2(data: Float64Array, N: number, inverse: boolean): void {
  const f = new FFT(N);
  const a = f.createComplexArray() as number[];
  const b = f.createComplexArray() as number[];
  for (let y = 0; y < N; y++) {
    for (let i = 0; i < 2 * N; i++) a[i] = data[2 * y * N + i];
    if (inverse) f.inverseTransform(b, a);
    else f.transform(b, a);
    for (let i = 0; i < 2 * N; i++) data[2 * y * N + i] = b[i];
  }
  for (let x = 0; x < N; x++) {
    for (let y = 0; y < N; y++) {
      a[2 * y] = data[2 * (y * N + x)];
      a[2 * y + 1] = data[2 * (y * N + x) + 1];
    }
    if (inverse) f.inverseTransform(b, a);
    else f.transform(b, a);
    for (let y = 0; y < N; y++) {
      data[2 * (y * N + x)] = b[2 * y];
      data[2 * (y * N + x) + 1] = b[2 * y + 1];
    }
  }
}

/**
 * A registration shift: img(x + sx, y + sy) ≈ ref(x, y) (pixels); `peak` = fraction of inlier
 * pixels; `residual` = robust scale (1.4826 MAD) of the registered difference (units of the image).
 */
export interface Shift {
  readonly sx: number;
  readonly sy: number;
  readonly peak: number;
  readonly residual: number;
}

/**
 * Shift between two images: integer shift from the phase-correlation peak (Kuglin & Hines, Proc.
 * IEEE Int. Conf. Cybernetics and Society, 163 (1975)), refined to sub-pixel precision by robust
 * Gauss–Newton on img(x + s) − ref(x) − c (Lucas & Kanade, IJCAI 1981) with Tukey biweights
 * (c = 4.685 × 1.4826 MAD), so that new SEI islands act as outliers. Both images are line-aligned
 * (median of differences) and plane-levelled first; |shift| ≤ maxShift.
 */
export function estimateShift(ref: ArrayLike<number>, img: ArrayLike<number>, w: number, h: number, maxShift = 24): Shift {
  const prep = (z: ArrayLike<number>) => subtractPolynomial(alignRowsMedianOfDifferences(z, w, h), w, h, 1);
  const a = prep(ref);
  const b = prep(img);
  const N = nextPow2(Math.max(w, h));
  const A = new Float64Array(2 * N * N);
  const B = new Float64Array(2 * N * N);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const win = (0.5 - 0.5 * Math.cos((2 * Math.PI * (x + 0.5)) / w)) * (0.5 - 0.5 * Math.cos((2 * Math.PI * (y + 0.5)) / h));
      A[2 * (y * N + x)] = a[y * w + x] * win;
      B[2 * (y * N + x)] = b[y * w + x] * win;
    }
  fft2(A, N, false);
  fft2(B, N, false);
  let maxMag = 0;
  for (let i = 0; i < N * N; i++) maxMag = Math.max(maxMag, Math.hypot(A[2 * i], A[2 * i + 1]) * Math.hypot(B[2 * i], B[2 * i + 1]));
  const eps = 1e-6 * maxMag;
  for (let i = 0; i < N * N; i++) {
    const ar = A[2 * i];
    const ai = -A[2 * i + 1];
    const br = B[2 * i];
    const bi = B[2 * i + 1];
    const re = ar * br - ai * bi;
    const im = ar * bi + ai * br;
    const m = Math.hypot(re, im) + eps;
    A[2 * i] = re / m;
    A[2 * i + 1] = im / m;
  }
  fft2(A, N, true);
  const val = (sx: number, sy: number) => A[2 * ((((sy % N) + N) % N) * N + (((sx % N) + N) % N))];
  let best = -Infinity;
  let sx = 0;
  let sy = 0;
  for (let y = -maxShift; y <= maxShift; y++)
    for (let x = -maxShift; x <= maxShift; x++) {
      const v = val(x, y);
      if (v > best) {
        best = v;
        sx = x;
        sy = y;
      }
    }
  // Gauss–Newton refinement with Tukey weights; the reference's gradients stand in for the shifted
  // image's (img(x + s) ≈ ref(x) near the solution: the "inverse" Lucas–Kanade form), so each
  // iteration needs one bilinear sample per pixel.
  const m = Math.ceil(Math.abs(sx)) + Math.ceil(Math.abs(sy)) + 3;
  const iw = w - 2 * m;
  const ih = h - 2 * m;
  if (iw < 4 || ih < 4) return { sx, sy, peak: 0, residual: Number.NaN };
  const P = iw * ih;
  const gxr = new Float64Array(P);
  const gyr = new Float64Array(P);
  const ar = new Float64Array(P);
  for (let y = 0; y < ih; y++)
    for (let x = 0; x < iw; x++) {
      const i = (y + m) * w + x + m;
      const k = y * iw + x;
      ar[k] = a[i];
      gxr[k] = 0.5 * (a[i + 1] - a[i - 1]);
      gyr[k] = 0.5 * (a[i + w] - a[i - w]);
    }
  const res = new Float64Array(P);
  const sub = new Float64Array(Math.ceil(P / 7));
  let c = 0;
  let inliers = 0;
  let lastScale = Number.NaN;
  for (let it = 0; it < 15; it++) {
    const fx = sx - Math.floor(sx);
    const fy = sy - Math.floor(sy);
    const ox = Math.floor(sx);
    const oy = Math.floor(sy);
    for (let y = 0; y < ih; y++) {
      const base = (y + m + oy) * w + m + ox;
      for (let x = 0; x < iw; x++) {
        const i = base + x;
        const v = (b[i] * (1 - fx) + b[i + 1] * fx) * (1 - fy) + (b[i + w] * (1 - fx) + b[i + w + 1] * fx) * fy;
        res[y * iw + x] = v - ar[y * iw + x] - c;
      }
    }
    let ns = 0;
    for (let k = 0; k < P; k += 7) sub[ns++] = res[k];
    const med = median(sub.subarray(0, ns));
    for (let q = 0; q < ns; q++) sub[q] = Math.abs(sub[q] - med);
    const scale = Math.max(1e-30, 1.4826 * median(sub.subarray(0, ns)));
    lastScale = scale;
    const cT = 4.685 * scale;
    let h00 = 0;
    let h01 = 0;
    let h02 = 0;
    let h11 = 0;
    let h12 = 0;
    let h22 = 0;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    inliers = 0;
    for (let k = 0; k < P; k++) {
      const r = res[k];
      const u = r / cT;
      if (u >= 1 || u <= -1) continue;
      inliers++;
      const wt = (1 - u * u) ** 2;
      const gx = gxr[k];
      const gy = gyr[k];
      h00 += wt * gx * gx;
      h01 += wt * gx * gy;
      h02 -= wt * gx;
      h11 += wt * gy * gy;
      h12 -= wt * gy;
      h22 += wt;
      g0 += wt * gx * r;
      g1 += wt * gy * r;
      g2 -= wt * r;
    }
    const H = [
      [h00, h01, h02],
      [h01, h11, h12],
      [h02, h12, h22],
    ];
    const det = (M: number[][]) => M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) - M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) + M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
    const D = det(H);
    if (!(Math.abs(D) > 0)) break;
    const rhs = [-g0, -g1, -g2];
    const col = (j: number) => H.map((row, i) => row.map((v, q) => (q === j ? rhs[i] : v)));
    const dx = det(col(0)) / D;
    const dy = det(col(1)) / D;
    const dc = det(col(2)) / D;
    const lim = m - 2;
    sx = Math.max(-lim, Math.min(lim, sx + Math.max(-1, Math.min(1, dx))));
    sy = Math.max(-lim, Math.min(lim, sy + Math.max(-1, Math.min(1, dy))));
    c += dc;
    if (Math.abs(dx) < 1e-3 && Math.abs(dy) < 1e-3) break;
  }
  return { sx, sy, peak: inliers / P, residual: lastScale };
}

/**
 * Resample an image at (x + sx, y + sy) by bilinear interpolation; pixels whose source falls outside
 * are marked 0 in `valid`.
 */
export function shiftImage(img: ArrayLike<number>, w: number, h: number, sx: number, sy: number): { image: Float64Array; valid: Uint8Array } {
  const out = new Float64Array(w * h);
  const valid = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const ys = y + sy;
    const y0 = Math.floor(ys);
    const fy = ys - y0;
    for (let x = 0; x < w; x++) {
      const xs = x + sx;
      const x0 = Math.floor(xs);
      const fx = xs - x0;
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
        const cx = Math.min(w - 1, Math.max(0, Math.round(xs)));
        const cy = Math.min(h - 1, Math.max(0, Math.round(ys)));
        out[y * w + x] = img[cy * w + cx];
        continue;
      }
      const i = y0 * w + x0;
      out[y * w + x] = (img[i] * (1 - fx) + img[i + 1] * fx) * (1 - fy) + (img[i + w] * (1 - fx) + img[i + w + 1] * fx) * fy;
      valid[y * w + x] = 1;
    }
  }
  return { image: out, valid };
}

/** Options of {@link detectChanges}. */
export interface ChangeOptions {
  /** Detection threshold in units of σ (default 6). */
  readonly thresholdSigma?: number;
  /** Smallest detection threshold (m), default 0.3 nm. */
  readonly minThreshold?: number;
  /** Frame used to estimate σ (recorded before the onset), default 1. */
  readonly noiseFrame?: number;
  /** Fit the registration shifts by a drift line (default true). */
  readonly driftFit?: boolean;
  /** Lines per block in which the bare-substrate level is tracked (default 32). */
  readonly levelBlock?: number;
}

/** Per-frame changes against the reference frame. */
export interface ChangeDetection {
  readonly threshold: number;
  readonly noiseSigma: number;
  readonly shifts: readonly Shift[];
  /** Bare-substrate level of every line of the difference images (m), frame-major. */
  readonly lineLevel: Float64Array;
  /** Per level block (frame-major): whether bare substrate was seen (else extrapolated in time). */
  readonly levelSeen: readonly boolean[];
  /** Height change against frame 0, levelled to the bare substrate (m). */
  readonly diffs: readonly Float64Array[];
  /** 1 where the change exceeds the threshold (and the pixel is valid). */
  readonly masks: readonly Uint8Array[];
  readonly valid: readonly Uint8Array[];
  /** Pixels masked as unstable before the onset. */
  readonly unstablePixels: number;
}

function modeNear(vals: Float64Array, count: number, centre: number, half: number, bin: number): { level: number; fraction: number } {
  const nb = Math.max(1, Math.ceil((2 * half) / bin));
  const hist = new Float64Array(nb);
  for (let i = 0; i < count; i++) {
    const b = Math.floor((vals[i] - (centre - half)) / bin);
    if (b >= 0 && b < nb) hist[b]++;
  }
  let bb = 0;
  for (let b = 1; b < nb; b++) if (hist[b] > hist[bb]) bb = b;
  const c0 = centre - half + (bb + 0.5) * bin;
  const near: number[] = [];
  for (let i = 0; i < count; i++) if (Math.abs(vals[i] - c0) <= bin * 2) near.push(vals[i]);
  return { level: near.length ? median(near) : c0, fraction: count ? near.length / count : 0 };
}

/**
 * Detect SEI (height increase) in every frame against frame 0; see module doc. The bare level is
 * tracked per block of lines through time (it absorbs z drift): the mode of the block's differences
 * near the level predicted from the two previous blocks where bare substrate was seen; blocks
 * without bare substrate (< 5 % of pixels at the mode) take the extrapolated level.
 */
export function detectChanges(seq: FrameSequence, options: ChangeOptions = {}): ChangeDetection {
  const n = seq.pixels;
  const K = seq.frames.length;
  if (K < 2) throw new RangeError(`detectChanges: ${K} frames; need a reference frame and at least one more`);
  const kSig = options.thresholdSigma ?? 6;
  const hMin = options.minThreshold ?? 0.3e-9;
  const noiseFrame = Math.min(options.noiseFrame ?? 1, K - 1);
  const B = Math.max(1, Math.min(n, options.levelBlock ?? 32));
  const ref = seq.frames[0];
  const raw = seq.frames.map((f, k) => (k === 0 ? { sx: 0, sy: 0, peak: 1, residual: 0 } : estimateShift(ref, f, n, n)));
  const frameT = (k: number) => seq.lineTime[k * n] - seq.lineTime[0];
  let shifts = raw;
  if (options.driftFit ?? true) {
    // frames still registered as well as frame 1 (residual within 2× its robust scale)
    const good = raw.map((s, k) => k > 0 && s.residual <= 2 * raw[1].residual);
    let stt = 0;
    let stx = 0;
    let sty = 0;
    for (let k = 1; k < K; k++)
      if (good[k]) {
        stt += frameT(k) ** 2;
        stx += frameT(k) * raw[k].sx;
        sty += frameT(k) * raw[k].sy;
      }
    if (stt > 0) shifts = raw.map((s, k) => ({ sx: (stx / stt) * frameT(k), sy: (sty / stt) * frameT(k), peak: s.peak, residual: s.residual }));
  }
  const diffs: Float64Array[] = [new Float64Array(n * n)];
  const valid: Uint8Array[] = [new Uint8Array(n * n).fill(1)];
  for (let k = 1; k < K; k++) {
    const { image, valid: v } = shiftImage(seq.frames[k], n, n, shifts[k].sx, shifts[k].sy);
    const D = new Float64Array(n * n);
    for (let i = 0; i < D.length; i++) D[i] = image[i] - ref[i];
    diffs.push(D);
    valid.push(v);
  }
  // noise scale from the pre-onset frame (after removing its median)
  const Dn = diffs[noiseFrame];
  const vals: number[] = [];
  for (let i = 0; i < Dn.length; i++) if (valid[noiseFrame][i]) vals.push(Dn[i]);
  const med = median(vals);
  const sigma = 1.4826 * median(vals.map((v) => Math.abs(v - med)));
  const thr = Math.max(kSig * sigma, hMin);
  // Pixels that already exceed the threshold before the onset (resampling residuals at steep pit
  // walls and steps: a sharp feature sampled at another sub-pixel phase) are unstable: they and
  // their neighbours (2 px) are excluded from detection in every frame, like a bad-pixel mask.
  const unstable = new Uint8Array(n * n);
  for (let i = 0; i < Dn.length; i++) if (valid[noiseFrame][i] && Math.abs(Dn[i] - med) > thr) unstable[i] = 1;
  let nUnstable = 0;
  const grown = new Uint8Array(n * n);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      if (!unstable[y * n + x]) continue;
      for (let v = Math.max(0, y - 2); v <= Math.min(n - 1, y + 2); v++) for (let u = Math.max(0, x - 2); u <= Math.min(n - 1, x + 2); u++) grown[v * n + u] = 1;
    }
  for (let i = 0; i < grown.length; i++)
    if (grown[i]) {
      nUnstable++;
      for (let k = 1; k < K; k++) valid[k][i] = 0;
    }
  // bare level per block of lines, tracked in time
  const lineLevel = new Float64Array(K * n);
  const seen: boolean[] = [];
  const good: { t: number; l: number }[] = [];
  const buf = new Float64Array(B * n);
  for (let k = 1; k < K; k++) {
    const D = diffs[k];
    for (let r0 = 0; r0 < n; r0 += B) {
      const r1 = Math.min(n, r0 + B);
      let cnt = 0;
      for (let r = r0; r < r1; r++) for (let i = 0; i < n; i++) if (valid[k][r * n + i]) buf[cnt++] = D[r * n + i];
      const tb = 0.5 * (seq.lineTime[k * n + r0] + seq.lineTime[k * n + r1 - 1]);
      let pred: number;
      let half: number;
      if (good.length === 0) {
        pred = cnt ? median(buf.subarray(0, cnt)) : 0;
        half = 4 * thr;
      } else if (good.length === 1) {
        pred = good[0].l;
        half = thr;
      } else {
        const a = good[good.length - 2];
        const b = good[good.length - 1];
        pred = b.l + ((b.l - a.l) / (b.t - a.t || 1)) * (tb - b.t);
        half = thr;
      }
      const { level, fraction } = modeNear(buf, cnt, pred, half, thr / 4);
      const ok = fraction >= 0.05;
      const c = ok ? level : pred;
      seen.push(ok);
      if (ok) good.push({ t: tb, l: level });
      for (let r = r0; r < r1; r++) lineLevel[k * n + r] = c;
    }
  }
  const masks: Uint8Array[] = [new Uint8Array(n * n)];
  for (let k = 1; k < K; k++) {
    const D = diffs[k];
    const m = new Uint8Array(n * n);
    for (let r = 0; r < n; r++) {
      const c = lineLevel[k * n + r];
      for (let i = 0; i < n; i++) {
        const p = r * n + i;
        D[p] -= c;
        if (valid[k][p] && D[p] > thr) m[p] = 1;
      }
    }
    masks.push(m);
  }
  return { threshold: thr, noiseSigma: sigma, shifts, lineLevel, levelSeen: seen, diffs, masks, valid, unstablePixels: nUnstable };
}

/** Coverage read in blocks of lines, each stamped with its mean time and potential. */
export interface CoverageCurve {
  readonly time: Float64Array;
  readonly potential: Float64Array;
  readonly coverage: Float64Array;
  readonly frame: Int32Array;
}

/** Coverage vs potential: fraction of valid pixels detected as SEI per block of `blockLines` lines. */
export function coverageVsPotential(seq: FrameSequence, changes: ChangeDetection, blockLines = 32): CoverageCurve {
  const n = seq.pixels;
  const t: number[] = [];
  const e: number[] = [];
  const c: number[] = [];
  const f: number[] = [];
  for (let k = 1; k < seq.frames.length; k++) {
    for (let r0 = 0; r0 < n; r0 += blockLines) {
      const r1 = Math.min(n, r0 + blockLines);
      let cov = 0;
      let tot = 0;
      let ts = 0;
      let es = 0;
      for (let r = r0; r < r1; r++) {
        ts += seq.lineTime[k * n + r];
        es += seq.linePotential[k * n + r];
        for (let i = 0; i < n; i++) {
          const p = r * n + i;
          if (!changes.valid[k][p]) continue;
          tot++;
          cov += changes.masks[k][p];
        }
      }
      t.push(ts / (r1 - r0));
      e.push(es / (r1 - r0));
      c.push(tot ? cov / tot : 0);
      f.push(k);
    }
  }
  return { time: Float64Array.from(t), potential: Float64Array.from(e), coverage: Float64Array.from(c), frame: Int32Array.from(f) };
}

/**
 * Potential at which the coverage first reaches `level` (default 0.9), interpolated linearly between
 * the last block below and the first block at or above it; NaN if never.
 */
export function mergePotential(curve: CoverageCurve, level = 0.9): number {
  for (let k = 0; k < curve.coverage.length; k++) {
    if (curve.coverage[k] >= level) {
      if (k === 0) return curve.potential[0];
      const c0 = curve.coverage[k - 1];
      const c1 = curve.coverage[k];
      const w = c1 > c0 ? (level - c0) / (c1 - c0) : 1;
      return curve.potential[k - 1] + Math.min(1, Math.max(0, w)) * (curve.potential[k] - curve.potential[k - 1]);
    }
  }
  return Number.NaN;
}

/** Mean of the values between the 5th and 95th percentiles. */
export function trimmedMean(values: readonly number[], trim = 0.05): number {
  const b = Float64Array.from(values).sort();
  const lo = Math.floor(trim * b.length);
  const hi = Math.ceil((1 - trim) * b.length);
  let s = 0;
  for (let i = lo; i < hi; i++) s += b[i];
  return hi > lo ? s / (hi - lo) : Number.NaN;
}

/** Result of the scanned-vs-unscanned comparison. */
export interface SweepBias {
  /** 5 %-trimmed mean height inside the formerly scanned window minus outside it (m). */
  readonly bias: number;
  readonly inside: number;
  readonly outside: number;
  /** Robust spread (1.4826 MAD) of the outside heights (m). */
  readonly outsideSpread: number;
}

/**
 * Compare the formerly scanned window with the unscanned surroundings in a post-CV overview image
 * (review 004: "cross-check the operando scanned area against a previously unscanned area").
 * The overview is line-aligned and plane-levelled on the outside pixels only; the window
 * (x0, y0, ww, wh in overview pixels) is eroded by `margin` pixels on both sides of its border.
 * Pixels set in `exclude` (e.g. detected blisters, which are no part of the swept film) count on
 * neither side.
 */
export function scannedVsUnscanned(overview: ArrayLike<number>, w: number, h: number, window: { x0: number; y0: number; ww: number; wh: number }, margin = 8, exclude?: Uint8Array): SweepBias {
  if (exclude && exclude.length !== w * h) throw new RangeError(`scannedVsUnscanned: exclude mask has ${exclude.length} pixels, expected ${w * h}`);
  const inWin = (x: number, y: number, m: number) => x >= window.x0 + m && x < window.x0 + window.ww - m && y >= window.y0 + m && y < window.y0 + window.wh - m;
  const outside = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) outside[y * w + x] = inWin(x, y, -margin) || (exclude && exclude[y * w + x]) ? 0 : 1;
  // line alignment on the outside pixels of every line (median), then a plane on the outside
  const z = Float64Array.from(overview as ArrayLike<number>);
  for (let y = 0; y < h; y++) {
    const o: number[] = [];
    for (let x = 0; x < w; x++) if (outside[y * w + x]) o.push(z[y * w + x]);
    const m = o.length > w / 8 ? median(o) : Number.NaN;
    if (Number.isFinite(m)) for (let x = 0; x < w; x++) z[y * w + x] -= m;
  }
  const lev = subtractPolynomial(z, w, h, 1, outside);
  const ins: number[] = [];
  const out: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (exclude && exclude[y * w + x]) continue;
      if (inWin(x, y, margin)) ins.push(lev[y * w + x]);
      else if (outside[y * w + x]) out.push(lev[y * w + x]);
    }
  // trimmed means, not medians: swept deposits cover only part of the window
  const mi = trimmedMean(ins);
  const mo = trimmedMean(out);
  const md = median(out);
  return { bias: mi - mo, inside: mi, outside: mo, outsideSpread: 1.4826 * median(out.map((v) => Math.abs(v - md))) };
}
