/**
 * Force-curve instrument and analysis: recovery of E* and adhesion for each contact model, over
 * random films and noise levels, calibration-error scalings, determinism of the generated signals.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../src/sim/rng.js';
import { makeForceCurveInstrument, simulateForceCurveInstrument, simulateForceMap, type ForceProbe, type PixelSample } from '../src/sim/force-curve.js';
import { convertForceCurve, estimateFilmThickness, fitForceCurve, fitForceMap, invOLSModulusSensitivity } from '../src/analysis/force-curve-fit.js';
import { BOLTZMANN, thermalCalibrationFactor, type TipShape } from '../src/models/probe/index.js';
import { SILICON_TIP } from '../src/models/probe/presets.js';
import type { ContactModel } from '../src/models/contact/index.js';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);
const probe = (tip: TipShape, k = 6): ForceProbe => ({ springConstant: k, tip, tipMaterial: SILICON_TIP });
const para: TipShape = { kind: 'paraboloid', radius: 8e-9 };
const sample = (over: Partial<PixelSample> = {}): PixelSample => ({
  youngsModulus: 1.41e9,
  poissonRatio: 0.3,
  adhesionWork: 19.2e-9 / (2 * Math.PI * 8e-9),
  filmThickness: Infinity,
  filmAttachment: 'bonded',
  surfaceZ: 1e-6,
  ...over,
});
const quiet = { detectorNoiseDensity: 0, temperature: 1 };

describe('each contact model recovers E* from a nearly noise-free curve (T = 1 K, no detector noise)', () => {
  const cases: [ContactModel, TipShape, Partial<PixelSample>, number][] = [
    // [model, tip, sample, tolerance]; DMT: −min F from a 3-point mean of a sampled cusp is low by ≈ F_rep(1 step) → ≲ 1.5 % on E*
    ['hertz', para, { adhesionWork: 0 }, 0.01],
    ['dmt', para, {}, 0.02],
    ['jkr', para, {}, 0.02],
    ['sneddon-cone', { kind: 'cone', halfAngle: (20 * Math.PI) / 180 }, { adhesionWork: 0 }, 0.01],
    ['pyramid', { kind: 'pyramid', faceAngle: (35 * Math.PI) / 180 }, { adhesionWork: 0 }, 0.01],
    ['flat-punch', { kind: 'cylinder', radius: 20e-9 }, { adhesionWork: 0, youngsModulus: 1e8 }, 0.01],
  ];
  it.each(cases)('%s', (model, tip, over, tol) => {
    const out = simulateForceCurveInstrument(model, probe(tip), sample(over), { ...quiet, samplesPerCurve: 2000 }, createRng(`clean-${model}`));
    const r = fitForceCurve(out.observed, out.meta.nominal, { model, tip, samplePoissonRatio: 0.3, tipModulus: SILICON_TIP.youngsModulus, tipPoissonRatio: SILICON_TIP.poissonRatio });
    expect(rel(r.reducedModulus, out.meta.truth.reducedModulus)).toBeLessThan(tol);
    expect(rel(r.sampleModulus, out.meta.truth.youngsModulus)).toBeLessThan(tol * 1.1);
    if (model === 'dmt' || model === 'jkr') expect(rel(r.adhesionForce, out.meta.truth.adhesionForce)).toBeLessThan(0.02);
    if (model === 'jkr') expect(rel(r.adhesionWork, out.meta.truth.adhesionWork)).toBeLessThan(0.03);
    // contact point within 0.3 nm of the true surface (the DMT/JKR zero of indentation)
    expect(Math.abs(r.contactPoint - out.meta.truth.contactZ)).toBeLessThan(0.3e-9);
  });
});

describe('over random films and noise levels the DMT fit recovers E* and the adhesion (fast-check seed 20250630)', () => {
  it('|Ê*/E* − 1| ≤ 4σ_fit + 3 %, |F̂_adh − F_adh| ≤ 4 k σ_d + 2 % (σ_d the per-sample deflection noise)', () => {
    const zs: number[] = [];
    fc.assert(
      fc.property(
        fc.double({ min: 0.3e9, max: 3e9, noNaN: true }),
        fc.double({ min: 5e-9, max: 25e-9, noNaN: true }),
        fc.oneof(fc.constant(Infinity), fc.double({ min: 10e-9, max: 60e-9, noNaN: true })),
        fc.double({ min: 1e-7, max: 5e-6, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        (E, Fad, h, noise, seed) => {
          const s = sample({ youngsModulus: E, adhesionWork: Fad / (2 * Math.PI * 8e-9), filmThickness: h });
          const ins = makeForceCurveInstrument({ detectorNoiseDensity: noise });
          const out = simulateForceCurveInstrument('dmt', probe(para), s, ins, createRng(seed));
          const r = fitForceCurve(out.observed, out.meta.nominal, { model: 'dmt', tip: para, samplePoissonRatio: 0.3, tipModulus: SILICON_TIP.youngsModulus, tipPoissonRatio: SILICON_TIP.poissonRatio, filmThickness: h });
          const e = r.reducedModulus / out.meta.truth.reducedModulus - 1;
          expect(Math.abs(e)).toBeLessThan(4 * r.reducedModulusRelStd + 0.03);
          zs.push(e / r.reducedModulusRelStd);
          const dt = ins.rampSize / (ins.samplesPerCurve / 2 - 1) / ins.rampRate;
          const sigmaD = Math.sqrt((noise * ins.invOLS) ** 2 / (2 * dt) + (thermalCalibrationFactor(1) * BOLTZMANN * ins.temperature) / 6);
          expect(Math.abs(r.adhesionForce - out.meta.truth.adhesionForce)).toBeLessThan(4 * 6 * sigmaD + 0.02 * out.meta.truth.adhesionForce);
        },
      ),
      { seed: 20250630, numRuns: 25 },
    );
    // the fit's σ is an honest error bar, not a loose one: RMS z of order 1
    const rms = Math.sqrt(zs.reduce((a, b) => a + b * b, 0) / zs.length);
    expect(rms).toBeLessThan(2);
    expect(rms).toBeGreaterThan(0.3);
  });

  it('on a thin film the half-space fit overestimates E and the bottom-effect fit does not (seed 20250631)', () => {
    fc.assert(
      fc.property(fc.double({ min: 8e-9, max: 20e-9, noNaN: true }), fc.double({ min: 0.3e9, max: 1.5e9, noNaN: true }), (h, E) => {
        const out = simulateForceCurveInstrument('dmt', probe(para), sample({ youngsModulus: E, filmThickness: h }), {}, createRng(`film-${h}`));
        const base = { model: 'dmt' as const, tip: para, samplePoissonRatio: 0.3, tipModulus: SILICON_TIP.youngsModulus, tipPoissonRatio: SILICON_TIP.poissonRatio };
        const naive = fitForceCurve(out.observed, out.meta.nominal, base);
        const corrected = fitForceCurve(out.observed, out.meta.nominal, { ...base, filmThickness: h });
        expect(naive.reducedModulus / out.meta.truth.reducedModulus).toBeGreaterThan(1.1);
        expect(Math.abs(corrected.reducedModulus / out.meta.truth.reducedModulus - 1)).toBeLessThan(4 * corrected.reducedModulusRelStd + 0.03);
      }),
      { seed: 20250631, numRuns: 8 },
    );
  });
});

describe('calibration errors (scalings derived in src/analysis/force-curve-fit.ts)', () => {
  const out = simulateForceCurveInstrument('dmt', probe(para), sample(), {}, createRng('calib'));
  const opts = { model: 'dmt' as const, tip: para, samplePoissonRatio: 0.3 };
  const ref = fitForceCurve(out.observed, out.meta.nominal, opts);

  it('spring constant ×κ ⇒ E* ×κ and F_adh ×κ exactly (deflections in metres unchanged)', () => {
    for (const kappa of [0.8, 1.25]) {
      const r = fitForceCurve(out.observed, { ...out.meta.nominal, springConstant: out.meta.nominal.springConstant * kappa }, opts);
      expect(rel(r.reducedModulus / ref.reducedModulus, kappa)).toBeLessThan(1e-6);
      expect(rel(r.adhesionForce / ref.adhesionForce, kappa)).toBeLessThan(1e-12);
      expect(Math.abs(r.contactPoint - ref.contactPoint)).toBeLessThan(1e-15);
    }
  });

  it('InvOLS ×(1 + ε) ⇒ F_adh ×(1 + ε) exactly, and E* ×(1 + ε S) with S = 1 + (3/2) α d/δ (invOLSModulusSensitivity) within 8 %', () => {
    for (const eps of [-0.05, 0.05]) {
      const r = fitForceCurve(out.observed, { ...out.meta.nominal, invOLS: out.meta.nominal.invOLS * (1 + eps) }, opts);
      expect(rel(r.adhesionForce / ref.adhesionForce, 1 + eps)).toBeLessThan(1e-12);
    }
    // first-order coefficient over soft/stiff samples and levers (d/δ from 0.2 to 8), DMT retract and Hertz approach fits
    for (const [E, k] of [
      [1.41e9, 6],
      [0.3e9, 6],
      [1.41e9, 40],
      [3e9, 2],
    ] as const) {
      for (const model of ['dmt', 'hertz'] as const) {
        const s = sample({ youngsModulus: E, adhesionWork: model === 'dmt' ? 0.38 : 0 });
        const o = simulateForceCurveInstrument(model, probe(para, k), s, { ...quiet, rampSize: 40e-9 + 120e-9 / k }, createRng('sens'));
        const base = fitForceCurve(o.observed, o.meta.nominal, { ...opts, model });
        const t = o.meta.truth;
        const rPeak = (t.peakForce + t.adhesionForce) / k / t.maxIndentation;
        const predicted = invOLSModulusSensitivity(rPeak, model === 'dmt' ? 0.1 : 0);
        for (const eps of [-0.005, 0.005]) {
          const r = fitForceCurve(o.observed, { ...o.meta.nominal, invOLS: o.meta.nominal.invOLS * (1 + eps) }, { ...opts, model });
          const measured = (r.reducedModulus / base.reducedModulus - 1) / eps;
          expect(Math.abs(measured / predicted - 1), `${model} E=${E} k=${k} ε=${eps}`).toBeLessThan(0.08);
        }
      }
    }
    // a stiff lever (d ≪ δ): E ∝ InvOLS, S → 1
    expect(invOLSModulusSensitivity(0, 0.1)).toBe(1);
    expect(Math.abs(invOLSModulusSensitivity(1, 0.1) - (1 + 1.5 * 1.195051))).toBeLessThan(1e-5);
  });

  it('the instrument-level miscalibration reproduces the same biases', () => {
    const bad = simulateForceCurveInstrument('dmt', probe(para), sample(), { springConstantError: 0.2 }, createRng('calib'));
    const r = fitForceCurve(bad.observed, bad.meta.nominal, opts);
    expect(rel(r.adhesionForce / bad.meta.truth.adhesionForce, 1.2)).toBeLessThan(0.03);
    expect(rel(r.reducedModulus / bad.meta.truth.reducedModulus, 1.2)).toBeLessThan(0.04);
  });
});

describe('instrument: determinism, artefacts, anatomy', () => {
  it('same seed ⇒ identical bytes of the force-map signals; another seed differs', () => {
    const n = 3;
    const map = {
      nx: n,
      ny: n,
      pixelSize: 1e-7,
      youngsModulus: new Float64Array(n * n).fill(1e9),
      poissonRatio: new Float64Array(n * n).fill(0.3),
      adhesionWork: new Float64Array(n * n).fill(0.3),
      filmThickness: new Float64Array(n * n).fill(Infinity),
      filmAttachment: 'bonded' as const,
      surfaceZ: new Float64Array(n * n).fill(0),
    };
    const h = (seed: string): string => {
      const m = simulateForceMap('dmt', probe(para), map, { samplesPerCurve: 200, interferenceAmplitude: 1e-3 }, createRng(seed), false);
      const hash = createHash('sha256');
      for (const a of [m.observed.zApproach, m.observed.vApproach, m.observed.zRetract, m.observed.vRetract]) hash.update(new Uint8Array(a.buffer));
      return hash.digest('hex');
    };
    expect(h('a')).toBe(h('a'));
    expect(h('a')).not.toBe(h('b'));
  });

  it('observed = clean + baseline artefacts + noise; the baseline correction removes offset and tilt', () => {
    const out = simulateForceCurveInstrument('dmt', probe(para), sample(), { baselineTilt: 3e5, baselineOffset: 0.2 }, createRng('baseline'));
    const conv = convertForceCurve(out.observed, out.meta.nominal);
    expect(rel(conv.baselineApproach.slope, 3e5)).toBeLessThan(0.05);
    // far from contact the converted force is zero within noise
    let m = 0;
    for (let i = 0; i < 100; i++) m += conv.approach.force[i];
    expect(Math.abs(m / 100)).toBeLessThan(0.1e-9);
  });

  it('DMT approach shows a snap-in (attractive force before contact); the retract minimum is the adhesion', () => {
    const out = simulateForceCurveInstrument('dmt', probe(para, 1), sample(), { ...quiet, triggerForce: 5e-9, rampSize: 60e-9 }, createRng('snap'));
    const conv = convertForceCurve(out.observed, out.meta.nominal);
    const minA = Math.min(...conv.approach.force);
    const minR = Math.min(...conv.retract.force);
    expect(minA).toBeLessThan(-1e-9);
    expect(minR).toBeLessThan(minA); // hysteresis: pull-off beyond snap-in
    expect(Number.isFinite(out.meta.truth.snapInZ)).toBe(true);
    expect(out.meta.truth.pullOffZ).toBeLessThan(out.meta.truth.snapInZ);
  });

  it('validates instrument inputs', () => {
    expect(() => makeForceCurveInstrument({ samplesPerCurve: 999 })).toThrow(/must be even/);
    expect(() => makeForceCurveInstrument({ triggerForce: -1 })).toThrow(/triggerForce = -1/);
    expect(() => fitForceCurve(simulateForceCurveInstrument('hertz', probe(para), sample({ adhesionWork: 0 }), {}, createRng(1)).observed, { springConstant: 6, invOLS: 5e-8 }, { model: 'sneddon-cone', tip: para, samplePoissonRatio: 0.3 })).toThrow(/needs a cone tip/);
  });
});

describe('force map fit and film thickness from topography', () => {
  it('a 4 × 4 map with a film step: every fit converges; the thickness estimate is the step height', () => {
    const n = 4;
    const np = n * n;
    const h = Float64Array.from({ length: np }, (_, i) => (i % n >= 2 ? 12e-9 : 0));
    const map = {
      nx: n,
      ny: n,
      pixelSize: 1e-7,
      youngsModulus: Float64Array.from({ length: np }, (_, i) => (i % n >= 2 ? 0.8e9 : 1.4e9)),
      poissonRatio: new Float64Array(np).fill(0.3),
      adhesionWork: new Float64Array(np).fill(0.3),
      filmThickness: Float64Array.from(h, (v) => (v > 0 ? v : Infinity)),
      filmAttachment: 'bonded' as const,
      surfaceZ: Float64Array.from(h, (v) => -v),
    };
    const out = simulateForceMap('dmt', probe(para), map, { samplesPerCurve: 600 }, createRng('map'), false);
    const fit = fitForceMap(out, out.meta.nominal, { model: 'dmt', tip: para, samplePoissonRatio: 0.3, tipModulus: SILICON_TIP.youngsModulus, tipPoissonRatio: SILICON_TIP.poissonRatio });
    expect(Array.from(fit.failed).every((f) => f === 0)).toBe(true);
    const t = estimateFilmThickness(fit.height).thickness;
    for (let i = 0; i < np; i++) {
      if (h[i] > 0) expect(Math.abs(t[i] - 12e-9)).toBeLessThan(0.5e-9);
      else expect(t[i]).toBe(Infinity);
    }
    const corr = fitForceMap(out, out.meta.nominal, { model: 'dmt', tip: para, samplePoissonRatio: 0.3, tipModulus: SILICON_TIP.youngsModulus, tipPoissonRatio: SILICON_TIP.poissonRatio }, t);
    for (let i = 0; i < np; i++) expect(rel(corr.sampleModulus[i], map.youngsModulus[i])).toBeLessThan(0.06);
  });
});
