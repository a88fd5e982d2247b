/**
 * The first cathodic CV of the hard-carbon/Na half cell that frames the operando NRM session
 * (`002_bf87beaba622041e.txt` §5, Fig. 4a: "1st cathodic or sodiation profile obtained from cyclic
 * voltammetry at 1 mV s⁻¹ highlighting the voltage regions used for further analysis").
 *
 * Current = double-layer charging + SEI formation + Na insertion (IUPAC: cathodic < 0), each from
 * src/models/electrochem:
 * - double layer: i = C_dl A_true dE/dt;
 * - SEI: Faraday's law on the film the NRM preset grows, i = −q_V A_true dh̄/dt, with h̄(E) the
 *   mean SEI thickness of the preset's windows, each window's increment grown across the window as
 *   a logistic step (centre: mid-window, width: an eighth of the window span) — so the CV and the
 *   nanomechanics describe the same film;
 * - Na insertion into hard carbon: a sloping region and a low-potential plateau (two logistic
 *   occupancy steps, `intercalationCurrent`), the usual HC sodiation profile (Stevens & Dahn,
 *   J. Electrochem. Soc. 147, 1271 (2000)).
 * The paper gives no current values; electrode area, roughness factor and capacities are stated
 * assumptions in {@link NRM_CV}.
 */
import { cyclicVoltammetry, doubleLayerCurrent, intercalationCurrent, sampleProgram, type PotentialProgram } from '../../models/electrochem/index.js';
import type { NrmSeiPreset, ParameterDistribution } from '../../models/nrm/nagarathinam2026.js';
import type { ParamTable, ParamValues } from '../../models/params.js';
import type { NRM_SWEEP } from './params.js';

/** Parameters of the CV current (SI). */
export const NRM_CV = {
  electrodeArea: { unit: 'm^2', min: 1e-8, max: 1, default: 0.5e-4, doc: 'geometric electrode area A of the operando cell', source: 'assumption (0.5 cm² AFM cell window)' },
  roughnessFactor: { unit: '1', min: 1, max: 1e4, default: 200, doc: 'true (electrochemically active) area / geometric area of the porous composite', source: 'assumption (HC BET area ~5–10 m²/g at ~2–3 mg/cm² loading)' },
  doubleLayerCapacitance: { unit: 'F/m^2', min: 0, max: 10, default: 0.1, doc: 'specific double-layer capacitance C_dl (10 µF/cm²)', source: 'typical carbon in organic electrolyte (Bard & Faulkner §13)' },
  seiChargeDensity: {
    unit: 'C/m^3', min: 0, max: 1e11, default: 1e9,
    doc: 'charge per SEI volume q_V = n F (1 − φ)/V_m',
    source: 'assumption: sodium alkyl carbonate, n = 2, V_m ≈ 1e-4 m³/mol, porosity 0.5 (cf. src/models/electrochem/faraday.ts)',
  },
  slopeCapacity: { unit: 'C/m^2', min: 0, max: 1e6, default: 5e3, doc: 'Na insertion charge of the sloping region per geometric area (0.5 C/cm²)', source: 'assumption (HC ≈ 100 mAh/g sloping at ~1.4 mg/cm²)' },
  slopePotential: { unit: 'V', min: -1, max: 5, default: 0.5, doc: 'mid potential of the sloping region' },
  slopeWidth: { unit: 'V', min: 1e-4, max: 2, default: 0.25, doc: 'width of the sloping region' },
  plateauCapacity: { unit: 'C/m^2', min: 0, max: 1e6, default: 5e3, doc: 'Na insertion charge of the low-potential plateau per geometric area', source: 'assumption' },
  plateauPotential: { unit: 'V', min: -1, max: 5, default: 0.04, doc: 'mid potential of the plateau' },
  plateauWidth: { unit: 'V', min: 1e-4, max: 2, default: 0.02, doc: 'width of the plateau step' },
} as const satisfies ParamTable;

/** Mean of a parameter distribution (lognormal: median·e^{σ²/2}; uniform: midpoint). */
function distributionMean(d: ParameterDistribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'lognormal':
      return d.median * Math.exp(0.5 * d.logSigma * d.logSigma);
    case 'uniform':
      return 0.5 * (d.min + d.max);
    default: {
      const never: never = d;
      throw new Error(`unknown distribution ${String(never)}`);
    }
  }
}

/** Mean SEI thickness h̄ of each window of a preset (population-weighted sum of layer means), m. */
export function presetMeanThickness(preset: NrmSeiPreset): number[] {
  return preset.windows.map((w) => w.populations.reduce((s, p) => s + p.weight * p.layers.reduce((t, l) => t + distributionMean(l.thickness), 0), 0));
}

/** The CV program of the session: OCV → vertex at the scan rate (one cathodic sweep). */
export function nrmSweepProgram(sweep: ParamValues<typeof NRM_SWEEP>): PotentialProgram {
  return cyclicVoltammetry({ start: sweep.openCircuitPotential, vertices: [sweep.vertexPotential], rate: sweep.scanRate, cycles: 1 });
}

/** The sampled CV: time (s), potential (V), current (A) and its three parts. */
export interface NrmCv {
  readonly time: Float64Array;
  readonly potential: Float64Array;
  readonly current: Float64Array;
  readonly doubleLayer: Float64Array;
  readonly sei: Float64Array;
  readonly insertion: Float64Array;
  /** Mean SEI thickness h̄(E) at the nodes, m. */
  readonly seiThickness: Float64Array;
}

/**
 * Sample the first cathodic CV every `dt` seconds (see the module doc for the current model).
 * Units: s, V, A.
 */
export function nrmCv(preset: NrmSeiPreset, sweep: ParamValues<typeof NRM_SWEEP>, p: ParamValues<typeof NRM_CV>, dt = 1): NrmCv {
  const prog = sampleProgram(nrmSweepProgram(sweep), dt);
  const { t, E } = prog;
  const At = p.electrodeArea * p.roughnessFactor;
  const dl = doubleLayerCurrent(t, E, p.doubleLayerCapacitance, At, prog.openCircuit);
  const slope = intercalationCurrent(t, E, p.electrodeArea, { chargeDensity: p.slopeCapacity, insertionPotential: p.slopePotential, extractionPotential: p.slopePotential, width: p.slopeWidth }, prog.openCircuit);
  const plat = intercalationCurrent(t, E, p.electrodeArea, { chargeDensity: p.plateauCapacity, insertionPotential: p.plateauPotential, extractionPotential: p.plateauPotential, width: p.plateauWidth }, prog.openCircuit);
  // h̄(E): the film of window k is in place by the window's lower bound; it grows across the window
  // as a logistic step centred on the window, width a quarter of the window span
  const hw = presetMeanThickness(preset);
  const steps = preset.windows.map((w, k) => ({ dh: hw[k] - (k > 0 ? hw[k - 1] : 0), mid: 0.5 * (w.potentialHigh + w.potentialLow), width: Math.max(1e-3, (w.potentialHigh - w.potentialLow) / 8) }));
  const hOf = (e: number): number => steps.reduce((acc, st) => acc + st.dh / (1 + Math.exp((e - st.mid) / st.width)), 0);
  const n = t.length;
  const h = new Float64Array(n);
  const sei = new Float64Array(n);
  const ins = new Float64Array(n);
  const cur = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    h[i] = Math.max(i > 0 ? h[i - 1] : 0, hOf(E[i]));
    if (i > 0) sei[i] = (-p.seiChargeDensity * At * (h[i] - h[i - 1])) / (t[i] - t[i - 1]);
    ins[i] = slope.current[i] + plat.current[i];
    cur[i] = dl[i] + sei[i] + ins[i];
  }
  return { time: t, potential: E, current: cur, doubleLayer: dl, sei, insertion: ins, seiThickness: h };
}
