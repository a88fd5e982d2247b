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
import type { ParamTable, ParamValues } from '../models/params.js';
import { resolveParams } from '../models/params.js';
import type { Rng } from '../models/rng.js';
import { thermalCalibrationFactor } from '../models/probe/analytic.js';
import { BOLTZMANN } from '../models/probe/hydrodynamics.js';
import type { TipShape } from '../models/probe/tip.js';
import type { TipMaterial } from '../models/probe/presets.js';
import type { FilmAttachment } from '../models/contact/analytic.js';
import { reducedModulus } from '../models/contact/modulus.js';
import { adhesionForce, piezoPositionAtForce, simulateForceCurve, type ContactLaw, type ContactModel } from '../models/contact/force-curve.js';

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
