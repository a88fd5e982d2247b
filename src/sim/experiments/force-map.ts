/**
 * `experiment: force-map` — a force-volume (QNM-like) map over hard carbon with a thin SEI layer and
 * particulate deposits (003 Fig. 3, Fig. S4), fitted curve by curve (src/sim/force-curve.ts,
 * src/analysis/force-curve-fit.ts).
 */
import { defineExperiment, runOutput } from '../experiment.js';
import { FORCE_MAP_FIELDS, checkForceMapConfig, runForceMapExperiment } from '../force-curve.js';

export const forceMapExperiment = defineExperiment({
  id: 'force-map',
  title: 'force-volume map with contact-model fits',
  doc: 'Approach/retract force curves over a hard-carbon/SEI sample with the populations of 003 Fig. S4; snap-in, adhesion hysteresis, tilt, noise, optional calibration errors; DMT/JKR/Hertz fits with bottom-effect correction.',
  fields: FORCE_MAP_FIELDS,
  check: checkForceMapConfig,
  run: (config, ctx) => runOutput(runForceMapExperiment(config, ctx.rng, ctx.progress)),
});
