/**
 * The 1D-NRM instrument of `002_bf87beaba622041e.txt` §3–5, one approach curve at a time: the
 * Z-piezo steps the sample towards the tip while the sample is dithered laterally; the normal
 * channel records the cantilever deflection in volts, the lateral channel the torsion through a
 * lock-in amplifier (in-phase X and quadrature Y).
 *
 * Per depth step k (dwell T, sample at the end of the dwell):
 * 1. Gap of the undeflected tip to the hard surface: g = Z_c⁰ − Z_k − v_z (t − t₀) (drift v_z). Z
 *    advances by rampSize/(steps − 1) per step until the deflection signal has risen by the trigger
 *    (standard force-curve practice, limits the load), then holds for the remaining steps.
 * 2. Quasi-static tip equilibrium k_c δ = F_n(z_p), z_p = g + δ, F_n = film puncture force +
 *    Hertz force of the hard contact (src/models/nrm/forces.ts). F_n decreases with z_p, so
 *    k_c δ − F_n(g + δ) is strictly increasing in δ and the root is unique (no snap-in for
 *    repulsive forces); solved by safeguarded regula falsi.
 * 3. Normal signal V_n = V₀ + tilt·(Z − Z_start) + drift·(t − t₀) + ripple + δ/InvOLS_n + noise
 *    (thermal: the low-frequency SHO PSD averaged over the dwell; detector: white).
 * 4. Lateral force on the tip F* = A*·K·k_lat/(k_lat + K): A* = A_l·H_act(f) the actual dither
 *    (actuator resonance), K = K_film(z_p) (fidelity model) + K_friction (hard contact), k_lat the
 *    lateral stiffness of the cantilever at the apex (the tip is not perfectly held still).
 * 5. Torsion (Eq. 1, θ = F l_t/k_t) seen by the photodiode: V* = F* / (k_lat,tors·InvOLS_lat),
 *    plus crosstalk c·(normal signal): at f from the parasitic vertical dither (δ_ac = εA*·k_s/(k_c +
 *    k_s), k_s the normal contact stiffness) and at DC from the static deflection.
 * 6. Lock-in: exact per-step update of the RC cascade for the baseband, 2f-ripple and leaked-DC
 *    terms plus noise at the output bandwidth (src/models/nrm/lockin.ts), output scaled to ±10 V by
 *    the sensitivity, clipped and digitised by the AFM's ADC.
 */
import { hertzIndentation } from '../../models/contact/analytic.js';
import { reducedModulus } from '../../models/contact/modulus.js';
import type { FilmProfile } from '../../models/film/film.js';
import {
  actuatorTransfer,
  hardContactForce,
  hardContactLateralStiffness,
  penetrationForce,
  seriesLateralForce,
  type HardContactModel,
  type ModulusIntegralTable,
  type PenetrationModel,
} from '../../models/nrm/forces.js';
import { stiffnessAt, type LateralStiffnessTable } from '../../models/nrm/lateral.js';
import { lockInPlan, lockInScratch, lockInSettle, lockInState, lockInStep, type FilterSlope, type LockInPlan, type LockInStepInput } from '../../models/nrm/lockin.js';
import type { ParamValues } from '../../models/params.js';
import {
  cantileverProperties,
  effectiveTipHeight,
  fluidResonance,
  lateralInvOLS,
  lateralSpringConstant,
  normalInvOLS,
  shoPsd,
  torsionalResonanceVacuum,
  type Cantilever,
  type Fluid,
  type OpticalLever,
} from '../../models/probe/index.js';
import type { Rng } from '../../models/rng.js';
import type { NRM_APPROACH, NRM_DITHER, NRM_ELECTRODE, NRM_LATERAL_CHANNEL, NRM_LOCKIN, NRM_NORMAL_CHANNEL, NRM_TIP } from './params.js';

/** Everything the instrument needs, resolved to SI. */
export interface NrmInstrumentConfig {
  readonly cantilever: Cantilever;
  readonly opticalLever: OpticalLever;
  readonly fluid: Fluid;
  readonly tip: ParamValues<typeof NRM_TIP>;
  readonly electrode: ParamValues<typeof NRM_ELECTRODE>;
  readonly dither: ParamValues<typeof NRM_DITHER>;
  readonly lockIn: ParamValues<typeof NRM_LOCKIN> & { readonly slope: FilterSlope };
  readonly approach: ParamValues<typeof NRM_APPROACH>;
  readonly normal: ParamValues<typeof NRM_NORMAL_CHANNEL>;
  readonly lateral: ParamValues<typeof NRM_LATERAL_CHANNEL>;
}

/** The instrument with all derived constants (build once per run with {@link buildNrmInstrument}). */
export interface NrmInstrument {
  readonly config: NrmInstrumentConfig;
  /** Flexural spring constant k_c, N/m. */
  readonly springConstant: number;
  /** Lateral stiffness at the apex from torsion alone, k_t/l_t² (Eq. 1 with l_t = h_eff), N/m. */
  readonly torsionalLateralStiffness: number;
  /** Lateral stiffness at the apex, torsion and sideways bending in series, N/m. */
  readonly lateralStiffness: number;
  /** Torsional spring constant k_t, N·m/rad. */
  readonly torsionalSpringConstant: number;
  /** Tip length l_t (effective lever arm), m. */
  readonly tipLength: number;
  /** Normal InvOLS, m/V. */
  readonly invOLSNormal: number;
  /** Lateral InvOLS (apex displacement by twist per volt), m/V. */
  readonly invOLSLateral: number;
  /** Actual dither phasor A* = A_l·H_act(f), m. */
  readonly ditherRe: number;
  readonly ditherIm: number;
  readonly penetration: PenetrationModel;
  readonly hard: HardContactModel;
  readonly lockIn: LockInPlan;
  /** Normal-channel noise σ per sample, V (thermal averaged over the dwell ⊕ detector). */
  readonly normalNoise: number;
  /** One-sided PSD of the lateral-channel noise at f at the lock-in input, V²/Hz. */
  readonly lateralNoisePsd: number;
  /** Flexural resonance and Q in the electrolyte (thermal noise). */
  readonly flexuralLiquid: { readonly frequency: number; readonly qualityFactor: number };
  /** Torsional resonance and Q in the electrolyte. */
  readonly torsionalLiquid: { readonly frequency: number; readonly qualityFactor: number };
}

/**
 * Derive the instrument constants from its configuration: k_c, k_t, l_t and lateral stiffness
 * (src/models/probe/cantilever.ts), InvOLS of both channels (optical-lever.ts), thermal PSDs of the
 * flexural mode (Sader's fluid resonance) and torsional mode (SHO with the configured liquid
 * frequency ratio and Q), the actuator transfer and the lock-in plan.
 */
export function buildNrmInstrument(config: NrmInstrumentConfig): NrmInstrument {
  const c = config.cantilever;
  const props = cantileverProperties(c);
  const lat = lateralSpringConstant(c);
  const hEff = effectiveTipHeight(c);
  const invN = normalInvOLS(c.length, config.opticalLever);
  const invL = lateralInvOLS(hEff, config.opticalLever);
  const fr = fluidResonance(c, config.fluid);
  const flexQ = Number.isFinite(fr.qualityFactor) ? fr.qualityFactor : fr.approx.qualityFactor;
  const T = config.normal.temperature;
  // thermal deflection averaged over the dwell: var = S(0)/(2 T_dwell) for T_dwell ≫ 1/f_R
  const s0 = shoPsd(0, { stiffness: props.springConstant, frequency: fr.frequency, qualityFactor: flexQ, temperature: T });
  const thermalVar = s0 / (2 * config.approach.stepDwell);
  const normalNoise = Math.sqrt(thermalVar / (invN * invN) + config.normal.detectorNoise ** 2);
  const ft = torsionalResonanceVacuum(c) * config.lateral.torsionalFrequencyRatio;
  const torsional = { frequency: ft, qualityFactor: config.lateral.torsionalQuality };
  const su = shoPsd(config.dither.frequency, { stiffness: lat.torsional, frequency: ft, qualityFactor: torsional.qualityFactor, temperature: T });
  const lateralNoisePsd = su / (invL * invL) + config.lateral.detectorNoisePsd;
  const [hr, hi] = actuatorTransfer(config.dither.frequency, config.dither.actuatorResonance, config.dither.actuatorQuality);
  const Er = reducedModulus(config.electrode.hardContactModulus, config.electrode.hardContactPoisson);
  const nu = config.electrode.hardContactPoisson;
  // reduced shear modulus for a rigid tip: 1/G_r = (2 − ν)/G, G = E/(2(1+ν)) (Johnson §7.2)
  const G = config.electrode.hardContactModulus / (2 * (1 + nu));
  const Gr = G / (2 - nu);
  return {
    config,
    springConstant: props.springConstant,
    torsionalLateralStiffness: lat.torsional,
    lateralStiffness: lat.total,
    torsionalSpringConstant: props.torsionalSpringConstant,
    tipLength: hEff,
    invOLSNormal: invN,
    invOLSLateral: invL,
    ditherRe: config.dither.amplitude * hr,
    ditherIm: config.dither.amplitude * hi,
    penetration: { tipRadius: config.tip.tipRadius, punctureCoefficient: config.tip.punctureCoefficient },
    hard: { tipRadius: config.tip.tipRadius, reducedModulus: Er, reducedShearModulus: Gr, frictionCoefficient: config.electrode.frictionCoefficient },
    lockIn: lockInPlan(config.dither.frequency, config.lockIn.timeConstant, config.lockIn.slope, config.approach.stepDwell, config.lockIn.referencePhase),
    normalNoise,
    lateralNoisePsd,
    flexuralLiquid: { frequency: fr.frequency, qualityFactor: flexQ },
    torsionalLiquid: torsional,
  };
}

/** The film at one location, as the instrument's force models need it (null: bare electrode). */
export interface NrmLocationFilm {
  readonly profile: FilmProfile;
  readonly integral: ModulusIntegralTable;
  readonly lateral: LateralStiffnessTable;
}

/** One curve to measure. */
export interface NrmCurveSpec {
  /** Z-piezo position Z_c⁰ at which the undeflected tip touches the hard surface at t₀, m. */
  readonly contactZ0: number;
  /** Start time t₀ of the ramp (after the move and engage), s. */
  readonly startTime: number;
  readonly film: NrmLocationFilm | null;
  /** Phase of the interference ripple at this location, rad. */
  readonly interferencePhase: number;
}

/** Output rows of one curve (length = steps; typically subarrays of the run's big arrays). */
export interface NrmCurveRecord {
  /** Z-piezo position, m (increasing towards the tip). */
  readonly z: Float64Array;
  /** Normal deflection signal, V. */
  readonly normal: Float64Array;
  /** Lock-in X output, V (±10 V full scale). */
  readonly x: Float64Array;
  /** Lock-in Y output, V. */
  readonly y: Float64Array;
  /** Time stamp of each sample, s. */
  readonly time: Float64Array;
}

/** Truth rows of one curve. */
export interface NrmCurveTruth {
  /** True tip–surface distance z_p, m (negative: indentation of the hard surface). */
  readonly zp: Float64Array;
  /** True cantilever deflection δ, m. */
  readonly deflection: Float64Array;
  /** True lateral force on the tip F' and F'', N (at the actual dither, before the optics). */
  readonly forceRe: Float64Array;
  readonly forceIm: Float64Array;
}

/** Per-curve scalars of the truth. */
export interface NrmCurveResult {
  /** True solid–solid contact: the Z where the undeflected tip meets the hard surface during the ramp (drift included), m. */
  readonly contactZ: number;
  /** Z of the engage point found by the setpoint feedback, m. */
  readonly engageZ: number;
  /** Whether the lock-in output clipped at ±10 V on any step. */
  readonly overload: boolean;
}

/** Normal force on the tip at apex height z_p (film puncture + hard contact), N. */
export function normalForce(inst: NrmInstrument, film: NrmLocationFilm | null, zp: number): number {
  const fPen = film === null ? 0 : penetrationForce(film.integral, inst.penetration, zp);
  return fPen + hardContactForce(inst.hard, zp);
}

/**
 * The normal force of one location tabulated for fast equilibrium solves: the film puncture force
 * on the film's integral grid (piecewise linear between nodes) plus the Hertz hard contact.
 */
export interface NormalForceTable {
  readonly spacing: number;
  readonly thickness: number;
  /** F_pen at z_i = i·spacing, N. */
  readonly penetration: Float64Array;
  /** Hertz prefactor (4/3) E_r √R, N/m^{3/2}. */
  readonly hertz: number;
}

/** Tabulate the normal force of a location (see {@link NormalForceTable}). */
export function normalForceTable(inst: NrmInstrument, film: NrmLocationFilm | null): NormalForceTable {
  const hertz = (4 / 3) * inst.hard.reducedModulus * Math.sqrt(inst.hard.tipRadius);
  if (film === null) return { spacing: 1, thickness: 0, penetration: new Float64Array(2), hertz };
  const it = film.integral;
  const n = it.storage.length;
  const pen = new Float64Array(n);
  for (let i = 0; i < n; i++) pen[i] = penetrationForce(it, inst.penetration, i * it.spacing);
  return { spacing: it.spacing, thickness: it.thickness, penetration: pen, hertz };
}

/** F_n(z_p) and dF_n/dz_p from a table; writes [F, dF/dz] (N, N/m) into out. */
export function normalForceAt(t: NormalForceTable, zp: number, out: Float64Array): void {
  let F = 0;
  let dF = 0;
  if (zp < t.thickness) {
    if (zp <= 0) F = t.penetration[0];
    else {
      const x = zp / t.spacing;
      const i = Math.min(t.penetration.length - 2, Math.floor(x));
      const s = (t.penetration[i + 1] - t.penetration[i]) / t.spacing;
      F = t.penetration[i] + (zp - i * t.spacing) * s;
      dF = s;
    }
  }
  if (zp < 0) {
    const d = -zp;
    const r = Math.sqrt(d);
    F += t.hertz * d * r;
    dF -= 1.5 * t.hertz * r;
  }
  out[0] = F;
  out[1] = dF;
}

/**
 * Equilibrium deflection δ (m) for a gap g: k_c δ = F_n(g + δ), continued from the previous
 * equilibrium `guess` (quasi-static approach). φ(δ) = k_c δ − F_n(g + δ) has φ(0) ≤ 0 and
 * φ → +∞, so a root exists; where F_n decreases with depth (a softer layer below a stiffer one)
 * φ need not be monotone and several equilibria can coexist. The physical one is on the branch the
 * tip was on: march from `guess` in the direction in which φ changes sign (steps of 0.05 nm,
 * doubling after 20), bisect/Newton inside the first bracket found; when a branch ends (a fold) this
 * is the jump to the next stable branch ("pop-through"). Converged to |Δδ| < 1e-16 m.
 */
export function solveDeflection(table: NormalForceTable, springConstant: number, gap: number, guess = 0, scratch = new Float64Array(2)): number {
  const k = springConstant;
  const phi = (d: number): number => {
    normalForceAt(table, gap + d, scratch);
    return k * d - scratch[0];
  };
  const d0 = Math.max(0, guess);
  const f0 = phi(d0);
  if (f0 === 0) return d0;
  // bracket [lo, hi] with φ(lo) < 0 < φ(hi), adjacent to the guess
  let lo: number;
  let hi: number;
  let step = 0.05e-9;
  if (f0 < 0) {
    let d = d0;
    let n = 0;
    for (;;) {
      const e = d + step;
      const fe = phi(e);
      if (fe >= 0) {
        lo = d;
        hi = e;
        break;
      }
      d = e;
      if (++n > 20) step *= 2;
      if (n > 400) throw new Error(`solveDeflection: no equilibrium above δ = ${d0} m (gap ${gap} m)`);
    }
  } else {
    let d = d0;
    let n = 0;
    for (;;) {
      const e = Math.max(0, d - step);
      const fe = phi(e);
      if (fe <= 0) {
        lo = e;
        hi = d;
        if (fe === 0) return e;
        break;
      }
      if (e === 0) return 0; // cannot happen (φ(0) ≤ 0); guards round-off
      d = e;
      if (++n > 20) step *= 2;
    }
  }
  // safeguarded Newton in [lo, hi]
  let d = 0.5 * (lo + hi);
  for (let it = 0; it < 100; it++) {
    const f = phi(d);
    if (f === 0) return d;
    if (f > 0) hi = d;
    else lo = d;
    let next = d - f / (k - scratch[1]);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - d) < 1e-16 || hi - lo < 1e-16) return next;
    d = next;
  }
  return d;
}

/**
 * Gap g_e (m) at which the engage feedback stops: the equilibrium deflection equals the setpoint
 * δ_s, i.e. F_n(z_e) = k_c δ_s and g_e = z_e − δ_s (bisection on the monotone F_n).
 */
export function engageGap(inst: NrmInstrument, film: NrmLocationFilm | null, setpoint: number): number {
  const target = inst.springConstant * setpoint;
  let lo = -hertzIndentation(inst.hard.reducedModulus, inst.hard.tipRadius, target + 1e-6) - 1e-9; // F_n(lo) ≥ target
  let hi = film === null ? 0 : film.profile.thickness; // F_n(hi) = 0 ≤ target
  if (target <= 0) return hi;
  for (let it = 0; it < 200 && hi - lo > 1e-15; it++) {
    const m = 0.5 * (lo + hi);
    if (normalForce(inst, film, m) >= target) lo = m;
    else hi = m;
  }
  return 0.5 * (lo + hi) - setpoint;
}

/**
 * Simulate one approach curve (see the module doc for the physics of each step). Fills `rec` and
 * `truth` (each array of length `steps`), draws normal noise from `normalRng` and lateral noise
 * from `lateralRng`. Returns the per-curve truth scalars.
 */
export function simulateNrmCurve(
  inst: NrmInstrument,
  spec: NrmCurveSpec,
  normalRng: Rng,
  lateralRng: Rng,
  rec: NrmCurveRecord,
  truth: NrmCurveTruth,
): NrmCurveResult {
  const cfg = inst.config;
  const ap = cfg.approach;
  const N = ap.steps;
  for (const [name, a] of [['z', rec.z], ['normal', rec.normal], ['x', rec.x], ['y', rec.y], ['time', rec.time], ['truth.zp', truth.zp], ['truth.deflection', truth.deflection], ['truth.forceRe', truth.forceRe], ['truth.forceIm', truth.forceIm]] as const) {
    if (a.length !== N) throw new RangeError(`simulateNrmCurve: ${name}.length = ${a.length}, expected steps = ${N}`);
  }
  const film = spec.film;
  const T = ap.stepDwell;
  const dZ = ap.rampSize / (N - 1);
  const gE = engageGap(inst, film, ap.engageSetpoint);
  const engageZ = spec.contactZ0 - gE;
  const z0 = engageZ - ap.retractDistance;
  const t0 = spec.startTime;
  const vz = ap.zDrift;
  // true contact on the continuous ramp Z(t) = z0 + dZ·((t − t0)/T − ½): Z_c⁰ − Z − v_z(t − t0) = 0
  const contactZ = (spec.contactZ0 - vz * T * (0.5 - z0 / dZ)) / (1 + (vz * T) / dZ);

  const nc = cfg.normal;
  const lc = cfg.lateral;
  const li = cfg.lockIn;
  const plan = inst.lockIn;
  const state = lockInState(plan.order);
  const scratch = lockInScratch(plan.order);
  const kLatTors = inst.torsionalLateralStiffness;
  const kLat = inst.lateralStiffness;
  const Aabs = Math.hypot(inst.ditherRe, inst.ditherIm);
  const eps = cfg.dither.verticalCoupling;
  const Kf = new Float64Array(2);
  const Kc = new Float64Array(2);
  const Ft = new Float64Array(2);
  const fullScale = 10;
  const lsb = (2 * fullScale) / 2 ** li.adcBits;
  const outScale = fullScale / li.sensitivity;
  let overload = false;
  const inp = { phasorRe: 0, phasorIm: 0, dc: 0 };
  const nft = normalForceTable(inst, film);
  const fPen0 = nft.penetration[0] * (film === null ? 0 : 1);
  const nf = new Float64Array(2);
  let lastDelta = 0;

  // deflection trigger: once the measured signal has risen by trigger/InvOLS above its value at the
  // start of the ramp, Z holds (the tip dwells on the surface for the remaining steps)
  const triggerV = ap.triggerDeflection > 0 ? ap.triggerDeflection / inst.invOLSNormal : Infinity;
  let zHeld = NaN;
  const physics = (k: number, tMid: number): void => {
    const Z = Number.isNaN(zHeld) ? z0 + k * dZ : zHeld;
    const gap = spec.contactZ0 - Z - vz * (tMid - t0);
    const delta = solveDeflection(nft, inst.springConstant, gap, lastDelta, nf);
    lastDelta = delta;
    const zp = gap + delta;
    // lateral coupling: film + friction in hard contact
    if (film === null) {
      Kf[0] = 0;
      Kf[1] = 0;
    } else stiffnessAt(film.lateral, zp, Kf);
    const fHard = zp < 0 ? inst.springConstant * delta - fPen0 : 0;
    hardContactLateralStiffness(inst.hard, zp, fHard, Aabs, Kc);
    seriesLateralForce(inst.ditherRe, inst.ditherIm, Kf[0] + Kc[0], Kf[1] + Kc[1], kLat, Ft);
    truth.zp[k] = zp;
    truth.deflection[k] = delta;
    truth.forceRe[k] = Ft[0];
    truth.forceIm[k] = Ft[1];
    // photodiode: twist → volts; crosstalk of the normal signal (AC from the vertical dither, DC)
    normalForceAt(nft, zp, nf);
    const ks = Math.max(0, -nf[1]);
    const follow = ks / (inst.springConstant + ks);
    const acRe = (eps * inst.ditherRe * follow) / inst.invOLSNormal;
    const acIm = (eps * inst.ditherIm * follow) / inst.invOLSNormal;
    const toV = 1 / (kLatTors * inst.invOLSLateral);
    inp.phasorRe = Ft[0] * toV + lc.crosstalk * acRe;
    inp.phasorIm = Ft[1] * toV + lc.crosstalk * acIm;
    inp.dc = lc.offset + (lc.crosstalk * delta) / inst.invOLSNormal;
    rec.z[k] = Z;
  };

  // the tip has waited at the start position during the move/engage overhead: settled lock-in
  physics(0, t0 + 0.5 * T);
  lockInSettle(state, plan, inp as LockInStepInput, t0, inst.lateralNoisePsd, lateralRng, scratch);
  const n1 = plan.order - 1;
  for (let k = 0; k < N; k++) {
    const ts = t0 + k * T;
    if (k > 0) physics(k, ts + 0.5 * T);
    lockInStep(state, plan, inp as LockInStepInput, ts, inst.lateralNoisePsd, lateralRng, scratch);
    const te = ts + T;
    rec.time[k] = te;
    // lock-in outputs → ±10 V, clip, ADC
    let xo = state.re[n1] * outScale;
    let yo = state.im[n1] * outScale;
    if (Math.abs(xo) > fullScale || Math.abs(yo) > fullScale) overload = true;
    xo = Math.max(-fullScale, Math.min(fullScale - lsb, xo));
    yo = Math.max(-fullScale, Math.min(fullScale - lsb, yo));
    rec.x[k] = Math.round(xo / lsb) * lsb;
    rec.y[k] = Math.round(yo / lsb) * lsb;
    // normal channel
    const Z = rec.z[k];
    const gapNow = spec.contactZ0 - Z - vz * (te - t0);
    const ripple = nc.interferenceAmplitude * Math.sin((2 * Math.PI * gapNow) / nc.interferencePeriod + spec.interferencePhase);
    rec.normal[k] = nc.baselineOffset + nc.baselineTilt * (Z - z0) + nc.signalDrift * (te - t0) + ripple + truth.deflection[k] / inst.invOLSNormal + inst.normalNoise * normalRng.normal();
    if (Number.isNaN(zHeld) && rec.normal[k] - rec.normal[0] >= triggerV) zHeld = Z;
  }
  return { contactZ, engageZ, overload };
}
