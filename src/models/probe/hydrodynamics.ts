/**
 * Cantilever in a viscous fluid: Sader's hydrodynamic function for a rectangular beam, the
 * fluid-loaded response of the first flexural mode, its resonance and quality factor.
 *
 * Source: J. E. Sader, "Frequency response of cantilever beams immersed in viscous fluids with
 * applications to the atomic force microscope", J. Appl. Phys. 84, 64 (1998):
 *  - hydrodynamic load per unit length F = (π/4) ρ ω² b² Γ(ω) W (Eq. 9), time dependence e^{−iωt};
 *  - Re = ρ ω b² / (4 η) (Eq. 12, b = beam width);
 *  - Γ_circ(ω) = 1 + 4i K₁(−i√(iRe)) / (√(iRe) K₀(−i√(iRe))) (Eq. 18);
 *  - Γ_rect(ω) = Ω(ω) Γ_circ(ω), Ω = Ω_r + iΩ_i rational fits in τ = log₁₀ Re, valid for
 *    10⁻⁶ ≤ Re ≤ 10⁴ (Eq. 20–21);
 *  - for Q ≫ 1: ω_R/ω_vac = (1 + πρb Γ_r(ω_R)/(4ρ_c h))^{−1/2}, Q = (4ρ_c h/(πρb) + Γ_r)/Γ_i
 *    (Eq. 23–24, h = beam thickness).
 * The modal equation used here keeps the full complex Γ(ω) for mode 1 (a single mode; Γ does not
 * depend on position along the beam in Sader's 2D-flow approximation, so the mode shapes are those
 * in vacuum): χ(ω) = 1 / (k₁ − m₁ ω² (1 + T₀ Γ(ω))), T₀ = πρb/(4ρ_c h).
 */
import { resolveParams, type ParamTable, type ParamValues } from '../params.js';
import { besselK01 } from './bessel.js';
import type { Cantilever } from './cantilever.js';
import { flexuralResonanceVacuum, flexuralSpringConstant } from './cantilever.js';
import { cadd, cdiv, cmul, csqrt, type Complex } from '../complex.js';
import { flexuralModeEnergyFraction } from './analytic.js';

/** Parameter table of a Newtonian fluid surrounding the cantilever (SI). Default: air at 25 °C. */
export const FLUID = {
  density: { unit: 'kg/m^3', min: 0, max: 3000, default: 1.184, doc: 'fluid density ρ', source: 'air, 25 °C, 1 atm (CRC Handbook)' },
  viscosity: { unit: 'Pa s', min: 1e-6, max: 10, default: 1.849e-5, doc: 'dynamic viscosity η', source: 'air, 25 °C (CRC Handbook)' },
} as const satisfies ParamTable;

/** Resolved fluid properties. */
export type Fluid = ParamValues<typeof FLUID>;

/** Named fluids. */
export type FluidPreset = 'vacuum' | 'air' | 'water' | 'electrolyte-lp30';

/**
 * Properties of a named fluid. Air and water at 25 °C from the CRC Handbook. `electrolyte-lp30`
 * is 1 M LiPF₆ in EC/DMC 50/50 (v/v), the electrolyte of `000_bee64fa28ec11129.txt` (Methods, "In
 * situ AFM measurements"); the papers give no density or viscosity, so typical literature values are
 * used (ρ ≈ 1.29 g/cm³, η ≈ 3.5 mPa·s at 25 °C) — approximate, change them for a specific batch.
 * `vacuum` has ρ = 0 (no hydrodynamic loading; η is irrelevant).
 */
export function fluidPreset(name: FluidPreset): Fluid {
  switch (name) {
    case 'vacuum':
      return { density: 0, viscosity: 1e-6 };
    case 'air':
      return { density: 1.184, viscosity: 1.849e-5 };
    case 'water':
      return { density: 997.05, viscosity: 8.9e-4 };
    case 'electrolyte-lp30':
      return { density: 1290, viscosity: 3.5e-3 };
    default: {
      const never: never = name;
      throw new Error(`unknown fluid preset ${String(never)}`);
    }
  }
}

/** Validate a fluid (throws a ParamError naming each problem). */
export function makeFluid(values: Partial<Fluid> = {}): Fluid {
  return resolveParams(FLUID, values);
}

/**
 * Reynolds number of the flow around an oscillating beam of width b.
 *
 * Equation: Re = ρ ω b² / (4 η) (Sader 1998, Eq. 12). Units: ρ [kg/m³], ω [rad/s], b [m], η [Pa s].
 */
export function reynoldsNumber(fluid: Fluid, omega: number, width: number): number {
  return (fluid.density * omega * width * width) / (4 * fluid.viscosity);
}

/**
 * Hydrodynamic function of a circular cylinder of diameter b (exact for the 2D Stokes flow).
 *
 * Equation: Γ_circ = 1 + 4i K₁(−i√(iRe)) / (√(iRe) K₀(−i√(iRe))) (Sader 1998, Eq. 18). Dimensionless.
 * @param Re Reynolds number > 0
 */
export function hydrodynamicFunctionCircular(Re: number): Complex {
  if (!Number.isFinite(Re) || Re <= 0) throw new RangeError(`hydrodynamicFunctionCircular: Re = ${Re} must be finite and > 0`);
  const s = csqrt({ re: 0, im: Re }); // √(iRe)
  const z = { re: s.im, im: -s.re }; // −i·√(iRe)
  const [k0, k1] = besselK01(z);
  // 4i K1 / (s K0)
  const ratio = cdiv(cmul({ re: 0, im: 4 }, k1), cmul(s, k0));
  return cadd({ re: 1, im: 0 }, ratio);
}

/**
 * Sader's correction Ω(Re) = Γ_rect/Γ_circ for a thin rectangular beam (rational fit, τ = log₁₀ Re).
 *
 * Equation: Sader 1998, Eq. 21a,b; valid for 10⁻⁶ ≤ Re ≤ 10⁴ (the fit's stated range; outside it a
 * RangeError is thrown). Dimensionless.
 */
export function rectangularCorrection(Re: number): Complex {
  if (!Number.isFinite(Re) || Re < 1e-6 || Re > 1e4) {
    throw new RangeError(`rectangularCorrection: Re = ${Re} outside the fit's range [1e-6, 1e4] (Sader 1998, Eq. 21)`);
  }
  const t = Math.log10(Re);
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  const t5 = t4 * t;
  const t6 = t5 * t;
  const re =
    (0.91324 - 0.48274 * t + 0.46842 * t2 - 0.12886 * t3 + 0.044055 * t4 - 0.0035117 * t5 + 0.00069085 * t6) /
    (1 - 0.56964 * t + 0.4869 * t2 - 0.13444 * t3 + 0.045155 * t4 - 0.0035862 * t5 + 0.00069085 * t6);
  const im =
    (-0.024134 - 0.029256 * t + 0.016294 * t2 - 0.00010961 * t3 + 0.000064577 * t4 - 0.00004451 * t5) /
    (1 - 0.59702 * t + 0.55182 * t2 - 0.18357 * t3 + 0.079156 * t4 - 0.014369 * t5 + 0.0028361 * t6);
  return { re, im };
}

/**
 * Hydrodynamic function of a thin rectangular beam.
 *
 * Equation: Γ_rect(Re) = Ω(Re) Γ_circ(Re) (Sader 1998, Eq. 20). Dimensionless; Γ_i > 0 (dissipative
 * for the e^{−iωt} convention).
 * @example hydrodynamicFunction(1) // ≈ { re: 3.734, im: 4.075 }
 */
export function hydrodynamicFunction(Re: number): Complex {
  return cmul(rectangularCorrection(Re), hydrodynamicFunctionCircular(Re));
}

/** Range of Re over which Sader's Ω fit holds (Sader 1998, Eq. 21). */
export const RE_MIN = 1e-6;
export const RE_MAX = 1e4;

/** Mass-loading ratio T₀ = π ρ b / (4 ρ_c h) of fluid to beam (Sader 1998, Eq. 23). Dimensionless. */
export function massLoadingRatio(c: Cantilever, fluid: Fluid): number {
  return (Math.PI * fluid.density * c.width) / (4 * c.density * c.thickness);
}

/**
 * Dynamic compliance of mode 1 referred to the tip deflection, in a fluid (and with an optional
 * intrinsic quality factor for internal/clamping losses).
 *
 * Equation: χ(ω) = 1 / (k₁ [1 − (ω/ω_vac)² (1 + T₀ Γ(ω)) − i (ω/ω_vac)/Q_int]), k₁ = k α₁⁴/12 the
 * modal stiffness (Butt & Jaschke 1995), T₀ from {@link massLoadingRatio} (Sader 1998, Eq. 10 for one
 * mode). Outside the fit's range 10⁻⁶ ≤ Re ≤ 10⁴, Γ is evaluated at the range end (this only
 * touches frequencies far from resonance, e.g. f < 10⁻⁵ f_vac in air). Units: m/N.
 * @param f frequency [Hz] > 0
 * @param intrinsicQ quality factor of the non-fluid losses (Infinity: none)
 */
export function modeOneCompliance(c: Cantilever, fluid: Fluid, f: number, intrinsicQ = Infinity): Complex {
  const k1 = flexuralSpringConstant(c) / flexuralModeEnergyFraction(1);
  const fvac = flexuralResonanceVacuum(c);
  const u = f / fvac;
  let loadRe = 1;
  let loadIm = 0;
  if (fluid.density > 0) {
    const Re = Math.min(RE_MAX, Math.max(RE_MIN, reynoldsNumber(fluid, 2 * Math.PI * f, c.width)));
    const G = hydrodynamicFunction(Re);
    const T0 = massLoadingRatio(c, fluid);
    loadRe += T0 * G.re;
    loadIm += T0 * G.im;
  }
  const dRe = 1 - u * u * loadRe;
  const dIm = -u * u * loadIm - (Number.isFinite(intrinsicQ) ? u / intrinsicQ : 0);
  return cdiv({ re: 1, im: 0 }, { re: k1 * dRe, im: k1 * dIm });
}

/**
 * Single-sided thermal PSD of the tip deflection of mode 1 in a fluid (fluctuation–dissipation).
 *
 * Equation: S_z(f) = (4 k_B T / ω) Im χ(ω) (FDT, single-sided in f, e^{−iωt} convention; for a
 * simple harmonic oscillator this reduces to (2k_BT/(π f₀ Q k))/((1 − (f/f₀)²)² + (f/(f₀Q))²)).
 * ∫₀^∞ S_z df = χ(0) k_B T = (12/α₁⁴) k_B T / k (Kramers–Kronig sum rule). Units: m²/Hz.
 * @param temperature T [K]
 */
export function modeOneThermalPsd(c: Cantilever, fluid: Fluid, temperature: number, f: number, intrinsicQ = Infinity): number {
  const chi = modeOneCompliance(c, fluid, f, intrinsicQ);
  return ((4 * BOLTZMANN * temperature) / (2 * Math.PI * f)) * chi.im;
}

/** Boltzmann constant k_B [J/K] (exact, SI 2019). */
export const BOLTZMANN = 1.380649e-23;

/** Result of {@link fluidResonance}. */
export interface FluidResonance {
  /** Frequency of the maximum of the thermal PSD of mode 1 [Hz]. */
  readonly frequency: number;
  /** f_R / (full width at half maximum of the thermal PSD); NaN when the lower half-power point does not exist. */
  readonly qualityFactor: number;
  /** How the quality factor was obtained. */
  readonly qualityFrom: 'fwhm' | 'sader-approx';
  /** Sader's Q ≫ 1 approximations (Eq. 23–24) for comparison. */
  readonly approx: { readonly frequency: number; readonly qualityFactor: number };
  /** Vacuum resonance [Hz]. */
  readonly vacuumFrequency: number;
}

/**
 * Resonance frequency and quality factor of mode 1 in a fluid, from the peak of the thermal PSD
 * S_z(f) ∝ Im χ(ω)/ω (full complex Γ), with Sader's high-Q approximations alongside.
 *
 * Equations: f_R = argmax S_z(f); Q = f_R / FWHM (half-power points of S_z); approximations
 * ω_R = ω_vac (1 + T₀ Γ_r(ω_R))^{−1/2} (fixed point), Q = (1/T₀ + Γ_r(ω_R))/Γ_i(ω_R) (Sader 1998,
 * Eq. 23–24). When the PSD has no lower half-power point (strongly overdamped), Q falls back to the
 * approximation and `qualityFrom` says so. Units: Hz, dimensionless.
 */
export function fluidResonance(c: Cantilever, fluid: Fluid, intrinsicQ = Infinity): FluidResonance {
  const fvac = flexuralResonanceVacuum(c);
  if (fluid.density === 0) {
    return { frequency: fvac, qualityFactor: intrinsicQ, qualityFrom: 'fwhm', approx: { frequency: fvac, qualityFactor: intrinsicQ }, vacuumFrequency: fvac };
  }
  const T0 = massLoadingRatio(c, fluid);
  // Sader's fixed point for ω_R
  let fr = fvac;
  for (let i = 0; i < 100; i++) {
    const G = hydrodynamicFunction(reynoldsNumber(fluid, 2 * Math.PI * fr, c.width));
    const next = fvac / Math.sqrt(1 + T0 * G.re);
    if (Math.abs(next - fr) < 1e-12 * fvac) {
      fr = next;
      break;
    }
    fr = next;
  }
  const Gr = hydrodynamicFunction(reynoldsNumber(fluid, 2 * Math.PI * fr, c.width));
  const qApprox = (1 / T0 + Gr.re) / Gr.im;
  const psd = (f: number): number => modeOneCompliance(c, fluid, f, intrinsicQ).im / f;
  // coarse log scan, then golden-section refinement of the peak
  // frequencies at which Re reaches the ends of the fit's range
  const fRe = (Re: number): number => (Re * 4 * fluid.viscosity) / (fluid.density * 2 * Math.PI * c.width * c.width);
  const fLoLimit = fRe(RE_MIN);
  const fHiLimit = fRe(RE_MAX);
  const lo = Math.max(fvac * 1e-3, fLoLimit);
  const hi = Math.min(fvac * 1.5, fHiLimit);
  if (!(lo < hi)) throw new RangeError(`fluidResonance: Reynolds number outside Sader's range near resonance (Re(f_vac) = ${reynoldsNumber(fluid, 2 * Math.PI * fvac, c.width)})`);
  const n = 600;
  let best = 0;
  let bestF = lo;
  for (let i = 0; i <= n; i++) {
    const f = lo * (hi / lo) ** (i / n);
    const s = psd(f);
    if (s > best) {
      best = s;
      bestF = f;
    }
  }
  const ratio = (hi / lo) ** (1 / n);
  let a = Math.log(bestF / ratio);
  let b = Math.log(bestF * ratio);
  const gr = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const x1 = b - gr * (b - a);
    const x2 = a + gr * (b - a);
    if (psd(Math.exp(x1)) > psd(Math.exp(x2))) b = x2;
    else a = x1;
  }
  const fPeak = Math.exp((a + b) / 2);
  const sPeak = psd(fPeak);
  const half = sPeak / 2;
  const bisect = (x0: number, x1: number): number => {
    // psd(x0) − half and psd(x1) − half have opposite signs
    let u = x0;
    let v = x1;
    const su = psd(u) - half;
    for (let i = 0; i < 200; i++) {
      const m = Math.sqrt(u * v);
      const sm = psd(m) - half;
      if (sm === 0) return m;
      if (Math.sign(sm) === Math.sign(su)) u = m;
      else v = m;
      if (v / u - 1 < 1e-13) break;
    }
    return Math.sqrt(u * v);
  };
  let upper = fPeak * 2;
  while (psd(upper) > half && upper < fHiLimit) upper = Math.min(upper * 2, fHiLimit);
  const fHigh = bisect(fPeak, upper);
  const fMin = Math.max(fvac * 1e-6, fLoLimit);
  if (psd(fMin) > half) {
    return { frequency: fPeak, qualityFactor: qApprox, qualityFrom: 'sader-approx', approx: { frequency: fr, qualityFactor: qApprox }, vacuumFrequency: fvac };
  }
  const fLow = bisect(fMin, fPeak);
  return {
    frequency: fPeak,
    qualityFactor: fPeak / (fHigh - fLow),
    qualityFrom: 'fwhm',
    approx: { frequency: fr, qualityFactor: qApprox },
    vacuumFrequency: fvac,
  };
}

/**
 * A fast evaluator of the mode-1 thermal PSD (as {@link modeOneThermalPsd}) for many frequencies:
 * Γ(Re) is tabulated at 400 points per decade of Re over the fit's range and interpolated linearly in
 * log Re (relative interpolation error < 1e-5, checked in the tests). Units: Hz → m²/Hz.
 */
export function makeModeOneThermalPsd(c: Cantilever, fluid: Fluid, temperature: number, intrinsicQ = Infinity): (f: number) => number {
  const k1 = flexuralSpringConstant(c) / flexuralModeEnergyFraction(1);
  const fvac = flexuralResonanceVacuum(c);
  const T0 = massLoadingRatio(c, fluid);
  const perDecade = 400;
  const lo = Math.log10(RE_MIN);
  const nTab = Math.round((Math.log10(RE_MAX) - lo) * perDecade) + 1;
  const gr = new Float64Array(nTab);
  const gi = new Float64Array(nTab);
  if (fluid.density > 0) {
    for (let j = 0; j < nTab; j++) {
      const G = hydrodynamicFunction(10 ** (lo + j / perDecade));
      gr[j] = G.re;
      gi[j] = G.im;
    }
  }
  const reOf = (f: number): number => reynoldsNumber(fluid, 2 * Math.PI * f, c.width);
  return (f: number): number => {
    const u = f / fvac;
    let loadRe = 1;
    let loadIm = 0;
    if (fluid.density > 0) {
      const x = (Math.log10(Math.min(RE_MAX, Math.max(RE_MIN, reOf(f)))) - lo) * perDecade;
      const j = Math.min(nTab - 2, Math.max(0, Math.floor(x)));
      const w = x - j;
      loadRe += T0 * (gr[j] * (1 - w) + gr[j + 1] * w);
      loadIm += T0 * (gi[j] * (1 - w) + gi[j + 1] * w);
    }
    const dRe = k1 * (1 - u * u * loadRe);
    const dIm = k1 * (-u * u * loadIm - (Number.isFinite(intrinsicQ) ? u / intrinsicQ : 0));
    // Im(1/D) = −Im D/|D|²
    const imChi = -dIm / (dRe * dRe + dIm * dIm);
    return ((4 * BOLTZMANN * temperature) / (2 * Math.PI * f)) * imChi;
  };
}
