/**
 * The fast surrogate (src/models/fea/surrogate.ts) against the full FEA-lite.
 *
 * Stated tolerance (flat 10 nm tip, 60 nm films, ν = 0.45, random 2–4-layer films with up to 30×
 * modulus contrast per interface in either direction, loss tangents 0–0.8, 8 depths each;
 * fast-check-free deterministic seed 20260 via a Park–Miller stream):
 *   median relative error |F_s − F_FEA|/|F_FEA| < 1.5 %, 90th percentile < 4 %, worst < 15 %
 * (measured 0.5–0.8 %, 2–2.5 %, ~12 %; the worst cases are the tip end within ~1 nm of a
 * sharp interface with a large contrast). Homogeneous films are exact at the calibration nodes.
 */
import { describe, expect, it } from 'vitest';
import { feaForceCurve } from '../src/models/fea/curve.js';
import { ANALOG_ANISOTROPY, ANALOG_RADIAL, analogRowForcesForTest, CALIBRATION_DEPTHS, radialNodes, lateralForceCurve, surrogateForceCurve } from '../src/models/fea/surrogate.js';
import { constantLoss, homogeneousFilm, type Film } from '../src/models/film/index.js';
import { ParamError } from '../src/models/params.js';
import { crelDiff } from '../src/models/complex.js';

const dither = { amplitude: 2e-9, frequency: 1000 };
const tip = { shape: 'flat' as const, radius: 10e-9 };

/** Dense complex Gaussian elimination (reference for the Schur sweeps). */
function denseSolve(Ar: Float64Array, Ai: Float64Array, br: Float64Array, bi: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const dr = Ar[k * n + k];
    const di = Ai[k * n + k];
    const den = dr * dr + di * di;
    for (let i = k + 1; i < n; i++) {
      const mr = (Ar[i * n + k] * dr + Ai[i * n + k] * di) / den;
      const mi = (Ai[i * n + k] * dr - Ar[i * n + k] * di) / den;
      if (mr === 0 && mi === 0) continue;
      for (let j = k; j < n; j++) {
        Ar[i * n + j] -= mr * Ar[k * n + j] - mi * Ai[k * n + j];
        Ai[i * n + j] -= mr * Ai[k * n + j] + mi * Ar[k * n + j];
      }
      br[i] -= mr * br[k] - mi * bi[k];
      bi[i] -= mr * bi[k] + mi * br[k];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let sr = br[i];
    let si = bi[i];
    for (let j = i + 1; j < n; j++) {
      sr -= Ar[i * n + j] * br[j] - Ai[i * n + j] * bi[j];
      si -= Ar[i * n + j] * bi[j] + Ai[i * n + j] * br[j];
    }
    const dr = Ar[i * n + i];
    const di = Ai[i * n + i];
    const den = dr * dr + di * di;
    br[i] = (sr * dr + si * di) / den;
    bi[i] = (si * dr - sr * di) / den;
  }
}

/** Direct assembly + solve of the same scalar analog, force with the tip end on row ja. */
function directAnalog(a: number, b: number, h: number, rows: number, cr: { re: number; im: number }[], cz: { re: number; im: number }[], A: number, ja: number): { re: number; im: number } {
  const rn = radialNodes(a, b);
  const nr = rn.length;
  const ia = ANALOG_RADIAL.inner.length - 1;
  const N = nr * (rows + 1);
  const Kr = new Float64Array(N * N);
  const Ki = new Float64Array(N * N);
  const dz = h / rows;
  const g = [-1 / Math.sqrt(3), 1 / Math.sqrt(3)];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < nr - 1; i++) {
      if (j >= ja && i < ia) continue; // inside the tip
      const nodes = [j * nr + i, j * nr + i + 1, (j + 1) * nr + i, (j + 1) * nr + i + 1];
      for (const xi of g)
        for (const et of g) {
          const hr = (rn[i + 1] - rn[i]) / 2;
          const Nf = [((1 - xi) * (1 - et)) / 4, ((1 + xi) * (1 - et)) / 4, ((1 - xi) * (1 + et)) / 4, ((1 + xi) * (1 + et)) / 4];
          const dNr = [-(1 - et) / 4 / hr, (1 - et) / 4 / hr, -(1 + et) / 4 / hr, (1 + et) / 4 / hr];
          const dNz = [-(1 - xi) / 2 / dz, -(1 + xi) / 2 / dz, (1 - xi) / 2 / dz, (1 + xi) / 2 / dz];
          const rr = (Nf[0] + Nf[2]) * rn[i] + (Nf[1] + Nf[3]) * rn[i + 1];
          const w = 2 * Math.PI * rr * hr * (dz / 2);
          for (let p = 0; p < 4; p++)
            for (let q = 0; q < 4; q++) {
              const kr = w * dNr[p] * dNr[q];
              const kz = w * dNz[p] * dNz[q];
              Kr[nodes[p] * N + nodes[q]] += cr[j].re * kr + cz[j].re * kz;
              Ki[nodes[p] * N + nodes[q]] += cr[j].im * kr + cz[j].im * kz;
            }
        }
    }
  }
  // ψ = φ − A: electrode and far 0, tip −A
  const val = new Float64Array(N).fill(Number.NaN);
  for (let j = 0; j <= rows; j++)
    for (let i = 0; i < nr; i++) {
      const k = j * nr + i;
      if (j === 0 || i === nr - 1) val[k] = 0;
      if (j >= ja && i <= ia) val[k] = -A;
    }
  const K0r = Kr.slice();
  const K0i = Ki.slice();
  const br = new Float64Array(N);
  const bi = new Float64Array(N);
  for (let p = 0; p < N; p++) {
    if (!Number.isNaN(val[p])) continue;
    for (let q = 0; q < N; q++) if (!Number.isNaN(val[q])) {
      br[p] -= Kr[p * N + q] * val[q];
      bi[p] -= Ki[p * N + q] * val[q];
    }
  }
  for (let p = 0; p < N; p++) if (!Number.isNaN(val[p])) {
    for (let q = 0; q < N; q++) {
      Kr[p * N + q] = p === q ? 1 : 0;
      Ki[p * N + q] = 0;
      Kr[q * N + p] = p === q ? 1 : 0;
      Ki[q * N + p] = 0;
    }
    br[p] = val[p];
    bi[p] = 0;
  }
  denseSolve(Kr, Ki, br, bi, N);
  let Fr = 0;
  let Fi = 0;
  for (let p = 0; p < N; p++) if (val[p] === -A) for (let q = 0; q < N; q++) {
    Fr -= K0r[p * N + q] * br[q] - K0i[p * N + q] * bi[q];
    Fi -= K0r[p * N + q] * bi[q] + K0i[p * N + q] * br[q];
  }
  return { re: Fr, im: Fi };
}

function parkMiller(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

describe('scalar analog', () => {
  it('Schur-complement row sweeps equal a direct solve of the same discrete analog (seed 7)', () => {
    const rnd = parkMiller(7);
    const rows = 8;
    const cr = Array.from({ length: rows }, () => ({ re: 10 ** (6 + 2 * rnd()), im: 0 }));
    cr.forEach((c) => (c.im = c.re * rnd()));
    const cz = cr.map((c) => ({ re: ANALOG_ANISOTROPY * c.re, im: ANALOG_ANISOTROPY * c.im }));
    const F = analogRowForcesForTest(10e-9, 80e-9, 20e-9, rows, 'moving', cr, cz, 2e-9);
    for (const ja of [1, 3, 6, 7]) {
      const ref = directAnalog(10e-9, 80e-9, 20e-9, rows, cr, cz, 2e-9, ja);
      // both are exact solves of one linear system; 1e-10 leaves room for round-off
      expect(crelDiff(F[ja], ref)).toBeLessThan(1e-10);
    }
  });
});

describe('surrogate vs FEA-lite', () => {
  const h = 1e-9 * 1.25 ** 19; // ≈ 69.4 nm, a calibration thickness node ⇒ homogeneous exact
  it('homogeneous film: exact at the calibration depths, correspondence for complex E*', () => {
    const f: Film = { layers: [{ thickness: h, modulus: { kind: 'kelvin-voigt', youngsModulus: 3e6, viscosity: 200 }, poissonRatio: 0.45 }] };
    const depths = CALIBRATION_DEPTHS.map((s) => s * h);
    const S = surrogateForceCurve(f, tip, dither, depths);
    const F = feaForceCurve(f, tip, dither, depths);
    S.force.forEach((x, k) => expect(crelDiff(x, F.force[k])).toBeLessThan(1e-9));
  });
  it('random layered films: median < 1.5 %, p90 < 4 %, max < 15 % (seed 20260)', () => {
    const rnd = parkMiller(20260);
    const H = 60e-9;
    const errs: number[] = [];
    for (let t = 0; t < 10; t++) {
      const L = 2 + Math.floor(rnd() * 3);
      const cuts = Array.from({ length: L - 1 }, () => rnd()).sort();
      const th = [...cuts, 1].map((c, i) => (c - (i ? cuts[i - 1] : 0)) * H);
      if (th.some((x) => x < 2e-9)) {
        t--;
        continue;
      }
      let E = 10 ** (6 + rnd() * 1.5);
      const film: Film = {
        layers: th.map((x) => {
          const l = { thickness: x, modulus: constantLoss(E, rnd() * 0.8), poissonRatio: 0.45 };
          E *= 30 ** (2 * rnd() - 1);
          return l;
        }),
      };
      const depths = Array.from({ length: 8 }, (_, i) => ((i + 0.5) / 8) * H * 0.97);
      const S = surrogateForceCurve(film, tip, dither, depths);
      const F = feaForceCurve(film, tip, dither, depths);
      S.force.forEach((x, k) => errs.push(crelDiff(x, F.force[k])));
    }
    errs.sort((a, b) => a - b);
    const q = (p: number) => errs[Math.min(errs.length - 1, Math.floor(p * errs.length))];
    expect(q(0.5)).toBeLessThan(0.015);
    expect(q(0.9)).toBeLessThan(0.04);
    expect(errs[errs.length - 1]).toBeLessThan(0.15);
  });
  it('fidelity switch: "fea" is the FEA curve, "surrogate" the surrogate, anything else throws', () => {
    const f = homogeneousFilm(40e-9, constantLoss(1e6, 0.2), 0.45);
    const d = [10e-9, 20e-9];
    expect(lateralForceCurve(f, tip, dither, d, 'fea').force).toEqual(feaForceCurve(f, tip, dither, d).force);
    expect(lateralForceCurve(f, tip, dither, d, 'surrogate').force).toEqual(surrogateForceCurve(f, tip, dither, d).force);
    expect(() => lateralForceCurve(f, tip, dither, d, 'fast' as never)).toThrow(ParamError);
    expect(() => surrogateForceCurve(f, tip, dither, [40e-9])).toThrow(/depths\[0\]/);
  });
});
