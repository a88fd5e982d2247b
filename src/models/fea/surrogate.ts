/**
 * Fast forward model ("surrogate") of the NRM lateral force F_l*(z_p) for thousands of locally
 * different layered films, and the `fidelity: 'fea' | 'surrogate'` switch.
 *
 * Idea (FEA-calibrated layered analog). The lateral-force problem of `solve.ts` is replaced by
 * its scalar analog — steady "conduction" ∇·(c∇ψ) = 0 in the same axisymmetric geometry, with
 * the tip at ψ = −A_l and the electrode and far boundary at ψ = 0 — whose conductivity follows
 * the film's layering, c_r = E*(z) radially and c_z = γ·E*(z) vertically (γ = 0.7, fitted once
 * against the FEA-lite over random two- and three-layer films; 0.6–0.8 are within 1 % of each
 * other in median error for ν = 0.3–0.49). The analog captures what makes layered films
 * non-trivial — series transfer of the lateral load through the layers below the tip end to the
 * electrode, parallel transfer along the embedded length, lateral spreading in stiff sheets —
 * but not the tensorial details, which are absorbed by an FEA calibration on homogeneous films:
 *
 *   F_surrogate(z_p) = R(z_p/h, ν(z_a); h) · F_analog(z_p),
 *   R = F_FEA,hom / F_analog,hom      (R ≈ 0.55–0.61 for a flat tip, smooth in z_p/h, h, ν).
 *
 * So the surrogate is exact (to interpolation of R) for homogeneous films of any E*(ω), and the
 * correspondence principle holds for it exactly (complex c). Its error on layered films is
 * measured against the full FEA in `test/fea-surrogate.test.ts` and `bench/fea.ts`
 * (|F_s − F_FEA|/|F_FEA|, 64–80 points per class, r_t = 10 nm):
 *
 *   flat tip, SEI-like 3-layer 30 nm films (stiff inner → soft outer): median 1.0 %, p90 2.6 %, max 2.9 %
 *   flat tip, random 2–4-layer 60 nm films, ≤ 30× contrast either way: median 1.2 %, p90 2.3 %, max 3.3 %
 *   cone (20°), same two classes: median 2.8 % / 1.5 %, p90 14 % / 3.8 %, max 17 % / 22 %
 *
 * The round/cone tips are the weak spot: the analog resolves their cap by a staircase on the
 * radial grid, so the error grows at apex depths < r_t/5 and when the apex approaches a stiff
 * layer; `rows` (finer rows) reduces it at proportional cost.
 *
 * Speed. The analog is discretised with bilinear axisymmetric elements on a fixed grid:
 * n_r ≈ 16 graded radial nodes and N_z uniform rows. The tip is represented by a flat-ended
 * cylinder of radius r_t whose end sits on a row (the round/cone shape enters only through R).
 * Two Schur-complement sweeps over the rows — bottom-up condensation of the film below each row
 * (S_j) and top-down condensation of the tip zone above it (T_j, with the tip-reaction
 * functional) — give the force for *every* row depth in O(N_z n_r³) operations: ~3 ms per film
 * of 400 depths for the flat tip. Round/cone tips change the tip pattern with depth, so each of
 * ≤ 40 end rows needs its own top sweep (~20 ms per film). Forces at arbitrary depths are
 * interpolated (monotone cubic). R is computed by the FEA-lite at
 * first use for each (tip, domain, thickness node, ν node) and cached in memory (deterministic;
 * the cache only saves time).
 *
 * Sources: `002_bf87beaba622041e.txt` §4 (the force the surrogate reproduces); static condensation
 * / Schur complements: Bathe, *Finite Element Procedures*, §8.2.4; PCHIP: Fritsch & Carlson,
 * SIAM J. Numer. Anal. 17:238 (1980).
 */
import { type Complex } from '../complex.js';
import { filmProfile, type Film, type FilmProfile, homogeneousFilm, constantLoss } from '../film/film.js';
import { ParamError, type ParamProblem } from '../params.js';
import { checkDepths, derivativeNonUniform, feaForceCurve, type ForceCurve } from './curve.js';
import { checkLateralInputs, type Dither, FEA_PARAMS, type FarFieldCondition, type FeaOptions, solvePrepared } from './solve.js';
import { type TipGeometry, tipRadiusAt } from './tip.js';
import { denseProfile, factorComplex, type SkylineProfile } from './skyline.js';

/** Which forward model computes F_l*(z_p). */
export type Fidelity = 'fea' | 'surrogate';
export const FIDELITIES = ['fea', 'surrogate'] as const;

/** Vertical/radial conductivity ratio γ of the analog (fitted, see module doc). */
export const ANALOG_ANISOTROPY = 0.7;

/** Options of the surrogate (the FEA boundary options it is calibrated for). */
export interface SurrogateOptions {
  /** Domain radius b, m (default: the FEA default 300 nm). */
  readonly domainRadius?: number;
  /** Far boundary (default 'moving'). */
  readonly farField?: FarFieldCondition;
  /** Rows of the analog grid; default clamp(round(h / 0.5 nm), 40, 160). */
  readonly rows?: number;
}

// ---------------------------------------------------------------------------------------------
// the scalar analog on a fixed grid

interface AnalogGrid {
  readonly rn: readonly number[];
  readonly nr: number;
  readonly ia: number; // index of r = r_t
  readonly rows: number;
  readonly dz: number;
  readonly h: number;
  /** unit element matrices (4×4, local nodes (i,j), (i+1,j), (i,j+1), (i+1,j+1)) per radial interval: radial and vertical parts. */
  readonly kr: Float64Array[];
  readonly kz: Float64Array[];
  readonly free: boolean; // far boundary traction-free
}

/** Radial grid of the analog: inner fractions of r_t, then geometric spacing from 0.2 r_t, ratio 1.7. */
export const ANALOG_RADIAL = { inner: [0, 0.3, 0.6, 0.85, 1], first: 0.2, growth: 1.7 };

/** Radial nodes of the analog between the axis and the domain radius b (tip radius a). */
export function radialNodes(a: number, b: number): number[] {
  const out = ANALOG_RADIAL.inner.map((f) => f * a);
  let r = a;
  let s = ANALOG_RADIAL.first * a;
  while (r < b - 1e-12 * b) {
    r = Math.min(b, r + s);
    s *= ANALOG_RADIAL.growth;
    if (b - r < 0.3 * s && r < b) r = b;
    out.push(r);
  }
  return out;
}

function buildGrid(a: number, b: number, h: number, rows: number, far: FarFieldCondition): AnalogGrid {
  const rn = radialNodes(a, b);
  const nr = rn.length;
  const ia = ANALOG_RADIAL.inner.length - 1;
  const dz = h / rows;
  const g = [-1 / Math.sqrt(3), 1 / Math.sqrt(3)];
  const krs: Float64Array[] = [];
  const kzs: Float64Array[] = [];
  for (let i = 0; i < nr - 1; i++) {
    const r0 = rn[i];
    const r1 = rn[i + 1];
    const kr = new Float64Array(16);
    const kz = new Float64Array(16);
    for (const xi of g) {
      for (const et of g) {
        const N = [((1 - xi) * (1 - et)) / 4, ((1 + xi) * (1 - et)) / 4, ((1 - xi) * (1 + et)) / 4, ((1 + xi) * (1 + et)) / 4];
        const hr = (r1 - r0) / 2;
        const hz = dz / 2;
        const dNr = [-(1 - et) / 4 / hr, (1 - et) / 4 / hr, -(1 + et) / 4 / hr, (1 + et) / 4 / hr];
        const dNz = [-(1 - xi) / 4 / hz, -(1 + xi) / 4 / hz, (1 - xi) / 4 / hz, (1 + xi) / 4 / hz];
        const r = (N[0] + N[2]) * r0 + (N[1] + N[3]) * r1;
        const w = 2 * Math.PI * r * hr * hz;
        for (let p = 0; p < 4; p++) {
          for (let q = 0; q < 4; q++) {
            kr[4 * p + q] += w * dNr[p] * dNr[q];
            kz[4 * p + q] += w * dNz[p] * dNz[q];
          }
        }
      }
    }
    krs.push(kr);
    kzs.push(kz);
  }
  return { rn, nr, ia, rows, dz, h, kr: krs, kz: kzs, free: far === 'free' };
}

/**
 * Workspace of the analog sweeps: complex arrays in separate re/im parts, allocated once per
 * film. Slab blocks P (row j–row j), Q (row j–row j+1), R (row j+1–row j+1) are n_r × n_r and
 * tridiagonal (bilinear elements couple radial neighbours only; Q is symmetric for rectangles).
 */
interface Work {
  readonly nr: number;
  readonly Pr: Float64Array;
  readonly Pi: Float64Array;
  readonly Qr: Float64Array;
  readonly Qi: Float64Array;
  readonly Rr: Float64Array;
  readonly Ri: Float64Array;
  readonly Mr: Float64Array;
  readonly Mi: Float64Array;
  readonly Yr: Float64Array;
  readonly Yi: Float64Array;
  readonly v1r: Float64Array;
  readonly v1i: Float64Array;
  readonly v2r: Float64Array;
  readonly v2i: Float64Array;
  readonly v3r: Float64Array;
  readonly v3i: Float64Array;
  readonly v4r: Float64Array;
  readonly v4i: Float64Array;
}

function workspace(nr: number): Work {
  const m = (k: number): Float64Array => new Float64Array(k);
  const n2 = nr * nr;
  return { nr, Pr: m(n2), Pi: m(n2), Qr: m(n2), Qi: m(n2), Rr: m(n2), Ri: m(n2), Mr: m(n2), Mi: m(n2), Yr: m(n2), Yi: m(n2), v1r: m(nr), v1i: m(nr), v2r: m(nr), v2i: m(nr), v3r: m(nr), v3i: m(nr), v4r: m(nr), v4i: m(nr) };
}

/** Fill the slab blocks P, Q, R (dense n_r × n_r storage, tridiagonal) from elements i ≥ k. */
function fillSlab(g: AnalogGrid, w: Work, cr: Complex, cz: Complex, k: number): void {
  const nr = g.nr;
  w.Pr.fill(0);
  w.Pi.fill(0);
  w.Qr.fill(0);
  w.Qi.fill(0);
  w.Rr.fill(0);
  w.Ri.fill(0);
  for (let i = Math.max(0, k); i < nr - 1; i++) {
    const kr = g.kr[i];
    const kz = g.kz[i];
    for (let p = 0; p < 2; p++) {
      for (let q = 0; q < 2; q++) {
        const o = (i + p) * nr + (i + q);
        const a = 4 * p + q;
        const b = 4 * p + q + 2;
        const c = 4 * (p + 2) + q + 2;
        w.Pr[o] += cr.re * kr[a] + cz.re * kz[a];
        w.Pi[o] += cr.im * kr[a] + cz.im * kz[a];
        w.Qr[o] += cr.re * kr[b] + cz.re * kz[b];
        w.Qi[o] += cr.im * kr[b] + cz.im * kz[b];
        w.Rr[o] += cr.re * kr[c] + cz.re * kz[c];
        w.Ri[o] += cr.im * kr[c] + cz.im * kz[c];
      }
    }
  }
}

const denseProfiles = new Map<number, SkylineProfile>();

/**
 * In-place complex-symmetric LDLᵀ of the leading n×n of (Mr, Mi) (row stride n): unit L below, D on
 * the diagonal — the FEA's skyline factorisation on a dense profile.
 */
function ldl(n: number, Mr: Float64Array, Mi: Float64Array): void {
  let profile = denseProfiles.get(n);
  if (!profile) {
    profile = denseProfile(n);
    denseProfiles.set(n, profile);
  }
  factorComplex({ profile, re: Mr, im: Mi });
}

/** Y ← L⁻¹Y for Y (n × m, row stride m), column c zero above row first[c] on entry. */
function fwdCols(n: number, m: number, Lr: Float64Array, Li: Float64Array, Yr: Float64Array, Yi: Float64Array, first: (c: number) => number): void {
  for (let c = 0; c < m; c++) {
    const f = Math.max(0, first(c));
    for (let i = f + 1; i < n; i++) {
      let sr = Yr[i * m + c];
      let si = Yi[i * m + c];
      for (let k = f; k < i; k++) {
        const lr = Lr[i * n + k];
        const li = Li[i * n + k];
        const yr = Yr[k * m + c];
        const yi = Yi[k * m + c];
        sr -= lr * yr - li * yi;
        si -= lr * yi + li * yr;
      }
      Yr[i * m + c] = sr;
      Yi[i * m + c] = si;
    }
  }
}

/** out[a][b] −= Σ_k Y[k][a] Y[k][b] / D_k for Y (n × m), symmetric m × m result (row stride m). */
function schurSub(n: number, m: number, Dr: Float64Array, Di: Float64Array, Yr: Float64Array, Yi: Float64Array, outR: Float64Array, outI: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const dr = Dr[k * n + k];
    const di = Di[k * n + k];
    const den = dr * dr + di * di;
    const ir = dr / den;
    const ii = -di / den;
    const ok = k * m;
    for (let a = 0; a < m; a++) {
      const yr = Yr[ok + a];
      const yi = Yi[ok + a];
      if (yr === 0 && yi === 0) continue;
      const zr = yr * ir - yi * ii;
      const zi = yr * ii + yi * ir;
      const oa = a * m;
      for (let b = a; b < m; b++) {
        const wr = Yr[ok + b];
        const wi = Yi[ok + b];
        outR[oa + b] -= zr * wr - zi * wi;
        outI[oa + b] -= zr * wi + zi * wr;
      }
    }
  }
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      outR[b * m + a] = outR[a * m + b];
      outI[b * m + a] = outI[a * m + b];
    }
  }
}

/** x ← L⁻¹x (single vector). */
function fwdVec(n: number, Lr: Float64Array, Li: Float64Array, xr: Float64Array, xi: Float64Array): void {
  for (let i = 1; i < n; i++) {
    let sr = xr[i];
    let si = xi[i];
    for (let k = 0; k < i; k++) {
      const lr = Lr[i * n + k];
      const li = Li[i * n + k];
      sr -= lr * xr[k] - li * xi[k];
      si -= lr * xi[k] + li * xr[k];
    }
    xr[i] = sr;
    xi[i] = si;
  }
}

/** out[a] −= Σ_k Y[k][a] y[k] / D_k (Y n × m). */
function schurVec(n: number, m: number, Dr: Float64Array, Di: Float64Array, Yr: Float64Array, Yi: Float64Array, yr: Float64Array, yi: Float64Array, outR: Float64Array, outI: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const dr = Dr[k * n + k];
    const di = Di[k * n + k];
    const den = dr * dr + di * di;
    const zr = (yr[k] * dr + yi[k] * di) / den;
    const zi = (yi[k] * dr - yr[k] * di) / den;
    for (let a = 0; a < m; a++) {
      const wr = Yr[k * m + a];
      const wi = Yi[k * m + a];
      outR[a] -= wr * zr - wi * zi;
      outI[a] -= wr * zi + wi * zr;
    }
  }
}

/** State of the top (tip-zone) condensation at one row (free nodes [off, last)). */
interface TopState {
  off: number;
  n: number;
  Tr: Float64Array;
  Ti: Float64Array;
  hr: Float64Array;
  hi: Float64Array;
  tr: Float64Array;
  ti: Float64Array;
  f0r: number;
  f0i: number;
}

/** A zero top state for free nodes [off, last), with room for up to `last` free nodes. */
function topStart(off: number, last: number): TopState {
  const n = last - off;
  const c = last;
  return { off, n, Tr: new Float64Array(c * c), Ti: new Float64Array(c * c), hr: new Float64Array(c), hi: new Float64Array(c), tr: new Float64Array(c), ti: new Float64Array(c), f0r: 0, f0i: 0 };
}

const range = (a: number, b: number): number[] => {
  const out: number[] = [];
  for (let k = a; k < b; k++) out.push(k);
  return out;
};

/**
 * One step of the top-down condensation from row j+1 (state `up`) to row j through slab j, with
 * tip nodes 0 … tj on row j and 0 … tj1 on row j+1 (ψ = ψ_T there). Writes into `out`.
 *   M = R_FF + T_{j+1},  Y = L⁻¹ Q_FFᵀ,  T_j = P_FF − Yᵀ D⁻¹ Y,
 *   h_j = b_j − Yᵀ D⁻¹ L⁻¹ g,  t_j = ρ_j − Yᵀ D⁻¹ L⁻¹ v,  f_j = f_{j+1} + c₀ + (L⁻¹v)ᵀ D⁻¹ (L⁻¹g).
 */
function topStep(g: AnalogGrid, w: Work, cr: Complex, cz: Complex, tj: number, tj1: number, up: TopState, out: TopState, last: number, psiT: number): void {
  const nr = g.nr;
  fillSlab(g, w, cr, cz, Math.min(tj, tj1));
  const { Pr, Pi, Qr, Qi, Rr, Ri, Mr, Mi, Yr, Yi } = w;
  const oj = tj + 1;
  const nj = last - oj;
  const o1 = up.off;
  const n1 = up.n;
  // reaction coefficients ρ (and tip loads b = −ρ ψ_T) on the free nodes of both rows
  const rjR = w.v1r;
  const rjI = w.v1i;
  const r1R = w.v2r;
  const r1I = w.v2i;
  for (let c = 0; c < nj; c++) {
    const col = oj + c;
    let sr = 0;
    let si = 0;
    for (let t = Math.max(0, col - 1); t <= Math.min(tj, col + 1); t++) {
      sr += Pr[t * nr + col];
      si += Pi[t * nr + col];
    }
    for (let t = Math.max(0, col - 1); t <= Math.min(tj1, col + 1); t++) {
      sr += Qr[col * nr + t];
      si += Qi[col * nr + t];
    }
    rjR[c] = sr;
    rjI[c] = si;
  }
  for (let r = 0; r < n1; r++) {
    const col = o1 + r;
    let sr = 0;
    let si = 0;
    for (let t = Math.max(0, col - 1); t <= Math.min(tj, col + 1); t++) {
      sr += Qr[t * nr + col];
      si += Qi[t * nr + col];
    }
    for (let t = Math.max(0, col - 1); t <= Math.min(tj1, col + 1); t++) {
      sr += Rr[t * nr + col];
      si += Ri[t * nr + col];
    }
    r1R[r] = sr;
    r1I[r] = si;
  }
  let c0r = 0;
  let c0i = 0;
  for (let t = 0; t <= tj; t++) {
    for (let u = Math.max(0, t - 1); u <= Math.min(tj, t + 1); u++) {
      c0r += Pr[t * nr + u];
      c0i += Pi[t * nr + u];
    }
    for (let u = Math.max(0, t - 1); u <= Math.min(tj1, t + 1); u++) {
      c0r += 2 * Qr[t * nr + u];
      c0i += 2 * Qi[t * nr + u];
    }
  }
  for (let t = 0; t <= tj1; t++) {
    for (let u = Math.max(0, t - 1); u <= Math.min(tj1, t + 1); u++) {
      c0r += Rr[t * nr + u];
      c0i += Ri[t * nr + u];
    }
  }
  // M = R_FF + T_{j+1}
  for (let a = 0; a < n1; a++) {
    for (let b = 0; b < n1; b++) {
      Mr[a * n1 + b] = Rr[(o1 + a) * nr + o1 + b] + up.Tr[a * n1 + b];
      Mi[a * n1 + b] = Ri[(o1 + a) * nr + o1 + b] + up.Ti[a * n1 + b];
    }
  }
  ldl(n1, Mr, Mi);
  // Y = Q[F_j, F_{j+1}]ᵀ (n1 × nj), banded
  for (let r = 0; r < n1; r++) {
    for (let c = 0; c < nj; c++) {
      Yr[r * nj + c] = Qr[(oj + c) * nr + o1 + r];
      Yi[r * nj + c] = Qi[(oj + c) * nr + o1 + r];
    }
  }
  fwdCols(n1, nj, Mr, Mi, Yr, Yi, (c) => oj + c - 1 - o1);
  // g = h_{j+1} + b_{j+1}, v = t_{j+1} + ρ_{j+1}; forward-reduced
  const gR = w.v3r;
  const gI = w.v3i;
  const vR = w.v4r;
  const vI = w.v4i;
  for (let r = 0; r < n1; r++) {
    gR[r] = up.hr[r] - r1R[r] * psiT;
    gI[r] = up.hi[r] - r1I[r] * psiT;
    vR[r] = up.tr[r] + r1R[r];
    vI[r] = up.ti[r] + r1I[r];
  }
  fwdVec(n1, Mr, Mi, gR, gI);
  fwdVec(n1, Mr, Mi, vR, vI);
  let fr = up.f0r + c0r * psiT;
  let fi = up.f0i + c0i * psiT;
  for (let k = 0; k < n1; k++) {
    const dr = Mr[k * n1 + k];
    const di = Mi[k * n1 + k];
    const den = dr * dr + di * di;
    const zr = (gR[k] * dr + gI[k] * di) / den;
    const zi = (gI[k] * dr - gR[k] * di) / den;
    fr += vR[k] * zr - vI[k] * zi;
    fi += vR[k] * zi + vI[k] * zr;
  }
  out.off = oj;
  out.n = nj;
  for (let a = 0; a < nj; a++) {
    for (let b = 0; b < nj; b++) {
      out.Tr[a * nj + b] = Pr[(oj + a) * nr + oj + b];
      out.Ti[a * nj + b] = Pi[(oj + a) * nr + oj + b];
    }
    out.hr[a] = -rjR[a] * psiT;
    out.hi[a] = -rjI[a] * psiT;
    out.tr[a] = rjR[a];
    out.ti[a] = rjI[a];
  }
  schurSub(n1, nj, Mr, Mi, Yr, Yi, out.Tr, out.Ti);
  schurVec(n1, nj, Mr, Mi, Yr, Yi, gR, gI, out.hr, out.hi);
  schurVec(n1, nj, Mr, Mi, Yr, Yi, vR, vI, out.tr, out.ti);
  out.f0r = fr;
  out.f0i = fi;
}

/** Combine the bottom impedance S (nB × nB, nodes 0 … nB−1) with the top state at the tip-end row (tip nodes 0 … ta). */
function combine(w: Work, Sr: Float64Array, Si: Float64Array, so: number, nB: number, top: TopState, ta: number, psiT: number): Complex {
  const off = ta + 1;
  const n = nB - off;
  const { Mr, Mi } = w;
  const xr = w.v1r;
  const xi = w.v1i;
  for (let p = 0; p < n; p++) {
    const ip = off + p;
    for (let q = 0; q < n; q++) {
      Mr[p * n + q] = Sr[so + ip * nB + off + q] + top.Tr[p * n + q];
      Mi[p * n + q] = Si[so + ip * nB + off + q] + top.Ti[p * n + q];
    }
    let sr = top.hr[p];
    let si = top.hi[p];
    for (let t = 0; t <= ta; t++) {
      sr -= Sr[so + ip * nB + t] * psiT;
      si -= Si[so + ip * nB + t] * psiT;
    }
    xr[p] = sr;
    xi[p] = si;
  }
  ldl(n, Mr, Mi);
  fwdVec(n, Mr, Mi, xr, xi);
  for (let k = 0; k < n; k++) {
    const dr = Mr[k * n + k];
    const di = Mi[k * n + k];
    const den = dr * dr + di * di;
    const zr = (xr[k] * dr + xi[k] * di) / den;
    const zi = (xi[k] * dr - xr[k] * di) / den;
    xr[k] = zr;
    xi[k] = zi;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = 0; k < i; k++) {
      const lr = Mr[i * n + k];
      const li = Mi[i * n + k];
      xr[k] -= lr * xr[i] - li * xi[i];
      xi[k] -= lr * xi[i] + li * xr[i];
    }
  }
  let rr = top.f0r;
  let ri = top.f0i;
  for (let p = 0; p < n; p++) {
    rr += top.tr[p] * xr[p] - top.ti[p] * xi[p];
    ri += top.tr[p] * xi[p] + top.ti[p] * xr[p];
  }
  for (let t = 0; t <= ta; t++) {
    for (let u = 0; u <= ta; u++) {
      rr += Sr[so + t * nB + u] * psiT;
      ri += Si[so + t * nB + u] * psiT;
    }
    for (let p = 0; p < n; p++) {
      const sr = Sr[so + t * nB + off + p];
      const si = Si[so + t * nB + off + p];
      rr += sr * xr[p] - si * xi[p];
      ri += sr * xi[p] + si * xr[p];
    }
  }
  return { re: -rr, im: -ri };
}

/**
 * Force of the scalar analog with the tip end on rows `ends` (depth h − j·Δz), slab
 * conductivities (cr_j, cz_j), j = 0 … rows−1 bottom to top. `tipIndex(j, ja)` is the last radial
 * node inside the tip on row j ≥ ja when the tip end is on row ja (flat: constant ⇒ one shared
 * top sweep for all depths; otherwise one top sweep per depth). Returns F per requested row.
 *
 * Bottom sweep: S_1 = R_0, S_{j+1} = R_j − Q_jᵀ (S_j + P_j)⁻¹ Q_j (condensation of the film below
 * row j+1, electrode and far field at ψ = 0); top sweep: {@link topStep}; then {@link combine}.
 */
function analogForces(g: AnalogGrid, cr: readonly Complex[], cz: readonly Complex[], A: number, ends: readonly number[], tipIndex: (j: number, ja: number) => number, shared: boolean): Complex[] {
  const { nr, rows } = g;
  const last = g.free ? nr : nr - 1;
  const nB = last;
  const nB2 = nB * nB;
  const psiT = -A;
  const maxEnd = Math.max(...ends);
  const w = workspace(nr);
  const Sr = new Float64Array((maxEnd + 1) * nB2);
  const Si = new Float64Array((maxEnd + 1) * nB2);
  fillSlab(g, w, cr[0], cz[0], 0);
  for (let a = 0; a < nB; a++) {
    for (let b = 0; b < nB; b++) {
      Sr[nB2 + a * nB + b] = w.Rr[a * nr + b];
      Si[nB2 + a * nB + b] = w.Ri[a * nr + b];
    }
  }
  for (let j = 1; j < maxEnd; j++) {
    fillSlab(g, w, cr[j], cz[j], 0);
    const so = j * nB2;
    const sn = (j + 1) * nB2;
    for (let a = 0; a < nB; a++) {
      for (let b = 0; b < nB; b++) {
        w.Mr[a * nB + b] = Sr[so + a * nB + b] + w.Pr[a * nr + b];
        w.Mi[a * nB + b] = Si[so + a * nB + b] + w.Pi[a * nr + b];
        w.Yr[a * nB + b] = w.Qr[a * nr + b];
        w.Yi[a * nB + b] = w.Qi[a * nr + b];
        Sr[sn + a * nB + b] = w.Rr[a * nr + b];
        Si[sn + a * nB + b] = w.Ri[a * nr + b];
      }
    }
    ldl(nB, w.Mr, w.Mi);
    fwdCols(nB, nB, w.Mr, w.Mi, w.Yr, w.Yi, (c) => c - 1);
    schurSub(nB, nB, w.Mr, w.Mi, w.Yr, w.Yi, Sr.subarray(sn, sn + nB2), Si.subarray(sn, sn + nB2));
  }
  const out: Complex[] = [];
  if (shared) {
    const t = tipIndex(rows, 0);
    const minEnd = Math.min(...ends);
    const byRow = new Map<number, Complex>();
    let a = topStart(t + 1, last);
    let b = topStart(t + 1, last);
    const want = new Set(ends);
    for (let j = rows - 1; j >= minEnd; j--) {
      topStep(g, w, cr[j], cz[j], t, t, a, b, last, psiT);
      [a, b] = [b, a];
      if (want.has(j)) byRow.set(j, combine(w, Sr, Si, j * nB2, nB, a, t, psiT));
    }
    for (const ja of ends) out.push(ja >= rows ? { re: 0, im: 0 } : (byRow.get(ja) as Complex));
    return out;
  }
  for (const ja of ends) {
    if (ja >= rows) {
      out.push({ re: 0, im: 0 });
      continue;
    }
    let a = topStart(tipIndex(rows, ja) + 1, last);
    let b = topStart(0, last);
    for (let j = rows - 1; j >= ja; j--) {
      topStep(g, w, cr[j], cz[j], tipIndex(j, ja), tipIndex(j + 1, ja), a, b, last, psiT);
      [a, b] = [b, a];
    }
    out.push(combine(w, Sr, Si, ja * nB2, nB, a, tipIndex(ja, ja), psiT));
  }
  return out;
}

/** Tip-node pattern of the analog grid for a tip: last radial node inside the tip on row j (tip end on row ja). */
function tipPattern(g: AnalogGrid, tip: TipGeometry): { index: (j: number, ja: number) => number; shared: boolean } {
  if (tip.shape === 'flat') return { index: () => g.ia, shared: true };
  const rn = g.rn;
  return {
    shared: false,
    index: (j: number, ja: number): number => {
      const rho = tipRadiusAt(tip, (j - ja) * g.dz);
      let k = 0;
      while (k + 1 < rn.length - 1 && rn[k + 1] <= rho + 1e-12 * rho) k++;
      // nearest node: step out when ρ is past the midpoint of the next interval
      if (k + 1 < rn.length - 1 && rho - rn[k] > 0.5 * (rn[k + 1] - rn[k])) k++;
      return k;
    },
  };
}

/** Rows on which the analog's tip end is evaluated: all (flat tip) or ≤ `maxEnds` evenly spaced. */
function endRows(rows: number, shared: boolean, maxEnds = 40): number[] {
  if (shared || rows - 1 <= maxEnds) return range(1, rows);
  const out: number[] = [];
  for (let k = 0; k < maxEnds; k++) out.push(1 + Math.round((k * (rows - 2)) / (maxEnds - 1)));
  return [...new Set(out)].sort((x, y) => x - y);
}

/** Analog forces at every row (tip end on row j) for a flat tip, exposed for verification tests only. */
function analogRowForces(g: AnalogGrid, cr: readonly Complex[], cz: readonly Complex[], A: number): Complex[] {
  const ends = range(1, g.rows);
  const F = analogForces(g, cr, cz, A, ends, () => g.ia, true);
  const out: Complex[] = new Array(g.rows + 1);
  out[0] = { re: Number.NaN, im: Number.NaN };
  out[g.rows] = { re: 0, im: 0 };
  ends.forEach((j, k) => (out[j] = F[k]));
  return out;
}

/** Slab conductivities of a film on the analog rows: radial = mean E*, vertical = γ·harmonic mean. */
function slabConductivities(profile: FilmProfile, rows: number): { cr: Complex[]; cz: Complex[] } {
  const h = profile.thickness;
  const dz = h / rows;
  const gp = [0.0694318442029737, 0.330009478207572, 0.669990521792428, 0.930568155797026];
  const gw = [0.173927422568727, 0.326072577431273, 0.326072577431273, 0.173927422568727];
  const cr: Complex[] = [];
  const cz: Complex[] = [];
  const tmp = new Float64Array(3);
  for (let j = 0; j < rows; j++) {
    let ar = 0;
    let ai = 0;
    let hr = 0;
    let hi = 0;
    for (let k = 0; k < 4; k++) {
      profile.at((j + gp[k]) * dz, tmp);
      const er = tmp[0];
      const ei = tmp[1];
      ar += gw[k] * er;
      ai += gw[k] * ei;
      const den = er * er + ei * ei;
      hr += (gw[k] * er) / den;
      hi -= (gw[k] * ei) / den;
    }
    cr.push({ re: ar, im: ai });
    const den = hr * hr + hi * hi;
    cz.push({ re: (ANALOG_ANISOTROPY * hr) / den, im: (-ANALOG_ANISOTROPY * hi) / den });
  }
  return { cr, cz };
}

// ---------------------------------------------------------------------------------------------
// interpolation

/** PCHIP slopes (Fritsch–Carlson) for ascending x. */
function pchipSlopes(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const n = x.length;
  const d = new Float64Array(n);
  if (n < 2) return d;
  const del = new Float64Array(n - 1);
  for (let k = 0; k < n - 1; k++) del[k] = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
  if (n === 2) {
    d[0] = del[0];
    d[1] = del[0];
    return d;
  }
  for (let k = 1; k < n - 1; k++) {
    if (del[k - 1] * del[k] <= 0) d[k] = 0;
    else {
      const h0 = x[k] - x[k - 1];
      const h1 = x[k + 1] - x[k];
      const w1 = 2 * h1 + h0;
      const w2 = h1 + 2 * h0;
      d[k] = (w1 + w2) / (w1 / del[k - 1] + w2 / del[k]);
    }
  }
  const end = (h0: number, h1: number, d0: number, d1: number): number => {
    let s = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
    if (Math.sign(s) !== Math.sign(d0)) s = 0;
    else if (Math.sign(d0) !== Math.sign(d1) && Math.abs(s) > Math.abs(3 * d0)) s = 3 * d0;
    return s;
  };
  d[0] = end(x[1] - x[0], x[2] - x[1], del[0], del[1]);
  d[n - 1] = end(x[n - 1] - x[n - 2], x[n - 2] - x[n - 3], del[n - 2], del[n - 3]);
  return d;
}

function pchipEval(x: ArrayLike<number>, y: ArrayLike<number>, d: ArrayLike<number>, t: number): number {
  const n = x.length;
  if (t <= x[0]) return y[0] + d[0] * (t - x[0]);
  if (t >= x[n - 1]) return y[n - 1] + d[n - 1] * (t - x[n - 1]);
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (x[m] <= t) lo = m;
    else hi = m;
  }
  const h = x[hi] - x[lo];
  const s = (t - x[lo]) / h;
  const h00 = (1 + 2 * s) * (1 - s) * (1 - s);
  const h10 = s * (1 - s) * (1 - s);
  const h01 = s * s * (3 - 2 * s);
  const h11 = s * s * (s - 1);
  return h00 * y[lo] + h10 * h * d[lo] + h01 * y[hi] + h11 * h * d[hi];
}

// ---------------------------------------------------------------------------------------------
// calibration by the FEA on homogeneous films (cached)

/** Depth fractions s = z_p/h of the calibration table. */
export const CALIBRATION_DEPTHS = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.96] as const;
/** Extra calibration depths near the surface for round/cone tips, as fractions of r_t (the cap regime). */
export const CALIBRATION_CAP_DEPTHS = [0.05, 0.1, 0.2, 0.35, 0.6] as const;

/** Depth fractions s of the calibration table for a tip and thickness (ascending, unique). */
export function calibrationDepthFractions(tip: TipGeometry, h: number): number[] {
  const s: number[] = [...CALIBRATION_DEPTHS];
  if (tip.shape !== 'flat') for (const f of CALIBRATION_CAP_DEPTHS) if ((f * tip.radius) / h < 0.04) s.push((f * tip.radius) / h);
  return [...new Set(s)].sort((a, b) => a - b);
}
/** Poisson-ratio nodes of the calibration table (ν outside is clamped). */
export const CALIBRATION_POISSON = [0.3, 0.45, 0.49] as const;
/** Thickness nodes h_k = 1 nm · 1.25^k of the calibration table (R interpolated in log h). */
export const CALIBRATION_THICKNESS_RATIO = 1.25;

const calibrationCache = new Map<string, { s: Float64Array; R: Float64Array }>();

function defaultRows(h: number): number {
  return Math.min(160, Math.max(40, Math.round(h / 0.5e-9)));
}

/** The analog's force curve at its end rows (ascending depth, with F(0) = 0). */
function analogCurve(g: AnalogGrid, tip: TipGeometry, cr: readonly Complex[], cz: readonly Complex[], A: number): { x: Float64Array; re: Float64Array; im: Float64Array } {
  const pat = tipPattern(g, tip);
  const ends = endRows(g.rows, pat.shared);
  const F = analogForces(g, cr, cz, A, ends, pat.index, pat.shared);
  const n = ends.length + 1;
  const x = new Float64Array(n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 1; k < n; k++) {
    const idx = ends.length - k; // descending rows ⇒ ascending depth
    x[k] = g.h - ends[idx] * g.dz;
    re[k] = F[idx].re;
    im[k] = F[idx].im;
  }
  return { x, re, im };
}

/** Analog force of a homogeneous unit-modulus film at given depths (interpolated like the queries). */
function analogHomogeneous(tip: TipGeometry, h: number, b: number, far: FarFieldCondition, rows: number, depths: readonly number[]): number[] {
  const grid = buildGrid(tip.radius, b, h, rows, far);
  const cr = new Array<Complex>(rows).fill({ re: 1, im: 0 });
  const cz = new Array<Complex>(rows).fill({ re: ANALOG_ANISOTROPY, im: 0 });
  const c = analogCurve(grid, tip, cr, cz, 1);
  const d = pchipSlopes(c.x, c.re);
  return depths.map((z) => pchipEval(c.x, c.re, d, z));
}

/**
 * Calibration ratios R(s) = F_FEA,hom / F_analog,hom at the depth fractions
 * {@link calibrationDepthFractions} for one tip, domain, thickness h (m) and Poisson ratio ν.
 * Computed once with the FEA-lite (default mesh) and cached in memory.
 */
export function calibrationRatios(tip: TipGeometry, h: number, nu: number, options: SurrogateOptions = {}): { s: Float64Array; R: Float64Array } {
  const b = options.domainRadius ?? FEA_PARAMS.domainRadius.default;
  const far = options.farField ?? 'moving';
  const rows = options.rows ?? defaultRows(h);
  const key = JSON.stringify([tip.shape, tip.radius, tip.coneHalfAngle ?? 0, h, nu, b, far, rows]);
  const hit = calibrationCache.get(key);
  if (hit) return hit;
  const film = homogeneousFilm(h, constantLoss(1e6, 0), nu);
  const profile = filmProfile(film, 1000);
  const sx = calibrationDepthFractions(tip, h);
  const depths = sx.map((x) => x * h);
  const fea = depths.map((d) => solvePrepared(profile, film, tip, { amplitude: 1e-9, frequency: 1000 }, d, { domainRadius: b, farField: far, keepFields: false }).force.re / (1e6 * 1e-9));
  const ana = analogHomogeneous(tip, h, b, far, rows, depths);
  const out = { s: Float64Array.from(sx), R: Float64Array.from(fea.map((f, k) => f / ana[k])) };
  calibrationCache.set(key, out);
  return out;
}

/** Number of cached calibration tables (for benchmarks and tests). */
export function calibrationCacheSize(): number {
  return calibrationCache.size;
}

/**
 * R(z_p/h, ν; h) at given depths: PCHIP in s = z_p/h over {@link calibrationDepthFractions}, linear in
 * ν between {@link CALIBRATION_POISSON} nodes (clamped), log-linear in h between thickness nodes.
 * `nus[k]` is the Poisson ratio at the tip end for depth k.
 */
function calibrationAt(tip: TipGeometry, h: number, depths: ArrayLike<number>, nus: ArrayLike<number>, options: SurrogateOptions): Float64Array {
  const q = CALIBRATION_THICKNESS_RATIO;
  const k0 = Math.floor(Math.log(h / 1e-9) / Math.log(q) + 1e-9);
  const h0 = 1e-9 * q ** k0;
  const hNodes = Math.abs(h - h0) <= 1e-9 * h ? [h0] : [h0, h0 * q];
  const wh = hNodes.length === 1 ? 0 : Math.log(h / h0) / Math.log(q);
  const nodes = CALIBRATION_POISSON;
  const n = depths.length;
  const iv = new Int32Array(n);
  const wv = new Float64Array(n);
  const used = new Set<number>();
  for (let k = 0; k < n; k++) {
    const nuc = Math.min(nodes[nodes.length - 1], Math.max(nodes[0], nus[k]));
    let i = 0;
    while (i < nodes.length - 2 && nuc > nodes[i + 1]) i++;
    iv[k] = i;
    wv[k] = (nuc - nodes[i]) / (nodes[i + 1] - nodes[i]);
    if (wv[k] < 1) used.add(i);
    if (wv[k] > 0) used.add(i + 1);
  }
  const out = new Float64Array(n);
  hNodes.forEach((hh, ih) => {
    const weightH = hNodes.length === 1 ? 1 : ih === 0 ? 1 - wh : wh;
    const rows = options.rows === undefined ? undefined : Math.max(8, Math.round((options.rows * hh) / h));
    const vals = new Map<number, Float64Array>();
    for (const i of used) {
      const { s: sx, R } = calibrationRatios(tip, hh, nodes[i], { ...options, rows });
      const d = pchipSlopes(sx, R);
      const v = new Float64Array(n);
      for (let k = 0; k < n; k++) v[k] = pchipEval(sx, R, d, Math.min(sx[sx.length - 1], Math.max(sx[0], depths[k] / h)));
      vals.set(i, v);
    }
    for (let k = 0; k < n; k++) {
      const lo = vals.get(iv[k]);
      const hi = vals.get(iv[k] + 1);
      const r = wv[k] <= 0 ? (lo as Float64Array)[k] : wv[k] >= 1 ? (hi as Float64Array)[k] : (1 - wv[k]) * (lo as Float64Array)[k] + wv[k] * (hi as Float64Array)[k];
      out[k] += weightH * r;
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// public entry points

/**
 * F_l*(z_p) and dF_l* /dz_p by the FEA-calibrated layered analog (see module doc): ~1–3 ms per film
 * for any number of depths after the first call per tip/domain/thickness range (which runs the
 * FEA-lite ~20–60 times to build the calibration). Validates first. SI in, N and N/m out.
 * Implements the force of `002_bf87beaba622041e.txt` §4 (Eq. 4–5) for the NRM twin.
 */
export function surrogateForceCurve(film: Film, tip: TipGeometry, dither: Dither, depths: ArrayLike<number>, options: SurrogateOptions = {}): ForceCurve {
  const problems: ParamProblem[] = checkDepths(depths);
  if (problems.length === 0) {
    problems.push(...checkLateralInputs(film, tip, dither, depths[0], { domainRadius: options.domainRadius }));
    const last = depths[depths.length - 1];
    let h = 0;
    for (const l of film.layers ?? []) h += l.thickness;
    if (problems.length === 0 && !(last < h)) problems.push({ path: `depths[${depths.length - 1}]`, value: last, message: 'the surrogate needs the tip end above the electrode', expected: `(0, ${h}) m` });
  }
  if (options.rows !== undefined && !(Number.isInteger(options.rows) && options.rows >= 8 && options.rows <= 2000)) problems.push({ path: 'rows', value: options.rows, message: 'not an integer in range', expected: '[8, 2000]' });
  if (problems.length > 0) throw new ParamError(problems);
  const profile = filmProfile(film, dither.frequency);
  const h = profile.thickness;
  const b = options.domainRadius ?? FEA_PARAMS.domainRadius.default;
  const far = options.farField ?? 'moving';
  const rows = options.rows ?? defaultRows(h);
  const grid = buildGrid(tip.radius, b, h, rows, far);
  const { cr, cz } = slabConductivities(profile, rows);
  const c = analogCurve(grid, tip, cr, cz, dither.amplitude);
  const dre = pchipSlopes(c.x, c.re);
  const dim = pchipSlopes(c.x, c.im);
  const nus = new Float64Array(depths.length);
  const tmp = new Float64Array(3);
  for (let k = 0; k < depths.length; k++) {
    profile.at(h - depths[k], tmp);
    nus[k] = tmp[2];
  }
  const Rk = calibrationAt(tip, h, depths, nus, { domainRadius: b, farField: far, rows: options.rows });
  const force: Complex[] = [];
  for (let k = 0; k < depths.length; k++) {
    const d = depths[k];
    const R = Rk[k];
    force.push({ re: R * pchipEval(c.x, c.re, dre, d), im: R * pchipEval(c.x, c.im, dim, d) });
  }
  const dd = Float64Array.from(depths);
  return { depths_m: dd, force, dFdz: derivativeNonUniform(dd, force) };
}

/**
 * The fidelity switch: F_l*(z_p) and dF_l* /dz_p by the full FEA-lite (`'fea'`, one finite-element
 * solve per depth, ~20–200 ms each) or by the FEA-calibrated surrogate (`'surrogate'`, ~ms per
 * film). Same inputs and outputs; SI units (m, Hz → N, N/m). `002_bf87beaba622041e.txt` §4.
 */
export function lateralForceCurve(
  film: Film,
  tip: TipGeometry,
  dither: Dither,
  depths: ArrayLike<number>,
  fidelity: Fidelity,
  options: FeaOptions & SurrogateOptions = {},
): ForceCurve {
  switch (fidelity) {
    case 'fea':
      return feaForceCurve(film, tip, dither, depths, options);
    case 'surrogate':
      return surrogateForceCurve(film, tip, dither, depths, { domainRadius: options.domainRadius, farField: options.farField, rows: options.rows });
    default: {
      const never: never = fidelity;
      throw new ParamError([{ path: 'fidelity', value: never, message: 'unknown fidelity', expected: FIDELITIES.join(' | ') }]);
    }
  }
}

/** Analog forces at every row (tip end on row j), exposed for verification tests only. */
export function analogRowForcesForTest(tipRadius: number, domainRadius: number, thickness: number, rows: number, far: FarFieldCondition, cr: readonly Complex[], cz: readonly Complex[], amplitude: number): Complex[] {
  return analogRowForces(buildGrid(tipRadius, domainRadius, thickness, rows, far), cr, cz, amplitude);
}
