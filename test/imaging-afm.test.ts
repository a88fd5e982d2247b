import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../src/sim/rng.js';
import { acquireFrames, createTipSweepState, dilateRow, surfaceRow, tipHeight, tipStructuringElement, type ImagingWorld } from '../src/sim/afm-imaging.js';
import { cyclicVoltammetry, potentialAt, sampleProgram } from '../src/models/electrochem/index.js';
import { simulateSei, processIntegralsAt, type SeiProcess } from '../src/models/sei/index.js';
import { siteCode } from '../src/models/substrate/index.js';

function bruteDilate(band: Float64Array, w: number, rows: number, r0: number, se: ReturnType<typeof tipStructuringElement>): Float64Array {
  const out = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    let best = -Infinity;
    for (let k = 0; k < se.z.length; k++) {
      const xx = x + se.du[k];
      const yy = r0 + se.dv[k];
      if (xx < 0 || xx >= w || yy < 0 || yy >= rows) continue;
      best = Math.max(best, band[yy * w + xx] - se.z[k]);
    }
    out[x] = best;
  }
  return out;
}

describe('tip convolution (grey-scale dilation)', () => {
  it('tip profile: paraboloid apex blends into the tangent cone (continuous value and slope)', () => {
    const R = 8e-9;
    const th = 0.35;
    const rt = R / Math.tan(th);
    expect(tipHeight(rt * (1 - 1e-9), R, th)).toBeCloseTo(tipHeight(rt * (1 + 1e-9), R, th), 15);
    const slope = (r: number) => (tipHeight(r + 1e-12, R, th) - tipHeight(r - 1e-12, R, th)) / 2e-12;
    expect(slope(rt * 0.999) / slope(rt * 1.001)).toBeCloseTo(1, 2);
    expect(tipHeight(2e-9, R, th)).toBeCloseTo((2e-9) ** 2 / (2 * R), 20);
  });

  it('property (seed 2024): the early-out dilation equals brute-force dilation exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 1e-9, max: 80e-9, noNaN: true }), (seed, relief) => {
        const se = tipStructuringElement(7.8e-9, 8e-9, 0.35, 120e-9);
        const R = se.radius;
        const rows = 2 * R + 2;
        const w = 60;
        const rng = createRng(seed);
        const band = new Float64Array(rows * w);
        for (let i = 0; i < band.length; i++) band[i] = relief * (rng.uniform() < 0.1 ? rng.uniform() : 0.05 * rng.normal());
        const lmax = new Float64Array(w);
        for (let x = 0; x < w; x++) {
          let m = -Infinity;
          for (let y = 0; y < rows; y++) for (let q = Math.max(0, x - R); q <= Math.min(w - 1, x + R); q++) m = Math.max(m, band[y * w + q]);
          lmax[x] = m;
        }
        const out = new Float64Array(w);
        dilateRow(out, band, w, rows, R, se, lmax);
        const ref = bruteDilate(band, w, rows, R, se);
        return out.every((v, i) => v === ref[i]);
      }),
      { seed: 2024, numRuns: 40 },
    );
  });

  it('a one-pixel spike is imaged as the inverted tip; a flat surface is unchanged', () => {
    const se = tipStructuringElement(5e-9, 8e-9, 0.35, 200e-9);
    const R = se.radius;
    const rows = 2 * R + 1;
    const w = 4 * R + 1;
    const band = new Float64Array(rows * w);
    band[R * w + 2 * R] = 50e-9;
    const lmax = new Float64Array(w).fill(50e-9);
    const out = new Float64Array(w);
    dilateRow(out, band, w, rows, R, se, lmax);
    for (let x = 0; x < w; x++) expect(out[x]).toBeCloseTo(Math.max(0, 50e-9 - tipHeight(Math.abs(x - 2 * R) * 5e-9, 8e-9, 0.35)), 20);
    const flat = new Float64Array(rows * w).fill(3e-9);
    dilateRow(out, flat, w, rows, R, se, new Float64Array(w).fill(3e-9));
    expect(out.every((v) => v === 3e-9)).toBe(true);
  });
});

// A small world with one weakly bound or anchored deposit process on hard carbon.
const prog = cyclicVoltammetry({ start: 1.5, vertices: [0.05, 1.5], rate: 2e-3, cycles: 1 });
const nodes = sampleProgram(prog, 1);
function deposit(onset: number, weak: boolean, k = 0.2e-9): SeiProcess {
  return {
    name: 'deposit',
    layer: 'inner',
    product: 'LiF',
    porosity: 0,
    nucleation: [{ site: 'hard-carbon-disordered', onsetPotential: onset, rateAtOnset: 3e13, tafelWidth: 0.1, maxRate: 1e14 }],
    lateral: { max: 1e-9, midPotential: onset, width: 0.05 },
    thickening: { max: k, midPotential: onset, width: 0.03, passivationLength: 20e-9 },
    binding: weak ? { kind: 'weak', anchorPotential: 0.3 } : { kind: 'anchored' },
  };
}
function world(proc: SeiProcess, n: number, M: number, seed: number): ImagingWorld {
  const W = n + 2 * M;
  const grid = { nx: W, ny: W, dx: 4e-6 / 512 };
  const sites = new Uint8Array(W * W).fill(siteCode('hard-carbon-disordered'));
  const sei = simulateSei(createRng(seed), { grid, sites, processes: [proc], t: nodes.t, E: nodes.E });
  return { grid, substrate: new Float64Array(W * W), sei, blisters: [] };
}

describe('in situ acquisition', () => {
  const n = 48;
  const M = 16;
  const lineRate = (9 * n) / prog.duration;
  const settings = { pixels: n, scanSize: (n * 4e-6) / 512, lineRate };
  it('stamps every line with its time and the potential at that time; same seed ⇒ identical frames', () => {
    const w = world(deposit(0.8, false), n, M, 1);
    const req = { originX: M, originY: M, stride: 1, frames: 3, startTime: 0, potentialAt: (t: number) => potentialAt(prog, t) };
    const a = acquireFrames(createRng('img'), w, createTipSweepState(w), req, settings);
    const b = acquireFrames(createRng('img'), w, createTipSweepState(w), req, settings);
    for (let i = 0; i < a.observed.lineTime.length; i++) {
      expect(a.observed.linePotential[i]).toBeCloseTo(potentialAt(prog, a.observed.lineTime[i]), 12);
      if (i > 0) expect(a.observed.lineTime[i] - a.observed.lineTime[i - 1]).toBeCloseTo(1 / lineRate, 9);
    }
    a.observed.frames.forEach((f, k) => expect(Buffer.from(f.buffer).equals(Buffer.from(b.observed.frames[k].buffer))).toBe(true));
    // noise only in observed: the clean frames carry none
    const c = acquireFrames(createRng('other'), w, createTipSweepState(w), req, settings);
    expect(Buffer.from(a.clean.frames[2].buffer).equals(Buffer.from(c.clean.frames[2].buffer))).toBe(true);
    expect(Buffer.from(a.observed.frames[2].buffer).equals(Buffer.from(c.observed.frames[2].buffer))).toBe(false);
  });

  it('property (seed 31337): tip sweeping thins the film in the scanned window only when the deposit is weakly bound', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.7, max: 1.2, noNaN: true }), fc.double({ min: 0.05e-9, max: 0.4e-9, noNaN: true }), fc.boolean(), fc.integer({ min: 0, max: 1e5 }), (onset, k, weak, seed) => {
        const w = world(deposit(onset, weak, k), n, M, seed);
        const sweep = createTipSweepState(w);
        acquireFrames(createRng(seed), w, sweep, { originX: M, originY: M, stride: 1, frames: 9, startTime: 0, potentialAt: (t: number) => potentialAt(prog, t) }, settings);
        const tEnd = prog.duration;
        const at = processIntegralsAt(w.sei, tEnd);
        const W = w.grid.nx;
        const row = new Float64Array(W);
        const rowFree = new Float64Array(W);
        let swept = 0;
        let free = 0;
        for (let y = M + 2; y < M + n - 2; y++) {
          surfaceRow(w, sweep, y, 0, W, tEnd, at, row);
          surfaceRow(w, null, y, 0, W, tEnd, at, rowFree);
          for (let x = M + 2; x < M + n - 2; x++) {
            swept += row[x];
            free += rowFree[x];
          }
        }
        const bias = (swept - free) / ((n - 4) * (n - 4));
        // anchored: nothing is removed (bias exactly 0); weak: material formed before the last
        // pre-anchor pass is gone (bias < 0 whenever any deposit formed before anchoring)
        return weak ? bias < -1e-12 : bias === 0;
      }),
      { seed: 31337, numRuns: 12 },
    );
  });
});
