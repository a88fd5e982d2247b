import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../src/sim/rng.js';
import { cyclicVoltammetry } from '../src/models/electrochem/index.js';
import { Luchkin2020, processThicknessMap } from '../src/models/sei/index.js';
import { generateSubstrate } from '../src/models/substrate/index.js';
import { runPotentiostat } from '../src/sim/potentiostat.js';
import { cathodicPeak, hasDistinctPeak, peakRatio } from '../src/analysis/cv.js';

describe('potentiostat', () => {
  it("property (seed 606): the integrated SEI current equals Faraday's charge of the film on the electrode", () => {
    fc.assert(
      fc.property(fc.constantFrom('hopg' as const, 'mcmb' as const, 'hard-carbon' as const), fc.double({ min: 1e-3, max: 5e-3, noNaN: true }), fc.integer({ min: 0, max: 1e5 }), (kind, rate, seed) => {
        const grid = { nx: 48, ny: 48, dx: 4e-6 / 512 };
        const sub = generateSubstrate(kind, createRng(seed), grid);
        const prog = cyclicVoltammetry({ start: 2, vertices: [0.01, 2], rate, cycles: 2 });
        const area = 3e-6;
        const res = runPotentiostat(createRng(seed + 1), prog, { grid, sites: sub.sites, processes: Luchkin2020[kind].processes, intercalation: {}, water: {} }, { electrodeArea: area, sampleInterval: 2e-3 / rate });
        const t = res.truth.nodes.t;
        let q = 0;
        for (let n = 1; n < t.length; n++) q += res.truth.components.sei[n] * (t[n] - t[n - 1]);
        let expected = 0;
        const sei = res.truth.sei;
        sei.processes.forEach((ps, j) => {
          const h = processThicknessMap(sei, j, t[t.length - 1]);
          let v = 0;
          for (const x of h) v += x * grid.dx * grid.dx;
          // plus the soluble share a ΔK of the limiting-thickness law (MCMB), per covered pixel
          for (let p = 0; p < h.length; p++) if (ps.coverK[p] < Infinity) v += ps.solubleShare * (ps.K[ps.K.length - 1] - ps.coverK[p]) * grid.dx * grid.dx;
          expected -= ps.chargePerVolume * v * (area / (48 * 48 * grid.dx * grid.dx));
        });
        return expected < 0 && Math.abs(q / expected - 1) < 1e-9;
      }),
      { seed: 606, numRuns: 6 },
    );
  });

  it('iR drop: the true potential leads the applied one by |i| R on cathodic currents; current noise only in observed', () => {
    const grid = { nx: 32, ny: 32, dx: 4e-6 / 512 };
    const sub = generateSubstrate('mcmb', createRng(1), grid);
    const prog = cyclicVoltammetry({ start: 2, vertices: [0.01, 2], rate: 2e-3, cycles: 1 });
    const res = runPotentiostat(createRng(2), prog, { grid, sites: sub.sites, processes: Luchkin2020.mcmb.processes, intercalation: Luchkin2020.mcmb.intercalation, water: {} }, { uncompensatedResistance: 2e3, ohmicTolerance: 1e-9 });
    const n = res.truth.nodes;
    const comp = res.truth.components;
    const k = 800; // on the cathodic sweep, inside the SEI peak
    const i = comp.sei[k] + comp.doubleLayer[k] + comp.intercalation[k] + comp.water[k];
    expect(i).toBeLessThan(0);
    // fixed point converged to < 1 µV
    expect(Math.abs(res.truth.truePotential[k] - n.E[k] - -i * 2e3)).toBeLessThan(2e-6);
    expect(res.meta.iterations).toBeGreaterThan(1);
    let diff = 0;
    for (let m = 0; m < res.clean.current.length; m++) diff += (res.observed.current[m] - res.clean.current[m]) ** 2;
    expect(Math.sqrt(diff / res.clean.current.length) / 1e-9).toBeCloseTo(1, 1);
  });

  it('an iR drop too strong for the fixed point (R_u di/dE ≫ 1) fails with a one-line cause naming the setting', () => {
    const grid = { nx: 32, ny: 32, dx: 4e-6 / 512 };
    const sub = generateSubstrate('mcmb', createRng(1), grid);
    const prog = cyclicVoltammetry({ start: 2, vertices: [0.01, 2], rate: 2e-3, cycles: 1 });
    const run = () => runPotentiostat(createRng(2), prog, { grid, sites: sub.sites, processes: Luchkin2020.mcmb.processes, intercalation: Luchkin2020.mcmb.intercalation, water: {} }, { uncompensatedResistance: 1e5, ohmicTolerance: 1e-9 });
    expect(run).toThrow(/^potentiostat: the iR fixed point .* did not converge .*uncompensatedResistance/);
  });
});

describe('CV analyzer', () => {
  it('recovers a 1/3 peak ratio over a double-layer baseline, and tells a peak from a rising current', () => {
    const E: number[] = [];
    const I: number[] = [];
    const C: number[] = [];
    const T: number[] = [];
    const g = (e: number, a: number) => -a * Math.exp(-(((e - 0.55) / 0.08) ** 2));
    let t = 0;
    for (let c = 1; c <= 2; c++) {
      for (let e = 3; e >= 0.01; e -= 0.002) {
        E.push(e);
        I.push(-2e-8 + g(e, c === 1 ? 3e-6 : 1e-6));
        C.push(c);
        T.push(t++);
      }
      for (let e = 0.01; e <= 3; e += 0.002) {
        E.push(e);
        I.push(2e-8);
        C.push(c);
        T.push(t++);
      }
    }
    const cv = { time: T, potential: E, current: I, cycle: C };
    const r = peakRatio(cv, [0.3, 0.8]);
    expect(r.ratio).toBeCloseTo(1 / 3, 3);
    expect(r.first.potential).toBeCloseTo(0.55, 2);
    expect(hasDistinctPeak(cv, 1, [0.3, 0.8])).toBe(true);
    const rising = { ...cv, current: E.map((e, i) => (C[i] === 1 && i < E.length / 4 ? -1e-6 * Math.max(0, 1 - e) : 0)) };
    expect(hasDistinctPeak(rising, 1, [0.4, 1.0])).toBe(false);
    expect(cathodicPeak(rising, 1, [0.4, 1.0]).interior).toBe(false);
  });
});
