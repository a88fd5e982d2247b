/**
 * Tests of src/analysis/linear-fit.ts (the line fits behind the contact point, 002 Fig. 3c):
 * exactness, textbook values, covariance and intersection uncertainty against Monte Carlo, and
 * outlier resistance of the bisquare fit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineIntersection, linearFit, lineValue, medianInPlace, robustLinearFit, selectInPlace } from '../src/analysis/linear-fit.js';
import { sampleStd, sampleVariance } from '../src/analysis/stats.js';
import { createRng } from '../src/sim/rng.js';

describe('linearFit', () => {
  it('recovers an exact line to rounding for any slope/offset/abscissa scale (fast-check seed 555)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-12, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (slope, intercept, dx, x0) => {
          const n = 25;
          const x = Float64Array.from({ length: n }, (_, i) => x0 + i * dx);
          const y = Float64Array.from(x, (v) => intercept + slope * v);
          const f = linearFit(x, y);
          const yScale = Math.abs(intercept) + Math.abs(slope) * (Math.abs(x0) + n * dx);
          return Math.abs(f.slope - slope) * n * dx <= 1e-9 * yScale + 1e-300 && Math.abs(lineValue(f, x0) - (intercept + slope * x0)) <= 1e-9 * yScale;
        },
      ),
      { seed: 555, numRuns: 300 },
    );
  });

  it('textbook example: x = 1…5, y = (2.2, 2.8, 3.6, 4.5, 5.1): b = 0.75, a = 1.39, σ̂² = 0.009', () => {
    // Hand computation: Sxx = 10, Sxy = 7.5, b = 0.75, ȳ = 3.64, a = 3.64 − 0.75·3 = 1.39,
    // residuals (0.06, −0.09, −0.04, 0.11, −0.04), RSS = 0.027, σ̂² = 0.027/3 = 0.009.
    const f = linearFit(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(2.2, 2.8, 3.6, 4.5, 5.1));
    expect(f.slope).toBeCloseTo(0.75, 14);
    expect(f.intercept).toBeCloseTo(1.39, 14);
    expect(f.residualStd ** 2).toBeCloseTo(0.027 / 3, 14);
    expect(f.varSlope).toBeCloseTo(0.027 / 3 / 10, 14);
    expect(f.varIntercept).toBeCloseTo((0.027 / 3) * (1 / 5 + 9 / 10), 14);
    expect(f.covInterceptSlope).toBeCloseTo((-3 * 0.027) / 3 / 10, 14);
  });

  it('zero weights exclude points; too few points throw', () => {
    const x = Float64Array.of(0, 1, 2, 3);
    const y = Float64Array.of(1, 3, 100, 7);
    const f = linearFit(x, y, Float64Array.of(1, 1, 0, 1));
    expect(f.slope).toBeCloseTo(2, 14);
    expect(f.n).toBe(3);
    expect(() => linearFit(x, y, Float64Array.of(1, 0, 0, 0))).toThrow(/n = 1/);
  });

  it('covariances match the Monte Carlo scatter of slope, intercept and intersection (seed "lf-mc")', () => {
    // 4000 repetitions: relative standard error of a variance estimate √(2/3999) = 2.2 %; accept 4σ = 9 %.
    const rng = createRng('lf-mc');
    const N = 4000;
    const nb = 60;
    const nh = 25;
    const xb = Float64Array.from({ length: nb }, (_, i) => 100 + i * 2); // baseline, far side
    const xh = Float64Array.from({ length: nh }, (_, i) => i * 2); // hard contact
    const yb = new Float64Array(nb);
    const yh = new Float64Array(nh);
    const slopes = new Float64Array(N);
    const crossings = new Float64Array(N);
    const predicted = new Float64Array(N);
    const sigma = 0.05;
    for (let r = 0; r < N; r++) {
      for (let i = 0; i < nb; i++) yb[i] = 0.2 + 0.001 * xb[i] + sigma * rng.normal();
      for (let i = 0; i < nh; i++) yh[i] = 0.2 + 0.001 * 70 - 0.08 * (xh[i] - 70) + sigma * rng.normal();
      const fb = linearFit(xb, yb);
      const fh = linearFit(xh, yh);
      slopes[r] = fb.slope;
      const X = lineIntersection(fb, fh);
      crossings[r] = X.x;
      predicted[r] = X.xStd;
    }
    const tol = 4 * Math.sqrt(2 / (N - 1));
    // analytic Var(b) = σ²/Sxx
    const sxx = (nb * (nb * nb - 1) * 4) / 12;
    expect(Math.abs(sampleVariance(slopes) / ((sigma * sigma) / sxx) - 1)).toBeLessThan(tol);
    // delta-method σ of the crossing vs its Monte Carlo scatter (the crossing is a ratio, but with
    // these fit lengths the slope difference is known to 0.3 %, so the delta method is accurate)
    const mcStd = sampleStd(crossings);
    const meanPred = predicted.reduce((a, b) => a + b, 0) / N;
    expect(Math.abs(mcStd / meanPred - 1)).toBeLessThan(tol / 2 + 0.02);
    expect(Math.abs(crossings.reduce((a, b) => a + b, 0) / N - 70)).toBeLessThan((4 * mcStd) / Math.sqrt(N));
  });
});

describe('robustLinearFit (Tukey bisquare IRLS)', () => {
  it('ignores 20 % gross outliers that drag ordinary least squares off (seed "rlf")', () => {
    const rng = createRng('rlf');
    const n = 100;
    const x = Float64Array.from({ length: n }, (_, i) => i * 1e-9);
    const y = Float64Array.from(x, (v) => 0.3 + 2e6 * v + 0.01 * rng.normal());
    for (let i = 0; i < n; i += 5) y[i] += 0.5 + rng.uniform(); // spikes, one-sided
    const ols = linearFit(x, y);
    const rob = robustLinearFit(x, y);
    // OLS intercept is biased by ≈ 0.2 (mean spike 1.0 × 20 %); the robust fit stays within 4σ of
    // its own standard error
    expect(Math.abs(ols.intercept - 0.3)).toBeGreaterThan(0.1);
    expect(Math.abs(rob.intercept - 0.3)).toBeLessThan(4 * Math.sqrt(rob.varIntercept));
    expect(Math.abs(rob.slope - 2e6)).toBeLessThan(4 * Math.sqrt(rob.varSlope));
    expect(rob.rejected).toBeGreaterThanOrEqual(20);
    expect(rob.robustScale).toBeGreaterThan(0.007);
    expect(rob.robustScale).toBeLessThan(0.014);
  });

  it('equals OLS to within a few per cent of σ on clean Gaussian data', () => {
    const rng = createRng('rlf-clean');
    const x = Float64Array.from({ length: 200 }, (_, i) => i);
    const y = Float64Array.from(x, (v) => 1 - 0.5 * v + rng.normal());
    const ols = linearFit(x, y);
    const rob = robustLinearFit(x, y);
    expect(Math.abs(rob.slope - ols.slope)).toBeLessThan(0.3 * Math.sqrt(ols.varSlope));
  });
});

describe('selection helpers', () => {
  it('medianInPlace and selectInPlace agree with sorting (fast-check seed 99)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.nat(), (arr, kk) => {
        const s = Float64Array.from(arr).sort();
        const n = s.length;
        const med = n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        const k = kk % n;
        return medianInPlace(Float64Array.from(arr)) === med && selectInPlace(Float64Array.from(arr), k) === s[k];
      }),
      { seed: 99, numRuns: 300 },
    );
  });
});
