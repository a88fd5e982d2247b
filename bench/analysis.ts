/**
 * Throughput of the NRM analysis layer (src/analysis) on the main job's scale: 800 approach curves ×
 * 400 points — contact point + z_p referencing + smoothed derivative per curve, then the ensemble
 * statistics of 002 Fig. 4 (mean ± CI profile on a depth grid, 2D KDE of |G*| vs z_p, violins for
 * 0–5 / 5–10 / 10–20 nm). Prints one JSON object.
 *
 * Run: npx tsx bench/analysis.ts
 */
import { performance } from 'node:perf_hooks';
import { findContactPoint, tipSurfaceDistance } from '../src/analysis/contact-point.js';
import { localPolynomialDerivative, savitzkyGolay, savitzkyGolayPlan } from '../src/analysis/derivative.js';
import { PAPER_DEPTH_BINS, curvesOnGrid, depthGrid } from '../src/analysis/binning.js';
import { columnMeanCI } from '../src/analysis/stats.js';
import { kde2d } from '../src/analysis/kde.js';
import { depthBinViolins } from '../src/analysis/violin.js';
import { createRng } from '../src/sim/rng.js';

const CURVES = 800;
const N = 400;
const step = 0.5e-9;
const rng = createRng('bench-analysis');

// synthetic approach curves: baseline, soft layer (Hertz-like), hard contact; lateral force F'(z_p)
const Zs: Float64Array[] = [];
const Ds: Float64Array[] = [];
const Fs: Float64Array[] = [];
for (let c = 0; c < CURVES; c++) {
  const r = rng.fork(`c${c}`);
  const zc = (r.uniform() - 0.5) * 1e-6;
  const zFar = zc + 0.6 * (N - 1) * step;
  const S = 2e7;
  const t = 20e-9;
  const Z = new Float64Array(N);
  const D = new Float64Array(N);
  const F = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const z = zFar - i * step;
    const zeta = z - zc;
    const soft = zeta < t ? 2e-9 * ((t - Math.max(zeta, 0)) / t) ** 1.5 : 0;
    const delta = Math.max(-zeta, soft);
    Z[i] = z;
    D[i] = 0.1 + 1e5 * z + S * delta + 0.1e-9 * S * r.normal();
    const zp = zeta + delta;
    // F_l' = 4 r_g A_l ∫ E(z) dz over the penetrated film: E decays from 30 MPa at the solid
    const pen = Math.max(0, t - Math.max(zp, 0));
    F[i] = 4 * 1.25 * 1e-9 * 3e7 * 5e-9 * (Math.exp(-Math.max(zp, 0) / 5e-9) - Math.exp(-t / 5e-9)) * (pen > 0 ? 1 : 0) + 1e-12 * r.normal();
  }
  Zs.push(Z);
  Ds.push(D);
  Fs.push(F);
}

/** Per-curve stage: contact point + z_p + derivatives. Returns timings (ms). */
function perCurvePass(zps: Float64Array[], dFs: Float64Array[]): { cp: number; deriv: number } {
  const plan = savitzkyGolayPlan(11, 2, 1);
  const sg = new Float64Array(N);
  let cpTime = 0;
  let derivTime = 0;
  for (let c = 0; c < CURVES; c++) {
    const a = performance.now();
    const cp = findContactPoint(Zs[c], Ds[c], { farSide: 'highZ' });
    const zp = tipSurfaceDistance(Zs[c], Ds[c], cp);
    const b = performance.now();
    // derivative against z_p (non-uniform) and, for comparison, against Z (uniform)
    const d = localPolynomialDerivative(zp, Fs[c], { halfWidth: 1.5e-9, order: 2 });
    savitzkyGolay(Fs[c], -step, plan, sg);
    const e = performance.now();
    cpTime += b - a;
    derivTime += e - b;
    zps[c] = zp;
    dFs[c] = d;
  }
  return { cp: cpTime, deriv: derivTime };
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const zps: Float64Array[] = new Array(CURVES);
const dFs: Float64Array[] = new Array(CURVES);
const cold = perCurvePass(zps, dFs);
const cpTime = cold.cp;
const derivTime = cold.deriv;
const t1 = performance.now();
const curves = zps.map((x, c) => ({ x, y: dFs[c].map((v) => Math.abs(v) / (4 * 1.25 * 1e-9) / 3) })); // |G*| ≈ |E*|/3
const grid = depthGrid(0, 40e-9, 0.25e-9);
const M = curvesOnGrid(curves, grid);
const profile = columnMeanCI(M.data, M.rows, M.cols);
const t2 = performance.now();
const allX: number[] = [];
const allY: number[] = [];
for (const cv of curves)
  for (let i = 0; i < cv.x.length; i++)
    if (cv.x[i] >= 0 && cv.x[i] <= 30e-9 && cv.y[i] > 0) {
      allX.push(cv.x[i]);
      allY.push(cv.y[i]);
    }
const map = kde2d(Float64Array.from(allX), Float64Array.from(allY), { yScale: 'log10', nx: 120, ny: 120 });
const t3 = performance.now();
const violins = depthBinViolins(curves, PAPER_DEPTH_BINS, { scale: 'log10' });
const t4 = performance.now();
const cpu = process.cpuUsage(cpu0);
// second pass over the same curves: steady state after JIT warm-up
const t5 = performance.now();
const warm = perCurvePass(new Array(CURVES), new Array(CURVES));
const t6 = performance.now();

console.log(
  JSON.stringify({
    bench: 'analysis',
    curves: CURVES,
    pointsPerCurve: N,
    wallMs: +(t4 - t0).toFixed(1),
    cpuMs: +((cpu.user + cpu.system) / 1000).toFixed(1),
    perCurveMs: +((t1 - t0) / CURVES).toFixed(4),
    perCurveWarmMs: +((t6 - t5) / CURVES).toFixed(4),
    warmContactPointMs: +warm.cp.toFixed(1),
    warmDerivativesMs: +warm.deriv.toFixed(1),
    contactPointAndZpMs: +cpTime.toFixed(1),
    derivativesMs: +derivTime.toFixed(1),
    profileGridAndCIMs: +(t2 - t1).toFixed(1),
    kde2dMs: +(t3 - t2).toFixed(1),
    kde2dPoints: map.n,
    violinsMs: +(t4 - t3).toFixed(1),
    violinModes: violins.map((v) => v.nModes),
    profileColumns: profile.mean.length,
    curvesPerSecond: +((CURVES / (t1 - t0)) * 1000).toFixed(0),
    note: 'wallMs/cpuMs: first (cold-JIT) pass incl. ensemble statistics; perCurveWarmMs: second pass',
    peakRssKB: process.resourceUsage().maxRSS,
  }),
);
