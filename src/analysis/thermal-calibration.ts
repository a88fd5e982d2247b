/**
 * Thermal-noise calibration of the cantilever spring constant from a deflection time series:
 * PSD → simple-harmonic-oscillator fit → equipartition with the mode / optical-lever factor → k,
 * together with the resonance frequency f₀ and quality factor Q.
 *
 * Method: Hutter & Bechhoefer, Rev. Sci. Instrum. 64, 1868 (1993), with the first-mode and
 * optical-lever correction of Butt & Jaschke, Nanotechnology 6, 1 (1995): k = β k_BT/⟨z*²⟩,
 * β = 0.8174. The SHO (+ white detector floor) is fitted to the Welch PSD by maximum likelihood for
 * χ²-distributed periodogram bins (Whittle likelihood), computed as iteratively reweighted least
 * squares: minimise Σ ((S_obs − S(θ))/S_ref)² with S_ref the previous iteration's model — its
 * stationary point is the Whittle ML estimate (∂/∂θ Σ (S_obs/S + ln S) = −Σ (S_obs − S) S'/S²).
 *
 * Statistical error (derivation; used by the tests as the tolerance). A record of length T has
 * independent raw periodogram bins of width 1/T, each with relative standard deviation 1 (χ²₂).
 * For a Lorentzian peak of area P and FWHM Γ = f₀/Q fitted with free P, f₀, Γ, the Fisher
 * information of the Whittle likelihood in (ln P, ln Γ) over a band of X half-widths is
 * (TΓ/2) [[X, X − 2π], [X − 2π, X − 2π]] (using ∫ 2/(1 + x²) dx = 2π, ∫ 4x²/(1 + x²)² dx = 2π), whose
 * inverse gives Var(ln P) = 1/(π Γ T), independent of the band. Hence
 *   σ_k / k = σ_P / P = 1 / √(π Γ T) = √(Q / (π f₀ T)),
 * the same as the time-domain result Var(⟨x²⟩_T)/⟨x²⟩² = τ/T with τ = Q/(π f₀) the energy decay
 * time. Welch averaging does not change it (K segments: Δf' = K/T, relative variance 1/K per bin).
 * A white floor B adds information loss; the fit reports the Cramér–Rao value including B from
 * the Fisher matrix Σ_i K₀ (∂ ln S_i/∂θ)(∂ ln S_i/∂θ)^T, K₀ = T·Δf the raw bins per Welch bin.
 */
import { flexuralModeEnergyFraction, thermalCalibrationFactor } from '../models/probe/analytic.js';
import { BOLTZMANN } from '../models/probe/hydrodynamics.js';
import { levenbergMarquardt } from './fit.js';
import { welchPsd, type Psd, type WindowKind } from './spectrum.js';

/** How the InvOLS handed to the calibration was obtained (for the report of 004). */
export type InvOLSMethod = 'hard-surface-contact' | 'nominal' | 'thermal-sader' | 'unknown';

/** Options of {@link calibrateThermal}. */
export interface ThermalCalibrationOptions {
  /** Sampling rate f_s [Hz]. */
  readonly sampleRate: number;
  /** Normal-channel InvOLS used to convert volts to metres [m/V]. */
  readonly invOLS: number;
  readonly invOLSMethod?: InvOLSMethod;
  /** Temperature T [K]. */
  readonly temperature: number;
  /** Welch segment length (power of two; default {@link autoSegmentLength}). */
  readonly segmentLength?: number;
  readonly window?: WindowKind;
  /** Fit band [Hz]; default chosen around the peak (see code). */
  readonly fitBand?: readonly [number, number];
  /** Include aliases of the SHO above Nyquist in the model (default true; an unfiltered sampler aliases). */
  readonly aliasing?: boolean;
  /** Correction factor β in k = β k_BT/⟨z*²⟩ (default 0.8174: mode 1, optical lever). */
  readonly correctionFactor?: number;
}

/** Result of {@link calibrateThermal}. */
export interface ThermalCalibrationResult {
  /** Spring constant k = β k_BT / ⟨z*²⟩ [N/m]. */
  readonly springConstant: number;
  /** Relative standard error of k: Cramér–Rao value from the fit (includes the white floor). */
  readonly springConstantRelStd: number;
  /** Relative standard errors of f₀ and Q (Cramér–Rao, from the same Fisher matrix). */
  readonly resonanceFrequencyRelStd: number;
  readonly qualityFactorRelStd: number;
  /** Relative standard error predicted by √(Q/(π f₀ T)) (thermal peak only). */
  readonly expectedRelativeError: number;
  /** Resonance frequency f₀ [Hz]. */
  readonly resonanceFrequency: number;
  readonly qualityFactor: number;
  /** Fitted variance ⟨z*²⟩ of the mode-1 deflection [m²]. */
  readonly deflectionVariance: number;
  /** White floor of the deflection PSD [m²/Hz] (detector noise through InvOLS). */
  readonly whiteFloor: number;
  readonly correctionFactor: number;
  readonly invOLS: number;
  readonly invOLSMethod: InvOLSMethod;
  readonly temperature: number;
  readonly fitBand: readonly [number, number];
  /** The PSD of the deflection [m²/Hz] the fit used. */
  readonly psd: Psd;
  /** The fitted model on `psd.frequency` [m²/Hz]. */
  readonly model: Float64Array;
  readonly recordLength: number;
  readonly converged: boolean;
}

/** SHO density of unit area: g(f) = (2/(π f₀ Q)) / ((1 − u²)² + (u/Q)²), u = f/f₀, with its log-derivatives. */
function shoTerms(f: number, f0: number, q: number): { g: number; dlnf0: number; dlnq: number } {
  const u = f / f0;
  const u2 = u * u;
  const q2 = q * q;
  const D = (1 - u2) ** 2 + u2 / q2;
  const g = 2 / (Math.PI * f0 * q) / D;
  const dDdlnf0 = 4 * u2 * (1 - u2) - (2 * u2) / q2;
  const dDdlnq = (-2 * u2) / q2;
  return { g, dlnf0: g * (-1 - dDdlnf0 / D), dlnq: g * (-1 - dDdlnq / D) };
}

/** Diagonal of the inverse of a small SPD matrix by Gauss–Jordan elimination (NaN if singular). */
function inverseDiagonal(A: Float64Array, n: number): number[] {
  const M = Float64Array.from(A);
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r * n + c]) > Math.abs(M[piv * n + c])) piv = r;
    if (!(Math.abs(M[piv * n + c]) > 0)) return new Array<number>(n).fill(NaN);
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        [M[c * n + k], M[piv * n + k]] = [M[piv * n + k], M[c * n + k]];
        [I[c * n + k], I[piv * n + k]] = [I[piv * n + k], I[c * n + k]];
      }
    }
    const d = M[c * n + c];
    for (let k = 0; k < n; k++) {
      M[c * n + k] /= d;
      I[c * n + k] /= d;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r * n + c];
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        M[r * n + k] -= f * M[c * n + k];
        I[r * n + k] -= f * I[c * n + k];
      }
    }
  }
  return Array.from({ length: n }, (_, i) => I[i * n + i]);
}

/**
 * Welch segment length that resolves the resonance: a first PSD with short segments locates the peak
 * and its half-power width Γ; the segment is the power of two with bin width ≤ Γ/10 (so that the Hann
 * window's 1.5-bin resolution broadens the peak by < 1 %), at most n/8 (≥ 8 segments) and ≥ 256.
 */
export function autoSegmentLength(x: ArrayLike<number>, sampleRate: number): number {
  const n = x.length;
  const maxSeg = Math.max(256, 2 ** Math.floor(Math.log2(n / 8)));
  const first = welchPsd(x, sampleRate, { segmentLength: Math.min(maxSeg, 4096) });
  const S = first.psd;
  let ip = 3;
  for (let i = 3; i < S.length - 1; i++) if (S[i] > S[ip]) ip = i;
  let il = ip;
  while (il > 1 && S[il] > S[ip] / 2) il--;
  let ih = ip;
  while (ih < S.length - 1 && S[ih] > S[ip] / 2) ih++;
  const gamma = Math.max(1, ih - il - 1) * first.binWidth;
  const want = 2 ** Math.ceil(Math.log2((10 * sampleRate) / gamma));
  return Math.max(256, Math.min(maxSeg, want));
}

/**
 * Calibrate k, f₀, Q from a thermal tune (deflection in volts).
 *
 * Equations: module doc. Units: volts in, SI out.
 * @param deflectionVolts the photodiode normal signal [V] (at least one segment long)
 */
export function calibrateThermal(deflectionVolts: ArrayLike<number>, options: ThermalCalibrationOptions): ThermalCalibrationResult {
  const fs = options.sampleRate;
  const inv = options.invOLS;
  const T = options.temperature;
  for (const [name, v] of [['sampleRate', fs], ['invOLS', inv], ['temperature', T]] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`calibrateThermal: ${name} = ${v} must be finite and > 0`);
  }
  const n = deflectionVolts.length;
  const seg = options.segmentLength ?? autoSegmentLength(deflectionVolts, fs);
  const psdV = welchPsd(deflectionVolts, fs, { segmentLength: seg, overlap: 0.5, window: options.window ?? 'hann' });
  const s2 = inv * inv;
  const S = psdV.psd.map((v) => v * s2);
  const psd: Psd = { ...psdV, psd: S };
  const freq = psd.frequency;
  const df = psd.binWidth;
  const nyq = fs / 2;
  const nb = S.length;

  // ---- initial guesses from a 5-bin running mean -------------------------------------------
  const sm = new Float64Array(nb);
  for (let i = 0; i < nb; i++) {
    let a = 0;
    let c = 0;
    for (let j = Math.max(0, i - 2); j <= Math.min(nb - 1, i + 2); j++) {
      a += S[j];
      c++;
    }
    sm[i] = a / c;
  }
  const iStart = 3;
  let ip = iStart;
  for (let i = iStart; i < nb - 1; i++) if (sm[i] > sm[ip]) ip = i;
  const tail = Array.from(sm.subarray(Math.floor(nb * 0.9))).sort((a, b) => a - b);
  let B0 = Math.max(tail[Math.floor(tail.length / 2)], 1e-300);
  const peak = sm[ip] - B0;
  if (!(peak > 0)) throw new RangeError('calibrateThermal: no resonance peak above the white floor');
  if (B0 > 0.5 * sm[ip]) B0 = 0.01 * sm[ip];
  const halfLevel = B0 + 0.5 * (sm[ip] - B0);
  let il = ip;
  while (il > iStart && sm[il] > halfLevel) il--;
  let ih = ip;
  while (ih < nb - 1 && sm[ih] > halfLevel) ih++;
  const f0g = freq[ip];
  const gammaG = Math.max((ih - il) * df, 2 * df);
  const q0 = Math.max(0.6, f0g / gammaG);
  const p0 = Math.max((sm[ip] - B0) * ((Math.PI * f0g) / (2 * q0)), 1e-300);

  // ---- fit band ------------------------------------------------------------------------------
  let band: [number, number];
  if (options.fitBand) {
    band = [options.fitBand[0], options.fitBand[1]];
    if (!(band[0] >= 0 && band[1] > band[0])) throw new RangeError(`calibrateThermal: fitBand = [${band}] must satisfy 0 <= lo < hi`);
  } else if (q0 < 5) {
    band = [iStart * df, Math.min(0.98 * nyq, 4 * f0g)];
  } else {
    const g = f0g / q0;
    band = [Math.max(iStart * df, f0g - 25 * g), Math.min(0.98 * nyq, f0g + 25 * g)];
  }
  const idx: number[] = [];
  for (let i = 0; i < nb; i++) if (freq[i] >= band[0] && freq[i] <= band[1] && freq[i] > 0) idx.push(i);
  if (idx.length < 8) throw new RangeError(`calibrateThermal: only ${idx.length} PSD bins in the fit band [${band[0]}, ${band[1]}] Hz; use a longer segment`);
  const m = idx.length;
  const fB = Float64Array.from(idx, (i) => freq[i]);
  const yB = Float64Array.from(idx, (i) => S[i]);
  const alias = options.aliasing ?? true;
  const images = alias ? 4 : 0;

  const model = (th: Float64Array, i: number): { s: number; d: [number, number, number, number] } => {
    const P = Math.exp(th[0]);
    const f0 = Math.exp(th[1]);
    const q = Math.exp(th[2]);
    const B = Math.exp(th[3]);
    let g = 0;
    let gf = 0;
    let gq = 0;
    for (let j = -images; j <= images; j++) {
      const t = shoTerms(Math.abs(fB[i] + j * fs), f0, q);
      g += t.g;
      gf += t.dlnf0;
      gq += t.dlnq;
    }
    return { s: P * g + B, d: [P * g, P * gf, P * gq, B] };
  };
  const theta = [Math.log(p0), Math.log(f0g), Math.log(q0), Math.log(B0)];
  const ref = new Float64Array(m);
  const thArr = Float64Array.from(theta);
  for (let i = 0; i < m; i++) ref[i] = model(thArr, i).s;
  // residuals weighted by the reference spectrum `ref`, which the Whittle rounds below refresh in place
  const problem: Parameters<typeof levenbergMarquardt>[0] = {
    residualCount: m,
    residuals: (th, r) => {
      for (let i = 0; i < m; i++) r[i] = (yB[i] - model(th, i).s) / ref[i];
    },
    jacobian: (th, J) => {
      for (let i = 0; i < m; i++) {
        const { d } = model(th, i);
        for (let a = 0; a < 4; a++) J[i * 4 + a] = -d[a] / ref[i];
      }
    },
  };
  const bounds = { scaleCovariance: false, lower: [-Infinity, Math.log(df), Math.log(0.51), -Infinity], upper: [Infinity, Math.log(nyq * 2), Math.log(1e7), Infinity] };
  let result = levenbergMarquardt(problem, theta, bounds);
  // Whittle IRLS: refresh the reference weights and refit (converges in a few rounds)
  for (let round = 0; round < 5; round++) {
    let change = 0;
    for (let i = 0; i < m; i++) {
      const s = model(result.params, i).s;
      change = Math.max(change, Math.abs(s / ref[i] - 1));
      ref[i] = s;
    }
    result = levenbergMarquardt(problem, Array.from(result.params), bounds);
    if (change < 1e-6) break;
  }
  const th = result.params;
  const P = Math.exp(th[0]);
  const f0 = Math.exp(th[1]);
  const q = Math.exp(th[2]);
  const B = Math.exp(th[3]);
  // Fisher information: K0 raw bins per Welch bin, K0 = T·Δf
  const recordLength = n / fs;
  const k0 = recordLength * df;
  // Cramér–Rao: I = K₀ Σ_i g_i g_iᵀ with g_i = ∂ ln S_i/∂θ; drop ln B when the floor is negligible
  const useB = yB.some((_, i) => Math.exp(th[3]) / model(th, i).s > 1e-6);
  const dim = useB ? 4 : 3;
  const fisher = new Float64Array(dim * dim);
  for (let i = 0; i < m; i++) {
    const { s, d } = model(th, i);
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) fisher[a * dim + b] += (k0 * d[a] * d[b]) / (s * s);
  }
  const invDiag = inverseDiagonal(fisher, dim);
  const relStd = Math.sqrt(invDiag[0]);
  const beta = options.correctionFactor ?? thermalCalibrationFactor(1);
  const fullModel = new Float64Array(nb);
  for (let i = 0; i < nb; i++) {
    let g = 0;
    for (let j = -images; j <= images; j++) g += shoTerms(Math.abs(freq[i] + j * fs), f0, q).g;
    fullModel[i] = P * g + B;
  }
  return {
    springConstant: (beta * BOLTZMANN * T) / P,
    springConstantRelStd: relStd,
    resonanceFrequencyRelStd: Math.sqrt(invDiag[1]),
    qualityFactorRelStd: Math.sqrt(invDiag[2]),
    expectedRelativeError: Math.sqrt(q / (Math.PI * f0 * recordLength)),
    resonanceFrequency: f0,
    qualityFactor: q,
    deflectionVariance: P,
    whiteFloor: B,
    correctionFactor: beta,
    invOLS: inv,
    invOLSMethod: options.invOLSMethod ?? 'unknown',
    temperature: T,
    fitBand: band,
    psd,
    model: fullModel,
    recordLength,
    converged: result.converged,
  };
}

/** The correction factors the calibration may use: β = 0.8174 (optical lever, mode 1), 0.9707 (displacement detector, mode 1), 1 (point mass). */
export const THERMAL_CORRECTION_FACTORS = {
  opticalLeverModeOne: thermalCalibrationFactor(1),
  displacementModeOne: flexuralModeEnergyFraction(1),
  pointMass: 1,
} as const;
