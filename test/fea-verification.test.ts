/**
 * Verification of the FEA-lite against closed forms and by mesh refinement.
 *
 * Reference: the plane-strain rigid disc in an annulus (src/models/fea/analytic.ts, derived there
 * with Kolosov–Muskhelishvili potentials; formula quoted in issue 3):
 *   F/L = 8πμ(1−ν)U / [κ ln(b/a) − (b²−a²)/(κ(b²+a²))],  κ = 3 − 4ν.
 * The FEA reproduces it when the tip goes through the whole layer and the top and bottom are
 * frictionless rollers (then the 3D solution is z-independent plane strain).
 */
import { describe, expect, it } from 'vitest';
import { planeStrainDiscForcePerLength } from '../src/models/fea/analytic.js';
import { elementScratch, elementStiffness } from '../src/models/fea/element.js';
import { solveLateral } from '../src/models/fea/solve.js';
import { constantLoss, homogeneousFilm } from '../src/models/film/index.js';

const dither = { amplitude: 2e-9, frequency: 1000 };

/** The refinement-study mesh: base tip element 0.12·min(r_t, h), growth 1.45, split m × m. */
function planeStrainError(nu: number, m: number, study = true): number {
  const h = 10e-9;
  const a = 10e-9;
  const b = 300e-9;
  const E = 1e6;
  const film = homogeneousFilm(h, constantLoss(E, 0), nu);
  const exact = planeStrainDiscForcePerLength(E / (2 * (1 + nu)), nu, dither.amplitude, a, b) * h;
  const s = solveLateral(film, { shape: 'flat', radius: a }, dither, h, {
    domainRadius: b,
    electrode: 'roller',
    top: 'roller',
    keepFields: false,
    mesh: study ? { refinement: m, tipElementSize: 0.12, growth: 1.45 } : { refinement: m },
  });
  expect(s.force.im).toBe(0);
  return Math.abs(s.force.re / exact - 1);
}

describe('plane-strain closed form (tip through the layer, roller top and bottom)', () => {
  for (const nu of [0.3, 0.45, 0.499]) {
    it(`ν = ${nu}: < 0.5 % at the finest mesh, convergence rate ≈ 4`, () => {
      const ms = [1, 2, 3];
      const err = ms.map((m) => planeStrainError(nu, m));
      // the requirement: < 0.5 % at the finest mesh (we reach ~1e-6)
      expect(err[2]).toBeLessThan(5e-3);
      expect(err[2]).toBeLessThan(1e-5);
      // quadratic (Q9) elements: energy-norm error O(h²), so the reaction (a compliant,
      // energy-like output, F·A_l = uᵀKu) converges at O(h^4). Measured rates 3.9–3.97.
      const p12 = Math.log(err[0] / err[1]) / Math.log(2);
      const p23 = Math.log(err[1] / err[2]) / Math.log(3 / 2);
      expect(p12).toBeGreaterThan(4 - 0.2); // pre-asymptotic first step
      expect(p23).toBeGreaterThan(4 - 0.1);
      expect(p23).toBeLessThan(4 + 0.5);
    });
  }
  it('no volumetric locking: ν = 0.4999 on the coarse default mesh is within 0.1 %', () => {
    // a locking element would over-stiffen by a factor that grows like 1/(1 − 2ν) = 5000;
    // measured 5e-4 (the same as for ν = 0.3 on this mesh)
    expect(planeStrainError(0.4999, 1, false)).toBeLessThan(1e-3);
    expect(planeStrainError(0.4999, 1, false)).toBeLessThan(2 * planeStrainError(0.3, 1, false));
  });
});

describe('element', () => {
  // a distorted 9-node element away from the axis
  const xr = [20, 25, 31, 21, 26.5, 32, 22, 27, 33.5].map((x) => x * 1e-9);
  const xz = [10, 9.5, 10.2, 14, 14.5, 14.1, 19, 19.3, 18.8].map((x) => x * 1e-9);
  const mat = (_z: number, out: Float64Array) => {
    out[0] = 3e6;
    out[1] = 1e6;
    out[2] = 0.49;
  };
  const Kr = new Float64Array(729);
  const Ki = new Float64Array(729);
  elementStiffness(xr, xz, mat, Kr, Ki, elementScratch());
  const apply = (K: Float64Array, u: number[]) => Array.from({ length: 27 }, (_, p) => u.reduce((s, v, q) => s + K[27 * p + q] * v, 0));
  const norm = (K: Float64Array) => Math.sqrt(K.reduce((s, v) => s + v * v, 0));
  it('rigid translation along x (U = V = 1, W = 0) is a null mode', () => {
    const u = Array.from({ length: 27 }, (_, p) => (p % 3 === 2 ? 0 : 1e-9));
    const f = apply(Kr, u).concat(apply(Ki, u));
    // relative to ‖K‖·‖u‖; round-off only
    expect(Math.max(...f.map(Math.abs))).toBeLessThan(1e-12 * norm(Kr) * 1e-9);
  });
  it('rigid rotation about y (U = V = ωz, W = −ωr) is a null mode', () => {
    const u: number[] = [];
    for (let k = 0; k < 9; k++) u.push(xz[k] * 1e-3, xz[k] * 1e-3, -xr[k] * 1e-3);
    const f = apply(Kr, u);
    expect(Math.max(...f.map(Math.abs))).toBeLessThan(1e-12 * norm(Kr) * 1e-3 * 35e-9);
  });
  it('stiffness is symmetric and its imaginary part is E″/E′ times the real part for one material', () => {
    for (let p = 0; p < 27; p++)
      for (let q = 0; q < 27; q++) {
        expect(Math.abs(Kr[27 * p + q] - Kr[27 * q + p])).toBeLessThan(1e-12 * norm(Kr));
        expect(Math.abs(Ki[27 * p + q] - Kr[27 * p + q] / 3)).toBeLessThan(1e-12 * norm(Kr));
      }
  });
});

describe('mesh refinement of the 3D problem (flat tip inside a bonded film)', () => {
  it('force converges: successive changes shrink and the base mesh is within 0.2 %', () => {
    const film = homogeneousFilm(40e-9, constantLoss(1e6, 0), 0.45);
    const F = [1, 2, 3].map(
      (m) => solveLateral(film, { shape: 'flat', radius: 10e-9 }, dither, 20e-9, { domainRadius: 200e-9, keepFields: false, mesh: { refinement: m } }).force.re,
    );
    const d12 = Math.abs(F[0] - F[1]);
    const d23 = Math.abs(F[1] - F[2]);
    expect(d23).toBeLessThan(d12);
    // the corner singularity of the flat punch limits the rate below 4; the graded base mesh is
    // already within 0.2 % of the m = 3 result (measured ~1e-4)
    expect(Math.abs(F[0] / F[2] - 1)).toBeLessThan(2e-3);
  });
});
