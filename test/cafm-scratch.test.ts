import { describe, expect, it } from 'vitest';
import { createRng } from '../src/sim/rng.js';
import { runScratch } from '../src/sim/cafm-scratch.js';
import { scrapeOffForce } from '../src/analysis/scratch.js';
import { stepHeight } from '../src/analysis/thickness.js';
import { scrapeThresholdField } from '../src/models/sei/index.js';
import { defaultCafmScratchConfig, runCafmScratch } from '../src/sim/sei-experiments.js';

const dx = 4e-6 / 512;
const W = 544;
const grid = { nx: W, ny: W, dx };

function sample(thickness: number, force: number, pinning: number, seed = 1) {
  return {
    grid,
    substrate: new Float64Array(W * W),
    film: new Float64Array(W * W).fill(thickness),
    thresholds: scrapeThresholdField(createRng(seed), grid, { force, pinning, pinningLength: 30e-9 }),
  };
}

describe('c-AFM scratch instrument (000: 98 N/m, 100 nm tip, 0.5 V)', () => {
  it('current flows exactly where the force reached the threshold; the overview shows the step', () => {
    const res = runScratch(createRng(2), sample(45e-9, 1.9e-6, 0));
    const c = res.clean;
    for (let r = 0; r < c.pixels; r++) {
      const conducting = c.current[r * c.pixels] > 1e-9;
      expect(conducting).toBe(c.rowForce[r] >= 1.9e-6);
    }
    // I = V/R_c on carbon: 0.5 V / 5 MΩ
    expect(Math.max(...c.current)).toBeCloseTo(0.5 / 5e6, 15);
    const th = stepHeight(res.observed.overview, res.observed.overviewPixels, res.observed.overviewPixels);
    // uniform 45 nm film on a flat electrode; 0.1 nm noise: 1 % is generous
    expect(Math.abs(th.thickness / 45e-9 - 1)).toBeLessThan(0.01);
    const f = scrapeOffForce(res.observed.current, res.observed.pixels, res.observed.pixels, res.observed.rowForce);
    expect(Math.abs(f.force - 1.9e-6)).toBeLessThanOrEqual(0.2e-6);
  });

  it('interface pinning roughens the edge: the 10–90 % conduction width grows with σ', () => {
    const smooth = runScratch(createRng(3), sample(90e-9, 4.1e-6, 0.01, 5));
    const rough = runScratch(createRng(3), sample(90e-9, 4.1e-6, 0.25, 5));
    const a = scrapeOffForce(smooth.observed.current, 128, 128, smooth.observed.rowForce);
    const b = scrapeOffForce(rough.observed.current, 128, 128, rough.observed.rowForce);
    expect(a.edgeWidth).toBeLessThan(2 * 0.2e-6);
    expect(b.edgeWidth).toBeGreaterThan(5 * 0.2e-6);
    // the median threshold is F_s in both: the 50 % force stays within one step
    expect(Math.abs(a.force - 4.1e-6)).toBeLessThanOrEqual(0.2e-6);
    expect(Math.abs(b.force - 4.1e-6)).toBeLessThanOrEqual(0.2e-6);
    expect(b.firstConduction).toBeLessThan(a.firstConduction);
  });

  it('rejects a scan that is not a whole number of sample pixels', () => {
    expect(() => runScratch(createRng(1), sample(1e-8, 1e-6, 0), { scanSize: 2.001e-6 })).toThrow(/scanSize/);
  });
});

describe('cafm-scratch experiment (000 Fig. 4, Fig. 5)', () => {
  it('recovers 1.9 µN (HOPG) and 4.1 µN (MCMB, HC) within one force step, thickness within 10 %, smooth vs rough edges', () => {
    const out = runCafmScratch(defaultCafmScratchConfig(), createRng('cafm'));
    for (const s of out.scores) expect(s.pass, `${s.quantity}: truth ${s.truth}, estimate ${s.estimate}`).toBe(true);
    const by = Object.fromEntries(out.results.substrates.map((q) => [q.substrate, q]));
    // model truth against the paper: "90 nm vs 45 nm" (000 Conclusion), within 10 %
    expect(Math.abs(by.hopg.thickness.truth / 45e-9 - 1)).toBeLessThan(0.1);
    expect(Math.abs(by.mcmb.thickness.truth / 90e-9 - 1)).toBeLessThan(0.1);
    expect(Math.abs(by['hard-carbon'].thickness.truth / 90e-9 - 1)).toBeLessThan(0.1);
    expect(by.mcmb.rough.estimate).toBe(true);
    expect(by.hopg.rough.estimate).toBe(false);
    expect(out.artifacts.some((a) => a.path === 'plots/scratch-maps.svg')).toBe(true);
  });
});
