/**
 * Force-curve instrument: approach and retract ramps of the Z piezo with a deflection trigger, the
 * photodiode signal in volts through the (true) InvOLS, and the artefacts of a real AFM — baseline
 * offset and tilt (laser light reflected by the sample: "virtual deflection"), optical interference
 * (a sinusoid in Z of period λ/2), drift of the deflection signal in time, thermal deflection noise and
 * detector noise — plus the calibration errors of the values handed to the analyst (nominal InvOLS
 * and k). Force-volume maps repeat the curve over a grid of pixels with per-pixel sample properties.
 *
 * Physics: the quasi-static mechanics of src/models/contact/force-curve.ts (snap-in, adhesion
 * hysteresis and pull-off of the DMT–vdW and JKR laws; thin-film bottom effect). Thermal deflection
 * noise: per sample a normal deviate of variance β k_BT/(k + k_c) — the cantilever in parallel with
 * the contact stiffness k_c (equipartition; β = 0.8174, Butt & Jaschke 1995); treated as white, i.e.
 * the sampling interval is taken as long compared with the lever's correlation time Q/(πf₀) — an
 * approximation for slow ramps of high-Q levers in air, whose thermal noise is anyway below the
 * detector noise here. The trigger stops the approach when the deflection signal, converted with the
 * nominal InvOLS and k, reaches the set force; with miscalibrated values the true peak force differs
 * from the set one, as on a real instrument. `004_267c2b1eb0f141f1.txt` Fig. 4 shows the anatomy.
 *
 * Noise streams: `rng.fork('thermal')`, `rng.fork('detector')`, `rng.fork('interference')` (phase).
 */
import type { ParamProblem, ParamTable, ParamValues } from '../models/params.js';
import { resolveParams } from '../models/params.js';
import type { Rng } from '../models/rng.js';
import { thermalCalibrationFactor } from '../models/probe/analytic.js';
import { BOLTZMANN } from '../models/probe/hydrodynamics.js';
import type { TipShape } from '../models/probe/tip.js';
import type { TipMaterial } from '../models/probe/presets.js';
import type { FilmAttachment } from '../models/contact/analytic.js';
import { reducedModulus } from '../models/contact/modulus.js';
import { adhesionForce, piezoPositionAtForce, simulateForceCurve, type ContactLaw, type ContactModel } from '../models/contact/force-curve.js';
import { dimitriadisCoefficients, dimitriadisFactor } from '../models/contact/analytic.js';
import { flexuralSpringConstant } from '../models/probe/cantilever.js';
import { PROBE_PRESETS, probePreset } from '../models/probe/presets.js';
import {
  convertForceCurve,
  estimateFilmThickness,
  fitForceCurve,
  fitForceMap,
  type ForceCurveFitOptions,
  type ForceMapFit,
} from '../analysis/force-curve-fit.js';
import { contactModelDescription, methodsReport, methodsReportMarkdown } from '../analysis/reporting.js';
import { relativeScore, type Artifact, type Score } from '../io/artifact.js';
import { csvArtifact, gsfArtifact, jsonArtifact, npyArtifact, svgArtifact } from '../io/artifacts.js';
import { figure, type PanelSpec } from '../io/plot/index.js';
import { fieldsOf, flag, oneOf, quantity, section, type Fields, type InferFields } from './schema.js';
import { generateQnmSample, QNM_POPULATIONS, QNM_SAMPLE, type QnmPopulation, type QnmSample } from './qnm-sample.js';

/** Instrument parameters of a force curve (SI). Defaults follow `003_47f56aa074086b1d.txt` where it gives values. */
export const FORCE_CURVE = {
  samplesPerCurve: { unit: '1', min: 20, max: 1e6, integer: true, default: 1000, doc: 'samples per curve N (approach N/2 + retract N/2)' },
  rampSize: { unit: 'm', min: 1e-9, max: 1e-4, default: 40e-9, doc: 'Z travel of each ramp (approach and retract)' },
  rampRate: {
    unit: 'm/s',
    min: 1e-9,
    max: 1e-2,
    default: 1e-6,
    doc: 'Z sweep rate',
    source: '003_47f56aa074086b1d.txt, Experimental Section: "Force-distance curves were recorded at a sweep rate of 1 μm/s"',
  },
  triggerForce: {
    unit: 'N',
    min: 1e-12,
    max: 1e-5,
    default: 10e-9,
    doc: 'set-point (trigger) force F_t, in the analyst\'s nominal calibration',
    source: '003_47f56aa074086b1d.txt, Experimental Section: "with loading forces of 10 nN"',
  },
  temperature: { unit: 'K', min: 1, max: 1000, default: 298.15, doc: 'temperature T (thermal deflection noise)' },
  invOLS: { unit: 'm/V', min: 1e-10, max: 1e-5, default: 50e-9, doc: 'true normal InvOLS' },
  invOLSError: { unit: '1', min: -0.9, max: 10, default: 0, doc: 'relative error e_s of the InvOLS given to the analyst (nominal = true·(1 + e_s))' },
  springConstantError: { unit: '1', min: -0.9, max: 10, default: 0, doc: 'relative error e_k of the spring constant given to the analyst (nominal = true·(1 + e_k))' },
  detectorNoiseDensity: {
    unit: 'V/Hz^0.5',
    min: 0,
    max: 1e-2,
    default: 5e-7,
    doc: 'white detector noise density (shot + electronic); per sample σ = density·√(f_s/2), f_s = samples per ramp / ramp time',
    source: '≈ 25 fm/√Hz deflection-equivalent at 50 nm/V, typical of commercial AFMs',
  },
  baselineOffset: { unit: 'V', min: -10, max: 10, default: 0.05, doc: 'deflection signal offset out of contact' },
  baselineTilt: { unit: 'V/m', min: -1e8, max: 1e8, default: 1e5, doc: 'slope of the out-of-contact deflection signal vs Z (virtual deflection)' },
  interferenceAmplitude: { unit: 'V', min: 0, max: 1, default: 0, doc: 'amplitude of the optical-interference ripple of the baseline' },
  interferencePeriod: { unit: 'm', min: 1e-8, max: 1e-5, default: 325e-9, doc: 'period in Z of the interference ripple (λ/2 of a 650 nm laser)' },
  driftRate: { unit: 'V/s', min: -10, max: 10, default: 0, doc: 'drift of the deflection signal in time' },
} as const satisfies ParamTable;

/** Resolved instrument parameters. */
export type ForceCurveInstrument = ParamValues<typeof FORCE_CURVE>;

/** Validate instrument values (throws a ParamError naming every problem). */
export function makeForceCurveInstrument(values: Partial<ForceCurveInstrument> = {}): ForceCurveInstrument {
  const ins = resolveParams(FORCE_CURVE, values);
  if (ins.samplesPerCurve % 2 !== 0) throw new RangeError(`force curve: samplesPerCurve = ${ins.samplesPerCurve} must be even (approach + retract)`);
  return ins;
}

/** The probe as the force-curve instrument needs it. */
export interface ForceProbe {
  /** True spring constant k [N/m]. */
  readonly springConstant: number;
  readonly tip: TipShape;
  readonly tipMaterial: TipMaterial;
}

/** The sample under one pixel (SI). */
export interface PixelSample {
  /** Young's modulus E_s [Pa]. */
  readonly youngsModulus: number;
  readonly poissonRatio: number;
  /** Work of adhesion W [J/m²]. */
  readonly adhesionWork: number;
  /** Thickness of a film on a rigid substrate [m] (Infinity: half-space). */
  readonly filmThickness: number;
  readonly filmAttachment: FilmAttachment;
  /** Piezo Z at which the undeflected tip touches the surface [m] (= −topography + const). */
  readonly surfaceZ: number;
}

/** Build the contact law of a pixel. */
export function pixelContactLaw(model: ContactModel, probe: ForceProbe, s: PixelSample): ContactLaw {
  const adhesive = model === 'dmt' || model === 'jkr';
  return {
    model,
    tip: probe.tip,
    reducedModulus: reducedModulus(s.youngsModulus, s.poissonRatio, probe.tipMaterial.youngsModulus, probe.tipMaterial.poissonRatio),
    adhesionWork: adhesive ? s.adhesionWork : 0,
    filmThickness: s.filmThickness,
    filmPoissonRatio: s.poissonRatio,
    filmAttachment: s.filmAttachment,
  };
}

/** One simulated curve; Z in metres (piezo extension toward the sample), deflection in volts. */
export interface ForceCurveSignals {
  readonly zApproach: Float64Array;
  readonly zRetract: Float64Array;
  readonly vApproach: Float64Array;
  readonly vRetract: Float64Array;
}

/** The truth behind one curve. */
export interface ForceCurveTruth {
  readonly reducedModulus: number;
  readonly youngsModulus: number;
  readonly adhesionWork: number;
  /** Adhesion a perfectly sampled clean retract shows (−min F) [N]. */
  readonly adhesionForce: number;
  /** Z at which the undeflected tip touches the surface [m]. */
  readonly contactZ: number;
  /** True peak force [N] (≠ the set force when the calibration is wrong). */
  readonly peakForce: number;
  readonly maxIndentation: number;
  readonly snapInZ: number;
  readonly pullOffZ: number;
  /** Largest thin-film χ = √(Rδ)/h reached (NaN without film). */
  readonly maxFilmChi: number;
}

/** Nominal calibration handed to the analyst (what a real instrument file would state). */
export interface NominalCalibration {
  readonly springConstant: number;
  readonly invOLS: number;
}

/**
 * Simulate one force curve into preallocated arrays (output-first, used by the map).
 *
 * Equations: module doc. Units: SI in; `observed`, `clean`, `noise` deflections in V.
 */
export function simulateForceCurveInto(
  model: ContactModel,
  probe: ForceProbe,
  sample: PixelSample,
  ins: ForceCurveInstrument,
  streams: { thermal: Rng; detector: Rng },
  interferencePhase: number,
  timeOffset: number,
  out: { observed: ForceCurveSignals; clean?: ForceCurveSignals; noise?: ForceCurveSignals },
): ForceCurveTruth {
  const k = probe.springConstant;
  const law = pixelContactLaw(model, probe, sample);
  const half = ins.samplesPerCurve / 2;
  // trigger: deflection signal reaches F_t/(k_nom · InvOLS_nom) volts above the baseline
  const kNom = k * (1 + ins.springConstantError);
  const invNom = ins.invOLS * (1 + ins.invOLSError);
  const trueTriggerForce = (ins.triggerForce * k * ins.invOLS) / (kNom * invNom);
  const uT = piezoPositionAtForce(law, k, trueTriggerForce);
  const uA = new Float64Array(half);
  const uR = new Float64Array(half);
  for (let i = 0; i < half; i++) {
    uA[i] = uT - ins.rampSize + (ins.rampSize * i) / (half - 1);
    uR[i] = uT - (ins.rampSize * i) / (half - 1);
  }
  const mech = simulateForceCurve(law, k, uA, uR);
  const beta = thermalCalibrationFactor(1);
  const kT = BOLTZMANN * ins.temperature;
  const dtPoint = ins.rampSize / (half - 1) / ins.rampRate;
  const sigmaDet = ins.detectorNoiseDensity * Math.sqrt(1 / (2 * dtPoint));
  const o = out.observed;
  const fill = (
    u: Float64Array,
    br: typeof mech.approach,
    z: Float64Array,
    v: Float64Array,
    cz: Float64Array | undefined,
    cv: Float64Array | undefined,
    nz: Float64Array | undefined,
    nv: Float64Array | undefined,
    t0: number,
  ): void => {
    for (let i = 0; i < u.length; i++) {
      const Z = sample.surfaceZ + u[i];
      const clean = br.force[i] / (k * ins.invOLS);
      const kEff = Math.max(k + br.contactStiffness[i], 1e-3 * k);
      const nThermal = Math.sqrt((beta * kT) / kEff) / ins.invOLS;
      const noise = nThermal * streams.thermal.normal() + sigmaDet * streams.detector.normal();
      const t = timeOffset + t0 + i * dtPoint;
      const baseline =
        ins.baselineOffset +
        ins.baselineTilt * Z +
        ins.interferenceAmplitude * Math.sin((2 * Math.PI * Z) / ins.interferencePeriod + interferencePhase) +
        ins.driftRate * t;
      z[i] = Z;
      v[i] = clean + baseline + noise;
      if (cz && cv) {
        cz[i] = Z;
        cv[i] = clean;
      }
      if (nz && nv) {
        nz[i] = 0;
        nv[i] = noise;
      }
    }
  };
  fill(uA, mech.approach, o.zApproach, o.vApproach, out.clean?.zApproach, out.clean?.vApproach, out.noise?.zApproach, out.noise?.vApproach, 0);
  fill(uR, mech.retract, o.zRetract, o.vRetract, out.clean?.zRetract, out.clean?.vRetract, out.noise?.zRetract, out.noise?.vRetract, half * dtPoint);
  let maxInd = 0;
  for (let i = 0; i < half; i++) maxInd = Math.max(maxInd, mech.approach.indentation[i], mech.retract.indentation[i]);
  return {
    reducedModulus: law.reducedModulus,
    youngsModulus: sample.youngsModulus,
    adhesionWork: law.adhesionWork,
    adhesionForce: adhesionForce(law, k),
    contactZ: sample.surfaceZ,
    peakForce: mech.approach.force[half - 1],
    maxIndentation: maxInd,
    snapInZ: mech.snapIn ? sample.surfaceZ + mech.snapIn.u : NaN,
    pullOffZ: mech.pullOff ? sample.surfaceZ + mech.pullOff.u : NaN,
    maxFilmChi: mech.maxFilmChi,
  };
}

function signals(n: number): ForceCurveSignals {
  return { zApproach: new Float64Array(n), zRetract: new Float64Array(n), vApproach: new Float64Array(n), vRetract: new Float64Array(n) };
}

/** One force curve: clean, noise and observed signals kept apart, with its truth and the nominal calibration. */
export interface ForceCurveOutput {
  readonly clean: ForceCurveSignals;
  readonly noise: ForceCurveSignals;
  readonly observed: ForceCurveSignals;
  readonly meta: { readonly nominal: NominalCalibration; readonly truth: ForceCurveTruth; readonly model: ContactModel; readonly rngStreams: readonly string[] };
}

/**
 * Simulate a single force curve (approach + retract) over one sample point.
 *
 * @param rng the curve's stream; forks 'thermal', 'detector', 'interference'
 */
export function simulateForceCurveInstrument(
  model: ContactModel,
  probe: ForceProbe,
  sample: PixelSample,
  instrument: Partial<ForceCurveInstrument>,
  rng: Rng,
): ForceCurveOutput {
  const ins = makeForceCurveInstrument(instrument);
  const half = ins.samplesPerCurve / 2;
  const out = { observed: signals(half), clean: signals(half), noise: signals(half) };
  const phase = 2 * Math.PI * rng.fork('interference').uniform();
  const truth = simulateForceCurveInto(model, probe, sample, ins, { thermal: rng.fork('thermal'), detector: rng.fork('detector') }, phase, 0, out);
  return {
    ...out,
    meta: {
      nominal: { springConstant: probe.springConstant * (1 + ins.springConstantError), invOLS: ins.invOLS * (1 + ins.invOLSError) },
      truth,
      model,
      rngStreams: ['thermal', 'detector', 'interference'].map((s) => `${rng.name ? `${rng.name}/` : ''}${s}`),
    },
  };
}

/** A force-volume map's sample: per-pixel arrays (row-major, ny × nx), SI. */
export interface SampleMap {
  readonly nx: number;
  readonly ny: number;
  /** Pixel size [m]. */
  readonly pixelSize: number;
  readonly youngsModulus: Float64Array;
  readonly poissonRatio: Float64Array;
  readonly adhesionWork: Float64Array;
  /** Film thickness on a rigid substrate [m] (Infinity: half-space). */
  readonly filmThickness: Float64Array;
  readonly filmAttachment: FilmAttachment;
  readonly surfaceZ: Float64Array;
}

/** A force-volume map: per-pixel curves stored contiguously, pixel p at [p·N/2, (p+1)·N/2). */
export interface ForceMapOutput {
  readonly nx: number;
  readonly ny: number;
  readonly pointsPerBranch: number;
  readonly observed: ForceCurveSignals;
  readonly clean?: ForceCurveSignals;
  readonly noise?: ForceCurveSignals;
  readonly truth: {
    readonly reducedModulus: Float64Array;
    readonly youngsModulus: Float64Array;
    readonly adhesionForce: Float64Array;
    readonly contactZ: Float64Array;
    readonly peakForce: Float64Array;
    readonly maxIndentation: Float64Array;
    readonly maxFilmChi: Float64Array;
  };
  readonly meta: { readonly nominal: NominalCalibration; readonly model: ContactModel; readonly rngStreams: readonly string[]; readonly pixelSize: number; readonly timePerCurve: number };
}

/**
 * Simulate a force-volume map: one curve per pixel, in raster order, with drift accumulating in time.
 *
 * @param keepComponents also return the clean and noise signals (memory: 3× the observed)
 * @param progress called with the fraction done (every row)
 */
export function simulateForceMap(
  model: ContactModel,
  probe: ForceProbe,
  sample: SampleMap,
  instrument: Partial<ForceCurveInstrument>,
  rng: Rng,
  keepComponents = true,
  progress?: (fraction: number) => void,
): ForceMapOutput {
  const ins = makeForceCurveInstrument(instrument);
  const { nx, ny } = sample;
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1) throw new RangeError(`force map: nx = ${nx}, ny = ${ny} must be positive integers`);
  const np = nx * ny;
  for (const key of ['youngsModulus', 'poissonRatio', 'adhesionWork', 'filmThickness', 'surfaceZ'] as const) {
    if (sample[key].length !== np) throw new RangeError(`force map: sample.${key} has ${sample[key].length} values, expected nx·ny = ${np}`);
  }
  const half = ins.samplesPerCurve / 2;
  const total = np * half;
  const observed = signals(total);
  const clean = keepComponents ? signals(total) : undefined;
  const noise = keepComponents ? signals(total) : undefined;
  const truth = {
    reducedModulus: new Float64Array(np),
    youngsModulus: new Float64Array(np),
    adhesionForce: new Float64Array(np),
    contactZ: new Float64Array(np),
    peakForce: new Float64Array(np),
    maxIndentation: new Float64Array(np),
    maxFilmChi: new Float64Array(np),
  };
  const streams = { thermal: rng.fork('thermal'), detector: rng.fork('detector') };
  const phase = 2 * Math.PI * rng.fork('interference').uniform();
  const timePerCurve = (2 * ins.rampSize) / ins.rampRate;
  const view = (s: ForceCurveSignals, p: number): ForceCurveSignals => ({
    zApproach: s.zApproach.subarray(p * half, (p + 1) * half),
    zRetract: s.zRetract.subarray(p * half, (p + 1) * half),
    vApproach: s.vApproach.subarray(p * half, (p + 1) * half),
    vRetract: s.vRetract.subarray(p * half, (p + 1) * half),
  });
  for (let p = 0; p < np; p++) {
    const px: PixelSample = {
      youngsModulus: sample.youngsModulus[p],
      poissonRatio: sample.poissonRatio[p],
      adhesionWork: sample.adhesionWork[p],
      filmThickness: sample.filmThickness[p],
      filmAttachment: sample.filmAttachment,
      surfaceZ: sample.surfaceZ[p],
    };
    const t = simulateForceCurveInto(model, probe, px, ins, streams, phase, p * timePerCurve, {
      observed: view(observed, p),
      ...(clean ? { clean: view(clean, p) } : {}),
      ...(noise ? { noise: view(noise, p) } : {}),
    });
    truth.reducedModulus[p] = t.reducedModulus;
    truth.youngsModulus[p] = t.youngsModulus;
    truth.adhesionForce[p] = t.adhesionForce;
    truth.contactZ[p] = t.contactZ;
    truth.peakForce[p] = t.peakForce;
    truth.maxIndentation[p] = t.maxIndentation;
    truth.maxFilmChi[p] = t.maxFilmChi;
    if (progress && (p + 1) % nx === 0) progress((p + 1) / np);
  }
  return {
    nx,
    ny,
    pointsPerBranch: half,
    observed,
    ...(clean ? { clean } : {}),
    ...(noise ? { noise } : {}),
    truth,
    meta: {
      nominal: { springConstant: probe.springConstant * (1 + ins.springConstantError), invOLS: ins.invOLS * (1 + ins.invOLSError) },
      model,
      rngStreams: ['thermal', 'detector', 'interference'].map((s) => `${rng.name ? `${rng.name}/` : ''}${s}`),
      pixelSize: sample.pixelSize,
      timePerCurve,
    },
  };
}

// ---- the force-map (QNM) experiment -------------------------------------------------------------

/** Contact laws the map can be simulated with (adhesive, paraboloid). */
export const FORCE_MAP_SAMPLE_MODELS = ['dmt', 'jkr'] as const;
/** Models the map analysis can fit. */
export const FORCE_MAP_FIT_MODELS = ['dmt', 'jkr', 'hertz'] as const;

const { tipRadius: _tipRadius, ...QNM_SAMPLE_GEOMETRY } = QNM_SAMPLE;
void _tipRadius;

/** Scenario sections of the force-map experiment (`scenarios/qnm-sei-map.yaml`). */
export const FORCE_MAP_FIELDS = {
  probe: section('the probe (003 used RTESPAW-150 for force spectroscopy and mapping)', {
    preset: oneOf(PROBE_PRESETS, 'probe preset (src/models/probe/presets.ts)', 'saleh-rtespaw-150'),
  }),
  sample: section('hard carbon with an SEI microspot (src/sim/qnm-sample.ts; 003 Fig. 3, Fig. S4)', fieldsOf(QNM_SAMPLE_GEOMETRY)),
  contactModel: oneOf(FORCE_MAP_SAMPLE_MODELS, 'tip–sample law used to generate the curves (the truth)', 'dmt'),
  instrument: section('force-curve acquisition', fieldsOf(FORCE_CURVE)),
  analysis: section('force-curve analysis (what the analyst assumes)', {
    model: oneOf(FORCE_MAP_FIT_MODELS, 'contact model fitted (dmt: retract, as PeakForce QNM)', 'dmt'),
    tipRadius: quantity({ unit: 'm', min: 1e-10, max: 1e-5, default: 8e-9, doc: 'tip radius R assumed by the analyst (003 gives none; RTESPAW-150 nominal 8 nm)' }),
    poissonRatio: quantity({ unit: '1', min: -0.99, max: 0.5, default: 0.3, doc: 'sample Poisson ratio ν assumed' }),
    fitRangeLow: quantity({ unit: '1', min: 0, max: 0.99, default: 0.1, doc: 'retract fit window, lower fraction of the force range' }),
    fitRangeHigh: quantity({ unit: '1', min: 0.01, max: 1, default: 0.95, doc: 'retract fit window, upper fraction of the force range' }),
    bottomEffect: flag('correct for the thin-film bottom effect with a thickness estimated from the measured height', true),
  }),
} as const satisfies Fields;

/** Resolved configuration of the force-map experiment. */
export type ForceMapConfig = InferFields<typeof FORCE_MAP_FIELDS>;

function mean(values: Float64Array, mask: (i: number) => boolean): { mean: number; n: number } {
  let s = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask(i) && Number.isFinite(values[i])) {
      s += values[i];
      n++;
    }
  }
  return { mean: n > 0 ? s / n : NaN, n };
}

function median(a: number[]): number {
  const b = a.filter(Number.isFinite).sort((x, y) => x - y);
  if (b.length === 0) return NaN;
  const m = b.length >> 1;
  return b.length % 2 ? b[m] : 0.5 * (b[m - 1] + b[m]);
}

/** GSF rows are top-first; our maps are row 0 = y = 0 at the top as well (raster order). */
function gsf(path: string, description: string, data: ArrayLike<number>, n: number, size: number, zUnits: string, title: string): Artifact {
  return gsfArtifact(path, description, { data: Float64Array.from(data as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : 0)), xRes: n, yRes: n, xReal: size, yReal: size, zUnits, title });
}

/**
 * Run the force-volume map experiment of `qnm-sei-map`: generate the HC/SEI sample, simulate the
 * map, fit every curve from the observed data only, score per population against the truth, and
 * build the artifacts and plots.
 *
 * Tolerances (scores, per population means over its pixels): pristine HC E_s 5 % (per-pixel fit
 * noise ~1–2 %, averaged; adhesion running-minimum bias ≈ +1 %), deposits 8 % and thin layer 15 %
 * (the bottom-effect correction uses a thickness estimated from the measured height, which carries
 * the 1.4 nm RMS HC roughness: ±12 % on a 12 nm layer moves the Dimitriadis factor by ≈ ±8 % at
 * χ ≈ 0.4); adhesion 5 % (3-point running minimum: noise and sampling bias ≈ 1–2 %). The truth
 * includes the calibration errors: with nominal k = (1 + e_k)k and InvOLS = (1 + e_s)·InvOLS the
 * adhesion expected is (1 + e_k)(1 + e_s)·F_adh; for E_s only e_k scales exactly, so with e_s ≠ 0 the
 * modulus scores are computed against (1 + e_k)(1 + e_s)·E_s and flagged as first order.
 *
 * @param rng the run's root stream; forks 'sample' and 'force-map'
 */
export function runForceMapExperiment(
  config: ForceMapConfig,
  rng: Rng,
  progress: (fraction: number, label?: string) => void = () => {},
): { artifacts: Artifact[]; scores: Score[]; summary: Record<string, unknown>; fit: ForceMapFit; map: ForceMapOutput; sample: QnmSample } {
  const preset = probePreset(config.probe.preset);
  if (preset.tip.kind !== 'paraboloid') throw new RangeError(`force map: probe ${preset.name} has no paraboloid tip`);
  const probe: ForceProbe = { springConstant: flexuralSpringConstant(preset.cantilever), tip: preset.tip, tipMaterial: preset.tipMaterial };
  const sample = generateQnmSample({ ...config.sample, tipRadius: preset.tip.radius }, config.contactModel, rng.fork('sample'));
  const n = sample.map.nx;
  const size = n * sample.map.pixelSize;
  progress(0, 'force map: simulating');
  const map = simulateForceMap(config.contactModel, probe, sample.map, config.instrument, rng.fork('force-map'), false, (f) => progress(0.5 * f, 'force map: simulating'));
  const ins = makeForceCurveInstrument(config.instrument);
  const a = config.analysis;
  if (!(a.fitRangeHigh > a.fitRangeLow)) throw new RangeError(`force map: analysis.fitRangeHigh = ${a.fitRangeHigh} must exceed fitRangeLow = ${a.fitRangeLow}`);
  const tip: TipShape = { kind: 'paraboloid', radius: a.tipRadius };
  const fitOptions: ForceCurveFitOptions = {
    model: a.model,
    tip,
    samplePoissonRatio: a.poissonRatio,
    tipModulus: preset.tipMaterial.youngsModulus,
    tipPoissonRatio: preset.tipMaterial.poissonRatio,
    fitRange: [a.fitRangeLow, a.fitRangeHigh],
  };
  const naive = fitForceMap(map, map.meta.nominal, fitOptions, undefined, (f) => progress(0.5 + 0.25 * f, 'force map: fitting'));
  let fit = naive;
  let thickness: Float64Array | undefined;
  if (a.bottomEffect) {
    thickness = estimateFilmThickness(naive.height).thickness;
    fit = fitForceMap(map, map.meta.nominal, { ...fitOptions, filmAttachment: 'bonded' }, thickness, (f) => progress(0.75 + 0.25 * f, 'force map: fitting (bottom effect)'));
  }
  // ---- scores ----
  const scores: Score[] = [];
  const scaleF = (1 + ins.springConstantError) * (1 + ins.invOLSError);
  const scaleE = (1 + ins.springConstantError) * (1 + ins.invOLSError);
  const tolE: Record<QnmPopulation, number> = { pristine: 0.05, 'thin-layer': 0.15, deposit: 0.08 };
  const popSummary: Record<string, unknown> = {};
  const statsRows: { pop: string; n: number; eT: number; eE: number; eN: number; fT: number; fE: number }[] = [];
  QNM_POPULATIONS.forEach((pop, pi) => {
    const mask = (i: number): boolean => sample.population[i] === pi;
    const eT = mean(sample.map.youngsModulus, mask);
    if (eT.n === 0) return;
    const eE = mean(fit.sampleModulus, (i) => mask(i) && fit.failed[i] === 0);
    const eN = mean(naive.sampleModulus, (i) => mask(i) && naive.failed[i] === 0);
    const fT = mean(map.truth.adhesionForce, mask);
    const fE = mean(fit.adhesionForce, (i) => mask(i) && fit.failed[i] === 0);
    const where = `${pop} (${eT.n} pixels)`;
    if (a.model === (config.contactModel as string)) {
      scores.push(
        relativeScore('sampleModulusMean', where, 'Pa', eT.mean * scaleE, eE.mean, tolE[pop], `${a.bottomEffect ? 'bottom-effect corrected; ' : ''}see runForceMapExperiment doc (per-pixel noise averaged, thickness from topography)${ins.invOLSError !== 0 ? '; InvOLS error: first-order scaling' : ''}`),
      );
    }
    scores.push(relativeScore('adhesionForceMean', where, 'N', fT.mean * scaleF, fE.mean, 0.05, '3-point running minimum: noise + sampling bias ≈ 1–2 %; exact (1 + e_k)(1 + e_s) calibration scaling'));
    popSummary[pop] = { pixels: eT.n, modulusTrue: eT.mean, modulusFit: eE.mean, modulusFitNoBottomEffect: eN.mean, adhesionTrue: fT.mean, adhesionFit: fE.mean };
    statsRows.push({ pop, n: eT.n, eT: eT.mean, eE: eE.mean, eN: eN.mean, fT: fT.mean, fE: fE.mean });
  });
  const relErrs: number[] = [];
  for (let i = 0; i < n * n; i++) relErrs.push(Math.abs(fit.sampleModulus[i] / (sample.map.youngsModulus[i] * scaleE) - 1));
  const medErr = median(relErrs);
  if (a.model === (config.contactModel as string)) {
    scores.push({ quantity: 'sampleModulusMedianAbsRelError', where: 'all pixels', unit: '1', truth: 0, estimate: medErr, relError: medErr, errorKind: 'absolute', tolerance: 0.1, toleranceWhy: 'per-pixel: noise (~1–3 %) + thickness error on film pixels (~10 %)', pass: medErr <= 0.1 });
  }
  let failed = 0;
  for (let i = 0; i < n * n; i++) failed += fit.failed[i];
  // ---- artifacts ----
  const half = map.pointsPerBranch;
  const z32 = new Float32Array(n * n * 2 * half);
  const v32 = new Float32Array(n * n * 2 * half);
  for (let p = 0; p < n * n; p++) {
    for (let i = 0; i < half; i++) {
      z32[(2 * p) * half + i] = map.observed.zApproach[p * half + i];
      z32[(2 * p + 1) * half + i] = map.observed.zRetract[p * half + i];
      v32[(2 * p) * half + i] = map.observed.vApproach[p * half + i];
      v32[(2 * p + 1) * half + i] = map.observed.vRetract[p * half + i];
    }
  }
  const artifacts: Artifact[] = [
    npyArtifact('data/force-map-z.npy', 'Z piezo position of every curve (toward the sample)', 'm; axes: (row, column, branch [approach, retract], sample)', { data: z32, shape: [n, n, 2, half] }),
    npyArtifact('data/force-map-deflection.npy', 'photodiode deflection signal of every curve', 'V; axes: (row, column, branch [approach, retract], sample)', { data: v32, shape: [n, n, 2, half] }),
    jsonArtifact('data/force-map-header.json', 'acquisition settings and the nominal calibration (as an instrument file header)', 'SI', {
      springConstant: map.meta.nominal.springConstant,
      invOLS: map.meta.nominal.invOLS,
      springConstantMethod: ins.springConstantError === 0 ? 'thermal-noise' : 'nominal',
      invOLSMethod: ins.invOLSError === 0 ? 'hard-surface-contact' : 'nominal',
      tipRadiusNominal: preset.tip.radius,
      probe: preset.name,
      pixels: n,
      scanSize: size,
      samplesPerCurve: ins.samplesPerCurve,
      rampSize: ins.rampSize,
      rampRate: ins.rampRate,
      triggerForce: ins.triggerForce,
    }),
    gsf('truth/modulus.gsf', "true sample Young's modulus E_s", sample.map.youngsModulus, n, size, 'Pa', 'Young modulus (truth)'),
    gsf('truth/adhesion.gsf', 'true adhesion force (−min of the perfectly sampled retract)', map.truth.adhesionForce, n, size, 'N', 'Adhesion (truth)'),
    gsf('truth/topography.gsf', 'true topography (HC roughness + SEI)', sample.topography, n, size, 'm', 'Topography (truth)'),
    gsf('truth/sei-thickness.gsf', 'true SEI thickness over HC (0 on pristine HC)', sample.seiThickness, n, size, 'm', 'SEI thickness (truth)'),
    gsf('truth/population.gsf', 'population per pixel: 0 pristine HC, 1 thin SEI layer, 2 deposit', sample.population, n, size, '1', 'Population (truth)'),
    jsonArtifact('truth/force-map.json', 'true probe, calibration and per-population means', 'SI', {
      springConstant: probe.springConstant,
      invOLS: ins.invOLS,
      tipRadius: preset.tip.radius,
      contactModel: config.contactModel,
      populations: popSummary,
      rngStreams: map.meta.rngStreams,
    }),
    gsf('results/modulus.gsf', `fitted E_s (${a.model}${a.bottomEffect ? ', bottom-effect corrected' : ''})`, fit.sampleModulus, n, size, 'Pa', 'Young modulus (fit)'),
    gsf('results/modulus-no-bottom-effect.gsf', `fitted E_s (${a.model}, half-space)`, naive.sampleModulus, n, size, 'Pa', 'Young modulus (fit, no bottom effect)'),
    gsf('results/adhesion.gsf', 'adhesion force −min F of the retract', fit.adhesionForce, n, size, 'N', 'Adhesion (fit)'),
    gsf('results/height.gsf', 'height = −contact point of the fit', naive.height, n, size, 'm', 'Height (fit)'),
    ...(thickness ? [gsf('results/film-thickness.gsf', 'film thickness estimated from the height (0: bare substrate)', thickness, n, size, 'm', 'Film thickness (estimate)')] : []),
    csvArtifact('results/force-map-populations.csv', 'per-population means: truth vs fit', [
      { name: 'population', unit: '', text: statsRows.map((r) => r.pop) },
      { name: 'pixels', unit: '1', values: statsRows.map((r) => r.n) },
      { name: 'modulus_true', unit: 'Pa', values: statsRows.map((r) => r.eT) },
      { name: 'modulus_fit', unit: 'Pa', values: statsRows.map((r) => r.eE) },
      { name: 'modulus_fit_no_bottom_effect', unit: 'Pa', values: statsRows.map((r) => r.eN) },
      { name: 'adhesion_true', unit: 'N', values: statsRows.map((r) => r.fT) },
      { name: 'adhesion_fit', unit: 'N', values: statsRows.map((r) => r.fE) },
    ]),
  ];
  // example curves: the pixel of each population closest to its median true modulus
  const examples: { pop: string; p: number }[] = [];
  QNM_POPULATIONS.forEach((pop, pi) => {
    const idx: number[] = [];
    for (let i = 0; i < n * n; i++) if (sample.population[i] === pi && fit.failed[i] === 0) idx.push(i);
    if (idx.length === 0) return;
    const med = median(idx.map((i) => sample.map.youngsModulus[i]));
    let best = idx[0];
    for (const i of idx) if (Math.abs(sample.map.youngsModulus[i] - med) < Math.abs(sample.map.youngsModulus[best] - med)) best = i;
    examples.push({ pop, p: best });
  });
  const panels: PanelSpec[] = [];
  for (const ex of examples) {
    const s = ex.p * half;
    const data = {
      zApproach: map.observed.zApproach.subarray(s, s + half),
      vApproach: map.observed.vApproach.subarray(s, s + half),
      zRetract: map.observed.zRetract.subarray(s, s + half),
      vRetract: map.observed.vRetract.subarray(s, s + half),
    };
    const film = thickness ? thickness[ex.p] : Infinity;
    const r = fitForceCurve(data, map.meta.nominal, { ...fitOptions, filmThickness: film });
    const conv = convertForceCurve(data, map.meta.nominal);
    const sepA = conv.approach.z.map((z) => z - r.contactPoint);
    const sepR = conv.retract.z.map((z) => z - r.contactPoint);
    const dm = Float64Array.from({ length: 120 }, (_, i) => (i / 119) * r.maxIndentation * 1.05);
    const C = (4 / 3) * r.reducedModulus * Math.sqrt(a.tipRadius);
    const coef = Number.isFinite(film) ? dimitriadisCoefficients(a.poissonRatio, 'bonded') : undefined;
    const fm = dm.map((d) => C * d ** 1.5 * (coef ? dimitriadisFactor(Math.sqrt(a.tipRadius * d) / film, coef).value : 1) - r.adhesionForce);
    artifacts.push(
      csvArtifact(`results/example-curve-${ex.pop}.csv`, `example force curve (${ex.pop}, pixel ${ex.p}), converted with the nominal calibration`, [
        { name: 'indentation_approach', unit: 'm', values: sepA },
        { name: 'force_approach', unit: 'N', values: conv.approach.force },
        { name: 'indentation_retract', unit: 'm', values: sepR },
        { name: 'force_retract', unit: 'N', values: conv.retract.force },
      ]),
    );
    panels.push({
      title: `${ex.pop}: E_s = ${(r.sampleModulus / 1e9).toFixed(2)} GPa (true ${(sample.map.youngsModulus[ex.p] / 1e9).toFixed(2)})`,
      x: { label: 'Indentation δ = z_{tip} − z_0', unit: 'm' },
      y: { label: 'Force F', unit: 'N' },
      layers: [
        { type: 'line', x: sepA, y: conv.approach.force, label: 'approach', width: 1 },
        { type: 'line', x: sepR, y: conv.retract.force, label: 'retract', width: 1 },
        { type: 'line', x: dm, y: fm, label: `${a.model} fit`, dash: 'dashed', width: 2 },
        { type: 'hline', at: -r.adhesionForce, dash: 'dotted', text: `F_{adh} = ${(r.adhesionForce * 1e9).toFixed(1)} nN` },
      ],
    });
  }
  const heat = (values: ArrayLike<number>, zLabel: string, zUnit: string, title: string, zDomain?: readonly [number, number]): PanelSpec => ({
    title,
    x: { label: 'x', unit: 'm' },
    // raster order, row 0 at the top as in the GSF files and Gwyddion: y grows downwards
    y: { label: 'y', unit: 'm', reverse: true },
    layers: [{ type: 'heatmap', values, nx: n, ny: n, xRange: [0, size], yRange: [0, size], zLabel, zUnit, ...(zDomain ? { zDomain } : {}) }],
  });
  const range = (arrs: ArrayLike<number>[]): [number, number] => {
    const all: number[] = [];
    for (const arr of arrs) for (let i = 0; i < arr.length; i++) if (Number.isFinite(arr[i])) all.push(arr[i]);
    all.sort((x, y) => x - y);
    return [all[Math.floor(0.01 * (all.length - 1))], all[Math.floor(0.99 * (all.length - 1))]];
  };
  const eDom = range([sample.map.youngsModulus, fit.sampleModulus]);
  const fDom = range([map.truth.adhesionForce, fit.adhesionForce]);
  const caption = `${preset.name}, k = ${map.meta.nominal.springConstant.toPrecision(3)} N/m (nominal), R = ${(a.tipRadius * 1e9).toFixed(1)} nm, ${config.contactModel} sample, ${a.model} fit`;
  artifacts.push(
    svgArtifact('plots/force-map-modulus.svg', 'modulus map: truth, fit, fit without bottom-effect correction', figure({
      title: "Young's modulus E_s",
      panels: [heat(sample.map.youngsModulus, 'E_s', 'Pa', 'truth', eDom), heat(fit.sampleModulus, 'E_s', 'Pa', a.bottomEffect ? 'fit (bottom effect corrected)' : 'fit', eDom), heat(naive.sampleModulus, 'E_s', 'Pa', 'fit (half-space)', eDom)],
      caption,
    })),
    svgArtifact('plots/force-map-adhesion.svg', 'adhesion map: truth and fit', figure({ title: 'Adhesion force', panels: [heat(map.truth.adhesionForce, 'F_{adh}', 'N', 'truth', fDom), heat(fit.adhesionForce, 'F_{adh}', 'N', 'fit (−min F)', fDom)], caption })),
    svgArtifact('plots/force-map-height.svg', 'height map: truth and from the contact points', figure({ title: 'Height', panels: [heat(sample.topography, 'height', 'm', 'truth'), heat(naive.height, 'height', 'm', 'from contact points')], caption })),
    svgArtifact('plots/force-map-histograms.svg', 'histograms of fitted modulus and adhesion per population, with the true means', figure({
      title: 'Populations (003 Fig. S4)',
      panels: [
        {
          x: { label: 'E_s', unit: 'Pa', domain: [0, 1.3 * eDom[1]] },
          y: { label: 'pixels', unit: '1' },
          layers: QNM_POPULATIONS.flatMap((pop, pi) => {
            const v = Float64Array.from(Array.from({ length: n * n }, (_, i) => i).filter((i) => sample.population[i] === pi), (i) => fit.sampleModulus[i]);
            return v.length ? [{ type: 'histogram' as const, values: v.filter((x) => x <= 1.3 * eDom[1]), bins: 30, label: pop }] : [];
          }),
        },
        {
          x: { label: 'F_{adh}', unit: 'N', domain: [0, 1.3 * fDom[1]] },
          y: { label: 'pixels', unit: '1' },
          layers: QNM_POPULATIONS.flatMap((pop, pi) => {
            const v = Float64Array.from(Array.from({ length: n * n }, (_, i) => i).filter((i) => sample.population[i] === pi), (i) => fit.adhesionForce[i]);
            return v.length ? [{ type: 'histogram' as const, values: v.filter((x) => x <= 1.3 * fDom[1]), bins: 30, label: pop }] : [];
          }),
        },
      ],
      caption,
    })),
    ...(panels.length ? [svgArtifact('plots/force-map-example-curves.svg', 'example force curves (one per population) with their fits', figure({ title: 'Example force curves', panels, caption }))] : []),
  );
  const report = methodsReport({
    software: 'seisim (src/analysis/force-curve-fit.ts)',
    contactModel: a.model,
    contactModelDetail: `${contactModelDescription(a.model)}; fit window ${a.fitRangeLow}–${a.fitRangeHigh} of the retract force range${a.bottomEffect ? '; Dimitriadis et al. 2002 bonded thin-film correction with the thickness from the measured height' : ''}`,
    springConstant: { value: map.meta.nominal.springConstant, unit: 'N/m', method: ins.springConstantError === 0 ? 'thermal-noise' : 'nominal', detail: '003: "the force constants of the cantilevers were determined using the thermal noise method"' },
    deflectionSensitivity: { value: map.meta.nominal.invOLS, unit: 'm/V', method: ins.invOLSError === 0 ? 'hard-surface-contact' : 'nominal' },
    tipRadius: { value: a.tipRadius, unit: 'm', method: 'nominal', detail: "manufacturer's nominal radius (not calibrated)" },
    processing: { poissonRatio: a.poissonRatio, tipModulus: preset.tipMaterial.youngsModulus, baselineFraction: 0.4, adhesion: '−min of 3-point running mean of the retract', bottomEffect: a.bottomEffect },
    curvesShown: ['plots/force-map-example-curves.svg', ...examples.map((e) => `results/example-curve-${e.pop}.csv`)],
  });
  artifacts.push(jsonArtifact('results/force-map-fit.json', 'per-population results, failures and the methods report of 004 §7', 'SI', { populations: popSummary, failedFits: failed, medianAbsRelErrorModulus: medErr, report, reportMarkdown: methodsReportMarkdown(report) }));
  progress(1);
  return { artifacts, scores, summary: { probe: preset.name, pixels: n * n, failedFits: failed, populations: popSummary }, fit, map, sample };
}

/**
 * Cross-field checks of a force-map configuration (for the experiment's `check` hook).
 */
export function checkForceMapConfig(config: ForceMapConfig): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const a = config.analysis;
  if (!(a.fitRangeHigh > a.fitRangeLow)) problems.push({ path: 'analysis.fitRangeHigh', value: a.fitRangeHigh, message: 'must exceed analysis.fitRangeLow', expected: `> ${a.fitRangeLow}` });
  if (config.instrument.samplesPerCurve % 2 !== 0) problems.push({ path: 'instrument.samplesPerCurve', value: config.instrument.samplesPerCurve, message: 'must be even (approach + retract)', expected: 'an even integer', hint: `try ${config.instrument.samplesPerCurve + 1}` });
  const s = config.sample;
  if (s.layerThicknessMax < s.layerThicknessMin) problems.push({ path: 'sample.layerThicknessMax', value: s.layerThicknessMax, message: 'smaller than sample.layerThicknessMin', expected: `>= ${s.layerThicknessMin} m` });
  if (s.depositRadiusMax < s.depositRadiusMin) problems.push({ path: 'sample.depositRadiusMax', value: s.depositRadiusMax, message: 'smaller than sample.depositRadiusMin', expected: `>= ${s.depositRadiusMin} m` });
  // the ramp must reach the surface from far away: trigger deflection + pull-off excursion + a baseline
  const preset = probePreset(config.probe.preset);
  const k = flexuralSpringConstant(preset.cantilever);
  const needed = (config.instrument.triggerForce + 2 * 40e-9) / k + 10e-9;
  if (config.instrument.rampSize < needed) {
    problems.push({ path: 'instrument.rampSize', value: config.instrument.rampSize, message: 'too short to leave contact and record a baseline with this lever', expected: `>= ${needed.toPrecision(3)} m ((F_t + 2·40 nN)/k + 10 nm)` });
  }
  return problems;
}
