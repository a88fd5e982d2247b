/**
 * The thermal-tune experiment end to end, in memory: scores with Cramér–Rao tolerances pass in air
 * and electrolyte, same seed ⇒ identical data/ and truth/ bytes, InvOLS error handled by the score's
 * truth (k ∝ 1/InvOLS²), and the config checks.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../src/sim/rng.js';
import { checkThermalTuneConfig, runThermalTuneExperiment, THERMAL_TUNE_FIELDS, type ThermalTuneConfig } from '../src/sim/thermal-tune.js';
import { resolveField, section } from '../src/sim/schema.js';
import type { ParamProblem } from '../src/models/params.js';

function config(over: Record<string, unknown> = {}): ThermalTuneConfig {
  const problems: ParamProblem[] = [];
  const c = resolveField(section('thermal tune', THERMAL_TUNE_FIELDS), { instrument: { sampleCount: 2 ** 17 }, ...over }, '', problems) as ThermalTuneConfig;
  expect(problems).toEqual([]);
  return c;
}
const bytes = (c: string | Uint8Array): string => (typeof c === 'string' ? c : Buffer.from(c).toString('base64'));

describe('thermal-tune experiment', () => {
  const run = runThermalTuneExperiment(config(), createRng(11));

  it('k, f0 and Q scores pass in air and in the electrolyte, with reasons; PSD plots and the 004 report present', () => {
    expect(run.scores.filter((s) => s.quantity === 'springConstant')).toHaveLength(2);
    for (const s of run.scores) {
      expect(s.pass, `${s.quantity} ${s.where}: ${s.relError} vs ${s.tolerance}`).toBe(true);
      expect(s.toleranceWhy).toMatch(/σ|%/);
    }
    const paths = run.artifacts.map((a) => a.path);
    expect(paths).toContain('plots/thermal-air-psd.svg');
    expect(paths).toContain('plots/thermal-electrolyte-lp30-psd.svg');
    expect(paths).toContain('data/thermal-air-deflection.npy');
    const rep = JSON.parse(run.artifacts.find((a) => a.path === 'results/thermal-calibration.json')!.content as string);
    expect(rep.reportMarkdown).toMatch(/thermal-noise/);
  });

  it('same seed ⇒ byte-identical data/ and truth/; another seed differs', () => {
    const again = runThermalTuneExperiment(config(), createRng(11));
    const other = runThermalTuneExperiment(config(), createRng(12));
    for (const a of run.artifacts.filter((x) => /^(data|truth)\//.test(x.path))) {
      expect(bytes(again.artifacts.find((b) => b.path === a.path)!.content), a.path).toBe(bytes(a.content));
    }
    expect(bytes(other.artifacts.find((b) => b.path === 'data/thermal-air-deflection.npy')!.content)).not.toBe(bytes(run.artifacts.find((b) => b.path === 'data/thermal-air-deflection.npy')!.content));
  });

  it('an InvOLS 10 % too large: the calibration reports k/1.21 and the score expects exactly that', () => {
    const bad = runThermalTuneExperiment(config({ media: ['air'], instrument: { sampleCount: 2 ** 17, invOLSError: 0.1 } }), createRng(11));
    const s = bad.scores.find((x) => x.quantity === 'springConstant')!;
    expect(s.pass).toBe(true);
    expect(Math.abs(s.truth - 6 / 1.21)).toBeLessThan(1e-9);
  });

  it('hydrodynamic spectrum model in electrolyte: k within the widened (model-mismatch) tolerance', () => {
    const h = runThermalTuneExperiment(config({ media: ['electrolyte-lp30'], spectrumModel: 'hydrodynamic' }), createRng(5));
    const s = h.scores.find((x) => x.quantity === 'springConstant')!;
    expect(s.pass).toBe(true);
    expect(h.scores.some((x) => x.quantity === 'qualityFactor')).toBe(false);
  });

  it('config checks: a non-power-of-two segment, a sample rate below the resonance, the lateral channel at 2 MHz', () => {
    const c = config();
    expect(checkThermalTuneConfig(c)).toEqual([]);
    const paths = checkThermalTuneConfig({ ...c, lateral: true, analysis: { ...c.analysis, segmentLength: 1000 }, instrument: { ...c.instrument, sampleRate: 2e5 } }).map((p) => p.path);
    expect(paths).toContain('analysis.segmentLength');
    expect(paths).toContain('instrument.sampleRate');
  });
});
