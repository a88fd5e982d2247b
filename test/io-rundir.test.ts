import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { absoluteScore, relativeScore, type Artifact } from '../src/io/artifact.js';
import { readCsv, toCsv } from '../src/io/csv.js';
import { csvArtifact, gsfArtifact, jsonArtifact, npyArtifact, svgArtifact } from '../src/io/artifacts.js';
import { decodeGsf } from '../src/io/gsf.js';
import { decodeNpy } from '../src/io/npy.js';
import { encodeNpy } from '../src/io/npy.js';
import {
  decodeScores,
  encodeScores,
  pendingRunWrites,
  readManifest,
  readScores,
  RunDirectoryError,
  verifyRunDirectory,
  writeRunDirectory,
  type ManifestBase,
  type RunOutput,
} from '../src/io/rundir.js';

const root = mkdtempSync(join(tmpdir(), 'seisim-rundir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const fresh = (): string => {
  const d = join(root, `case-${counter++}`);
  mkdirSync(d);
  return d;
};

const base: ManifestBase = {
  seisimVersion: '0.1.0',
  scenarioName: 'hc-nrm',
  scenario: { schema: 'seisim/scenario@1', probe: { tipRadius: 2e-8, springConstant: 0.6 } },
  seed: '42',
  commandLine: ['seisim', 'run', 'scenarios/hc-nrm.yaml', '--seed', '42'],
  startTime: '2026-01-01T00:00:00.000Z',
  endTime: '2026-01-01T00:00:01.500Z',
};

const artifacts: Artifact[] = [
  {
    path: 'data/curve-000.csv',
    kind: 'csv',
    units: 'columns: z_piezo (m), deflection (V)',
    description: 'one force curve, approach',
    content: toCsv([
      { name: 'z_piezo', unit: 'm', values: [0, 1e-9] },
      { name: 'deflection', unit: 'V', values: [0.01, 0.02] },
    ]),
  },
  { path: 'truth/height.npy', kind: 'npy', units: 'm', description: 'true surface heights', content: encodeNpy({ data: new Float64Array([1e-7, 2e-7]) }) },
  { path: 'plots/cv.svg', kind: 'svg', units: '', description: 'cyclic voltammogram', content: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
];

const scores = [
  relativeScore('storageModulus', 'window 0.5-1.0 V, depth 0-5 nm', 'Pa', 2.1e7, 1.9e7, 0.2, 'noise'),
  absoluteScore('contactPoint', 'all curves', 'm', 0, 1e-10, 5e-10),
  relativeScore('lossModulus', 'window 0.005-0.5 V', 'Pa', 1e6, NaN, 0.3),
];

const run: RunOutput = { manifestBase: base, artifacts, scores, summary: { curves: 1, passed: 2 } };

const leftovers = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('.seisim-'));
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('writeRunDirectory', () => {
  it('writes sections, artifacts, scores.json and a manifest whose sha256s match the bytes', async () => {
    const parent = fresh();
    const out = join(parent, 'run');
    const m = await writeRunDirectory(out, run);
    for (const s of ['data', 'truth', 'results', 'plots']) expect(existsSync(join(out, s))).toBe(true);
    expect(leftovers(parent)).toEqual([]);
    const onDisk = await readManifest(out);
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(m)));
    expect(onDisk.files.map((f) => f.path)).toEqual(['data/curve-000.csv', 'plots/cv.svg', 'results/scores.json', 'truth/height.npy']);
    for (const f of onDisk.files) {
      const bytes = readFileSync(join(out, f.path));
      expect(f.sha256).toBe(sha(bytes));
      expect(f.bytes).toBe(bytes.length);
    }
    const manifestKeys = Object.keys(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as object);
    expect(manifestKeys).toEqual(['schema', 'seisimVersion', 'scenarioName', 'seed', 'commandLine', 'startTime', 'endTime', 'scenario', 'files', 'summary']);
    expect(await verifyRunDirectory(out)).toEqual({ ok: true, verified: 4, problems: [] });
    expect(pendingRunWrites()).toBe(0);
  });

  it('writes scores.json exactly in the DESIGN.md format, NaN as null, and reads it back', async () => {
    const out = join(fresh(), 'run');
    await writeRunDirectory(out, run);
    const text = readFileSync(join(out, 'results/scores.json'), 'utf8');
    const parsed = JSON.parse(text) as { scenario: string; seed: string; scores: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['scenario', 'seed', 'scores']);
    expect(parsed.scenario).toBe('hc-nrm');
    expect(parsed.seed).toBe('42');
    expect(Object.keys(parsed.scores[0])).toEqual(['quantity', 'where', 'unit', 'truth', 'estimate', 'relError', 'errorKind', 'tolerance', 'toleranceWhy', 'pass']);
    expect(parsed.scores[0]).toMatchObject({ quantity: 'storageModulus', unit: 'Pa', truth: 2.1e7, estimate: 1.9e7, tolerance: 0.2, pass: true });
    expect(parsed.scores[2].estimate).toBeNull();
    const back = await readScores(out);
    expect(Number.isNaN(back.scores[2].estimate)).toBe(true);
    expect(back.scores[2].pass).toBe(false);
    expect(encodeScores(back)).toBe(text);
    expect(decodeScores(text).scores[1].errorKind).toBe('absolute');
  });

  it('is deterministic: same input ⇒ identical bytes in every file', async () => {
    const a = join(fresh(), 'run');
    const b = join(fresh(), 'run');
    await writeRunDirectory(a, run);
    await writeRunDirectory(b, { ...run, artifacts: [...artifacts].reverse() });
    for (const f of ['manifest.json', 'results/scores.json', 'data/curve-000.csv', 'truth/height.npy']) {
      expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f)))).toBe(true);
    }
  });

  it('refuses an existing directory unless overwrite, and then replaces it completely', async () => {
    const parent = fresh();
    const out = join(parent, 'run');
    await writeRunDirectory(out, run);
    writeFileSync(join(out, 'data', 'stale.csv'), 'x (m)\n1\n');
    await expect(writeRunDirectory(out, run)).rejects.toThrow(/already exists/);
    const err = await writeRunDirectory(out, run).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunDirectoryError);
    expect((err as RunDirectoryError).reason).toBe('exists');
    expect(existsSync(join(out, 'data', 'stale.csv'))).toBe(true); // untouched

    await writeRunDirectory(out, { ...run, scores: [] }, { overwrite: true });
    expect(existsSync(join(out, 'data', 'stale.csv'))).toBe(false);
    expect((await readScores(out)).scores).toEqual([]);
    expect(leftovers(parent)).toEqual([]);
    expect((await verifyRunDirectory(out)).ok).toBe(true);
  });

  it('never overwrites a directory that is not a seisim run', async () => {
    const parent = fresh();
    const out = join(parent, 'precious');
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.tex'), 'do not delete');
    await expect(writeRunDirectory(out, run, { overwrite: true })).rejects.toThrow(/not a seisim run/);
    expect(readFileSync(join(out, 'thesis.tex'), 'utf8')).toBe('do not delete');
    expect(leftovers(parent)).toEqual([]);
    // an empty directory may be filled
    const empty = join(parent, 'empty');
    mkdirSync(empty);
    await writeRunDirectory(empty, run, { overwrite: true });
    expect((await verifyRunDirectory(empty)).ok).toBe(true);
  });

  it('rejects bad artifacts before writing anything, listing every problem', async () => {
    const parent = fresh();
    const out = join(parent, 'sub', 'run');
    const bad: Artifact[] = [
      { path: '../x.csv', kind: 'csv', units: 'm', description: 'escape', content: 'a' },
      { path: 'secret/x.csv', kind: 'csv', units: 'm', description: 'unknown section', content: 'a' },
      { path: 'data/x.npy', kind: 'csv', units: 'm', description: 'wrong extension', content: 'a' },
      { path: '/abs/data.csv', kind: 'csv', units: 'm', description: 'absolute', content: 'a' },
      { path: 'data/a.csv', kind: 'csv', units: 'm', description: 'dup 1', content: 'a' },
      { path: 'data/A.csv', kind: 'csv', units: 'm', description: 'dup 2 (case)', content: 'a' },
      { path: 'data/b.npy', kind: 'npy', units: 'm', description: 'binary as text', content: 'a' },
      { path: 'results/scores.json', kind: 'json', units: '', description: 'reserved', content: '{}' },
      { path: 'plots/.hidden.svg', kind: 'svg', units: '', description: 'hidden', content: '' },
      { path: 'data/c.csv', kind: 'csv', units: 'm', description: '', content: 'a' },
    ];
    const err = await writeRunDirectory(out, { ...run, artifacts: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunDirectoryError);
    const msg = (err as Error).message;
    expect((err as RunDirectoryError).reason).toBe('invalid');
    expect(msg).toMatch(/"\.\.\/x\.csv"/);
    expect(msg).toMatch(/unknown section "secret"/);
    expect(msg).toMatch(/must end in \.csv/);
    expect(msg).toMatch(/must be relative/);
    expect(msg).toMatch(/duplicates artifacts\[4\]/);
    expect(msg).toMatch(/content must be a Uint8Array/);
    expect(msg).toMatch(/reserved/);
    expect(msg).toMatch(/"\.hidden\.svg"/);
    expect(msg).toMatch(/description must be a non-empty/);
    expect(existsSync(join(parent, 'sub'))).toBe(false); // not even the parent was created
    expect(readdirSync(parent)).toEqual([]);
  });

  it('rejects bad metadata (seed type, timestamps) with the field named', async () => {
    const out = join(fresh(), 'run');
    const badBase = { ...base, seed: 42 as unknown as string, startTime: 'yesterday' };
    await expect(writeRunDirectory(out, { ...run, manifestBase: badBase })).rejects.toThrow(/seed 42 must be a non-empty string[\s\S]*startTime "yesterday"/);
    expect(existsSync(out)).toBe(false);
  });

  it('removes the temporary directory (and parents it created) when a later step fails', async () => {
    const parent = fresh();
    const out = join(parent, 'deep', 'run');
    // a bigint in the scenario passes validation but cannot be serialised: the failure comes after the artifacts are on disk
    const failing = { ...run, manifestBase: { ...base, scenario: { n: 1n } } };
    await expect(writeRunDirectory(out, failing)).rejects.toThrow(/\$\.scenario\.n is a bigint/);
    expect(readdirSync(parent)).toEqual([]);
    expect(pendingRunWrites()).toBe(0);
  });

  it('keeps the old run when the replacement fails', async () => {
    const parent = fresh();
    const out = join(parent, 'run');
    await writeRunDirectory(out, run);
    const before = readFileSync(join(out, 'manifest.json'));
    await expect(writeRunDirectory(out, { ...run, manifestBase: { ...base, scenario: { n: 1n } } }, { overwrite: true })).rejects.toThrow(/bigint/);
    expect(readFileSync(join(out, 'manifest.json')).equals(before)).toBe(true);
    expect(leftovers(parent)).toEqual([]);
  });
});

describe('artifact builders', () => {
  it('give each format its kind and units text, and the files read back', async () => {
    const out = join(fresh(), 'run');
    const built = [
      csvArtifact('data/cv.csv', 'cyclic voltammogram', [
        { name: 'potential', unit: 'V', values: [2, 1.5] },
        { name: 'current', unit: 'A', values: [-1e-7, -2e-6] },
      ]),
      npyArtifact('data/deflection.npy', 'normal deflection per curve', 'V; axes: (curve, sample)', { data: new Float32Array([0.1, 0.2, 0.3, 0.4]), shape: [2, 2] }),
      gsfArtifact('truth/height.gsf', 'true surface height', { data: [0, 1e-9, 2e-9, 3e-9], xRes: 2, yRes: 2, xReal: 2e-7, yReal: 2e-7, zUnits: 'm', title: 'Height (truth)' }),
      svgArtifact('plots/cv.svg', 'CV with windows', '<svg xmlns="http://www.w3.org/2000/svg"/>'),
      jsonArtifact('results/profile.json', 'mean ± CI profile', 'Pa', { mean: [1, NaN] }),
    ];
    expect(built.map((a) => [a.kind, a.units])).toEqual([
      ['csv', 'columns: potential (V), current (A)'],
      ['npy', 'V; axes: (curve, sample)'],
      ['gsf', 'z: m; x, y: m'],
      ['svg', 'see axis labels'],
      ['json', 'Pa'],
    ]);
    await writeRunDirectory(out, { ...run, artifacts: built });
    expect((await verifyRunDirectory(out)).ok).toBe(true);
    expect(readCsv(readFileSync(join(out, 'data/cv.csv'), 'utf8')).columns.map((c) => c.unit)).toEqual(['V', 'A']);
    expect(decodeNpy(readFileSync(join(out, 'data/deflection.npy'))).shape).toEqual([2, 2]);
    expect(decodeGsf(readFileSync(join(out, 'truth/height.gsf'))).title).toBe('Height (truth)');
    expect(readFileSync(join(out, 'results/profile.json'), 'utf8')).toBe('{\n  "mean": [\n    1,\n    null\n  ]\n}\n');
  });
});

describe('verifyRunDirectory', () => {
  it('reports altered, missing and unlisted files', async () => {
    const out = join(fresh(), 'run');
    await writeRunDirectory(out, run);
    writeFileSync(join(out, 'data', 'curve-000.csv'), 'z_piezo (m),deflection (V)\n0,0.01\n1e-9,0.03\n'); // same length, different byte
    rmSync(join(out, 'plots', 'cv.svg'));
    writeFileSync(join(out, 'truth', 'extra.csv'), 'a (m)\n1\n');
    const v = await verifyRunDirectory(out);
    expect(v.ok).toBe(false);
    expect(v.verified).toBe(2);
    expect(v.problems).toEqual([
      'data/curve-000.csv: sha256 differs from the manifest',
      'plots/cv.svg: missing',
      'truth/extra.csv: not listed in the manifest',
    ]);
  });
});

describe('interruption', () => {
  // A child process starts a large write and sends itself SIGINT while the write is in progress;
  // the signal handler must remove the temporary directory and the process must die of SIGINT.
  it('SIGINT during a write leaves no partial directory and kills the process with SIGINT', () => {
    const parent = fresh();
    const script = join(parent, '..', `child-${counter++}.mts`);
    const mod = resolve('src/io/rundir.js');
    writeFileSync(
      script,
      `import { writeRunDirectory } from ${JSON.stringify(mod)};
const artifacts = Array.from({ length: 400 }, (_, i) => ({ path: 'data/f' + i + '.csv', kind: 'csv', units: 'm', description: 'f', content: 'x (m)\\n' + i + '\\n' }));
let n = 0;
const poll = setInterval(() => { if (++n === 3) process.kill(process.pid, 'SIGINT'); }, 0);
await writeRunDirectory(process.argv[2], { manifestBase: ${JSON.stringify(base)}, artifacts, scores: [] });
clearInterval(poll);
console.log('completed');
`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, join(parent, 'run')], { encoding: 'utf8', cwd: resolve('.') });
    expect(r.stderr).toBe('');
    expect(r.signal).toBe('SIGINT');
    expect(r.stdout).not.toContain('completed');
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('scores.json keeps the score group', () => {
  it('encodes and decodes group; omits it when absent; rejects an unknown group', async () => {
    const { encodeScores, decodeScores } = await import('../src/io/rundir.js');
    const a = { ...relativeScore('E', 'w', 'Pa', 1, 1.5, 0.1), group: 'bias' as const };
    const b = relativeScore('E', 'w', 'Pa', 1, 1.01, 0.1);
    const text = encodeScores({ scenario: 's', seed: '1', scores: [a, b] });
    const back = decodeScores(text);
    expect(back.scores[0].group).toBe('bias');
    expect(back.scores[1].group).toBeUndefined();
    expect(text).not.toMatch(/"group":null/);
    expect(() => decodeScores(text.replace('"bias"', '"nonsense"'))).toThrow(/group/);
  });
});
