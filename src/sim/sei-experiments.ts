/**
 * The experiments of paper 000 (Luchkin et al.), each run in memory from the physics to artifacts
 * and scores:
 *
 * - `sei-insitu-hopg`, `sei-insitu-mcmb`, `sei-insitu-hc` — in situ tapping-mode AFM during two CV
 *   cycles at 2 mV/s (Fig. 3): the CV, 9 line-stamped 4 × 4 µm frames at 512², a post-CV overview
 *   with the unscanned control region; analyzers: roughness of the pristine frame, onset per site
 *   class, coverage vs potential and merge potential, 2nd/1st-cycle peak ratio, distinct-peak test,
 *   scanned-vs-unscanned (tip sweeping);
 * - `nmc-control` — the same on NMC 111 in 3.0–4.5 V (Fig. 6): no SEI must be found;
 * - `cafm-scratch` — c-AFM scratching of the formed SEI on HOPG, MCMB and hard carbon (Fig. 4):
 *   scrape-off force, smooth vs rough edge, thickness from the scratched step.
 *
 * Configurations are declared with the scenario schema builders (`*_FIELDS`), so the lead can wire
 * each as `defineExperiment({ fields: SEI_INSITU_FIELDS, run: (c, ctx) => runSeiInsitu(c, ctx.rng) })`.
 */
import type { Rng } from '../models/rng.js';
import type { ParamTable } from '../models/params.js';
import { absoluteScore, relativeScore, type Artifact, type Score } from '../io/artifact.js';
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import { csvArtifact, gsfArtifact, jsonArtifact, npyArtifact, svgArtifact } from '../io/artifacts.js';
import { contactSheet, figure, type Layer } from '../io/plot/index.js';
import { cyclicVoltammetry, potentialAt, type PotentialProgram } from '../models/electrochem/program.js';
import { intercalationCurrent } from '../models/electrochem/currents.js';
import { interpolateNodes } from '../models/electrochem/program.js';
import { generateSubstrate, type SubstrateSurface } from '../models/substrate/topography.js';
import { SUBSTRATE_KINDS, type SubstrateKind } from '../models/substrate/sites.js';
import { Luchkin2020, type PaperValue } from '../models/sei/presets.js';
import { drawBlisters, type Blister } from '../models/sei/blisters.js';
import { coverageCurve, layerThicknessMaps, processIntegralsAt, processThicknessMap, simulateSei } from '../models/sei/growth.js';
import { scrapeThresholdField } from '../models/sei/scrape.js';
import { cropMap } from '../models/substrate/grid.js';
import { AFM_IMAGING, acquireFrames, createTipSweepState, surfaceRow, type ImagingWorld } from './afm-imaging.js';
import { POTENTIOSTAT, runPotentiostat } from './potentiostat.js';
import { CAFM_SCRATCH, runScratch } from './cafm-scratch.js';
import { fieldsOf, flag, list, oneOf, section, type Fields, type InferFields } from './schema.js';
import { rmsRoughness } from '../analysis/roughness.js';
import { coverageVsPotential, detectChanges, mergePotential, scannedVsUnscanned, trimmedMean, type FrameSequence } from '../analysis/coverage.js';
import { detectNuclei, onsetPotentials, stepEdgeMask } from '../analysis/onset.js';
import { cathodicPeak, hasDistinctPeak, peakRatio, type CvData } from '../analysis/cv.js';
import { stepHeight } from '../analysis/thickness.js';
import { scrapeOffForce } from '../analysis/scratch.js';
import { stabilisationPotential } from '../analysis/stabilisation.js';
import { blisterFootprints, detectBlisters } from '../analysis/blisters.js';

/**
 * The potential span of one frame, `first→last V`, with the turning point when the sweep reverses
 * inside the frame (`0.34→0.01→0.34 V`), so a frame that spans a vertex is not mislabelled.
 */
function framePotentialSpan(linePotential: ArrayLike<number>, start: number, lines: number, digits = 2): string {
  const first = linePotential[start];
  const last = linePotential[start + lines - 1];
  let lo = first;
  let hi = first;
  for (let i = start; i < start + lines; i++) {
    lo = Math.min(lo, linePotential[i]);
    hi = Math.max(hi, linePotential[i]);
  }
  const turn = lo < Math.min(first, last) - 1e-6 ? lo : hi > Math.max(first, last) + 1e-6 ? hi : undefined;
  return `${first.toFixed(digits)}→${turn === undefined ? '' : `${turn.toFixed(digits)}→`}${last.toFixed(digits)} V`;
}

// ---- configuration ------------------------------------------------------------------------------

/** The CV of the carbon experiments (000 Fig. 3: "at 2 mV/s cycling rate vs Li+/Li"). */
export const SEI_CV = {
  start: { unit: 'V', min: -1, max: 6, default: 3.0, doc: 'start potential (open circuit) vs Li/Li⁺', source: 'assumption: OCV of carbon in LiPF6 EC/DMC ≈ 3 V' },
  lowerVertex: { unit: 'V', min: -1, max: 6, default: 0.01, doc: 'lower vertex vs Li/Li⁺', source: 'assumption (000 Fig. 3 sweeps down to ~0 V)' },
  upperVertex: { unit: 'V', min: -1, max: 6, default: 3.0, doc: 'upper vertex vs Li/Li⁺' },
  rate: { unit: 'V/s', min: 1e-6, max: 1, default: 2e-3, doc: 'sweep rate', source: '000: "at 2 mV/s cycling rate"' },
  cycles: { unit: '1', min: 1, max: 20, integer: true, default: 2, doc: 'number of CV cycles', source: '000: first and "second CV"' },
} as const satisfies ParamTable;

/** The CV of the NMC 111 control (000 Fig. 6: "in the whole 3.0–4.5 V potential range"). */
export const NMC_CV = {
  start: { unit: 'V', min: -1, max: 6, default: 3.0, doc: 'start potential vs Li/Li⁺', source: '000 Fig. 6' },
  lowerVertex: { unit: 'V', min: -1, max: 6, default: 3.0, doc: 'lower vertex vs Li/Li⁺', source: '000: "3.0–4.5 V potential range"' },
  upperVertex: { unit: 'V', min: -1, max: 6, default: 4.5, doc: 'upper vertex vs Li/Li⁺', source: '000: "3.0–4.5 V potential range"' },
  rate: { unit: 'V/s', min: 1e-6, max: 1, default: 2e-3, doc: 'sweep rate', source: '000 Fig. 6: "at 2 mV/s cycling rate"' },
  cycles: { unit: '1', min: 1, max: 20, integer: true, default: 2, doc: 'number of CV cycles' },
} as const satisfies ParamTable;

/** Acquisition plan of the in situ experiments. */
export const SEI_ACQUISITION = {
  frames: { unit: '1', min: 2, max: 100, integer: true, default: 9, doc: 'in situ frames', source: '000 Fig. 3(c): frames 1–9' },
  framesPerCycle: { unit: '1', min: 0, max: 100, integer: true, default: 9, doc: 'frames per first CV cycle: sets the line rate (0: use imaging.lineRate)' },
  margin: { unit: '1', min: 8, max: 512, integer: true, default: 48, doc: 'world margin around the scans for drift (pixels)' },
  overview: { unit: '1', min: 0, max: 1, integer: true, default: 1, doc: 'post-CV 2× overview containing the unscanned control region (1/0)' },
  waterContent: { unit: '1', min: 0, max: 0.05, default: 0, doc: 'trace water, mass fraction (20e-6 = 20 ppm)', source: '000: water peak at 1.3 V, more blisters' },
  rmsRoughness: { unit: 'm', min: 0, max: 1e-7, default: 0, doc: 'substrate R_q override (0: the Luchkin2020 value of the substrate)' },
  correlationLength: { unit: 'm', min: 0, max: 1e-6, default: 0, doc: 'substrate correlation length override (0: default of the substrate)' },
} as const satisfies ParamTable;

/** Analysis settings and score tolerances of the in situ experiments. */
export const SEI_ANALYSIS = {
  thresholdSigma: { unit: '1', min: 1, max: 50, default: 6, doc: 'SEI detection threshold in noise σ' },
  minThreshold: { unit: 'm', min: 0, max: 1e-8, default: 0.3e-9, doc: 'smallest SEI detection threshold' },
  minNucleusPixels: { unit: '1', min: 1, max: 1000, integer: true, default: 1, doc: 'smallest nucleus (connected pixels above threshold); a fresh hard-carbon deposit nucleus is one 7.8 nm pixel' },
  persistentNuclei: { unit: '1', min: 0, max: 1, integer: true, default: 1, doc: '1: a nucleus counts only if it is still there in the next frame (rejects noise and resampling outliers)' },
  blisterDiameterTolerance: { unit: '1', min: 0.01, max: 1, default: 0.3, doc: 'relative tolerance of the largest blister diameter (a step-edge band across a 0.8 µm dome hides 30 % of its width)' },
  blisterHeightTolerance: { unit: '1', min: 0.01, max: 1, default: 0.15, doc: 'relative tolerance of the tallest blister height' },
  blisterRidgeWidth: { unit: 'm', min: 0, max: 2e-6, default: 0.3e-6, doc: 'ridges narrower than this (SEI bands along step edges, ≈ 0.2 µm) are removed by a grey-scale opening before blister detection' },
  blockLines: { unit: '1', min: 1, max: 512, integer: true, default: 8, doc: 'lines per coverage block (potential resolution ≈ blockLines × v/lineRate)' },
  coverageLevel: { unit: '1', min: 0.05, max: 0.99, default: 0.9, doc: 'coverage that defines the merge ("uniform layer") potential' },
  onsetTolerance: { unit: 'V', min: 0.001, max: 1, default: 0.05, doc: 'onset/merge tolerance (issue: ±0.05 V or one frame span)' },
  ratioTolerance: { unit: '1', min: 0.01, max: 1, default: 0.15, doc: 'relative tolerance of the peak ratio (issue: 15 %)' },
  roughnessTolerance: { unit: '1', min: 0.01, max: 1, default: 0.1, doc: 'relative tolerance of R_q (issue: 10 %)' },
} as const satisfies ParamTable;

/** Scenario sections of `sei-insitu-*` (carbons). */
export const SEI_INSITU_FIELDS = {
  substrate: oneOf(SUBSTRATE_KINDS, 'electrode (000: HOPG, MCMB graphite, hard carbon; NMC 111 is the control)', 'hopg'),
  cv: section('cyclic voltammetry (000 Fig. 3)', fieldsOf(SEI_CV)),
  acquisition: section('what is imaged when', fieldsOf(SEI_ACQUISITION)),
  imaging: section('tapping-mode imaging and its artefacts (src/sim/afm-imaging.ts)', fieldsOf(AFM_IMAGING)),
  potentiostat: section('potentiostat and cell (src/sim/potentiostat.ts)', fieldsOf(POTENTIOSTAT)),
  analysis: section('analyzers and score tolerances', fieldsOf(SEI_ANALYSIS)),
} as const satisfies Fields;

/** Scenario sections of `nmc-control`: as the carbons, with the 3.0–4.5 V CV as default. */
export const NMC_CONTROL_FIELDS = {
  ...SEI_INSITU_FIELDS,
  substrate: oneOf(SUBSTRATE_KINDS, 'electrode (000 Fig. 6: NMC 111)', 'nmc111'),
  cv: section('cyclic voltammetry (000 Fig. 6)', fieldsOf(NMC_CV)),
} as const satisfies Fields;

/** Resolved configuration of an in situ experiment. */
export type SeiInsituConfig = InferFields<typeof SEI_INSITU_FIELDS>;

/** Sample and SEI growth of the scratch experiment. */
export const CAFM_SAMPLE = {
  pixelSize: { unit: 'm', min: 1e-9, max: 1e-7, default: 4e-6 / 512, doc: 'sample grid pixel (the imaging pixel of 000: 4 µm / 512)' },
  margin: { unit: '1', min: 0, max: 512, integer: true, default: 16, doc: 'sample margin around the overview (pixels)' },
  forceTolerance: { unit: '1', min: 0.1, max: 10, default: 1, doc: 'scrape-off force tolerance in force steps (issue: one step)' },
  thicknessTolerance: { unit: '1', min: 0.01, max: 1, default: 0.1, doc: 'relative tolerance of the thickness (issue: 10 %)' },
} as const satisfies ParamTable;

/** Scenario sections of `cafm-scratch`. */
export const CAFM_SCRATCH_FIELDS = {
  substrates: list(oneOf(['hopg', 'mcmb', 'hard-carbon'] as const, 'electrode with SEI'), 'electrodes scratched (000 Fig. 4: HC, MCMB, HOPG)', { minItems: 1, maxItems: 3, default: ['hopg', 'mcmb', 'hard-carbon'] }),
  cv: section('the SEI-forming CV before scratching (000 Fig. 3)', fieldsOf(SEI_CV)),
  sample: section('sample grid and score tolerances', fieldsOf(CAFM_SAMPLE)),
  cafm: section('c-AFM scratch (src/sim/cafm-scratch.ts)', fieldsOf(CAFM_SCRATCH)),
  writeMaps: flag('write the topography/current maps as GSF', true),
} as const satisfies Fields;

export type CafmScratchConfig = InferFields<typeof CAFM_SCRATCH_FIELDS>;

/** What each experiment returns (the runner's ExperimentOutput plus typed results for tests). */
export interface SeiExperimentOutput<R> {
  readonly artifacts: readonly Artifact[];
  readonly scores: readonly Score[];
  readonly summary: Readonly<Record<string, unknown>>;
  readonly results: R;
}

type Progress = (fraction: number, label?: string) => void;
const noProgress: Progress = () => {};

/** Fill every section with its defaults (for calls from code rather than scenario files). */
export function defaultSeiInsituConfig(substrate: SubstrateKind, overrides: { cv?: Partial<SeiInsituConfig['cv']>; acquisition?: Partial<SeiInsituConfig['acquisition']>; imaging?: Partial<SeiInsituConfig['imaging']>; potentiostat?: Partial<SeiInsituConfig['potentiostat']>; analysis?: Partial<SeiInsituConfig['analysis']> } = {}): SeiInsituConfig {
  const d = <T extends ParamTable>(t: T) => Object.fromEntries(Object.entries(t).map(([k, s]) => [k, s.default])) as { -readonly [K in keyof T]: number };
  const cvTable = substrate === 'nmc111' ? NMC_CV : SEI_CV;
  return {
    substrate,
    cv: { ...d(cvTable), ...overrides.cv },
    acquisition: { ...d(SEI_ACQUISITION), ...overrides.acquisition },
    imaging: { ...d(AFM_IMAGING), ...overrides.imaging },
    potentiostat: { ...d(POTENTIOSTAT), ...overrides.potentiostat },
    analysis: { ...d(SEI_ANALYSIS), ...overrides.analysis },
  };
}

/** Default configuration of the scratch experiment. */
export function defaultCafmScratchConfig(overrides: { substrates?: CafmScratchConfig['substrates']; cv?: Partial<CafmScratchConfig['cv']>; sample?: Partial<CafmScratchConfig['sample']>; cafm?: Partial<CafmScratchConfig['cafm']> } = {}): CafmScratchConfig {
  const d = <T extends ParamTable>(t: T) => Object.fromEntries(Object.entries(t).map(([k, s]) => [k, s.default])) as { -readonly [K in keyof T]: number };
  return {
    substrates: overrides.substrates ?? ['hopg', 'mcmb', 'hard-carbon'],
    cv: { ...d(SEI_CV), ...overrides.cv },
    sample: { ...d(CAFM_SAMPLE), ...overrides.sample },
    cafm: { ...d(CAFM_SCRATCH), ...overrides.cafm },
    writeMaps: true,
  };
}

function programOf(cv: SeiInsituConfig['cv']): PotentialProgram {
  const vertices = cv.start <= cv.lowerVertex ? [cv.upperVertex, cv.lowerVertex] : [cv.lowerVertex, cv.upperVertex];
  return cyclicVoltammetry({ start: cv.start, vertices, rate: cv.rate, cycles: cv.cycles });
}

function topographyOverrides(acq: SeiInsituConfig['acquisition']): Record<string, number> {
  const o: Record<string, number> = {};
  if (acq.rmsRoughness > 0) o.rmsRoughness = acq.rmsRoughness;
  if (acq.correlationLength > 0) o.correlationLength = acq.correlationLength;
  return o;
}

// ---- in situ imaging -------------------------------------------------------------------------------

/** Typed results of an in situ run (analysis from observed data, truth beside it). */
export interface SeiInsituResults {
  readonly substrate: SubstrateKind;
  readonly roughness: { readonly estimate: number; readonly truth: number; readonly paper: number };
  readonly onsets: readonly { readonly site: string; readonly estimate: number; readonly bracket: readonly [number, number]; readonly truth: number; readonly nuclei: number }[];
  readonly merge: { readonly estimate: number; readonly truth: number };
  readonly peak: { readonly ratio: number; readonly truthRatio: number; readonly distinct: boolean; readonly truthDistinct: boolean; readonly window: readonly [number, number] } | null;
  readonly sweepBias: { readonly estimate: number; readonly truth: number } | null;
  readonly nucleiDetected: number;
  readonly maxCoverage: number;
  readonly frameSpan: number;
  readonly threshold: number;
  /** Potential from which the relief stops changing (observed) and from the noise-free frames at the same threshold (truth); sweep +1 cathodic, −1 anodic. */
  readonly stabilisation: { readonly estimate: number; readonly sweep: number; readonly truth: number; readonly truthSweep: number; readonly resolution: number; readonly paper: number };
  /** Blisters in the post-CV overview (observed) and the model's blisters lying fully inside it, above the detection threshold. */
  readonly blisters: { readonly count: number; readonly maxDiameter: number; readonly maxHeight: number; readonly truthCount: number; readonly truthMaxDiameter: number; readonly truthMaxHeight: number; readonly sigma: number; readonly found: readonly { readonly x: number; readonly y: number; readonly diameter: number; readonly height: number }[] } | null;
}

/** Score windows and onsets of each substrate, from the preset's quoted paper values. */
function paperTargets(kind: SubstrateKind): { sites: { label: string; truth: number }[]; window: [number, number] | null; mergeTruthLabel: string } {
  const p = Luchkin2020[kind].paper;
  switch (kind) {
    case 'hopg':
      return { sites: [{ label: 'edge', truth: p.edgeOnset.value }, { label: 'basal', truth: p.basalOnset.value }], window: [p.peakWindowLow.value, p.peakWindowHigh.value], mergeTruthLabel: 'merge into a uniform layer' };
    case 'mcmb':
      return { sites: [{ label: 'all', truth: p.onset.value }], window: [p.peakWindowLow.value, p.peakWindowHigh.value], mergeTruthLabel: 'uniform layer' };
    case 'hard-carbon':
      return { sites: [{ label: 'all', truth: p.depositOnset.value }], window: [p.peakWindowLow.value, p.peakWindowHigh.value], mergeTruthLabel: 'complete SEI layer' };
    case 'nmc111':
      return { sites: [], window: null, mergeTruthLabel: 'none' };
    default: {
      const never: never = kind;
      throw new Error(`unknown substrate ${String(never)}`);
    }
  }
}

/**
 * The analyzers' estimates against the numbers paper 000 reports (group `'paper'`): the chain
 * Luchkin2020 preset → potentiostat and AFM → analyzers reproduces the publication, within the
 * issue's tolerances (±0.05 V, 15 % for peak ratios, 10 % for roughness). The onsets need no
 * separate score: their truth already is the paper's onset.
 */
function paperScores(kind: SubstrateKind, where: string, r: SeiInsituResults, an: SeiInsituConfig['analysis']): Score[] {
  const p: Readonly<Record<string, PaperValue>> = Luchkin2020[kind].paper;
  const out: Score[] = [];
  const cite = (v: PaperValue) => `paper 000: "${v.quote}"`;
  const push = (s: Score) => out.push({ ...s, group: 'paper' });
  if (p.rmsRoughness) push(relativeScore('rmsRoughness.paper', `${where}, pristine frame vs ${cite(p.rmsRoughness)}`, 'm', p.rmsRoughness.value, r.roughness.estimate, an.roughnessTolerance, 'the substrate is generated at the paper\'s R_q; one 4 × 4 µm realisation of a correlated surface scatters by a few %'));
  const merge = p.mergePotential ?? p.uniformPotential ?? p.completePotential;
  if (merge) push(absoluteScore('mergePotential.paper', `${where}, coverage ≥ ${an.coverageLevel} vs ${cite(merge)}`, 'V', merge.value, r.merge.estimate, an.onsetTolerance, '±0.05 V (issue 4: onsets within ±0.05 V); "about" in the paper'));
  if (p.stablePotential) push(absoluteScore('stablePotential.paper', `${where}, relief stops changing vs ${cite(p.stablePotential)}`, 'V', p.stablePotential.value, r.stabilisation.estimate, an.onsetTolerance, '±0.05 V as the onsets; "about 0.3 V" in the paper'));
  if (p.peakRatio && r.peak) push(relativeScore('peakRatio.paper', `${where}, cathodic peak ${r.peak.window[0]}–${r.peak.window[1]} V, cycle 2 / cycle 1 vs ${cite(p.peakRatio)}`, '1', p.peakRatio.value, r.peak.ratio, an.ratioTolerance, 'issue 4: peak ratios within 15 % ("3 times", "almost 5 times" smaller)'));
  return out;
}

/**
 * Number of blisters an image can tell apart: blisters whose centres lie closer than the mean of
 * their radii overlap so much that they form one dome, and are counted once (single linkage).
 */
function distinguishableCount(blisters: readonly Blister[]): number {
  const parent = blisters.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < blisters.length; i++)
    for (let j = i + 1; j < blisters.length; j++) {
      const a = blisters[i];
      const b = blisters[j];
      if (Math.hypot(a.x - b.x, a.y - b.y) < (a.diameter + b.diameter) / 4) parent[find(i)] = find(j);
    }
  return new Set(blisters.map((_, i) => find(i))).size;
}

/** Onset truth of a site label from the preset's processes (the model's onset potentials). */
function modelOnset(kind: SubstrateKind, label: string): number {
  const laws = Luchkin2020[kind].processes.flatMap((p) => p.nucleation);
  const pick = label === 'edge' ? laws.filter((l) => l.site === 'hopg-step-edge') : label === 'basal' ? laws.filter((l) => l.site === 'hopg-basal') : laws;
  return pick.length ? Math.max(...pick.map((l) => l.onsetPotential)) : Number.NaN;
}

function gsfMap(path: string, description: string, data: ArrayLike<number>, n: number, size: number, zUnits: string, title: string): Artifact {
  return gsfArtifact(path, description, { data: Float64Array.from(data as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : 0)), xRes: n, yRes: n, xReal: size, yReal: size, zUnits, title });
}

/**
 * Run an in situ SEI experiment (`sei-insitu-hopg|mcmb|hc`, `nmc-control`): build the world
 * (substrate, SEI model through the CV via the potentiostat, blisters), image it, analyse the
 * observed data, score against the truth, and build the artifacts.
 *
 * Tolerances: onsets and merge ±`onsetTolerance` (0.05 V; the line-resolved detection lags the true
 * onset by the time until the tip crosses a fresh nucleus that has grown above threshold, ≈ 5–20 s
 * ≈ 0.01–0.04 V at 2 mV/s); R_q 10 % (noise 0.028 nm adds ≈ 4 % to 0.1 nm in quadrature); peak
 * ratio 15 % (the ratio is read on the total current, whose double-layer and intercalation parts are
 * baseline-subtracted or outside the window); sweep bias: max(1.5 nm, 25 %).
 *
 * @param rng root stream; forks 'substrate', 'cell', 'blisters', 'imaging', 'overview'
 */
export function runSeiInsitu(config: SeiInsituConfig, rng: Rng, progress: Progress = noProgress): SeiExperimentOutput<SeiInsituResults> {
  const kind = config.substrate;
  const preset = Luchkin2020[kind];
  const acq = config.acquisition;
  const im = config.imaging;
  const an = config.analysis;
  const n = im.pixels;
  const dx = im.scanSize / n;
  const M = acq.margin;
  const W = (acq.overview ? 2 * n : n) + 2 * M;
  const grid = { nx: W, ny: W, dx };
  const program = programOf(config.cv);
  const cycle1 = program.startTimes.find((_, i) => program.cycles[i] === 2) ?? program.duration;
  const lineRate = acq.framesPerCycle > 0 ? (acq.framesPerCycle * n) / cycle1 : im.lineRate;
  const imaging = { ...im, lineRate };
  progress(0.02, 'substrate');
  const substrate: SubstrateSurface = generateSubstrate(kind, rng.fork('substrate'), grid, topographyOverrides(acq));
  progress(0.1, 'SEI growth and CV');
  const water = { waterContent: acq.waterContent };
  const cell = runPotentiostat(rng.fork('cell'), program, { grid, sites: substrate.sites, processes: preset.processes, intercalation: preset.intercalation, water }, config.potentiostat);
  const nodes = cell.truth.nodes;
  const blisters: Blister[] = preset.blisters ? drawBlisters(rng.fork('blisters'), preset.blisters, grid, nodes.t, cell.truth.truePotential, acq.waterContent) : [];
  // NMC lattice breathing: the particles' relief scales by 1 − 2 % × (delithiated fraction)
  let substrateScale: ((t: number) => number) | undefined;
  if (kind === 'nmc111') {
    const occ = intercalationCurrent(nodes.t, cell.truth.truePotential, 1, preset.intercalation).occupancy;
    substrateScale = (t: number) => 1 - 0.02 * (1 - interpolateNodes(nodes.t, occ, t));
  }
  const world: ImagingWorld = { grid, substrate: substrate.height, sei: cell.truth.sei, blisters, substrateScale };
  const sweep = createTipSweepState(world);
  const scanX = acq.overview ? M + Math.floor(n / 2) : M;
  const scanY = scanX;
  progress(0.35, 'in situ imaging');
  const img = acquireFrames(rng.fork('imaging'), world, sweep, { originX: scanX, originY: scanY, stride: 1, frames: acq.frames, startTime: 0, potentialAt: (t) => potentialAt(program, t) }, imaging);
  let overview: ReturnType<typeof acquireFrames> | null = null;
  const tEnd = program.duration;
  if (acq.overview) {
    progress(0.7, 'overview with control region');
    overview = acquireFrames(rng.fork('overview'), world, sweep, { originX: M, originY: M, stride: 2, frames: 1, startTime: Math.max(tEnd, acq.frames * n / lineRate), potentialAt: (t) => potentialAt(program, Math.min(t, tEnd)) }, { ...imaging, scanSize: 2 * im.scanSize });
  }
  progress(0.8, 'analysis');
  // ---- analysis of the observed data only ----
  const seq: FrameSequence = img.observed;
  const rough = rmsRoughness(seq.frames[0], n, n, 'plane');
  const roughTruth = rmsRoughness(img.clean.frames[0], n, n, 'plane');
  const changes = detectChanges(seq, { thresholdSigma: an.thresholdSigma, minThreshold: an.minThreshold });
  const edgeMask = kind === 'hopg' ? stepEdgeMask(seq.frames[0], n, n) : undefined;
  const nuclei = detectNuclei(seq, changes, { edgeMask, minPixels: an.minNucleusPixels, persistent: an.persistentNuclei === 1 });
  const targets = paperTargets(kind);
  const siteLabels = targets.sites.map((s) => s.label);
  const onsets = onsetPotentials(nuclei, siteLabels.length ? siteLabels : ['all']);
  const curve = coverageVsPotential(seq, changes, an.blockLines);
  const mergeEst = mergePotential(curve, an.coverageLevel);
  // truth coverage over the scanned window (any process), first reaching the level on cycle 1
  const mask = new Uint8Array(W * W);
  for (let y = scanY; y < scanY + n; y++) for (let x = scanX; x < scanX + n; x++) mask[y * W + x] = 1;
  const covTruth = coverageCurve(cell.truth.sei, mask);
  let mergeTruth = Number.NaN;
  for (let k = 0; k < covTruth.length; k++)
    if (covTruth[k] >= an.coverageLevel) {
      mergeTruth = cell.truth.truePotential[k];
      break;
    }
  const cvObs: CvData = cell.observed;
  const cvSei: CvData = { time: cell.clean.time, potential: cell.clean.potential, current: cell.truth.components.sei.subarray(1), cycle: cell.clean.cycle };
  let peak: SeiInsituResults['peak'] = null;
  if (targets.window && config.cv.cycles >= 2) {
    const pr = peakRatio(cvObs, targets.window);
    const tr = peakRatio(cvSei, targets.window, { baselineWindow: [10, 11] });
    peak = { ratio: pr.ratio, truthRatio: tr.ratio, distinct: hasDistinctPeak(cvObs, 1, targets.window), truthDistinct: hasDistinctPeak(cvSei, 1, targets.window, 0.1, { baselineWindow: [10, 11] }), window: targets.window };
  }
  // blisters in the post-CV overview (pixel 2 dx), detected first: they are no part of the swept
  // film, so their footprints are left out of the tip-sweeping comparison (observed and truth)
  const blisterDetection = overview && preset.blisters ? detectBlisters(overview.observed.frames[0], n, n, 2 * dx, { ridgeWidth: an.blisterRidgeWidth }) : null;
  const blisterMask = blisterDetection ? blisterFootprints(blisterDetection, n, n, 2 * dx) : undefined;
  let sweepBias: SeiInsituResults['sweepBias'] = null;
  if (overview) {
    const ow = overview.observed.frames[0];
    const win = { x0: Math.floor(n / 4), y0: Math.floor(n / 4), ww: Math.floor(n / 2), wh: Math.floor(n / 2) };
    const est = scannedVsUnscanned(ow, n, n, win, 8, blisterMask);
    // truth: visible film inside the scanned window minus outside (clean overview, same regions)
    const tEval = overview.clean.lineTime[0];
    const row = new Float64Array(W);
    const at = processIntegralsAt(cell.truth.sei, tEval);
    const bare = { ...world, substrate: new Float64Array(W * W), blisters: [] };
    const ins: number[] = [];
    const out: number[] = [];
    const m8 = 16;
    for (let y = M; y < M + 2 * n; y++) {
      surfaceRow(bare, sweep, y, 0, W, tEval, at, row);
      for (let x = M; x < M + 2 * n; x++) {
        if (blisterMask && blisterMask[((y - M) >> 1) * n + ((x - M) >> 1)]) continue;
        const inside = x >= scanX + m8 && x < scanX + n - m8 && y >= scanY + m8 && y < scanY + n - m8;
        const outside = !(x >= scanX - m8 && x < scanX + n + m8 && y >= scanY - m8 && y < scanY + n + m8);
        if (inside) ins.push(row[x]);
        else if (outside) out.push(row[x]);
      }
    }
    sweepBias = { estimate: est.bias, truth: trimmedMean(ins) - trimmedMean(out) };
  }
  // film stabilisation: relief change between consecutive frames at the same lines (observed), and
  // the same statistic on the noise-free frames at the observed threshold (truth; the lag-3
  // autocovariance is blind to the pixel noise, so no noise correction is needed)
  const stab = stabilisationPotential(seq, changes);
  const cleanDiffs = img.clean.frames.map((f) => Float64Array.from(f, (v, i) => v - img.clean.frames[0][i]));
  const allValid = cleanDiffs.map(() => new Uint8Array(n * n).fill(1));
  const stabTruth = stabilisationPotential(img.clean, { ...changes, diffs: cleanDiffs, valid: allValid }, { threshold: stab.threshold });
  // blister truth: the model's blisters whose apex, after the analyzer's ridge-removing opening
  // (a disc of diameter w_r keeps (1 − (w_r/D)²)² of a dome's apex), stands above its threshold at
  // the time the overview passes over them
  let blisterRes: SeiInsituResults['blisters'] = null;
  if (overview && blisterDetection) {
    const bd = blisterDetection;
    const wr = an.blisterRidgeWidth;
    const hNow = (b: Blister) => {
      const line = Math.min(n - 1, Math.max(0, Math.floor((b.y / dx - M) / 2)));
      const t = overview!.clean.lineTime[line];
      return t > b.t0 ? b.height * -Math.expm1(-(t - b.t0) / b.inflationTime) : 0;
    };
    // detectable: fully inside the overview (the analyzer drops domes cut by its border) and
    // inflated above the analyzer's threshold (k σ of the film texture) after the opening
    const kept = (b: Blister) => (b.diameter > wr ? (1 - (wr / b.diameter) ** 2) ** 2 : 0);
    const lo = M * dx;
    const hi = (M + 2 * n) * dx;
    const seen = blisters.filter((b) => {
      const R = b.diameter / 2;
      return b.x - R >= lo && b.x + R <= hi && b.y - R >= lo && b.y + R <= hi && hNow(b) * kept(b) > bd.threshold;
    });
    blisterRes = {
      count: bd.count,
      maxDiameter: bd.maxDiameter,
      maxHeight: bd.maxHeight,
      truthCount: distinguishableCount(seen),
      truthMaxDiameter: seen.reduce((a, b) => Math.max(a, b.diameter), 0),
      truthMaxHeight: seen.reduce((a, b) => Math.max(a, hNow(b)), 0),
      sigma: bd.sigma,
      found: bd.blisters.map((b) => ({ x: b.x, y: b.y, diameter: b.diameter, height: b.height })),
    };
  }
  let maxCov = 0;
  for (const c of curve.coverage) maxCov = Math.max(maxCov, c);
  const frameSpan = Math.abs(config.cv.rate) * (n / lineRate);
  const results: SeiInsituResults = {
    substrate: kind,
    roughness: { estimate: rough.rms, truth: roughTruth.rms, paper: 'rmsRoughness' in preset.paper ? preset.paper.rmsRoughness.value : Number.NaN },
    onsets: targets.sites.map((s) => {
      const o = onsets.find((x) => x.site === s.label)!;
      return { site: s.label, estimate: o.onset, bracket: o.bracket, truth: modelOnset(kind, s.label), nuclei: o.nuclei };
    }),
    merge: { estimate: mergeEst, truth: mergeTruth },
    peak,
    sweepBias,
    nucleiDetected: nuclei.length,
    maxCoverage: maxCov,
    frameSpan,
    threshold: changes.threshold,
    stabilisation: { estimate: stab.potential, sweep: stab.sweep, truth: stabTruth.potential, truthSweep: stabTruth.sweep, resolution: stab.resolution, paper: 'stablePotential' in preset.paper ? preset.paper.stablePotential.value : Number.NaN },
    blisters: blisterRes,
  };
  // ---- scores ----
  const scores: Score[] = [];
  const where = `${kind}, ${(im.scanSize * 1e6).toFixed(1)} µm scan, ${n}²`;
  scores.push(relativeScore('rmsRoughness', `${where}, pristine frame, plane levelling`, 'm', results.roughness.truth, results.roughness.estimate, an.roughnessTolerance, 'white + line noise (0.028 nm) adds ≈ 4 % to 0.1 nm in quadrature; tip dilation < 1 % at ℓ ≥ 20 nm'));
  for (const o of results.onsets) {
    scores.push(absoluteScore(`onsetPotential.${o.site}`, `${where}, first nucleus, cycle 1`, 'V', o.truth, o.estimate, an.onsetTolerance, 'line-resolved detection lags the onset until the tip crosses a fresh nucleus above threshold (≈ 5–20 s, 0.01–0.04 V)'));
  }
  if (kind !== 'nmc111') {
    scores.push(absoluteScore('mergePotential', `${where}, coverage ≥ ${an.coverageLevel} (${targets.mergeTruthLabel})`, 'V', results.merge.truth, results.merge.estimate, an.onsetTolerance, `blocks of ${an.blockLines} lines (${(an.blockLines * frameSpan / n * 1e3).toFixed(0)} mV); fresh film needs ~1–5 s to exceed the threshold`));
  }
  if (kind === 'mcmb') {
    const st = results.stabilisation;
    const sw = (x: number) => (x > 0 ? 'cathodic' : x < 0 ? 'anodic' : '?');
    scores.push({
      ...absoluteScore('stablePotential', `${where}, lag-3 px relief change between frames < ${(stab.threshold * 1e9).toFixed(3)} nm (3 × floor) from here on; truth: noise-free frames at that threshold (${sw(st.truthSweep)} sweep; paper: ${st.paper} V)`, 'V', st.truth, st.estimate, an.onsetTolerance, `±${an.onsetTolerance} V as the onsets (one block = ${(st.resolution * 1e3).toFixed(0)} mV is finer); the change is read frame-to-frame at the same lines, so the stop is located at the previous pass, to one block`),
      group: 'recovery',
    });
  }
  if (results.blisters) {
    const b = results.blisters;
    const ov = `${where}, post-CV overview (${(2 * im.scanSize * 1e6).toFixed(0)} µm, 2 × pixel), ridges < ${(an.blisterRidgeWidth * 1e6).toFixed(2)} µm opened away`;
    scores.push(absoluteScore('blisterCount', `${ov}; truth: blisters fully inside, above threshold after the opening, heavily overlapping ones counted once`, '1', b.truthCount, b.count, Math.max(1, Math.round(0.25 * b.truthCount)), 'two overlapping domes can form one component that fails the compactness test; one blister or 25 %'));
    if (b.truthCount > 0) {
      scores.push(relativeScore('blisterMaxDiameter', `${ov}; largest blister (dome fit, paper ≤ 2 µm)`, 'm', b.truthMaxDiameter, b.maxDiameter, an.blisterDiameterTolerance, 'dome fit with band pixels left out: a 0.24 µm step-edge band across a 0.8 µm dome hides 30 % of its width (synthetic test ≤ 20 %; HOPG seeds 1–11: ≤ 5 %, once 24 %)'));
      scores.push(relativeScore('blisterMaxHeight', `${ov}; tallest blister (dome fit, paper ≤ 35 nm)`, 'm', b.truthMaxHeight, b.maxHeight, an.blisterHeightTolerance, 'film texture σ ≈ 0.2–1 nm against 5–35 nm domes, band pixels left out of the fit (HOPG seeds 1–11: ≤ 9 %)'));
    }
  }
  if (peak && kind !== 'hard-carbon') {
    scores.push(relativeScore('peakRatio', `${where}, cathodic peak ${peak.window[0]}–${peak.window[1]} V, cycle 2 / cycle 1`, '1', peak.truthRatio, peak.ratio, an.ratioTolerance, 'total current: double layer removed by the 1.6–2.6 V baseline, intercalation below the window; noise 1 nA ≪ peaks'));
  }
  if (peak && kind === 'hard-carbon') {
    scores.push(absoluteScore('distinctPeak', `${where}, cathodic sweep 1, ${peak.window[0]}–${peak.window[1]} V`, '1', peak.truthDistinct ? 1 : 0, peak.distinct ? 1 : 0, 0, 'a yes/no finding: must match'));
  }
  if (kind === 'nmc111') {
    scores.push(absoluteScore('nucleiDetected', `${where}, all frames (no SEI in 3.0–4.5 V)`, '1', 0, results.nucleiDetected, 0, 'no false positive allowed'));
    scores.push(absoluteScore('maxCoverage', `${where}, all frames`, '1', 0, results.maxCoverage, 0.005, 'isolated noise pixels above a 6σ threshold: < 0.5 %'));
  }
  if (sweepBias) {
    const tol = Math.max(1.5e-9, 0.25 * Math.abs(sweepBias.truth));
    scores.push(absoluteScore('tipSweepBias', `${where}, post-CV overview: scanned window − unscanned surroundings`, 'm', sweepBias.truth, sweepBias.estimate, tol, 'medians of two regions of the overview, each with R_q-level roughness and film texture; 25 % or 1.5 nm'));
  }
  scores.push(...paperScores(kind, where, results, an));
  // ---- artifacts ----
  const artifacts: Artifact[] = [];
  const cvCols = (rec: { time: ArrayLike<number>; potential: ArrayLike<number>; current: ArrayLike<number>; cycle: ArrayLike<number> }) => [
    { name: 'time', unit: 's', values: rec.time },
    { name: 'potential', unit: 'V', values: rec.potential },
    { name: 'current', unit: 'A', values: rec.current },
    { name: 'cycle', unit: '1', values: rec.cycle },
  ];
  artifacts.push(csvArtifact('data/cv.csv', `CV on ${kind} (potentiostat record, vs Li/Li+)`, cvCols(cell.observed)));
  const F = acq.frames;
  const stack = new Float64Array(F * n * n);
  seq.frames.forEach((f, k) => stack.set(f, k * n * n));
  artifacts.push(npyArtifact('data/frames.npy', `in situ height frames (frame, line, pixel), pixel ${dx} m`, 'm; axes: (frame, line, pixel)', { data: stack, shape: [F, n, n] }));
  const fr: number[] = [];
  const ln: number[] = [];
  for (let k = 0; k < F; k++) for (let r = 0; r < n; r++) (fr.push(k), ln.push(r));
  artifacts.push(csvArtifact('data/frame-lines.csv', 'time and potential stamp of every scan line', [
    { name: 'frame', unit: '1', values: fr },
    { name: 'line', unit: '1', values: ln },
    { name: 'time', unit: 's', values: seq.lineTime },
    { name: 'potential', unit: 'V', values: seq.linePotential },
  ]));
  seq.frames.forEach((f, k) => artifacts.push(gsfMap(`data/frame-${String(k + 1).padStart(2, '0')}.gsf`, `in situ frame ${k + 1}: ${framePotentialSpan(seq.linePotential, k * n, n, 3)}`, f, n, im.scanSize, 'm', `Height, frame ${k + 1}`)));
  if (overview) artifacts.push(gsfMap('data/overview.gsf', `post-CV overview ${2 * im.scanSize * 1e6} µm; the in situ window is its centre half`, overview.observed.frames[0], n, 2 * im.scanSize, 'm', 'Height, overview'));
  // truth
  const comp = cell.truth.components;
  artifacts.push(csvArtifact('truth/cv-components.csv', 'current components at the node intervals and the true electrode potential', [
    { name: 'time', unit: 's', values: nodes.t },
    { name: 'applied_potential', unit: 'V', values: nodes.E },
    { name: 'true_potential', unit: 'V', values: cell.truth.truePotential },
    { name: 'sei', unit: 'A', values: comp.sei },
    { name: 'double_layer', unit: 'A', values: comp.doubleLayer },
    { name: 'intercalation', unit: 'A', values: comp.intercalation },
    { name: 'water', unit: 'A', values: comp.water },
  ]));
  const cstack = new Float64Array(F * n * n);
  img.clean.frames.forEach((f, k) => cstack.set(f, k * n * n));
  artifacts.push(npyArtifact('truth/frames-clean.npy', 'true surface at the commanded positions and line times (no tip, noise, drift)', 'm; axes: (frame, line, pixel)', { data: cstack, shape: [F, n, n] }));
  const layers = layerThicknessMaps(cell.truth.sei, tEnd);
  artifacts.push(gsfMap('truth/sei-inner.gsf', 'inner (inorganic) SEI thickness at the end, scanned window, without tip sweeping', cropMap(layers.inner, W, scanX, scanY, n, n), n, im.scanSize, 'm', 'SEI inner layer'));
  artifacts.push(gsfMap('truth/sei-outer.gsf', 'outer (organic) SEI thickness at the end, scanned window, without tip sweeping', cropMap(layers.outer, W, scanX, scanY, n, n), n, im.scanSize, 'm', 'SEI outer layer'));
  const truthJson = {
    substrate: kind,
    preset: 'Luchkin2020',
    paper: preset.paper,
    processes: cell.truth.sei.processes.map((ps) => ({ name: ps.process.name, layer: ps.process.layer, product: ps.process.product, nuclei: ps.nuclei.length, anchorTime: ps.anchorTime, source: ps.process.source })),
    onsets: results.onsets.map((o) => ({ site: o.site, truth: o.truth })),
    mergePotential: mergeTruth,
    peakRatio: peak?.truthRatio ?? null,
    distinctPeak: peak?.truthDistinct ?? null,
    rmsRoughness: { window: roughTruth.rms, world: substrate.truth.rmsRoughness },
    sweepBias: sweepBias?.truth ?? null,
    blisters,
    meanThicknessEnd: mean(layers.inner, mask) + mean(layers.outer, mask),
    imaging: { lineRate, frameDuration: img.meta.frameDuration, offsetsAtFrameStart: Array.from({ length: F }, (_, k) => [img.meta.offsetX[k * n], img.meta.offsetY[k * n]]) },
    potentiostat: { iterations: cell.meta.iterations, maxOhmicDrop: cell.meta.maxOhmicDrop },
  };
  artifacts.push(jsonArtifact('truth/truth.json', 'ground truth of the run (model onsets, merge, ratio, roughness, blisters)', 'SI', truthJson));
  artifacts.push(jsonArtifact('results/analysis.json', 'what seisim’s analyzers found in data/ (observed only)', 'SI', {
    roughness: rough,
    changeDetection: { threshold: changes.threshold, noiseSigma: changes.noiseSigma, shifts: changes.shifts },
    onsets,
    nuclei: nuclei.slice(0, 200),
    mergePotential: mergeEst,
    peak,
    sweepBias,
    stabilisation: { potential: stab.potential, sweep: stab.sweep, resolution: stab.resolution, noiseFloor: stab.noiseFloor, floor: stab.floor, threshold: stab.threshold },
    blisters: results.blisters ? { count: results.blisters.count, maxDiameter: results.blisters.maxDiameter, maxHeight: results.blisters.maxHeight, sigma: results.blisters.sigma } : null,
  }));
  artifacts.push(csvArtifact('results/coverage.csv', 'SEI coverage per block of lines vs potential (observed)', [
    { name: 'time', unit: 's', values: curve.time },
    { name: 'potential', unit: 'V', values: curve.potential },
    { name: 'coverage', unit: '1', values: curve.coverage },
    { name: 'frame', unit: '1', values: curve.frame },
  ]));
  artifacts.push(...insituPlots(kind, cell.observed, seq, curve, covTruth, cell.truth.truePotential, nodes.t, results, overview?.observed.frames[0] ?? null, im.scanSize, config.cv.rate));
  progress(1, 'done');
  return {
    artifacts,
    scores,
    summary: {
      substrate: kind,
      onsets: Object.fromEntries(results.onsets.map((o) => [o.site, o.estimate])),
      mergePotential: mergeEst,
      peakRatio: peak?.ratio ?? null,
      rmsRoughness: rough.rms,
      nucleiDetected: nuclei.length,
      tipSweepBias: sweepBias?.estimate ?? null,
      stablePotential: kind === 'mcmb' ? `${stab.potential.toFixed(3)} V (${stab.sweep > 0 ? 'cathodic' : stab.sweep < 0 ? 'anodic' : '?'} sweep; paper ${results.stabilisation.paper} V)` : null,
      blisters: results.blisters ? `${results.blisters.count} detected (truth ${results.blisters.truthCount}), max ${(results.blisters.maxDiameter * 1e6).toFixed(2)} µm × ${(results.blisters.maxHeight * 1e9).toFixed(1)} nm (truth ${(results.blisters.truthMaxDiameter * 1e6).toFixed(2)} µm × ${(results.blisters.truthMaxHeight * 1e9).toFixed(1)} nm; paper ≤ 2 µm × 35 nm)` : null,
    },
    results,
  };
}

function mean(a: Float64Array, mask: Uint8Array): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < a.length; i++)
    if (mask[i]) {
      s += a[i];
      c++;
    }
  return c ? s / c : Number.NaN;
}

function insituPlots(kind: SubstrateKind, cv: CvData, seq: FrameSequence, curve: ReturnType<typeof coverageVsPotential>, covTruth: Float64Array, Etrue: Float64Array, tNodes: Float64Array, r: SeiInsituResults, overview: Float64Array | null, scanSize: number, sweepRate: number): Artifact[] {
  const out: Artifact[] = [];
  const n = seq.pixels;
  // CV with frame markers (frame starts on the curve)
  const layers: Layer[] = [];
  const maxCycle = Math.max(...Array.from(cv.cycle as ArrayLike<number>));
  for (let c = 1; c <= maxCycle; c++) {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < cv.potential.length; i++) if (cv.cycle[i] === c) (x.push(cv.potential[i]), y.push(cv.current[i]));
    layers.push({ type: 'line', x, y, label: `cycle ${c}`, dash: c === 1 ? 'solid' : 'dashed' });
  }
  const fx: number[] = [];
  const fy: number[] = [];
  for (let k = 0; k < seq.frames.length; k++) {
    const t = seq.lineTime[k * n];
    let best = 0;
    for (let i = 0; i < cv.time.length; i++) if (Math.abs(cv.time[i] - t) < Math.abs(cv.time[best] - t)) best = i;
    fx.push(cv.potential[best]);
    fy.push(cv.current[best]);
  }
  layers.push({ type: 'scatter', x: fx, y: fy, label: 'frame starts', marker: 'diamond', size: 7, color: '#000000' });
  // frame numbers: left of the marker on the cathodic sweep, right of it on the anodic one, so
  // frames that start at the same potential on the two sweeps (e.g. 1 and 9) do not overlap
  let iMin = Infinity;
  let iMax = -Infinity;
  for (let i = 0; i < cv.current.length; i++) if (Number.isFinite(cv.current[i])) [iMin, iMax] = [Math.min(iMin, cv.current[i]), Math.max(iMax, cv.current[i])];
  const dy = 0.06 * (iMax - iMin);
  fx.forEach((x, k) => {
    const cathodic = seq.linePotential[k * n + n - 1] < seq.linePotential[k * n];
    layers.push({ type: 'text', x, y: fy[k] + (cathodic ? dy : -1.6 * dy), text: String(k + 1), anchor: 'middle' });
  });
  out.push(svgArtifact('plots/cv.svg', `CV on ${kind} with the start of each in situ frame`, figure({ title: `CV, ${kind} (${Number((sweepRate * 1e3).toPrecision(3))} mV/s)`, panels: [{ x: { label: 'Potential vs Li/Li⁺', unit: 'V' }, y: { label: 'Current', unit: 'A' }, layers }] })));
  // contact sheet of the frames (height change against frame 1)
  const images = seq.frames.map((f, k) => {
    const step = Math.max(1, Math.floor(n / 128));
    const m = Math.floor(n / step);
    // strided views (no copies) of every step-th pixel, minus the same pixels of frame 1
    const view = (frame: Float64Array) => ndarray(frame, [n, n]).hi(m * step, m * step).step(step, step);
    const small = ndarray(new Float64Array(m * m), [m, m]);
    ops.sub(small, view(f), view(seq.frames[0]));
    return { values: small.data, nx: m, ny: m, caption: `${k + 1}: ${framePotentialSpan(seq.linePotential, k * n, n)}` };
  });
  out.push(svgArtifact('plots/frames.svg', `in situ frames on ${kind}: height change against frame 1`, contactSheet({ title: `In situ frames, ${kind} (height − frame 1)`, images, zLabel: 'Δ height', zUnit: 'm', columns: 3 })));
  // coverage vs potential, estimate (blocks) and truth (cycle 1 cathodic)
  const tx: number[] = [];
  const ty: number[] = [];
  for (let k = 1; k < covTruth.length; k++) if (Etrue[k] < Etrue[k - 1] && tNodes[k] < (seq.lineTime[seq.lineTime.length - 1] ?? Infinity)) (tx.push(Etrue[k]), ty.push(covTruth[k]));
  const ex: number[] = [];
  const ey: number[] = [];
  for (let k = 0; k < curve.coverage.length; k++) if (k === 0 || curve.potential[k] < curve.potential[k - 1]) (ex.push(curve.potential[k]), ey.push(curve.coverage[k]));
  const covLayers: Layer[] = [
    { type: 'line', x: tx, y: ty, label: 'truth (model)', color: '#999999' },
    { type: 'scatter', x: ex, y: ey, label: 'from frames', marker: 'circle', size: 4 },
  ];
  // merge label right of its line, high (the curve is already at 1 there); onset labels left of
  // theirs (higher potentials, where the coverage is still ≈ 0), stacked lower
  if (Number.isFinite(r.merge.estimate)) covLayers.push({ type: 'vline', at: r.merge.estimate, text: 'merge', dash: 'dashed', textAt: 0.3 });
  r.onsets.forEach((o, i) => {
    if (Number.isFinite(o.estimate)) covLayers.push({ type: 'vline', at: o.estimate, text: `onset ${o.site}`, dash: 'dotted', textAt: 0.45 + 0.1 * i, textSide: 'left' });
  });
  out.push(svgArtifact('plots/coverage.svg', `SEI coverage vs potential on ${kind} (cathodic sweeps)`, figure({ title: `Coverage vs potential, ${kind}`, panels: [{ x: { label: 'Potential vs Li/Li⁺', unit: 'V', reverse: true }, y: { label: 'Coverage', unit: '1', domain: [0, 1] }, layers: covLayers }] })));
  if (overview) {
    // the in situ window (centre half) and the detected blisters (fitted diameters) over the heatmap
    const q = scanSize / 2;
    const ovLayers: Layer[] = [
      { type: 'heatmap', values: overview, nx: n, ny: n, xRange: [0, 2 * scanSize], yRange: [0, 2 * scanSize], zLabel: 'Height', zUnit: 'm' },
      { type: 'line', x: [q, 3 * q, 3 * q, q, q], y: [q, q, 3 * q, 3 * q, q], label: 'in situ window', color: '#ffffff', dash: 'dashed', width: 1 },
    ];
    const found = r.blisters?.found ?? [];
    if (found.length > 0) {
      const cx: number[] = [];
      const cy: number[] = [];
      for (const b of found) {
        for (let k = 0; k <= 48; k++) (cx.push(b.x + (b.diameter / 2) * Math.cos((2 * Math.PI * k) / 48)), cy.push(b.y + (b.diameter / 2) * Math.sin((2 * Math.PI * k) / 48)));
        cx.push(Number.NaN);
        cy.push(Number.NaN);
      }
      ovLayers.push({ type: 'line', x: cx, y: cy, label: 'blisters found (fitted diameter)', color: '#ff4040', width: 1.5 });
    }
    out.push(svgArtifact('plots/overview.svg', 'post-CV overview with the in situ window (centre half) and the blisters found', figure({ title: `Post-CV overview, ${kind}`, panels: [{ x: { label: 'x', unit: 'm' }, y: { label: 'y', unit: 'm' }, layers: ovLayers }] })));
  }
  return out;
}

// ---- c-AFM scratch ------------------------------------------------------------------------------------

/** Typed results of the scratch experiment, per substrate. */
export interface CafmScratchResults {
  readonly substrates: readonly {
    readonly substrate: SubstrateKind;
    readonly force: { readonly estimate: number; readonly truth: number; readonly firstConduction: number; readonly edgeWidth: number };
    readonly thickness: { readonly estimate: number; readonly truth: number; readonly paper: number };
    readonly rough: { readonly estimate: boolean; readonly truth: boolean };
  }[];
}

/**
 * Run the c-AFM scratch experiment: for each substrate grow the SEI through the CV (no imaging: the
 * scratched area was never scanned), scratch it with stepped force, image the scratch, and analyse.
 *
 * Tolerances: scrape-off force within `forceTolerance` force steps (the force is known only at the
 * steps; half-conduction is interpolated between them); thickness 10 % against the mean thickness of
 * the film left around the scratch (what a step measures; the scraped area's own mean can differ by
 * ~10 % on HOPG, whose edge bands make the thickness distribution skewed); edge
 * roughness class: rough if the 10–90 % conduction spans more than 3 steps (a straight edge that
 * falls on a step reads 1.6 steps by the interpolation).
 *
 * @param rng root stream; forks '<substrate>' then 'substrate', 'sei', 'pinning', 'scratch'
 */
export function runCafmScratch(config: CafmScratchConfig, rng: Rng, progress: Progress = noProgress): SeiExperimentOutput<CafmScratchResults> {
  const s = config.cafm;
  const dx = config.sample.pixelSize;
  const oPx = Math.round(s.overviewSize / dx);
  const W = oPx + 2 * config.sample.margin;
  const grid = { nx: W, ny: W, dx };
  const program = programOf(config.cv);
  const artifacts: Artifact[] = [];
  const scores: Score[] = [];
  const per: CafmScratchResults['substrates'][number][] = [];
  const panels: { title: string; topo: Float64Array; cur: Float64Array; n: number }[] = [];
  const fracLayers: Layer[] = [];
  config.substrates.forEach((kind, idx) => {
    progress(idx / config.substrates.length, kind);
    const r = rng.fork(kind);
    const preset = Luchkin2020[kind];
    if (!preset.scrapeOff) throw new RangeError(`cafm-scratch: substrate '${kind}' has no scrape-off law`);
    const sub = generateSubstrate(kind, r.fork('substrate'), grid);
    const step = 2e-3 / config.cv.rate; // nodes 2 mV apart (1 s at 2 mV/s), as the potentiostat's default
    const nodesT: number[] = [];
    for (let t = 0; t < program.duration; t += step) nodesT.push(t);
    nodesT.push(program.duration);
    const t = Float64Array.from(nodesT);
    const E = t.map((x) => potentialAt(program, x));
    const sei = simulateSei(r.fork('sei'), { grid, sites: sub.sites, processes: preset.processes, t, E });
    const film = new Float64Array(W * W);
    const tmp = new Float64Array(W * W);
    sei.processes.forEach((_, j) => {
      processThicknessMap(sei, j, program.duration, tmp);
      for (let p = 0; p < film.length; p++) film[p] += tmp[p];
    });
    const thresholds = scrapeThresholdField(r.fork('pinning'), grid, preset.scrapeOff);
    const res = runScratch(r.fork('scratch'), { grid, substrate: sub.height, film, thresholds }, s);
    const o = res.observed;
    const ana = scrapeOffForce(o.current, o.pixels, o.pixels, o.rowForce);
    const th = stepHeight(o.overview, o.overviewPixels, o.overviewPixels);
    const roughEst = ana.edgeWidth > 3 * s.forceStep;
    const roughTruth = preset.scrapeOff.pinning > 0.1;
    const paperThick = 'thickness' in preset.paper ? preset.paper.thickness.value : Number.NaN;
    per.push({
      substrate: kind,
      force: { estimate: ana.force, truth: preset.scrapeOff.force, firstConduction: ana.firstConduction, edgeWidth: ana.edgeWidth },
      thickness: { estimate: th.thickness, truth: res.truth.overviewFilmThickness, paper: paperThick },
      rough: { estimate: roughEst, truth: roughTruth },
    });
    const where = `${kind}, ${(s.scanSize * 1e6).toFixed(1)} µm scratch, force steps ${(s.forceStep * 1e6).toFixed(2)} µN`;
    scores.push(absoluteScore(`scrapeOffForce.${kind}`, where, 'N', preset.scrapeOff.force, ana.force, config.sample.forceTolerance * s.forceStep, 'force known at the steps only; 50 % conduction interpolated between steps'));
    scores.push(relativeScore(`seiThickness.${kind}`, `${kind}, step at the scratched window in the post-scratch overview (truth: mean film thickness left in the overview)`, 'm', res.truth.overviewFilmThickness, th.thickness, config.sample.thicknessTolerance, 'trimmed means of film and floor over ≥ 10⁴ pixels; trimming (5 %) of a skewed film (HOPG edge bands) and R_q move them < 5 %'));
    const paperThickness = preset.paper.thickness;
    if (paperThickness) scores.push({ ...relativeScore(`seiThickness.${kind}.paper`, `${kind}, step at the scratched window vs paper 000: "${paperThickness.quote}" (${paperThickness.where})`, 'm', paperThickness.value, th.thickness, config.sample.thicknessTolerance, 'issue 4: thickness within 10 %; the preset is calibrated to the SEM cross-section value'), group: 'paper' });
    scores.push(absoluteScore(`roughEdge.${kind}`, `${kind}, 10–90 % conduction width > 3 force steps`, '1', roughTruth ? 1 : 0, roughEst ? 1 : 0, 0, 'a yes/no finding: must match (000: smooth on HOPG and HC, rough on MCMB)'));
    if (config.writeMaps) {
      artifacts.push(gsfMap(`data/${kind}-scratch-topography.gsf`, `contact-mode height while scratching ${kind} (force rises line by line)`, o.topography, o.pixels, s.scanSize, 'm', `Height, scratch ${kind}`));
      artifacts.push(gsfMap(`data/${kind}-scratch-current.gsf`, `current at ${s.bias} V bias while scratching ${kind}`, o.current, o.pixels, s.scanSize, 'A', `Current, scratch ${kind}`));
      artifacts.push(gsfMap(`data/${kind}-overview.gsf`, `tapping overview after scratching ${kind}; scratch window in the centre`, o.overview, o.overviewPixels, s.overviewSize, 'm', `Height, overview ${kind}`));
    }
    artifacts.push(csvArtifact(`data/${kind}-row-force.csv`, `force setpoint of every scratch line on ${kind}`, [
      { name: 'line', unit: '1', values: Array.from({ length: o.pixels }, (_, i) => i) },
      { name: 'force', unit: 'N', values: o.rowForce },
    ]));
    panels.push({ title: kind, topo: o.topography, cur: o.current, n: o.pixels });
    fracLayers.push({ type: 'line', x: ana.steps.map((q) => q.force), y: ana.steps.map((q) => q.fraction), label: kind, marker: 'circle' });
    artifacts.push(jsonArtifact(`results/${kind}-scratch.json`, `scratch analysis on ${kind}`, 'SI', { scrapeOff: ana, thickness: th, roughEdge: roughEst }));
    artifacts.push(jsonArtifact(`truth/${kind}-scratch.json`, `scratch truth on ${kind}`, 'SI', { ...res.truth, scrapeOff: preset.scrapeOff, paper: preset.paper, roughEdge: roughTruth }));
  });
  const pSpecs = panels.flatMap((p) => [
    { title: `${p.title}: height`, x: { label: 'x', unit: 'm' }, y: { label: 'y', unit: 'm' }, layers: [{ type: 'heatmap' as const, values: p.topo, nx: p.n, ny: p.n, xRange: [0, s.scanSize] as const, yRange: [0, s.scanSize] as const, zLabel: 'Height', zUnit: 'm' }] },
    { title: `${p.title}: current`, x: { label: 'x', unit: 'm' }, y: { label: 'y', unit: 'm' }, layers: [{ type: 'heatmap' as const, values: p.cur, nx: p.n, ny: p.n, xRange: [0, s.scanSize] as const, yRange: [0, s.scanSize] as const, zLabel: 'Current', zUnit: 'A' }] },
  ]);
  artifacts.push(svgArtifact('plots/scratch-maps.svg', 'topography and current maps while scratching (force increasing line by line, 000 Fig. 4)', figure({ title: 'c-AFM scratch: height and current', panels: pSpecs, columns: 2 })));
  const fLayers: Layer[] = [...fracLayers, ...per.map((q) => ({ type: 'vline' as const, at: q.force.truth, dash: 'dotted' as const, text: `${q.substrate} truth` }))];
  artifacts.push(svgArtifact('plots/scratch-conduction.svg', 'conducting fraction of each force step', figure({ title: 'Conducting fraction vs force', panels: [{ x: { label: 'Force', unit: 'N' }, y: { label: 'Conducting fraction', unit: '1', domain: [0, 1] }, layers: fLayers }] })));
  progress(1, 'done');
  return {
    artifacts,
    scores,
    summary: Object.fromEntries(per.map((q) => [q.substrate, { scrapeOffForce: q.force.estimate, thickness: q.thickness.estimate, roughEdge: q.rough.estimate }])),
    results: { substrates: per },
  };
}

// ---- one function per scenario ----------------------------------------------------------------------

/** `sei-insitu-hopg`: in situ AFM of SEI on HOPG (000 Fig. 3(a–c)). */
export function seiInsituHopg(rng: Rng, config: SeiInsituConfig = defaultSeiInsituConfig('hopg'), progress?: Progress) {
  return runSeiInsitu({ ...config, substrate: 'hopg' }, rng, progress);
}
/** `sei-insitu-mcmb`: in situ AFM of SEI on MCMB graphite (000 Fig. 3(d–f)). */
export function seiInsituMcmb(rng: Rng, config: SeiInsituConfig = defaultSeiInsituConfig('mcmb'), progress?: Progress) {
  return runSeiInsitu({ ...config, substrate: 'mcmb' }, rng, progress);
}
/** `sei-insitu-hc`: in situ AFM of SEI on hard carbon, with tip sweeping (000 Fig. 3(g–i)). */
export function seiInsituHc(rng: Rng, config: SeiInsituConfig = defaultSeiInsituConfig('hard-carbon'), progress?: Progress) {
  return runSeiInsitu({ ...config, substrate: 'hard-carbon' }, rng, progress);
}
/** `nmc-control`: NMC 111 in 3.0–4.5 V, no SEI (000 Fig. 6). */
export function nmcControl(rng: Rng, config: SeiInsituConfig = defaultSeiInsituConfig('nmc111'), progress?: Progress) {
  return runSeiInsitu({ ...config, substrate: 'nmc111' }, rng, progress);
}
/** `cafm-scratch`: c-AFM scratching of the SEI on HOPG, MCMB and HC (000 Fig. 4). */
export function cafmScratch(rng: Rng, config: CafmScratchConfig = defaultCafmScratchConfig(), progress?: Progress) {
  return runCafmScratch(config, rng, progress);
}

/** The five scenario entry points, by scenario name. */
export const SEI_SCENARIOS = {
  'sei-insitu-hopg': seiInsituHopg,
  'sei-insitu-mcmb': seiInsituMcmb,
  'sei-insitu-hc': seiInsituHc,
  'nmc-control': nmcControl,
  'cafm-scratch': cafmScratch,
} as const;


