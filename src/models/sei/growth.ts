/**
 * The SEI on an electrode patch during a potential program: nucleation, lateral growth and
 * coalescence, thickening with self-passivation, and the faradaic current that builds it.
 *
 * Per process j and pixel p: coverage node b_j(p) from the nuclei (nucleation.ts), thickness
 * H_j(p, t) = H(K_j(t) − K_j(t_b)) — λ_j ln(1 + ΔK/λ_j), or its limited form with H_c — capped, with a
 * flank slope s, at s (G_j(t) − G_j(t_b)) so that islands grow as caps (analytic.ts `islandThickness`).
 * Each process passivates on its own product (a simplification of electron tunnelling through the
 * whole stack, which keeps every layer in closed form). The current is Faraday's law on the product
 * reduced — the film built plus, with a limiting thickness, the soluble share a_j ΔK:
 * i_SEI = −Σ_j q_V,j d(V_j + S_j)/dt, q_V = n F (1 − φ)/V_m (electrochem/faraday.ts), cathodic negative.
 */
import type { Rng } from '../rng.js';
import type { Grid } from '../substrate/grid.js';
import { chargePerVolume } from '../electrochem/faraday.js';
import { interpolateNodes } from '../electrochem/program.js';
import { anchorTime, cumulativeGrowth, solubleShare, validateProcess, type SeiLayer, type SeiProcess } from './kinetics.js';
import { islandThickness } from './analytic.js';
import { coverageField, coverageNodes, NEVER_COVERED, type Nucleus } from './nucleation.js';

/** The state of one process over the whole program. */
export interface ProcessState {
  readonly process: SeiProcess;
  /** Lateral growth G(tₙ) and thickening integral K(tₙ) at the nodes (m). */
  readonly G: Float64Array;
  readonly K: Float64Array;
  /** Node index from which each pixel is covered (NEVER_COVERED if never). */
  readonly coverNode: Int32Array;
  /** K and G at each pixel's coverage node (m; +∞ if never covered). */
  readonly coverK: Float64Array;
  readonly coverG: Float64Array;
  /** Island flank slope s (+∞: no cap). */
  readonly flankSlope: number;
  readonly nuclei: readonly Nucleus[];
  readonly phantoms: number;
  /** Film volume of this process over the whole grid at the nodes (m³). */
  readonly volume: Float64Array;
  /** Soluble share a = e^{−H_c/λ} of the thickening (0 without a limiting thickness). */
  readonly solubleShare: number;
  /** Volume-equivalent of reduced product that dissolved, S = a_pix a Σ_p ΔK_p, at the nodes (m³). */
  readonly soluble: Float64Array;
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
    const coverG = new Float64Array(coverNode.length);
    for (let p = 0; p < coverNode.length; p++) {
      const never = coverNode[p] === NEVER_COVERED;
      coverK[p] = never ? Number.POSITIVE_INFINITY : K[coverNode[p]];
      coverG[p] = never ? Number.POSITIVE_INFINITY : G[coverNode[p]];
    }
    const a = solubleShare(proc.thickening);
    const slope = proc.thickening.flankSlope ?? Number.POSITIVE_INFINITY;
    const volume = filmVolume(coverNode, K, G, { lambda: proc.thickening.passivationLength, share: a, slope }, grid.dx * grid.dx);
    const soluble = solubleVolume(coverNode, K, a, grid.dx * grid.dx);
    return {
      process: proc,
      G,
      K,
      coverNode,
      coverK,
      coverG,
      flankSlope: slope,
      nuclei: field.nuclei,
      phantoms: field.phantoms,
      volume,
      solubleShare: a,
      soluble,
      chargePerVolume: chargePerVolume(proc.product, proc.porosity),
      anchorTime: anchorTime(proc, t, E),
    } satisfies ProcessState;
  });
  return { grid, t, E, processes };
}

/** Constants of one process's island thickness (analytic.ts `islandThickness`): passivation length λ (m), soluble share a, flank slope s. */
export interface IslandThicknessConstants {
  readonly lambda: number;
  readonly share: number;
  readonly slope: number;
}

/**
 * Film volume at every node, V(tₙ) = a_pix Σ_{b ≤ n} c_b H(Kₙ − K_b, Gₙ − G_b), with c_b the number
 * of pixels covered from node b, a_pix the pixel area and H the island thickness (analytic.ts
 * `islandThickness`) (m³).
 */
export function filmVolume(coverNode: Int32Array, K: Float64Array, G: Float64Array, law: IslandThicknessConstants, pixelArea: number): Float64Array {
  const { lambda, share, slope } = law;
  const capped = slope !== Number.POSITIVE_INFINITY;
  const N = K.length;
  const counts = new Float64Array(N);
  for (let p = 0; p < coverNode.length; p++) if (coverNode[p] !== NEVER_COVERED) counts[coverNode[p]]++;
  // Bins of pixels by their K (and G, if capped) at coverage; nodes whose K and G differ by
  // < 1e-12 λ share a bin (their thicknesses agree to 1e-12 relative), which removes the quadratic
  // cost while κ ≈ 0.
  const eps = 1e-12 * lambda;
  const binK: number[] = [];
  const binG: number[] = [];
  const binC: number[] = [];
  const V = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    const Kn = K[n];
    const Gn = G[n];
    if (counts[n] > 0) {
      const last = binK.length - 1;
      if (last >= 0 && Kn - binK[last] < eps && (!capped || Gn - binG[last] < eps)) binC[last] += counts[n];
      else {
        binK.push(Kn);
        binG.push(Gn);
        binC.push(counts[n]);
      }
    }
    if (n > 0 && Kn - K[n - 1] < eps && (!capped || Gn - G[n - 1] < eps) && counts[n] === 0) {
      V[n] = V[n - 1];
      continue;
    }
    let s = 0;
    for (let j = 0; j < binK.length; j++) {
      const dK = Kn - binK[j];
      if (dK > 0) s += binC[j] * islandThickness(dK, Gn - binG[j], lambda, share, slope);
    }
    V[n] = s * pixelArea;
  }
  return V;
}

/**
 * Volume-equivalent of the product that dissolved at every node (m³):
 * S(tₙ) = a_pix · share · Σ_{b ≤ n} c_b (Kₙ − K_b) = a_pix · share · (Cₙ Kₙ − Σ_{b ≤ n} c_b K_b),
 * Cₙ = Σ_{b ≤ n} c_b (K is non-decreasing). All zeros for share 0.
 */
export function solubleVolume(coverNode: Int32Array, K: Float64Array, share: number, pixelArea: number): Float64Array {
  const N = K.length;
  const S = new Float64Array(N);
  if (share === 0) return S;
  const counts = new Float64Array(N);
  for (let p = 0; p < coverNode.length; p++) if (coverNode[p] !== NEVER_COVERED) counts[coverNode[p]]++;
  let C = 0;
  let M = 0;
  for (let n = 0; n < N; n++) {
    C += counts[n];
    M += counts[n] * K[n];
    S[n] = pixelArea * share * Math.max(0, C * K[n] - M);
  }
  return S;
}

/** K_j at any time (linear between nodes), m. */
export function processK(ps: ProcessState, t: Float64Array, time: number): number {
  return interpolateNodes(t, ps.K, time);
}

/** G_j at any time (linear between nodes), m. */
export function processG(ps: ProcessState, t: Float64Array, time: number): number {
  return interpolateNodes(t, ps.G, time);
}

/** K_j and G_j of every process at one time (m). */
export interface ProcessIntegrals {
  readonly K: Float64Array;
  readonly G: Float64Array;
}

/** K_j(t) and G_j(t) of every process, written into `out` if given. */
export function processIntegralsAt(state: SeiState, time: number, out?: ProcessIntegrals): ProcessIntegrals {
  const n = state.processes.length;
  const r = out ?? { K: new Float64Array(n), G: new Float64Array(n) };
  state.processes.forEach((ps, j) => {
    r.K[j] = processK(ps, state.t, time);
    r.G[j] = processG(ps, state.t, time);
  });
  return r;
}

/** Thickness of a process at pixel p when its integrals are K and G (m): H(K − K_c(p), G − G_c(p)). */
export function pixelThickness(ps: ProcessState, p: number, K: number, G: number): number {
  return islandThickness(K - ps.coverK[p], G - ps.coverG[p], ps.process.thickening.passivationLength, ps.solubleShare, ps.flankSlope);
}

/** Thickness of process j at pixel p and time t (m) ({@link pixelThickness}). */
export function processThickness(state: SeiState, j: number, p: number, time: number): number {
  const ps = state.processes[j];
  return pixelThickness(ps, p, processK(ps, state.t, time), processG(ps, state.t, time));
}

/** Map of one process's thickness at time t (m), written into `out`. */
export function processThicknessMap(state: SeiState, j: number, time: number, out = new Float64Array(state.grid.nx * state.grid.ny)): Float64Array {
  const ps = state.processes[j];
  const Kt = processK(ps, state.t, time);
  const Gt = processG(ps, state.t, time);
  for (let p = 0; p < out.length; p++) out[p] = pixelThickness(ps, p, Kt, Gt);
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
 * jₙ = −Σ_j q_V,j (V_j(tₙ) + S_j(tₙ) − V_j(tₙ₋₁) − S_j(tₙ₋₁)) / (Δtₙ A_patch), film plus soluble
 * product. Entry 0 is 0.
 */
export function seiCurrentDensity(state: SeiState): { total: Float64Array; perProcess: Float64Array[] } {
  const N = state.t.length;
  const area = state.grid.nx * state.grid.ny * state.grid.dx * state.grid.dx;
  const total = new Float64Array(N);
  const perProcess = state.processes.map((ps) => {
    const j = new Float64Array(N);
    for (let n = 1; n < N; n++) {
      const dV = ps.volume[n] - ps.volume[n - 1] + ps.soluble[n] - ps.soluble[n - 1];
      j[n] = (-ps.chargePerVolume * dV) / ((state.t[n] - state.t[n - 1]) * area);
      total[n] += j[n];
    }
    return j;
  });
  return { total, perProcess };
}
