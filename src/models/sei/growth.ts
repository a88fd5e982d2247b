/**
 * The SEI on an electrode patch during a potential program: nucleation, lateral growth and
 * coalescence, thickening with self-passivation, and the faradaic current that builds it.
 *
 * Per process j and pixel p: coverage node b_j(p) from the nuclei (nucleation.ts), thickness
 * H_j(p, t) = λ_j ln(1 + (K_j(t) − K_j(t_b))/λ_j) (analytic.ts). Each process passivates on its own
 * product (a simplification of electron tunnelling through the whole stack, which keeps every layer
 * in closed form). The current is Faraday's law on the volume built:
 * i_SEI = −Σ_j q_V,j dV_j/dt, q_V = n F (1 − φ)/V_m (electrochem/faraday.ts), cathodic negative.
 */
import type { Rng } from '../rng.js';
import type { Grid } from '../substrate/grid.js';
import { chargePerVolume } from '../electrochem/faraday.js';
import { interpolateNodes } from '../electrochem/program.js';
import { anchorTime, cumulativeGrowth, validateProcess, type SeiLayer, type SeiProcess } from './kinetics.js';
import { coverageField, coverageNodes, NEVER_COVERED, type Nucleus } from './nucleation.js';

/** The state of one process over the whole program. */
export interface ProcessState {
  readonly process: SeiProcess;
  /** Lateral growth G(tₙ) and thickening integral K(tₙ) at the nodes (m). */
  readonly G: Float64Array;
  readonly K: Float64Array;
  /** Node index from which each pixel is covered (NEVER_COVERED if never). */
  readonly coverNode: Int32Array;
  /** K at each pixel's coverage node (m; +∞ if never covered). */
  readonly coverK: Float64Array;
  readonly nuclei: readonly Nucleus[];
  readonly phantoms: number;
  /** Film volume of this process over the whole grid at the nodes (m³). */
  readonly volume: Float64Array;
  /** Charge per film volume q_V (C/m³). */
  readonly chargePerVolume: number;
  /** Before this time the product is weakly bound (−∞: always anchored) (s). */
  readonly anchorTime: number;
}

/** The SEI state of a patch for a whole program. */
export interface SeiState {
  readonly grid: Grid;
  readonly t: Float64Array;
  readonly E: Float64Array;
  readonly processes: readonly ProcessState[];
}

/** Inputs of {@link simulateSei}. */
export interface SeiInput {
  readonly grid: Grid;
  /** Site-class codes per pixel. */
  readonly sites: Uint8Array;
  readonly processes: readonly SeiProcess[];
  /** Node times (s) and true electrode potentials (V) of the sampled program. */
  readonly t: Float64Array;
  readonly E: Float64Array;
  readonly openCircuit?: Uint8Array;
}

/**
 * Simulate the SEI: for each process, nuclei (stream `nucleation-<name>` forked from `rng`),
 * coverage nodes, per-pixel K at coverage, and film volume at every node.
 */
export function simulateSei(rng: Rng, input: SeiInput): SeiState {
  const { grid, sites, t, E } = input;
  if (t.length !== E.length || t.length < 2) throw new RangeError(`simulateSei: t (${t.length}) and E (${E.length}) must have the same length ≥ 2`);
  for (let n = 0; n < E.length; n++) if (!Number.isFinite(E[n]) || !Number.isFinite(t[n])) throw new RangeError(`simulateSei: node ${n} has t = ${t[n]} s, E = ${E[n]} V (not finite)`);
  const names = new Set<string>();
  const processes = input.processes.map((proc, j) => {
    validateProcess(proc, `processes[${j}]`);
    if (names.has(proc.name) || proc.name === '' || proc.name.includes('/')) throw new RangeError(`processes[${j}].name = '${proc.name}': expected a unique non-empty name without '/'`);
    names.add(proc.name);
    const { G, K } = cumulativeGrowth(proc, t, E, input.openCircuit);
    const field = coverageField(rng.fork(`nucleation-${proc.name}`), grid, sites, proc.nucleation, t, E, G, input.openCircuit);
    const coverNode = coverageNodes(field.cover, G);
    const coverK = new Float64Array(coverNode.length);
    for (let p = 0; p < coverNode.length; p++) coverK[p] = coverNode[p] === NEVER_COVERED ? Number.POSITIVE_INFINITY : K[coverNode[p]];
    const volume = filmVolume(coverNode, K, proc.thickening.passivationLength, grid.dx * grid.dx);
    return {
      process: proc,
      G,
      K,
      coverNode,
      coverK,
      nuclei: field.nuclei,
      phantoms: field.phantoms,
      volume,
      chargePerVolume: chargePerVolume(proc.product, proc.porosity),
      anchorTime: anchorTime(proc, t, E),
    } satisfies ProcessState;
  });
  return { grid, t, E, processes };
}

/**
 * Film volume at every node, V(tₙ) = a Σ_{b ≤ n} c_b λ ln(1 + (Kₙ − K_b)/λ), with c_b the number of
 * pixels covered from node b and a the pixel area (m³).
 */
export function filmVolume(coverNode: Int32Array, K: Float64Array, lambda: number, pixelArea: number): Float64Array {
  const N = K.length;
  const counts = new Float64Array(N);
  for (let p = 0; p < coverNode.length; p++) if (coverNode[p] !== NEVER_COVERED) counts[coverNode[p]]++;
  // Bins of pixels by their K at coverage; nodes whose K differs by < 1e-12 λ share a bin (their
  // thicknesses agree to 1e-12 relative), which removes the quadratic cost while κ ≈ 0.
  const binK: number[] = [];
  const binC: number[] = [];
  const V = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    const Kn = K[n];
    if (counts[n] > 0) {
      const last = binK.length - 1;
      if (last >= 0 && Kn - binK[last] < 1e-12 * lambda) binC[last] += counts[n];
      else {
        binK.push(Kn);
        binC.push(counts[n]);
      }
    }
    if (n > 0 && Kn - K[n - 1] < 1e-12 * lambda && counts[n] === 0) {
      V[n] = V[n - 1];
      continue;
    }
    let s = 0;
    for (let j = 0; j < binK.length; j++) {
      const dK = Kn - binK[j];
      if (dK > 0) s += binC[j] * Math.log1p(dK / lambda);
    }
    V[n] = s * lambda * pixelArea;
  }
  return V;
}

/** K_j at any time (linear between nodes), m. */
export function processK(ps: ProcessState, t: Float64Array, time: number): number {
  return interpolateNodes(t, ps.K, time);
}

/** Thickness of process j at pixel p and time t (m): λ ln(1 + (K(t) − K_c(p))/λ). */
export function processThickness(state: SeiState, j: number, p: number, time: number): number {
  const ps = state.processes[j];
  const dK = processK(ps, state.t, time) - ps.coverK[p];
  const l = ps.process.thickening.passivationLength;
  return dK > 0 ? l * Math.log1p(dK / l) : 0;
}

/** Map of one process's thickness at time t (m), written into `out`. */
export function processThicknessMap(state: SeiState, j: number, time: number, out = new Float64Array(state.grid.nx * state.grid.ny)): Float64Array {
  const ps = state.processes[j];
  const Kt = processK(ps, state.t, time);
  const l = ps.process.thickening.passivationLength;
  const ck = ps.coverK;
  for (let p = 0; p < out.length; p++) {
    const dK = Kt - ck[p];
    out[p] = dK > 0 ? l * Math.log1p(dK / l) : 0;
  }
  return out;
}

/** Thickness of each layer (inner, outer) per pixel at time t (m). */
export function layerThicknessMaps(state: SeiState, time: number): Record<SeiLayer, Float64Array> {
  const n = state.grid.nx * state.grid.ny;
  const out: Record<SeiLayer, Float64Array> = { inner: new Float64Array(n), outer: new Float64Array(n) };
  const tmp = new Float64Array(n);
  state.processes.forEach((ps, j) => {
    processThicknessMap(state, j, time, tmp);
    const dst = out[ps.process.layer];
    for (let p = 0; p < n; p++) dst[p] += tmp[p];
  });
  return out;
}

/**
 * True coverage θ(tₙ) at every node: fraction of (masked) pixels covered by any process, from the
 * histogram of each pixel's first coverage node (O(pixels + nodes)).
 */
export function coverageCurve(state: SeiState, mask?: Uint8Array): Float64Array {
  const N = state.t.length;
  const hist = new Float64Array(N);
  let n = 0;
  const P = state.grid.nx * state.grid.ny;
  for (let p = 0; p < P; p++) {
    if (mask && !mask[p]) continue;
    n++;
    let first = NEVER_COVERED;
    for (const ps of state.processes) if (ps.coverNode[p] < first) first = ps.coverNode[p];
    if (first !== NEVER_COVERED) hist[first]++;
  }
  const out = new Float64Array(N);
  let c = 0;
  for (let k = 0; k < N; k++) {
    c += hist[k];
    out[k] = n === 0 ? 0 : c / n;
  }
  return out;
}

/** Fraction of pixels covered by any process at time t. */
export function coverageAt(state: SeiState, time: number, mask?: Uint8Array): number {
  let n = 0;
  let c = 0;
  const N = state.grid.nx * state.grid.ny;
  // node index of `time` (covered if coverNode ≤ last node with t ≤ time)
  let last = -1;
  for (let k = 0; k < state.t.length && state.t[k] <= time + 1e-12; k++) last = k;
  for (let p = 0; p < N; p++) {
    if (mask && !mask[p]) continue;
    n++;
    for (const ps of state.processes) {
      if (ps.coverNode[p] <= last) {
        c++;
        break;
      }
    }
  }
  return n === 0 ? 0 : c / n;
}

/**
 * Faradaic SEI current density per interval (A/m², cathodic negative), averaged over the patch:
 * jₙ = −Σ_j q_V,j (V_j(tₙ) − V_j(tₙ₋₁)) / (Δtₙ A_patch). Entry 0 is 0.
 */
export function seiCurrentDensity(state: SeiState): { total: Float64Array; perProcess: Float64Array[] } {
  const N = state.t.length;
  const area = state.grid.nx * state.grid.ny * state.grid.dx * state.grid.dx;
  const total = new Float64Array(N);
  const perProcess = state.processes.map((ps) => {
    const j = new Float64Array(N);
    for (let n = 1; n < N; n++) {
      j[n] = (-ps.chargePerVolume * (ps.volume[n] - ps.volume[n - 1])) / ((state.t[n] - state.t[n - 1]) * area);
      total[n] += j[n];
    }
    return j;
  });
  return { total, perProcess };
}
