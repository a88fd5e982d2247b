/**
 * Non-SEI currents of a CV: double-layer charging, the intercalation background, and the ohmic
 * (iR) drop between the applied and the true electrode potential.
 *
 * Sign convention (IUPAC): reduction (cathodic) currents are negative. All currents here are
 * interval averages over [t_{n−1}, t_n] of a sampled program (entry 0 is 0), so that Σ iₙ Δtₙ is
 * exactly the charge passed.
 */
import { resolveParams, type ParamTable, type ParamValues } from '../params.js';

/**
 * Double-layer charging current, i = C_dl A dE/dt, per interval: iₙ = C_dl A (Eₙ − Eₙ₋₁)/Δtₙ.
 *
 * C_dl specific capacitance (F/m²), A area (m²), E (V) at nodes t (s). Bard & Faulkner §1.2.
 * Intervals flagged open-circuit carry no current.
 */
export function doubleLayerCurrent(t: Float64Array, E: Float64Array, capacitance: number, area: number, openCircuit?: Uint8Array): Float64Array {
  if (!Number.isFinite(capacitance) || capacitance < 0) throw new RangeError(`doubleLayerCurrent: capacitance = ${capacitance} F/m²: expected ≥ 0`);
  if (!Number.isFinite(area) || area <= 0) throw new RangeError(`doubleLayerCurrent: area = ${area} m²: expected > 0`);
  const i = new Float64Array(t.length);
  for (let n = 1; n < t.length; n++) {
    if (openCircuit && openCircuit[n]) continue;
    i[n] = (capacitance * area * (E[n] - E[n - 1])) / (t[n] - t[n - 1]);
  }
  return i;
}

/** Hysteretic insertion background (graphite/hard-carbon lithiation, NMC delithiation). */
export const INTERCALATION = {
  chargeDensity: { unit: 'C/m^2', min: 0, max: 1e6, default: 0, doc: 'insertion charge per electrode area between empty and full, Q_int' },
  insertionPotential: { unit: 'V', min: -1, max: 6, default: 0.12, doc: 'mid potential of insertion on the cathodic sweep, E_c', source: 'graphite staging 0.2–0.08 V vs Li/Li⁺ (Dahn, PRB 44, 9170 (1991))' },
  extractionPotential: { unit: 'V', min: -1, max: 6, default: 0.2, doc: 'mid potential of extraction on the anodic sweep, E_a (≥ E_c: hysteresis)' },
  width: { unit: 'V', min: 1e-4, max: 2, default: 0.03, doc: 'width w of the occupancy step (logistic)' },
  initialOccupancy: { unit: '1', min: 0, max: 1, default: 0, doc: 'occupancy θ at t = 0 (0 = empty host, 1 = full)' },
} as const satisfies ParamTable;

export type IntercalationParams = ParamValues<typeof INTERCALATION>;

/**
 * Insertion current with hysteresis: the occupancy θ follows θ_c(E) = 1/(1 + e^{(E−E_c)/w}) upward on
 * cathodic steps and θ_a(E) = 1/(1 + e^{(E−E_a)/w}) downward on anodic steps (a two-branch
 * hysteresis, e.g. Dreyer et al., Nat. Mater. 9, 448 (2010)), and i = −Q_int A dθ/dt.
 * Returns per-interval currents (A) and the node occupancies.
 */
export function intercalationCurrent(t: Float64Array, E: Float64Array, area: number, params: Partial<IntercalationParams> = {}, openCircuit?: Uint8Array): { current: Float64Array; occupancy: Float64Array } {
  const p = resolveParams(INTERCALATION, params, 'intercalation');
  if (p.extractionPotential < p.insertionPotential) throw new RangeError(`intercalation.extractionPotential = ${p.extractionPotential} V < insertionPotential = ${p.insertionPotential} V`);
  const occ = new Float64Array(t.length);
  const cur = new Float64Array(t.length);
  occ[0] = p.initialOccupancy;
  const thc = (e: number) => 1 / (1 + Math.exp((e - p.insertionPotential) / p.width));
  const tha = (e: number) => 1 / (1 + Math.exp((e - p.extractionPotential) / p.width));
  for (let n = 1; n < t.length; n++) {
    let th = occ[n - 1];
    if (!(openCircuit && openCircuit[n])) {
      if (E[n] < E[n - 1]) th = Math.max(th, thc(E[n]));
      else if (E[n] > E[n - 1]) th = Math.min(th, tha(E[n]));
    }
    occ[n] = th;
    cur[n] = (-p.chargeDensity * area * (occ[n] - occ[n - 1])) / (t[n] - t[n - 1]);
  }
  return { current: cur, occupancy: occ };
}

/**
 * The true electrode potential under an ohmic drop: E_we = E_applied − i R_u (i cathodic < 0 makes
 * E_we > E_applied). Interval currents are attributed to the node at the interval's end.
 * R_u uncompensated resistance (Ω); Bard & Faulkner §1.3.4.
 */
export function ohmicCorrection(Eapplied: Float64Array, current: Float64Array, resistance: number): Float64Array {
  if (!Number.isFinite(resistance) || resistance < 0) throw new RangeError(`ohmicCorrection: resistance = ${resistance} Ω: expected ≥ 0`);
  const out = new Float64Array(Eapplied.length);
  for (let n = 0; n < out.length; n++) out[n] = Eapplied[n] - current[n] * resistance;
  return out;
}
