/**
 * The unit of output of a run: one file of the run directory, in memory, before it is written.
 *
 * Experiments (src/sim) return artifacts; `writeRunDirectory` (src/io/rundir.ts) writes them
 * atomically and lists each in `manifest.json` with its sha256. Paths are relative to the run
 * directory and start with one of the four sections of the run-directory contract (DESIGN.md).
 */
export type RunSection = 'data' | 'truth' | 'results' | 'plots';

export type ArtifactKind = 'csv' | 'npy' | 'gsf' | 'svg' | 'json';

export interface Artifact {
  /** Relative path, e.g. `data/thermal-tune.npy`; first segment is a RunSection. */
  readonly path: string;
  readonly kind: ArtifactKind;
  /** Units of the content, e.g. `'V'` or `'columns: z (m), F (N)'`. */
  readonly units: string;
  /** One line saying what the file holds, for the manifest. */
  readonly description: string;
  /** File content: text (UTF-8) or bytes. */
  readonly content: string | Uint8Array;
}

/** One scored quantity: the only place where an analysis meets the truth (DESIGN.md). */
export interface Score {
  readonly quantity: string;
  readonly where: string;
  readonly unit: string;
  readonly truth: number;
  readonly estimate: number;
  /** (estimate − truth)/truth, or the absolute error in `unit` when `errorKind` is `'absolute'`. */
  readonly relError: number;
  readonly errorKind?: 'relative' | 'absolute';
  readonly tolerance: number;
  /** Why this tolerance: the noise/discretisation argument behind it. */
  readonly toleranceWhy?: string;
  readonly pass: boolean;
  /**
   * What kind of check this is, for the headline: `'recovery'` (default: the analyzer should reach
   * the truth within tolerance), `'verification'` (a closed form or exact invariance), or
   * `'bias'` (a deliberately wrong choice — e.g. the paper's r_g where the FEA-lite says otherwise —
   * scored to show how large the error it causes is; expected to fail), or `'paper'` (the
   * analyzer's estimate from the synthetic data against the number a paper reports: the whole
   * chain preset → instrument → analyzer reproduces the publication).
   */
  readonly group?: 'recovery' | 'verification' | 'bias' | 'paper';
}

/** Build a relative-error score; `pass` is |relError| ≤ tolerance (NaN never passes). */
export function relativeScore(
  quantity: string,
  where: string,
  unit: string,
  truth: number,
  estimate: number,
  tolerance: number,
  toleranceWhy?: string,
): Score {
  const relError = (estimate - truth) / truth;
  return { quantity, where, unit, truth, estimate, relError, errorKind: 'relative', tolerance, toleranceWhy, pass: Math.abs(relError) <= tolerance };
}

/** Build an absolute-error score (for quantities whose truth may be 0, e.g. contact points). */
export function absoluteScore(
  quantity: string,
  where: string,
  unit: string,
  truth: number,
  estimate: number,
  tolerance: number,
  toleranceWhy?: string,
): Score {
  const err = estimate - truth;
  return { quantity, where, unit, truth, estimate, relError: err, errorKind: 'absolute', tolerance, toleranceWhy, pass: Math.abs(err) <= tolerance };
}
