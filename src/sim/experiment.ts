/**
 * An experiment is what a scenario runs: its sections' schema, and a function that drives the
 * instruments, runs the analyzers on the observed data, scores them against the truth and returns
 * the run's files in memory (DESIGN.md, "Data flow of one run", steps 2–4).
 */
import type { ParamProblem } from '../models/params.js';
import type { Rng } from '../models/rng.js';
import type { Artifact, Score } from '../io/artifact.js';
import type { Fields, InferFields } from './schema.js';

/** The experiments seisim can run (one per kind of scenario). */
export type ExperimentId =
  | 'thermal-tune'
  | 'force-map'
  | 'rg-calibration'
  | 'sei-insitu'
  | 'cafm-scratch'
  | 'nrm'
  | 'seccm';

/** What an experiment is handed besides its configuration. */
export interface RunContext {
  /** Root stream of the run; experiments fork named streams from it. */
  readonly rng: Rng;
  readonly seed: string;
  readonly scenarioName: string;
  /** Report progress in [0, 1] (drives the terminal progress bar; no-op when quiet). */
  readonly progress: (fraction: number, label?: string) => void;
}

/** What an experiment returns: the files of the run directory and the scores. */
export interface ExperimentOutput {
  readonly artifacts: readonly Artifact[];
  readonly scores: readonly Score[];
  /** Short summary for the manifest and the terminal (JSON-able). */
  readonly summary: Readonly<Record<string, unknown>>;
}

export interface Experiment<F extends Fields = Fields> {
  readonly id: ExperimentId;
  readonly title: string;
  /** What the experiment simulates and which paper/section it follows. */
  readonly doc: string;
  /** The scenario sections (besides schema/name/description/seed/experiment). */
  readonly fields: F;
  /** Cross-field checks after each field validated (e.g. vertex order); paths as in the YAML. */
  readonly check?: (config: InferFields<F>) => ParamProblem[];
  readonly run: (config: InferFields<F>, ctx: RunContext) => ExperimentOutput | Promise<ExperimentOutput>;
}

/** Define an experiment with its config type inferred from its fields. */
export function defineExperiment<const F extends Fields>(e: Experiment<F>): Experiment {
  return e as unknown as Experiment;
}

/**
 * The run-directory part of an experiment function's richer in-memory result (the typed results
 * beside it are for tests), so that the full results are not kept alive by the runner.
 */
export function runOutput(r: ExperimentOutput): ExperimentOutput {
  return { artifacts: r.artifacts, scores: r.scores, summary: r.summary };
}
