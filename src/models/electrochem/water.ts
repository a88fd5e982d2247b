/**
 * Reduction of trace water: an irreversible one-electron reduction under semi-infinite linear
 * diffusion, H₂O + e⁻ → OH⁻ + ½H₂ (then LiOH), whose CV peak paper 000 saw at 1.3 V: "when we used
 * water contaminated electrolyte and observed a water reduction current peak at 1.3 V … blistering
 * was more intense" (000, "In situ SEI formation …").
 *
 * Solved by backward Euler on a geometrically expanding grid with the Robin condition
 * D ∂c/∂x|₀ = k_f(E) c(0), k_f = k⁰ exp(−αF(E − E⁰′)/RT). The closed forms of the totally
 * irreversible wave (Bard & Faulkner, 2nd ed., Eqs. 6.3.4 and 6.3.8) live in
 * {@link irreversiblePeakPotential} and {@link irreversiblePeakCurrent}; tests compare against them.
 */
import { resolveParams, type ParamTable, type ParamValues } from '../params.js';
import { FARADAY, GAS_CONSTANT } from './faraday.js';

/** Molar mass of water (kg/mol). */
export const WATER_MOLAR_MASS = 18.015e-3;

export const WATER_REDUCTION = {
  waterContent: { unit: '1', min: 0, max: 0.05, default: 0, doc: 'trace water, mass fraction (20 ppm = 20e-6)', source: '000: dry electrolyte shows no 1.3 V peak; "water contaminated electrolyte" does' },
  electrolyteDensity: { unit: 'kg/m^3', min: 500, max: 3000, default: 1300, doc: 'density of 1 M LiPF6 in EC/DMC', source: 'assumption (≈1.3 g/cm³)' },
  diffusivity: { unit: 'm^2/s', min: 1e-12, max: 1e-7, default: 1e-9, doc: 'diffusion coefficient D of water in the electrolyte', source: 'assumption' },
  transferCoefficient: { unit: '1', min: 0.05, max: 0.95, default: 0.5, doc: 'transfer coefficient α' },
  rateConstant: { unit: 'm/s', min: 1e-14, max: 1, default: 1e-7, doc: 'standard rate constant k⁰', source: 'assumption (irreversible at 2 mV/s)' },
  peakPotential: { unit: 'V', min: -1, max: 5, default: 1.3, doc: 'peak potential E_p at the reference rate, fixes E⁰′', source: '000: "a water reduction current peak at 1.3 V"' },
  referenceRate: { unit: 'V/s', min: 1e-6, max: 10, default: 2e-3, doc: 'sweep rate at which E_p is observed', source: '000: "at 2 mV/s cycling rate"' },
  temperature: { unit: 'K', min: 200, max: 400, default: 298.15, doc: 'temperature T' },
  maxStep: { unit: 's', min: 1e-4, max: 10, default: 0.25, doc: 'largest backward-Euler time step' },
} as const satisfies ParamTable;

export type WaterReductionParams = ParamValues<typeof WATER_REDUCTION>;

/** Bulk water concentration c* = w ρ / M_H2O (mol/m³). */
export function waterConcentration(p: Pick<WaterReductionParams, 'waterContent' | 'electrolyteDensity'>): number {
  return (p.waterContent * p.electrolyteDensity) / WATER_MOLAR_MASS;
}

/**
 * Peak potential of a totally irreversible reduction wave (B&F Eq. 6.3.4, n = 1):
 * E_p = E⁰′ − (RT/αF)[0.780 + ln(D^{1/2}/k⁰) + ½ ln(αFv/RT)]. Units: V, m²/s, m/s, V/s, K.
 */
export function irreversiblePeakPotential(formalPotential: number, D: number, k0: number, alpha: number, rate: number, T: number): number {
  const f = FARADAY / (GAS_CONSTANT * T);
  return formalPotential - (1 / (alpha * f)) * (0.78 + Math.log(Math.sqrt(D) / k0) + 0.5 * Math.log(alpha * f * rate));
}

/**
 * Peak current of a totally irreversible reduction (B&F Eq. 6.3.8 in SI, n = 1):
 * |i_p| = 0.4958 F A c* D^{1/2} (αF v/RT)^{1/2}. Units: A.
 */
export function irreversiblePeakCurrent(area: number, c: number, D: number, alpha: number, rate: number, T: number): number {
  return 0.4958 * FARADAY * area * c * Math.sqrt(D) * Math.sqrt((alpha * FARADAY * rate) / (GAS_CONSTANT * T));
}

/** The formal potential E⁰′ that puts the irreversible peak at E_p for the reference rate (V). */
export function formalPotentialForPeak(p: WaterReductionParams): number {
  return p.peakPotential - irreversiblePeakPotential(0, p.diffusivity, p.rateConstant, p.transferCoefficient, p.referenceRate, p.temperature);
}

/**
 * Water-reduction current per interval (A, cathodic negative) for node potentials E(t) on area A.
 * Returns zeros when there is no water. `grid` refines the spatial mesh (tests' convergence study).
 */
export function waterReductionCurrent(
  t: Float64Array,
  E: Float64Array,
  area: number,
  params: Partial<WaterReductionParams> = {},
  options: { readonly firstCell?: number; readonly growth?: number; readonly openCircuit?: Uint8Array } = {},
): Float64Array {
  const p = resolveParams(WATER_REDUCTION, params, 'waterReduction');
  if (!Number.isFinite(area) || area <= 0) throw new RangeError(`waterReductionCurrent: area = ${area} m²: expected > 0`);
  const out = new Float64Array(t.length);
  const cBulk = waterConcentration(p);
  if (cBulk === 0) return out;
  const f = FARADAY / (GAS_CONSTANT * p.temperature);
  const E0 = formalPotentialForPeak(p);
  const D = p.diffusivity;
  const duration = t[t.length - 1] - t[0];
  // Mesh: first cell a fraction of the kinetic–diffusion length √(D/(αf v)), expanding to 6√(DT).
  const lv = Math.sqrt(D / (p.transferCoefficient * f * p.referenceRate));
  const h0 = options.firstCell ?? lv / 40;
  const growth = options.growth ?? 1.06;
  const L = 6 * Math.sqrt(D * Math.max(duration, 1));
  const xs = [0];
  for (let h = h0; xs[xs.length - 1] < L; h *= growth) xs.push(xs[xs.length - 1] + h);
  const M = xs.length; // nodes 0…M−1; node M−1 held at bulk
  const c = new Float64Array(M).fill(cBulk);
  const a = new Float64Array(M);
  const b = new Float64Array(M);
  const cc = new Float64Array(M);
  const d = new Float64Array(M);
  for (let n = 1; n < t.length; n++) {
    const dtn = t[n] - t[n - 1];
    if (dtn <= 0) continue;
    const m = Math.max(1, Math.ceil(dtn / p.maxStep));
    const dts = dtn / m;
    let charge = 0;
    for (let s = 1; s <= m; s++) {
      const En = E[n - 1] + ((E[n] - E[n - 1]) * s) / m;
      // at open circuit k_f = 0: no current, the profile relaxes by diffusion alone
      const kf = options.openCircuit && options.openCircuit[n] ? 0 : p.rateConstant * Math.exp(-p.transferCoefficient * f * (En - E0));
      // node 0: half cell h0/2
      const hA = xs[1] - xs[0];
      const v0 = hA / 2;
      b[0] = v0 / dts + D / hA + kf;
      cc[0] = -D / hA;
      d[0] = (v0 / dts) * c[0];
      for (let i = 1; i < M - 1; i++) {
        const hl = xs[i] - xs[i - 1];
        const hr = xs[i + 1] - xs[i];
        const vi = (hl + hr) / 2;
        a[i] = -D / hl;
        cc[i] = -D / hr;
        b[i] = vi / dts + D / hl + D / hr;
        d[i] = (vi / dts) * c[i];
      }
      a[M - 1] = 0;
      b[M - 1] = 1;
      cc[M - 1] = 0;
      d[M - 1] = cBulk;
      // Thomas algorithm
      for (let i = 1; i < M; i++) {
        const w = a[i] / b[i - 1];
        b[i] -= w * cc[i - 1];
        d[i] -= w * d[i - 1];
      }
      c[M - 1] = d[M - 1] / b[M - 1];
      for (let i = M - 2; i >= 0; i--) c[i] = (d[i] - cc[i] * c[i + 1]) / b[i];
      charge += kf * c[0] * dts; // mol/m² reduced in this sub-step
    }
    out[n] = (-FARADAY * area * charge) / dtn;
  }
  return out;
}
