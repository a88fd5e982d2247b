/**
 * Structured, tip-fitted mesh of 9-node quadrilaterals (Q9) in the (r, z) half-plane of the
 * axisymmetric lateral-force problem.
 *
 * Geometry: the film is 0 ≤ z ≤ h (z = height above the electrode), 0 ≤ r ≤ b (domain radius);
 * the rigid tip's apex sits at height z_a = h − d for apex depth d. The tip–film interface is
 * split at a "corner" point (r_c, z_c): the flat end's edge (r_t, z_a); for the round/cone tip
 * the point at 45° on the apex sphere (or the contact line on the top surface when the tip is
 * immersed less deep than that). Three mapped tensor-product blocks, each with one curved side:
 *
 *   B1  0 ≤ r ≤ r_c, below the tip end (its top row follows the tip's lower surface),
 *   B2  r_c ≤ r ≤ b, 0 ≤ z ≤ z_c,
 *   B3  beside the tip, z_c ≤ z ≤ h (its left column follows the tip's side r_tip(z)).
 *
 * Element sizes grow geometrically (ratio q) away from the tip corner, from the tip side and
 * from the contact line at the top surface; `refinement` m splits every base element into m×m
 * (h-refinement with the grading kept), which is what the convergence studies vary.
 * Nodes of all blocks form one (NI × NJ) grid with the tip block (i < iC, j > jC) removed.
 */
import { type TipGeometry, tipLowerSurfaceAt, tipRadiusAt } from './tip.js';

/** Mesh-density options. */
export interface MeshOptions {
  /** m ≥ 1: every base element is split into m × m (default 1). */
  readonly refinement?: number;
  /** Size of the base elements at the tip, as a fraction of min(r_t, h) (default 0.25). */
  readonly tipElementSize?: number;
  /** Geometric growth ratio q of the base element sizes away from the tip (default 1.7). */
  readonly growth?: number;
}

/** Default mesh density: base tip element 0.25·min(r_t, h), growth 1.7 (r_g within 0.1 %, see tests). */
export const DEFAULT_MESH = { refinement: 1, tipElementSize: 0.25, growth: 1.7 } as const;

/** Node classification bits. */
export const NODE_TIP = 1;
export const NODE_ELECTRODE = 2;
export const NODE_FAR = 4;
export const NODE_TOP = 8;
export const NODE_AXIS = 16;

/** The mesh: node coordinates, Q9 connectivity and node classes. */
export interface FeaMesh {
  readonly nodeCount: number;
  /** Node radius r, m. */
  readonly r: Float64Array;
  /** Node height z above the electrode, m. */
  readonly z: Float64Array;
  readonly elementCount: number;
  /** 9 node indices per element; local node k = 3·b + a with a (ξ, along r) and b (η, along z) ∈ {0,1,2}. */
  readonly elements: Int32Array;
  /** Bit set of NODE_* flags per node. */
  readonly flags: Uint8Array;
  /** Logical grid: node index at (i, j) = grid[j·NI + i] or −1. */
  readonly NI: number;
  readonly NJ: number;
  readonly iC: number;
  readonly jC: number;
  readonly grid: Int32Array;
  /** Geometry used. */
  readonly thickness: number;
  readonly domainRadius: number;
  readonly depth: number;
  readonly apexHeight: number;
  readonly corner: { readonly r: number; readonly z: number };
}

/** Element edges 0 = e_0 < … < e_n = L with sizes s0·q^k scaled to sum L (finest at 0). */
export function gradedEdges(L: number, s0: number, q: number): number[] {
  if (!(L > 0)) return [0];
  if (s0 >= L || q <= 1) {
    const n = Math.max(1, Math.ceil(L / s0 - 1e-9));
    return Array.from({ length: n + 1 }, (_, k) => (L * k) / n);
  }
  const n = Math.max(1, Math.round(Math.log(1 + (L * (q - 1)) / s0) / Math.log(q)));
  const sizes: number[] = [];
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sizes.push(s0 * q ** k);
    sum += sizes[k];
  }
  const edges = [0];
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += (sizes[k] * L) / sum;
    edges.push(k === n - 1 ? L : acc);
  }
  return edges;
}

/** Edges on [0, L] finest at both ends (two mirrored graded halves). */
export function gradedEdges2(L: number, s0: number, q: number): number[] {
  if (!(L > 0)) return [0];
  if (L <= 2 * s0) return gradedEdges(L, s0, 1);
  const half = gradedEdges(L / 2, s0, q);
  const out = half.slice();
  for (let k = half.length - 2; k >= 0; k--) out.push(L - half[k]);
  return out;
}

/** Node lines of Q9 elements: each base interval split into m, with mid-side points. */
function nodeLines(edges: readonly number[], m: number): number[] {
  const out: number[] = [edges[0]];
  for (let k = 0; k + 1 < edges.length; k++) {
    const x0 = edges[k];
    const x1 = edges[k + 1];
    for (let s = 0; s < m; s++) {
      const a = x0 + ((x1 - x0) * s) / m;
      const c = x0 + ((x1 - x0) * (s + 1)) / m;
      out.push((a + c) / 2, s === m - 1 ? x1 : c);
    }
  }
  return out;
}

/** Geometry of one FEA-lite problem. */
export interface MeshGeometry {
  /** Film thickness h, m. */
  readonly thickness: number;
  /** Domain radius b, m. */
  readonly domainRadius: number;
  readonly tip: TipGeometry;
  /** Apex depth d below the film top, m (0 < d ≤ h for flat, 0 < d < h otherwise). */
  readonly depth: number;
  /** Heights (m) where element rows should lie: layer interfaces of the film (optional). */
  readonly breakpoints?: readonly number[];
}

/**
 * Put element edges on the breakpoints that fall strictly inside (edges[0], edges[last]):
 * move the nearest interior edge when it is within 30 % of the element size, else split the
 * element. Block boundaries (first/last edge) never move.
 */
export function snapEdges(edges: number[], breakpoints: readonly number[]): number[] {
  const e = edges.slice();
  for (const zb of breakpoints) {
    const n = e.length - 1;
    if (n < 1 || !(zb > e[0] && zb < e[n])) continue;
    let k = 0;
    while (k < n - 1 && e[k + 1] <= zb) k++;
    const s = e[k + 1] - e[k];
    const dLo = zb - e[k];
    const dHi = e[k + 1] - zb;
    const tol = 1e-9 * s;
    if (dLo <= tol || dHi <= tol) continue; // already on an edge
    if (dLo < 0.3 * s && k > 0) e[k] = zb;
    else if (dHi < 0.3 * s && k + 1 < n) e[k + 1] = zb;
    else if (dLo >= 0.15 * s && dHi >= 0.15 * s) e.splice(k + 1, 0, zb);
    // else: too close to a block boundary; the Gauss-point material evaluation resolves it
  }
  return e;
}

/**
 * Build the tip-fitted Q9 mesh for one penetration depth (see module doc). Does not validate
 * physical ranges (the caller, `solveLateral`, does); throws on an impossible geometry.
 */
export function buildMesh(geom: MeshGeometry, options: MeshOptions = {}): FeaMesh {
  const m = options.refinement ?? DEFAULT_MESH.refinement;
  const q = options.growth ?? DEFAULT_MESH.growth;
  const f = options.tipElementSize ?? DEFAULT_MESH.tipElementSize;
  const { thickness: h, domainRadius: b, tip, depth: d } = geom;
  const a = tip.radius;
  const za = h - d;
  if (!(d > 0 && za >= 0)) throw new RangeError(`buildMesh: depth ${d} outside (0, ${h}]`);
  if (tip.shape !== 'flat' && !(za > 0)) throw new RangeError('buildMesh: a round/cone tip may not touch the electrode (depth < thickness)');
  const s0 = f * Math.min(a, h);

  // corner of the tip–film interface
  let rc: number;
  let zc: number;
  if (tip.shape === 'flat') {
    rc = a;
    zc = za;
  } else {
    const phi = Math.PI / 4;
    rc = a * Math.sin(phi);
    zc = za + a * (1 - Math.cos(phi));
    if (zc > h - 0.5 * s0) {
      zc = h;
      rc = tipRadiusAt(tip, d);
    }
  }
  if (!(b > rc * 1.5)) throw new RangeError(`buildMesh: domain radius ${b} must exceed 1.5 × the contact radius ${rc}`);

  const rIn = zc > 0 ? gradedEdges(rc, s0, q).map((e) => rc - e).reverse() : [rc];
  const rOut = gradedEdges(b - rc, s0, q).map((e) => rc + e);
  const bp = geom.breakpoints ?? [];
  const zLow = snapEdges(zc > 0 ? gradedEdges(zc, s0, q).map((e) => zc - e).reverse() : [0], bp);
  const zUp = snapEdges(gradedEdges2(h - zc, s0, q).map((e) => zc + e), bp);
  if (rIn.length === 1) rIn[0] = rc;

  const cIn = nodeLines(rIn, m);
  const cOut = nodeLines(rOut, m);
  const rowLow = nodeLines(zLow, m);
  const rowUp = nodeLines(zUp, m);
  const cols = cIn.concat(cOut.slice(1));
  const rows = rowLow.concat(rowUp.slice(1));
  const NI = cols.length;
  const NJ = rows.length;
  const iC = cIn.length - 1;
  const jC = rowLow.length - 1;
  const hasB1 = iC > 0;
  const hasB3 = NJ - 1 > jC;

  const grid = new Int32Array(NI * NJ).fill(-1);
  const rr: number[] = [];
  const zz: number[] = [];
  const fl: number[] = [];
  const z0 = Math.max(0, zc - 1.5 * a);
  for (let j = 0; j < NJ; j++) {
    for (let i = 0; i < NI; i++) {
      if (i < iC && j > jC) continue;
      const Z = rows[j];
      let r: number;
      let z: number;
      if (i >= iC) {
        const R = cols[i];
        if (j >= jC && hasB3) {
          const rt = tipRadiusAt(tip, Z - za);
          r = i === iC ? rt : rt + ((b - rt) * (R - rc)) / (b - rc);
        } else r = R;
        z = Z;
      } else {
        r = cols[i];
        const zs = za + tipLowerSurfaceAt(tip, r);
        const s = zc > z0 ? Math.min(1, Math.max(0, (Z - z0) / (zc - z0))) : 1;
        z = Z + (zs - zc) * s;
      }
      let flag = 0;
      if ((j === jC && i <= iC) || (i === iC && j >= jC)) flag |= NODE_TIP;
      if (j === 0) flag |= NODE_ELECTRODE;
      if (i === NI - 1) flag |= NODE_FAR;
      if (j === NJ - 1) flag |= NODE_TOP;
      if (i === 0 && hasB1) flag |= NODE_AXIS;
      grid[j * NI + i] = rr.length;
      rr.push(i === 0 && hasB1 ? 0 : r);
      zz.push(z);
      fl.push(flag);
    }
  }
  const nElR = (NI - 1) / 2;
  const nElZ = (NJ - 1) / 2;
  const nInEl = iC / 2;
  const nLowEl = jC / 2;
  const els: number[] = [];
  for (let ej = 0; ej < nElZ; ej++) {
    for (let ei = 0; ei < nElR; ei++) {
      if (ei < nInEl && ej >= nLowEl) continue;
      for (let bb = 0; bb < 3; bb++) {
        for (let aa = 0; aa < 3; aa++) {
          const n = grid[(2 * ej + bb) * NI + (2 * ei + aa)];
          if (n < 0) throw new Error('buildMesh: internal error, element node missing');
          els.push(n);
        }
      }
    }
  }
  void hasB3;
  return {
    nodeCount: rr.length,
    r: Float64Array.from(rr),
    z: Float64Array.from(zz),
    elementCount: els.length / 9,
    elements: Int32Array.from(els),
    flags: Uint8Array.from(fl),
    NI,
    NJ,
    iC,
    jC,
    grid,
    thickness: h,
    domainRadius: b,
    depth: d,
    apexHeight: za,
    corner: { r: rc, z: zc },
  };
}
