/**
 * The potentiostat of the in situ cell (paper 000, Methods: "An external potentiostat/galvanostat
 * (BioLogic SP 150) … The samples were connected as working electrodes and a Li foil was connected
 * as a reference and a counter electrode in a two electrode configuration").
 *
 * It drives a potential program, and records the current the electrode passes: double-layer
 * charging, SEI formation (Faraday's law on the film the SEI model builds on a patch, scaled to the
 * electrode area), intercalation, trace-water reduction; with the ohmic drop between the applied and
 * the true electrode potential (fixed point E_true = E_app − i R_u, iterated until the potential
 * changes by < 1 µV, or by less than `ohmicTolerance` — then the SEI is not recomputed), and white
 * current noise. Every sample is stamped with time and potential.
 */
import type { Rng } from '../models/rng.js';
import { resolveParams, type ParamTable, type ParamValues } from '../models/params.js';
import { sampleProgram, type PotentialProgram, type SampledProgram } from '../models/electrochem/program.js';
import { doubleLayerCurrent, intercalationCurrent, type IntercalationParams } from '../models/electrochem/currents.js';
import { waterReductionCurrent, type WaterReductionParams } from '../models/electrochem/water.js';
import { simulateSei, seiCurrentDensity, type SeiState } from '../models/sei/growth.js';
import type { SeiProcess } from '../models/sei/kinetics.js';
import type { Grid } from '../models/substrate/grid.js';
import { siteFromCode, siteInfo } from '../models/substrate/sites.js';

/** Potentiostat and cell settings. */
export const POTENTIOSTAT = {
  sampleInterval: { unit: 's', min: 1e-3, max: 100, default: 1, doc: 'time between current samples (one SEI-model node)' },
  electrodeArea: { unit: 'm^2', min: 1e-10, max: 1e-2, default: 3e-6, doc: 'wetted electrode area under the meniscus', source: 'assumption (000: meniscus between sample and cantilever holder, a few mm²)' },
  uncompensatedResistance: { unit: 'ohm', min: 0, max: 1e6, default: 200, doc: 'uncompensated resistance R_u (two-electrode cell, Li foil)', source: 'assumption' },
  currentNoise: { unit: 'A', min: 0, max: 1e-3, default: 1e-9, doc: 'white current noise σ_i per sample', source: 'assumption (SP-150 on a 10 µA range)' },
  ohmicTolerance: { unit: 'V', min: 1e-9, max: 1, default: 1e-3, doc: 'iR drop below which the SEI is not recomputed (below the model potential resolution of one node, v·Δt = 2 mV at 2 mV/s, 1 s)' },
} as const satisfies ParamTable;

export type PotentiostatSettings = ParamValues<typeof POTENTIOSTAT>;

/** What the electrode is: the SEI patch and the background processes. */
export interface ElectrodeSpec {
  readonly grid: Grid;
  /** Site-class codes per pixel of the patch. */
  readonly sites: Uint8Array;
  readonly processes: readonly SeiProcess[];
  readonly intercalation: Partial<IntercalationParams>;
  readonly water: Partial<WaterReductionParams>;
}

/** One potentiostat record: interval samples stamped at the interval midpoints. */
export interface CvRecord {
  /** Sample times (s), midpoints of the node intervals. */
  readonly time: Float64Array;
  /** Applied (controlled) potential at the sample times (V). */
  readonly potential: Float64Array;
  /** Current (A), cathodic negative. */
  readonly current: Float64Array;
  /** Cycle number of each sample. */
  readonly cycle: Int32Array;
}

/** The potentiostat's output, in the instruments' common shape. */
export interface PotentiostatResult {
  readonly clean: CvRecord;
  readonly observed: CvRecord;
  readonly noise: { readonly currentSigma: number; readonly model: string };
  readonly meta: {
    readonly settings: PotentiostatSettings;
    readonly iterations: number;
    readonly maxOhmicDrop: number;
    readonly sampleInterval: number;
  };
  /** Ground truth: true potential, the current's components, and the SEI state on the patch. */
  readonly truth: {
    readonly nodes: SampledProgram;
    /** True electrode potential at the nodes (V). */
    readonly truePotential: Float64Array;
    readonly components: { readonly sei: Float64Array; readonly seiPerProcess: readonly Float64Array[]; readonly doubleLayer: Float64Array; readonly intercalation: Float64Array; readonly water: Float64Array };
    readonly sei: SeiState;
  };
}

/** Area-weighted specific double-layer capacitance of the patch (F/m²). */
export function patchCapacitance(sites: Uint8Array): number {
  const counts = new Map<number, number>();
  for (const c of sites) counts.set(c, (counts.get(c) ?? 0) + 1);
  let s = 0;
  for (const [c, n] of counts) s += siteInfo(siteFromCode(c)).doubleLayerCapacitance * n;
  return s / sites.length;
}

/** Most passes of the iR fixed point (each recomputes the SEI on the corrected potential). */
const MAX_OHMIC_PASSES = 16;

/**
 * Run a potential program on an electrode and record the CV.
 *
 * i = A [C_dl dE/dt + j_SEI + j_int] + i_water, with E the true potential E_app − i R_u (fixed-point
 * iteration with relaxation, ≤ 16 passes; a one-line error if it does not converge); j_SEI from the SEI model on the patch (stream `sei`), noise from stream
 * `potentiostat-current-noise`. Units: SI.
 */
export function runPotentiostat(rng: Rng, program: PotentialProgram, electrode: ElectrodeSpec, settings: Partial<PotentiostatSettings> = {}): PotentiostatResult {
  const p = resolveParams(POTENTIOSTAT, settings, 'potentiostat');
  const nodes = sampleProgram(program, p.sampleInterval);
  const N = nodes.t.length;
  const A = p.electrodeArea;
  const cdl = patchCapacitance(electrode.sites);
  const Etrue = Float64Array.from(nodes.E);
  let iterations = 0;
  let sei!: SeiState;
  let comp!: PotentiostatResult['truth']['components'];
  let total = new Float64Array(N);
  // Relaxation ω of the fixed-point update: 1 while the correction shrinks, halved whenever it
  // grows (R_u di/dE ≳ 1, or a nucleus appearing one node earlier or later).
  let omega = 1;
  let lastChange = Number.POSITIVE_INFINITY;
  let residual = 0;
  for (;;) {
    iterations++;
    sei = simulateSei(rng.fork('sei'), { grid: electrode.grid, sites: electrode.sites, processes: electrode.processes, t: nodes.t, E: Etrue, openCircuit: nodes.openCircuit });
    const j = seiCurrentDensity(sei);
    const seiI = j.total.map((v) => v * A);
    const seiPer = j.perProcess.map((a) => a.map((v) => v * A));
    const dl = doubleLayerCurrent(nodes.t, Etrue, cdl, A, nodes.openCircuit);
    const ic = intercalationCurrent(nodes.t, Etrue, A, electrode.intercalation, nodes.openCircuit).current;
    const wr = waterReductionCurrent(nodes.t, Etrue, A, electrode.water, { openCircuit: nodes.openCircuit });
    total = new Float64Array(N);
    for (let n = 0; n < N; n++) total[n] = seiI[n] + dl[n] + ic[n] + wr[n];
    comp = { sei: seiI, seiPerProcess: seiPer, doubleLayer: dl, intercalation: ic, water: wr };
    // the interval current is attributed to the node at its end; node 0 carries none
    let maxChange = 0;
    const next = new Float64Array(N);
    for (let n = 0; n < N; n++) {
      next[n] = nodes.E[n] - (n === 0 ? 0 : total[n]) * p.uncompensatedResistance;
      maxChange = Math.max(maxChange, Math.abs(next[n] - Etrue[n]));
    }
    residual = maxChange;
    if (maxChange < 1e-6 || p.uncompensatedResistance === 0) break;
    // Below the model's potential resolution: keep E_true = next for the record but do not
    // recompute the SEI on it.
    if (maxChange < p.ohmicTolerance) {
      Etrue.set(next);
      residual = 0;
      break;
    }
    if (iterations >= MAX_OHMIC_PASSES) break;
    if (maxChange > lastChange) omega /= 2;
    lastChange = maxChange;
    for (let n = 0; n < N; n++) Etrue[n] += omega * (next[n] - Etrue[n]);
  }
  if (residual > Math.max(1e-6, p.ohmicTolerance)) {
    throw new RangeError(`potentiostat: the iR fixed point E = E_app − i R_u did not converge (potential still changing by ${(residual * 1e3).toFixed(2)} mV after ${iterations} passes; R_u = ${p.uncompensatedResistance} Ω makes R_u·di/dE ≳ 1): lower potentiostat.uncompensatedResistance or raise potentiostat.ohmicTolerance`);
  }
  let maxDrop = 0;
  for (let n = 0; n < N; n++) maxDrop = Math.max(maxDrop, Math.abs(Etrue[n] - nodes.E[n]));
  const M = N - 1;
  const time = new Float64Array(M);
  const potential = new Float64Array(M);
  const current = new Float64Array(M);
  const cycle = new Int32Array(M);
  for (let k = 0; k < M; k++) {
    time[k] = 0.5 * (nodes.t[k] + nodes.t[k + 1]);
    potential[k] = 0.5 * (nodes.E[k] + nodes.E[k + 1]);
    current[k] = total[k + 1];
    cycle[k] = nodes.cycle[k + 1];
  }
  const noiseRng = rng.fork('potentiostat-current-noise');
  const obs = new Float64Array(M);
  for (let k = 0; k < M; k++) obs[k] = nodes.openCircuit[k + 1] ? 0 : current[k] + p.currentNoise * noiseRng.normal();
  return {
    clean: { time, potential, current, cycle },
    observed: { time: Float64Array.from(time), potential: Float64Array.from(potential), current: obs, cycle: Int32Array.from(cycle) },
    noise: { currentSigma: p.currentNoise, model: 'white Gaussian current noise per sample' },
    meta: { settings: p, iterations, maxOhmicDrop: maxDrop, sampleInterval: p.sampleInterval },
    truth: { nodes, truePotential: Etrue, components: comp, sei },
  };
}
