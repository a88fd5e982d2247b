/**
 * Power spectral density estimates of sampled signals: the periodogram and Welch's averaged,
 * windowed periodogram, single-sided, in (signal unit)²/Hz.
 *
 * Normalisation (Heinzel, Rüdiger & Schilling, "Spectrum and spectral density estimation by the
 * DFT…", MPI Gravitational Physics report (2002), §9, Eq. 24): for a segment x_j (j = 0…N−1) with
 * window w_j and DFT X_k = Σ x_j w_j e^{−2πijk/N},
 *   S_k = 2 |X_k|² / (f_s Σ w_j²)   (0 < k < N/2),   S_0 = |X_0|²/(f_s Σw²), S_{N/2} = |X_{N/2}|²/(f_s Σw²),
 * so that Σ_k S_k Δf equals the mean square of the windowed segment (Parseval), Δf = f_s/N, and a
 * white noise of variance σ² has E[S_k] = 2σ²/f_s for every window. Welch (IEEE Trans. Audio
 * Electroacoust. 15, 70 (1967)) averages K such segments overlapping by a fraction (default ½, Hann).
 * Transforms by fft.js (radix-4, power-of-two lengths).
 */
import FFT from 'fft.js';

/** Window functions offered. */
export const WINDOWS = ['rectangular', 'hann'] as const;
export type WindowKind = (typeof WINDOWS)[number];

/** A single-sided PSD. */
export interface Psd {
  /** Bin frequencies k Δf [Hz], k = 0 … N/2. */
  readonly frequency: Float64Array;
  /** Single-sided PSD [(unit)²/Hz]. */
  readonly psd: Float64Array;
  /** Bin width Δf = f_s/N [Hz]. */
  readonly binWidth: number;
  /** Number of averaged segments K. */
  readonly segments: number;
  /** Equivalent noise bandwidth of the window, in bins: N Σw²/(Σw)². */
  readonly enbwBins: number;
}

/** Window coefficients w_j, j = 0…N−1 (periodic Hann: 0.5 − 0.5 cos(2πj/N), Harris 1978). */
export function windowCoefficients(kind: WindowKind, n: number): Float64Array {
  const w = new Float64Array(n);
  switch (kind) {
    case 'rectangular':
      w.fill(1);
      return w;
    case 'hann':
      for (let j = 0; j < n; j++) w[j] = 0.5 - 0.5 * Math.cos((2 * Math.PI * j) / n);
      return w;
    default: {
      const never: never = kind;
      throw new Error(`unknown window ${String(never)}`);
    }
  }
}

function isPow2(n: number): boolean {
  return Number.isInteger(n) && n >= 4 && (n & (n - 1)) === 0;
}

/** Options of {@link welchPsd}. */
export interface WelchOptions {
  /** Segment length N, a power of two ≥ 4 (default: min(length, 16384) rounded down to a power of two). */
  readonly segmentLength?: number;
  /** Overlap fraction in [0, 1) (default 0.5). */
  readonly overlap?: number;
  /** Window (default 'hann'). */
  readonly window?: WindowKind;
  /** Subtract each segment's mean before windowing (default true). */
  readonly detrendMean?: boolean;
}

/**
 * Welch PSD: average of windowed, overlapping periodograms, single-sided.
 *
 * Equations: module doc (Heinzel et al. 2002 Eq. 24; Welch 1967). Units: x in any unit u, f_s [Hz]
 * → PSD [u²/Hz].
 * @param x samples (length ≥ segment length)
 * @param sampleRate f_s [Hz]
 */
export function welchPsd(x: ArrayLike<number>, sampleRate: number, options: WelchOptions = {}): Psd {
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) throw new RangeError(`welchPsd: sampleRate = ${sampleRate} must be finite and > 0`);
  const len = x.length;
  const n = options.segmentLength ?? Math.min(16384, 2 ** Math.floor(Math.log2(Math.max(4, len))));
  if (!isPow2(n)) throw new RangeError(`welchPsd: segmentLength = ${n} must be a power of two >= 4`);
  if (n > len) throw new RangeError(`welchPsd: segmentLength = ${n} exceeds the record length ${len}`);
  const overlap = options.overlap ?? 0.5;
  if (!(overlap >= 0 && overlap < 1)) throw new RangeError(`welchPsd: overlap = ${overlap} must be in [0, 1)`);
  const step = Math.max(1, Math.round(n * (1 - overlap)));
  const kind = options.window ?? 'hann';
  const w = windowCoefficients(kind, n);
  let sw = 0;
  let sw2 = 0;
  for (let j = 0; j < n; j++) {
    sw += w[j];
    sw2 += w[j] * w[j];
  }
  const detrend = options.detrendMean ?? true;
  const fft = new FFT(n);
  const buf = new Float64Array(n);
  const out = new Float64Array(2 * n);
  const half = n / 2;
  const acc = new Float64Array(half + 1);
  let segments = 0;
  for (let start = 0; start + n <= len; start += step) {
    let mean = 0;
    if (detrend) {
      for (let j = 0; j < n; j++) mean += x[start + j];
      mean /= n;
    }
    for (let j = 0; j < n; j++) buf[j] = (x[start + j] - mean) * w[j];
    fft.realTransform(out, buf);
    for (let k = 0; k <= half; k++) {
      const re = out[2 * k];
      const im = out[2 * k + 1];
      acc[k] += re * re + im * im;
    }
    segments++;
  }
  const psd = new Float64Array(half + 1);
  const norm = 1 / (sampleRate * sw2 * segments);
  for (let k = 0; k <= half; k++) psd[k] = acc[k] * norm * (k === 0 || k === half ? 1 : 2);
  const df = sampleRate / n;
  const frequency = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) frequency[k] = k * df;
  return { frequency, psd, binWidth: df, segments, enbwBins: (n * sw2) / (sw * sw) };
}

/**
 * Periodogram of the whole record (one segment, rectangular window unless given), single-sided.
 *
 * Equations: module doc with K = 1. The record length must be a power of two. Units: u²/Hz.
 */
export function periodogram(x: ArrayLike<number>, sampleRate: number, window: WindowKind = 'rectangular'): Psd {
  return welchPsd(x, sampleRate, { segmentLength: x.length, overlap: 0, window, detrendMean: false });
}
