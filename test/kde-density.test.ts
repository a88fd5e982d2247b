/**
 * Tests of src/analysis/kde.ts: bandwidth rules against their formulas and published values, the
 * density against SciPy's gaussian_kde (fixture from test/fixtures/analysis_reference.py), unit mass,
 * binned-vs-exact convergence at the O(Δ²) rate, and the 2D product kernel with a log₁₀ axis
 * (|G*| vs z_p maps of 002 Fig. 4c).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bandwidth, kde1d, kde2d, kdeBinned, kdeExact, linspace, trapezoid } from '../src/analysis/kde.js';
import { createRng } from '../src/sim/rng.js';

const ref = JSON.parse(readFileSync(new URL('./fixtures/analysis-reference.json', import.meta.url), 'utf8'));

describe('bandwidth rules', () => {
  it("Silverman's rule on 1…10 is 0.9·min(3.02765, 4.5/1.34)·10^(−1/5) = 1.719286 (R bw.nrd0)", () => {
    // sd(1:10) = √(55/6) = 3.0276504, type-7 IQR = 7.75 − 3.25 = 4.5, so min = sd
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(bandwidth(x, 'silverman')).toBeCloseTo(0.9 * Math.sqrt(55 / 6) * Math.pow(10, -0.2), 14);
    expect(bandwidth(x, 'silverman')).toBeCloseTo(1.719286, 6);
    expect(bandwidth(x, 'normal-reference')).toBeCloseTo(1.06 * Math.sqrt(55 / 6) * Math.pow(10, -0.2), 14);
  });

  it("Scott's rule equals scipy.stats.gaussian_kde's bandwidth (σ n^(−1/5)) on the fixture sample", () => {
    expect(bandwidth(Float64Array.from(ref.kde.sample), 'scott')).toBeCloseTo(ref.kde.scottBandwidth, 13);
  });

  it('rules follow their formulas for random samples, IQR branch included (fast-check seed 8080)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 4, maxLength: 80 }), (arr) => {
        const x = Float64Array.from(arr);
        const n = x.length;
        const m = arr.reduce((a, b) => a + b, 0) / n;
        const sd = Math.sqrt(arr.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
        if (!(sd > 1e-9)) return true;
        const s = [...arr].sort((a, b) => a - b);
        const q = (p: number) => {
          const h = (n - 1) * p;
          const lo = Math.floor(h);
          return lo >= n - 1 ? s[n - 1] : s[lo] + (h - lo) * (s[lo + 1] - s[lo]);
        };
        const a = Math.min(sd, (q(0.75) - q(0.25)) / 1.34) || sd;
        const close = (u: number, v: number) => Math.abs(u - v) <= 1e-9 * Math.abs(v);
        return (
          close(bandwidth(x, 'scott'), sd * n ** -0.2) &&
          close(bandwidth(x, 'scott', 2), sd * n ** (-1 / 6)) &&
          close(bandwidth(x, 'silverman'), 0.9 * a * n ** -0.2)
        );
      }),
      { seed: 8080, numRuns: 200 },
    );
  });
});

describe('1D KDE', () => {
  it('matches scipy.stats.gaussian_kde to 1e-9 of the peak (kernel truncated at 6.5 h: φ(6.5)/φ(0) = 7e-10)', () => {
    const r = kde1d(Float64Array.from(ref.kde.sample), { grid: Float64Array.from(ref.kde.grid), normalize: false, method: 'exact' });
    const peak = Math.max(...ref.kde.densityScott);
    ref.kde.densityScott.forEach((v: number, j: number) => expect(Math.abs(r.density[j] - v)).toBeLessThan(1e-9 * peak));
  });

  it('integrates to 1 on a grid that covers it (trapezoid is spectrally accurate for Gaussians, Δ < h/2) (fast-check seed 616)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.constantFrom<'scott' | 'silverman'>('scott', 'silverman'),
        (arr, rule) => {
          const x = Float64Array.from(arr);
          if (new Set(arr).size < 2) return true;
          const h = bandwidth(x, rule);
          const lo = Math.min(...arr) - 7 * h;
          const hi = Math.max(...arr) + 7 * h;
          const m = Math.ceil(((hi - lo) / h) * 3) + 1; // Δ ≤ h/3
          if (m > 20000) return true; // nearly coincident samples: grid too large for a unit test
          const r = kde1d(x, { rule, grid: linspace(lo, hi, m), normalize: false, method: 'exact' });
          return Math.abs(r.mass - 1) < 1e-8;
        },
      ),
      { seed: 616, numRuns: 150 },
    );
  });

  it('normalised output integrates to exactly 1 and the default grid holds ≥ 1 − 2Φ(−3) of the mass', () => {
    const rng = createRng('kde-mass');
    const x = Float64Array.from({ length: 300 }, () => rng.normal() * 2 + (rng.uniform() < 0.3 ? 8 : 0));
    const r = kde1d(x);
    expect(trapezoid(r.density, r.grid[1] - r.grid[0])).toBeCloseTo(1, 12);
    expect(r.mass).toBeGreaterThan(1 - 2 * 0.0013499);
    expect(r.mass).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('binned estimate converges to the exact one at rate O(Δ²) (RMS over the grid, log2 ratio > 1.95)', () => {
    // The binning error at a grid point is Σᵢ fᵢ(1 − fᵢ)Δ²/2 · K''/n (fᵢ the fractional position of
    // sample i between grid points): systematic O(Δ²) plus a fluctuating part that the RMS over the
    // grid and n = 20000 samples average out (the max norm at n = 500 wanders between rates 1.7–2.2).
    const rng = createRng('kde-binned');
    const x = Float64Array.from({ length: 20000 }, () => rng.normal() + (rng.uniform() < 0.4 ? 3 : 0));
    const h = bandwidth(x, 'silverman');
    const errs: number[] = [];
    for (const m of [129, 257, 513, 1025]) {
      const g = linspace(-6, 9, m);
      const exact = kdeExact(x, g, h);
      const binned = kdeBinned(x, g[0], g[1] - g[0], m, h);
      let e = 0;
      for (let j = 0; j < m; j++) e += (binned[j] - exact[j]) ** 2;
      errs.push(Math.sqrt(e / m));
    }
    for (let k = 0; k + 1 < errs.length; k++) expect(Math.log2(errs[k] / errs[k + 1])).toBeGreaterThan(1.95);
    // and at Δ = h/4 the binned density is within 0.2 % of the peak
    expect(errs[1]).toBeLessThan(2e-3 * 0.3);
  });

  it('weights: integer weights equal repeated samples', () => {
    const x = Float64Array.of(0, 1, 5);
    const g = linspace(-5, 10, 61);
    const a = kde1d(x, { bandwidth: 0.8, grid: g, weights: Float64Array.of(2, 1, 3) });
    const b = kde1d(Float64Array.of(0, 0, 1, 5, 5, 5), { bandwidth: 0.8, grid: g });
    a.density.forEach((v, j) => expect(v).toBeCloseTo(b.density[j], 14));
  });
});

describe('2D KDE (|G*| vs z_p maps)', () => {
  it('equals the product kernel formula at every grid point (exact method)', () => {
    const xs = Float64Array.of(1e-9, 4e-9, 12e-9);
    const ys = Float64Array.of(2e6, 5e6, 3e7);
    const r = kde2d(xs, ys, { hx: 2e-9, hy: 4e6, nx: 9, ny: 7, normalize: false, method: 'exact' });
    for (let j = 0; j < 7; j++)
      for (let i = 0; i < 9; i++) {
        let f = 0;
        for (let s = 0; s < 3; s++) {
          const u = (r.gridX[i] - xs[s]) / 2e-9;
          const v = (r.gridY[j] - ys[s]) / 4e6;
          f += Math.exp(-0.5 * (u * u + v * v)) / (2 * Math.PI * 2e-9 * 4e6);
        }
        f /= 3;
        // kernel truncated at 6.5 bandwidths: absolute error ≤ 7e-10 of the peak density
        expect(Math.abs(r.density[j * 9 + i] - f)).toBeLessThan(1e-9 / (2 * Math.PI * 2e-9 * 4e6));
      }
  });

  it('integrates to 1 over a covering grid, log₁₀ modulus axis (density per decade) (seed "kde2-mass")', () => {
    const rng = createRng('kde2-mass');
    const n = 400;
    const zp = Float64Array.from({ length: n }, () => 20e-9 * rng.uniform());
    const G = Float64Array.from(zp, (z) => 1e6 * Math.pow(10, 1.5 * Math.exp(-z / 5e-9) + 0.2 * rng.normal()));
    const r = kde2d(zp, G, { yScale: 'log10', cut: 7, nx: 160, ny: 160, normalize: false });
    expect(r.n).toBe(n);
    expect(Math.abs(r.mass - 1)).toBeLessThan(1e-6);
    // log axis: the y grid is geometric in the original units, uniform in decades
    expect(r.gridY[1] / r.gridY[0]).toBeCloseTo(r.gridY[2] / r.gridY[1], 10);
    expect(r.tY[1] - r.tY[0]).toBeCloseTo(r.tY[2] - r.tY[1], 12);
  });

  it('log₁₀ axis = linear KDE of log₁₀ values; non-positive moduli are dropped and counted', () => {
    const rng = createRng('kde2-log');
    const x = Float64Array.from({ length: 100 }, () => rng.uniform());
    const y = Float64Array.from({ length: 100 }, () => Math.pow(10, 6 + rng.normal()));
    y[3] = 0;
    y[10] = -5;
    const a = kde2d(x, y, { yScale: 'log10', nx: 20, ny: 30, method: 'exact' });
    const keep = [...x.keys()].filter((i) => y[i] > 0);
    const b = kde2d(
      Float64Array.from(keep, (i) => x[i]),
      Float64Array.from(keep, (i) => Math.log10(y[i])),
      { nx: 20, ny: 30, method: 'exact' },
    );
    expect(a.dropped).toBe(2);
    expect(a.hy).toBeCloseTo(b.hy, 14);
    a.density.forEach((v, k) => expect(v).toBeCloseTo(b.density[k], 10));
  });

  it('binned 2D converges to the exact 2D estimate at O(Δ²) (RMS, n = 5000)', () => {
    const rng = createRng('kde2-binned');
    const n = 5000;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(x, (v) => 0.5 * v + rng.normal());
    const errs: number[] = [];
    for (const m of [33, 65, 129]) {
      const o = { nx: m, ny: m, xRange: [-4, 4] as [number, number], yRange: [-5, 5] as [number, number], hx: 0.4, hy: 0.5, normalize: false };
      const e = kde2d(x, y, { ...o, method: 'exact' });
      const b = kde2d(x, y, { ...o, method: 'binned' });
      let err = 0;
      for (let k = 0; k < e.density.length; k++) err += (e.density[k] - b.density[k]) ** 2;
      errs.push(Math.sqrt(err / e.density.length));
    }
    for (let k = 0; k + 1 < errs.length; k++) expect(Math.log2(errs[k] / errs[k + 1])).toBeGreaterThan(1.95);
  });
});
