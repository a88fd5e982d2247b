/**
 * The SECCM hopping instrument (`003_47f56aa074086b1d.txt`): a single-barrel micropipette with a
 * Na quasi-reference counter electrode approaches each site at 0.1 µm/s, stops when the current
 * jumps (the meniscus touches the surface and charges the double layer of the wetted footprint),
 * records the landing height from Z, holds, runs a cyclic voltammogram in the droplet, retracts and
 * hops to the next site. What each landing leaves behind (the SEI spot: inner layer + deposits) is
 * then measured as the paper did: AFM topography (src/sim/afm-imaging.ts), a c-AFM current map at
 * 1 V (src/sim/cafm-scratch.ts at a force below any scrape-off threshold), and optionally a
 * force-volume map with the Fig. S4 adhesion/modulus populations (src/sim/force-curve.ts).
 *
 * 003, Experimental: "the pipette was approached at a rate of 0.1 μm/s using the z-piezo of the SICM
 * scan head. The ion current was monitored, and a sharp change in current indicated the formation
 * of an electrochemical liquid cell"; "CV was performed using a bipotentiostat (CHI760E …) combined
 * with a preamplifier (CHI200B Picoamp Booster …) in a two-electrode setup with the embedded HC as
 * working and the Na reference electrode as counter/reference electrode"; c-AFM "with an applied
 * potential of 1 V between the sample and the tip"; force curves "at a sweep rate of 1 μm/s with
 * loading forces of 10 nN".
 *
 * Every sample is stamped with the global time and the applied potential; the instrument keeps
 * clean signals, noise and observed signals apart, and returns the truth (true potential, current
 * components, footprint, film maps) beside them. Streams per site: `site-<i>` forks 'pipette',
 * 'footprint', 'cell', 'approach-noise', 'cv-noise', 'substrate', 'imaging', 'cafm', 'force-volume';
 * the QRCE offset comes from 'reference' (one pipette filling per run).
 */
import type { Rng } from '../models/rng.js';
import { paramDefaults, resolveParams, type ParamTable, type ParamValues } from '../models/params.js';
import { makeProgram, sampleProgram, type ProgramSegment } from '../models/electrochem/program.js';
import { gaussianRandomField } from '../models/substrate/grf.js';
import type { Grid } from '../models/substrate/grid.js';
import {
  HARD_CARBON_SECCM,
  NEVER_WET,
  PIPETTE,
  SECCM_CELL,
  Saleh2025,
  makeFootprint,
  meniscusEvaporation,
  simulateDropletCell,
  wettingNodes,
  type DropletCellResult,
  type EvaporationSummary,
  type Footprint,
  type HardCarbonSeccmParams,
  type PipetteParams,
  type SeccmCellParams,
  type SeccmElectrolyteId,
  type SeccmElectrolytePreset,
} from '../models/seccm/index.js';
import { acquireFrames, createTipSweepState, type ImagingWorld } from './afm-imaging.js';
import { runScratch } from './cafm-scratch.js';
import { SALEH_2025_FIG_S4, QNM_POPULATIONS, logNormalFromMoments } from './qnm-sample.js';
import { simulateForceMap, type ForceMapOutput, type ForceProbe, type SampleMap } from './force-curve.js';

/** Approach, hopping and potentiostat settings (SI). */
export const SECCM_HOPPING = {
  approachSpeed: {
    unit: 'm/s',
    min: 1e-9,
    max: 1e-4,
    default: 0.1e-6,
    doc: 'Z approach speed',
    source: '003, Experimental: "the pipette was approached at a rate of 0.1 μm/s"',
  },
  approachStartHeight: { unit: 'm', min: 1e-8, max: 1e-4, default: 0.5e-6, doc: 'height of the meniscus above the surface where the approach starts', source: 'assumption' },
  approachSampleInterval: { unit: 's', min: 1e-4, max: 1, default: 0.01, doc: 'current sampling interval during the approach (Z step = speed × interval)', source: 'assumption' },
  landingThreshold: { unit: 'A', min: 1e-16, max: 1e-6, default: 0.3e-12, doc: 'current jump |i| that stops the approach (real-time)', source: 'assumption: ≈ 15 σ of the current noise' },
  retractSpeed: { unit: 'm/s', min: 1e-9, max: 1e-3, default: 1e-6, doc: 'retract speed' },
  retractHeight: { unit: 'm', min: 0, max: 1e-3, default: 2e-6, doc: 'retract height before a hop' },
  hopSpeed: { unit: 'm/s', min: 1e-9, max: 1e-2, default: 5e-6, doc: 'lateral hop speed' },
  restBeforeCv: { unit: 's', min: 0, max: 1e4, default: 2, doc: 'hold at the start potential between landing and the first sweep' },
  potentialStep: { unit: 'V', min: 1e-4, max: 0.05, default: 2e-3, doc: 'CV sampling: one current sample per potential step (Δt = ΔE/v)' },
  maxSamplesPerSite: { unit: '1', min: 100, max: 5e6, integer: true, default: 400000, doc: 'guard on the CV length (samples)' },
  currentNoise: { unit: 'A', min: 0, max: 1e-6, default: 20e-15, doc: 'white current noise σ_i per sample', source: 'assumption: CHI760E with CHI200B Picoamp Booster (003 Experimental), fA-level noise at ~100 Hz' },
  sampleTiltX: { unit: 'rad', min: -0.1, max: 0.1, default: 2e-3, doc: 'sample tilt along x (landing heights)' },
  sampleTiltY: { unit: 'rad', min: -0.1, max: 0.1, default: -1e-3, doc: 'sample tilt along y' },
} as const satisfies ParamTable;
export type SeccmHoppingSettings = ParamValues<typeof SECCM_HOPPING>;

/** How each spot is imaged afterwards (topography and c-AFM on the same local grid). */
export const SECCM_SPOT_IMAGING = {
  pixels: { unit: '1', min: 16, max: 1024, integer: true, default: 256, doc: 'pixels per side of each spot image (and of the film model grid)' },
  fieldFactor: { unit: '1', min: 1.5, max: 10, default: 2.6, doc: 'image side / largest expected footprint radius' },
  tipApexRadius: { unit: 'm', min: 1e-10, max: 1e-6, default: 8e-9, doc: 'imaging tip apex radius', source: '003: low-force contact imaging with RTESPAW-150 (8 nm nominal)' },
  tipHalfAngle: { unit: 'rad', min: 0.05, max: 1.5, default: 0.35, doc: 'imaging tip half-angle (≈20°)' },
  lineRate: { unit: 'Hz', min: 0.01, max: 100, default: 0.5, doc: 'topography line rate' },
  pixelNoise: { unit: 'm', min: 0, max: 1e-8, default: 0.15e-9, doc: 'white height noise σ per pixel' },
  lineNoise: { unit: 'm', min: 0, max: 1e-8, default: 0.2e-9, doc: 'random height offset per line' },
  cafmBias: { unit: 'V', min: -10, max: 10, default: 1, doc: 'c-AFM sample–tip bias', source: '003: "with an applied potential of 1 V between the sample and the tip"' },
  cafmTipRadius: { unit: 'm', min: 1e-9, max: 1e-6, default: 10e-9, doc: 'c-AFM tip radius', source: '003: "sharp, conductive, single-crystal diamond probes (AD-2.8-AS …)"; 10 nm assumed' },
  cafmContactResistance: { unit: 'ohm', min: 1, max: 1e14, default: 1e9, doc: 'diamond tip–HC contact resistance (pristine current = bias/R_c)', source: 'assumption: ≈1 nA on pristine HC at 1 V' },
  cafmTunnellingLength: { unit: 'm', min: 1e-11, max: 1e-8, default: 0.5e-9, doc: 'decay length λ_t of the leakage through the SEI', source: '003: "For spots 2–5 the conductivity drops almost to zero"; 0.5 nm assumed' },
  cafmCurrentNoise: { unit: 'A', min: 0, max: 1e-6, default: 20e-12, doc: 'c-AFM current noise σ', source: 'assumption' },
  cafmForce: { unit: 'N', min: 0, max: 1e-6, default: 5e-9, doc: 'contact force while mapping (below any scrape-off threshold)', source: '003: "Low-force contact mode imaging (F=5 nN)"' },
} as const satisfies ParamTable;
export type SeccmSpotImagingSettings = ParamValues<typeof SECCM_SPOT_IMAGING>;

/** The CV at one site (SI: V and V/s). */
export interface SiteCv {
  readonly start: number;
  readonly vertices: readonly number[];
  readonly rate: number;
  readonly cycles: number;
}

/** One landing site: position on the sample (m) and its CV. */
export interface SeccmSite {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly cv: SiteCv;
}

/** Everything the instrument needs. */
export interface SeccmRunSpec {
  readonly electrolyte: SeccmElectrolyteId;
  readonly sites: readonly SeccmSite[];
  readonly pipette?: Partial<PipetteParams>;
  readonly hardCarbon?: Partial<HardCarbonSeccmParams>;
  readonly cell?: Partial<SeccmCellParams>;
  readonly hopping?: Partial<SeccmHoppingSettings>;
  readonly imaging?: Partial<SeccmSpotImagingSettings>;
  /** Skip AFM/c-AFM images (bench of the electrochemistry alone). */
  readonly skipImages?: boolean;
}

/** The approach record of one site. */
export interface ApproachRecord {
  /** Global time (s), piezo Z of the pipette end (m, surface-relative frame of the instrument), current (A). */
  readonly time: Float64Array;
  readonly z: Float64Array;
  readonly current: Float64Array;
  readonly cleanCurrent: Float64Array;
  /** Sample index at which the instrument stopped (landing detected in real time), −1 if none. */
  readonly stopIndex: number;
  /** Z step (m). */
  readonly zStep: number;
}

/** The CV record of one site (interval samples stamped at the interval end). */
export interface CvRecordSeccm {
  /** Global time (s) at the end of each sample interval. */
  readonly time: Float64Array;
  /** Applied potential vs the QRCE (V). */
  readonly potential: Float64Array;
  readonly current: Float64Array;
  readonly cleanCurrent: Float64Array;
  readonly cycle: Int32Array;
}

/** What one landing left and how it was measured. */
export interface SiteRecord {
  readonly site: SeccmSite;
  readonly approach: ApproachRecord;
  readonly cv: CvRecordSeccm;
  /** Z at which the instrument stopped (m), i.e. the recorded landing height. */
  readonly landingZ: number;
  /** Spot images on the local grid centred on the site: observed topography (m) and c-AFM current (A). */
  readonly image?: { readonly pixels: number; readonly pixelSize: number; readonly topography: Float64Array; readonly cafm: Float64Array };
  readonly truth: SiteTruth;
}

/** Ground truth of one site. */
export interface SiteTruth {
  /** Surface height at the site (m) and Z at which the meniscus touched (m). */
  readonly surfaceZ: number;
  readonly contactZ: number;
  readonly contactTime: number;
  readonly protrusion: number;
  readonly gap: number;
  readonly footprint: Footprint;
  readonly grid: Grid;
  /** Local world grid is `grid` plus `margin` pixels on each side; the film arrays live on the world grid. */
  readonly margin: number;
  readonly wetNode: Int32Array;
  readonly cell: DropletCellResult;
  /** Last node whose interval lay below the island onset (SEI-forming footprint = wetNode ≤ it). */
  readonly lastSeiNode: number;
  /** HC height (m) on the world grid and SEI height (inner + deposits, m). */
  readonly substrate: Float64Array;
  readonly seiHeight: Float64Array;
  readonly evaporation: EvaporationSummary;
  /** Population per world pixel: 0 pristine, 1 thin layer, 2 deposit. */
  readonly population: Uint8Array;
  /** Clean images (no noise, no tip) for comparison. */
  readonly cleanTopography?: Float64Array;
  readonly cleanCafm?: Float64Array;
  readonly cvStartTime: number;
  readonly cvEndTime: number;
}

/** The whole hopping run. */
export interface SeccmRun {
  readonly preset: SeccmElectrolytePreset;
  readonly sites: readonly SiteRecord[];
  readonly settings: { readonly hopping: SeccmHoppingSettings; readonly imaging: SeccmSpotImagingSettings; readonly pipette: PipetteParams; readonly hardCarbon: HardCarbonSeccmParams; readonly cell: SeccmCellParams };
  readonly referenceOffset: number;
  readonly duration: number;
}

/**
 * The potential program of a site: a hold at the start potential for `rest` seconds, then
 * start → vertices[0] → vertices[1] → … repeated `cycles` times (V, V/s, s).
 */
export function siteProgram(cv: SiteCv, rest: number) {
  if (!(cv.rate > 0) || !Number.isFinite(cv.rate)) throw new RangeError(`cv.rate = ${cv.rate} V/s: expected > 0`);
  if (!Number.isInteger(cv.cycles) || cv.cycles < 1) throw new RangeError(`cv.cycles = ${cv.cycles}: expected an integer ≥ 1`);
  if (cv.vertices.length === 0) throw new RangeError('cv.vertices: expected at least one vertex');
  const segs: ProgramSegment[] = [];
  const cyc: number[] = [];
  if (rest > 0) {
    segs.push({ kind: 'hold', potential: cv.start, duration: rest });
    cyc.push(0);
  }
  let e = cv.start;
  for (let c = 1; c <= cv.cycles; c++) {
    for (const v of cv.vertices) {
      if (v === e) continue;
      segs.push({ kind: 'sweep', from: e, to: v, rate: cv.rate });
      cyc.push(c);
      e = v;
    }
  }
  return makeProgram(segs, cyc);
}

/** Largest footprint radius the landing can reach by time `duration` (3σ unevenness), m. */
function maxFootprintRadius(fp: Footprint, unevenness: number, duration: number): number {
  const f = 1 + 3 * unevenness;
  return fp.landingRadius * f + Math.sqrt(fp.wicking * duration) * f;
}

/**
 * Run the hopping experiment: approach, land, CV, retract at every site; then image each spot.
 * `rng` is the instrument's stream (forks documented in the module doc).
 */
export function runSeccmHopping(rng: Rng, spec: SeccmRunSpec, progress: (fraction: number, label?: string) => void = () => {}): SeccmRun {
  const preset = Saleh2025[spec.electrolyte];
  if (!preset) throw new RangeError(`electrolyte = '${String(spec.electrolyte)}': expected one of ${Object.keys(Saleh2025).join(', ')}`);
  if (spec.sites.length === 0) throw new RangeError('sites: expected at least one site');
  const pipette = resolveParams(PIPETTE, spec.pipette ?? {}, 'pipette');
  const hc = resolveParams(HARD_CARBON_SECCM, spec.hardCarbon ?? {}, 'hardCarbon');
  const cell = resolveParams(SECCM_CELL, spec.cell ?? {}, 'cell');
  const hop = resolveParams(SECCM_HOPPING, spec.hopping ?? {}, 'hopping');
  const img = resolveParams(SECCM_SPOT_IMAGING, spec.imaging ?? {}, 'imaging');
  const referenceOffset = cell.referenceOffsetSd * rng.fork('reference').normal();
  let clock = 0;
  let prevX = spec.sites[0].x;
  let prevY = spec.sites[0].y;
  const records: SiteRecord[] = [];
  spec.sites.forEach((site, si) => {
    progress(si / spec.sites.length, `SECCM: site ${si + 1}/${spec.sites.length} (${site.label})`);
    const srng = rng.fork(`site-${si}`);
    // ---- hop ----
    clock += Math.hypot(site.x - prevX, site.y - prevY) / hop.hopSpeed;
    prevX = site.x;
    prevY = site.y;
    const surfaceZ = hop.sampleTiltX * site.x + hop.sampleTiltY * site.y;
    const protrusion = Math.max(0.2 * pipette.meniscusProtrusion, pipette.meniscusProtrusion * (1 + pipette.protrusionJitter * srng.fork('pipette').normal()));
    // ---- approach: the meniscus end descends from startHeight above the surface ----
    const dtA = hop.approachSampleInterval;
    const zStep = hop.approachSpeed * dtA;
    const zStart = surfaceZ + protrusion + hop.approachStartHeight;
    const contactZ = surfaceZ + protrusion;
    const tContact = (zStart - contactZ) / hop.approachSpeed; // since approach start
    // landing footprint at contact (gap = protrusion) for the size of the charging spike
    const fpRng = srng.fork('footprint');
    const program = siteProgram(site.cv, hop.restBeforeCv);
    const Estart = site.cv.start;
    const an = srng.fork('approach-noise');
    const maxSteps = Math.ceil((hop.approachStartHeight + protrusion) / zStep) + 2;
    const aTime: number[] = [];
    const aZ: number[] = [];
    const aI: number[] = [];
    const aClean: number[] = [];
    let stop = -1;
    // double-layer charge of the landing footprint at the start potential (the "jump")
    const fp0 = makeFootprint(fpRng, pipette, preset.electrolyte, hc, protrusion, preset.unevenness);
    const A0 = Math.PI * fp0.landingRadius * fp0.landingRadius;
    const qJump = hc.doubleLayerCapacitance * A0 * (Estart + referenceOffset - hc.potentialOfZeroCharge);
    for (let k = 0; k <= maxSteps; k++) {
      const tk = k * dtA;
      const z = zStart - hop.approachSpeed * tk;
      let clean = 0;
      if (tk >= tContact && tk - dtA < tContact) clean = qJump / dtA; // contact within this sample
      const i = clean + hop.currentNoise * an.normal();
      aTime.push(clock + tk);
      aZ.push(z);
      aI.push(i);
      aClean.push(clean);
      if (Math.abs(i) > hop.landingThreshold) {
        stop = k;
        break;
      }
      if (z <= surfaceZ) break; // meniscus squeezed to the glass: a crash, no jump seen
    }
    const stopIndex = stop;
    const landingZ = aZ[aZ.length - 1];
    const gap = Math.max(0, landingZ - surfaceZ);
    const approachDuration = aTime[aTime.length - 1] - clock;
    clock += approachDuration;
    const fp = gap === protrusion ? fp0 : makeFootprint(fpRng, pipette, preset.electrolyte, hc, gap, preset.unevenness);
    // ---- CV in the droplet ----
    const dt = hop.potentialStep / site.cv.rate;
    const nodes = sampleProgram(program, dt);
    if (nodes.t.length > hop.maxSamplesPerSite) throw new RangeError(`site '${site.label}': ${nodes.t.length} CV samples exceed hopping.maxSamplesPerSite = ${hop.maxSamplesPerSite} (raise potentialStep)`);
    const rMax = maxFootprintRadius(fp, preset.unevenness, program.duration);
    const n = img.pixels;
    const side = img.fieldFactor * rMax;
    const dx = side / n;
    const margin = 8;
    const world: Grid = { nx: n + 2 * margin, ny: n + 2 * margin, dx };
    const centre = (n / 2 + margin) * dx;
    const wetNode = wettingNodes(fp, world, centre, centre, nodes.t);
    const vMin = Math.min(site.cv.start, ...site.cv.vertices);
    const cellResult = simulateDropletCell(srng.fork('cell'), {
      grid: world,
      wetNode,
      t: nodes.t,
      Eapplied: nodes.E,
      startTime: clock,
      sweepRate: site.cv.rate,
      minimumPotential: vMin,
      referenceOffset,
      pipette,
      hc,
      electrolyte: preset.electrolyte,
      kinetics: preset.kinetics,
      cell,
      passivation: { kind: preset.passivation, length: preset.kinetics.innerPassivationLength, initialThickness: preset.kinetics.innerInitialThickness },
      innerReaction: preset.innerReaction,
      depositReaction: preset.depositReaction,
    });
    const N = nodes.t.length;
    const cvN = new Float64Array(N - 1);
    const cvTime = new Float64Array(N - 1);
    const cvE = new Float64Array(N - 1);
    const cvI = new Float64Array(N - 1);
    const cvClean = new Float64Array(N - 1);
    const cvCycle = new Int32Array(N - 1);
    const cn = srng.fork('cv-noise');
    for (let m = 1; m < N; m++) {
      cvTime[m - 1] = clock + nodes.t[m];
      cvE[m - 1] = nodes.E[m];
      cvClean[m - 1] = cellResult.current[m];
      cvI[m - 1] = cellResult.current[m] + hop.currentNoise * cn.normal();
      cvCycle[m - 1] = nodes.cycle[m];
      cvN[m - 1] = m;
    }
    const cvStart = clock;
    clock += program.duration;
    const cvEnd = clock;
    clock += hop.retractHeight / hop.retractSpeed;
    let lastSei = 0;
    const Ef = cellResult.filmPotential;
    for (let m = 1; m < N; m++) if (0.5 * (Ef[m - 1] + Ef[m]) < preset.kinetics.islandOnsetPotential) lastSei = m;
    // ---- the spot: HC + inner layer + deposits on the world grid ----
    const P = world.nx * world.ny;
    const rough = gaussianRandomField(srng.fork('substrate'), world, hc.roughnessRms, hc.roughnessCorrelationLength);
    const substrate = new Float64Array(P);
    const sei = new Float64Array(P);
    const population = new Uint8Array(P);
    const film = cellResult.film;
    const depMean = film.deposits.length ? film.deposits.reduce((s, d) => s + d.height, 0) / film.deposits.length : 0;
    for (let j = 0; j < world.ny; j++) {
      for (let i = 0; i < world.nx; i++) {
        const p = j * world.nx + i;
        const xl = (i + 0.5) * dx - centre;
        const yl = (j + 0.5) * dx - centre;
        substrate[p] = surfaceZ + hop.sampleTiltX * xl + hop.sampleTiltY * yl + rough[p];
        sei[p] = film.innerThickness[p] + film.depositHeight[p];
        population[p] = film.depositHeight[p] > 0.5 * depMean && depMean > 0 ? 2 : film.innerThickness[p] > 0 ? 1 : 0;
      }
    }
    const evaporation = meniscusEvaporation(preset.electrolyte, cell, pipette, Math.sqrt(film.wettedArea[N - 1] / Math.PI), program.duration);
    let image: SiteRecord['image'];
    let cleanTopography: Float64Array | undefined;
    let cleanCafm: Float64Array | undefined;
    if (!spec.skipImages) {
      const heights = new Float64Array(P);
      for (let p = 0; p < P; p++) heights[p] = substrate[p] + sei[p];
      const worldImg: ImagingWorld = { grid: world, substrate: heights, sei: { grid: world, t: Float64Array.of(0, 1), E: Float64Array.of(0, 0), processes: [] }, blisters: [] };
      const frames = acquireFrames(srng.fork('imaging'), worldImg, createTipSweepState(worldImg), { originX: margin, originY: margin, stride: 1, frames: 1, startTime: 0, potentialAt: () => 0 }, {
        scanSize: n * dx,
        pixels: n,
        lineRate: img.lineRate,
        tipApexRadius: img.tipApexRadius,
        tipHalfAngle: img.tipHalfAngle,
        pixelNoise: img.pixelNoise,
        lineNoise: img.lineNoise,
        maxTipDepth: Math.max(20e-9, Math.min(1e-6, 4 * (depMean + 50e-9))),
      });
      const cafm = runScratch(srng.fork('cafm'), { grid: world, substrate, film: sei, thresholds: new Float64Array(P).fill(Number.POSITIVE_INFINITY) }, {
        bias: img.cafmBias,
        tipRadius: img.cafmTipRadius,
        contactResistance: img.cafmContactResistance,
        tunnellingLength: img.cafmTunnellingLength,
        currentNoise: img.cafmCurrentNoise,
        forceStart: img.cafmForce,
        forceStep: 1e-9,
        linesPerStep: 1024,
        scanSize: n * dx,
        pixels: n,
        overviewSize: n * dx,
        overviewPixels: n % 8 === 0 ? 8 : n,
        overviewTipRadius: img.tipApexRadius,
        heightNoise: img.pixelNoise,
        lineNoise: img.lineNoise,
      });
      image = { pixels: n, pixelSize: dx, topography: frames.observed.frames[0], cafm: cafm.observed.current };
      cleanTopography = frames.clean.frames[0];
      cleanCafm = cafm.clean.current;
    }
    records.push({
      site,
      approach: { time: Float64Array.from(aTime), z: Float64Array.from(aZ), current: Float64Array.from(aI), cleanCurrent: Float64Array.from(aClean), stopIndex, zStep },
      cv: { time: cvTime, potential: cvE, current: cvI, cleanCurrent: cvClean, cycle: cvCycle },
      landingZ,
      ...(image ? { image } : {}),
      truth: {
        surfaceZ,
        contactZ,
        contactTime: aTime[0] + tContact,
        protrusion,
        gap,
        footprint: fp,
        grid: { nx: n, ny: n, dx },
        margin,
        wetNode,
        cell: cellResult,
        lastSeiNode: lastSei,
        substrate,
        seiHeight: sei,
        evaporation,
        population,
        ...(cleanTopography ? { cleanTopography } : {}),
        ...(cleanCafm ? { cleanCafm } : {}),
        cvStartTime: cvStart,
        cvEndTime: cvEnd,
      },
    });
  });
  progress(1);
  return { preset, sites: records, settings: { hopping: hop, imaging: img, pipette, hardCarbon: hc, cell }, referenceOffset, duration: clock };
}

/** Crop a world-grid array to the image window (the spot grid without margins). */
export function cropToImage(values: ArrayLike<number>, truth: SiteTruth): Float64Array {
  const n = truth.grid.nx;
  const W = n + 2 * truth.margin;
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out[j * n + i] = values[(j + truth.margin) * W + i + truth.margin];
  return out;
}

/**
 * Truth of a spot on the image window: SEI-forming footprint mask (wetted while the potential was
 * below the island onset), inner-layer thickness, deposit height, film transmission for the c-AFM
 * (e^{−H/λ_t}), and their summaries.
 */
export function spotTruth(rec: SiteRecord, tunnellingLength: number): {
  mask: Uint8Array;
  diameter: number;
  blocking: number;
  coverage: number;
  innerThickness: number;
  depositMean: number;
  depositSd: number;
  meanHeight: number;
  wettedDiameter: number;
} {
  const t = rec.truth;
  const n = t.grid.nx;
  const W = n + 2 * t.margin;
  const mask = new Uint8Array(n * n);
  let cnt = 0;
  let wetCnt = 0;
  let T = 0;
  let cov = 0;
  let hSum = 0;
  const inner: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const p = (j + t.margin) * W + i + t.margin;
      const w = t.wetNode[p];
      if (w !== NEVER_WET) wetCnt++;
      if (w === NEVER_WET || w > t.lastSeiNode) continue;
      mask[j * n + i] = 1;
      cnt++;
      const h = t.seiHeight[p];
      hSum += h;
      T += Math.exp(-h / tunnellingLength);
      if (t.cell.film.innerThickness[p] > 0) {
        cov++;
        inner.push(t.cell.film.innerThickness[p]);
      }
    }
  }
  inner.sort((a, b) => a - b);
  const deps = t.cell.film.deposits.map((d) => d.height);
  const dm = deps.length ? deps.reduce((s, v) => s + v, 0) / deps.length : NaN;
  const dsd = deps.length > 1 ? Math.sqrt(deps.reduce((s, v) => s + (v - dm) ** 2, 0) / (deps.length - 1)) : NaN;
  const a = t.grid.dx * t.grid.dx;
  return {
    mask,
    diameter: 2 * Math.sqrt((cnt * a) / Math.PI),
    blocking: cnt ? 1 - T / cnt : NaN,
    coverage: cnt ? cov / cnt : NaN,
    innerThickness: inner.length ? inner[inner.length >> 1] : NaN,
    depositMean: dm,
    depositSd: dsd,
    meanHeight: cnt ? hSum / cnt : NaN,
    wettedDiameter: 2 * Math.sqrt((wetCnt * a) / Math.PI),
  };
}

/** Force-volume settings. */
export const SECCM_FORCE_VOLUME = {
  pixels: { unit: '1', min: 4, max: 128, integer: true, default: 24, doc: 'force-volume pixels per side over the spot image' },
  samplesPerCurve: { unit: '1', min: 40, max: 20000, integer: true, default: 400, doc: 'samples per curve (approach + retract)' },
  rampSize: { unit: 'm', min: 5e-9, max: 1e-6, default: 40e-9, doc: 'Z ramp' },
  triggerForce: { unit: 'N', min: 1e-10, max: 1e-6, default: 10e-9, doc: 'trigger force', source: '003: "with loading forces of 10 nN"' },
  rampRate: { unit: 'm/s', min: 1e-8, max: 1e-3, default: 1e-6, doc: 'ramp rate', source: '003: "at a sweep rate of 1 μm/s"' },
} as const satisfies ParamTable;
export type SeccmForceVolumeSettings = ParamValues<typeof SECCM_FORCE_VOLUME>;

/**
 * Force-volume map over a spot: the spot's populations (pristine HC, thin layer, deposits — the
 * truth of the landing, block-sampled onto the force-volume grid) with the adhesion and modulus of
 * 003 Fig. S4 drawn per pixel (src/sim/qnm-sample.ts), then the force-curve instrument.
 * Streams: 'populations', 'map' forked from `rng`.
 */
export function spotForceVolume(rng: Rng, rec: SiteRecord, probe: ForceProbe, settings: Partial<SeccmForceVolumeSettings> = {}): { map: ForceMapOutput; sample: SampleMap; population: Uint8Array; size: number } {
  const s = resolveParams(SECCM_FORCE_VOLUME, settings, 'forceVolume');
  const t = rec.truth;
  const n = t.grid.nx;
  const W = n + 2 * t.margin;
  const m = s.pixels;
  const size = n * t.grid.dx;
  const px = size / m;
  const np = m * m;
  const E = new Float64Array(np);
  const W_ = new Float64Array(np);
  const film = new Float64Array(np);
  const zS = new Float64Array(np);
  const pop = new Uint8Array(np);
  const pr = rng.fork('populations');
  const tipR = probe.tip.kind === 'paraboloid' ? probe.tip.radius : 8e-9;
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      // nearest world pixel to the force-volume pixel centre
      const wi = Math.min(n - 1, Math.floor(((i + 0.5) * px) / t.grid.dx)) + t.margin;
      const wj = Math.min(n - 1, Math.floor(((j + 0.5) * px) / t.grid.dx)) + t.margin;
      const p = wj * W + wi;
      const q = j * m + i;
      pop[q] = t.population[p];
      const P = SALEH_2025_FIG_S4[QNM_POPULATIONS[pop[q]]];
      E[q] = logNormalFromMoments(pr, P.modulusMean, P.modulusSd);
      W_[q] = logNormalFromMoments(pr, P.adhesionMean, P.adhesionSd) / (2 * Math.PI * tipR);
      film[q] = t.seiHeight[p] > 0 ? t.seiHeight[p] : Number.POSITIVE_INFINITY;
      zS[q] = -(t.substrate[p] + t.seiHeight[p]);
    }
  }
  const sample: SampleMap = { nx: m, ny: m, pixelSize: px, youngsModulus: E, poissonRatio: new Float64Array(np).fill(0.3), adhesionWork: W_, filmThickness: film, filmAttachment: 'bonded', surfaceZ: zS };
  const map = simulateForceMap('dmt', probe, sample, { samplesPerCurve: s.samplesPerCurve, rampSize: s.rampSize, triggerForce: s.triggerForce, rampRate: s.rampRate }, rng.fork('map'), false);
  return { map, sample, population: pop, size };
}

/** Defaults of every table (for docs and `seisim params`). */
export const SECCM_INSTRUMENT_DEFAULTS = {
  hopping: paramDefaults(SECCM_HOPPING),
  imaging: paramDefaults(SECCM_SPOT_IMAGING),
  forceVolume: paramDefaults(SECCM_FORCE_VOLUME),
};
