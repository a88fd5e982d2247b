/**
 * Thermal-tune instrument: the photodiode signal of a free cantilever driven only by thermal noise,
 * sampled at a chosen rate, with the detector's white noise, in volts through the optical lever.
 *
 * Physics: the first flexural mode as a thermally driven oscillator whose optically measured
 * deflection has variance β k_BT/k (β = 0.8174, Butt & Jaschke 1995) — src/models/probe/thermal.ts;
 * its resonance and quality factor in a fluid from Sader's hydrodynamic function
 * (src/models/probe/hydrodynamics.ts). Two synthesis models:
 *  - `sho`: the exact discretisation of the SHO (Gillespie-type exact update of the 2-D
 *    Ornstein–Uhlenbeck process, stationary start): every sample has exactly the SHO's statistics,
 *    including the aliasing of an unfiltered sampler;
 *  - `hydrodynamic`: frequency-domain synthesis with the full fluctuation–dissipation PSD of mode 1
 *    in the fluid (S(f) = 4k_BT Im χ(ω)/ω with Sader's complex Γ), band-limited at Nyquist (an ideal
 *    anti-alias filter); the synthesised variance is compared with β k_BT/k (`meta.varianceCheck`).
 * The optional torsional channel is an SHO of the first torsional mode (vacuum frequency, a given Q),
 * variance (8/π²) k_BT/k_φ of the twist, read through the lateral InvOLS.
 *
 * Noise streams: `rng.fork('thermal')` (and `'thermal-lateral'`), `rng.fork('detector')` (and
 * `'detector-lateral'`) — adding the lateral channel never shifts the normal channel's streams.
 */
import FFT from 'fft.js';
import type { ParamProblem, ParamTable, ParamValues } from '../models/params.js';
import { resolveParams } from '../models/params.js';
import type { Rng } from '../models/rng.js';
import { flexuralModeEnergyFraction, thermalCalibrationFactor } from '../models/probe/analytic.js';
import {
  effectiveTipHeight,
  flexuralResonanceVacuum,
  flexuralSpringConstant,
  torsionalResonanceVacuum,
  torsionalSpringConstant,
  type Cantilever,
} from '../models/probe/cantilever.js';
import { BOLTZMANN, fluidResonance, makeModeOneThermalPsd, type Fluid } from '../models/probe/hydrodynamics.js';
import { shoTransition, torsionalModeOneVariance } from '../models/probe/thermal.js';
import { CANTILEVER, makeCantilever } from '../models/probe/cantilever.js';
import { fluidPreset, type FluidPreset } from '../models/probe/hydrodynamics.js';
import { PROBE_PRESETS, probePreset } from '../models/probe/presets.js';
import { calibrateThermal, THERMAL_CORRECTION_FACTORS, type ThermalCalibrationResult } from '../analysis/thermal-calibration.js';
import { contactModelDescription, methodsReport, methodsReportMarkdown } from '../analysis/reporting.js';
import { relativeScore, type Artifact, type Score } from '../io/artifact.js';
import { csvArtifact, jsonArtifact, npyArtifact, svgArtifact } from '../io/artifacts.js';
import { figure } from '../io/plot/index.js';
import { fieldsOf, flag, list, oneOf, quantity, section, type Fields, type InferFields } from './schema.js';

/** Instrument parameters of a thermal tune (SI). */
export const THERMAL_TUNE = {
  sampleRate: { unit: 'Hz', min: 1e3, max: 1e8, default: 2e6, doc: 'sampling rate f_s of the deflection signal' },
  sampleCount: { unit: '1', min: 1024, max: 2 ** 26, integer: true, default: 2 ** 20, doc: 'number of samples N (record length T = N/f_s)' },
  temperature: { unit: 'K', min: 1, max: 1000, default: 298.15, doc: 'temperature T of cantilever and fluid' },
  invOLS: {
    unit: 'm/V',
    min: 1e-10,
    max: 1e-5,
    default: 50e-9,
    doc: 'true normal-channel inverse optical-lever sensitivity (InvOLS)',
    source: 'typical 20–100 nm/V; see src/models/probe/optical-lever.ts for the geometric value',
  },
  invOLSError: {
    unit: '1',
    min: -0.9,
    max: 10,
    default: 0,
    doc: 'relative error of the InvOLS handed to the analyst: nominal = true·(1 + e) (calibration-error tests)',
  },
  lateralInvOLS: { unit: 'm/V', min: 1e-10, max: 1e-4, default: 200e-9, doc: 'lateral-channel InvOLS (apex lateral displacement per volt)' },
  detectorNoiseDensity: {
    unit: 'V/Hz^0.5',
    min: 0,
    max: 1e-2,
    default: 5e-7,
    doc: 'white detector noise density of each photodiode channel (shot + electronic)',
    source: '≈ 25 fm/√Hz deflection-equivalent at 50 nm/V, typical of commercial AFMs',
  },
  intrinsicQualityFactor: { unit: '1', min: 1, max: 1e7, default: 1e4, doc: 'quality factor of non-fluid losses Q_int (1/Q = 1/Q_fluid + 1/Q_int)' },
  torsionalQualityFactor: { unit: '1', min: 0.6, max: 1e6, default: 300, doc: 'quality factor of the first torsional mode (assumed; no torsional hydrodynamics modelled)' },
} as const satisfies ParamTable;

/** Resolved instrument parameters. */
export type ThermalTuneInstrument = ParamValues<typeof THERMAL_TUNE>;

/** Synthesis model of the thermal motion. */
export const THERMAL_SPECTRUM_MODELS = ['sho', 'hydrodynamic'] as const;
export type ThermalSpectrumModel = (typeof THERMAL_SPECTRUM_MODELS)[number];

/** Options of {@link simulateThermalTune} that are not numeric parameters. */
export interface ThermalTuneOptions {
  readonly spectrumModel: ThermalSpectrumModel;
  /** Record the lateral (torsional) channel as well. */
  readonly lateral: boolean;
}

/** Output of {@link simulateThermalTune}: clean signal, noise and observed signal kept apart. */
export interface ThermalTuneOutput {
  /** Thermal motion as the photodiode would show it without detector noise [V]. */
  readonly clean: { readonly normal: Float64Array; readonly lateral?: Float64Array };
  /** Detector noise [V]. */
  readonly noise: { readonly normal: Float64Array; readonly lateral?: Float64Array };
  /** What the instrument records: clean + noise [V]. */
  readonly observed: { readonly normal: Float64Array; readonly lateral?: Float64Array };
  readonly meta: ThermalTuneMeta;
}

/** What the instrument file header holds (`instrument`) and what really was there (`truth`). */
export interface ThermalTuneMeta {
  readonly instrument: {
    readonly sampleRate: number;
    readonly sampleCount: number;
    readonly temperature: number;
    /** The InvOLS the analyst is told [m/V] (true·(1 + invOLSError)). */
    readonly invOLSNominal: number;
    readonly lateralInvOLS: number;
    readonly detectorNoiseDensity: number;
    /** Whether an (ideal) anti-alias filter precedes the sampler. */
    readonly antiAliasFilter: boolean;
    readonly spectrumModel: ThermalSpectrumModel;
    readonly rngStreams: readonly string[];
  };
  readonly truth: {
    /** Static spring constant k [N/m]. */
    readonly springConstant: number;
    /** SHO parameters of mode 1 used (sho) or PSD peak / FWHM (hydrodynamic) [Hz], [-]. */
    readonly resonanceFrequency: number;
    readonly qualityFactor: number;
    readonly vacuumFrequency: number;
    readonly invOLS: number;
    /** Theoretical variance of the optical-lever deflection of mode 1, β k_BT/k [m²]. */
    readonly deflectionVariance: number;
    /** Variance actually synthesised by the hydrodynamic model over [0, f_s/2] divided by β k_BT/k (1 for sho). */
    readonly varianceCheck: number;
    readonly torsionalSpringConstant?: number;
    readonly torsionalFrequency?: number;
  };
}

/** Validate instrument values (throws a ParamError naming every problem). */
export function makeThermalTuneInstrument(values: Partial<ThermalTuneInstrument> = {}): ThermalTuneInstrument {
  return resolveParams(THERMAL_TUNE, values);
}

/** Exact SHO sampling (stationary start) into `out`, with standard deviation sigma. */
function sampleSho(out: Float64Array, frequency: number, q: number, dt: number, sigma: number, rng: Rng): void {
  const { phi, chol } = shoTransition(frequency, q, dt);
  const [p11, p12, p21, p22] = phi;
  const [l11, l21, l22] = chol;
  let x = rng.normal();
  let y = rng.normal();
  for (let i = 0; i < out.length; i++) {
    out[i] = sigma * x;
    const e1 = rng.normal();
    const e2 = rng.normal();
    const xn = p11 * x + p12 * y + l11 * e1;
    const yn = p21 * x + p22 * y + l21 * e1 + l22 * e2;
    x = xn;
    y = yn;
  }
}

/** Frequency-domain synthesis of a Gaussian series with single-sided PSD S (power-of-two length). */
function synthesiseFromPsd(out: Float64Array, sampleRate: number, psd: (f: number) => number, rng: Rng): number {
  const n = out.length;
  if ((n & (n - 1)) !== 0) throw new RangeError(`thermal tune: sampleCount = ${n} must be a power of two for the 'hydrodynamic' spectrum model`);
  const fft = new FFT(n);
  const spec = new Float64Array(2 * n);
  const df = sampleRate / n;
  const half = n / 2;
  let variance = 0;
  for (let k = 1; k <= half; k++) {
    const s1 = psd(k * df);
    // E|X_k|² = S₂ f_s N with S₂ = S₁/2 (two-sided)
    const amp = Math.sqrt((s1 * sampleRate * n) / 2);
    if (k === half) {
      spec[2 * k] = amp * rng.normal();
      variance += (s1 * df) / 2;
    } else {
      const a = (amp / Math.SQRT2) * rng.normal();
      const b = (amp / Math.SQRT2) * rng.normal();
      spec[2 * k] = a;
      spec[2 * k + 1] = b;
      spec[2 * (n - k)] = a;
      spec[2 * (n - k) + 1] = -b;
      variance += s1 * df;
    }
  }
  const time = new Float64Array(2 * n);
  fft.inverseTransform(time, spec); // includes the 1/N factor
  for (let j = 0; j < n; j++) out[j] = time[2 * j];
  return variance;
}

/**
 * Simulate a thermal tune of a cantilever in a fluid.
 *
 * Equations: module doc. Units: SI in, volts out.
 * @param rng the instrument's stream; forks 'thermal', 'detector' (and '-lateral' variants)
 */
export function simulateThermalTune(
  cantilever: Cantilever,
  fluid: Fluid,
  instrument: ThermalTuneInstrument,
  options: ThermalTuneOptions,
  rng: Rng,
): ThermalTuneOutput {
  const ins = makeThermalTuneInstrument(instrument);
  const n = ins.sampleCount;
  const fs = ins.sampleRate;
  const dt = 1 / fs;
  const k = flexuralSpringConstant(cantilever);
  const beta = thermalCalibrationFactor(1);
  const varOpt = (beta * BOLTZMANN * ins.temperature) / k;
  const res = fluidResonance(cantilever, fluid, ins.intrinsicQualityFactor);
  let f0: number;
  let q: number;
  if (fluid.density > 0) {
    f0 = res.frequency;
    q = res.qualityFactor;
  } else {
    f0 = res.vacuumFrequency;
    q = ins.intrinsicQualityFactor;
  }
  if (options.spectrumModel === 'sho' && fs < 2.5 * f0) throw new RangeError(`thermal tune: sampleRate = ${fs} Hz must exceed 2.5 f0 = ${2.5 * f0} Hz`);
  const clean = new Float64Array(n);
  let varianceCheck = 1;
  switch (options.spectrumModel) {
    case 'sho':
      sampleSho(clean, f0, q, dt, Math.sqrt(varOpt), rng.fork('thermal'));
      break;
    case 'hydrodynamic': {
      // optical-lever PSD of mode 1: (1/χ²) × tip PSD (mode factor is inside the modal stiffness)
      const chi2 = flexuralModeEnergyFraction(1) / beta;
      const tipPsd = makeModeOneThermalPsd(cantilever, fluid, ins.temperature, ins.intrinsicQualityFactor);
      const v = synthesiseFromPsd(clean, fs, (f) => tipPsd(f) / chi2, rng.fork('thermal'));
      varianceCheck = v / varOpt;
      break;
    }
    default: {
      const never: never = options.spectrumModel;
      throw new Error(`unknown spectrum model ${String(never)}`);
    }
  }
  for (let i = 0; i < n; i++) clean[i] /= ins.invOLS;
  const noise = new Float64Array(n);
  const sigmaDet = ins.detectorNoiseDensity * Math.sqrt(fs / 2);
  const det = rng.fork('detector');
  for (let i = 0; i < n; i++) noise[i] = sigmaDet * det.normal();
  const observed = new Float64Array(n);
  for (let i = 0; i < n; i++) observed[i] = clean[i] + noise[i];
  const streams = ['thermal', 'detector'];

  let lateral: { clean: Float64Array; noise: Float64Array; observed: Float64Array } | undefined;
  let kPhi: number | undefined;
  let fT: number | undefined;
  if (options.lateral) {
    kPhi = torsionalSpringConstant(cantilever);
    fT = torsionalResonanceVacuum(cantilever);
    if (fs < 2.5 * fT) throw new RangeError(`thermal tune: lateral channel needs sampleRate > 2.5 f_torsion = ${2.5 * fT} Hz (got ${fs})`);
    const varPhi = torsionalModeOneVariance(kPhi, ins.temperature);
    const lc = new Float64Array(n);
    sampleSho(lc, fT, ins.torsionalQualityFactor, dt, Math.sqrt(varPhi), rng.fork('thermal-lateral'));
    const h = effectiveTipHeight(cantilever);
    for (let i = 0; i < n; i++) lc[i] = (lc[i] * h) / ins.lateralInvOLS;
    const ln = new Float64Array(n);
    const dl = rng.fork('detector-lateral');
    for (let i = 0; i < n; i++) ln[i] = sigmaDet * dl.normal();
    const lo = new Float64Array(n);
    for (let i = 0; i < n; i++) lo[i] = lc[i] + ln[i];
    lateral = { clean: lc, noise: ln, observed: lo };
    streams.push('thermal-lateral', 'detector-lateral');
  }
  return {
    clean: { normal: clean, ...(lateral ? { lateral: lateral.clean } : {}) },
    noise: { normal: noise, ...(lateral ? { lateral: lateral.noise } : {}) },
    observed: { normal: observed, ...(lateral ? { lateral: lateral.observed } : {}) },
    meta: {
      instrument: {
        sampleRate: fs,
        sampleCount: n,
        temperature: ins.temperature,
        invOLSNominal: ins.invOLS * (1 + ins.invOLSError),
        lateralInvOLS: ins.lateralInvOLS,
        detectorNoiseDensity: ins.detectorNoiseDensity,
        antiAliasFilter: options.spectrumModel === 'hydrodynamic',
        spectrumModel: options.spectrumModel,
        rngStreams: streams.map((s) => `${rng.name ? `${rng.name}/` : ''}${s}`),
      },
      truth: {
        springConstant: k,
        resonanceFrequency: f0,
        qualityFactor: q,
        vacuumFrequency: res.vacuumFrequency,
        invOLS: ins.invOLS,
        deflectionVariance: varOpt,
        varianceCheck,
        ...(kPhi !== undefined ? { torsionalSpringConstant: kPhi, torsionalFrequency: fT } : {}),
      },
    },
  };
}

// ---- the thermal-tune experiment ------------------------------------------------------------------

/** Media a thermal tune can be run in (src/models/probe/hydrodynamics.ts presets). */
export const THERMAL_MEDIA = ['vacuum', 'air', 'water', 'electrolyte-lp30'] as const satisfies readonly FluidPreset[];

/** Correction factors β the calibration may use. */
export const THERMAL_CORRECTIONS = ['optical-lever-mode-1', 'displacement-mode-1', 'point-mass'] as const;
export type ThermalCorrection = (typeof THERMAL_CORRECTIONS)[number];

/** Scenario sections of the thermal-tune experiment (for src/sim/scenario.ts and `seisim schema`). */
export const THERMAL_TUNE_FIELDS = {
  probe: section('the cantilever: a preset named after the papers, or a custom geometry', {
    preset: oneOf(PROBE_PRESETS, 'probe preset (src/models/probe/presets.ts); ignored when custom is true', 'saleh-rtespaw-150'),
    custom: flag('use the `cantilever` geometry below instead of the preset', false),
    cantilever: section('custom rectangular cantilever (used when custom is true)', fieldsOf(CANTILEVER)),
  }),
  media: list(oneOf(THERMAL_MEDIA, 'fluid around the cantilever'), 'media to run the tune in, one record each', {
    minItems: 1,
    maxItems: 4,
    default: ['air', 'electrolyte-lp30'],
  }),
  instrument: section('thermal-tune acquisition', fieldsOf(THERMAL_TUNE)),
  spectrumModel: oneOf(THERMAL_SPECTRUM_MODELS, "'sho': exact SHO time series (aliased); 'hydrodynamic': Sader PSD synthesis (band-limited)", 'sho'),
  lateral: flag('also record the torsional (lateral) channel', false),
  analysis: section('thermal calibration', {
    segmentLength: quantity({ unit: '1', min: 0, max: 2 ** 24, integer: true, default: 0, doc: 'Welch segment length (power of two; 0: chosen from the resonance width, autoSegmentLength)' }),
    correction: oneOf(THERMAL_CORRECTIONS, 'equipartition correction factor β', 'optical-lever-mode-1'),
  }),
} as const satisfies Fields;

/** Resolved configuration of the thermal-tune experiment. */
export type ThermalTuneConfig = InferFields<typeof THERMAL_TUNE_FIELDS>;

/** Per-medium result of the experiment (in memory, before writing). */
export interface ThermalTuneMediumResult {
  readonly medium: FluidPreset;
  readonly output: ThermalTuneOutput;
  readonly calibration: ThermalCalibrationResult;
}

function correctionValue(c: ThermalCorrection): number {
  switch (c) {
    case 'optical-lever-mode-1':
      return THERMAL_CORRECTION_FACTORS.opticalLeverModeOne;
    case 'displacement-mode-1':
      return THERMAL_CORRECTION_FACTORS.displacementModeOne;
    case 'point-mass':
      return THERMAL_CORRECTION_FACTORS.pointMass;
    default: {
      const never: never = c;
      throw new Error(`unknown correction ${String(never)}`);
    }
  }
}

/** The cantilever a config describes. */
export function thermalTuneCantilever(config: ThermalTuneConfig): { cantilever: Cantilever; name: string } {
  if (config.probe.custom) return { cantilever: makeCantilever(config.probe.cantilever), name: 'custom' };
  return { cantilever: probePreset(config.probe.preset).cantilever, name: config.probe.preset };
}

/**
 * Run the thermal-tune experiment: for each medium simulate the tune, calibrate k, f₀, Q from the
 * observed signal only, score against the truth, and build the run's artifacts and plots.
 *
 * Tolerances (scores): k within 4 σ_k + 1 % (σ_k the Cramér–Rao error of the fit, which for a clean
 * peak is √(Q/(π f₀ T)) — see src/analysis/thermal-calibration.ts — and 1 % for the Whittle fit's
 * residual bias at finite K₀), widened by the InvOLS error: k ∝ 1/InvOLS², so a nominal InvOLS
 * (1 + e)× the true one gives k/(1 + e)², which is what the score expects (the calibration is only
 * as good as the InvOLS it is given). With the hydrodynamic spectrum an SHO is fitted to a non-SHO
 * PSD: a further 8 % model allowance on k, and f₀ and Q are reported, not scored.
 *
 * @param rng the run's root stream; forks one stream per medium (`thermal-<medium>`)
 */
export function runThermalTuneExperiment(
  config: ThermalTuneConfig,
  rng: Rng,
  progress: (fraction: number, label?: string) => void = () => {},
): { artifacts: Artifact[]; scores: Score[]; summary: Record<string, unknown>; media: ThermalTuneMediumResult[] } {
  const { cantilever, name } = thermalTuneCantilever(config);
  const ins = makeThermalTuneInstrument(config.instrument);
  const beta = correctionValue(config.analysis.correction);
  const artifacts: Artifact[] = [];
  const scores: Score[] = [];
  const media: ThermalTuneMediumResult[] = [];
  const summary: Record<string, unknown> = { probe: name, spectrumModel: config.spectrumModel };
  config.media.forEach((medium, mi) => {
    progress(mi / config.media.length, `thermal tune in ${medium}`);
    const fluid = fluidPreset(medium);
    const out = simulateThermalTune(cantilever, fluid, ins, { spectrumModel: config.spectrumModel, lateral: config.lateral }, rng.fork(`thermal-${medium}`));
    const h = out.meta.instrument;
    const cal = calibrateThermal(out.observed.normal, {
      sampleRate: h.sampleRate,
      invOLS: h.invOLSNominal,
      invOLSMethod: ins.invOLSError === 0 ? 'hard-surface-contact' : 'nominal',
      temperature: h.temperature,
      ...(config.analysis.segmentLength > 0 ? { segmentLength: Math.min(config.analysis.segmentLength, 2 ** Math.floor(Math.log2(h.sampleCount))) } : {}),
      aliasing: !h.antiAliasFilter,
      correctionFactor: beta,
    });
    media.push({ medium, output: out, calibration: cal });
    const t = out.meta.truth;
    const where = `${medium}, ${name}`;
    // what the calibration should give: the true k scaled by the β used and the InvOLS error
    const kExpected = (t.springConstant * (beta / THERMAL_CORRECTION_FACTORS.opticalLeverModeOne)) / (1 + ins.invOLSError) ** 2;
    const hydro = config.spectrumModel === 'hydrodynamic';
    const tolK = 4 * cal.springConstantRelStd + 0.01 + (hydro ? 0.08 : 0);
    scores.push(
      relativeScore(
        'springConstant',
        where,
        'N/m',
        kExpected,
        cal.springConstant,
        tolK,
        `4σ (Cramér–Rao ${(100 * cal.springConstantRelStd).toFixed(2)} %, ≈ √(Q/(π f0 T)) = ${(100 * cal.expectedRelativeError).toFixed(2)} %) + 1 % fit bias${hydro ? ' + 8 % SHO-vs-hydrodynamic model allowance' : ''}; truth includes β and InvOLS-error scaling k ∝ β/InvOLS²`,
      ),
    );
    if (!hydro) {
      scores.push(
        relativeScore('resonanceFrequency', where, 'Hz', t.resonanceFrequency, cal.resonanceFrequency, 4 * cal.resonanceFrequencyRelStd + 0.002, '4σ Cramér–Rao + 0.2 % (window/bin discretisation)'),
        relativeScore('qualityFactor', where, '1', t.qualityFactor, cal.qualityFactor, 4 * cal.qualityFactorRelStd + 0.02, '4σ Cramér–Rao + 2 % (Hann-window broadening of the peak)'),
      );
    }
    // ---- artifacts ----
    artifacts.push(
      npyArtifact(`data/thermal-${medium}-deflection.npy`, `thermal tune in ${medium}: photodiode normal signal`, 'V; axis: sample', { data: out.observed.normal }),
      jsonArtifact(`data/thermal-${medium}-header.json`, `thermal tune in ${medium}: acquisition settings (as an instrument file header)`, 'SI', {
        sampleRate: h.sampleRate,
        sampleCount: h.sampleCount,
        temperature: h.temperature,
        invOLS: h.invOLSNominal,
        lateralInvOLS: h.lateralInvOLS,
        antiAliasFilter: h.antiAliasFilter,
        detectorNoiseDensity: h.detectorNoiseDensity,
      }),
      npyArtifact(`truth/thermal-${medium}-clean.npy`, `thermal tune in ${medium}: thermal motion without detector noise`, 'V; axis: sample', { data: out.clean.normal }),
      jsonArtifact(`truth/thermal-${medium}.json`, `thermal tune in ${medium}: true cantilever and optics`, 'SI', { ...t, cantilever, fluid, rngStreams: h.rngStreams }),
      csvArtifact(`results/thermal-${medium}-psd.csv`, `thermal tune in ${medium}: Welch PSD of the deflection and the fitted SHO + white floor`, [
        { name: 'frequency', unit: 'Hz', values: cal.psd.frequency },
        { name: 'psd', unit: 'm^2/Hz', values: cal.psd.psd },
        { name: 'model', unit: 'm^2/Hz', values: cal.model },
      ]),
    );
    if (out.observed.lateral) {
      artifacts.push(npyArtifact(`data/thermal-${medium}-lateral.npy`, `thermal tune in ${medium}: photodiode lateral signal`, 'V; axis: sample', { data: out.observed.lateral }));
    }
    const f = cal.psd.frequency.subarray(1);
    artifacts.push(
      svgArtifact(
        `plots/thermal-${medium}-psd.svg`,
        `thermal tune in ${medium}: PSD with SHO fit`,
        figure({
          title: `Thermal tune in ${medium} (${name})`,
          panels: [
            {
              x: { label: 'Frequency f', unit: 'Hz', scale: 'log' },
              y: { label: 'Deflection PSD', unit: 'm^2/Hz', scale: 'log' },
              layers: [
                { type: 'line', x: f, y: cal.psd.psd.subarray(1), label: 'Welch PSD', width: 1 },
                { type: 'line', x: f, y: cal.model.subarray(1), label: 'SHO + floor fit', dash: 'dashed', width: 1.5 },
                { type: 'vline', at: cal.resonanceFrequency, text: `f0 = ${(cal.resonanceFrequency / 1e3).toFixed(2)} kHz`, dash: 'dotted' },
                { type: 'vspan', from: cal.fitBand[0], to: cal.fitBand[1], label: 'fit band', opacity: 0.08 },
              ],
            },
          ],
          caption: `k = ${cal.springConstant.toPrecision(4)} N/m (true ${t.springConstant.toPrecision(4)}), Q = ${cal.qualityFactor.toPrecision(3)}, β = ${beta.toFixed(4)}`,
        }),
      ),
    );
    summary[medium] = {
      springConstant: cal.springConstant,
      springConstantTrue: t.springConstant,
      resonanceFrequency: cal.resonanceFrequency,
      qualityFactor: cal.qualityFactor,
      relStd: cal.springConstantRelStd,
    };
  });
  const first = media[0].calibration;
  const report = methodsReport({
    software: 'seisim (src/analysis/thermal-calibration.ts)',
    contactModel: 'none',
    contactModelDetail: contactModelDescription('none'),
    springConstant: {
      value: first.springConstant,
      unit: 'N/m',
      method: 'thermal-noise',
      detail: `SHO + white floor fitted to the Welch PSD (Whittle ML), k = β k_BT/⟨z*²⟩, β = ${beta.toFixed(4)} (Butt & Jaschke 1995), T = ${ins.temperature} K, medium ${media[0].medium}`,
      relativeUncertainty: first.springConstantRelStd,
    },
    deflectionSensitivity: { value: first.invOLS, unit: 'm/V', method: ins.invOLSError === 0 ? 'hard-surface-contact' : 'nominal', detail: 'given to the calibration; k ∝ 1/InvOLS²' },
    processing: { segmentLength: media[0].calibration.psd.frequency.length * 2 - 2, window: 'hann', overlap: 0.5, aliasingInModel: !media[0].output.meta.instrument.antiAliasFilter },
    curvesShown: media.map((m) => `plots/thermal-${m.medium}-psd.svg`),
  });
  artifacts.push(
    jsonArtifact('results/thermal-calibration.json', 'thermal calibration per medium and the methods report of 004 §7', 'SI', {
      media: media.map((m) => ({
        medium: m.medium,
        springConstant: m.calibration.springConstant,
        springConstantRelStd: m.calibration.springConstantRelStd,
        expectedRelativeError: m.calibration.expectedRelativeError,
        resonanceFrequency: m.calibration.resonanceFrequency,
        qualityFactor: m.calibration.qualityFactor,
        deflectionVariance: m.calibration.deflectionVariance,
        whiteFloor: m.calibration.whiteFloor,
        fitBand: m.calibration.fitBand,
        correctionFactor: m.calibration.correctionFactor,
        invOLS: m.calibration.invOLS,
        converged: m.calibration.converged,
      })),
      report,
      reportMarkdown: methodsReportMarkdown(report),
    }),
  );
  progress(1);
  return { artifacts, scores, summary, media };
}

/**
 * Cross-field checks of a thermal-tune configuration (for the experiment's `check` hook): every
 * problem with its YAML path, value, expectation and a hint.
 */
export function checkThermalTuneConfig(config: ThermalTuneConfig): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const seg = config.analysis.segmentLength;
  const n = config.instrument.sampleCount;
  if (seg !== 0 && (!Number.isInteger(Math.log2(seg)) || seg > n)) {
    problems.push({ path: 'analysis.segmentLength', value: seg, message: 'not a power of two no longer than the record', expected: `0 (automatic) or a power of two ≤ sampleCount = ${n}`, hint: `try ${2 ** Math.min(Math.floor(Math.log2(Math.max(seg, 2))), Math.floor(Math.log2(n)))}` });
  }
  if (config.spectrumModel === 'hydrodynamic' && !Number.isInteger(Math.log2(n))) {
    problems.push({ path: 'instrument.sampleCount', value: n, message: "must be a power of two for spectrumModel 'hydrodynamic'", expected: 'a power of two', hint: `try ${2 ** Math.round(Math.log2(n))}` });
  }
  let cantilever: Cantilever | undefined;
  try {
    cantilever = thermalTuneCantilever(config).cantilever;
  } catch (e) {
    problems.push({ path: 'probe.cantilever', value: '{…}', message: e instanceof Error ? e.message : String(e) });
  }
  if (cantilever) {
    const f0 = flexuralResonanceVacuum(cantilever);
    if (config.instrument.sampleRate < 2.5 * f0) {
      problems.push({ path: 'instrument.sampleRate', value: config.instrument.sampleRate, message: 'too low to sample the first flexural resonance', expected: `> 2.5 f0 = ${(2.5 * f0).toPrecision(3)} Hz` });
    }
    if (config.lateral) {
      const ft = torsionalResonanceVacuum(cantilever);
      if (config.instrument.sampleRate < 2.5 * ft) {
        problems.push({ path: 'instrument.sampleRate', value: config.instrument.sampleRate, message: 'too low for the lateral (torsional) channel', expected: `> 2.5 f_torsion = ${(2.5 * ft).toPrecision(3)} Hz`, hint: 'raise sampleRate or set lateral: false' });
      }
    }
  }
  return problems;
}
