/**
 * Gaussian random fields with a Gaussian autocorrelation, by spectral filtering of white noise
 * (fft.js). Used for polished-electrode roughness, HOPG corrugation and SEI pinning disorder.
 */
import FFT from 'fft.js';
import type { Rng } from '../rng.js';
import { validateGrid, type Grid } from './grid.js';

function nextPow2(n: number): number {
  let p = 4;
  while (p < n) p *= 2;
  return p;
}

/**
 * A zero-mean Gaussian random field with autocorrelation C(r) = σ² exp(−r²/ℓ²).
 *
 * For ℓ ≤ 12 pixels: white noise convolved separably with a Gaussian kernel of σ_k = ℓ/2 (exact
 * Gaussian correlation). Otherwise:
 * White noise w is filtered in Fourier space by √S(k), S(k) = exp(−k²ℓ²/4) — the 2D Fourier
 * transform of exp(−r²/ℓ²) (Adler, *The Geometry of Random Fields*, 1981, §2) — on a periodic
 * power-of-two grid padded by ≥ 3ℓ on each axis (so the periodic wrap does not correlate opposite
 * edges of the returned window), then cropped and scaled so that its sample RMS equals `rms`
 * exactly. ℓ (m) is the 1/e correlation length; `rms` in the field's unit (here m).
 *
 * @example gaussianRandomField(rng, { nx: 256, ny: 256, dx: 5e-9 }, 1e-9, 50e-9) // RMS exactly 1 nm
 */
export function gaussianRandomField(rng: Rng, grid: Grid, rms: number, correlationLength: number): Float64Array {
  validateGrid(grid);
  if (!Number.isFinite(rms) || rms < 0) throw new RangeError(`gaussianRandomField: rms = ${rms}: expected a finite value ≥ 0`);
  if (!Number.isFinite(correlationLength) || correlationLength <= 0) {
    throw new RangeError(`gaussianRandomField: correlationLength = ${correlationLength} m: expected finite and > 0`);
  }
  const { nx, ny, dx } = grid;
  const out = new Float64Array(nx * ny);
  if (rms === 0) return out;
  const lp = correlationLength / dx; // in pixels
  if (lp <= SEPARABLE_MAX_LENGTH) return normalise(separableField(rng, nx, ny, lp), rms);
  const pad = Math.ceil(3 * lp);
  const NX = nextPow2(nx + pad);
  const NY = nextPow2(ny + pad);
  if (NX * NY > 1 << 24) throw new RangeError(`gaussianRandomField: padded grid ${NX}×${NY} too large (ℓ/dx = ${lp.toFixed(1)})`);
  // Complex field, row-major, interleaved re/im. Real and imaginary parts carry independent
  // white noise; the real part of the filtered field is used.
  const data = new Float64Array(2 * NX * NY);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  const fx = new FFT(NX);
  const fy = new FFT(NY);
  const rowIn = fx.createComplexArray() as number[];
  const rowOut = fx.createComplexArray() as number[];
  const colIn = fy.createComplexArray() as number[];
  const colOut = fy.createComplexArray() as number[];
  const transform2d = (inverse: boolean): void => {
    for (let y = 0; y < NY; y++) {
      const base = 2 * y * NX;
      for (let i = 0; i < 2 * NX; i++) rowIn[i] = data[base + i];
      if (inverse) fx.inverseTransform(rowOut, rowIn);
      else fx.transform(rowOut, rowIn);
      for (let i = 0; i < 2 * NX; i++) data[base + i] = rowOut[i];
    }
    for (let x = 0; x < NX; x++) {
      for (let y = 0; y < NY; y++) {
        colIn[2 * y] = data[2 * (y * NX + x)];
        colIn[2 * y + 1] = data[2 * (y * NX + x) + 1];
      }
      if (inverse) fy.inverseTransform(colOut, colIn);
      else fy.transform(colOut, colIn);
      for (let y = 0; y < NY; y++) {
        data[2 * (y * NX + x)] = colOut[2 * y];
        data[2 * (y * NX + x) + 1] = colOut[2 * y + 1];
      }
    }
  };
  transform2d(false);
  for (let y = 0; y < NY; y++) {
    const ky = (2 * Math.PI * (y <= NY / 2 ? y : y - NY)) / NY;
    for (let x = 0; x < NX; x++) {
      const kx = (2 * Math.PI * (x <= NX / 2 ? x : x - NX)) / NX;
      const filt = Math.exp((-(kx * kx + ky * ky) * lp * lp) / 8); // √S
      const i = 2 * (y * NX + x);
      data[i] *= filt;
      data[i + 1] *= filt;
    }
  }
  transform2d(true);
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) out[y * nx + x] = data[2 * (y * NX + x)];
  return normalise(out, rms);
}

/** Correlation lengths up to this many pixels use the separable filter (kernel ≤ 49 taps). */
export const SEPARABLE_MAX_LENGTH = 12;

/** Remove the mean and scale to sample RMS `rms`, in place. */
function normalise(out: Float64Array, rms: number): Float64Array {
  let s = 0;
  for (let i = 0; i < out.length; i++) s += out[i];
  const mean = s / out.length;
  let q = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] -= mean;
    q += out[i] * out[i];
  }
  const scale = rms / Math.sqrt(q / out.length);
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}

/**
 * White noise convolved with a Gaussian kernel of σ_k = ℓ/2 pixels, separably along x then y
 * (truncated at 4σ_k). The result's autocorrelation is exp(−r²/(4σ_k²)) = exp(−r²/ℓ²) — the same
 * field statistics as the spectral route, without the power-of-two padding.
 */
function separableField(rng: Rng, nx: number, ny: number, lp: number): Float64Array {
  const sk = Math.max(lp / 2, 1e-3);
  const hw = Math.max(1, Math.ceil(4 * sk));
  const kern = new Float64Array(2 * hw + 1);
  for (let k = -hw; k <= hw; k++) kern[k + hw] = Math.exp(-(k * k) / (2 * sk * sk));
  const NX = nx + 2 * hw;
  const NY = ny + 2 * hw;
  const w = new Float64Array(NX * NY);
  for (let i = 0; i < w.length; i++) w[i] = rng.normal();
  const tmp = new Float64Array(NY * nx);
  for (let y = 0; y < NY; y++) {
    const row = y * NX;
    for (let x = 0; x < nx; x++) {
      let acc = 0;
      for (let k = 0; k < kern.length; k++) acc += kern[k] * w[row + x + k];
      tmp[y * nx + x] = acc;
    }
  }
  const out = new Float64Array(nx * ny);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      let acc = 0;
      for (let k = 0; k < kern.length; k++) acc += kern[k] * tmp[(y + k) * nx + x];
      out[y * nx + x] = acc;
    }
  }
  return out;
}

/**
 * Empirical autocorrelation of a map along x at integer lags 0…maxLag, normalised to 1 at lag 0.
 * C(k) = ⟨z(x)z(x+k)⟩/⟨z²⟩ over all rows (mean removed). Dimensionless.
 */
export function autocorrelationX(z: Float64Array, nx: number, ny: number, maxLag: number): Float64Array {
  let s = 0;
  for (let i = 0; i < z.length; i++) s += z[i];
  const m = s / z.length;
  const c = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let acc = 0;
    let n = 0;
    for (let y = 0; y < ny; y++) {
      const row = y * nx;
      for (let x = 0; x + k < nx; x++) {
        acc += (z[row + x] - m) * (z[row + x + k] - m);
        n++;
      }
    }
    c[k] = acc / n;
  }
  const c0 = c[0];
  for (let k = 0; k <= maxLag; k++) c[k] /= c0;
  return c;
}
