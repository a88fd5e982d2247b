/**
 * Benchmark of the FEA-lite and its surrogate (issue 3 targets):
 *   - one converged r_g (≤ 1 % discretisation error) in < 2 s,
 *   - a full F_l*(z_p) curve of 50 depths (layered viscoelastic film, complex arithmetic) in < 20 s,
 *   - peak RSS < 1 GB;
 * plus the surrogate's throughput (NRM twin: ~400 depths × 800 films) and its error against
 * the FEA on random layered films. Prints one JSON object. Run: `npx tsx bench/fea.ts`.
 */
import { calibrateRg } from '../src/analysis/rg.js';
import { crelDiff } from '../src/models/complex.js';
import { feaForceCurve } from '../src/models/fea/curve.js';
import { calibrationCacheSize, surrogateForceCurve } from '../src/models/fea/surrogate.js';
import { type TipGeometry } from '../src/models/fea/tip.js';
import { constantLoss, homogeneousFilm, type Film } from '../src/models/film/index.js';

const dither = { amplitude: 2e-9, frequency: 1000 };
const flat: TipGeometry = { shape: 'flat', radius: 10e-9 };
const cone: TipGeometry = { shape: 'cone', radius: 10e-9, coneHalfAngle: (20 * Math.PI) / 180 };
const now = (): number => performance.now();

// 1. one converged r_g: 12 depths on the 1 MPa, 100 nm reference layer, default mesh
const ref = homogeneousFilm(100e-9, constantLoss(1e6, 0), 0.45);
const depths12 = Array.from({ length: 12 }, (_, k) => 100e-9 * (0.02 + (0.96 * k) / 11));
let t0 = now();
const c1 = feaForceCurve(ref, flat, dither, depths12);
const rg = calibrateRg({ depths_m: c1.depths_m, force_N: c1.force, amplitude_m: dither.amplitude, referenceModulus_Pa: 1e6 });
const rgTime = (now() - t0) / 1000;
// discretisation error: same depths on the 3× refined mesh
const c3 = feaForceCurve(ref, flat, dither, depths12, { mesh: { refinement: 3 } });
const rgFine = calibrateRg({ depths_m: c3.depths_m, force_N: c3.force, amplitude_m: dither.amplitude, referenceModulus_Pa: 1e6, window: { from_m: rg.window.from_m, to_m: rg.window.to_m } });

// 2. a 50-depth curve on a layered viscoelastic film (different loss tangents ⇒ complex solve)
const layered: Film = {
  layers: [
    { thickness: 20e-9, modulus: constantLoss(50e6, 0.05), poissonRatio: 0.35 },
    { thickness: 30e-9, modulus: { kind: 'zener', relaxedModulus: 5e6, unrelaxedModulus: 15e6, relaxationTime: 1.6e-4 }, poissonRatio: 0.45 },
    { thickness: 50e-9, modulus: { kind: 'kelvin-voigt', youngsModulus: 1e6, viscosity: 80 }, poissonRatio: 0.49 },
  ],
  interfaces: [{ shape: 'linear', width: 3e-9 }, { shape: 'tanh', width: 4e-9 }],
};
const depths50 = Array.from({ length: 50 }, (_, k) => 100e-9 * (0.01 + (0.97 * k) / 49));
t0 = now();
feaForceCurve(layered, flat, dither, depths50);
const curveTime = (now() - t0) / 1000;

// 3. surrogate: calibration at first use, then 400 depths × N films
const sei = (rnd: () => number): Film => ({
  layers: [
    { thickness: 5e-9, modulus: constantLoss(1e8 * (0.5 + rnd()), 0.03), poissonRatio: 0.3 },
    { thickness: 10e-9, modulus: { kind: 'zener', relaxedModulus: 1e7 * (0.5 + rnd()), unrelaxedModulus: 3e7, relaxationTime: 1.6e-4 }, poissonRatio: 0.4 },
    { thickness: 15e-9, modulus: { kind: 'kelvin-voigt', youngsModulus: 1e6 * (0.5 + rnd()), viscosity: 80 * rnd() }, poissonRatio: 0.49 },
  ],
});
const park = (seed: number) => {
  let s = seed;
  return (): number => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
};
const depths400 = Array.from({ length: 400 }, (_, k) => 30e-9 * 0.98 * ((k + 1) / 400));
const films = 800;
const throughput = (tip: TipGeometry, n: number) => {
  const rnd = park(42);
  const cache0 = calibrationCacheSize();
  let t = now();
  surrogateForceCurve(sei(rnd), tip, dither, depths400);
  const first = (now() - t) / 1000;
  t = now();
  for (let i = 0; i < n; i++) surrogateForceCurve(sei(rnd), tip, dither, depths400);
  const per = (now() - t) / n / 1000;
  return { firstCallWithCalibration_s: first, calibrationTables: calibrationCacheSize() - cache0, perFilm400Depths_ms: per * 1000, extrapolated800Films_s: per * films };
};
const thrFlat = throughput(flat, 200);
const thrCone = throughput(cone, 30);

// 4. surrogate error vs FEA: SEI-like films (monotone, softer outward) and random films
const errorStats = (tip: TipGeometry, kind: 'sei' | 'random', n: number) => {
  const rnd = park(kind === 'sei' ? 7 : 11);
  const errs: number[] = [];
  for (let t = 0; t < n; t++) {
    let film: Film;
    let h: number;
    if (kind === 'sei') {
      film = sei(rnd);
      h = 30e-9;
    } else {
      h = 60e-9;
      const L = 2 + Math.floor(rnd() * 3);
      const cuts = Array.from({ length: L - 1 }, () => rnd()).sort();
      const th = [...cuts, 1].map((c, i) => (c - (i ? cuts[i - 1] : 0)) * h);
      if (th.some((x) => x < 2e-9)) {
        t--;
        continue;
      }
      let E = 10 ** (6 + rnd() * 1.5);
      film = {
        layers: th.map((x) => {
          const l = { thickness: x, modulus: constantLoss(E, rnd() * 0.8), poissonRatio: 0.3 + 0.19 * rnd() };
          E *= 30 ** (2 * rnd() - 1);
          return l;
        }),
      };
    }
    const d = Array.from({ length: 8 }, (_, i) => ((i + 0.5) / 8) * h * 0.96);
    const S = surrogateForceCurve(film, tip, dither, d);
    const F = feaForceCurve(film, tip, dither, d);
    S.force.forEach((x, k) => errs.push(crelDiff(x, F.force[k])));
  }
  errs.sort((a, b) => a - b);
  const q = (p: number): number => errs[Math.min(errs.length - 1, Math.floor(p * errs.length))];
  return { points: errs.length, median: q(0.5), p90: q(0.9), max: errs[errs.length - 1] };
};
const errors = {
  flat_seiLike: errorStats(flat, 'sei', 8),
  flat_random30x: errorStats(flat, 'random', 10),
  cone20deg_seiLike: errorStats(cone, 'sei', 8),
  cone20deg_random30x: errorStats(cone, 'random', 10),
};

console.log(
  JSON.stringify(
    {
      bench: 'fea',
      rg: {
        value: rg.rg,
        window_m: [rg.window.from_m, rg.window.to_m],
        wall_s: rgTime,
        target_s: 2,
        discretisationError: Math.abs(rg.rg / rgFine.rg - 1),
        target_error: 0.01,
      },
      curve50: { wall_s: curveTime, target_s: 20, film: 'three viscoelastic layers, graded interfaces (complex arithmetic)' },
      surrogate: { flat: thrFlat, cone20deg: thrCone, errorVsFea: errors },
      peakRss_MB: process.resourceUsage().maxRSS / 1024,
      target_peakRss_MB: 1024,
    },
    null,
    2,
  ),
);
