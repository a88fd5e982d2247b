/**
 * In situ SEI imaging benchmark (paper 000 scale): the full 2-cycle CV at 2 mV/s (3.0 → 0.01 → 3.0 V
 * ×2, 5980 s, SEI model on the imaged world) plus 9 frames of 512 × 512 with tip convolution,
 * feedback lag, drift, creep and noise. Target: < 10 s wall, < 1 GB RSS.
 * Then, for information, the complete `sei-insitu-<substrate>` experiment (2× overview world,
 * analyzers, artifacts and plots).
 *
 * Run: npx tsx bench/sei-imaging.ts [hopg | mcmb | hard-carbon]   (default hopg; mcmb exercises the
 * limiting-thickness and island-cap thickness law in every pixel of every line)
 */
import { performance } from 'node:perf_hooks';
import { createRng } from '../src/sim/rng.js';
import { cyclicVoltammetry, potentialAt } from '../src/models/electrochem/index.js';
import { Luchkin2020 } from '../src/models/sei/index.js';
import { generateSubstrate } from '../src/models/substrate/index.js';
import { runPotentiostat } from '../src/sim/potentiostat.js';
import { acquireFrames, createTipSweepState } from '../src/sim/afm-imaging.js';
import { defaultSeiInsituConfig, runSeiInsitu } from '../src/sim/sei-experiments.js';

const KINDS = ['hopg', 'mcmb', 'hard-carbon'] as const;
const arg = process.argv[2] ?? 'hopg';
if (!(KINDS as readonly string[]).includes(arg)) throw new Error(`bench/sei-imaging: substrate '${arg}': expected ${KINDS.join(' | ')}`);
const kind = arg as (typeof KINDS)[number];
const n = 512;
const M = 48;
const dx = 4e-6 / n;
const W = n + 2 * M;
const grid = { nx: W, ny: W, dx };
const rng = createRng('bench-sei-imaging');

const t0 = performance.now();
const substrate = generateSubstrate(kind, rng.fork('substrate'), grid);
const t1 = performance.now();
const program = cyclicVoltammetry({ start: 3, vertices: [0.01, 3], rate: 2e-3, cycles: 2 });
const preset = Luchkin2020[kind];
const cell = runPotentiostat(rng.fork('cell'), program, { grid, sites: substrate.sites, processes: preset.processes, intercalation: preset.intercalation, water: {} });
const t2 = performance.now();
const world = { grid, substrate: substrate.height, sei: cell.truth.sei, blisters: [] };
const cycle1 = program.startTimes[2];
const img = acquireFrames(rng.fork('imaging'), world, createTipSweepState(world), { originX: M, originY: M, stride: 1, frames: 9, startTime: 0, potentialAt: (t) => potentialAt(program, t) }, { pixels: n, scanSize: 4e-6, lineRate: (9 * n) / cycle1 });
const t3 = performance.now();
const coreRss = process.resourceUsage().maxRSS;

const t4 = performance.now();
const full = runSeiInsitu(defaultSeiInsituConfig(kind), createRng('bench-full'));
const t5 = performance.now();

console.log(
  JSON.stringify({
    bench: 'sei-imaging',
    world: `${W}x${W}`,
    frames: 9,
    pixels: n,
    cvSamples: cell.observed.time.length,
    core: {
      wallSeconds: +((t3 - t0) / 1e3).toFixed(3),
      substrateSeconds: +((t1 - t0) / 1e3).toFixed(3),
      cvAndSeiSeconds: +((t2 - t1) / 1e3).toFixed(3),
      imagingSeconds: +((t3 - t2) / 1e3).toFixed(3),
      structuringElementRadius: img.meta.structuringElementRadius,
      linesPerSecond: +((9 * n) / ((t3 - t2) / 1e3)).toFixed(0),
      maxRssMB: +(coreRss / 1024).toFixed(1),
      target: { wallSeconds: 10, maxRssMB: 1024 },
      pass: (t3 - t0) / 1e3 < 10 && coreRss / 1024 < 1024,
    },
    fullExperiment: {
      scenario: `sei-insitu-${kind} (512², 2x overview world 1120², analysis, artifacts)`,
      wallSeconds: +((t5 - t4) / 1e3).toFixed(3),
      scoresPassed: full.scores.filter((s) => s.pass).length,
      scores: full.scores.length,
      artifactMB: +(full.artifacts.reduce((a, x) => a + (typeof x.content === 'string' ? x.content.length : x.content.byteLength), 0) / 1e6).toFixed(1),
      maxRssMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
    },
  }),
);
