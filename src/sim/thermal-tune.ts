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
import type { ParamTable, ParamValues } from '../models/params.js';
import { resolveParams } from '../models/params.js';
import type { Rng } from '../models/rng.js';
import { flexuralModeEnergyFraction, thermalCalibrationFactor, torsionalModeEnergyFraction } from '../models/probe/analytic.js';
import {
  effectiveTipHeight,
  flexuralSpringConstant,
  torsionalResonanceVacuum,
  torsionalSpringConstant,
  type Cantilever,
} from '../models/probe/cantilever.js';
import { BOLTZMANN, fluidResonance, makeModeOneThermalPsd, type Fluid } from '../models/probe/hydrodynamics.js';
import { shoTransition } from '../models/probe/thermal.js';

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
    const varPhi = (torsionalModeEnergyFraction(1) * BOLTZMANN * ins.temperature) / kPhi;
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
