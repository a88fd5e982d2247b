/**
 * The force-map (qnm-sei-map) experiment end to end, in memory: scores pass with their stated
 * tolerances, artifacts are well-formed, same seed ⇒ identical data/ and truth/ bytes, the
 * calibration-error knobs move the scores' truth as derived, and the config checks catch bad input.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../src/sim/rng.js';
import { checkForceMapConfig, FORCE_MAP_FIELDS, runForceMapExperiment, type ForceMapConfig } from '../src/sim/force-curve.js';
import { resolveField, section } from '../src/sim/schema.js';
import { QNM_POPULATIONS, SALEH_2025_FIG_S4, generateQnmSample, logNormalFromMoments } from '../src/sim/qnm-sample.js';
import type { ParamProblem } from '../src/models/params.js';

function config(over: Record<string, unknown> = {}): ForceMapConfig {
  const problems: ParamProblem[] = [];
  const c = resolveField(section('force map', FORCE_MAP_FIELDS), { sample: { pixels: 16 }, instrument: { samplesPerCurve: 600 }, ...over }, '', problems) as ForceMapConfig;
  expect(problems).toEqual([]);
  return c;
}

const bytes = (c: string | Uint8Array): string => (typeof c === 'string' ? c : Buffer.from(c).toString('base64'));

describe('force-map experiment (16 × 16 pixels)', () => {
  const run = runForceMapExperiment(config(), createRng(7));

  it('every score passes its stated tolerance, each with a reason', () => {
    expect(run.scores.length).toBeGreaterThanOrEqual(5);
    for (const s of run.scores) {
      expect(s.pass, `${s.quantity} ${s.where}: ${s.relError} vs ${s.tolerance}`).toBe(true);
      expect(s.toleranceWhy).toBeTruthy();
    }
  });

  it('artifacts sit in the four sections with units and descriptions; maps, histograms, example curves and PSD-free plots present', () => {
    const paths = run.artifacts.map((a) => a.path);
    for (const a of run.artifacts) {
      expect(['data', 'truth', 'results', 'plots']).toContain(a.path.split('/')[0]);
      expect(a.units.length).toBeGreaterThan(0);
      expect(a.description.length).toBeGreaterThan(5);
    }
    for (const p of ['data/force-map-z.npy', 'data/force-map-deflection.npy', 'truth/modulus.gsf', 'truth/adhesion.gsf', 'results/modulus.gsf', 'results/adhesion.gsf', 'plots/force-map-modulus.svg', 'plots/force-map-adhesion.svg', 'plots/force-map-histograms.svg', 'plots/force-map-example-curves.svg', 'results/force-map-fit.json']) {
      expect(paths).toContain(p);
    }
    const report = JSON.parse(run.artifacts.find((a) => a.path === 'results/force-map-fit.json')!.content as string);
    expect(report.reportMarkdown).toMatch(/Tip–sample interaction model: DMT/);
    expect(report.reportMarkdown).toMatch(/Spring constant k: .* thermal-noise/);
    expect(report.reportMarkdown).toMatch(/Tip radius R: .* nominal/);
  });

  it('same seed ⇒ byte-identical data/ and truth/; another seed differs', () => {
    const again = runForceMapExperiment(config(), createRng(7));
    const other = runForceMapExperiment(config(), createRng(8));
    const pick = (r: typeof run): Map<string, string> => new Map(r.artifacts.filter((a) => /^(data|truth)\//.test(a.path)).map((a) => [a.path, bytes(a.content)]));
    const a = pick(run);
    const b = pick(again);
    const c = pick(other);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
    expect(c.get('data/force-map-deflection.npy')).not.toBe(a.get('data/force-map-deflection.npy'));
  });

  it('a spring constant 20 % too high biases adhesion and modulus by +20 %, and the scores expect it', () => {
    const bad = runForceMapExperiment(config({ instrument: { samplesPerCurve: 600, springConstantError: 0.2 } }), createRng(7));
    for (const s of bad.scores.filter((x) => x.quantity === 'adhesionForceMean' || x.quantity === 'sampleModulusMean')) {
      expect(s.pass, `${s.quantity} ${s.where}`).toBe(true);
      const ref = run.scores.find((x) => x.quantity === s.quantity && x.where === s.where)!;
      expect(Math.abs(s.truth / ref.truth - 1.2)).toBeLessThan(1e-9);
    }
  });
});

describe('QNM sample (003 Fig. S4 populations)', () => {
  it('log-normal draws have the paper\'s mean and SD (n = 20000: within 3 standard errors) and are positive', () => {
    const rng = createRng('lognormal');
    for (const pop of QNM_POPULATIONS) {
      const { modulusMean: m, modulusSd: s } = SALEH_2025_FIG_S4[pop];
      const n = 20000;
      let a = 0;
      let a2 = 0;
      for (let i = 0; i < n; i++) {
        const x = logNormalFromMoments(rng, m, s);
        expect(x).toBeGreaterThan(0);
        a += x;
        a2 += x * x;
      }
      const mean = a / n;
      const sd = Math.sqrt(a2 / n - mean * mean);
      expect(Math.abs(mean - m)).toBeLessThan((3 * s) / Math.sqrt(n));
      // SD of the sample SD is larger for a skewed law; 10 % bound at n = 20000
      expect(Math.abs(sd / s - 1)).toBeLessThan(0.1);
    }
  });

  it('the values quoted from 003 are exact: 1.41 ± 0.42 GPa / 19.2 ± 6.2 nN, 0.82 ± 0.70 / 8.3 ± 5.7, 1.71 ± 0.52 / 21.9 ± 6.2', () => {
    expect(SALEH_2025_FIG_S4.pristine).toEqual({ modulusMean: 1.41e9, modulusSd: 0.42e9, adhesionMean: 19.2e-9, adhesionSd: 6.2e-9 });
    expect(SALEH_2025_FIG_S4['thin-layer']).toEqual({ modulusMean: 0.82e9, modulusSd: 0.7e9, adhesionMean: 8.3e-9, adhesionSd: 5.7e-9 });
    expect(SALEH_2025_FIG_S4.deposit).toEqual({ modulusMean: 1.71e9, modulusSd: 0.52e9, adhesionMean: 21.9e-9, adhesionSd: 6.2e-9 });
  });

  it('geometry: all three populations present; thin layer 10–14 nm; W = F_adh/(2πR) for DMT and F_adh/(1.5πR) for JKR', () => {
    const d = generateQnmSample({ pixels: 48 }, 'dmt', createRng('geo'));
    const j = generateQnmSample({ pixels: 48 }, 'jkr', createRng('geo'));
    const counts = [0, 0, 0];
    for (let i = 0; i < d.population.length; i++) counts[d.population[i]]++;
    expect(counts.every((c) => c > 0)).toBe(true);
    for (let i = 0; i < d.population.length; i++) {
      if (d.population[i] === 1) {
        expect(d.seiThickness[i]).toBeGreaterThanOrEqual(10e-9 - 1e-15);
        expect(d.seiThickness[i]).toBeLessThanOrEqual(14e-9 + 1e-15);
      }
      if (d.population[i] === 0) expect(d.map.filmThickness[i]).toBe(Infinity);
      expect(Math.abs(d.map.adhesionWork[i] * 2 * Math.PI * 8e-9 - d.adhesionForceTarget[i])).toBeLessThan(1e-20);
      expect(Math.abs(j.map.adhesionWork[i] * 1.5 * Math.PI * 8e-9 - j.adhesionForceTarget[i])).toBeLessThan(1e-20);
    }
  });
});

describe('config checks (paths as in the YAML)', () => {
  it('flags an inverted fit window, an odd sample count and a ramp too short for a soft lever', () => {
    const c = config();
    const bad = { ...c, analysis: { ...c.analysis, fitRangeLow: 0.9, fitRangeHigh: 0.5 }, instrument: { ...c.instrument, samplesPerCurve: 601 }, probe: { preset: 'luchkin-si-0.6' as const } };
    const paths = checkForceMapConfig(bad).map((p) => p.path);
    expect(paths).toContain('analysis.fitRangeHigh');
    expect(paths).toContain('instrument.samplesPerCurve');
    expect(paths).toContain('instrument.rampSize');
    expect(checkForceMapConfig(c)).toEqual([]);
  });
});
