/**
 * Thermal noise of a cantilever mode modelled as a simple harmonic oscillator (SHO): its PSD, its
 * variance (equipartition with the mode and optical-lever factors) and the exact discretisation of
 * the thermally driven oscillator used by the thermal-tune instrument.
 *
 * Sources: equipartition ½k⟨z²⟩ = ½k_BT (Hutter & Bechhoefer, Rev. Sci. Instrum. 64, 1868 (1993));
 * mode-1 energy fraction 12/α₁⁴ = 0.971 and optical-lever factor χ = 1.09, so that
 * k = 0.817 k_BT/⟨z*²⟩ for the optically measured deflection z* (Butt & Jaschke, Nanotechnology 6, 1
 * (1995)); the exact discretisation of a linear stochastic ODE (Gillespie, Phys. Rev. E 54, 2084
 * (1996), for the Ornstein–Uhlenbeck case; the 2-D oscillator follows the same construction).
 */
import { BOLTZMANN } from './hydrodynamics.js';
import { thermalCalibrationFactor, flexuralModeEnergyFraction, torsionalModeEnergyFraction } from './analytic.js';

/** Parameters of one SHO mode (SI). */
export interface ShoMode {
  /** Stiffness whose equipartition variance k_BT/k the PSD integrates to [N/m]. */
  readonly stiffness: number;
  /** Resonance (undamped natural) frequency f₀ [Hz]. */
  readonly frequency: number;
  /** Quality factor Q (> 0). */
  readonly qualityFactor: number;
  /** Temperature T [K]. */
  readonly temperature: number;
}

function checkMode(m: ShoMode, where: string): void {
  for (const [name, v] of [
    ['stiffness', m.stiffness],
    ['frequency', m.frequency],
    ['qualityFactor', m.qualityFactor],
    ['temperature', m.temperature],
  ] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${where}: ${name} = ${v} must be finite and > 0`);
  }
}

/**
 * Single-sided displacement PSD of a thermally driven SHO.
 *
 * Equation: S(f) = (2 k_B T / (π f₀ Q k)) / ((1 − (f/f₀)²)² + (f/(f₀Q))²); ∫₀^∞ S df = k_BT/k exactly
 * for every Q, because ∫₀^∞ du / ((1 − u²)² + u²/Q²) = πQ/2 (e.g. Hutter & Bechhoefer 1993; Butt &
 * Jaschke 1995, Eq. 8). Units: m²/Hz.
 * @param f frequency [Hz] ≥ 0
 */
export function shoPsd(f: number, m: ShoMode): number {
  const u = f / m.frequency;
  const d = (1 - u * u) ** 2 + (u / m.qualityFactor) ** 2;
  return (2 * BOLTZMANN * m.temperature) / (Math.PI * m.frequency * m.qualityFactor * m.stiffness) / d;
}

/**
 * PSD of the SHO sampled at rate f_s without an anti-alias filter, folded into [0, f_s/2]:
 * S_d(f) = Σ_{m=−M}^{M} S(|f + m f_s|) (sampling theorem for a stationary process). Units: m²/Hz.
 * @param images M, the number of aliases summed on each side (S decays as f⁻⁴, M = 4 is ample)
 */
export function shoPsdAliased(f: number, m: ShoMode, sampleRate: number, images = 4): number {
  let s = 0;
  for (let j = -images; j <= images; j++) s += shoPsd(Math.abs(f + j * sampleRate), m);
  return s;
}

/**
 * Variance of the optically measured deflection z* of flexural mode 1 of a beam with static
 * spring constant k: ⟨z*²⟩ = β k_BT/k, β = (12/α₁⁴)/χ₁² = 0.8174.
 *
 * Equation: Butt & Jaschke, Nanotechnology 6, 1 (1995), Eq. 15. Units: m².
 */
export function opticalModeOneVariance(springConstant: number, temperature: number): number {
  return (thermalCalibrationFactor(1) * BOLTZMANN * temperature) / springConstant;
}

/**
 * Variance of the true tip deflection of flexural mode 1: ⟨z₁²⟩ = (12/α₁⁴) k_BT/k = 0.9707 k_BT/k.
 *
 * Equation: Butt & Jaschke 1995, Eq. 11. Units: m².
 */
export function modeOneVariance(springConstant: number, temperature: number): number {
  return (flexuralModeEnergyFraction(1) * BOLTZMANN * temperature) / springConstant;
}

/**
 * Variance of the end twist angle of the first torsional mode: ⟨φ₁²⟩ = (8/π²) k_BT/k_φ; its PSD is
 * {@link shoPsd} with stiffness k_φ π²/8 (rad²/Hz), read by the lateral channel as h_eff φ.
 *
 * Equation: modal expansion of a uniform torsion bar (analytic.ts, torsionalModeEnergyFraction;
 * Green et al., Rev. Sci. Instrum. 75, 1988 (2004)). Units: k_φ [N·m/rad], T [K] → rad².
 */
export function torsionalModeOneVariance(torsionalSpringConstant: number, temperature: number): number {
  return (torsionalModeEnergyFraction(1) * BOLTZMANN * temperature) / torsionalSpringConstant;
}

/**
 * Exact one-step transition of a thermally driven SHO in the scaled state (x, y = ẋ/ω₀), whose
 * stationary covariance is σ² I. Over a step Δt the state evolves as s_{n+1} = Φ s_n + L ξ_n, with
 * ξ_n ~ N(0, I) and L L^T = σ²(I − Φ Φ^T) (here for σ = 1: multiply L by σ).
 *
 * Equations (underdamped, Q > ½): a = ω₀/(2Q), ω_d = ω₀√(1 − 1/(4Q²)), c = cos ω_dΔt, s = sin ω_dΔt,
 * Φ = e^{−aΔt} [[c + (a/ω_d)s, (ω₀/ω_d)s], [−(ω₀/ω_d)s, c − (a/ω_d)s]]; overdamped (Q < ½) the same
 * with cos, sin → cosh, sinh and ω_d = ω₀√(1/(4Q²) − 1). Exact for any Δt (no discretisation error).
 * Units: f₀ [Hz], Δt [s]; Φ and L dimensionless.
 */
export function shoTransition(frequency: number, qualityFactor: number, dt: number): {
  phi: [number, number, number, number];
  chol: [number, number, number];
} {
  for (const [name, v] of [['frequency', frequency], ['qualityFactor', qualityFactor], ['dt', dt]] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`shoTransition: ${name} = ${v} must be finite and > 0`);
  }
  if (Math.abs(qualityFactor - 0.5) < 1e-9) throw new RangeError('shoTransition: qualityFactor = 0.5 (critical damping) is not supported; use 0.5 ± 1e-6');
  const w0 = 2 * Math.PI * frequency;
  const a = w0 / (2 * qualityFactor);
  const e = Math.exp(-a * dt);
  let p11: number;
  let p12: number;
  let p21: number;
  let p22: number;
  if (qualityFactor > 0.5) {
    const wd = w0 * Math.sqrt(1 - 1 / (4 * qualityFactor * qualityFactor));
    const cs = Math.cos(wd * dt);
    const sn = Math.sin(wd * dt);
    p11 = e * (cs + (a / wd) * sn);
    p12 = e * (w0 / wd) * sn;
    p21 = -e * (w0 / wd) * sn;
    p22 = e * (cs - (a / wd) * sn);
  } else {
    const wd = w0 * Math.sqrt(1 / (4 * qualityFactor * qualityFactor) - 1);
    // e^{−aΔt} cosh, sinh(ω_dΔt) written with combined exponents (no overflow of cosh at large Δt)
    const ep = Math.exp((-a + wd) * dt);
    const em = Math.exp((-a - wd) * dt);
    const ch = 0.5 * (ep + em);
    const sh = 0.5 * (ep - em);
    p11 = ch + (a / wd) * sh;
    p12 = (w0 / wd) * sh;
    p21 = -(w0 / wd) * sh;
    p22 = ch - (a / wd) * sh;
  }
  // Σ_w = I − Φ Φ^T
  const s11 = 1 - (p11 * p11 + p12 * p12);
  const s12 = -(p11 * p21 + p12 * p22);
  const s22 = 1 - (p21 * p21 + p22 * p22);
  const l11 = Math.sqrt(Math.max(0, s11));
  const l21 = l11 > 0 ? s12 / l11 : 0;
  const l22 = Math.sqrt(Math.max(0, s22 - l21 * l21));
  return { phi: [p11, p12, p21, p22], chol: [l11, l21, l22] };
}

/**
 * Convert a fitted SHO (its area ⟨z*²⟩ = ∫S df of the optically measured mode-1 deflection) to the
 * static spring constant by equipartition with the mode and optical-lever correction.
 *
 * Equation: k = β k_BT / ⟨z*²⟩, β = 0.8174 (Butt & Jaschke 1995, Eq. 15). Units: m² → N/m.
 * @param variance ⟨z*²⟩ [m²]
 * @param temperature T [K]
 * @param beta correction factor (default: mode 1 through an optical lever, 0.8174; use
 *   `flexuralModeEnergyFraction(1)` = 0.9707 for an interferometric (displacement) detector, 1 for a
 *   point-mass model)
 */
export function springConstantFromVariance(variance: number, temperature: number, beta = thermalCalibrationFactor(1)): number {
  if (!Number.isFinite(variance) || variance <= 0) throw new RangeError(`springConstantFromVariance: variance = ${variance} must be finite and > 0`);
  return (beta * BOLTZMANN * temperature) / variance;
}
