import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../src/sim/rng.js';
import { gaussianRandomField, siteCode } from '../src/models/substrate/index.js';
import { levelImage, rmsRoughness, subtractPolynomial } from '../src/analysis/roughness.js';
import { coverageVsPotential, detectChanges, estimateShift, mergePotential, type FrameSequence } from '../src/analysis/coverage.js';
import { connectedComponents, detectNuclei, onsetPotentials } from '../src/analysis/onset.js';
import { cyclicVoltammetry, potentialAt, sampleProgram } from '../src/models/electrochem/index.js';
import { simulateSei, type SeiProcess } from '../src/models/sei/index.js';
import { acquireFrames, createTipSweepState } from '../src/sim/afm-imaging.js';

describe('levelling and RMS roughness', () => {
  it('plane levelling removes a tilt exactly; R_q of a sinusoid is A/√2', () => {
    const w = 64;
    const z = new Float64Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) z[y * w + x] = 3e-9 * Math.cos((2 * Math.PI * (x + 0.5)) / 16) + 1e-9 * x - 2e-9 * y + 5e-9;
    const r = rmsRoughness(z, w, w, 'plane');
    // the cosine is even about the image centre, hence orthogonal to the plane: exact
    expect(r.rms / (3e-9 / Math.SQRT2)).toBeCloseTo(1, 10);
    const q = new Float64Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) q[y * w + x] = 1e-10 * (x * x - 3 * x * y + 2 * y * y) + 7;
    expect(Math.max(...Array.from(subtractPolynomial(q, w, w, 2)).map(Math.abs))).toBeLessThan(1e-12);
    const lm = levelImage(Float64Array.from({ length: w * w }, (_, i) => Math.floor(i / w)), w, w, 'line-median');
    expect(Math.max(...Array.from(lm).map(Math.abs))).toBe(0);
  });
  it('rejects images of the wrong size', () => {
    expect(() => rmsRoughness(new Float64Array(10), 4, 4)).toThrow(/4 × 4/);
  });
});

describe('registration', () => {
  it('property (seed 555): recovers sub-pixel shifts of a rough surface within 0.05 px', () => {
    const big = gaussianRandomField(createRng('reg'), { nx: 200, ny: 200, dx: 8e-9 }, 3e-9, 40e-9);
    fc.assert(
      fc.property(fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true }), (ox, oy) => {
        const n = 128;
        const crop = (dx: number, dy: number) => Float64Array.from({ length: n * n }, (_, i) => {
          const x = (i % n) + 36 + dx;
          const y = Math.floor(i / n) + 36 + dy;
          const x0 = Math.floor(x);
          const y0 = Math.floor(y);
          const fx = x - x0;
          const fy = y - y0;
          const g = (a: number, b: number) => big[b * 200 + a];
          return (g(x0, y0) * (1 - fx) + g(x0 + 1, y0) * fx) * (1 - fy) + (g(x0, y0 + 1) * (1 - fx) + g(x0 + 1, y0 + 1) * fx) * fy;
        });
        const s = estimateShift(crop(0, 0), crop(ox, oy), n, n);
        return Math.abs(s.sx + ox) < 0.05 && Math.abs(s.sy + oy) < 0.05;
      }),
      { seed: 555, numRuns: 15 },
    );
  });
});

describe('change detection and coverage from synthetic frames', () => {
  it('finds painted islands exactly and reads the merge potential between blocks', () => {
    const n = 64;
    const base = gaussianRandomField(createRng('b'), { nx: n, ny: n, dx: 8e-9 }, 0.2e-9, 30e-9);
    const noise = createRng('noise');
    const frames: Float64Array[] = [];
    const lineTime = new Float64Array(4 * n);
    const linePotential = new Float64Array(4 * n);
    for (let k = 0; k < 4; k++) {
      const f = Float64Array.from(base, (v) => v + 0.01e-9 * noise.normal());
      // frame k covers its first k·n/4 … rows fully, growing with k (frame 3: everything)
      if (k >= 2) for (let i = 0; i < (k === 2 ? n * n / 2 : n * n); i++) f[i] += 5e-9;
      frames.push(f);
      for (let r = 0; r < n; r++) {
        lineTime[k * n + r] = k * n + r;
        linePotential[k * n + r] = 1 - (k * n + r) / (4 * n);
      }
    }
    const seq: FrameSequence = { pixels: n, pixelSize: 8e-9, frames, lineTime, linePotential };
    const ch = detectChanges(seq, { driftFit: false });
    expect(ch.masks[1].reduce((a, v) => a + v, 0)).toBe(0);
    const cov = coverageVsPotential(seq, ch, 8);
    // frame 2 (rows 0–31 covered): blocks 0–3 at 1, blocks 4–7 at 0; frame 3 all covered
    expect(Array.from(cov.coverage.slice(8, 16))).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(cov.coverage.slice(16))).toEqual(new Array(8).fill(1));
    // linear interpolation between the last block below (0) and the first at/above (1)
    expect(mergePotential(cov, 0.9)).toBeCloseTo(cov.potential[7] + 0.9 * (cov.potential[8] - cov.potential[7]), 12);
  });

  it('connected components (4-connectivity)', () => {
    const m = Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1]);
    expect(connectedComponents(m, 4, 4).count).toBe(3);
  });
});

describe('onset recovery from simulated in situ frames', () => {
  const prog = cyclicVoltammetry({ start: 1.6, vertices: [0.05, 1.6], rate: 2e-3, cycles: 1 });
  const nodes = sampleProgram(prog, 1);
  it('property (seed 8080): the onset of a random process is recovered within ±0.05 V from 96-px frames', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.4, max: 1.1, noNaN: true }), fc.integer({ min: 0, max: 1e5 }), (onset, seed) => {
        const n = 96;
        const M = 16;
        const W = n + 2 * M;
        const grid = { nx: W, ny: W, dx: 4e-6 / 512 };
        const sites = new Uint8Array(W * W).fill(siteCode('mcmb-edge'));
        const proc: SeiProcess = {
          name: 'p',
          layer: 'inner',
          product: 'LiF',
          porosity: 0,
          nucleation: [{ site: 'mcmb-edge', onsetPotential: onset, rateAtOnset: 2e13, tafelWidth: 0.05, maxRate: 1e14 }],
          lateral: { max: 1e-9, midPotential: onset - 0.1, width: 0.05 },
          thickening: { max: 0.3e-9, midPotential: onset, width: 0.03, passivationLength: 20e-9 },
          binding: { kind: 'anchored' },
        };
        const sei = simulateSei(createRng(seed), { grid, sites, processes: [proc], t: nodes.t, E: nodes.E });
        const substrate = gaussianRandomField(createRng(seed + 1), grid, 1.4e-9, 80e-9);
        const w = { grid, substrate, sei, blisters: [] };
        // frames before the onset are needed as reference and noise frame: 6 frames per sweep
        const lineRate = (12 * n) / prog.duration;
        const img = acquireFrames(createRng(seed + 2), w, createTipSweepState(w), { originX: M, originY: M, stride: 1, frames: 6, startTime: 0, potentialAt: (t) => potentialAt(prog, t) }, { pixels: n, scanSize: n * grid.dx, lineRate });
        const ch = detectChanges(img.observed);
        const [o] = onsetPotentials(detectNuclei(img.observed, ch), ['all']);
        return Math.abs(o.onset - onset) <= 0.05;
      }),
      { seed: 8080, numRuns: 8 },
    );
  });
});

describe('nucleus persistence', () => {
  it('a one-frame outlier is rejected with `persistent`, a nucleus that stays is kept', () => {
    const n = 16;
    const K = 4;
    const frames = Array.from({ length: K }, () => new Float64Array(n * n));
    const lineTime = Float64Array.from({ length: K * n }, (_, i) => i);
    const linePotential = Float64Array.from({ length: K * n }, (_, i) => 1 - 0.01 * i);
    const seq: FrameSequence = { pixels: n, pixelSize: 1e-8, frames, lineTime, linePotential };
    const masks = Array.from({ length: K }, () => new Uint8Array(n * n));
    masks[1][3 * n + 3] = 1; // outlier: frame 1 only
    for (let k = 2; k < K; k++) masks[k][9 * n + 10] = 1; // nucleus from frame 2 on
    masks[3][9 * n + 11] = 1; // … and growing
    const ch = { threshold: 1e-9, noiseSigma: 1e-10, shifts: [], lineLevel: new Float64Array(K * n), levelSeen: [], diffs: frames, masks, valid: masks.map(() => new Uint8Array(n * n).fill(1)), unstablePixels: 0 };
    const all = detectNuclei(seq, ch);
    expect(all.map((x) => [x.frame, x.line])).toEqual([[1, 3], [2, 9]]);
    const kept = detectNuclei(seq, ch, { persistent: true });
    expect(kept.map((x) => [x.frame, x.line])).toEqual([[2, 9]]);
  });
});
