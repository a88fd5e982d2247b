/**
 * Benchmark: a 64 × 64 force-volume map of 1,000-point curves (500 approach + 500 retract) generated
 * and fitted (DMT on the retract, as QNM). Targets: < 10 s, < 1 GB peak RSS. Also times the full
 * experiment (second, bottom-effect-corrected fit pass, artifacts and plots). Prints one JSON object.
 * Run: npx tsx bench/force-map.ts
 */
import { createRng } from '../src/sim/rng.js';
import { simulateForceMap, runForceMapExperiment, FORCE_MAP_FIELDS, type ForceMapConfig } from '../src/sim/force-curve.js';
import { generateQnmSample } from '../src/sim/qnm-sample.js';
import { fitForceMap } from '../src/analysis/force-curve-fit.js';
import { flexuralSpringConstant, probePreset } from '../src/models/probe/index.js';
import { resolveField, section } from '../src/sim/schema.js';

const preset = probePreset('saleh-rtespaw-150');
const probe = { springConstant: flexuralSpringConstant(preset.cantilever), tip: preset.tip, tipMaterial: preset.tipMaterial };
const t0 = performance.now();
const sample = generateQnmSample({ pixels: 64 }, 'dmt', createRng(1).fork('sample'));
const t1 = performance.now();
const map = simulateForceMap('dmt', probe, sample.map, { samplesPerCurve: 1000 }, createRng(1).fork('map'), false);
const t2 = performance.now();
const fit = fitForceMap(map, map.meta.nominal, { model: 'dmt', tip: preset.tip, samplePoissonRatio: 0.3, tipModulus: preset.tipMaterial.youngsModulus, tipPoissonRatio: preset.tipMaterial.poissonRatio });
const t3 = performance.now();
let failed = 0;
for (const f of fit.failed) failed += f;
const rssCore = process.resourceUsage().maxRSS;

const problems: never[] = [];
const config = resolveField(section('bench', FORCE_MAP_FIELDS), { sample: { pixels: 64 } }, '', problems) as ForceMapConfig;
const t4 = performance.now();
const run = runForceMapExperiment(config, createRng(1));
const t5 = performance.now();
const curves = 64 * 64;
console.log(
  JSON.stringify({
    bench: 'force-map',
    pixels: curves,
    pointsPerCurve: 1000,
    sampleMs: Math.round(t1 - t0),
    generateMs: Math.round(t2 - t1),
    fitMs: Math.round(t3 - t2),
    generateAndFitMs: Math.round(t3 - t1),
    curvesPerSecond: Math.round(curves / ((t3 - t1) / 1e3)),
    failedFits: failed,
    targetMs: 10000,
    pass: t3 - t1 < 10000 && rssCore < 1024 * 1024,
    peakRssKBAfterGenerateAndFit: rssCore,
    fullExperimentMs: Math.round(t5 - t4),
    fullExperimentArtifacts: run.artifacts.length,
    fullExperimentScoresPassed: run.scores.filter((s) => s.pass).length,
    fullExperimentScores: run.scores.length,
    peakRssKB: process.resourceUsage().maxRSS,
  }),
);
