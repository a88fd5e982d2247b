/**
 * Nuclei as a seeded Poisson process on their site classes, and the coverage field they grow.
 *
 * Nuclei of rate J_s(E) are born on the pixels of site class s (at the pixel centre — the model's
 * spatial resolution — with a uniform birth time within a time step) and grow as discs whose radius advances by the lateral
 * growth G(t) = ∫v dt. A point p is covered at the first t with G(t) ≥ g(p), where
 * g(p) = min_i [G(t_i) + |p − x_i|] is an additively weighted distance (Apollonius diagram). Nuclei
 * born inside already covered area ("phantoms") never extend the coverage (G(t_i) ≥ g(x_i) implies
 * G(t_i) + |p − x_i| ≥ g(p)), so they are drawn and discarded — which keeps the simulation exactly the
 * JMAK process of `analytic.ts` (Kolmogorov 1937).
 *
 * Each nucleus stamps outward in square rings, keeping the smaller of (its weight + distance) and the
 * value already there, and stops after two rings without improvement: the Apollonius cells are
 * star-shaped about their sites, so an empty ring bounds the cell (tested against brute force).
 */
import type { Rng } from '../rng.js';
import { poisson } from '../rng.js';
import { siteCode } from '../substrate/sites.js';
import type { Grid } from '../substrate/grid.js';
import { nucleationRate, type NucleationLaw } from './kinetics.js';

/** A nucleus: position (m), birth time (s), site class code, and its growth coordinate G(t_i) (m). */
export interface Nucleus {
  readonly x: number;
  readonly y: number;
  readonly t: number;
  readonly site: number;
  readonly g: number;
}

/** The growth coordinate at which each pixel is covered (m; +∞ if never), and the real nuclei. */
export interface CoverageField {
  readonly cover: Float64Array;
  readonly nuclei: Nucleus[];
  /** Phantom nuclei drawn inside covered area and discarded. */
  readonly phantoms: number;
}

/**
 * Stamp one nucleus at (cx, cy) (pixel units, continuous) with weight g0 into `cover`, never beyond
 * gMax. Returns the number of pixels improved.
 */
export function stampNucleus(cover: Float64Array, grid: Grid, cx: number, cy: number, g0: number, gMax: number): number {
  const { nx, ny, dx } = grid;
  const ix = Math.min(nx - 1, Math.max(0, Math.floor(cx)));
  const iy = Math.min(ny - 1, Math.max(0, Math.floor(cy)));
  let improvedTotal = 0;
  let empty = 0;
  const maxR = Math.max(ix, nx - 1 - ix, iy, ny - 1 - iy);
  for (let r = 0; r <= maxR; r++) {
    if (g0 + (r - 1) * dx > gMax) break;
    let improved = 0;
    if (r === 0) improved += visitPixel(cover, nx, ny, dx, cx, cy, g0, gMax, ix, iy);
    else {
      const y0 = iy - r;
      const y1 = iy + r;
      const x0 = ix - r;
      const x1 = ix + r;
      const xa = Math.max(0, x0);
      const xb = Math.min(nx - 1, x1);
      if (y0 >= 0) for (let x = xa; x <= xb; x++) improved += visitPixel(cover, nx, ny, dx, cx, cy, g0, gMax, x, y0);
      if (y1 < ny) for (let x = xa; x <= xb; x++) improved += visitPixel(cover, nx, ny, dx, cx, cy, g0, gMax, x, y1);
      const ya = Math.max(0, y0 + 1);
      const yb = Math.min(ny - 1, y1 - 1);
      if (x0 >= 0) for (let y = ya; y <= yb; y++) improved += visitPixel(cover, nx, ny, dx, cx, cy, g0, gMax, x0, y);
      if (x1 < nx) for (let y = ya; y <= yb; y++) improved += visitPixel(cover, nx, ny, dx, cx, cy, g0, gMax, x1, y);
    }
    improvedTotal += improved;
    if (improved === 0) {
      empty++;
      if (empty >= 2 && r >= 2) break;
    } else empty = 0;
  }
  return improvedTotal;
}

/** Keep min(cover, g0 + |p − c|) at pixel (x, y) if ≤ gMax; 1 if improved. */
function visitPixel(cover: Float64Array, nx: number, ny: number, dx: number, cx: number, cy: number, g0: number, gMax: number, x: number, y: number): number {
  const ddx = x + 0.5 - cx;
  const ddy = y + 0.5 - cy;
  const c = g0 + dx * Math.sqrt(ddx * ddx + ddy * ddy);
  if (c > gMax) return 0;
  const p = y * nx + x;
  if (c < cover[p]) {
    cover[p] = c;
    return 1;
  }
  return 0;
}

/**
 * Draw the nuclei of one process and compute its coverage field.
 *
 * t, E: nodes of the sampled program (s, V); G: lateral growth at the nodes (m); `sites`: site-class
 * codes per pixel. In each interval the number of nuclei on class s is Poisson with mean
 * J_s(E_mid) A_s Δt (A_s the class's pixel area). Open-circuit intervals nucleate nothing.
 */
export function coverageField(
  rng: Rng,
  grid: Grid,
  sites: Uint8Array,
  laws: readonly NucleationLaw[],
  t: Float64Array,
  E: Float64Array,
  G: Float64Array,
  openCircuit?: Uint8Array,
): CoverageField {
  const { nx, ny, dx } = grid;
  if (sites.length !== nx * ny) throw new RangeError(`coverageField: site map has ${sites.length} pixels, grid ${nx}×${ny}`);
  const cover = new Float64Array(nx * ny).fill(Number.POSITIVE_INFINITY);
  const nuclei: Nucleus[] = [];
  let phantoms = 0;
  const gMax = G[G.length - 1];
  const lists = laws.map((law) => {
    const code = siteCode(law.site);
    let n = 0;
    for (let i = 0; i < sites.length; i++) if (sites[i] === code) n++;
    const idx = new Int32Array(n);
    n = 0;
    for (let i = 0; i < sites.length; i++) if (sites[i] === code) idx[n++] = i;
    return { law, code, idx, complete: false };
  });
  const pixelArea = dx * dx;
  const batch: { tb: number; g: number; p: number; cx: number; cy: number; code: number }[] = [];
  for (let n = 1; n < t.length; n++) {
    if (openCircuit && openCircuit[n]) continue;
    const dt = t[n] - t[n - 1];
    const Em = 0.5 * (E[n - 1] + E[n]);
    batch.length = 0;
    for (const L of lists) {
      if (L.complete || L.idx.length === 0) continue;
      const J = nucleationRate(L.law, Em);
      if (J <= 0) continue;
      // every 32 steps, check whether the class is already fully covered at this time
      if (n % 32 === 0) {
        let all = true;
        for (let k = 0; k < L.idx.length; k++) if (cover[L.idx[k]] > G[n - 1]) { all = false; break; }
        if (all) {
          L.complete = true;
          continue;
        }
      }
      const count = poisson(rng, J * L.idx.length * pixelArea * dt);
      for (let k = 0; k < count; k++) {
        const p = L.idx[Math.min(L.idx.length - 1, Math.floor(rng.uniform() * L.idx.length))];
        const u = rng.uniform();
        // nuclei sit at pixel centres: a nucleus covers its own pixel at birth (the pixel is the
        // model's spatial resolution; sub-pixel nuclei would stay invisible until the front reached
        // the pixel centre)
        const cx = (p % nx) + 0.5;
        const cy = Math.floor(p / nx) + 0.5;
        batch.push({ tb: t[n - 1] + u * dt, g: G[n - 1] + u * (G[n] - G[n - 1]), p, cx, cy, code: L.code });
      }
    }
    if (batch.length === 0) continue;
    batch.sort((a, b) => a.tb - b.tb);
    for (const b of batch) {
      if (cover[b.p] <= b.g) {
        phantoms++;
        continue;
      }
      stampNucleus(cover, grid, b.cx, b.cy, b.g, gMax);
      nuclei.push({ x: b.cx * dx, y: b.cy * dx, t: b.tb, site: b.code, g: b.g });
    }
  }
  return { cover, nuclei, phantoms };
}

/**
 * Snap a coverage field to the nodes: the first node index b with G(t_b) ≥ g(p)
 * ({@link NEVER_COVERED} if never). Pixels count as covered from node b on.
 */
export function coverageNodes(cover: Float64Array, G: Float64Array): Int32Array {
  const out = new Int32Array(cover.length);
  const N = G.length;
  for (let p = 0; p < cover.length; p++) {
    const g = cover[p];
    if (!(g <= G[N - 1])) {
      out[p] = NEVER_COVERED;
      continue;
    }
    let lo = 0;
    let hi = N - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (G[mid] >= g) hi = mid;
      else lo = mid + 1;
    }
    out[p] = lo;
  }
  return out;
}

/** Marker for pixels never covered by a process. */
export const NEVER_COVERED = 0x7fffffff;
