/**
 * seisim — the public library API (`import … from 'seisim'`).
 */
export * from './models/params.js';
export type { Rng } from './models/rng.js';
export { createRng } from './sim/rng.js';
export * from './sim/units.js';
export { loadScenario, parseScenario, ScenarioError, scenarioJsonSchema, type Scenario } from './sim/scenario.js';
export { runScenarioFile, runExperiment, RunFailure, type RunOptions, type RunReport } from './sim/runner.js';
export { EXPERIMENTS } from './sim/experiments/index.js';
export { MODELS } from './sim/models.js';
export type { Artifact, Score } from './io/artifact.js';
export { toCsv, readCsv, csvNumberColumn } from './io/csv.js';
export { encodeNpy, decodeNpy } from './io/npy.js';
export { encodeGsf, decodeGsf } from './io/gsf.js';
export { writeRunDirectory, readManifest, readScores, verifyRunDirectory, type RunManifest } from './io/rundir.js';
export * as probe from './models/probe/index.js';
export * as contact from './models/contact/index.js';
export * as film from './models/film/index.js';
export * as fea from './models/fea/index.js';
export * as substrate from './models/substrate/index.js';
export * as electrochem from './models/electrochem/index.js';
export * as sei from './models/sei/index.js';
export * as seccm from './models/seccm/index.js';
export { feaCalculator, type FeaCalculatorInput, type FeaCalculatorResult } from './sim/fea-calculator.js';
export { rgStudy } from './sim/rg-study.js';
export { calibrateRg } from './analysis/rg.js';
export { findContactPoint } from './analysis/contact-point.js';
export { scoreRunEstimate } from './sim/score-command.js';
