/**
 * `experiment: sei-insitu` — SEI nucleation and growth imaged in situ during CV (000, Luchkin et al.)
 * and `experiment: cafm-scratch` — the conductive-AFM scratch test of how firmly it holds
 * (src/sim/sei-experiments.ts).
 */
import { defineExperiment, runOutput } from '../experiment.js';
import { CAFM_SCRATCH_FIELDS, SEI_INSITU_FIELDS, runCafmScratch, runSeiInsitu } from '../sei-experiments.js';

export const seiInsituExperiment = defineExperiment({
  id: 'sei-insitu',
  title: 'in situ AFM of SEI nucleation and growth during cyclic voltammetry',
  doc: 'Substrate (HOPG, MCMB, hard carbon, NMC 111) with site classes, CV through the potentiostat, SEI nucleation (Poisson), JMAK growth and passivation, tapping-mode frames stamped with time and potential (tip convolution, feedback error, drift, line noise, tip sweeping, unscanned control); onset, coverage, roughness and CV-peak analyzers (000 Figs. 2–3, 6).',
  fields: SEI_INSITU_FIELDS,
  run: (config, ctx) => runOutput(runSeiInsitu(config, ctx.rng, ctx.progress)),
});

export const cafmScratchExperiment = defineExperiment({
  id: 'cafm-scratch',
  title: 'c-AFM scratch test of the SEI',
  doc: 'Stiff diamond tip (98 N/m, 100 nm) at 0.5 V bias scratches SEI grown by CV with the force stepped row by row; current where the film is scraped through; scrape-off force and film thickness from the scratched step (000 Fig. 4).',
  fields: CAFM_SCRATCH_FIELDS,
  run: (config, ctx) => runOutput(runCafmScratch(config, ctx.rng, ctx.progress)),
});
