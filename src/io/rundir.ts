/**
 * The run directory (DESIGN.md, "Run directory" — the contract shared by CLI, tests and users'
 * pipelines), written atomically:
 *
 * ```
 * <out>/manifest.json        version, scenario (resolved, SI), seed, command line, start/end time,
 *                            per-file list {path, kind, units, description, sha256, bytes}, summary
 * <out>/data/ truth/ results/ plots/   the artifacts; results/scores.json is always written
 * ```
 *
 * Atomicity: everything is written into a sibling `<parent>/.seisim-tmp-<basename>-<uuid>`, which is
 * renamed to `<out>` only when complete (rename(2) is atomic within one file system). On any error,
 * and on SIGINT/SIGTERM (or `process.exit`) during the write, the temporary directory is removed, so
 * no partial run directory is ever visible under `<out>`. (Atomic against interruption of the
 * process; files are not fsync'ed, so a power failure may still lose the last run.)
 *
 * Determinism: artifacts are listed in the manifest sorted by path; JSON is written by
 * {@link stableJson} with keys in the fixed order of the interfaces below. Only `startTime` and
 * `endTime` (given by the caller) carry wall-clock information.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Artifact, ArtifactKind, RunSection, Score } from './artifact.js';
import { jsonNumber, stableJson } from './json.js';

/** Schema tag written into every manifest. */
export const MANIFEST_SCHEMA = 'seisim/manifest@1';

/** The four sections of a run directory, in the order of DESIGN.md. */
export const RUN_SECTIONS: readonly RunSection[] = ['data', 'truth', 'results', 'plots'];

/** Path of the scores file inside a run directory (DESIGN.md). */
export const SCORES_PATH = 'results/scores.json';

const ARTIFACT_KINDS: readonly ArtifactKind[] = ['csv', 'npy', 'gsf', 'svg', 'json'];

/** What the caller knows about the run; the writer adds the file list. */
export interface ManifestBase {
  /** seisim package version, e.g. `'0.1.0'`. */
  readonly seisimVersion: string;
  /** Scenario name as used in scores.json, e.g. `'hc-nrm'`. */
  readonly scenarioName: string;
  /** The fully resolved scenario, SI units (any JSON-serialisable object). */
  readonly scenario: unknown;
  /** Root seed of the run (a string, DESIGN.md). */
  readonly seed: string;
  /** argv of the command, e.g. `['seisim', 'run', 'scenarios/hc-nrm.yaml', '--seed', '42']`. */
  readonly commandLine: readonly string[];
  /** ISO 8601 start time (the caller reads the clock; src/ never does). */
  readonly startTime: string;
  /** ISO 8601 end time. */
  readonly endTime: string;
}

/** One file of the run directory as listed in the manifest. */
export interface ManifestFile {
  readonly path: string;
  readonly kind: ArtifactKind;
  readonly units: string;
  readonly description: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  readonly sha256: string;
  /** File size in bytes. */
  readonly bytes: number;
}

/** Content of `manifest.json`. */
export interface RunManifest extends ManifestBase {
  readonly schema: typeof MANIFEST_SCHEMA;
  readonly files: readonly ManifestFile[];
  /** Summary of results (JSON-serialisable; `null` when none was given). */
  readonly summary: unknown;
}

/** Content of `results/scores.json` (DESIGN.md). */
export interface ScoresFile {
  readonly scenario: string;
  readonly seed: string;
  readonly scores: readonly Score[];
}

/** Everything one run writes. */
export interface RunOutput {
  readonly manifestBase: ManifestBase;
  readonly artifacts: readonly Artifact[];
  readonly scores: readonly Score[];
  readonly summary?: unknown;
}

/** Options of {@link writeRunDirectory}. */
export interface WriteRunOptions {
  /**
   * Replace an existing `outDir`. Only a directory that is empty or holds a `manifest.json` (i.e.
   * looks like a seisim run) is replaced; anything else is refused even with `overwrite`.
   */
  readonly overwrite?: boolean;
}

/** Why a run directory could not be written or read; `reason` lets the CLI choose an exit code. */
export class RunDirectoryError extends Error {
  constructor(
    message: string,
    /** `'invalid'`: bad artifacts or metadata; `'exists'`: refused to replace; `'io'`: file system. */
    readonly reason: 'invalid' | 'exists' | 'io',
  ) {
    super(message);
    this.name = 'RunDirectoryError';
  }
}

const WRITE_CONCURRENCY = 8;
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Problems with one artifact path (empty when valid): relative POSIX path `section/…/name.kind`,
 * section one of data|truth|results|plots, segments `[A-Za-z0-9][A-Za-z0-9._-]*` (so no `..`,
 * `.`, hidden files, spaces or backslashes), extension equal to the kind.
 */
export function artifactPathProblems(path: unknown, kind: unknown): string[] {
  if (typeof path !== 'string' || path === '') return [`path ${JSON.stringify(path)} must be a non-empty string`];
  const problems: string[] = [];
  const segs = path.split('/');
  if (path.startsWith('/')) problems.push(`path ${JSON.stringify(path)} must be relative`);
  else if (segs.length < 2) problems.push(`path ${JSON.stringify(path)} must be inside a section (${RUN_SECTIONS.join(', ')})`);
  else if (!(RUN_SECTIONS as readonly string[]).includes(segs[0])) {
    problems.push(`path ${JSON.stringify(path)}: unknown section ${JSON.stringify(segs[0])}, expected one of ${RUN_SECTIONS.join(', ')}`);
  }
  for (const s of segs) {
    if (!SEGMENT.test(s) || Buffer.byteLength(s) > 255) {
      problems.push(`path ${JSON.stringify(path)}: segment ${JSON.stringify(s)} is not a plain file name ([A-Za-z0-9][A-Za-z0-9._-]*)`);
      break;
    }
  }
  if (!ARTIFACT_KINDS.includes(kind as ArtifactKind)) {
    problems.push(`kind ${JSON.stringify(kind)} of ${JSON.stringify(path)} is not one of ${ARTIFACT_KINDS.join(', ')}`);
  } else if (!path.endsWith(`.${kind as string}`)) {
    problems.push(`path ${JSON.stringify(path)} must end in .${kind as string} for kind ${kind as string}`);
  }
  if (path === SCORES_PATH) problems.push(`path ${SCORES_PATH} is reserved: pass scores, not an artifact`);
  return problems;
}

function validateRun(run: RunOutput): string[] {
  const problems: string[] = [];
  const b = run.manifestBase as Partial<ManifestBase> | undefined;
  if (b === undefined || b === null || typeof b !== 'object') return ['manifestBase is missing'];
  if (typeof b.seisimVersion !== 'string' || b.seisimVersion === '') problems.push('manifestBase.seisimVersion must be a non-empty string');
  if (typeof b.scenarioName !== 'string' || b.scenarioName === '') problems.push('manifestBase.scenarioName must be a non-empty string');
  if (typeof b.seed !== 'string' || b.seed === '') problems.push(`manifestBase.seed ${JSON.stringify(b.seed)} must be a non-empty string`);
  if (!Array.isArray(b.commandLine) || !b.commandLine.every((a) => typeof a === 'string')) problems.push('manifestBase.commandLine must be an array of strings');
  for (const k of ['startTime', 'endTime'] as const) {
    const t = b[k];
    if (typeof t !== 'string' || !ISO_TIME.test(t)) problems.push(`manifestBase.${k} ${JSON.stringify(t)} must be an ISO 8601 date-time (e.g. new Date().toISOString())`);
  }
  if (!Array.isArray(run.artifacts)) return [...problems, 'artifacts must be an array'];
  const seen = new Map<string, number>();
  run.artifacts.forEach((a, i) => {
    const where = `artifacts[${i}]`;
    if (a === null || typeof a !== 'object') {
      problems.push(`${where} is not an object`);
      return;
    }
    for (const p of artifactPathProblems(a.path, a.kind)) problems.push(`${where}: ${p}`);
    if (typeof a.units !== 'string' || /[\n\r]/.test(a.units)) problems.push(`${where} (${String(a.path)}): units must be a one-line string`);
    if (typeof a.description !== 'string' || a.description.trim() === '' || /[\n\r]/.test(a.description)) {
      problems.push(`${where} (${String(a.path)}): description must be a non-empty one-line string`);
    }
    const binary = a.kind === 'npy' || a.kind === 'gsf';
    if (!(a.content instanceof Uint8Array) && !(typeof a.content === 'string' && !binary)) {
      problems.push(`${where} (${String(a.path)}): content must be ${binary ? 'a Uint8Array' : 'a string or Uint8Array'}`);
    }
    if (typeof a.path === 'string') {
      const key = a.path.toLowerCase(); // also catches collisions on case-insensitive file systems
      const prev = seen.get(key);
      if (prev !== undefined) problems.push(`${where}: path ${JSON.stringify(a.path)} duplicates artifacts[${prev}] (case-insensitively)`);
      else seen.set(key, i);
    }
  });
  const paths = [...seen.keys()];
  for (const p of paths) {
    for (const q of paths) if (q.startsWith(`${p}/`)) problems.push(`path ${JSON.stringify(p)} is a file but also the folder of ${JSON.stringify(q)}`);
  }
  if (!Array.isArray(run.scores)) problems.push('scores must be an array');
  else {
    run.scores.forEach((s, i) => {
      const where = `scores[${i}]`;
      for (const k of ['quantity', 'where', 'unit'] as const) if (typeof s?.[k] !== 'string') problems.push(`${where}.${k} must be a string`);
      for (const k of ['truth', 'estimate', 'relError', 'tolerance'] as const) if (typeof s?.[k] !== 'number') problems.push(`${where}.${k} must be a number`);
      if (typeof s?.pass !== 'boolean') problems.push(`${where}.pass must be a boolean`);
    });
  }
  return problems;
}

/** A score with keys in the fixed order of DESIGN.md (`undefined` optional fields are omitted). */
function orderedScore(s: Score): Score {
  return {
    quantity: s.quantity,
    where: s.where,
    unit: s.unit,
    truth: s.truth,
    estimate: s.estimate,
    relError: s.relError,
    errorKind: s.errorKind,
    tolerance: s.tolerance,
    toleranceWhy: s.toleranceWhy,
    pass: s.pass,
    group: s.group,
  };
}

/**
 * The exact text of `results/scores.json`: `{ scenario, seed, scores: [...] }` (DESIGN.md), keys in
 * fixed order; non-finite numbers as `null`.
 */
export function encodeScores(file: ScoresFile): string {
  return stableJson({ scenario: file.scenario, seed: file.seed, scores: file.scores.map(orderedScore) });
}

/** Parse `scores.json` text; `null` numbers become NaN. */
export function decodeScores(text: string): ScoresFile {
  const o = JSON.parse(text) as { scenario?: unknown; seed?: unknown; scores?: unknown };
  if (typeof o.scenario !== 'string' || typeof o.seed !== 'string' || !Array.isArray(o.scores)) {
    throw new Error('scores.json: expected { scenario: string, seed: string, scores: [...] }');
  }
  const scores = o.scores.map((s: Record<string, unknown>, i: number): Score => {
    const p = `scores[${i}]`;
    const str = (k: string): string => {
      if (typeof s[k] !== 'string') throw new Error(`scores.json: ${p}.${k} must be a string`);
      return s[k] as string;
    };
    if (typeof s.pass !== 'boolean') throw new Error(`scores.json: ${p}.pass must be a boolean`);
    const errorKind = s.errorKind;
    if (errorKind !== undefined && errorKind !== 'relative' && errorKind !== 'absolute') {
      throw new Error(`scores.json: ${p}.errorKind ${JSON.stringify(errorKind)} must be 'relative' or 'absolute'`);
    }
    return orderedScore({
      quantity: str('quantity'),
      where: str('where'),
      unit: str('unit'),
      truth: jsonNumber(s.truth, `${p}.truth`),
      estimate: jsonNumber(s.estimate, `${p}.estimate`),
      relError: jsonNumber(s.relError, `${p}.relError`),
      errorKind,
      tolerance: jsonNumber(s.tolerance, `${p}.tolerance`),
      toleranceWhy: s.toleranceWhy === undefined ? undefined : str('toleranceWhy'),
      pass: s.pass,
      group: s.group === undefined ? undefined : scoreGroup(s.group, p),
    });
  });
  return { scenario: o.scenario, seed: o.seed, scores };
}

function scoreGroup(g: unknown, p: string): Score['group'] {
  if (g === 'recovery' || g === 'verification' || g === 'bias' || g === 'paper') return g;
  throw new Error(`scores.json: ${p}.group ${JSON.stringify(g)} must be 'recovery', 'verification', 'bias' or 'paper'`);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

// ---------------------------------------------------------------------------------------------
// Cleanup on interruption

interface PendingWrite {
  readonly temp: string;
  readonly outDir: string;
  /** Set while an old run directory has been moved aside for replacement. */
  old?: string;
  /** True once `temp` has been renamed to `outDir`. */
  committed: boolean;
  /** Set by the signal/exit handler: every later step of the write must stop. */
  aborted: boolean;
}

const pending = new Set<PendingWrite>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Synchronously undo the effects of every write in progress (used by signal and exit handlers). */
function cleanupPendingSync(): void {
  for (const w of pending) {
    w.aborted = true;
    try {
      if (!w.committed) {
        rmSync(w.temp, { recursive: true, force: true });
        if (w.old !== undefined && !existsSync(w.outDir)) renameSync(w.old, w.outDir); // restore the old run
      } else if (w.old !== undefined) {
        rmSync(w.old, { recursive: true, force: true });
      }
    } catch {
      // best effort: we are being interrupted
    }
  }
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanupPendingSync();
  uninstallHandlers();
  // Re-raise with the default disposition unless someone else handles this signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function onExit(): void {
  cleanupPendingSync();
}

let handlersInstalled = false;

function installHandlers(): void {
  if (handlersInstalled) return;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', onExit);
  handlersInstalled = true;
}

function uninstallHandlers(): void {
  if (!handlersInstalled) return;
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.removeListener('exit', onExit);
  handlersInstalled = false;
}

async function pathKind(p: string): Promise<'missing' | 'dir' | 'other'> {
  try {
    const st = await lstat(p);
    return st.isDirectory() ? 'dir' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
}

async function checkReplaceable(outDir: string): Promise<void> {
  const k = await pathKind(outDir);
  if (k === 'other') throw new RunDirectoryError(`output path ${outDir} exists and is not a directory; refusing to replace it`, 'exists');
  const entries = await readdir(outDir);
  if (entries.length > 0 && !entries.includes('manifest.json')) {
    throw new RunDirectoryError(
      `output directory ${outDir} is not empty and holds no manifest.json (not a seisim run); refusing to replace it even with overwrite`,
      'exists',
    );
  }
}

/**
 * Write a complete run directory atomically and return its manifest.
 *
 * Steps: validate everything (all problems reported at once, nothing touched on failure) → create
 * `<parent>/.seisim-tmp-<basename>-<uuid>` with data/, truth/, results/, plots/ → write artifacts
 * (sorted by path), `results/scores.json`, `manifest.json` → rename to `outDir`. With
 * `overwrite`, an existing run is renamed aside, the new one renamed in, the old one deleted.
 *
 * @throws RunDirectoryError `'invalid'` (bad input), `'exists'` (refused to replace), `'io'`
 */
export async function writeRunDirectory(outDir: string, run: RunOutput, options: WriteRunOptions = {}): Promise<RunManifest> {
  const problems = validateRun(run);
  if (problems.length > 0) {
    // one line (the CLI prints a one-line cause), every problem listed
    throw new RunDirectoryError(`invalid run output (${problems.length} problem${problems.length > 1 ? 's' : ''}): ${problems.join('; ')}`, 'invalid');
  }
  const target = resolve(outDir);
  const parent = dirname(target);
  const base = basename(target);
  if (base === '' || target === parent) throw new RunDirectoryError(`output directory ${JSON.stringify(outDir)} has no name`, 'invalid');
  const existing = await pathKind(target);
  if (existing !== 'missing') {
    if (!options.overwrite) {
      throw new RunDirectoryError(`output directory ${target} already exists; choose another output directory or overwrite it explicitly`, 'exists');
    }
    await checkReplaceable(target);
  }

  const artifacts = [...run.artifacts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const firstCreatedParent = await mkdir(parent, { recursive: true });
  const w: PendingWrite = { temp: join(parent, `.seisim-tmp-${base}-${randomUUID()}`), outDir: target, committed: false, aborted: false };
  pending.add(w);
  installHandlers();
  try {
    await mkdir(w.temp);
    for (const s of RUN_SECTIONS) await mkdir(join(w.temp, s));
    const files: ManifestFile[] = [];
    const alive = (): void => {
      if (w.aborted) throw new RunDirectoryError(`writing run directory ${target} was interrupted`, 'io');
    };
    const put = async (path: string, kind: ArtifactKind, units: string, description: string, content: string | Uint8Array): Promise<void> => {
      alive();
      const bytes = toBytes(content);
      const full = join(w.temp, ...path.split('/'));
      const folder = dirname(full);
      if (!made.has(folder)) {
        await mkdir(folder, { recursive: true });
        made.add(folder);
      }
      alive();
      await writeFile(full, bytes, { flag: 'wx' });
      files.push({ path, kind, units, description, sha256: sha256Hex(bytes), bytes: bytes.length });
    };
    // a few writes in flight at once (file contents and the sorted manifest do not depend on the order)
    const made = new Set<string>();
    for (let i = 0; i < artifacts.length; i += WRITE_CONCURRENCY) {
      // allSettled: no write may still be in flight when the cleanup below removes the temp dir
      const settled = await Promise.allSettled(artifacts.slice(i, i + WRITE_CONCURRENCY).map((a) => put(a.path, a.kind, a.units, a.description, a.content)));
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    const b = run.manifestBase;
    await put(
      SCORES_PATH,
      'json',
      'per score: see its unit field',
      "scores of seisim's analyzers against the truth: { scenario, seed, scores: [...] }",
      encodeScores({ scenario: b.scenarioName, seed: b.seed, scores: run.scores }),
    );
    files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    const manifest: RunManifest = {
      schema: MANIFEST_SCHEMA,
      seisimVersion: b.seisimVersion,
      scenarioName: b.scenarioName,
      seed: b.seed,
      commandLine: [...b.commandLine],
      startTime: b.startTime,
      endTime: b.endTime,
      scenario: b.scenario,
      files: files.map((f) => ({ path: f.path, kind: f.kind, units: f.units, description: f.description, sha256: f.sha256, bytes: f.bytes })),
      summary: run.summary ?? null,
    };
    let manifestText: string;
    try {
      manifestText = stableJson(manifest);
    } catch (e) {
      throw new RunDirectoryError(`manifest: ${(e as Error).message}`, 'invalid');
    }
    alive();
    await writeFile(join(w.temp, 'manifest.json'), manifestText, { flag: 'wx' });
    alive();

    if (existing !== 'missing' || (await pathKind(target)) !== 'missing') {
      if (!options.overwrite) throw new RunDirectoryError(`output directory ${target} appeared while writing; not replacing it`, 'exists');
      await checkReplaceable(target);
      const old = join(parent, `.seisim-old-${base}-${randomUUID()}`);
      alive();
      await rename(target, old);
      w.old = old;
      try {
        await rename(w.temp, target);
      } catch (e) {
        await rename(old, target); // put the previous run back
        w.old = undefined;
        throw e;
      }
      w.committed = true;
      await rm(old, { recursive: true, force: true });
      w.old = undefined;
    } else {
      alive();
      await rename(w.temp, target);
      w.committed = true;
    }
    return manifest;
  } catch (e) {
    if (!w.committed) {
      await rm(w.temp, { recursive: true, force: true });
      if (firstCreatedParent !== undefined) await removeEmptyChain(parent, firstCreatedParent);
    }
    if (e instanceof RunDirectoryError) throw e;
    throw new RunDirectoryError(`writing run directory ${target} failed: ${(e as Error).message}`, 'io');
  } finally {
    pending.delete(w);
    if (pending.size === 0) uninstallHandlers();
  }
}

/** Remove the directories `mkdir -p` created (from `dir` up to `top`), if they are empty. */
async function removeEmptyChain(dir: string, top: string): Promise<void> {
  let d = dir;
  for (;;) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
    if (d === top || resolve(d) === resolve(top)) return;
    const up = dirname(d);
    if (up === d) return;
    d = up;
  }
}

/** Read and check the shape of `<dir>/manifest.json`. */
export async function readManifest(dir: string): Promise<RunManifest> {
  const path = join(dir, 'manifest.json');
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new RunDirectoryError(`cannot read ${path}: ${(e as Error).message}`, 'io');
  }
  const bad = (what: string): never => {
    throw new RunDirectoryError(`${path}: ${what}`, 'invalid');
  };
  if (m.schema !== MANIFEST_SCHEMA) bad(`schema ${JSON.stringify(m.schema)} is not ${MANIFEST_SCHEMA}`);
  for (const k of ['seisimVersion', 'scenarioName', 'seed', 'startTime', 'endTime'] as const) {
    if (typeof m[k] !== 'string') bad(`${k} must be a string`);
  }
  if (!Array.isArray(m.commandLine)) bad('commandLine must be an array');
  if (!Array.isArray(m.files)) bad('files must be an array');
  (m.files as Record<string, unknown>[]).forEach((f, i) => {
    for (const k of ['path', 'kind', 'units', 'description', 'sha256'] as const) if (typeof f[k] !== 'string') bad(`files[${i}].${k} must be a string`);
    if (typeof f.bytes !== 'number') bad(`files[${i}].bytes must be a number`);
    const p = artifactPathProblems(f.path, f.kind).filter((x) => !x.includes('reserved'));
    if (p.length > 0) bad(`files[${i}]: ${p.join('; ')}`);
  });
  return m as unknown as RunManifest;
}

/** Read `<dir>/results/scores.json`. */
export async function readScores(dir: string): Promise<ScoresFile> {
  return decodeScores(await readFile(join(dir, ...SCORES_PATH.split('/')), 'utf8'));
}

/** Result of {@link verifyRunDirectory}. */
export interface RunVerification {
  readonly ok: boolean;
  /** Files whose size and sha256 matched the manifest. */
  readonly verified: number;
  /** One line per problem: missing, altered or unlisted files. */
  readonly problems: readonly string[];
}

async function listFiles(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
    const p = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFiles(root, p)));
    else out.push(p);
  }
  return out;
}

/**
 * Recompute size and SHA-256 of every file listed in the manifest and report missing, altered and
 * unlisted files (anything but manifest.json that the manifest does not list).
 */
export async function verifyRunDirectory(dir: string): Promise<RunVerification> {
  const manifest = await readManifest(dir);
  const problems: string[] = [];
  let verified = 0;
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(dir, ...f.path.split('/')));
    } catch {
      problems.push(`${f.path}: missing`);
      continue;
    }
    if (bytes.length !== f.bytes) problems.push(`${f.path}: ${bytes.length} bytes, manifest says ${f.bytes}`);
    else if (sha256Hex(bytes) !== f.sha256) problems.push(`${f.path}: sha256 differs from the manifest`);
    else verified++;
  }
  for (const p of await listFiles(dir)) {
    if (p !== 'manifest.json' && !listed.has(p)) problems.push(`${p}: not listed in the manifest`);
  }
  for (const s of RUN_SECTIONS) {
    if ((await pathKind(join(dir, s))) !== 'dir') problems.push(`${s}/: missing section directory`);
  }
  return { ok: problems.length === 0, verified, problems };
}

/** @internal for tests: number of writes currently registered for signal cleanup. */
export function pendingRunWrites(): number {
  return pending.size;
}
