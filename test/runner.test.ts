import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenarioFile, RunFailure } from '../src/sim/runner.js';
import { ScenarioError } from '../src/sim/scenario.js';
import { defineExperiment, type ExperimentId } from '../src/sim/experiment.js';
import { fieldsOf } from '../src/sim/schema.js';
import { toCsv } from '../src/io/csv.js';

/** A toy experiment: draws noise from a named fork, writes data and truth. */
const NOISE = defineExperiment({
  id: 'thermal-tune' as ExperimentId,
  title: 'noise',
  doc: 'toy',
  fields: { signal: { kind: 'object', doc: 'signal', fields: fieldsOf({ sigma: { unit: 'V', min: 0, exclusiveMin: true, default: 1e-3, doc: 'noise σ' }, n: { unit: '1', min: 1, integer: true, default: 64, doc: 'samples' } }) } },
  run: (cfg: any, ctx) => {
    if (cfg.signal.sigma > 1) throw new Error('numerical failure: sigma too large\nstack…');
    const rng = ctx.rng.fork('detector');
    const v = Float64Array.from({ length: cfg.signal.n }, () => cfg.signal.sigma * rng.normal());
    ctx.progress(1, 'done');
    return {
      artifacts: [
        { path: 'data/noise.csv', kind: 'csv', units: 'V', description: 'noise', content: toCsv([{ name: 'v', unit: 'V', values: v }]) },
        { path: 'truth/sigma.csv', kind: 'csv', units: 'V', description: 'σ', content: toCsv([{ name: 'sigma', unit: 'V', values: Float64Array.of(cfg.signal.sigma) }]) },
      ],
      scores: [],
      summary: { n: cfg.signal.n },
    };
  },
});
const REG = { 'thermal-tune': NOISE };

function scenarioFile(dir: string, extra = ''): string {
  const p = join(dir, 's.yaml');
  writeFileSync(p, `schema: seisim/scenario@1\nname: toy\nseed: 7\nexperiment: thermal-tune\n${extra}`);
  return p;
}

const sectionBytes = (dir: string) =>
  ['data', 'truth'].flatMap((s) => readdirSync(join(dir, s)).sort().map((f) => readFileSync(join(dir, s, f)).toString('base64')));

describe('runner', () => {
  it('same scenario + seed ⇒ byte-identical data/ and truth/; another seed differs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seisim-runner-'));
    const file = scenarioFile(dir);
    const a = await runScenarioFile({ scenarioPath: file, out: join(dir, 'a'), experiments: REG });
    const b = await runScenarioFile({ scenarioPath: file, out: join(dir, 'b'), experiments: REG });
    const c = await runScenarioFile({ scenarioPath: file, out: join(dir, 'c'), seed: '8', experiments: REG });
    expect(sectionBytes(a.outDir)).toEqual(sectionBytes(b.outDir));
    expect(sectionBytes(a.outDir)).not.toEqual(sectionBytes(c.outDir));
    const manifest = JSON.parse(readFileSync(join(a.outDir, 'manifest.json'), 'utf8'));
    expect(manifest.seed).toBe('7');
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['data/noise.csv', 'results/scores.json', 'truth/sigma.csv']));
  });

  it('bad input throws ScenarioError and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seisim-runner-'));
    const file = scenarioFile(dir, 'signal:\n  sigma: -1 V\n');
    await expect(runScenarioFile({ scenarioPath: file, out: join(dir, 'out'), experiments: REG })).rejects.toBeInstanceOf(ScenarioError);
    expect(readdirSync(dir)).toEqual(['s.yaml']);
  });

  it('a runtime failure is a one-line RunFailure and leaves no directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seisim-runner-'));
    const file = scenarioFile(dir, 'signal:\n  sigma: 2 V\n');
    const err = await runScenarioFile({ scenarioPath: file, out: join(dir, 'out'), experiments: REG }).catch((e) => e);
    expect(err).toBeInstanceOf(RunFailure);
    expect(err.message).toBe('toy: numerical failure: sigma too large');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['s.yaml']);
  });

  it('refuses to overwrite an existing run unless asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seisim-runner-'));
    const file = scenarioFile(dir);
    await runScenarioFile({ scenarioPath: file, out: join(dir, 'a'), experiments: REG });
    await expect(runScenarioFile({ scenarioPath: file, out: join(dir, 'a'), experiments: REG })).rejects.toBeInstanceOf(ScenarioError);
    await expect(runScenarioFile({ scenarioPath: file, out: join(dir, 'a'), overwrite: true, experiments: REG })).resolves.toBeTruthy();
  });
});
