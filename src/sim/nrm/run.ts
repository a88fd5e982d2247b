/**
 * `experiment: nrm` — the operando 1D-NRM digital twin of SEI growth on a rough hard-carbon
 * electrode in a Na half cell (`002_bf87beaba622041e.txt` §3–5, Fig. 1, 3, 4; issue 5): the
 * session (src/sim/nrm/session.ts) records curves through the instrument model, the paper's pipeline
 * (src/analysis/nrm-pipeline.ts) turns the observed files into Fig. 4, and the scores compare the
 * recovered E', E'', |G*| and contact points with the truth.
 */
import { calibrateRg } from '../../analysis/rg.js';
import { analyzeNrm, defaultNrmDepthGrid, describeRg, lateralGradientOnGrid, reanalyzeWithRg, rgOnGrid, rgProfileFromReference, type NrmAnalysis, type NrmCurveData, type NrmInstrumentRecord, type RgSpec } from '../../analysis/nrm-pipeline.js';
import type { Score } from '../../io/artifact.js';
import type { Interval } from '../../analysis/binning.js';
import type { Artifact } from '../../io/artifact.js';
import { feaForceCurve } from '../../models/fea/curve.js';
import { surrogateForceCurve } from '../../models/fea/surrogate.js';
import { TIP_SHAPES, type TipGeometry } from '../../models/fea/tip.js';
import type { Complex } from '../../models/complex.js';
import { homogeneousFilm, constantLoss, filmProfile, type Film } from '../../models/film/film.js';
import { modulusIntegralTable, type ModulusIntegralTable } from '../../models/nrm/forces.js';
import { eq4StiffnessTable, LATERAL_FIDELITIES, type LateralStiffnessTable } from '../../models/nrm/lateral.js';
import { FILTER_SLOPES, type FilterSlope } from '../../models/nrm/lockin.js';
import { NRM_SEI_PRESETS, nrmSeiPreset, type NrmSeiPreset } from '../../models/nrm/nagarathinam2026.js';
import type { ParamProblem, ParamTable } from '../../models/params.js';
import { makeOpticalLever, PROBE_PRESETS, probePreset } from '../../models/probe/index.js';
import type { Rng } from '../../models/rng.js';
import { fieldsOf, flag, oneOf, quantity, section, type Fields, type InferFields } from '../schema.js';
import { nrmCv, NRM_CV } from './cv.js';
import { nrmArtifacts } from './files.js';
import { buildNrmInstrument, type NrmInstrument } from './instrument.js';
import { NRM_APPROACH, NRM_DITHER, NRM_ELECTRODE, NRM_GRID, NRM_LATERAL_CHANNEL, NRM_LOCKIN, NRM_NORMAL_CHANNEL, NRM_SWEEP, NRM_TIP } from './params.js';
import { nrmPlots } from './plots.js';
import { DEFAULT_NRM_TOLERANCE, eq5DepthTerm, maskedBinMean, meanProfileOf, NRM_SCORE_QUANTITIES, scoreBin, scoreContacts, type NrmToleranceSettings } from './scoring.js';
import { locationsPerWindow, runNrmSession, timePerCurveBudget, type LateralStiffnessProvider, type NrmSession } from './session.js';

/** The electrolyte around the cantilever (thermal noise, hydrodynamics). */
export const NRM_ELECTROLYTE = {
  density: { unit: 'kg/m^3', min: 0, max: 3000, default: 1250, doc: 'density of 1.0 M NaPF6 in EC:DEC (1:1 v/v)', source: 'assumption (EC 1.32, DEC 0.97 g/cm³ plus salt)' },
  viscosity: { unit: 'Pa s', min: 1e-6, max: 10, default: 4e-3, doc: 'dynamic viscosity', source: 'assumption (1 M Na/Li PF6 carbonate electrolytes: 3–5 mPa·s at 25 °C)' },
} as const satisfies ParamTable;

/**
 * Where the analysis takes r_g of Eq. 5 from: `'calibrated-profile'` (default) r_g(z_p) on a
 * homogeneous reference layer with the same lateral-force model and tip ({@link rgProfileOf}),
 * `'calibrated'` one constant from the linear part of the same kind of reference curve (the
 * paper's Fig. 2e procedure), `'paper'` = 1.25, `'given'` = analysis.rgValue.
 */
export type RgSource = 'calibrated-profile' | 'calibrated' | 'paper' | 'given';
export const RG_SOURCES = ['calibrated-profile', 'calibrated', 'paper', 'given'] as const satisfies readonly RgSource[];

/** The paper's r_g (`002` §4: "r_g = … ≈ 1.25"). */
export const PAPER_RG = 1.25;

const SLOPES = FILTER_SLOPES.map(String) as ['6', '12', '18', '24'];

/** Scenario sections of the `nrm` experiment (`scenarios/hc-nrm.yaml`). */
export const NRM_FIELDS = {
  sei: section('the SEI film by voltage window (src/models/nrm/nagarathinam2026.ts)', {
    preset: oneOf(NRM_SEI_PRESETS, 'named SEI evolution preset', 'Nagarathinam2026'),
  }),
  electrode: section('the rough hard-carbon electrode and its hard contact with the tip', fieldsOf(NRM_ELECTRODE)),
  electrolyte: section('1.0 M NaPF6 in EC:DEC around the cantilever', fieldsOf(NRM_ELECTROLYTE)),
  sweep: section('the first cathodic sweep (002 §5)', fieldsOf(NRM_SWEEP)),
  cv: section('the CV current of Fig. 4a (src/sim/nrm/cv.ts)', fieldsOf(NRM_CV)),
  grid: section('measurement locations: spots on a grid, adjacent measurements per spot', fieldsOf(NRM_GRID)),
  probe: section('the cantilever (a paper preset) and the tip as the force models see it', {
    preset: oneOf(PROBE_PRESETS, 'probe preset (src/models/probe/presets.ts); 002 §4 recommends 0.1–3 N/m levers', 'luchkin-si-0.6'),
    tipShape: oneOf(TIP_SHAPES, "tip shape for the FEA-lite: 'flat' cylinder (002 §4: \"we will approximate the AFM tip as the cylinder with radius r_t\"), 'round' cylinder, blunted 'cone'", 'flat'),
    ...fieldsOf(NRM_TIP),
  }),
  lateralForce: section('model of the lateral force F_l*(z_p) of the film on the tip', {
    fidelity: oneOf(LATERAL_FIDELITIES, "'surrogate': the FEA-calibrated fast forward model (src/models/fea/surrogate.ts); 'fea': full FEA-lite per location (slow, small runs); 'eq4': the paper's Eq. 4 over the layered profile (local by construction)", 'surrogate'),
    eq4Rg: quantity({ unit: '1', min: 0.01, max: 100, default: 1.25, doc: "r_g of the Eq. 4 closed form when fidelity is 'eq4' (the truth's r_g)", source: '002 §4 (1.25)' }),
    feaDepthStep: quantity({ unit: 'm', min: 0.1e-9, max: 100e-9, default: 1e-9, doc: "depth spacing of the FEA-lite solves per location (fidelity 'fea')" }),
    surrogateDepthStep: quantity({ unit: 'm', min: 0.05e-9, max: 10e-9, default: 0.25e-9, doc: "depth spacing at which the surrogate's F_l*(z_p) is tabulated per location (fidelity 'surrogate')" }),
  }),
  dither: section('lateral dither of the sample (002 §3–4)', fieldsOf(NRM_DITHER)),
  lockIn: section('lock-in amplifier (SR830-type)', {
    slope: oneOf(SLOPES, 'low-pass roll-off, dB/octave (n = slope/6 RC stages)', '24'),
    ...fieldsOf(NRM_LOCKIN),
  }),
  approach: section('the stepped Z-piezo approach of each curve', fieldsOf(NRM_APPROACH)),
  normalChannel: section('normal deflection channel', fieldsOf(NRM_NORMAL_CHANNEL)),
  lateralChannel: section('lateral (torsion) channel into the lock-in', fieldsOf(NRM_LATERAL_CHANNEL)),
  analysis: section('the paper\'s pipeline (what the analyst does)', {
    rg: oneOf(RG_SOURCES, "r_g of Eq. 5: 'calibrated-profile' = r_g(z_p) = −(1/(4 E_ref)) dK_ref/dz_p on a homogeneous reference layer (same lateral-force model and tip, thickness depthMax + 3 r_t, the pipeline's own derivative); 'calibrated' = one constant from the linear part of a 60 nm reference (002 Fig. 2e; or the Eq. 4 r_g); 'paper' = 1.25; 'given' = rgValue", 'calibrated-profile'),
    rgValue: quantity({ unit: '1', min: 0.01, max: 100, default: 1.25, doc: "r_g used when rg is 'given'" }),
    poissonRatio: quantity({ unit: '1', min: 0, max: 0.5, default: 0.5, doc: 'ν of Eq. 6 (0.5: G* = E*/3, the paper)', source: '002 Eq. 6' }),
    derivativeHalfWidth: quantity({ unit: 'm', min: 0.1e-9, max: 20e-9, default: 1.5e-9, doc: 'half-width of the local-polynomial derivative window in z_p' }),
    contactExclusion: quantity({ unit: 'm', min: 0, max: 10e-9, default: 1e-9, doc: 'points with z_p below this belong to the solid contact (excluded from dF/dz_p)' }),
    depthStep: quantity({ unit: 'm', min: 0.01e-9, max: 5e-9, default: 0.25e-9, doc: 'spacing of the common depth grid' }),
    depthMax: quantity({ unit: 'm', min: 5e-9, max: 1e-6, default: 40e-9, doc: 'top of the common depth grid' }),
    depthResolution: quantity({ unit: 'm', min: 0.01e-9, max: 10e-9, default: 1e-9, doc: 'depth resolution δ used in the tolerances (contact-point accuracy)' }),
    modelFloor: quantity({ unit: '1', min: 0, max: 1, default: 0.05, doc: 'relative model floor of the modulus tolerances' }),
    actuatorCorrection: flag('divide by the calibrated actuator transfer H_act(f)', true),
    complianceCorrection: flag("correct for the lever's finite lateral stiffness", true),
    hertzContact: flag('fit the hard-contact branch as Z − Z_c = d + C(d − d₀)^{2/3} (Hertz indentation of the tip into the hard surface) with the session InvOLS and C instead of a line (src/analysis/contact-point.ts)', false),
  }),
} as const satisfies Fields;

/** Resolved configuration of the nrm experiment. */
export type NrmConfig = InferFields<typeof NRM_FIELDS>;

/** Cross-field checks: the instrument must fit its curves into the sweep's time budget, etc. */
export function checkNrmConfig(c: NrmConfig): ParamProblem[] {
  const out: ParamProblem[] = [];
  const preset = nrmSeiPreset(c.sei.preset);
  const perCurve = c.approach.steps * c.approach.stepDwell + c.approach.moveOverhead;
  const budgets = timePerCurveBudget(preset, c.sweep, c.grid);
  budgets.forEach((b, w) => {
    if (!(b >= perCurve)) {
      out.push({
        path: 'approach.stepDwell',
        value: c.approach.stepDwell,
        message: `window ${preset.windows[w].id} lasts ${(b * locationsPerWindow(c.grid)).toFixed(0)} s at the scan rate, i.e. ${b.toFixed(3)} s per curve for ${locationsPerWindow(c.grid)} locations, but a curve takes steps × stepDwell + moveOverhead = ${perCurve.toFixed(3)} s`,
        hint: 'fewer locations (grid), fewer steps, a shorter dwell or a slower scanRate',
      });
    }
  });
  if (c.sweep.vertexPotential >= c.sweep.openCircuitPotential) out.push({ path: 'sweep.vertexPotential', value: c.sweep.vertexPotential, message: 'the cathodic sweep must go down from the open-circuit potential', expected: `< ${c.sweep.openCircuitPotential} V` });
  if (c.approach.retractDistance >= c.approach.rampSize) out.push({ path: 'approach.retractDistance', value: c.approach.retractDistance, message: 'the ramp must be longer than the retraction, or it never reaches the engage point', expected: `< rampSize = ${c.approach.rampSize} m` });
  if (c.lockIn.timeConstant > c.approach.stepDwell) out.push({ path: 'lockIn.timeConstant', value: c.lockIn.timeConstant, message: 'the lock-in cannot settle within one step (τ > dwell): the depth profile would lag by several steps', expected: `<= approach.stepDwell = ${c.approach.stepDwell} s`, hint: 'a shorter time constant, or a longer dwell' });
  return out;
}

/** The instrument of a configuration. */
export function nrmInstrumentOf(c: NrmConfig): NrmInstrument {
  const probe = probePreset(c.probe.preset);
  return buildNrmInstrument({
    cantilever: probe.cantilever,
    opticalLever: makeOpticalLever(),
    fluid: c.electrolyte,
    tip: { tipRadius: c.probe.tipRadius, coneHalfAngle: c.probe.coneHalfAngle, punctureCoefficient: c.probe.punctureCoefficient },
    electrode: c.electrode,
    dither: c.dither,
    lockIn: { ...c.lockIn, slope: Number(c.lockIn.slope) as FilterSlope },
    approach: c.approach,
    normal: c.normalChannel,
    lateral: c.lateralChannel,
  });
}

/** The FEA tip of a configuration. */
export function nrmTipOf(c: NrmConfig): TipGeometry {
  return { shape: c.probe.tipShape, radius: c.probe.tipRadius, coneHalfAngle: c.probe.coneHalfAngle };
}

/**
 * A stiffness table K*(z) = F*(z)/A_l on a uniform grid of heights z above the electrode (spacing
 * h/N, N = max(minSteps, ⌈h/step⌉)) from a force–depth solver; the deepest point sits 0.2 % of h
 * above the electrode (the FEA-lite and its surrogate need the tip end inside the film).
 */
function tabulatedStiffness(
  c: NrmConfig,
  minSteps: number,
  step: number,
  forceCurve: (film: Film, tip: TipGeometry, dither: { amplitude: number; frequency: number }, depths: number[]) => { force: readonly Complex[] },
): LateralStiffnessProvider {
  const tip = nrmTipOf(c);
  const A = c.dither.amplitude;
  return (film: Film, profile): LateralStiffnessTable => {
    const h = profile.thickness;
    const N = Math.max(minSteps, Math.ceil(h / step));
    const dz = h / N;
    // depths below the top, ascending
    const depths = Array.from({ length: N }, (_, i) => (i === N - 1 ? h * (1 - 2e-3) : (i + 1) * dz));
    const curve = forceCurve(film, tip, { amplitude: A, frequency: c.dither.frequency }, depths);
    const storage = new Float64Array(N + 1);
    const loss = new Float64Array(N + 1);
    // z_i = i·dz above the electrode ↔ depth h − z_i = (N − i)·dz
    for (let i = 0; i < N; i++) {
      const f = curve.force[N - 1 - i];
      storage[i] = f.re / A;
      loss[i] = f.im / A;
    }
    return { spacing: dz, thickness: h, storage, loss };
  };
}

/**
 * The lateral-stiffness provider of the configured fidelity: Eq. 4 closed form, or the FEA-lite
 * solved at depths every `feaDepthStep` below the film top (K* = F* / A_l, linear in A_l).
 */
export function lateralProviderOf(c: NrmConfig): LateralStiffnessProvider {
  switch (c.lateralForce.fidelity) {
    case 'eq4': {
      const rg = c.lateralForce.eq4Rg;
      return (_f: Film, _p, integral: ModulusIntegralTable) => eq4StiffnessTable(integral, rg);
    }
    case 'fea':
      return tabulatedStiffness(c, 2, c.lateralForce.feaDepthStep, (film, tip, dither, depths) => feaForceCurve(film, tip, dither, depths));
    case 'surrogate':
      return tabulatedStiffness(c, 4, c.lateralForce.surrogateDepthStep, (film, tip, dither, depths) => surrogateForceCurve(film, tip, dither, depths));
    default: {
      const never: never = c.lateralForce.fidelity;
      throw new Error(`unknown fidelity ${String(never)}`);
    }
  }
}

/** The r_g a careful analyst calibrates for this set-up, and how. */
export interface RgChoice {
  /** A constant r_g or the profile r_g(z_p). */
  readonly rg: RgSpec;
  readonly source: string;
  /** The homogeneous reference of a calibration (SI), if any. */
  readonly reference?: { readonly thickness: number; readonly modulus: number; readonly poissonRatio: number; readonly rule: string };
}

/**
 * The homogeneous reference layer of the r_g(z_p) calibration: E_ref = 1 MPa (002 §4, Fig. 2e),
 * ν = 0.47 (the middle of the SEI's 0.45–0.49; r_g changes < 3 % over 0.3–0.499, notes/fea-readme),
 * elastic (r_g is real), and thicker than the deepest analysed height by 3 tip radii.
 */
export const RG_REFERENCE = { modulus: 1e6, poissonRatio: 0.47, marginTipRadii: 3 } as const;

/**
 * Thickness rule of the reference layer, m: h_ref = depthMax + 3 r_t. Every height z_p ≤ depthMax
 * then has ≥ 3 r_t of reference above the tip end, where the reference's own free top no longer
 * matters (with the surrogate and a 10 nm flat tip r_g(z_p) at fixed z_p changes by ≤ 2 % for
 * z_p ≤ 30 nm between 55 and 87 nm thick references, and by ~6 % at z_p = 40 nm for a 55 nm one,
 * notes/nrm-readme.md); the stress field of the tip end reaches ~r_t.
 */
export function rgReferenceThickness(c: NrmConfig): number {
  return c.analysis.depthMax + RG_REFERENCE.marginTipRadii * c.probe.tipRadius;
}

/**
 * The depth-dependent r_g(z_p) of Eq. 5 (`002_bf87beaba622041e.txt` §4, the calibration
 * r_g = (1/(4 A_l E_ref)) dF_ref* /dz_p kept as a function of the tip-end height z_p above the
 * electrode): the lateral stiffness K_ref(z_p) = F_ref* /A_l of a homogeneous reference layer
 * ({@link RG_REFERENCE}, thickness {@link rgReferenceThickness}) simulated by the same
 * lateral-force model and tip as the truth ({@link lateralProviderOf}), differentiated by the
 * pipeline's own smoothed derivative with the scenario's half-width and contact exclusion
 * ({@link rgProfileFromReference}), so that the numerical factors of the derivative cancel.
 */
export function rgProfileOf(c: NrmConfig): RgChoice {
  const h = rgReferenceThickness(c);
  const { modulus: E, poissonRatio: nu } = RG_REFERENCE;
  const film = homogeneousFilm(h, constantLoss(E, 0), nu, 'r_g reference');
  const profile = filmProfile(film, c.dither.frequency);
  const table = lateralProviderOf(c)(film, profile, modulusIntegralTable(profile));
  const gap = Float64Array.from(table.storage, (_, i) => i * table.spacing);
  const rg = rgProfileFromReference({ gap, stiffness: table.storage, referenceModulus: E, derivativeHalfWidth: c.analysis.derivativeHalfWidth, contactExclusion: c.analysis.contactExclusion });
  const rule = `h_ref = depthMax + ${RG_REFERENCE.marginTipRadii} r_t = ${(h * 1e9).toFixed(1)} nm, E_ref = ${E / 1e6} MPa, ν = ${nu}; lateral force '${c.lateralForce.fidelity}'; derivative half-width ${(c.analysis.derivativeHalfWidth * 1e9).toFixed(2)} nm, exclusion ${(c.analysis.contactExclusion * 1e9).toFixed(2)} nm`;
  return { rg, source: `calibrated profile r_g(z_p) = −(1/(4 E_ref)) dK_ref/dz_p on a homogeneous reference (${rule}): ${describeRg(rg)}`, reference: { thickness: h, modulus: E, poissonRatio: nu, rule } };
}

/**
 * r_g for the analysis. 'calibrated-profile': {@link rgProfileOf}. 'calibrated': Eq. 5 on a
 * homogeneous 1 MPa reference layer (the paper's Fig. 2e procedure, src/analysis/rg.ts) simulated
 * with the same lateral-force model as the truth — for 'eq4' that returns its own r_g exactly; for
 * the FEA-lite a 60 nm, ν = 0.47 layer probed at 5–50 nm, slope over the linear part.
 */
export function rgOf(c: NrmConfig): RgChoice {
  switch (c.analysis.rg) {
    case 'calibrated-profile':
      return rgProfileOf(c);
    case 'paper':
      return { rg: PAPER_RG, source: "the paper's r_g = 1.25 (002 §4)" };
    case 'given':
      return { rg: c.analysis.rgValue, source: 'given in the scenario (analysis.rgValue)' };
    case 'calibrated': {
      if (c.lateralForce.fidelity === 'eq4') return { rg: c.lateralForce.eq4Rg, source: 'Eq. 4 closed form: calibration on a homogeneous layer returns its r_g exactly' };
      const film = homogeneousFilm(60e-9, constantLoss(1e6, 0), 0.47, 'reference 1 MPa');
      const depths = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50].map((d) => d * 1e-9);
      const curve = feaForceCurve(film, nrmTipOf(c), { amplitude: c.dither.amplitude, frequency: c.dither.frequency }, depths);
      const cal = calibrateRg({ depths_m: curve.depths_m, force_N: curve.force, amplitude_m: c.dither.amplitude, referenceModulus_Pa: 1e6 });
      return { rg: cal.rg, source: `FEA-lite calibration on a 60 nm, 1 MPa, ν = 0.47 layer (${cal.window.rule}; window ${(cal.window.from_m * 1e9).toFixed(0)}–${(cal.window.to_m * 1e9).toFixed(0)} nm)`, reference: { thickness: 60e-9, modulus: 1e6, poissonRatio: 0.47, rule: 'paper Fig. 2e: slope over the linear part of a 60 nm layer' } };
    }
    default: {
      const never: never = c.analysis.rg;
      throw new Error(`unknown r_g source ${String(never)}`);
    }
  }
}

/** The r_g of another source for the same configuration (e.g. the constant one for the bias scores). */
export function rgOfSource(c: NrmConfig, source: RgSource): RgChoice {
  return rgOf({ ...c, analysis: { ...c.analysis, rg: source } });
}

/** The instrument record written to data/instrument.json: what the user knows (calibrations). */
export function instrumentRecordOf(inst: NrmInstrument, c: NrmConfig, rng: Rng): NrmInstrumentRecord {
  const cal = rng.fork('calibration');
  const e = c.dither.actuatorCalibrationError;
  const amp = 1 + e * cal.normal();
  const ph = e * cal.normal();
  const A = c.dither.amplitude;
  const hr = inst.ditherRe / A;
  const hi = inst.ditherIm / A;
  return {
    springConstant: inst.springConstant,
    torsionalSpringConstant: inst.torsionalSpringConstant,
    tipLength: inst.tipLength,
    lateralInvOLS: inst.invOLSLateral * (1 + c.lateralChannel.calibrationError),
    lateralStiffness: inst.lateralStiffness,
    ditherAmplitude: A,
    ditherFrequency: c.dither.frequency,
    actuatorTransfer: { re: amp * (hr * Math.cos(ph) - hi * Math.sin(ph)), im: amp * (hr * Math.sin(ph) + hi * Math.cos(ph)) },
    lockInSensitivity: c.lockIn.sensitivity,
    lockInReferencePhase: c.lockIn.referencePhase,
    lockInOutputFullScale: 10,
    zTowardsTip: true,
  };
}

/** Curves of a session as pipeline input (views, no copies). */
export function sessionCurves(s: NrmSession): NrmCurveData[] {
  const N = s.steps;
  const v = (a: Float64Array, c: number) => a.subarray(c * N, (c + 1) * N);
  return Array.from({ length: s.curves }, (_, c) => ({ z: v(s.z, c), normal: v(s.normal, c), x: v(s.x, c), y: v(s.y, c), potential: v(s.potential, c) }));
}

/** True |G*| = |E*|/(2(1 + ν(z))) per curve and height, Pa. */
export function truthShearMagnitude(s: NrmSession): Float64Array {
  const out = new Float64Array(s.truthStorage.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.hypot(s.truthStorage[i], s.truthLoss[i]) / (2 * (1 + s.truthPoisson[i]));
  return out;
}

/** Per window (of the analysis), the truth profiles and scores. */
export interface NrmScoring {
  readonly scores: Score[];
  /** True mean profiles per window (over the window's analysed curves), Pa. */
  readonly truthProfiles: { readonly storage: Float64Array; readonly loss: Float64Array; readonly shearMagnitude: Float64Array }[];
  /**
   * The Eq. 5 limit per curve on the depth grid (curves × grid), Pa: the pipeline's derivative of
   * the true, noise-free K*(z_p) at exact depths divided by 4 r_g(z_p) of the analysis.
   */
  readonly eq5Limit: { readonly storage: Float64Array; readonly loss: Float64Array };
  /**
   * The same with the profile calibration r_g(z_p) (curves × grid), Pa: what Eq. 5 can deliver at
   * best; its distance from the local truth is the non-locality N of the recovery tolerance.
   */
  readonly eq5LimitProfile: { readonly storage: Float64Array; readonly loss: Float64Array };
}

/** What {@link scoreNrm} scores besides the analysis itself. */
export interface NrmScoreOptions {
  /** Also score against the Eq. 5 limit (for a non-local lateral force). */
  readonly eq5Limit: boolean;
  /** The profile calibration r_g(z_p): its noise-free Eq. 5 limit minus the local truth is the non-locality term N. */
  readonly profileRg: RgSpec;
  /** Analyses of the same data with other r_g (e.g. a constant, the paper's 1.25), scored as `'bias'`; `label` suffixes the quantity. */
  readonly variants?: readonly { readonly label: string; readonly analysis: NrmAnalysis }[];
}

/**
 * −(1/4) dK* /dz_p of the session's true, noise-free lateral stiffness per curve on `grid` (Pa,
 * curves × grid), by the pipeline's own smoothed derivative over the heights z_p ≥ `exclusion`
 * (NaN below): Eq. 5 at best, before the division by r_g.
 */
export function eq5LimitGradient(s: NrmSession, grid: Float64Array, halfWidth: number, order: number, exclusion: number): { re: Float64Array; im: Float64Array } {
  const G = grid.length;
  let j0 = 0;
  while (j0 < G && grid[j0] < exclusion) j0++;
  const xs = grid.subarray(j0);
  const re = new Float64Array(s.curves * G).fill(NaN);
  const im = new Float64Array(s.curves * G).fill(NaN);
  for (let c = 0; c < s.curves; c++) {
    const g = lateralGradientOnGrid(xs, s.truthLateralStiffnessRe.subarray(c * G + j0, (c + 1) * G), s.truthLateralStiffnessIm.subarray(c * G + j0, (c + 1) * G), grid, halfWidth, order);
    re.set(g.re, c * G);
    im.set(g.im, c * G);
  }
  return { re, im };
}

/**
 * Scores of an analysis against the session's truth (module doc of scoring.ts for the tolerance):
 * per window and depth bin E', E'' (truth = the mean over the window's curves of the true bin
 * means over the depths each curve's estimate covers), |⟨G*⟩| (magnitude of the window-mean
 * complex shear modulus, with the true ν(z)) and contact points — group `'recovery'`, with the
 * tolerance N + √[(3 SE)² + R² + (5 % truth)²]:
 * - R, a depth error equal to the window's measured contact-point RMS error (≤ the depth
 *   resolution δ) propagated exactly through the estimator Γ(z)/r_g(z) ({@link eq5DepthTerm}),
 *   Γ the window-mean noise-free −(1/4) dK* /dz_p;
 * - N, the residual non-locality: the noise-free Eq. 5 with the profile r_g(z_p) at exact depths
 *   minus the local truth (measured, not assumed; reported in every toleranceWhy).
 * With `eq5Limit`, also each bin against that Eq. 5 limit with the analysis' own r_g (`'recovery'`
 * of what Eq. 5 can deliver: noise, referencing and instrument corrections; tolerance without N).
 * Each of `variants` (the same data with a constant or the paper's r_g) is scored for E' and |G*|
 * against the local truth with the recovery tolerance, as `'bias'`.
 */
export function scoreNrm(s: NrmSession, a: NrmAnalysis, windowLabels: readonly string[], tol: NrmToleranceSettings, truthG: Float64Array, opts: NrmScoreOptions): NrmScoring {
  const G = a.depthGrid.length;
  const grid = a.depthGrid;
  const excl = a.options.contactExclusion;
  const scores: Score[] = [];
  const truthProfiles: NrmScoring['truthProfiles'] = [];
  const lim = eq5LimitGradient(s, grid, a.options.derivativeHalfWidth, a.options.derivativeOrder, excl);
  // the same down to the first grid height above the electrode: Γ at the true heights z ± δ of a depth error
  const limLow = eq5LimitGradient(s, grid, a.options.derivativeHalfWidth, a.options.derivativeOrder, Math.min(excl, grid[1] ?? excl));
  const rgA = rgOnGrid(a.options.rg, grid);
  const rgP = rgOnGrid(opts.profileRg, grid);
  const divide = (g: Float64Array, r: Float64Array) => Float64Array.from(g, (v, i) => v / r[i % G]);
  const limA = { storage: divide(lim.re, rgA), loss: divide(lim.im, rgA) };
  const limP = { storage: divide(lim.re, rgP), loss: divide(lim.im, rgP) };
  const gA = 1 / (2 * (1 + a.options.poissonRatio));
  const truthGRe = Float64Array.from(s.truthStorage, (v, i) => v / (2 * (1 + s.truthPoisson[i])));
  const truthGIm = Float64Array.from(s.truthLoss, (v, i) => v / (2 * (1 + s.truthPoisson[i])));

  const variants = opts.variants ?? [];
  const variantRg = variants.map((v) => rgOnGrid(v.analysis.options.rg, grid));
  a.windows.forEach((w, wi) => {
    const label = windowLabels[wi] ?? `${w.window[0]}-${w.window[1]} V`;
    const profiles = {
      storage: meanProfileOf(s.truthStorage, G, w.okCurves),
      loss: meanProfileOf(s.truthLoss, G, w.okCurves),
      shearMagnitude: meanProfileOf(truthG, G, w.okCurves),
    };
    truthProfiles.push(profiles);
    const gRe = meanProfileOf(limLow.re, G, w.okCurves);
    const gIm = meanProfileOf(limLow.im, G, w.okCurves);
    // depth error δ_w: the window's measured contact-point RMS error (scored below against the
    // depth resolution δ), at most δ
    const ce = Float64Array.from(w.curves, (c) => a.curves[c].contactZ);
    const ct = Float64Array.from(w.curves, (c) => s.contactZ[c]);
    let e2 = 0;
    let ne = 0;
    for (let i = 0; i < ce.length; i++) {
      const e = ce[i] - ct[i];
      if (Number.isFinite(e)) {
        e2 += e * e;
        ne++;
      }
    }
    const rms = ne > 0 ? Math.sqrt(e2 / ne) : NaN;
    const delta = Number.isFinite(rms) ? Math.min(rms, tol.depthResolution) : tol.depthResolution;
    const rWhy = `change of the bin mean of the estimator Γ(z)/r_g(z) when the true heights are z ± ${(delta * 1e9).toFixed(2)} nm — the window's measured contact-point RMS error (≤ the depth resolution ${(tol.depthResolution * 1e9).toFixed(2)} nm); Γ = −(1/4) dK*/dz_p of the window-mean true lateral stiffness, exact shift (Γ ∝ z_p^-2 near the electrode)`;
    const gMag = Float64Array.from(gRe, (v, j) => Math.hypot(v, gIm[j]));
    const truthOfBin = (m: Float64Array, bin: Interval, mask: Float64Array): number => {
      let t = 0;
      let n = 0;
      for (const c of w.okCurves) {
        const v = maskedBinMean(m.subarray(c * G, (c + 1) * G), grid, bin, mask.subarray(c * G, (c + 1) * G));
        if (Number.isFinite(v)) {
          t += v;
          n++;
        }
      }
      return n > 0 ? t / n : NaN;
    };
    for (const q of NRM_SCORE_QUANTITIES) {
      const pick = (an: NrmAnalysis) => (q === 'storageModulus' ? an.windows[wi].bins.storage : q === 'lossModulus' ? an.windows[wi].bins.loss : an.windows[wi].bins.shearMagnitude);
      pick(a).forEach((b, k) => {
        let truth: number;
        let prof: Float64Array;
        let limitA: number;
        let limitP: number;
        let gam: Float64Array;
        let scale = 1;
        switch (q) {
          case 'storageModulus':
            truth = truthOfBin(s.truthStorage, b.bin, a.storage);
            prof = profiles.storage;
            limitA = truthOfBin(limA.storage, b.bin, a.storage);
            limitP = truthOfBin(limP.storage, b.bin, a.storage);
            gam = gRe;
            break;
          case 'lossModulus':
            truth = truthOfBin(s.truthLoss, b.bin, a.loss);
            prof = profiles.loss;
            limitA = truthOfBin(limA.loss, b.bin, a.loss);
            limitP = truthOfBin(limP.loss, b.bin, a.loss);
            gam = gIm;
            break;
          case 'shearModulusMagnitude':
            truth = Math.hypot(truthOfBin(truthGRe, b.bin, a.storage), truthOfBin(truthGIm, b.bin, a.loss));
            prof = profiles.shearMagnitude;
            limitA = gA * Math.hypot(truthOfBin(limA.storage, b.bin, a.storage), truthOfBin(limA.loss, b.bin, a.loss));
            limitP = gA * Math.hypot(truthOfBin(limP.storage, b.bin, a.storage), truthOfBin(limP.loss, b.bin, a.loss));
            gam = gMag;
            scale = gA;
            break;
          default: {
            const never: never = q;
            throw new Error(`unknown quantity ${String(never)}`);
          }
        }
        const N = Number.isFinite(limitP) && Number.isFinite(truth) ? Math.abs(limitP - truth) : 0;
        const R = scale * eq5DepthTerm(grid, gam, rgA, b.bin, delta, excl);
        const common = { quantity: q, windowLabel: label, bin: b.bin, truthProfile: prof, heights: grid, rWhy };
        scores.push(scoreBin({ ...common, estimate: b.mean, standardError: b.standardError, truth, R, nonLocality: N, group: 'recovery' }, tol));
        if (opts.eq5Limit) {
          scores.push(scoreBin({ ...common, estimate: b.mean, standardError: b.standardError, truth: limitA, R, variant: ' [Eq. 5 limit]', group: 'recovery' }, tol));
        }
        if (q !== 'lossModulus') {
          variants.forEach((v, vi) => {
            const e = pick(v.analysis)[k];
            const Rv = scale * eq5DepthTerm(grid, gam, variantRg[vi], b.bin, delta, excl);
            scores.push(scoreBin({ ...common, estimate: e.mean, standardError: e.standardError, truth, R: Rv, nonLocality: N, variant: v.label, group: 'bias' }, tol));
          });
        }
      });
    }
    scores.push(...scoreContacts(label, ce, ct, tol));
  });
  return { scores, truthProfiles, eq5Limit: limA, eq5LimitProfile: limP };
}

/** "passed/total" of a set of scores. */
function passed(sc: readonly Score[]): string {
  return `${sc.filter((x) => x.pass).length}/${sc.length}`;
}

/** Run the whole experiment (see the module doc). */
export function runNrmExperiment(c: NrmConfig, rng: Rng, progress: (f: number, label?: string) => void = () => {}): { artifacts: Artifact[]; scores: Score[]; summary: Record<string, unknown> } {
  const problems = checkNrmConfig(c);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  const preset: NrmSeiPreset = nrmSeiPreset(c.sei.preset);
  const inst = nrmInstrumentOf(c);
  const grid = defaultNrmDepthGridOf(c);
  progress(0, 'NRM session');
  const session = runNrmSession(rng, {
    preset,
    electrode: c.electrode,
    grid: c.grid,
    sweep: c.sweep,
    instrument: inst,
    lateral: lateralProviderOf(c),
    truthHeights: grid,
    zOffset: 2e-6,
  }, (f) => progress(0.6 * f, 'NRM session'));
  // r_g after the session: the surrogate's FEA calibrations of nearby thicknesses are then cached
  progress(0.6, 'r_g calibration');
  const rgChoice = rgOf(c);
  const profileRg = c.analysis.rg === 'calibrated-profile' ? rgChoice : rgProfileOf(c);
  const constantRg = c.analysis.rg === 'calibrated' ? rgChoice : rgOfSource(c, 'calibrated');
  const record = instrumentRecordOf(inst, c, rng);
  const windows = preset.windows.map((w) => [w.potentialLow, w.potentialHigh] as const);
  const C = session.curves;
  const analysis = analyzeNrm(sessionCurves(session), record, {
    rg: rgChoice.rg,
    poissonRatio: c.analysis.poissonRatio,
    derivativeHalfWidth: c.analysis.derivativeHalfWidth,
    contactExclusion: c.analysis.contactExclusion,
    depthGrid: grid,
    actuatorCorrection: c.analysis.actuatorCorrection,
    complianceCorrection: c.analysis.complianceCorrection,
    hertzContact: c.analysis.hertzContact,
    windows,
  }, (i) => {
    if ((i & 31) === 31) progress(0.62 + 0.3 * ((i + 1) / C), 'pipeline');
  });
  // the same data with a constant r_g (the Fig. 2e calibration) and the paper's 1.25: the bias scores
  const variants: { label: string; analysis: NrmAnalysis; rg: number }[] = [];
  const f = c.dither.frequency;
  const constVal = constantRg.rg as number;
  if (c.analysis.rg !== 'calibrated' && c.lateralForce.fidelity !== 'eq4') variants.push({ label: ` (constant r_g = ${constVal.toFixed(3)})`, analysis: reanalyzeWithRg(analysis, constVal, f, { kde: false }), rg: constVal });
  if (analysis.options.rg !== PAPER_RG) variants.push({ label: ` (paper r_g = ${PAPER_RG})`, analysis: reanalyzeWithRg(analysis, PAPER_RG, f, { kde: false }), rg: PAPER_RG });
  const tol: NrmToleranceSettings = { ...DEFAULT_NRM_TOLERANCE, depthResolution: c.analysis.depthResolution, modelFloor: c.analysis.modelFloor };
  const truthG = truthShearMagnitude(session);
  const labels = preset.windows.map((w) => w.id);
  const scoring = scoreNrm(session, analysis, labels, tol, truthG, { eq5Limit: c.lateralForce.fidelity !== 'eq4', profileRg: profileRg.rg, variants });
  progress(0.93, 'files and plots');
  const cv = nrmCv(preset, c.sweep, c.cv);
  const outputs = { config: c, preset, session, analysis, cv, truthShear: truthG, truthProfiles: scoring.truthProfiles, rg: rgChoice, instrument: inst, eq5Limit: scoring.eq5Limit, eq5LimitProfile: scoring.eq5LimitProfile, profileRg, constantRg, variants };
  const artifacts = [
    ...nrmArtifacts({ ...outputs, record }),
    ...nrmPlots({ ...outputs, scores: scoring.scores }),
  ];
  progress(1, 'done');
  const local = scoring.scores.filter((s) => s.group === 'recovery' && !s.quantity.includes('Eq. 5 limit') && !s.quantity.startsWith('contactPoint'));
  const contacts = scoring.scores.filter((s) => s.quantity.startsWith('contactPoint'));
  const paper = scoring.scores.filter((s) => s.quantity.includes('paper r_g'));
  const constant = scoring.scores.filter((s) => s.quantity.includes('(constant r_g'));
  const limit = scoring.scores.filter((s) => s.quantity.includes('Eq. 5 limit'));
  const failed = analysis.curves.filter((a) => !a.ok).length;
  return {
    artifacts,
    scores: scoring.scores,
    summary: {
      curves: C,
      stepsPerCurve: session.steps,
      windows: labels,
      curvesPerWindow: locationsPerWindow(c.grid),
      analysisFailures: failed,
      lockInOverloads: Array.from(session.overload).reduce((x, y) => x + y, 0),
      lateralFidelity: c.lateralForce.fidelity,
      rgSource: c.analysis.rg,
      rg: describeRg(rgChoice.rg),
      rgCalibration: rgChoice.source,
      rgProfileAt: Object.fromEntries([1, 2, 3, 5, 10, 20, 40].map((z) => [`${z} nm`, +rgOnGrid(profileRg.rg, [z * 1e-9])[0].toPrecision(3)])),
      rgConstantCalibrated: constVal,
      paperRgBias: constVal / PAPER_RG - 1,
      recoveryLocalScoresPassed: passed(local),
      recoveryEq5LimitScoresPassed: passed(limit),
      recoveryContactScoresPassed: passed(contacts),
      biasConstantRgScoresPassed: passed(constant),
      biasPaperRgScoresPassed: passed(paper),
    },
  };
}

/** The common depth grid of a configuration: 0 … depthMax every depthStep. */
export function defaultNrmDepthGridOf(c: NrmConfig): Float64Array {
  const n = Math.floor(c.analysis.depthMax / c.analysis.depthStep + 1e-9) + 1;
  if (n < 2) return defaultNrmDepthGrid();
  return Float64Array.from({ length: n }, (_, i) => i * c.analysis.depthStep);
}
