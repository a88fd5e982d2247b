/**
 * The NRM instrument (src/sim/nrm/instrument.ts) and the contact referencing of the pipeline:
 * tip equilibrium, noise-free signal chain against the truth, and contact-point error over random
 * films, roughness, dither amplitudes and noise levels (fast-check, fixed seeds).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { constantLoss, homogeneousFilm, type Film } from '../src/models/film/index.js';
import { eq4StiffnessTable } from '../src/models/nrm/lateral.js';
import { analyzeNrmCurve } from '../src/analysis/nrm-pipeline.js';
import { normalForceAt, normalForceTable, simulateNrmCurve, solveDeflection, buildNrmInstrument, type NrmInstrument } from '../src/sim/nrm/instrument.js';
import { locationFilm } from '../src/sim/nrm/session.js';
import { instrumentRecordOf, nrmInstrumentOf } from '../src/sim/nrm/run.js';
import { createRng } from '../src/sim/rng.js';
import { nrmConfig, QUIET } from './nrm-fixtures.js';

const nm = 1e-9;

function curve(inst: NrmInstrument, film: Film | null, contactZ0: number, seed: string, rg = 1.25) {
  const N = inst.config.approach.steps;
  const mk = () => new Float64Array(N);
  const rec = { z: mk(), normal: mk(), x: mk(), y: mk(), time: mk() };
  const truth = { zp: mk(), deflection: mk(), forceRe: mk(), forceIm: mk() };
  const lf = film === null ? null : locationFilm(film, inst.config.dither.frequency, (_f, _p, i) => eq4StiffnessTable(i, rg));
  const rng = createRng(seed);
  const res = simulateNrmCurve(inst, { contactZ0, startTime: 600, film: lf, interferencePhase: 0.7 }, rng.fork('n'), rng.fork('l'), rec, truth);
  return { rec, truth, res, lf };
}

describe('tip equilibrium', () => {
  const c = nrmConfig();
  const inst = nrmInstrumentOf(c);
  it('property (seed 9090): k_c δ = F_n(g + δ) to 1e-12 of the force, δ ≥ 0, for random films and gaps', () => {
    fc.assert(
      fc.property(fc.double({ min: 2, max: 40, noNaN: true }), fc.double({ min: 1e5, max: 1e8, noNaN: true }), fc.double({ min: -30, max: 60, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (h, E, gapNm, guessNm) => {
        const lf = locationFilm(homogeneousFilm(h * nm, constantLoss(E, 0.2), 0.45), 1000, (_f, _p, i) => eq4StiffnessTable(i, 1));
        const t = normalForceTable(inst, lf);
        const d = solveDeflection(t, inst.springConstant, gapNm * nm, guessNm * nm);
        const s = new Float64Array(2);
        normalForceAt(t, gapNm * nm + d, s);
        expect(d).toBeGreaterThanOrEqual(0);
        // the solver stops at |Δδ| < 1e-16 m, i.e. a force residual ≤ (k_c + |F_n'|)·1e-16 m
        expect(Math.abs(inst.springConstant * d - s[0])).toBeLessThanOrEqual(1e-12 * s[0] + (inst.springConstant + Math.abs(s[1])) * 2e-16);
      }),
      { seed: 9090, numRuns: 200 },
    );
  });

  it('a soft layer under a stiff one: the tip pops through (δ drops, z_p jumps) and stays on a stable branch', () => {
    // stiff 100 MPa skin 5 nm thick on top of 1 MPa: F_n falls by ~0.3·π r²·99 MPa ≈ 9 nN as the apex passes the skin
    const film: Film = {
      layers: [
        { thickness: 15 * nm, modulus: constantLoss(1e6, 0), poissonRatio: 0.45 },
        { thickness: 5 * nm, modulus: constantLoss(100e6, 0), poissonRatio: 0.45 },
      ],
      interfaces: [{ shape: 'sharp', width: 0 }],
    };
    const q = nrmConfig(QUIET);
    const iq = nrmInstrumentOf(q);
    const { truth } = curve(iq, film, 2e-6, 'pop');
    let maxJump = 0;
    for (let k = 1; k < truth.zp.length; k++) maxJump = Math.max(maxJump, truth.zp[k - 1] - truth.zp[k]);
    const dZ = q.approach.rampSize / (q.approach.steps - 1);
    // a pop-through moves the apex by several nm in one Z step of 0.33 nm
    expect(maxJump).toBeGreaterThan(5 * dZ);
    // every equilibrium stable: k_c − dF_n/dz_p > 0
    const t = normalForceTable(iq, locationFilm(film, 1000, (_f, _p, i) => eq4StiffnessTable(i, 1)));
    const s = new Float64Array(2);
    for (const zp of truth.zp) {
      normalForceAt(t, zp, s);
      expect(iq.springConstant - s[1]).toBeGreaterThan(0);
    }
  });
});

describe('signal chain without noise', () => {
  const q = nrmConfig({ ...QUIET, dither: { ...QUIET.dither, actuatorResonance: '1 MHz' } });
  const inst = nrmInstrumentOf(q);
  const film = homogeneousFilm(20 * nm, constantLoss(10e6, 0.4), 0.45);
  const { rec, truth, res } = curve(inst, film, 2e-6, 'quiet');
  it('normal signal = offset + δ/InvOLS; z_p = gap + δ; the ramp covers film, stall and hard contact', () => {
    const c = q.normalChannel;
    for (let k = 0; k < rec.z.length; k++) {
      const v = c.baselineOffset + truth.deflection[k] / inst.invOLSNormal;
      // the only noise left is thermal at 1 K: σ = √(S_z(0)/(2 T_dwell))/InvOLS ≈ 4 µV; 8σ
      expect(Math.abs(rec.normal[k] - v)).toBeLessThan(8 * inst.normalNoise);
    }
    expect(truth.zp[0]).toBeGreaterThan(50 * nm);
    expect(truth.zp[truth.zp.length - 1]).toBeLessThan(0);
    expect(res.overload).toBe(false);
    expect(inst.normalNoise).toBeLessThan(1e-5);
    // the deflection trigger (30 nm) holds Z: the last steps share one Z and the deflection stays near 30 nm
    expect(rec.z[rec.z.length - 1]).toBe(rec.z[rec.z.length - 2]);
    expect(Math.abs(truth.deflection[truth.deflection.length - 1] - 30 * nm)).toBeLessThan(0.5 * nm);
  });

  it('lock-in output (settled, quiet) reads the lateral force through Eq. 1: F = θ k_t/l_t', () => {
    const record = instrumentRecordOf(inst, q, createRng(1));
    const a = analyzeNrmCurve({ ...rec, potential: new Float64Array(rec.z.length).fill(1.7) }, record, { rg: 1.25 });
    expect(a.ok).toBe(true);
    // deep in the film (z_p ≈ 10 nm) the lock-in has settled (τ = 1 ms, dwell 5 ms, 24 dB/oct lag ≈ 0.8 step)
    const k = truth.zp.findIndex((z) => z < 10 * nm);
    // F varies by ΔF per step; the settling deficit Q(4, 5τ/τ) = 0.27 of one step's change bounds the difference
    const dF = Math.abs(truth.forceRe[k + 1] - truth.forceRe[k]);
    expect(Math.abs(a.forceRe[k] - truth.forceRe[k])).toBeLessThan(0.5 * dF + 1e-13);
  });
});

describe('contact referencing on a rough electrode', () => {
  it('property (seed 20260): contact error < 1 nm (the depth resolution) for surfaces ±500 nm, random films, dither 0.5–2 nm and noise ×0.5–×3 (the bias is the Hertz indentation of 1.41 GPa hard carbon under the 18 nN trigger load: ≈ 0.6 nm)', () => {
    const errors: number[] = [];
    fc.assert(
      fc.property(
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: 3, max: 30, noNaN: true }),
        fc.double({ min: 1e6, max: 60e6, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        (heightNm, hNm, E, Anm, noise, seed) => {
          const c = nrmConfig({ dither: { amplitude: `${Anm} nm` }, normalChannel: { detectorNoise: `${noise} mV` }, lateralChannel: { detectorNoisePsd: `${noise * noise * 1e-10} V^2/Hz` } });
          const inst = nrmInstrumentOf(c);
          const { rec, res } = curve(inst, homogeneousFilm(hNm * nm, constantLoss(E, 0.3), 0.45), 2e-6 - heightNm * nm, `cp${seed}`);
          const a = analyzeNrmCurve({ ...rec, potential: new Float64Array(rec.z.length).fill(1) }, instrumentRecordOf(inst, c, createRng(seed)), { rg: 1.25 });
          expect(a.ok).toBe(true);
          const err = a.contactZ - res.contactZ;
          errors.push(err);
          expect(Math.abs(err)).toBeLessThan(1 * nm);
        },
      ),
      { seed: 20260, numRuns: 60 },
    );
    // the error is mostly a bias from the Hertz compliance of hard carbon (1.41 GPa): the contact is
    // placed deeper (up to ≈ 0.6 nm where the film is soft and the whole trigger load sits on the electrode)
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    expect(mean).toBeGreaterThan(0.1 * nm);
    expect(mean).toBeLessThan(0.8 * nm);
  });

  it('a rigid hard surface removes the bias: |error| < 0.2 nm (noise only)', () => {
    const c = nrmConfig({ electrode: { hardContactModulus: '1 TPa' } });
    const inst = nrmInstrumentOf(c);
    for (const [h, s] of [[-400, 'a'], [0, 'b'], [450, 'c']] as const) {
      const { rec, res } = curve(inst, homogeneousFilm(20 * nm, constantLoss(20e6, 0.3), 0.45), 2e-6 - h * nm, s);
      const a = analyzeNrmCurve({ ...rec, potential: new Float64Array(rec.z.length).fill(1) }, instrumentRecordOf(inst, c, createRng(2)), { rg: 1.25 });
      expect(Math.abs(a.contactZ - res.contactZ)).toBeLessThan(0.2 * nm);
    }
  });

  it('a bare electrode (no film) still gives its contact point', () => {
    const c = nrmConfig();
    const inst = nrmInstrumentOf(c);
    const { rec, res } = curve(inst, null, 2e-6, 'bare');
    const a = analyzeNrmCurve({ ...rec, potential: new Float64Array(rec.z.length).fill(1) }, instrumentRecordOf(inst, c, createRng(3)), { rg: 1.25 });
    expect(a.ok).toBe(true);
    expect(Math.abs(a.contactZ - res.contactZ)).toBeLessThan(1 * nm);
  });

  it('buildNrmInstrument: Eq. 1 constants from the probe model (k_t/l_t² = torsional lateral stiffness)', () => {
    const inst = buildNrmInstrument(nrmInstrumentOf(nrmConfig()).config);
    expect(Math.abs(inst.torsionalSpringConstant / inst.tipLength ** 2 / inst.torsionalLateralStiffness - 1)).toBeLessThan(1e-12);
    expect(inst.lateralStiffness).toBeLessThan(inst.torsionalLateralStiffness);
  });
});
