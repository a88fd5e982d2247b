/**
 * `seisim score <run-dir> --estimate results.csv`: score a user's own pipeline against the truth
 * of a run (DESIGN.md: scores.json is the one place where an analysis meets the truth). Implemented
 * for the `nrm` experiment; the CSV format is {@link NRM_ESTIMATE_COLUMNS} (the same file seisim's
 * own pipeline writes as `results/estimates.csv`):
 *
 * ```
 * quantity,window_low (V),window_high (V),depth_from (m),depth_to (m),curve (1),estimate (SI),standard_error (SI)
 * storageModulus,0.005,0.5,0,5e-9,-1,3.8e7,8e5
 * contactZ,0.005,0.5,nan,nan,612,1.7581e-6,nan
 * ```
 *
 * - moduli (`storageModulus`, `lossModulus`: Pa; `shearModulusMagnitude`: |⟨G*⟩| in Pa): the mean
 *   over the curves of the window (curves whose mean potential, from data/, lies in
 *   [window_low, window_high]) of each curve's mean over depth_from ≤ z_p < depth_to above the solid
 *   contact. Truth: the same average of truth/storage-modulus.npy etc. (|⟨G*⟩| with the true ν(z));
 * - `contactZ` (m): the Z-piezo position of the solid–solid contact of curve `curve`; scored per
 *   window as RMS error and mean bias;
 * - `standard_error` (optional, `nan` if unknown) enters the tolerance as 3·SE.
 * Tolerances as for seisim's own pipeline (src/sim/nrm/scoring.ts), with the run's depth resolution
 * and model floor, plus the non-locality N = |Eq. 5 limit − local truth| of the bin, read from
 * truth/eq5-limit-*.npy (what Eq. 5 with r_g(z_p) gives on the true, noise-free force): no pipeline
 * that applies Eq. 5 can do better than that limit, so a user's is held to the same standard.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { readCsv, type CsvReadColumn } from '../io/csv.js';
import { decodeNpy } from '../io/npy.js';
import { encodeScores, readManifest, type ScoresFile } from '../io/rundir.js';
import type { Score } from '../io/artifact.js';
import { NRM_ESTIMATE_COLUMNS } from './nrm/files.js';
import { DEFAULT_NRM_TOLERANCE, maskedBinMean, meanProfileOf, NRM_SCORE_QUANTITIES, scoreBin, scoreContacts, type NrmScoreQuantity, type NrmToleranceSettings } from './nrm/scoring.js';

/** Bad estimate input: every problem, one per line (the CLI exits 2). */
export class ScoreInputError extends Error {
  override name = 'ScoreInputError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** Options of {@link scoreRunEstimate}. */
export interface ScoreRunOptions {
  /** The run directory (with manifest.json, data/, truth/). */
  readonly runDir: string;
  /** The user's estimate CSV. */
  readonly estimatePath: string;
  /**
   * Where to write the scores; default `scores.json` beside the estimate CSV (or
   * `scores-estimate.json` if that would overwrite the run's own results/scores.json).
   */
  readonly outPath?: string;
}

/** What {@link scoreRunEstimate} returns. */
export interface ScoreRunResult {
  readonly outPath: string;
  readonly file: ScoresFile;
}

function col(table: { columns: CsvReadColumn[] }, name: string, problems: string[], where: string): CsvReadColumn | undefined {
  const c = table.columns.find((x) => x.name === name);
  if (!c) problems.push(`${where}: missing column '${name}' (expected columns: ${NRM_ESTIMATE_COLUMNS.join(', ')})`);
  return c;
}

function numbers(c: CsvReadColumn | undefined, n: number): Float64Array {
  if (c === undefined) return new Float64Array(n).fill(NaN);
  if (c.type === 'number') return c.values;
  return Float64Array.from(c.text, (t) => (t.trim() === '' ? NaN : Number(t)));
}

async function npy(dir: string, rel: string): Promise<{ data: Float64Array; shape: readonly number[] }> {
  const a = decodeNpy(new Uint8Array(await readFile(join(dir, rel))));
  return { data: Float64Array.from(a.data as ArrayLike<number>), shape: a.shape };
}

async function csv(dir: string, rel: string) {
  return readCsv(await readFile(join(dir, rel), 'utf8'));
}

function numCol(t: { columns: CsvReadColumn[] }, name: string, file: string): Float64Array {
  const c = t.columns.find((x) => x.name === name);
  if (!c || c.type !== 'number') throw new Error(`${file}: no numeric column '${name}'`);
  return c.values;
}

/**
 * Score a user's estimate CSV against the truth of an `nrm` run and write scores.json (see the
 * module doc for the format). Throws {@link ScoreInputError} listing every problem of the CSV,
 * and Error for an unreadable or non-nrm run directory.
 */
export async function scoreRunEstimate(opts: ScoreRunOptions): Promise<ScoreRunResult> {
  const runDir = resolve(opts.runDir);
  const manifest = await readManifest(runDir);
  const scenario = manifest.scenario as { experiment?: string; config?: { analysis?: { depthResolution?: number; modelFloor?: number; poissonRatio?: number } } };
  if (scenario?.experiment !== 'nrm') throw new Error(`${runDir}: scoring of user estimates is implemented for the nrm experiment (this run is '${String(scenario?.experiment)}')`);
  const tol: NrmToleranceSettings = {
    ...DEFAULT_NRM_TOLERANCE,
    depthResolution: scenario.config?.analysis?.depthResolution ?? DEFAULT_NRM_TOLERANCE.depthResolution,
    modelFloor: scenario.config?.analysis?.modelFloor ?? DEFAULT_NRM_TOLERANCE.modelFloor,
  };
  let text: string;
  try {
    text = await readFile(opts.estimatePath, 'utf8');
  } catch (e) {
    throw new ScoreInputError([`${opts.estimatePath}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  let table;
  try {
    table = readCsv(text);
  } catch (e) {
    throw new ScoreInputError([`${opts.estimatePath}: ${e instanceof Error ? e.message : String(e)}`]);
  }
  const problems: string[] = [];
  const f = opts.estimatePath;
  const qc = col(table, 'quantity', problems, f);
  const n = table.rows;
  const wl = numbers(col(table, 'window_low', problems, f), n);
  const wh = numbers(col(table, 'window_high', problems, f), n);
  const d0 = numbers(col(table, 'depth_from', problems, f), n);
  const d1 = numbers(col(table, 'depth_to', problems, f), n);
  const cv = numbers(col(table, 'curve', problems, f), n);
  const ev = numbers(col(table, 'estimate', problems, f), n);
  const sev = numbers(table.columns.find((x) => x.name === 'standard_error'), n);
  const quantities = qc === undefined ? [] : qc.type === 'text' ? qc.text : Array.from(qc.values, String);
  if (problems.length > 0) throw new ScoreInputError(problems);

  // run data and truth
  const curvesCsv = await csv(runDir, 'data/curves.csv');
  const p0 = numCol(curvesCsv, 'potential_start', 'data/curves.csv');
  const p1 = numCol(curvesCsv, 'potential_end', 'data/curves.csv');
  const C = p0.length;
  const pot = Float64Array.from(p0, (v, i) => 0.5 * (v + p1[i]));
  const heights = numCol(await csv(runDir, 'truth/heights.csv'), 'height', 'truth/heights.csv');
  const H = heights.length;
  const st = await npy(runDir, 'truth/storage-modulus.npy');
  const lo = await npy(runDir, 'truth/loss-modulus.npy');
  const nu = await npy(runDir, 'truth/poisson-ratio.npy');
  const contactTruth = numCol(await csv(runDir, 'truth/curves.csv'), 'contact_z', 'truth/curves.csv');
  if (st.data.length !== C * H) throw new Error(`truth/storage-modulus.npy: ${st.data.length} values, expected ${C} curves × ${H} heights`);
  // the Eq. 5 limit (truth-derived; absent for the eq4 fidelity, where Eq. 5 is exact): its
  // distance from the local truth is the non-locality N added to the tolerance, as for seisim's own
  const limitFiles = new Set(manifest.files.map((x) => x.path));
  const limSt = limitFiles.has('truth/eq5-limit-storage-modulus.npy') ? await npy(runDir, 'truth/eq5-limit-storage-modulus.npy') : undefined;
  const limLo = limitFiles.has('truth/eq5-limit-loss-modulus.npy') ? await npy(runDir, 'truth/eq5-limit-loss-modulus.npy') : undefined;
  const gAnalysis = 1 / (2 * (1 + (scenario.config?.analysis?.poissonRatio ?? 0.5)));
  const gRe = Float64Array.from(st.data, (v, i) => v / (2 * (1 + nu.data[i])));
  const gIm = Float64Array.from(lo.data, (v, i) => v / (2 * (1 + nu.data[i])));

  const known = new Set<string>([...NRM_SCORE_QUANTITIES, 'contactZ']);
  const contacts = new Map<string, { est: number[]; tru: number[] }>();
  const scores: Score[] = [];
  for (let r = 0; r < n; r++) {
    const q = quantities[r];
    const where = `${f}: row ${r + 1}`;
    if (!known.has(q)) {
      problems.push(`${where}: quantity = '${q}' is not one of ${[...known].join(', ')}`);
      continue;
    }
    if (!(Number.isFinite(wl[r]) && Number.isFinite(wh[r]) && wh[r] > wl[r])) {
      problems.push(`${where}: window_low = ${wl[r]} V, window_high = ${wh[r]} V must be finite with window_high > window_low`);
      continue;
    }
    if (!Number.isFinite(ev[r])) {
      problems.push(`${where}: estimate = ${ev[r]} is not a finite number`);
      continue;
    }
    const label = `${wl[r]}-${wh[r]} V`;
    const curves: number[] = [];
    for (let c = 0; c < C; c++) if (pot[c] >= wl[r] && pot[c] <= wh[r]) curves.push(c);
    if (q === 'contactZ') {
      const c = cv[r];
      if (!(Number.isInteger(c) && c >= 0 && c < C)) {
        problems.push(`${where}: curve = ${c} is not a curve index in [0, ${C - 1}]`);
        continue;
      }
      const e = contacts.get(label) ?? { est: [], tru: [] };
      e.est.push(ev[r]);
      e.tru.push(contactTruth[c]);
      contacts.set(label, e);
      continue;
    }
    if (!(Number.isFinite(d0[r]) && Number.isFinite(d1[r]) && d1[r] > d0[r] && d0[r] >= 0)) {
      problems.push(`${where}: depth_from = ${d0[r]} m, depth_to = ${d1[r]} m must be finite, ≥ 0, with depth_to > depth_from`);
      continue;
    }
    if (curves.length === 0) {
      problems.push(`${where}: no curve of the run has its mean potential in [${wl[r]}, ${wh[r]}] V`);
      continue;
    }
    const bin = [d0[r], d1[r]] as const;
    const meanOver = (m: Float64Array): number => {
      let s = 0;
      let k = 0;
      for (const c of curves) {
        const v = maskedBinMean(m.subarray(c * H, (c + 1) * H), heights, bin);
        if (Number.isFinite(v)) {
          s += v;
          k++;
        }
      }
      return k > 0 ? s / k : NaN;
    };
    const qq = q as NrmScoreQuantity;
    let truth: number;
    let profile: Float64Array;
    switch (qq) {
      case 'storageModulus':
        truth = meanOver(st.data);
        profile = meanProfileOf(st.data, H, curves);
        break;
      case 'lossModulus':
        truth = meanOver(lo.data);
        profile = meanProfileOf(lo.data, H, curves);
        break;
      case 'shearModulusMagnitude': {
        truth = Math.hypot(meanOver(gRe), meanOver(gIm));
        const a = meanProfileOf(gRe, H, curves);
        const b = meanProfileOf(gIm, H, curves);
        profile = Float64Array.from(a, (v, j) => Math.hypot(v, b[j]));
        break;
      }
      default: {
        const never: never = qq;
        throw new Error(`unknown quantity ${String(never)}`);
      }
    }
    let limit = NaN;
    if (limSt && limLo) {
      if (qq === 'storageModulus') limit = meanOver(limSt.data);
      else if (qq === 'lossModulus') limit = meanOver(limLo.data);
      else limit = gAnalysis * Math.hypot(meanOver(limSt.data), meanOver(limLo.data));
    }
    const nonLocality = Number.isFinite(limit) && Number.isFinite(truth) ? Math.abs(limit - truth) : 0;
    scores.push(scoreBin({ quantity: qq, windowLabel: label, bin, estimate: ev[r], standardError: sev[r], truth, truthProfile: profile, heights, nonLocality, group: 'recovery' }, tol));
  }
  if (problems.length > 0) throw new ScoreInputError(problems);
  for (const [label, e] of contacts) scores.push(...scoreContacts(label, e.est, e.tru, tol));
  const file: ScoresFile = { scenario: manifest.scenarioName, seed: manifest.seed, scores };
  let outPath = opts.outPath ?? join(dirname(resolve(opts.estimatePath)), 'scores.json');
  if (opts.outPath === undefined && resolve(outPath) === join(runDir, 'results', 'scores.json')) outPath = join(runDir, 'results', 'scores-estimate.json');
  await writeFile(outPath, encodeScores(file));
  return { outPath, file };
}
