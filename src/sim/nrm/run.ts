/**
 * `experiment: nrm` — the operando 1D-NRM digital twin of SEI growth on a rough hard-carbon
 * electrode in a Na half cell (`002_bf87beaba622041e.txt` §3–5, Fig. 1, 3, 4; issue 5): the
 * session (src/sim/nrm/session.ts) records curves through the instrument model, the paper's pipeline
 * (src/analysis/nrm-pipeline.ts) turns the observed files into Fig. 4, and the scores compare the
 * recovered E', E'', |G*| and contact points with the truth.
 */
import { calibrateRg } from '../../analysis/rg.js';
import { analyzeNrm, defaultNrmDepthGrid, type NrmAnalysis, type NrmCurveData, type NrmInstrumentRecord } from '../../analysis/nrm-pipeline.js';
import type { Score } from '../../io/artifact.js';
import type { Interval } from '../../analysis/binning.js';
import type { Artifact } from '../../io/artifact.js';
import { feaForceCurve } from '../../models/fea/curve.js';
import { surrogateForceCurve } from '../../models/fea/surrogate.js';
import { TIP_SHAPES, type TipGeometry } from '../../models/fea/tip.js';
import { homogeneousFilm, constantLoss, type Film } from '../../models/film/film.js';
import type { ModulusIntegralTable } from '../../models/nrm/forces.js';
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
import { DEFAULT_NRM_TOLERANCE, maskedBinMean, meanProfileOf, NRM_SCORE_QUANTITIES, scoreBin, scoreContacts, type NrmToleranceSettings } from './scoring.js';
import { locationsPerWindow, runNrmSession, timePerCurveBudget, type LateralStiffnessProvider, type NrmSession } from './session.js';

/** The electrolyte around the cantilever (thermal noise, hydrodynamics). */
export const NRM_ELECTROLYTE = {
  density: { unit: 'kg/m^3', min: 0, max: 3000, default: 1250, doc: 'density of 1.0 M NaPF6 in EC:DEC (1:1 v/v)', source: 'assumption (EC 1.32, DEC 0.97 g/cm³ plus salt)' },
  viscosity: { unit: 'Pa s', min: 1e-6, max: 10, default: 4e-3, doc: 'dynamic viscosity', source: 'assumption (1 M Na/Li PF6 carbonate electrolytes: 3–5 mPa·s at 25 °C)' },
} as const satisfies ParamTable;

/** Where the analysis takes r_g from. */
export type RgSource = 'calibrated' | 'paper' | 'given';
export const RG_SOURCES = ['calibrated', 'paper', 'given'] as const satisfies readonly RgSource[];

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
    rg: oneOf(RG_SOURCES, "r_g of Eq. 5: 'calibrated' by the FEA-lite for the scenario's tip (or the Eq. 4 r_g), 'paper' = 1.25, 'given' = rgValue", 'calibrated'),
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
 * The lateral-stiffness provider of the configured fidelity: Eq. 4 closed form, or the FEA-lite
 * solved at depths every `feaDepthStep` below the film top (K* = F* / A_l, linear in A_l).
 */
export function lateralProviderOf(c: NrmConfig): LateralStiffnessProvider {
  switch (c.lateralForce.fidelity) {
    case 'eq4': {
      const rg = c.lateralForce.eq4Rg;
      return (_f: Film, _p, integral: ModulusIntegralTable) => eq4StiffnessTable(integral, rg);
    }
    case 'fea': {
      const tip = nrmTipOf(c);
      const A = c.dither.amplitude;
      return (film: Film, profile): LateralStiffnessTable => {
        const h = profile.thickness;
        const N = Math.max(2, Math.ceil(h / c.lateralForce.feaDepthStep));
        const dz = h / N;
        // depth below the top, ascending; the deepest 0.2 % of h above the electrode (the FEA-lite keeps round and cone apexes ≥ h/1000 above it)
        const depths = Array.from({ length: N }, (_, i) => (i === N - 1 ? h * (1 - 2e-3) : (i + 1) * dz));
        const curve = feaForceCurve(film, tip, { amplitude: A, frequency: c.dither.frequency }, depths);
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
    case 'surrogate': {
      const tip = nrmTipOf(c);
      const A = c.dither.amplitude;
      return (film: Film, profile): LateralStiffnessTable => {
        const h = profile.thickness;
        const N = Math.max(4, Math.ceil(h / c.lateralForce.surrogateDepthStep));
        const dz = h / N;
        // depths below the top, ascending; the deepest 0.2 % of h above the electrode (the surrogate needs the tip end in the film)
        const depths = Array.from({ length: N }, (_, i) => (i === N - 1 ? h * (1 - 2e-3) : (i + 1) * dz));
        const curve = surrogateForceCurve(film, tip, { amplitude: A, frequency: c.dither.frequency }, depths);
        const storage = new Float64Array(N + 1);
        const loss = new Float64Array(N + 1);
        for (let i = 0; i < N; i++) {
          const f = curve.force[N - 1 - i];
          storage[i] = f.re / A;
          loss[i] = f.im / A;
        }
        return { spacing: dz, thickness: h, storage, loss };
      };
    }
    default: {
      const never: never = c.lateralForce.fidelity;
      throw new Error(`unknown fidelity ${String(never)}`);
    }
  }
}

/** The r_g a careful analyst calibrates for this set-up, and how. */
export interface RgChoice {
  readonly rg: number;
  readonly source: string;
}

/**
 * r_g for the analysis. 'calibrated': Eq. 5 on a homogeneous 1 MPa reference layer (the paper's
 * Fig. 2e procedure, src/analysis/rg.ts) simulated with the same lateral-force model as the truth —
 * for 'eq4' that returns its own r_g exactly; for the FEA-lite a 60 nm, ν = 0.47 layer (the SEI's
 * Poisson ratio range) probed at 5–50 nm.
 */
export function rgOf(c: NrmConfig): RgChoice {
  switch (c.analysis.rg) {
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
      return { rg: cal.rg, source: `FEA-lite calibration on a 60 nm, 1 MPa, ν = 0.47 layer (${cal.window.rule}; window ${(cal.window.from_m * 1e9).toFixed(0)}–${(cal.window.to_m * 1e9).toFixed(0)} nm)` };
    }
    default: {
      const never: never = c.analysis.rg;
      throw new Error(`unknown r_g source ${String(never)}`);
    }
  }
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
}

/**
 * Scores of an analysis against the session's truth (with `eq5Limit`, also against the Eq. 5 limit:
 * −dK* /dz_p of the true noise-free lateral stiffness over 4 r_g — what the paper's method gives at
 * best, which differs from the local E*(z) wherever the lateral force is not local, e.g. films
 * only a few tip radii thick on a bonded electrode): per window and depth bin E', E'' (truth = the
 * mean over the window's curves of the true bin means over the depths each curve's estimate
 * covers), |⟨G*⟩| (magnitude of the window-mean complex shear modulus, with the true ν(z)), and
 * contact points; plus, when r_g ≠ 1.25, E' and |G*| rescaled to r_g = 1.25 (Eq. 5 is
 * linear in 1/r_g) against the same truth and tolerance — the bias of the paper's value.
 */
export function scoreNrm(s: NrmSession, a: NrmAnalysis, windowLabels: readonly string[], tol: NrmToleranceSettings, truthG: Float64Array, eq5Limit = false): NrmScoring {
  const G = a.depthGrid.length;
  const scores: Score[] = [];
  const truthProfiles: NrmScoring['truthProfiles'] = [];
  // the Eq. 5 limit: −dK*/dz of the true, noise-free lateral stiffness over 4 r_g (and ν of the analysis)
  const e5 = 1 / (4 * a.options.rg);
  const appRe = Float64Array.from(s.truthLateralGradientRe, (v) => v * e5);
  const appIm = Float64Array.from(s.truthLateralGradientIm, (v) => v * e5);
  const gA = 1 / (2 * (1 + a.options.poissonRatio));
  const truthGRe = Float64Array.from(s.truthStorage, (v, i) => v / (2 * (1 + s.truthPoisson[i])));
  const truthGIm = Float64Array.from(s.truthLoss, (v, i) => v / (2 * (1 + s.truthPoisson[i])));
  const paperScale = a.options.rg / PAPER_RG;
  a.windows.forEach((w, wi) => {
    const label = windowLabels[wi] ?? `${w.window[0]}-${w.window[1]} V`;
    const profiles = {
      storage: meanProfileOf(s.truthStorage, G, w.okCurves),
      loss: meanProfileOf(s.truthLoss, G, w.okCurves),
      shearMagnitude: meanProfileOf(truthG, G, w.okCurves),
    };
    truthProfiles.push(profiles);
    // |⟨G*⟩| profile: magnitude of the mean complex G* = E*/(2(1+ν(z)))
    const gRe = meanProfileOf(truthGRe, G, w.okCurves);
    const gIm = meanProfileOf(truthGIm, G, w.okCurves);
    const gMag = Float64Array.from(gRe, (v, j) => Math.hypot(v, gIm[j]));
    const truthOfBin = (m: Float64Array, bin: Interval, mask: Float64Array): number => {
      let t = 0;
      let n = 0;
      for (const c of w.okCurves) {
        const v = maskedBinMean(m.subarray(c * G, (c + 1) * G), a.depthGrid, bin, mask.subarray(c * G, (c + 1) * G));
        if (Number.isFinite(v)) {
          t += v;
          n++;
        }
      }
      return n > 0 ? t / n : NaN;
    };
    for (const q of NRM_SCORE_QUANTITIES) {
      const binEst = q === 'storageModulus' ? w.bins.storage : q === 'lossModulus' ? w.bins.loss : w.bins.shearMagnitude;
      binEst.forEach((b) => {
        let truth: number;
        let prof: Float64Array;
        switch (q) {
          case 'storageModulus':
            truth = truthOfBin(s.truthStorage, b.bin, a.storage);
            prof = profiles.storage;
            break;
          case 'lossModulus':
            truth = truthOfBin(s.truthLoss, b.bin, a.loss);
            prof = profiles.loss;
            break;
          case 'shearModulusMagnitude':
            truth = Math.hypot(truthOfBin(truthGRe, b.bin, a.storage), truthOfBin(truthGIm, b.bin, a.loss));
            prof = gMag;
            break;
          default: {
            const never: never = q;
            throw new Error(`unknown quantity ${String(never)}`);
          }
        }
        scores.push(scoreBin({ quantity: q, windowLabel: label, bin: b.bin, estimate: b.mean, standardError: b.standardError, truth, truthProfile: prof, heights: a.depthGrid }, tol));
        if (Math.abs(paperScale - 1) > 1e-12 && q !== 'lossModulus') {
          scores.push(scoreBin({ quantity: q, windowLabel: label, bin: b.bin, estimate: b.mean * paperScale, standardError: b.standardError * paperScale, truth, truthProfile: prof, heights: a.depthGrid, variant: ` (paper r_g = ${PAPER_RG})` }, tol));
        }
        if (eq5Limit) {
          let t5: number;
          let p5: Float64Array;
          switch (q) {
            case 'storageModulus':
              t5 = truthOfBin(appRe, b.bin, a.storage);
              p5 = meanProfileOf(appRe, G, w.okCurves);
              break;
            case 'lossModulus':
              t5 = truthOfBin(appIm, b.bin, a.loss);
              p5 = meanProfileOf(appIm, G, w.okCurves);
              break;
            case 'shearModulusMagnitude': {
              t5 = gA * Math.hypot(truthOfBin(appRe, b.bin, a.storage), truthOfBin(appIm, b.bin, a.loss));
              const pr = meanProfileOf(appRe, G, w.okCurves);
              const pi = meanProfileOf(appIm, G, w.okCurves);
              p5 = Float64Array.from(pr, (v, j) => gA * Math.hypot(v, pi[j]));
              break;
            }
            default: {
              const never: never = q;
              throw new Error(`unknown quantity ${String(never)}`);
            }
          }
          scores.push(scoreBin({ quantity: q, windowLabel: label, bin: b.bin, estimate: b.mean, standardError: b.standardError, truth: t5, truthProfile: p5, heights: a.depthGrid, variant: ' [Eq. 5 limit]' }, tol));
        }
      });
    }
    const ce = Float64Array.from(w.curves, (c) => a.curves[c].contactZ);
    const ct = Float64Array.from(w.curves, (c) => s.contactZ[c]);
    scores.push(...scoreContacts(label, ce, ct, tol));
  });
  return { scores, truthProfiles };
}

/** Run the whole experiment (see the module doc). */
export function runNrmExperiment(c: NrmConfig, rng: Rng, progress: (f: number, label?: string) => void = () => {}): { artifacts: Artifact[]; scores: Score[]; summary: Record<string, unknown> } {
  const problems = checkNrmConfig(c);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  const preset: NrmSeiPreset = nrmSeiPreset(c.sei.preset);
  const inst = nrmInstrumentOf(c);
  progress(0, 'r_g calibration');
  const rgChoice = rgOf(c);
  const grid = defaultNrmDepthGridOf(c);
  progress(0.02, 'NRM session');
  const session = runNrmSession(rng, {
    preset,
    electrode: c.electrode,
    grid: c.grid,
    sweep: c.sweep,
    instrument: inst,
    lateral: lateralProviderOf(c),
    truthHeights: grid,
    zOffset: 2e-6,
  }, (f) => progress(0.02 + 0.6 * f, 'NRM session'));
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
    windows,
  }, (i) => {
    if ((i & 31) === 31) progress(0.62 + 0.3 * ((i + 1) / C), 'pipeline');
  });
  const tol: NrmToleranceSettings = { ...DEFAULT_NRM_TOLERANCE, depthResolution: c.analysis.depthResolution, modelFloor: c.analysis.modelFloor };
  const truthG = truthShearMagnitude(session);
  const labels = preset.windows.map((w) => w.id);
  const scoring = scoreNrm(session, analysis, labels, tol, truthG, c.lateralForce.fidelity !== 'eq4');
  progress(0.93, 'files and plots');
  const cv = nrmCv(preset, c.sweep, c.cv);
  const artifacts = [
    ...nrmArtifacts({ config: c, preset, session, analysis, record, cv, truthShear: truthG, truthProfiles: scoring.truthProfiles, rg: rgChoice, instrument: inst }),
    ...nrmPlots({ config: c, preset, session, analysis, cv, truthShear: truthG, truthProfiles: scoring.truthProfiles, rg: rgChoice, instrument: inst, scores: scoring.scores }),
  ];
  progress(1, 'done');
  const primary = scoring.scores.filter((s) => !s.quantity.includes('paper r_g') && !s.quantity.includes('Eq. 5 limit'));
  const paper = scoring.scores.filter((s) => s.quantity.includes('paper r_g'));
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
      lockInOverloads: Array.from(session.overload).reduce((a, b) => a + b, 0),
      lateralFidelity: c.lateralForce.fidelity,
      rg: rgChoice.rg,
      rgSource: rgChoice.source,
      paperRgBias: rgChoice.rg / PAPER_RG - 1,
      scoresPassed: `${primary.filter((s) => s.pass).length}/${primary.length}`,
      paperRgScoresPassed: `${paper.filter((s) => s.pass).length}/${paper.length}`,
      eq5LimitScoresPassed: `${limit.filter((s) => s.pass).length}/${limit.length}`,
    },
  };
}

/** The common depth grid of a configuration: 0 … depthMax every depthStep. */
export function defaultNrmDepthGridOf(c: NrmConfig): Float64Array {
  const n = Math.floor(c.analysis.depthMax / c.analysis.depthStep + 1e-9) + 1;
  if (n < 2) return defaultNrmDepthGrid();
  return Float64Array.from({ length: n }, (_, i) => i * c.analysis.depthStep);
}
