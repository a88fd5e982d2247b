/**
 * The droplet cell's currents during one landing: double-layer charging of the wetted area, SEI
 * formation (inner layer + deposits, Faraday's law on the film volume of film.ts), Na insertion into
 * hard carbon (sloping region and pore filling, without deinsertion), the ohmic drop through the
 * pipette and the droplet, and the two-electrode cell's quasi-reference drift and counter-electrode
 * polarisation (`003_47f56aa074086b1d.txt`).
 *
 * Sign convention (IUPAC): cathodic (reduction) currents negative. Currents are interval averages
 * over [t_{n−1}, t_n] computed as charge differences, so Σ iₙ Δtₙ is exactly the charge passed:
 *   Q_total = C_dl A_N (E_N − E_pzc) − C_dl A_0 (E_0 − E_pzc) − q_in V_in − q_d V_d − Q_ins
 * (the charge-balance identity the tests check).
 *
 * - Double layer: Q_dl = C_dl A(t)(E − E_pzc): a freshly wetted element charges from E_pzc.
 * - Insertion: θ_eq(E) = f_s clamp((E_top − E)/(E_top − E_bot), 0, 1) + (1 − f_s)/(1 + e^{(E − E_f)/w_f})
 *   (003: "Na⁺ adsorption at defects and intercalation of Na⁺ between expanded layers (reflected by
 *   the high-voltage sloping region (2.0 V–0.1 V vs Na/Na⁺)) followed by pore filling with Na at
 *   potentials below 0.1 V"); an element wetted at t_w holds θ = (1 − f_rev) max_{t_w≤s≤t} θ_eq(E(s))
 *   + f_rev θ_eq(E(t)) — only the fraction f_rev follows the potential back out, so there is no
 *   deinsertion peak (003: "the absence of a deinsertion peak during the oxidation process suggests
 *   that the inserted sodium is not fully released"). Charge per area q_vol d, d = min(L, √(D_Na τ)),
 *   τ = (E_top − E_min)/v the time of a cathodic sweep through the sloping region.
 * - Ohmic drop: R_u = 1/(κ π r_i tan α) + 1/(4 κ r_eq), r_eq = √(A/π) (analytic.ts).
 * - Two-electrode cell: E_WE = E_app − i R_u + E_ref(t) + η_ce, E_ref = offset + drift·t_global,
 *   η_ce = (RT/αF) asinh(−i/(2 i₀ A_ce)) (α = ½, Butler–Volmer) for the Na wire carrying −i.
 *   The kinetics see E_WE, solved implicitly node by node (`solveCell`).
 */
import type { Rng } from '../rng.js';
import type { Grid } from '../substrate/grid.js';
import { FARADAY, GAS_CONSTANT } from '../electrochem/faraday.js';
import { discSpreadingResistance, pipetteAccessResistance, type PassivationLaw } from './analytic.js';
import { naChargePerVolume, type NaSeiReaction } from './chemistry.js';
import { simulateSpotFilm, type SpotFilm } from './film.js';
import { NEVER_WET } from './meniscus.js';
import type { ElectrolyteParams, HardCarbonSeccmParams, PipetteParams, SeccmCellParams, SeccmSeiParams } from './params.js';

/** Equilibrium Na occupancy θ_eq(E) of hard carbon (dimensionless; module doc). */
export function insertionOccupancy(hc: HardCarbonSeccmParams, E: number): number {
  const span = hc.slopingTop - hc.slopingBottom;
  const s = span > 0 ? Math.min(1, Math.max(0, (hc.slopingTop - E) / span)) : E < hc.slopingTop ? 1 : 0;
  const z = (E - hc.fillingPotential) / hc.fillingWidth;
  const f = z > 700 ? 0 : 1 / (1 + Math.exp(z));
  return hc.slopingFraction * s + (1 - hc.slopingFraction) * f;
}

/** Depth d = min(L, √(D_Na τ)) reached by Na during a cathodic sweep at rate v to E_min (m). */
export function insertionDepth(hc: HardCarbonSeccmParams, rate: number, minimumPotential: number): number {
  if (!(rate > 0)) throw new RangeError(`insertionDepth: rate = ${rate} V/s: expected > 0`);
  const tau = Math.max(0, hc.slopingTop - minimumPotential) / rate;
  return Math.min(hc.particleDepth, Math.sqrt(hc.sodiumDiffusivity * tau));
}

/**
 * Insertion charge Q_ins(tₙ) (C, positive = Na inserted) at the nodes of an area wetted
 * progressively (wetted area increments dA_n at node n), exact: elements wetted at different nodes
 * keep their running maxima on a monotone stack, merged when a new potential exceeds them.
 */
export function insertionCharge(hc: HardCarbonSeccmParams, E: Float64Array, newWetArea: Float64Array, depth: number): Float64Array {
  const N = E.length;
  const q = hc.volumetricCapacity * depth;
  const stackM: number[] = [];
  const stackA: number[] = [];
  let sum = 0; // Σ A_g M_g
  let area = 0;
  const out = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    const x = insertionOccupancy(hc, E[n]);
    let merged = newWetArea[n];
    area += newWetArea[n];
    while (stackM.length > 0 && stackM[stackM.length - 1] <= x) {
      const A = stackA.pop() as number;
      const M = stackM.pop() as number;
      sum -= A * M;
      merged += A;
    }
    if (merged > 0) {
      stackM.push(x);
      stackA.push(merged);
      sum += merged * x;
    }
    out[n] = q * ((1 - hc.reversibleFraction) * sum + hc.reversibleFraction * x * area);
  }
  return out;
}

/** Inputs of one landing's droplet-cell simulation. */
export interface DropletCellInput {
  readonly grid: Grid;
  /** Wetting node per pixel (meniscus.ts `wettingNodes`). */
  readonly wetNode: Int32Array;
  /** Node times since landing (s) and applied potentials vs the QRCE (V). */
  readonly t: Float64Array;
  readonly Eapplied: Float64Array;
  /** Global time of node 0 (s), for the reference drift. */
  readonly startTime: number;
  /** Sweep rate v (V/s) and the lowest vertex (V), for the insertion depth. */
  readonly sweepRate: number;
  readonly minimumPotential: number;
  /** QRCE offset from Na/Na⁺ for this filling (V). */
  readonly referenceOffset: number;
  readonly pipette: PipetteParams;
  readonly hc: HardCarbonSeccmParams;
  readonly electrolyte: ElectrolyteParams;
  readonly kinetics: SeccmSeiParams;
  readonly cell: SeccmCellParams;
  readonly passivation: PassivationLaw;
  readonly innerReaction: NaSeiReaction;
  readonly depositReaction: NaSeiReaction;
}

/** One landing's currents and film: the truth behind the recorded CV. */
export interface DropletCellResult {
  /** Interval currents (A), entry 0 = 0: total and components. */
  readonly current: Float64Array;
  readonly components: {
    readonly doubleLayer: Float64Array;
    readonly innerSei: Float64Array;
    readonly deposits: Float64Array;
    readonly insertion: Float64Array;
  };
  /** True WE potential vs Na/Na⁺ at the nodes (V). */
  readonly truePotential: Float64Array;
  /** The potential the film was simulated with (differs from truePotential by < 1 mV, or by the last correction). */
  readonly filmPotential: Float64Array;
  /** Ohmic drop i·R_u at the nodes (V) and R_u (Ω). */
  readonly ohmicDrop: Float64Array;
  readonly resistance: Float64Array;
  /** QRCE potential vs Na/Na⁺ at the nodes, including η_ce (V). */
  readonly referencePotential: Float64Array;
  readonly film: SpotFilm;
  /** Charges (C): inner SEI, deposits, insertion (reductive, positive) and double layer at the end. */
  readonly charge: { readonly innerSei: number; readonly deposits: number; readonly insertion: number; readonly doubleLayerEnd: number; readonly doubleLayerStart: number };
  readonly chargePerVolume: { readonly inner: number; readonly deposits: number };
  readonly insertionDepth: number;
  readonly iterations: number;
}

/**
 * Node-by-node implicit solution of the cell: at each node the true potential E solves
 * E = E_app + E_ref − R_u i(E) + η_ce(−i(E)), i(E) = i_SEI + [Q_dl(E) − Q_dl,n−1]/Δt − [Q_ins(E) − Q_ins,n−1]/Δt,
 * with i_SEI taken from the film (a small, slow current) and the double layer and insertion (fast,
 * stiff when R_u C ≫ Δt) implicit. f(E) is strictly increasing, so a bracketed Newton–bisection
 * converges; the insertion stack is advanced with the converged E.
 */
function solveCell(input: DropletCellInput, film: SpotFilm, refDrift: Float64Array, depth: number, qIn: number, qDep: number, Rp: number) {
  const { t, hc, Eapplied, cell, electrolyte } = input;
  const N = t.length;
  const q = hc.volumetricCapacity * depth;
  const frev = hc.reversibleFraction;
  const C = hc.doubleLayerCapacitance;
  const Epzc = hc.potentialOfZeroCharge;
  const etaScale = (GAS_CONSTANT * cell.temperature) / (0.5 * FARADAY);
  const i0A = 2 * cell.counterExchangeCurrentDensity * cell.counterArea;
  const E = new Float64Array(N);
  const dl = new Float64Array(N);
  const inner = new Float64Array(N);
  const dep = new Float64Array(N);
  const ins = new Float64Array(N);
  const total = new Float64Array(N);
  const Qins = new Float64Array(N);
  const resistance = new Float64Array(N);
  const ohmicDrop = new Float64Array(N);
  const refPot = new Float64Array(N);
  const stackM: number[] = [];
  const stackA: number[] = [];
  let sum = 0;
  let area = 0;
  // insertion charge if the node's potential were e (stack not mutated)
  const qinsAt = (e: number, newA: number, areaN: number): number => {
    const x = insertionOccupancy(hc, e);
    let s = sum;
    let merged = newA;
    for (let k = stackM.length - 1; k >= 0 && stackM[k] <= x; k--) {
      s -= stackA[k] * stackM[k];
      merged += stackA[k];
    }
    s += merged * x;
    return q * ((1 - frev) * s + frev * x * areaN);
  };
  for (let n = 0; n < N; n++) {
    const A = film.wettedArea[n];
    const newA = A - (n > 0 ? film.wettedArea[n - 1] : 0);
    const areaN = area + newA;
    resistance[n] = Rp + discSpreadingResistance(electrolyte.conductivity, Math.sqrt(Math.max(A, 1e-30) / Math.PI));
    const base = Eapplied[n] + refDrift[n];
    let e = base;
    if (n > 0) {
      const dt = t[n] - t[n - 1];
      inner[n] = (-qIn * (film.innerVolume[n] - film.innerVolume[n - 1])) / dt;
      dep[n] = (-qDep * (film.depositVolume[n] - film.depositVolume[n - 1])) / dt;
      const iSei = inner[n] + dep[n];
      const Qdl0 = C * film.wettedArea[n - 1] * (E[n - 1] - Epzc);
      const Qi0 = Qins[n - 1];
      const R = resistance[n];
      const cur = (x: number): number => iSei + (C * A * (x - Epzc) - Qdl0) / dt - (qinsAt(x, newA, areaN) - Qi0) / dt;
      const f = (x: number): number => {
        const i = cur(x);
        return x - base + R * i - etaScale * Math.asinh(-i / i0A);
      };
      // bracket around the applied potential, widened until the sign changes
      let lo = base - 0.05;
      let hi = base + 0.05;
      let flo = f(lo);
      let fhi = f(hi);
      for (let w = 0; w < 40 && flo > 0; w++) {
        lo -= 0.1 * 2 ** w;
        flo = f(lo);
      }
      for (let w = 0; w < 40 && fhi < 0; w++) {
        hi += 0.1 * 2 ** w;
        fhi = f(hi);
      }
      for (let it = 0; it < 200 && hi - lo > 1e-9; it++) {
        const mid = 0.5 * (lo + hi);
        const fm = f(mid);
        if (fm > 0) hi = mid;
        else lo = mid;
      }
      e = 0.5 * (lo + hi);
    }
    E[n] = e;
    // advance the insertion stack with the converged potential
    const x = insertionOccupancy(hc, e);
    let merged = newA;
    area = areaN;
    while (stackM.length > 0 && stackM[stackM.length - 1] <= x) {
      const a = stackA.pop() as number;
      const m = stackM.pop() as number;
      sum -= a * m;
      merged += a;
    }
    if (merged > 0) {
      stackM.push(x);
      stackA.push(merged);
      sum += merged * x;
    }
    Qins[n] = q * ((1 - frev) * sum + frev * x * area);
    if (n > 0) {
      const dt = t[n] - t[n - 1];
      dl[n] = (C * (A * (E[n] - Epzc) - film.wettedArea[n - 1] * (E[n - 1] - Epzc))) / dt;
      ins[n] = -(Qins[n] - Qins[n - 1]) / dt;
      total[n] = dl[n] + inner[n] + dep[n] + ins[n];
    }
    ohmicDrop[n] = total[n] * resistance[n];
    refPot[n] = refDrift[n] + etaScale * Math.asinh(-total[n] / i0A);
  }
  return { E, dl, inner, dep, ins, total, Qins, resistance, ohmicDrop, refPot };
}

/**
 * Simulate one landing: film (film.ts) and currents with the true electrode potential (module doc).
 * The film is simulated with the potential without ohmic drop first, the cell solved node by node,
 * and the film re-simulated once with the corrected potential when it moved by more than 1 mV.
 * Streams: 'film' (islands, fill, deposits) forked from `rng` (the same nuclei in both passes).
 */
export function simulateDropletCell(rng: Rng, input: DropletCellInput): DropletCellResult {
  const { t, Eapplied, grid, cell, electrolyte, pipette } = input;
  const N = t.length;
  if (Eapplied.length !== N || N < 2) throw new RangeError(`simulateDropletCell: t (${N}) and Eapplied (${Eapplied.length}) must have the same length ≥ 2`);
  if (input.wetNode.length !== grid.nx * grid.ny) throw new RangeError(`simulateDropletCell: wetNode has ${input.wetNode.length} values, grid ${grid.nx}×${grid.ny}`);
  if (!Number.isFinite(input.referenceOffset)) throw new RangeError(`simulateDropletCell: referenceOffset = ${input.referenceOffset} V is not finite`);
  if (!Number.isFinite(input.startTime)) throw new RangeError(`simulateDropletCell: startTime = ${input.startTime} s is not finite`);
  const depth = insertionDepth(input.hc, input.sweepRate, input.minimumPotential);
  const qIn = naChargePerVolume(input.innerReaction, input.kinetics.innerPorosity);
  const qDep = naChargePerVolume(input.depositReaction, input.kinetics.depositPorosity);
  const Rp = pipetteAccessResistance(electrolyte.conductivity, pipette.innerRadius, pipette.halfAngle);
  const refDrift = new Float64Array(N);
  for (let n = 0; n < N; n++) refDrift[n] = input.referenceOffset + cell.referenceDrift * (input.startTime + t[n]);
  let Efilm = new Float64Array(N);
  for (let n = 0; n < N; n++) Efilm[n] = Eapplied[n] + refDrift[n];
  let iterations = 0;
  for (;;) {
    iterations++;
    const film = simulateSpotFilm(rng.fork('film'), { grid, wetNode: input.wetNode, t, E: Efilm, kinetics: input.kinetics, passivation: input.passivation });
    const s = solveCell(input, film, refDrift, depth, qIn, qDep, Rp);
    let maxDiff = 0;
    for (let n = 0; n < N; n++) maxDiff = Math.max(maxDiff, Math.abs(s.E[n] - Efilm[n]));
    if (maxDiff > 1e-3 && iterations < 2) {
      Efilm = s.E;
      continue;
    }
    const last = N - 1;
    const C = input.hc.doubleLayerCapacitance;
    return {
      current: s.total,
      components: { doubleLayer: s.dl, innerSei: s.inner, deposits: s.dep, insertion: s.ins },
      truePotential: s.E,
      filmPotential: Efilm,
      ohmicDrop: s.ohmicDrop,
      resistance: s.resistance,
      referencePotential: s.refPot,
      film,
      charge: {
        innerSei: qIn * (film.innerVolume[last] - film.innerVolume[0]),
        deposits: qDep * (film.depositVolume[last] - film.depositVolume[0]),
        insertion: s.Qins[last] - s.Qins[0],
        doubleLayerEnd: C * film.wettedArea[last] * (s.E[last] - input.hc.potentialOfZeroCharge),
        doubleLayerStart: C * film.wettedArea[0] * (s.E[0] - input.hc.potentialOfZeroCharge),
      },
      chargePerVolume: { inner: qIn, deposits: qDep },
      insertionDepth: depth,
      iterations,
    };
  }
}

/** Pixels wetted at the end of the program (for masks): 1 where wetNode ≠ NEVER_WET. */
export function wettedMask(wetNode: Int32Array): Uint8Array {
  const m = new Uint8Array(wetNode.length);
  for (let p = 0; p < m.length; p++) m[p] = wetNode[p] === NEVER_WET ? 0 : 1;
  return m;
}
