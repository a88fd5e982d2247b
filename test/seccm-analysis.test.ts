/**
 * SECCM analyzers (src/analysis/seccm.ts) on synthetic data with known answers, and the landing
 * detection on the hopping instrument's own approach records. fast-check seeds in the titles.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../src/sim/rng.js';
import { analyzeSpotTopography, cafmBlocking, cvCharges, detectLanding, forceVolumePopulations, segmentSpot } from '../src/analysis/seccm.js';
import { runSeccmHopping } from '../src/sim/seccm-hopping.js';

describe('landing', () => {
  it('finds a step in a noisy approach at its first sample (fast-check seed 31)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 400 }), fc.double({ min: 5e-15, max: 50e-15, noNaN: true }), fc.double({ min: 15, max: 200, noNaN: true }), (k, sigma, jumpInSigma) => {
        const rng = createRng(`landing-${k}`);
        const n = k + 5;
        const z = Float64Array.from({ length: n }, (_, i) => 1e-6 - i * 1e-9);
        const cur = Float64Array.from({ length: n }, (_, i) => sigma * rng.normal() + (i === k ? -jumpInSigma * sigma : 0));
        const d = detectLanding(cur, z, { k: 8 });
        return d.detected && d.index === k && d.z === z[k];
      }),
      { seed: 31, numRuns: 100 },
    );
  });

  it('on the instrument: the detected landing lies within one Z step of the true contact (fast-check seed 2024)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.02e-6, max: 0.5e-6, noNaN: true }),
        fc.double({ min: 2e-3, max: 50e-3, noNaN: true }),
        fc.double({ min: 0.08e-6, max: 0.3e-6, noNaN: true }),
        fc.constantFrom<'ec-pc-fec' | 'diglyme'>('ec-pc-fec', 'diglyme'),
        (speed, dt, protrusion, el) => {
          const run = runSeccmHopping(createRng(`hop-${speed}-${dt}`), {
            electrolyte: el,
            sites: [{ label: 'a', x: 1e-6, y: -2e-6, cv: { start: 2, vertices: [1.5, 2], rate: 1, cycles: 1 } }],
            pipette: { meniscusProtrusion: protrusion },
            hopping: { approachSpeed: speed, approachSampleInterval: dt, approachStartHeight: 0.2e-6, potentialStep: 0.02 },
            imaging: { pixels: 16 },
            skipImages: true,
          });
          const r = run.sites[0];
          const d = detectLanding(r.approach.current, r.approach.z, { baselineSamples: 20 });
          const step = r.approach.zStep;
          return d.detected && d.z <= r.truth.contactZ + 1e-15 && d.z > r.truth.contactZ - step - 1e-15;
        },
      ),
      { seed: 2024, numRuns: 12 },
    );
  });
});

describe('charges per cycle', () => {
  it('integrates constant cathodic and anodic currents exactly', () => {
    const n = 400;
    const time = Float64Array.from({ length: n }, (_, i) => (i + 1) * 0.5);
    const potential = Float64Array.from({ length: n }, (_, i) => {
      const k = i % 200;
      return k < 100 ? 2 - 0.01 * (k + 1) : 1 + 0.01 * (k - 99);
    });
    const cycle = Int32Array.from({ length: n }, (_, i) => 1 + Math.floor(i / 200));
    const current = Float64Array.from({ length: n }, (_, i) => (i % 200 < 100 ? -2e-12 : 0.5e-12) * (i < 200 ? 1 : 0.5));
    const c = cvCharges(time, potential, current, cycle);
    expect(c.cycles.length).toBe(2);
    // 100 cathodic samples × 0.5 s × 2 pA = 1e-10 C; the first sample's potential step is taken from the second
    expect(c.cycles[0].reductive).toBeCloseTo(1e-10, 20);
    expect(c.cycles[0].oxidative).toBeCloseTo(2.5e-11, 20);
    expect(c.cycles[0].irreversible).toBeCloseTo(7.5e-11, 20);
    expect(c.passivation[0]).toBeCloseTo(0.5, 12);
  });
});

/** A synthetic spot: Boolean islands of radius ri covering θ of a footprint of radius R (pixels). */
function islandsSpot(n: number, R: number, ri: number, theta: number, seed: string): Uint8Array {
  const rng = createRng(seed);
  const c = n / 2;
  const density = -Math.log(1 - theta) / (Math.PI * ri * ri);
  const count = Math.round(density * Math.PI * (R + ri) ** 2);
  const cov = new Uint8Array(n * n);
  for (let k = 0; k < count; k++) {
    const rr = (R + ri) * Math.sqrt(rng.uniform());
    const ph = 2 * Math.PI * rng.uniform();
    const x = c + rr * Math.cos(ph);
    const y = c + rr * Math.sin(ph);
    for (let j = Math.max(0, Math.floor(y - ri)); j <= Math.min(n - 1, Math.ceil(y + ri)); j++)
      for (let i = Math.max(0, Math.floor(x - ri)); i <= Math.min(n - 1, Math.ceil(x + ri)); i++)
        if ((i + 0.5 - x) ** 2 + (j + 0.5 - y) ** 2 <= ri * ri && (i + 0.5 - c) ** 2 + (j + 0.5 - c) ** 2 <= R * R) cov[j * n + i] = 1;
  }
  return cov;
}

describe('spot segmentation and blocking', () => {
  it('a uniform disc: diameter within 2 pixels, blocking within 1 %', () => {
    const n = 200;
    const R = 55;
    const px = 10e-9;
    const rng = createRng('disc');
    const cur = new Float64Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) cur[j * n + i] = ((i + 0.5 - n / 2) ** 2 + (j + 0.5 - n / 2) ** 2 <= R * R ? 0.2e-9 : 1e-9) + 20e-12 * rng.normal();
    const b = cafmBlocking(cur, n, px);
    expect(Math.abs(b.diameter - 2 * R * px)).toBeLessThan(2 * px);
    expect(Math.abs(b.blocking - 0.8)).toBeLessThan(0.01);
    const seg = segmentSpot(Float64Array.from(cur, (v) => 1 - v / 1e-9), n, px);
    expect(Math.abs(seg.diameter - 2 * R * px)).toBeLessThan(2 * px);
  });

  // the regime of the model's spots: islands ≤ 0.08 of the spot radius (EC/PC 40 nm / 650 nm, diglyme
  // 150 nm / 1.8 µm) and ≳ 40 islands per spot; 6 points: the outline's shape factor and the
  // patchiness at the smoothing scale (≈ ±3 points each). With fewer, larger islands (≲ 20) the
  // error grows to 10–15 points: the spot is then no longer defined by its islands.
  it('patchy islands: c-AFM blocking within 6 points of the true covered fraction (fast-check seed 77)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.25, max: 0.95, noNaN: true }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 60, max: 110 }), (theta, ri, R) => {
        const n = 256;
        const cov = islandsSpot(n, R, ri, theta, `isl-${theta}`);
        const rng = createRng(`noise-${theta}`);
        let inside = 0;
        let blocked = 0;
        const cur = new Float64Array(n * n);
        for (let j = 0; j < n; j++)
          for (let i = 0; i < n; i++) {
            const p = j * n + i;
            if ((i + 0.5 - n / 2) ** 2 + (j + 0.5 - n / 2) ** 2 <= R * R) {
              inside++;
              blocked += cov[p];
            }
            cur[p] = (cov[p] ? 0 : 1e-9) + 20e-12 * rng.normal();
          }
        const b = cafmBlocking(cur, n, 5e-9);
        return Math.abs(b.blocking - blocked / inside) < 0.06;
      }),
      { seed: 77, numRuns: 25 },
    );
  });

  it('topography: inner layer and deposits recovered on a rough surface (inner 5 %, deposits 10 %)', () => {
    const n = 256;
    const px = 8e-9;
    const rng = createRng('topo');
    const H = 7e-9;
    const R = 80;
    const z = new Float64Array(n * n);
    const deps = [
      { x: 110, y: 120, h: 40e-9, r: 6 },
      { x: 150, y: 140, h: 60e-9, r: 7 },
      { x: 130, y: 95, h: 50e-9, r: 6 },
      { x: 100, y: 150, h: 45e-9, r: 5 },
    ];
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        let h = 0.3e-9 * rng.normal() + 0.002e-9 * i; // roughness-like noise and a small tilt
        if ((i + 0.5 - n / 2) ** 2 + (j + 0.5 - n / 2) ** 2 <= R * R) h += H;
        for (const d of deps) {
          const r2 = (i + 0.5 - d.x) ** 2 + (j + 0.5 - d.y) ** 2;
          if (r2 < d.r * d.r) h = Math.max(h, H + d.h * (1 - r2 / (d.r * d.r)));
        }
        z[j * n + i] = h;
      }
    const t = analyzeSpotTopography(z, n, px);
    expect(Math.abs(t.innerLayer / H - 1)).toBeLessThan(0.05);
    expect(t.deposits.length).toBe(4);
    expect(Math.abs(t.depositMean / 48.75e-9 - 1)).toBeLessThan(0.1);
    expect(Math.abs(t.segmentation.diameter - 2 * R * px)).toBeLessThan(3 * px);
    expect(t.segmentation.visible).toBe(true);
  });

  it('force-volume populations follow the height map: pristine, thin layer and deposits', () => {
    const m = 40;
    const px = 50e-9;
    const height = new Float64Array(m * m);
    const E = new Float64Array(m * m);
    const F = new Float64Array(m * m);
    for (let j = 0; j < m; j++)
      for (let i = 0; i < m; i++) {
        const p = j * m + i;
        const inSpot = (i + 0.5 - m / 2) ** 2 + (j + 0.5 - m / 2) ** 2 <= 12 * 12;
        const dep = inSpot && ((i - 17) ** 2 + (j - 20) ** 2 <= 2 || (i - 23) ** 2 + (j - 18) ** 2 <= 2);
        height[p] = dep ? 48e-9 : inSpot ? 12e-9 : 0;
        E[p] = dep ? 1.7e9 : inSpot ? 0.8e9 : 1.4e9;
        F[p] = dep ? 22e-9 : inSpot ? 8e-9 : 19e-9;
      }
    const pop = forceVolumePopulations({ height, sampleModulus: E, adhesionForce: F, failed: new Uint8Array(m * m) }, m, px);
    expect(pop.pristine.modulusMean).toBeCloseTo(1.4e9, -3);
    expect(pop.thinLayer.modulusMean).toBeCloseTo(0.8e9, -3);
    expect(pop.deposit.modulusMean).toBeCloseTo(1.7e9, -3);
    expect(pop.thinLayer.adhesionMean).toBeCloseTo(8e-9, 15);
    expect(pop.deposit.n).toBeGreaterThanOrEqual(8);
  });

  it('rejects malformed input with the parameter named', () => {
    expect(() => detectLanding([0, 1], [0], {})).toThrow(/differ in length/);
    expect(() => cafmBlocking(new Float64Array(10), 4, 1e-9)).toThrow(/expected 4²/);
    expect(() => cvCharges([0, 1], [1, 2], [0], [1, 1])).toThrow(/same length/);
  });
});
