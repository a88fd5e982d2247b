/**
 * Bad scenarios: each must be rejected as bad input (ScenarioError; exit 2 from the CLI) with a
 * message that names the YAML path, and must leave no output directory behind.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenarioFile } from '../src/sim/runner.js';
import { ScenarioError } from '../src/sim/scenario.js';

const TT = readFileSync('scenarios/thermal-tune.yaml', 'utf8');
const QNM = readFileSync('scenarios/qnm-sei-map.yaml', 'utf8');

interface Case {
  what: string;
  base: string;
  edit: (s: string) => string;
  overrides?: string[];
  /** the YAML path (or part of the message) the error must name */
  names: string | RegExp;
}

const sub = (from: string, to: string) => (s: string) => {
  if (!s.includes(from)) throw new Error(`fixture does not contain '${from}'`);
  return s.replace(from, to);
};

const CASES: Case[] = [
  { what: 'negative length', base: TT, edit: sub('  custom: false', '  custom: true\n  cantilever:\n    length: -5 um'), names: 'probe.cantilever.length' },
  { what: 'wrong dimension', base: TT, edit: sub('sampleRate: 2 MHz', 'sampleRate: 2 mV/s'), names: /instrument\.sampleRate.*wrong dimension/ },
  { what: 'unknown key with hint', base: TT, edit: sub('sampleRate: 2 MHz', 'sampleRat: 2 MHz'), names: /instrument\.sampleRat.*did you mean 'sampleRate'/ },
  { what: 'NaN', base: TT, edit: sub('temperature: 25 degC', 'temperature: .nan'), names: /instrument\.temperature.*not a finite number/ },
  { what: 'infinity', base: TT, edit: sub('invOLS: 50 nm/V', 'invOLS: inf nm/V'), names: /instrument\.invOLS.*not a finite number/ },
  { what: 'Poisson ratio above 0.5', base: QNM, edit: sub('poissonRatio: 0.3', 'poissonRatio: 0.7'), names: /analysis\.poissonRatio.*out of range/ },
  { what: 'Poisson ratio at −1', base: QNM, edit: sub('poissonRatio: 0.3', 'poissonRatio: -1'), names: /analysis\.poissonRatio.*out of range/ },
  { what: 'missing unit', base: QNM, edit: sub('scanSize: 3 um', 'scanSize: 3'), names: /sample\.scanSize.*missing unit/ },
  { what: 'enum typo with hint', base: TT, edit: sub('media: [air, electrolyte-lp30]', 'media: [air, vacum]'), names: /media\[1\].*did you mean 'vacuum'/ },
  { what: 'unsupported schema', base: TT, edit: sub('schema: seisim/scenario@1', 'schema: seisim/scenario@2'), names: /schema.*unsupported/ },
  { what: 'unknown experiment with hint', base: TT, edit: sub('experiment: thermal-tune', 'experiment: thermal-tunes'), names: /experiment.*did you mean 'thermal-tune'/ },
  { what: 'missing name', base: TT, edit: sub('name: thermal-tune\n', ''), names: /name.*required/ },
  { what: 'custom YAML tag', base: TT, edit: sub('seed: 42', 'seed: !!python/object 42'), names: /tag/ },
  { what: 'alias bomb', base: TT, edit: (s) => `${s}x0: &a [1,1,1,1,1,1,1,1,1,1]\nx1: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nx2: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n`, names: /alias/ },
  { what: 'duplicate key', base: TT, edit: (s) => `${s}seed: 7\n`, names: /YAML/ },
  { what: 'non-integer count', base: TT, edit: sub('sampleCount: 1048576', 'sampleCount: 2000.5'), names: /instrument\.sampleCount.*not an integer/ },
  { what: 'too many list items', base: TT, edit: sub('media: [air, electrolyte-lp30]', 'media: [air, air, air, air, air]'), names: /media.*5 items/ },
  { what: 'wrong type', base: TT, edit: sub('lateral: false', 'lateral: "yes"'), names: /lateral.*not a boolean/ },
  { what: 'bad --set override', base: TT, edit: (s) => s, overrides: ['instrument.temperature=-300 degC'], names: /instrument\.temperature.*out of range/ },
  { what: 'unknown top-level section', base: TT, edit: sub('analysis:', 'analysys:'), names: /analysys.*did you mean 'analysis'/ },
  { what: 'not a mapping', base: TT, edit: () => '- a\n- b\n', names: /mapping/ },
  { what: 'cross-field check: ramp too short for a soft lever', base: QNM, edit: sub('preset: saleh-rtespaw-150', 'preset: luchkin-si-0.6'), names: /instrument\.rampSize|rampSize/ },
  { what: 'invalid seed', base: TT, edit: sub('seed: 42', 'seed: -3'), names: /seed.*not a valid seed/ },
];

describe('bad scenarios are rejected with a located message and nothing written (table of 23)', () => {
  it.each(CASES)('$what', async (c) => {
    const dir = mkdtempSync(join(tmpdir(), 'seisim-bad-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, c.edit(c.base));
    const err = await runScenarioFile({ scenarioPath: file, out: join(dir, 'out'), overrides: c.overrides }).catch((e) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    if (typeof c.names === 'string') expect(err.message).toContain(c.names);
    else expect(err.message).toMatch(c.names);
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });
});

describe('CLI exit codes', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8' });

  it('validate: 0 for the shipped scenarios', () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios', f));
    const r = cli(['validate', ...files]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('run: 2 for bad input, every problem printed, no directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seisim-bad-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, TT.replace('sampleRate: 2 MHz', 'sampleRate: 2 mV/s').replace('temperature: 25 degC', 'temperature: .nan'));
    const r = cli(['run', file, '--out', join(dir, 'out'), '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+: instrument\.sampleRate = "2 mV\/s": wrong dimension/);
    expect(r.stderr).toMatch(/instrument\.temperature/);
    expect(r.stderr).toMatch(/2 problems; nothing was written/);
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });

  it('unknown command and unknown option: 2', () => {
    expect(cli(['frobnicate']).status).toBe(2);
    expect(cli(['list', '--bogus']).status).toBe(2);
  });

  it('schema prints JSON Schema', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'schema'], { encoding: 'utf8' });
    const js = JSON.parse(out);
    expect(js.oneOf.map((v: { title: string }) => v.title)).toEqual(expect.arrayContaining(['thermal-tune', 'force-map']));
  });
});
