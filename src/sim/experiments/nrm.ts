/**
 * `experiment: nrm` — operando 1D nanorheology (NRM) of SEI growth on a rough hard-carbon electrode
 * in a Na half cell (`002_bf87beaba622041e.txt` §3–5, Fig. 3–4; issue 5), from the photodiode and
 * lock-in signals to the paper's Fig. 4 with the truth beside it (src/sim/nrm/run.ts).
 */
import { defineExperiment } from '../experiment.js';
import { checkNrmConfig, NRM_FIELDS, runNrmExperiment } from '../nrm/run.js';

export const nrmExperiment = defineExperiment({
  id: 'nrm',
  title: 'operando 1D nanorheology of SEI growth on hard carbon',
  doc: "Operando 1D-NRM (002 §3–5): a grid of locations on a µm-rough hard-carbon electrode re-measured in every voltage window of the first cathodic sweep (OCV → 0.005 V vs Na/Na+, 1 mV/s); per location a stepped approach with the sample dithered laterally, the normal deflection and the lock-in's X/Y recorded; the paper's pipeline (solid–solid contact referencing, dF*/dz_p, Eq. 5–7, mean ± 95 % CI, 2D KDE, violins) scored against the true layered SEI (Nagarathinam2026 preset).",
  fields: NRM_FIELDS,
  check: checkNrmConfig,
  run: (config, ctx) => runNrmExperiment(config, ctx.rng, ctx.progress),
});
