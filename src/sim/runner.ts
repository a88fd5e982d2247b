/**
 * Running a scenario end to end (DESIGN.md, "Data flow of one run"): load and validate → choose
 * the root seed → let the experiment drive its instruments and analyzers → write the run
 * directory atomically. Bad input is a `ScenarioError` (exit 2) raised before anything is written;
 * any later failure is a `RunFailure` with a one-line cause (exit 1), and leaves no directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRunDirectory, RunDirectoryError, type RunManifest } from '../io/rundir.js';
import type { Score } from '../io/artifact.js';
import { loadScenario, ScenarioError, type Scenario } from './scenario.js';
import { createRng, freshSeed } from './rng.js';
import { EXPERIMENTS } from './experiments/index.js';
import type { Experiment, ExperimentOutput } from './experiment.js';

/** Raised for a failure after validation (numerical or I/O); `message` is a one-line cause. */
export class RunFailure extends Error {
  override name = 'RunFailure';
}

/** The package's version (from package.json), recorded in every manifest. */
export function seisimVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The package root (where package.json and scenarios/ live), from this module's location. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot locate the seisim package root');
}

export interface RunOptions {
  readonly scenarioPath: string;
  /** Output directory; default `runs/<name>-seed<seed>` under the current directory. */
  readonly out?: string;
  readonly seed?: string;
  readonly overrides?: readonly string[];
  readonly overwrite?: boolean;
  /** argv recorded in the manifest. */
  readonly commandLine?: readonly string[];
  /** Progress callback (the CLI's progress bar); called with fractions in [0, 1]. */
  readonly progress?: (fraction: number, label?: string) => void;
  /** Called once the seed is known (the CLI prints a generated seed). */
  readonly onSeed?: (seed: string, generated: boolean) => void;
  /** Experiment registry (tests may inject their own). */
  readonly experiments?: Readonly<Record<string, Experiment>>;
}

export interface RunReport {
  readonly outDir: string;
  readonly seed: string;
  readonly scenario: Scenario;
  readonly manifest: RunManifest;
  readonly scores: readonly Score[];
  readonly summary: Readonly<Record<string, unknown>>;
}

/** Run the experiment of a resolved scenario in memory (no files written). */
export async function runExperiment(
  scenario: Scenario,
  seed: string,
  progress: (fraction: number, label?: string) => void = () => {},
  experiments: Readonly<Record<string, Experiment>> = EXPERIMENTS,
): Promise<ExperimentOutput> {
  const experiment = experiments[scenario.experiment];
  if (!experiment) throw new RunFailure(`no experiment '${scenario.experiment}' is registered`);
  return experiment.run(scenario.config as never, { rng: createRng(seed), seed, scenarioName: scenario.name, progress });
}

/**
 * `seisim run`: validate, run, write. Throws ScenarioError (bad input, nothing written) or
 * RunFailure (runtime failure, nothing written).
 */
export async function runScenarioFile(opts: RunOptions): Promise<RunReport> {
  const scenario = loadScenario(opts.scenarioPath, { overrides: opts.overrides, seed: opts.seed, experiments: opts.experiments });
  const generated = scenario.seed === undefined;
  const seed = scenario.seed ?? (await freshSeed());
  opts.onSeed?.(seed, generated);
  const outDir = resolve(opts.out ?? join('runs', `${scenario.name}-seed${seed}`));
  if (existsSync(outDir) && !opts.overwrite) {
    throw new ScenarioError([{ file: '--out', path: 'out', value: outDir, message: 'output directory already exists', hint: 'choose another --out or pass --overwrite' }]);
  }
  const startTime = new Date().toISOString();
  let output: ExperimentOutput;
  try {
    output = await runExperiment(scenario, seed, opts.progress, opts.experiments);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new RunFailure(`${scenario.name}: ${oneLine(e)}`);
  }
  const endTime = new Date().toISOString();
  let manifest: RunManifest;
  try {
    manifest = await writeRunDirectory(
      outDir,
      {
        manifestBase: {
          seisimVersion: seisimVersion(),
          scenarioName: scenario.name,
          scenario: { ...scenario, seed },
          seed,
          commandLine: opts.commandLine ?? ['seisim', 'run', opts.scenarioPath],
          startTime,
          endTime,
        },
        artifacts: output.artifacts,
        scores: output.scores,
        summary: output.summary,
      },
      { overwrite: opts.overwrite },
    );
  } catch (e) {
    if (e instanceof RunDirectoryError && e.reason === 'exists') {
      throw new ScenarioError([{ file: '--out', path: 'out', value: outDir, message: e.message }]);
    }
    throw new RunFailure(`writing ${outDir}: ${oneLine(e)}`);
  }
  return { outDir, seed, scenario, manifest, scores: output.scores, summary: output.summary };
}

/** The first line of an error's message (numerical failures get a one-line cause). */
export function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}
