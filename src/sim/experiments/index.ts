/**
 * The registry of experiments a scenario may name in `experiment:`.
 */
import type { Experiment } from '../experiment.js';

export const EXPERIMENTS: Readonly<Record<string, Experiment>> = {};
