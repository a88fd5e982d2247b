/**
 * Tests of src/analysis/derivative.ts: Savitzky–Golay coefficients against SciPy (fixture produced by
 * test/fixtures/analysis_reference.py), polynomial exactness, convergence rate against an analytic
 * function, and the white-noise gain Σc²/h² of the derivative filter.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  localPolynomialDerivative,
  noiseGain,
  savitzkyGolay,
  savitzkyGolayCoefficients,
  savitzkyGolayPlan,
} from '../src/analysis/derivative.js';
import { sampleVariance } from '../src/analysis/stats.js';
import { createRng } from '../src/sim/rng.js';

const ref = JSON.parse(readFileSync(new URL('./fixtures/analysis-reference.json', import.meta.url), 'utf8'));

describe('Savitzky–Golay coefficients', () => {
  it('match scipy.signal.savgol_coeffs(use="dot") to 1e-13 (absolute, coefficients are O(0.1–1))', () => {
    for (const r of ref.savgolCoeffs as { window: number; order: number; deriv: number; pos?: number; c: number[] }[]) {
      const c = savitzkyGolayCoefficients(r.window, r.order, r.deriv, r.pos);
      expect(c.length).toBe(r.c.length);
      r.c.forEach((v, j) => expect(Math.abs(c[j] - v)).toBeLessThan(1e-13));
    }
  });

  it('classic 5-point quadratic first derivative is (−2, −1, 0, 1, 2)/10 (Savitzky & Golay 1964, Table III)', () => {
    const c = savitzkyGolayCoefficients(5, 2, 1);
    [-0.2, -0.1, 0, 0.1, 0.2].forEach((v, j) => expect(c[j]).toBeCloseTo(v, 15));
  });

  it('rejects even windows, order ≥ window and deriv > order', () => {
    expect(() => savitzkyGolayCoefficients(6, 2, 1)).toThrow(/window = 6/);
    expect(() => savitzkyGolayCoefficients(5, 5, 1)).toThrow(/order = 5/);
    expect(() => savitzkyGolayCoefficients(5, 1, 2)).toThrow(/deriv = 2/);
  });
});

describe('Savitzky–Golay filter', () => {
  it('derivative is exact (1e-9 relative) for polynomials of degree ≤ order, edges included (fast-check seed 31337)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }), // half window m
        fc.integer({ min: 1, max: 4 }), // order
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 1e-10, max: 1e-8, noNaN: true }), // spacing (m), z_p-like
        (m, orderRaw, coef, h) => {
          const window = 2 * m + 1;
          const order = Math.min(orderRaw, window - 1);
          const n = 40;
          const y = new Float64Array(n);
          const x0 = -7.3 * h;
          // polynomial of degree `order` in the scaled variable s = x / (n h)
          const L = n * h;
          for (let i = 0; i < n; i++) {
            const s = (x0 + i * h) / L;
            let v = 0;
            for (let k = order; k >= 0; k--) v = v * s + coef[k];
            y[i] = v;
          }
          const d = savitzkyGolay(y, h, savitzkyGolayPlan(window, order, 1));
          let scale = 0;
          let ysum = 0;
          for (let k = 0; k <= order; k++) {
            scale += Math.abs(k * coef[k]);
            ysum += Math.abs(coef[k]);
          }
          // truncation-free, so only rounding: 1e-9 of the derivative scale, plus the rounding of the
          // coefficients (≈ 1e-15 relative, Σ|c| ≤ ~50 for the edge rows) acting on |y| ≤ Σ|coef|,
          // divided by h: 1e-12 Σ|coef| / h
          for (let i = 0; i < n; i++) {
            const s = (x0 + i * h) / L;
            let dv = 0;
            for (let k = order; k >= 1; k--) dv = dv * s + k * coef[k];
            if (Math.abs(d[i] - dv / L) > (1e-9 * scale) / L + (1e-12 * ysum) / h + 1e-290) return false; // floor: denormal coefficients
          }
          return true;
        },
      ),
      { seed: 31337, numRuns: 200 },
    );
  });

  it.each([
    [2, 2],
    [4, 4],
  ])('interior derivative of sin converges at the expected rate: order %i → O(h^%i) at fixed window points', (order, rate) => {
    // Fixed number of points per window (w = 2·order + 3), spacing h halved; SG with a symmetric
    // window of even order p is exact to degree p+1 for the first derivative, so the error is
    // C h^p f^(p+1) ... with C from the moment of the filter: rate p expected in log2 err ratios.
    const window = 2 * order + 3;
    const plan = savitzkyGolayPlan(window, order, 1);
    const errs: number[] = [];
    for (const h of [0.1, 0.05, 0.025, 0.0125]) {
      const n = Math.round(2 / h) + 1;
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) y[i] = Math.sin(0.3 + i * h);
      const d = savitzkyGolay(y, h, plan);
      const i = Math.round(1 / h); // x = 1.3, deep in the interior
      errs.push(Math.abs(d[i] - Math.cos(0.3 + i * h)));
    }
    for (let k = 0; k + 1 < errs.length; k++) expect(Math.log2(errs[k] / errs[k + 1])).toBeGreaterThan(rate - 0.05);
  });

  it('noise amplification: var of the derivative of white noise equals σ²Σc²/h² (interior and edge rows)', () => {
    // 3000 curves × 64 points of N(0, σ²) noise; the sample variance of an estimator over N = 3000
    // draws has relative standard error √(2/(N−1)) = 2.6 %: accept 4σ = 10.3 %.
    const rng = createRng('sg-noise');
    const window = 11;
    const order = 3;
    const h = 2e-10;
    const sigma = 1.7e-12; // N
    const plan = savitzkyGolayPlan(window, order, 1);
    const N = 3000;
    const n = 64;
    const y = new Float64Array(n);
    const d = new Float64Array(n);
    const atCentre = new Float64Array(N);
    const atEdge = new Float64Array(N);
    for (let r = 0; r < N; r++) {
      for (let i = 0; i < n; i++) y[i] = sigma * rng.normal();
      savitzkyGolay(y, h, plan, d);
      atCentre[r] = d[32];
      atEdge[r] = d[0];
    }
    const gainCentre = noiseGain(savitzkyGolayCoefficients(window, order, 1), h, 1);
    const gainEdge = noiseGain(savitzkyGolayCoefficients(window, order, 1, 0), h, 1);
    const tol = 4 * Math.sqrt(2 / (N - 1));
    expect(Math.abs(sampleVariance(atCentre) / (sigma * sigma * gainCentre) - 1)).toBeLessThan(tol);
    expect(Math.abs(sampleVariance(atEdge) / (sigma * sigma * gainEdge) - 1)).toBeLessThan(tol);
    // the one-sided edge estimate is much noisier than the centre (documented edge handling)
    expect(gainEdge / gainCentre).toBeGreaterThan(10);
  });
});

describe('local polynomial derivative (non-uniform abscissae)', () => {
  it('is exact for polynomials of degree ≤ order on random unsorted abscissae (fast-check seed 2718)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 30, maxLength: 60 }),
        fc.integer({ min: 2, max: 7 }),
        (order, coef, gaps, stride) => {
          const L = 30e-9; // 30 nm depth range
          // distinct abscissae from positive gaps, then visited in a strided (unsorted) order
          const sortedX: number[] = [];
          let acc = 0;
          for (const g of gaps) sortedX.push((acc += g));
          const n = sortedX.length;
          const x = new Float64Array(n);
          for (let i = 0, k = 0; i < stride; i++) for (let j = i; j < n; j += stride) x[k++] = (sortedX[j] / acc) * L;
          const y = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            let v = 0;
            for (let k = order; k >= 0; k--) v = v * (x[i] / L) + coef[k];
            y[i] = v;
          }
          const d = localPolynomialDerivative(x, y, { halfWidth: 0.2 * L, order });
          let scale = 0;
          let ysum = 0;
          for (let k = 0; k <= order; k++) {
            scale += Math.abs(k * coef[k]);
            ysum += Math.abs(coef[k]);
          }
          for (let i = 0; i < n; i++) {
            let dv = 0;
            for (let k = order; k >= 1; k--) dv = dv * (x[i] / L) + k * coef[k];
            // rounding only: see the Savitzky–Golay exactness test (gap ≥ 0.05/60 of L)
            if (!(Math.abs(d[i] - dv / L) <= (1e-9 * scale) / L + (1e-10 * ysum) / L + 1e-290)) return false;
          }
          return true;
        },
      ),
      { seed: 2718, numRuns: 150 },
    );
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
  ])('order %i converges at rate ≥ %i − 0.05 on a fixed asymmetric design scaled by h', (order, rate) => {
    // 11 points at x0 + δ_j h with an irregular, asymmetric offset set δ (includes 0, where the
    // derivative is read), H = 5.5 h: as h halves the design scales exactly, so the error is
    // C h^p (1 + O(h)) with p = order (asymmetric design: no symmetric cancellation).
    const offsets = [-4.2, -3.1, -1.9, -1.2, 0, 0.7, 1.6, 2.9, 3.4, 4.8, 5.3];
    const i0 = offsets.indexOf(0);
    const x0 = 0.9;
    const f = (x: number) => Math.exp(0.7 * x) * Math.sin(2 * x);
    const df = (x: number) => Math.exp(0.7 * x) * (0.7 * Math.sin(2 * x) + 2 * Math.cos(2 * x));
    const errs: number[] = [];
    for (const h of [0.1, 0.05, 0.025, 0.0125, 0.00625]) {
      const x = Float64Array.from(offsets, (o) => x0 + o * h);
      const y = Float64Array.from(x, f);
      const d = localPolynomialDerivative(x, y, { halfWidth: 5.5 * h, order });
      errs.push(Math.abs(d[i0] - df(x0)));
    }
    for (let k = 0; k + 1 < errs.length; k++) expect(Math.log2(errs[k] / errs[k + 1])).toBeGreaterThan(rate - 0.05);
  });

  it('reports its white-noise gain Σℓ²: empirical variance matches within 4σ of the estimator', () => {
    const rng = createRng('lp-gain');
    const n = 80;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = 1e-9 * (i + 0.45 * Math.sin(1.7 * i)) * (1 + i / 80); // stretched, non-uniform
    const y = new Float64Array(n);
    const d = new Float64Array(n);
    const gain = new Float64Array(n);
    const N = 3000;
    const probe = [0, 40, 79];
    const samples = probe.map(() => new Float64Array(N));
    for (let r = 0; r < N; r++) {
      for (let i = 0; i < n; i++) y[i] = rng.normal();
      localPolynomialDerivative(x, y, { halfWidth: 6e-9, order: 2, outGain: gain }, d);
      probe.forEach((i, k) => (samples[k][r] = d[i]));
    }
    const tol = 4 * Math.sqrt(2 / (N - 1));
    probe.forEach((i, k) => expect(Math.abs(sampleVariance(samples[k]) / gain[i] - 1)).toBeLessThan(tol));
  });

  it('equals Savitzky–Golay with a uniform kernel on a uniform grid (same least-squares problem)', () => {
    const n = 50;
    const h = 0.5e-9;
    const x = Float64Array.from({ length: n }, (_, i) => i * h);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 5) + 0.1 * Math.cos(i * 1.3));
    const sg = savitzkyGolay(y, h, savitzkyGolayPlan(9, 2, 1));
    // |x_j − x_i| < H: H = 4.5 h selects exactly 9 points in the interior
    const lp = localPolynomialDerivative(x, y, { halfWidth: 4.5 * h, order: 2, kernel: 'uniform' });
    for (let i = 4; i < n - 4; i++) expect(Math.abs(lp[i] - sg[i])).toBeLessThan(1e-9 * Math.abs(sg[i]) + 1e-6);
  });

  it('skips NaN ordinates and rejects non-finite abscissae', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => i);
    const y = Float64Array.from(x, (v) => 3 * v + 1);
    y[7] = NaN;
    const d = localPolynomialDerivative(x, y, { halfWidth: 3, order: 1 });
    for (const v of d) expect(v).toBeCloseTo(3, 12);
    x[3] = Infinity;
    expect(() => localPolynomialDerivative(x, y, { halfWidth: 3 })).toThrow(/x\[3\]/);
  });
});

describe('sortIndexByKey (ordering of curve abscissae)', () => {
  it('equals a stable comparison sort for sorted, reversed, jittered and random keys (fast-check seed 1717)', async () => {
    const { sortIndexByKey } = await import('../src/analysis/derivative.js');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 0, maxLength: 300 }),
        fc.constantFrom('random', 'sorted', 'reversed', 'jitter'),
        (vals, kind) => {
          let key = vals.map((v) => v / 7);
          if (kind === 'sorted') key = [...key].sort((a, b) => a - b);
          if (kind === 'reversed') key = [...key].sort((a, b) => b - a);
          if (kind === 'jitter') key = key.map((v, i) => -i + v / 20);
          const idx = Int32Array.from(key.keys());
          sortIndexByKey(idx, key);
          const expected = [...key.keys()].sort((a, b) => key[a] - key[b] || a - b);
          return Array.from(idx).every((v, k) => v === expected[k]);
        },
      ),
      { seed: 1717, numRuns: 300 },
    );
  });
});
