/**
 * The SEI spot the droplet leaves behind: coverage by the inner layer (islands + JMAK fill), its
 * passivated thickening, and particulate deposits on top — on a pixel grid around the landing site,
 * with the film volume at every node of the potential program (the charge that built it).
 *
 * 003 (`003_47f56aa074086b1d.txt`): "the SEI layer consists of two layers: a thin, smooth, and
 * uniform layer adjacent to the HC surface, and a thicker, more heterogeneous layer with individual
 * particulate deposits on top of this thin SEI layer"; c-AFM blocking "likely corresponding to
 * incomplete coverage of the HC surface by the formed SEI layer" at high scan rates.
 *
 * Processes (params.ts `SECCM_SEI`):
 * - islands: N_I sites per m² (Poisson) nucleate when the potential first falls below E_I after the
 *   site is wetted; an island grows as R = r_max(1 − e^{−ΔG/r_max}), ΔG = ∫v_I dt. A pixel at
 *   distance d is covered when G(t) ≥ G(t_i) + φ(d), φ(d) = −r_max ln(1 − d/r_max): the coverage
 *   field is the minimum over islands (a warped Apollonius diagram), exact for this growth law.
 * - fill: nuclei born as a Poisson process of rate J_F (below E_F) on wetted, uncovered area, growing
 *   without limit at v_F (JMAK; the stamping of src/models/sei/nucleation.ts).
 * - thickening: a covered pixel thickens with ΔK = ∫κ_in dt since its coverage under the passivation
 *   law of analytic.ts; deposits grow as dV_d = κ_d Σ_covered a e^{−H_in/λ_d} dt, and at the end
 *   V_d(t_N) is shared among N_d·A_covered paraboloid domes (heights log-normal, CV c_d; volume
 *   (π/2) β² h³ each, summing exactly to V_d). Where two domes overlap the height map shows the
 *   taller one (touching particles, not a merged pile), so the map's volume can fall slightly below V_d.
 * A pixel can only be covered once wetted (its wetting node from meniscus.ts).
 *
 * Film volume at the nodes: pixels are binned by their thickening coordinate at coverage K_b; bins
 * whose span δ is below η(S + K_n − K_b) (S the law's scale, η = 0.05) are merged at their
 * count-weighted mean, whose error is second order, ≤ η²/8 of the layer's thickness scale (≈ 3e-4).
 */
import type { Rng } from '../rng.js';
import { poisson } from '../rng.js';
import type { Grid } from '../substrate/grid.js';
import { logisticRate } from '../sei/kinetics.js';
import { NEVER_COVERED, coverageNodes, stampNucleus } from '../sei/nucleation.js';
import { islandGrowthToReach, passivatedLayerThickness, passivationScale, type PassivationLaw } from './analytic.js';
import { NEVER_WET } from './meniscus.js';
import type { SeccmSeiParams } from './params.js';

/** Which process covered a pixel. */
export const COVER_NONE = 0;
export const COVER_ISLAND = 1;
export const COVER_FILL = 2;

/** One particulate deposit (paraboloid dome). Positions in m on the grid, heights and radii in m. */
export interface Deposit {
  readonly x: number;
  readonly y: number;
  readonly height: number;
  readonly radius: number;
}

/** Inputs of {@link simulateSpotFilm}. */
export interface SpotFilmInput {
  readonly grid: Grid;
  /** Node at which each pixel is wetted ({@link NEVER_WET} if never). */
  readonly wetNode: Int32Array;
  /** Node times (s) and true electrode potentials (V vs Na/Na⁺). */
  readonly t: Float64Array;
  readonly E: Float64Array;
  readonly kinetics: SeccmSeiParams;
  readonly passivation: PassivationLaw;
}

/** The film of one spot over the whole program. */
export interface SpotFilm {
  /** Node index from which each pixel is covered by the inner layer (NEVER_COVERED if never). */
  readonly coverNode: Int32Array;
  /** COVER_NONE / COVER_ISLAND / COVER_FILL per pixel. */
  readonly coverProcess: Uint8Array;
  /** Inner-layer thickness at the end (m). */
  readonly innerThickness: Float64Array;
  /** Deposit height above the inner layer at the end (m): the taller dome where two overlap. */
  readonly depositHeight: Float64Array;
  readonly deposits: readonly Deposit[];
  /** Inner-layer volume (m³), covered area (m²), deposit volume (m³) and wetted area (m²) at the nodes. */
  readonly innerVolume: Float64Array;
  readonly coveredArea: Float64Array;
  readonly depositVolume: Float64Array;
  readonly wettedArea: Float64Array;
  /** Growth and thickening coordinates at the nodes (m). */
  readonly islandGrowth: Float64Array;
  readonly fillGrowth: Float64Array;
  readonly thickening: Float64Array;
  readonly islands: number;
  readonly fillNuclei: number;
  readonly fillPhantoms: number;
  /** Number of volume bins at the end (diagnostic). */
  readonly bins: number;
}

/** Thickening law of deposits through the inner layer: e^{−H/λ_d}. */
function transmission(h: number, lambda: number): number {
  return Math.exp(-h / lambda);
}

/**
 * Simulate the SEI spot (module doc). Streams: 'islands', 'fill', 'deposits' forked from `rng`.
 * Units: SI throughout. Throws on inconsistent lengths or non-finite nodes.
 */
export function simulateSpotFilm(rng: Rng, input: SpotFilmInput): SpotFilm {
  const { grid, wetNode, t, E, kinetics: k, passivation } = input;
  const { nx, ny, dx } = grid;
  const P = nx * ny;
  const N = t.length;
  if (wetNode.length !== P) throw new RangeError(`simulateSpotFilm: wetNode has ${wetNode.length} values, grid ${nx}×${ny}`);
  if (E.length !== N || N < 2) throw new RangeError(`simulateSpotFilm: t (${N}) and E (${E.length}) must have the same length ≥ 2`);
  for (let n = 0; n < N; n++) if (!Number.isFinite(t[n]) || !Number.isFinite(E[n])) throw new RangeError(`simulateSpotFilm: node ${n} has t = ${t[n]} s, E = ${E[n]} V (not finite)`);
  if (!(passivation.length > 0) || !(passivation.initialThickness >= 0)) throw new RangeError(`simulateSpotFilm: passivation length = ${passivation.length} m, H0 = ${passivation.initialThickness} m`);
  const a = dx * dx;
  // ---- rate integrals at the nodes (midpoint potentials) ----
  const GI = new Float64Array(N);
  const GF = new Float64Array(N);
  const K = new Float64Array(N);
  const kd = new Float64Array(N); // κ_d Δt of interval n
  const belowI = new Uint8Array(N);
  const JF = new Float64Array(N);
  const vI = { max: k.islandGrowthMax, midPotential: k.islandGrowthMid, width: k.islandGrowthWidth };
  const vF = { max: k.fillGrowthMax, midPotential: k.fillGrowthMid, width: k.fillGrowthWidth };
  const kin = { max: k.innerThickeningMax, midPotential: k.innerThickeningMid, width: k.innerThickeningWidth };
  const kdep = { max: k.depositRateMax, midPotential: k.depositRateMid, width: k.depositRateWidth };
  for (let n = 1; n < N; n++) {
    const dt = t[n] - t[n - 1];
    const Em = 0.5 * (E[n - 1] + E[n]);
    GI[n] = GI[n - 1] + logisticRate(vI, Em) * dt;
    GF[n] = GF[n - 1] + logisticRate(vF, Em) * dt;
    K[n] = K[n - 1] + logisticRate(kin, Em) * dt;
    kd[n] = logisticRate(kdep, Em) * dt;
    belowI[n] = Em < k.islandOnsetPotential ? 1 : 0;
    JF[n] = Em < k.fillOnsetPotential ? k.fillNucleationRate * dt : 0;
  }
  // first node ≥ n whose interval lies below the island onset
  const nextBelow = new Int32Array(N + 1).fill(NEVER_COVERED);
  for (let n = N - 1; n >= 1; n--) nextBelow[n] = belowI[n] ? n : nextBelow[n + 1];
  nextBelow[0] = nextBelow[1];
  // wetted area at the nodes
  const wetCount = new Float64Array(N);
  for (let p = 0; p < P; p++) if (wetNode[p] !== NEVER_WET) wetCount[wetNode[p]]++;
  const wettedArea = new Float64Array(N);
  let cum = 0;
  for (let n = 0; n < N; n++) {
    cum += wetCount[n];
    wettedArea[n] = cum * a;
  }
  // ---- islands ----
  const coverI = new Float64Array(P).fill(Number.POSITIVE_INFINITY);
  const ir = rng.fork('islands');
  const nSites = poisson(ir, k.islandSiteDensity * P * a);
  let islands = 0;
  const rmax = k.islandMaxRadius;
  const R = Math.ceil(rmax / dx);
  for (let s = 0; s < nSites; s++) {
    const x = ir.uniform() * nx * dx;
    const y = ir.uniform() * ny * dx;
    const pi = Math.min(nx - 1, Math.floor(x / dx));
    const pj = Math.min(ny - 1, Math.floor(y / dx));
    const w = wetNode[pj * nx + pi];
    if (w === NEVER_WET) continue;
    const m = nextBelow[Math.max(1, w)];
    if (m === NEVER_COVERED) continue;
    islands++;
    const g0 = GI[m - 1];
    for (let j = Math.max(0, pj - R); j <= Math.min(ny - 1, pj + R); j++) {
      for (let i = Math.max(0, pi - R); i <= Math.min(nx - 1, pi + R); i++) {
        const d = Math.hypot((i + 0.5) * dx - x, (j + 0.5) * dx - y);
        if (d >= rmax) continue;
        const g = g0 + islandGrowthToReach(d, rmax);
        const q = j * nx + i;
        if (g < coverI[q]) coverI[q] = g;
      }
    }
  }
  const nodeI = coverageNodes(coverI, GI);
  const coverNode = new Int32Array(P);
  const coverProcess = new Uint8Array(P);
  for (let p = 0; p < P; p++) {
    if (nodeI[p] === NEVER_COVERED || wetNode[p] === NEVER_WET) coverNode[p] = NEVER_COVERED;
    else {
      coverNode[p] = Math.max(nodeI[p], wetNode[p]);
      coverProcess[p] = COVER_ISLAND;
    }
  }
  // ---- fill nuclei (JMAK) ----
  const fr = rng.fork('fill');
  let fillNuclei = 0;
  let fillPhantoms = 0;
  if (k.fillNucleationRate > 0 && k.fillGrowthMax > 0) {
    const cumL = new Float64Array(N);
    for (let n = 1; n < N; n++) cumL[n] = cumL[n - 1] + JF[n] * wettedArea[n - 1];
    const total = cumL[N - 1];
    const count = total > 0 ? poisson(fr, total) : 0;
    const births: { n: number; u: number; p: number }[] = [];
    for (let c = 0; c < count; c++) {
      const target = fr.uniform() * total;
      let lo = 1;
      let hi = N - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumL[mid] >= target) hi = mid;
        else lo = mid + 1;
      }
      const n = lo;
      const u = fr.uniform();
      // position: a pixel wetted by the start of the interval (rejection)
      let p = -1;
      for (let tries = 0; tries < 4096; tries++) {
        const q = Math.min(P - 1, Math.floor(fr.uniform() * P));
        if (wetNode[q] !== NEVER_WET && wetNode[q] <= n - 1) {
          p = q;
          break;
        }
      }
      if (p >= 0) births.push({ n, u, p });
    }
    births.sort((b1, b2) => b1.n + b1.u - (b2.n + b2.u));
    const coverF = new Float64Array(P).fill(Number.POSITIVE_INFINITY);
    const gMax = GF[N - 1];
    for (const b of births) {
      const g = GF[b.n - 1] + b.u * (GF[b.n] - GF[b.n - 1]);
      if (coverF[b.p] <= g || coverNode[b.p] <= b.n - 1) {
        fillPhantoms++;
        continue;
      }
      stampNucleus(coverF, grid, (b.p % nx) + 0.5, Math.floor(b.p / nx) + 0.5, g, gMax);
      fillNuclei++;
    }
    const nodeF = coverageNodes(coverF, GF);
    for (let p = 0; p < P; p++) {
      if (nodeF[p] === NEVER_COVERED || wetNode[p] === NEVER_WET) continue;
      const nf = Math.max(nodeF[p], wetNode[p]);
      if (nf < coverNode[p]) {
        coverNode[p] = nf;
        coverProcess[p] = COVER_FILL;
      }
    }
  }
  // ---- thickness at the end, per pixel ----
  const innerThickness = new Float64Array(P);
  const Kend = K[N - 1];
  for (let p = 0; p < P; p++) if (coverNode[p] !== NEVER_COVERED) innerThickness[p] = passivatedLayerThickness(passivation, Kend - K[coverNode[p]]);
  // ---- volumes at the nodes (binned) ----
  const newCovered = new Float64Array(N);
  for (let p = 0; p < P; p++) if (coverNode[p] !== NEVER_COVERED) newCovered[coverNode[p]]++;
  const innerVolume = new Float64Array(N);
  const coveredArea = new Float64Array(N);
  const depositVolume = new Float64Array(N);
  const S = passivationScale(passivation);
  const eta = 0.05;
  let bK: number[] = [];
  let bMin: number[] = [];
  let bMax: number[] = [];
  let bC: number[] = [];
  let covered = 0;
  let tSum = 0; // Σ_b c_b e^{−H_b/λ_d} at the previous node
  const lamD = k.depositPassivationLength;
  for (let n = 0; n < N; n++) {
    const Kn = K[n];
    if (n > 0) depositVolume[n] = depositVolume[n - 1] + kd[n] * a * tSum;
    if (newCovered[n] > 0) {
      const last = bK.length - 1;
      if (last >= 0 && bMax[last] === Kn) {
        bK[last] = (bK[last] * bC[last] + Kn * newCovered[n]) / (bC[last] + newCovered[n]);
        bC[last] += newCovered[n];
      } else {
        bK.push(Kn);
        bMin.push(Kn);
        bMax.push(Kn);
        bC.push(newCovered[n]);
      }
      covered += newCovered[n];
    }
    if (bK.length > 64 && (n & 15) === 0) {
      const nK: number[] = [bK[0]];
      const nMin: number[] = [bMin[0]];
      const nMax: number[] = [bMax[0]];
      const nC: number[] = [bC[0]];
      for (let b = 1; b < bK.length; b++) {
        const l = nK.length - 1;
        if (bMax[b] - nMin[l] <= eta * (S + Kn - bMax[b])) {
          nK[l] = (nK[l] * nC[l] + bK[b] * bC[b]) / (nC[l] + bC[b]);
          nC[l] += bC[b];
          nMax[l] = bMax[b];
        } else {
          nK.push(bK[b]);
          nMin.push(bMin[b]);
          nMax.push(bMax[b]);
          nC.push(bC[b]);
        }
      }
      bK = nK;
      bMin = nMin;
      bMax = nMax;
      bC = nC;
    }
    let v = 0;
    let ts = 0;
    for (let b = 0; b < bK.length; b++) {
      const h = passivatedLayerThickness(passivation, Kn - bK[b]);
      v += bC[b] * h;
      ts += bC[b] * transmission(h, lamD);
    }
    innerVolume[n] = v * a;
    coveredArea[n] = covered * a;
    tSum = ts;
  }
  // ---- deposits at the end: domes on covered pixels, volume = V_d(t_N) ----
  const dr = rng.fork('deposits');
  const Vd = depositVolume[N - 1];
  const deposits: Deposit[] = [];
  const depositHeight = new Float64Array(P);
  if (Vd > 0 && covered > 0) {
    const coveredIdx = new Int32Array(covered);
    let c = 0;
    for (let p = 0; p < P; p++) if (coverNode[p] !== NEVER_COVERED) coveredIdx[c++] = p;
    const count = Math.max(1, poisson(dr, k.depositDensity * covered * a));
    const cv = k.depositHeightCv;
    const s2 = Math.log(1 + cv * cv);
    const u: number[] = [];
    let sumU3 = 0;
    const pos: [number, number][] = [];
    for (let d = 0; d < count; d++) {
      const p = coveredIdx[Math.min(covered - 1, Math.floor(dr.uniform() * covered))];
      pos.push([((p % nx) + dr.uniform()) * dx, (Math.floor(p / nx) + dr.uniform()) * dx]);
      const ud = Math.exp(-s2 / 2 + Math.sqrt(s2) * dr.normal());
      u.push(ud);
      sumU3 += ud * ud * ud;
    }
    const beta = k.depositAspectRatio;
    const hs = Math.cbrt(Vd / ((Math.PI / 2) * beta * beta * sumU3));
    for (let d = 0; d < count; d++) {
      const h = hs * u[d];
      const r = beta * h;
      deposits.push({ x: pos[d][0], y: pos[d][1], height: h, radius: r });
      const i0 = Math.max(0, Math.floor((pos[d][0] - r) / dx));
      const i1 = Math.min(nx - 1, Math.floor((pos[d][0] + r) / dx));
      const j0 = Math.max(0, Math.floor((pos[d][1] - r) / dx));
      const j1 = Math.min(ny - 1, Math.floor((pos[d][1] + r) / dx));
      for (let j = j0; j <= j1; j++) {
        for (let i = i0; i <= i1; i++) {
          const rho2 = ((i + 0.5) * dx - pos[d][0]) ** 2 + ((j + 0.5) * dx - pos[d][1]) ** 2;
          if (rho2 < r * r) {
            const z = h * (1 - rho2 / (r * r));
            if (z > depositHeight[j * nx + i]) depositHeight[j * nx + i] = z;
          }
        }
      }
    }
  }
  return {
    coverNode,
    coverProcess,
    innerThickness,
    depositHeight,
    deposits,
    innerVolume,
    coveredArea,
    depositVolume,
    wettedArea,
    islandGrowth: GI,
    fillGrowth: GF,
    thickening: K,
    islands,
    fillNuclei,
    fillPhantoms,
    bins: bK.length,
  };
}

/** Volume of the inner layer from the per-pixel thickness map (m³), for checks against the nodes. */
export function innerVolumeFromMap(film: SpotFilm, grid: Grid): number {
  let s = 0;
  for (let p = 0; p < film.innerThickness.length; p++) s += film.innerThickness[p];
  return s * grid.dx * grid.dx;
}

/** Total volume of the deposit domes, Σ (π/2) r² h (m³). */
export function depositVolumeOfDomes(deposits: readonly Deposit[]): number {
  let s = 0;
  for (const d of deposits) s += (Math.PI / 2) * d.radius * d.radius * d.height;
  return s;
}
