/**
 * `experiment: thermal-tune` — one cantilever's thermal noise recorded in air and in electrolyte,
 * calibrated by SHO fit + equipartition (src/sim/thermal-tune.ts, src/analysis/thermal-calibration.ts).
 */
import { defineExperiment, runOutput } from '../experiment.js';
import { THERMAL_TUNE_FIELDS, checkThermalTuneConfig, runThermalTuneExperiment } from '../thermal-tune.js';

export const thermalTuneExperiment = defineExperiment({
  id: 'thermal-tune',
  title: 'thermal tune and spring-constant calibration',
  doc: 'Thermal noise of a rectangular cantilever in air and liquid (Sader hydrodynamics), detector noise, Welch PSD, SHO fit, equipartition with the optical-lever mode factor (Butt & Jaschke 1995); 004 reporting block.',
  fields: THERMAL_TUNE_FIELDS,
  check: checkThermalTuneConfig,
  run: (config, ctx) => runOutput(runThermalTuneExperiment(config, ctx.rng, ctx.progress)),
});
