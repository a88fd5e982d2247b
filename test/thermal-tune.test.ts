/**
 * Thermal tune instrument and thermal calibration: spectra, determinism, recovery of k with a
 * tolerance derived from the record length, InvOLS-error bias, and the LM solver.
 *
 * Tolerance derivation (also in src/analysis/thermal-calibration.ts): a record of length T gives raw
 * periodogram bins of width 1/T, each with relative standard deviation 1. For a Lorentzian peak of
 * area P and FWHM Γ = f0/Q, fitted with free P, f0 and Γ, the Whittle Fisher information in
 * (ln P, ln Γ) over a band of X half-widths is (TΓ/2)[[X, X − 2π], [X − 2π, X − 2π]], whose inverse
 * gives Var(ln P) = 1/(πΓT): σ_k/k = σ_P/P = √(Q/(π f0 T)) — i.e. 1/√(number of independent bins
 * within the peak, πΓT). A white detector floor only adds uncertainty; the fit reports the
 * Cramér–Rao value including it (σ_CRB ≥ √(Q/(πf0T))). The tests accept |k̂/k − 1| ≤ 4σ_CRB + 1 %
 * (1 %: Whittle/IRLS bias at finite bin counts and window broadening) and check that the scatter over
 * many records is consistent with σ (RMS z-score in [0.6, 1.45]), so that the tolerance is neither
 * loose nor wrong.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { levenbergMarquardt as mlLevenbergMarquardt } from 'ml-levenberg-marquardt';
import { createRng } from '../src/sim/rng.js';
import { makeThermalTuneInstrument, simulateThermalTune } from '../src/sim/thermal-tune.js';
import { calibrateThermal } from '../src/analysis/thermal-calibration.js';
import { periodogram, welchPsd } from '../src/analysis/spectrum.js';
import { levenbergMarquardt } from '../src/analysis/fit.js';
import { fluidPreset, makeCantilever, probePreset, shoPsdAliased, thermalCalibrationFactor } from '../src/models/probe/index.js';

const sha = (a: Float64Array): string => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

describe('spectrum estimates (Heinzel et al. 2002 normalisation)', () => {
  it('rectangular periodogram obeys Parseval exactly: Σ S Δf = mean square (to 1e-12)', () => {
    const rng = createRng('parseval');
    const x = Float64Array.from({ length: 4096 }, () => rng.normal() + 0.3 * Math.sin(0.01 * rng.uniform()));
    const p = periodogram(x, 1000);
    let s = 0;
    for (let k = 0; k < p.psd.length; k++) s += p.psd[k] * p.binWidth;
    let ms = 0;
    for (const v of x) ms += v * v;
    expect(Math.abs(s / (ms / x.length) - 1)).toBeLessThan(1e-12);
  });
  it('Welch (Hann, 50 %) of white noise σ² has mean level 2σ²/f_s within 3 standard errors', () => {
    const rng = createRng('white');
    const x = Float64Array.from({ length: 2 ** 16 }, () => 2 * rng.normal());
    const p = welchPsd(x, 1e4, { segmentLength: 1024 });
    let m = 0;
    for (let k = 1; k < p.psd.length - 1; k++) m += p.psd[k];
    m /= p.psd.length - 2;
    // each bin averages ~127 segments (≈ 64 independent), 511 bins: relative SE ≈ 1/√(64·511/1.5)
    expect(Math.abs(m / ((2 * 4) / 1e4) - 1)).toBeLessThan(3 / Math.sqrt((64 * 511) / 1.5));
    expect(p.enbwBins).toBeCloseTo(1.5, 10);
  });
  it('rejects non-power-of-two segments and too-short records', () => {
    expect(() => welchPsd(new Float64Array(100), 1, { segmentLength: 48 })).toThrow(/power of two/);
    expect(() => welchPsd(new Float64Array(100), 1, { segmentLength: 128 })).toThrow(/exceeds/);
  });
});

describe('Levenberg–Marquardt (src/analysis/fit.ts)', () => {
  it('agrees with ml-levenberg-marquardt on y = a e^{−bx} + c with noise, and recovers the truth within 4σ of its covariance', () => {
    const rng = createRng('lm');
    const xs = Array.from({ length: 200 }, (_, i) => i / 20);
    const ys = xs.map((x) => 3 * Math.exp(-0.7 * x) + 0.5 + 0.02 * rng.normal());
    const ours = levenbergMarquardt({ residualCount: xs.length, residuals: (p, r) => xs.forEach((x, i) => (r[i] = p[0] * Math.exp(-p[1] * x) + p[2] - ys[i])) }, [1, 1, 0]);
    const theirs = mlLevenbergMarquardt({ x: xs, y: ys }, ([a, b, c]: number[]) => (x: number) => a * Math.exp(-b * x) + c, {
      initialValues: [1, 1, 0],
      maxIterations: 1000,
      errorTolerance: 1e-12,
      // with damping 1e-3 and gradientDifference 1e-7 it throws "Matrix is not symmetric", and with
      // gradientDifference 1e-2, damping 1e-2 it diverges (measured) — one reason src/analysis/fit.ts exists
      gradientDifference: 1e-4,
      damping: 0.1,
    });
    for (let j = 0; j < 3; j++) {
      expect(Math.abs(ours.params[j] - theirs.parameterValues[j])).toBeLessThan(2e-3 * Math.max(1, Math.abs(ours.params[j])));
      expect(Math.abs(ours.params[j] - [3, 0.7, 0.5][j])).toBeLessThan(4 * Math.sqrt(ours.covariance[j * 3 + j]));
    }
    expect(ours.converged).toBe(true);
  });
  it('rejects bad starts', () => {
    expect(() => levenbergMarquardt({ residualCount: 1, residuals: () => {} }, [1, 2])).toThrow(/residualCount/);
    expect(() => levenbergMarquardt({ residualCount: 3, residuals: () => {} }, [NaN])).toThrow(/initial\[0\] = NaN/);
  });
});

describe('thermal-tune instrument', () => {
  const c = probePreset('saleh-rtespaw-150').cantilever;
  const ins = makeThermalTuneInstrument({ sampleCount: 2 ** 16 });

  it('same seed ⇒ identical bytes; another seed differs; the lateral channel does not shift the normal streams', () => {
    const a = simulateThermalTune(c, fluidPreset('air'), ins, { spectrumModel: 'sho', lateral: false }, createRng(42).fork('tune'));
    const b = simulateThermalTune(c, fluidPreset('air'), ins, { spectrumModel: 'sho', lateral: false }, createRng(42).fork('tune'));
    const d = simulateThermalTune(c, fluidPreset('air'), ins, { spectrumModel: 'sho', lateral: false }, createRng(43).fork('tune'));
    expect(sha(a.observed.normal)).toBe(sha(b.observed.normal));
    expect(sha(a.observed.normal)).not.toBe(sha(d.observed.normal));
    const lat = simulateThermalTune(c, fluidPreset('air'), makeThermalTuneInstrument({ sampleCount: 2 ** 16, sampleRate: 8e6 }), { spectrumModel: 'sho', lateral: true }, createRng(42).fork('tune'));
    const nolat = simulateThermalTune(c, fluidPreset('air'), makeThermalTuneInstrument({ sampleCount: 2 ** 16, sampleRate: 8e6 }), { spectrumModel: 'sho', lateral: false }, createRng(42).fork('tune'));
    expect(sha(lat.observed.normal)).toBe(sha(nolat.observed.normal));
    expect(lat.observed.lateral).toBeDefined();
    // clean + noise = observed, exactly
    for (let i = 0; i < 100; i++) expect(a.observed.normal[i]).toBe(a.clean.normal[i] + a.noise.normal[i]);
    for (const hex of [sha(a.observed.normal), sha(b.observed.normal)]) expect(hex).toMatch(/^[0-9a-f]{64}$/);
  });

  it('regression snapshot of the random streams at a fixed seed (first samples, 1e-12)', () => {
    const a = simulateThermalTune(makeCantilever(), fluidPreset('air'), makeThermalTuneInstrument({ sampleCount: 1024 }), { spectrumModel: 'sho', lateral: false }, createRng('snapshot'));
    // recorded with this code (seed 'snapshot'); a change means the RNG streams or the discretisation changed
    const expected = [-0.0005532158336291717, 0.0008754378032235384, 0.0008089187011155567];
    const first = Array.from(a.observed.normal.subarray(0, 3));
    first.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-12 * Math.abs(expected[i])));
  });

  it('the averaged PSD of 24 records matches the aliased SHO PSD (β k_BT/k) + floor within 4 standard errors per band', () => {
    const fl = fluidPreset('electrolyte-lp30');
    const local = makeThermalTuneInstrument({ sampleCount: 2 ** 15, detectorNoiseDensity: 0 });
    const R = 24;
    let acc: Float64Array | undefined;
    let freq: Float64Array | undefined;
    let truth: ReturnType<typeof simulateThermalTune>['meta']['truth'] | undefined;
    for (let s = 0; s < R; s++) {
      const o = simulateThermalTune(c, fl, local, { spectrumModel: 'sho', lateral: false }, createRng(`psd-${s}`));
      truth = o.meta.truth;
      const x = o.observed.normal.map((v) => v * local.invOLS);
      const p = welchPsd(x, local.sampleRate, { segmentLength: 1024 });
      acc ??= new Float64Array(p.psd.length);
      freq = p.frequency;
      for (let i = 0; i < acc.length; i++) acc[i] += p.psd[i] / R;
    }
    const mode = { stiffness: truth!.springConstant / thermalCalibrationFactor(1), frequency: truth!.resonanceFrequency, qualityFactor: truth!.qualityFactor, temperature: local.temperature };
    // bands of 16 bins; each bin averages R·63 segments (~R·32 independent) → SE per band ≈ 1/√(R·32·16/1.5)
    const se = 1 / Math.sqrt((R * 32 * 16) / 1.5);
    for (let b = 1; b < 30; b++) {
      let m = 0;
      let t = 0;
      for (let i = b * 16; i < (b + 1) * 16; i++) {
        m += acc![i];
        t += shoPsdAliased(freq![i], mode, local.sampleRate);
      }
      expect(Math.abs(m / t - 1), `band ${b}`).toBeLessThan(4 * se + 0.01);
    }
  });

  it('hydrodynamic synthesis: the synthesised variance over [0, f_s/2] equals β k_BT/k to 1e-3', () => {
    for (const f of ['air', 'water'] as const) {
      const o = simulateThermalTune(c, fluidPreset(f), makeThermalTuneInstrument({ sampleCount: 2 ** 14, sampleRate: 4e6 }), { spectrumModel: 'hydrodynamic', lateral: false }, createRng('hydro'));
      expect(Math.abs(o.meta.truth.varianceCheck - 1)).toBeLessThan(1e-3);
    }
  });

  it('validates its inputs', () => {
    expect(() => makeThermalTuneInstrument({ sampleRate: NaN })).toThrow(/sampleRate = NaN/);
    expect(() => makeThermalTuneInstrument({ sampleCount: 2048.5 })).toThrow(/not an integer/);
    expect(() => simulateThermalTune(c, fluidPreset('air'), makeThermalTuneInstrument({ sampleRate: 2e5 }), { spectrumModel: 'sho', lateral: false }, createRng(1))).toThrow(/2.5 f0/);
  });
});

describe('thermal calibration recovers k within the tolerance derived from the record length', () => {
  const arb = fc.record({
    length: fc.double({ min: 90e-6, max: 250e-6, noNaN: true }),
    width: fc.double({ min: 20e-6, max: 40e-6, noNaN: true }),
    thickness: fc.double({ min: 1e-6, max: 4e-6, noNaN: true }),
    medium: fc.constantFrom('air' as const, 'electrolyte-lp30' as const),
    noise: fc.double({ min: 0, max: 1e-6, noNaN: true }),
  });

  it('random cantilevers, air and electrolyte, random detector noise (fast-check seed 20250620, 14 runs): |k̂/k − 1| ≤ 4σ + 1 %', () => {
    const zs: number[] = [];
    fc.assert(
      fc.property(arb, (v) => {
        const cant = makeCantilever({ length: v.length, width: v.width, thickness: v.thickness });
        const ins = makeThermalTuneInstrument({ sampleCount: 2 ** 18, sampleRate: 2e6, detectorNoiseDensity: v.noise });
        const out = simulateThermalTune(cant, fluidPreset(v.medium), ins, { spectrumModel: 'sho', lateral: false }, createRng(`k-${v.length}`));
        const cal = calibrateThermal(out.observed.normal, { sampleRate: ins.sampleRate, invOLS: out.meta.instrument.invOLSNominal, temperature: ins.temperature });
        const err = cal.springConstant / out.meta.truth.springConstant - 1;
        // the derived σ: √(Q/(π f0 T)) from the true Q, f0 and the record length T
        const derived = Math.sqrt(out.meta.truth.qualityFactor / (Math.PI * out.meta.truth.resonanceFrequency * (ins.sampleCount / ins.sampleRate)));
        expect(cal.springConstantRelStd).toBeGreaterThan(0.9 * derived);
        expect(cal.springConstantRelStd).toBeLessThan(3 * derived + 0.01);
        expect(Math.abs(err)).toBeLessThan(4 * cal.springConstantRelStd + 0.01);
        zs.push(err / cal.springConstantRelStd);
      }),
      { seed: 20250620, numRuns: 14 },
    );
    const rms = Math.sqrt(zs.reduce((a, b) => a + b * b, 0) / zs.length);
    expect(rms).toBeGreaterThan(0.45);
    expect(rms).toBeLessThan(1.6);
  });

  it('the scatter of k̂ over 24 records of one lever matches √(Q/(π f0 T)) (RMS z in [0.6, 1.45]) — the derivation, not only a bound', () => {
    const cant = probePreset('saleh-rtespaw-150').cantilever;
    const ins = makeThermalTuneInstrument({ sampleCount: 2 ** 17, detectorNoiseDensity: 1e-8 });
    const zs: number[] = [];
    for (let s = 0; s < 24; s++) {
      const out = simulateThermalTune(cant, fluidPreset('air'), ins, { spectrumModel: 'sho', lateral: false }, createRng(`scatter-${s}`));
      const cal = calibrateThermal(out.observed.normal, { sampleRate: ins.sampleRate, invOLS: out.meta.instrument.invOLSNominal, temperature: ins.temperature });
      const derived = Math.sqrt(out.meta.truth.qualityFactor / (Math.PI * out.meta.truth.resonanceFrequency * (ins.sampleCount / ins.sampleRate)));
      zs.push((cal.springConstant / out.meta.truth.springConstant - 1) / derived);
    }
    const rms = Math.sqrt(zs.reduce((a, b) => a + b * b, 0) / zs.length);
    // 24 samples: the RMS of unit normals lies in [0.72, 1.27] with ~95 % probability; bounds widened for the fit's extra parameters
    expect(rms).toBeGreaterThan(0.6);
    expect(rms).toBeLessThan(1.45);
  });

  it('miscalibrated InvOLS: k̂ ∝ 1/InvOLS² exactly (same record, InvOLS ×1.1 ⇒ k ÷1.21 to 1e-6), and the instrument-level error shows the same bias', () => {
    const cant = probePreset('saleh-rtespaw-150').cantilever;
    const ins = makeThermalTuneInstrument({ sampleCount: 2 ** 17 });
    const out = simulateThermalTune(cant, fluidPreset('air'), ins, { spectrumModel: 'sho', lateral: false }, createRng('invols'));
    const a = calibrateThermal(out.observed.normal, { sampleRate: ins.sampleRate, invOLS: ins.invOLS, temperature: ins.temperature });
    const b = calibrateThermal(out.observed.normal, { sampleRate: ins.sampleRate, invOLS: 1.1 * ins.invOLS, temperature: ins.temperature });
    expect(Math.abs(b.springConstant / a.springConstant - 1 / 1.21)).toBeLessThan(1e-6);
    expect(Math.abs(b.resonanceFrequency / a.resonanceFrequency - 1)).toBeLessThan(1e-9);
    const bad = simulateThermalTune(cant, fluidPreset('air'), makeThermalTuneInstrument({ sampleCount: 2 ** 17, invOLSError: 0.1 }), { spectrumModel: 'sho', lateral: false }, createRng('invols'));
    const c = calibrateThermal(bad.observed.normal, { sampleRate: ins.sampleRate, invOLS: bad.meta.instrument.invOLSNominal, temperature: ins.temperature });
    expect(Math.abs((c.springConstant * 1.21) / bad.meta.truth.springConstant - 1)).toBeLessThan(4 * c.springConstantRelStd + 0.01);
    expect(Math.abs(c.springConstant / bad.meta.truth.springConstant - 1)).toBeGreaterThan(0.1);
  });

  it('rejects a record without a resonance and impossible settings', () => {
    expect(() => calibrateThermal(new Float64Array(4096), { sampleRate: 1e6, invOLS: 5e-8, temperature: 300 })).toThrow(/no resonance peak/);
    expect(() => calibrateThermal(new Float64Array(4096), { sampleRate: 1e6, invOLS: -1, temperature: 300 })).toThrow(/invOLS = -1/);
  });
});
