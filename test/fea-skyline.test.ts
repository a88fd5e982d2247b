/**
 * The skyline LDLᵀ solvers against a dense Gaussian elimination with partial pivoting, on
 * random symmetric positive definite (real) and complex-symmetric matrices with positive definite
 * real part and positive semi-definite imaginary part (the viscoelastic stiffness class), with
 * random variable-band profiles. Seeds are fixed (fast-check seed 2024).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  factorComplex,
  factorReal,
  makeProfile,
  skylineComplex,
  skylineIndex,
  skylineReal,
  solveComplex,
  solveReal,
} from '../src/models/fea/skyline.js';

/** Dense complex Gaussian elimination with partial pivoting (reference). */
function denseSolve(Ar: number[][], Ai: number[][], br: number[], bi: number[]): [number[], number[]] {
  const n = br.length;
  const R = Ar.map((r) => r.slice());
  const I = Ai.map((r) => r.slice());
  const xr = br.slice();
  const xi = bi.slice();
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.hypot(R[i][k], I[i][k]) > Math.hypot(R[p][k], I[p][k])) p = i;
    [R[k], R[p]] = [R[p], R[k]];
    [I[k], I[p]] = [I[p], I[k]];
    [xr[k], xr[p]] = [xr[p], xr[k]];
    [xi[k], xi[p]] = [xi[p], xi[k]];
    const dr = R[k][k];
    const di = I[k][k];
    const den = dr * dr + di * di;
    for (let i = k + 1; i < n; i++) {
      const mr = (R[i][k] * dr + I[i][k] * di) / den;
      const mi = (I[i][k] * dr - R[i][k] * di) / den;
      for (let j = k; j < n; j++) {
        R[i][j] -= mr * R[k][j] - mi * I[k][j];
        I[i][j] -= mr * I[k][j] + mi * R[k][j];
      }
      xr[i] -= mr * xr[k] - mi * xi[k];
      xi[i] -= mr * xi[k] + mi * xr[k];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let sr = xr[i];
    let si = xi[i];
    for (let j = i + 1; j < n; j++) {
      sr -= R[i][j] * xr[j] - I[i][j] * xi[j];
      si -= R[i][j] * xi[j] + I[i][j] * xr[j];
    }
    const dr = R[i][i];
    const di = I[i][i];
    const den = dr * dr + di * di;
    xr[i] = (sr * dr + si * di) / den;
    xi[i] = (si * dr - sr * di) / den;
  }
  return [xr, xi];
}

/** A random profile-structured SPD matrix: A = Σ_e B_eᵀ B_e over random "elements" + shift. */
function randomMatrix(n: number, rnd: () => number, imagScale: number) {
  const Ar = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const Ai = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const first = Array.from({ length: n }, (_, i) => i);
  for (let e = 0; e < n; e++) {
    // an "element" couples a contiguous window of up to 6 unknowns, like a banded FE matrix
    const start = Math.floor(rnd() * n);
    const size = 1 + Math.floor(rnd() * 6);
    const idx = [] as number[];
    for (let k = 0; k < size && start + k < n; k++) idx.push(start + k);
    const v = idx.map(() => rnd() - 0.5);
    const w = idx.map(() => rnd() - 0.5);
    const eta = imagScale * rnd();
    for (let a = 0; a < idx.length; a++)
      for (let b = 0; b < idx.length; b++) {
        Ar[idx[a]][idx[b]] += v[a] * v[b] + w[a] * w[b];
        Ai[idx[a]][idx[b]] += eta * v[a] * v[b];
      }
    for (const i of idx) first[i] = Math.min(first[i], idx[0]);
  }
  for (let i = 0; i < n; i++) Ar[i][i] += 0.1;
  return { Ar, Ai, first };
}

function mulberry(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('skyline LDLᵀ vs dense solve (fast-check seed 2024)', () => {
  it('real symmetric positive definite, random profiles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
        const rnd = mulberry(seed);
        const { Ar, first } = randomMatrix(n, rnd, 0);
        const prof = makeProfile(first);
        const m = skylineReal(prof);
        for (let i = 0; i < n; i++) for (let j = first[i]; j <= i; j++) m.a[skylineIndex(prof, i, j)] = Ar[i][j];
        const b = Array.from({ length: n }, () => rnd() - 0.5);
        const x = Float64Array.from(b);
        factorReal(m);
        solveReal(m, x);
        const [xd] = denseSolve(Ar, Ar.map((r) => r.map(() => 0)), b, b.map(() => 0));
        const scale = Math.max(...xd.map(Math.abs));
        // both are backward stable; 1e-9 relative to the solution size leaves room for cond ~1e6
        return xd.every((v, i) => Math.abs(v - x[i]) <= 1e-9 * scale);
      }),
      { seed: 2024, numRuns: 60 },
    );
  });
  it('complex symmetric (K′ SPD + iK″, K″ PSD), random profiles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
        const rnd = mulberry(seed);
        const { Ar, Ai, first } = randomMatrix(n, rnd, 2);
        const prof = makeProfile(first);
        const m = skylineComplex(prof);
        for (let i = 0; i < n; i++)
          for (let j = first[i]; j <= i; j++) {
            const k = skylineIndex(prof, i, j);
            m.re[k] = Ar[i][j];
            m.im[k] = Ai[i][j];
          }
        const br = Array.from({ length: n }, () => rnd() - 0.5);
        const bi = Array.from({ length: n }, () => rnd() - 0.5);
        const xr = Float64Array.from(br);
        const xi = Float64Array.from(bi);
        factorComplex(m);
        solveComplex(m, xr, xi);
        const [dr, di] = denseSolve(Ar, Ai, br, bi);
        const scale = Math.max(...dr.map((v, i) => Math.hypot(v, di[i])));
        return dr.every((v, i) => Math.hypot(v - xr[i], di[i] - xi[i]) <= 1e-9 * scale);
      }),
      { seed: 2024, numRuns: 60 },
    );
  });
  it('a zero pivot is reported with its row', () => {
    const prof = makeProfile([0, 0]);
    const m = skylineReal(prof);
    m.a.set([1, 1, 1]); // [[1,1],[1,1]] is singular
    expect(() => factorReal(m)).toThrow(/row 1/);
  });
  it('profile storage: the matrix entries land where skylineIndex says', () => {
    const prof = makeProfile([0, 0, 1, 0]);
    expect(prof.offset[4]).toBe(1 + 2 + 2 + 4);
    expect(skylineIndex(prof, 3, 0)).toBe(5);
    expect(skylineIndex(prof, 2, 0)).toBe(-1);
    expect(skylineIndex(prof, 1, 3)).toBe(skylineIndex(prof, 3, 1));
  });
});
