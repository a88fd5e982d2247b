import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FARADAY,
  chargePerVolume,
  cyclicVoltammetry,
  doubleLayerCurrent,
  intercalationCurrent,
  irreversiblePeakCurrent,
  irreversiblePeakPotential,
  formalPotentialForPeak,
  makeProgram,
  molarVolume,
  ohmicCorrection,
  potentialAt,
  sampleProgram,
  waterConcentration,
  waterReductionCurrent,
  WATER_REDUCTION,
} from '../src/models/electrochem/index.js';
import { resolveParams } from '../src/models/params.js';

const cv = cyclicVoltammetry({ start: 3, vertices: [0.01, 3], rate: 2e-3, cycles: 2 });

describe('potential programs', () => {
  it('builds the paper CV: 2 cycles 3.0 → 0.01 → 3.0 V at 2 mV/s (000, Fig. 3)', () => {
    expect(cv.duration).toBeCloseTo((4 * 2.99) / 2e-3, 9);
    expect(potentialAt(cv, 0)).toBe(3);
    expect(potentialAt(cv, 2.99 / 2e-3)).toBeCloseTo(0.01, 12);
    expect(potentialAt(cv, 100)).toBeCloseTo(3 - 0.2, 12);
    expect(cv.cycles).toEqual([1, 1, 2, 2]);
    const s = sampleProgram(cv, 1);
    expect(s.t[s.t.length - 1]).toBeCloseTo(cv.duration, 9);
    expect(Math.min(...s.E)).toBeCloseTo(0.01, 9);
  });
  it('rejects bad programs with the offending field', () => {
    expect(() => cyclicVoltammetry({ start: 3, vertices: [0], rate: -1, cycles: 1 })).toThrow(/cv.rate = -1/);
    expect(() => cyclicVoltammetry({ start: 3, vertices: [Number.NaN], rate: 1, cycles: 1 })).toThrow(/vertices\[0\]/);
    expect(() => makeProgram([{ kind: 'sweep', from: 1, to: 0, rate: 1 }, { kind: 'hold', potential: 0.5, duration: 1 }])).toThrow(/starts at 0.5 V/);
    expect(() => sampleProgram(cv, 0)).toThrow(/dt = 0/);
  });
  it('holds and rests keep the potential; rest intervals are flagged open-circuit', () => {
    const p = cyclicVoltammetry({ start: 2, vertices: [1, 2], rate: 0.01, cycles: 1, restBefore: 10 });
    expect(potentialAt(p, 5)).toBe(2);
    const s = sampleProgram(p, 1);
    expect(s.openCircuit[5]).toBe(1);
    expect(s.openCircuit[50]).toBe(0);
    expect(s.cycle[5]).toBe(0);
  });
});

describe('double layer, intercalation, iR', () => {
  const s = sampleProgram(cv, 1);
  it('double-layer current is C_dl A v with the sweep sign, and integrates to zero over closed cycles', () => {
    const i = doubleLayerCurrent(s.t, s.E, 0.2, 1e-6);
    expect(i[10]).toBeCloseTo(-0.2 * 1e-6 * 2e-3, 15);
    let q = 0;
    for (let n = 1; n < i.length; n++) q += i[n] * (s.t[n] - s.t[n - 1]);
    expect(Math.abs(q)).toBeLessThan(1e-18);
  });
  it('property (seed 99): intercalation charge returns to zero over a closed CV and is cathodic on insertion', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0.01, max: 0.1, noNaN: true }), (Ec, dE, w) => {
        const { current, occupancy } = intercalationCurrent(s.t, s.E, 1e-6, { chargeDensity: 10, insertionPotential: Ec, extractionPotential: Ec + dE, width: w });
        let q = 0;
        for (let n = 1; n < current.length; n++) q += current[n] * (s.t[n] - s.t[n - 1]);
        // closed program ends at 3 V where θ_a ≈ 0: the net insertion charge vanishes to the
        // logistic tail e^{-(3 − E_a)/w} < 1e-10 of Q_int A.
        const minI = Math.min(...current);
        const thetaMax = 1 / (1 + Math.exp((0.01 - Ec) / w)); // θ_c at the 0.01 V vertex
        return Math.abs(q) < 1e-10 * 10 * 1e-6 && minI < 0 && Math.abs(Math.max(...occupancy) - thetaMax) < 1e-12;
      }),
      { seed: 99, numRuns: 20 },
    );
  });
  it('ohmic drop: cathodic current raises the true potential by |i| R', () => {
    const E = ohmicCorrection(Float64Array.from([1, 1]), Float64Array.from([0, -1e-6]), 200);
    expect(E[1]).toBeCloseTo(1 + 2e-4, 15);
    expect(() => ohmicCorrection(E, E, -1)).toThrow(/resistance = -1/);
  });
});

describe("Faraday's law for SEI products", () => {
  it('charge per volume n F (1 − φ)/V_m (CRC densities)', () => {
    // Li2CO3: M = 73.891 g/mol, ρ = 2.11 g/cm³ → V_m = 35.02 cm³/mol; n = 2.
    expect(molarVolume('Li2CO3')).toBeCloseTo(73.891e-3 / 2110, 15);
    expect(chargePerVolume('Li2CO3', 0) / ((2 * FARADAY * 2110) / 73.891e-3)).toBeCloseTo(1, 12);
    expect(chargePerVolume('LEDC', 0.5) / chargePerVolume('LEDC', 0)).toBeCloseTo(0.5, 12);
    expect(() => chargePerVolume('LiF', 1)).toThrow(/porosity = 1/);
  });
});

describe('trace-water reduction (000: peak at 1.3 V)', () => {
  const p = resolveParams(WATER_REDUCTION, { waterContent: 20e-6 });
  const area = 1e-4;
  const s = sampleProgram(cyclicVoltammetry({ start: 3, vertices: [0.01, 3], rate: 2e-3, cycles: 1 }), 0.5);
  it('puts the irreversible peak at 1.3 V with the Bard–Faulkner peak current (Eqs. 6.3.4, 6.3.8)', () => {
    const i = waterReductionCurrent(s.t, s.E, area, { waterContent: 20e-6 });
    let k = 0;
    for (let n = 0; n < i.length; n++) if (i[n] < i[k]) k = n;
    const ip = irreversiblePeakCurrent(area, waterConcentration(p), p.diffusivity, p.transferCoefficient, 2e-3, p.temperature);
    // 0.5 s intervals average the current over 1 mV, about 2e-4 of the peak's curvature width;
    // the mesh (first cell ℓ_v/40) and Δt = 0.25 s errors are < 1e-3 (see the convergence test).
    expect(Math.abs(-i[k] / ip - 1)).toBeLessThan(2e-3);
    expect(Math.abs(0.5 * (s.E[k] + s.E[k - 1]) - 1.3)).toBeLessThan(0.003);
    expect(irreversiblePeakPotential(formalPotentialForPeak(p), p.diffusivity, p.rateConstant, p.transferCoefficient, 2e-3, p.temperature)).toBeCloseTo(1.3, 12);
  });
  it('backward Euler converges at first order in the time step (log2 ratio > 0.95)', () => {
    const sub = sampleProgram(cyclicVoltammetry({ start: 1.6, vertices: [1.0], rate: 2e-3, cycles: 1 }), 2);
    const at = (step: number) => {
      const i = waterReductionCurrent(sub.t, sub.E, area, { waterContent: 20e-6, maxStep: step });
      return i[Math.round(0.3 / 2e-3 / 2)]; // interval ending near 1.3 V
    };
    const ref = at(0.004);
    const errs = [0.4, 0.2, 0.1].map((h) => Math.abs(at(h) - ref));
    for (let k = 0; k + 1 < errs.length; k++) expect(Math.log2(errs[k] / errs[k + 1])).toBeGreaterThan(0.95);
  });
  it('dry electrolyte gives no current; more water gives a proportionally larger peak', () => {
    expect(Math.min(...waterReductionCurrent(s.t, s.E, area, { waterContent: 0 }))).toBe(0);
    const a = Math.min(...waterReductionCurrent(s.t, s.E, area, { waterContent: 10e-6 }));
    const b = Math.min(...waterReductionCurrent(s.t, s.E, area, { waterContent: 40e-6 }));
    expect(b / a).toBeCloseTo(4, 9);
  });
});
