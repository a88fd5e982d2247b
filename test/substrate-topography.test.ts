import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../src/sim/rng.js';
import {
  GRAPHITE_INTERLAYER_SPACING,
  NA_ABOVE_LI,
  SITE_CLASSES,
  autocorrelationX,
  convertPotential,
  gaussianRandomField,
  generateSubstrate,
  hopgTerraces,
  polishedHardCarbon,
  polishedMcmb,
  rms,
  siteCode,
  siteFromCode,
  siteInfo,
  subtractPlane,
} from '../src/models/substrate/index.js';

const grid = { nx: 256, ny: 256, dx: 4e-6 / 512 };

describe('Gaussian random field', () => {
  it('has exactly the prescribed RMS and the Gaussian autocorrelation exp(−r²/ℓ²)', () => {
    const g = gaussianRandomField(createRng(7), { nx: 512, ny: 512, dx: 1e-9 }, 2e-9, 8e-9);
    expect(rms(g)).toBeCloseTo(2e-9, 20);
    const c = autocorrelationX(g, 512, 512, 16);
    // Tolerance 0.05 absolute: 512² samples with ℓ = 8 px give ~(512/8)² = 4096 independent
    // patches, so the sampling error of C(k) is ~1/√4096 ≈ 0.016 (3σ ≈ 0.05).
    for (const k of [4, 8, 12]) expect(Math.abs(c[k] - Math.exp(-(k * k) / 64))).toBeLessThan(0.05);
  });

  it('is reproducible from the seed and changes with it', () => {
    const a = gaussianRandomField(createRng('s'), grid, 1, 30e-9);
    const b = gaussianRandomField(createRng('s'), grid, 1, 30e-9);
    const c = gaussianRandomField(createRng('t'), grid, 1, 30e-9);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it('rejects non-finite or negative inputs, naming the parameter', () => {
    expect(() => gaussianRandomField(createRng(1), grid, Number.NaN, 1e-8)).toThrow(/rms = NaN/);
    expect(() => gaussianRandomField(createRng(1), grid, 1, -1)).toThrow(/correlationLength/);
    expect(() => gaussianRandomField(createRng(1), { nx: 1, ny: 4, dx: 1 }, 1, 1)).toThrow(/nx/);
  });
});

describe('HOPG terraces (000: R_q = 0.1 nm, steps of graphite layers)', () => {
  const s = hopgTerraces(createRng(42), grid);
  it('meets the paper RMS of 0.1 nm exactly after plane levelling', () => {
    // "Rms roughness … of HOPG, HC, and MCMB are 0.1 nm, 1.4 nm, and 3.2 nm" (000, SEM section)
    expect(s.truth.rmsTargetMet).toBe(true);
    expect(s.truth.rmsRoughness / 0.1e-9).toBeCloseTo(1, 9);
  });
  it('has steps that are multiples of 0.335 nm and a small fraction of edge sites along them', () => {
    for (const h of s.truth.stepHeights ?? []) expect(Math.abs(h / GRAPHITE_INTERLAYER_SPACING - Math.round(h / GRAPHITE_INTERLAYER_SPACING))).toBeLessThan(1e-12);
    expect((s.truth.stepHeights ?? []).length).toBeGreaterThanOrEqual(2);
    const edge = siteCode('hopg-step-edge');
    let nEdge = 0;
    for (const c of s.sites) if (c === edge) nEdge++;
    const f = nEdge / s.sites.length;
    expect(f).toBeGreaterThan(0.002);
    expect(f).toBeLessThan(0.05);
  });
  it('rejects an unknown parameter', () => {
    expect(() => hopgTerraces(createRng(1), grid, { stepSpacng: 1 } as never)).toThrow(/unknown parameter/);
  });
});

describe('polished MCMB, hard carbon', () => {
  it('MCMB meets 3.2 nm with pits; hard carbon 1.4 nm (000, SEM section)', () => {
    const m = polishedMcmb(createRng(3), grid);
    expect(m.truth.rmsRoughness / 3.2e-9).toBeCloseTo(1, 9);
    expect(m.truth.pitCount).toBeGreaterThan(0);
    const h = polishedHardCarbon(createRng(3), grid);
    expect(h.truth.rmsRoughness / 1.4e-9).toBeCloseTo(1, 9);
  });

  it('property (seed 1234): any admissible R_q and ℓ are met exactly, for every substrate', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('mcmb' as const, 'hard-carbon' as const, 'nmc111' as const),
        fc.double({ min: 0.3e-9, max: 8e-9, noNaN: true }),
        fc.double({ min: 10e-9, max: 120e-9, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        (kind, r, l, seed) => {
          const s = generateSubstrate(kind, createRng(seed), { nx: 64, ny: 64, dx: 8e-9 }, { rmsRoughness: r, correlationLength: l });
          const lev = rms(subtractPlane(Float64Array.from(s.height), 64, 64));
          return s.truth.rmsTargetMet && Math.abs(lev / r - 1) < 1e-9;
        },
      ),
      { seed: 1234, numRuns: 25 },
    );
  });
});

describe('site classes and reference scales', () => {
  it('site codes round-trip and every class has a capacitance', () => {
    for (const s of SITE_CLASSES) {
      expect(siteFromCode(siteCode(s))).toBe(s);
      expect(siteInfo(s).doubleLayerCapacitance).toBeGreaterThan(0);
    }
    expect(() => siteFromCode(9)).toThrow(/code 9/);
  });
  it('Na/Na⁺ lies 0.33 V above Li/Li⁺ (E° −2.71 vs −3.04 V vs SHE)', () => {
    expect(NA_ABOVE_LI).toBeCloseTo(0.33, 12);
    expect(convertPotential(0.5, 'Li/Li+', 'Na/Na+')).toBeCloseTo(0.17, 12);
    expect(convertPotential(convertPotential(1.234, 'Na/Na+', 'Li/Li+'), 'Li/Li+', 'Na/Na+')).toBeCloseTo(1.234, 12);
    expect(() => convertPotential(Number.NaN, 'Li/Li+', 'SHE')).toThrow(/not finite/);
  });
});
