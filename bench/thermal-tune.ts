/**
 * Benchmark: a thermal tune of 2^20 samples — simulated, then analysed (Welch PSD + Whittle SHO fit
 * + equipartition). Target: analysis < 1 s. Prints one JSON object.
 * Run: npx tsx bench/thermal-tune.ts
 */
import { createRng } from '../src/sim/rng.js';
import { makeThermalTuneInstrument, simulateThermalTune } from '../src/sim/thermal-tune.js';
import { calibrateThermal } from '../src/analysis/thermal-calibration.js';
import { fluidPreset, probePreset } from '../src/models/probe/index.js';

const cantilever = probePreset('saleh-rtespaw-150').cantilever;
const ins = makeThermalTuneInstrument({ sampleCount: 2 ** 20 });
const results: Record<string, unknown>[] = [];
for (const [medium, model] of [
  ['air', 'sho'],
  ['electrolyte-lp30', 'sho'],
  ['electrolyte-lp30', 'hydrodynamic'],
] as const) {
  const t0 = performance.now();
  const out = simulateThermalTune(cantilever, fluidPreset(medium), ins, { spectrumModel: model, lateral: false }, createRng(1).fork(medium));
  const t1 = performance.now();
  const cal = calibrateThermal(out.observed.normal, { sampleRate: ins.sampleRate, invOLS: out.meta.instrument.invOLSNominal, temperature: ins.temperature, aliasing: !out.meta.instrument.antiAliasFilter });
  const t2 = performance.now();
  results.push({
    medium,
    spectrumModel: model,
    generateMs: Math.round(t1 - t0),
    analyseMs: Math.round(t2 - t1),
    analyseSamplesPerSecond: Math.round(ins.sampleCount / ((t2 - t1) / 1e3)),
    springConstantRelError: cal.springConstant / out.meta.truth.springConstant - 1,
    springConstantRelStd: cal.springConstantRelStd,
    segmentLength: 2 * (cal.psd.frequency.length - 1),
  });
}
const worst = Math.max(...results.map((r) => r.analyseMs as number));
console.log(
  JSON.stringify({
    bench: 'thermal-tune',
    samples: ins.sampleCount,
    targetAnalyseMs: 1000,
    worstAnalyseMs: worst,
    pass: worst < 1000,
    peakRssKB: process.resourceUsage().maxRSS,
    runs: results,
  }),
);
