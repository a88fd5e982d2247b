/**
 * Coverage of the 95 % confidence intervals of the mean (src/analysis/stats.ts), the statistical
 * property behind the shaded bands of `002_bf87beaba622041e.txt` Fig. 4b.
 *
 * Acceptance band: over R = 400 seeded repetitions, the number K of intervals that contain the true
 * mean is Binomial(R, 0.95): E[K] = 380, σ_K = √(R·0.95·0.05) = √19 = 4.359. We accept
 * |K − 380| ≤ 3σ_K (13.08), i.e. 367 ≤ K ≤ 393 (coverage 91.75 %–98.25 %); a correct interval
 * fails this with probability 0.27 %, and the seeds are fixed, so the test is deterministic.
 * A z-interval (1.96 instead of t_{0.975,4} = 2.776) on n = 5 samples covers only ≈ 87.8 %, i.e.
 * K ≈ 351, far outside the band: the test can fail.
 */
import { describe, expect, it } from 'vitest';
import { bootstrapCI, columnMeanCI, meanCI } from '../src/analysis/stats.js';
import { createRng } from '../src/sim/rng.js';

const R = 400;
const P = 0.95;
const sigmaK = Math.sqrt(R * P * (1 - P));
const lo = Math.ceil(R * P - 3 * sigmaK);
const hi = Math.floor(R * P + 3 * sigmaK);

describe('95 % CI coverage over 400 seeded repetitions (band derived from Binomial(400, 0.95) ± 3σ)', () => {
  it('band is 367…393', () => {
    expect([lo, hi]).toEqual([367, 393]);
  });

  it.each([5, 12, 40])('t-interval, n = %i normal samples (seed "ci-t")', (n) => {
    const rng = createRng('ci-t').fork(`n${n}`);
    const mu = 3.7;
    const sigma = 0.8;
    let k = 0;
    let kz = 0;
    const x = new Float64Array(n);
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < n; i++) x[i] = mu + sigma * rng.normal();
      const ci = meanCI(x, 0.95);
      if (ci.lower <= mu && mu <= ci.upper) k++;
      const half = (1.959963984540054 * ci.std) / Math.sqrt(n);
      if (Math.abs(ci.mean - mu) <= half) kz++;
    }
    expect(k).toBeGreaterThanOrEqual(lo);
    expect(k).toBeLessThanOrEqual(hi);
    // the naive z-interval visibly undercovers at n = 5 (≈ 87.8 %)
    if (n === 5) expect(kz).toBeLessThan(lo);
  });

  it('column-wise (curves × depth grid) with 30 % missing entries keeps coverage in every column (seed "ci-col")', () => {
    const rng = createRng('ci-col');
    const rows = 15;
    const cols = 4;
    const mus = [0, 1e7, -2.5, 5e-9];
    const sig = [1, 3e6, 0.1, 1e-9];
    const counts = [0, 0, 0, 0];
    const data = new Float64Array(rows * cols);
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < rows; i++)
        for (let c = 0; c < cols; c++) data[i * cols + c] = rng.uniform() < 0.3 ? NaN : mus[c] + sig[c] * rng.normal();
      const ci = columnMeanCI(data, rows, cols);
      for (let c = 0; c < cols; c++) if (ci.lower[c] <= mus[c] && mus[c] <= ci.upper[c]) counts[c]++;
    }
    for (const k of counts) {
      expect(k).toBeGreaterThanOrEqual(lo);
      expect(k).toBeLessThanOrEqual(hi);
    }
  });

  it('percentile bootstrap, n = 40, B = 400 (seed "ci-boot")', () => {
    // For the mean of normal data the percentile interval is ≈ x̄ ± 1.96·s·√((n−1)/n)/√n (the
    // bootstrap distribution is ≈ normal with the plug-in variance), so its coverage is
    // P(|t₃₉| < 1.96·√(39/40)) = 0.9398 (scipy), inside the band.
    const rng = createRng('ci-boot');
    const n = 40;
    const x = new Float64Array(n);
    let k = 0;
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < n; i++) x[i] = 2 + rng.normal();
      const ci = bootstrapCI(x, rng, { resamples: 400 });
      if (ci.lower <= 2 && 2 <= ci.upper) k++;
    }
    expect(k).toBeGreaterThanOrEqual(lo);
    expect(k).toBeLessThanOrEqual(hi);
  });
});
