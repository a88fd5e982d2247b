/**
 * The registry of experiments a scenario may name in `experiment:`.
 */
import type { Experiment } from '../experiment.js';
import { thermalTuneExperiment } from './thermal-tune.js';
import { forceMapExperiment } from './force-map.js';
import { nrmExperiment } from './nrm.js';
import { cafmScratchExperiment, seiInsituExperiment } from './sei.js';
import { seccmExperiment } from './seccm.js';
import { rgCalibrationExperiment } from './rg-calibration.js';

export const EXPERIMENTS: Readonly<Record<string, Experiment>> = {
  'thermal-tune': thermalTuneExperiment,
  'force-map': forceMapExperiment,
  nrm: nrmExperiment,
  'rg-calibration': rgCalibrationExperiment,
  'sei-insitu': seiInsituExperiment,
  'cafm-scratch': cafmScratchExperiment,
  seccm: seccmExperiment,
};
