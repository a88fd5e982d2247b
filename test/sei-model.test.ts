import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../src/sim/rng.js';
import { cyclicVoltammetry, sampleProgram } from '../src/models/electrochem/index.js';
import {
  coverageAt,
  coverageField,
  cumulativeGrowth,
  jmakCoverage,
  layerThicknessMaps,
  meanPassivatedThickness,
  nucleationRate,
  passivatedThickness,
  islandThickness,
  solubleShare,
  solubleVolume,
  processThicknessMap,
  seiCurrentDensity,
  simulateSei,
  stampNucleus,
  drawBlisters,
  scrapeThresholdField,
  Luchkin2020,
  type SeiProcess,
} from '../src/models/sei/index.js';
import { siteCode } from '../src/models/substrate/index.js';

const prog = cyclicVoltammetry({ start: 1.5, vertices: [0.01, 1.5], rate: 2e-3, cycles: 1 });
const s = sampleProgram(prog, 1);

function proc(over: Partial<{ onset: number; J: number; v: number; k: number; lambda: number; name: string; Hc: number; slope: number }> = {}): SeiProcess {
  return {
    name: over.name ?? 'p',
    layer: 'outer',
    product: 'LEDC',
    porosity: 0.2,
    nucleation: [{ site: 'hard-carbon-disordered', onsetPotential: over.onset ?? 0.8, rateAtOnset: over.J ?? 2e11, tafelWidth: 0.1, maxRate: 1e13 }],
    lateral: { max: over.v ?? 3e-9, midPotential: (over.onset ?? 0.8) - 0.1, width: 0.05 },
    thickening: { max: over.k ?? 0.3e-9, midPotential: (over.onset ?? 0.8) - 0.05, width: 0.05, passivationLength: over.lambda ?? 10e-9, limitingThickness: over.Hc, flankSlope: over.slope },
    binding: { kind: 'anchored' },
  };
}

/** Classical RK4 for dH/dK = e^{−H/λ} − a from H(0) = 0 over [0, ΔK] in `steps` steps. */
function rk4Thickness(deltaK: number, lambda: number, a: number, steps: number): number {
  const f = (H: number) => Math.exp(-H / lambda) - a;
  const h = deltaK / steps;
  let H = 0;
  for (let i = 0; i < steps; i++) {
    const k1 = f(H);
    const k2 = f(H + (h / 2) * k1);
    const k3 = f(H + (h / 2) * k2);
    const k4 = f(H + h * k3);
    H += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return H;
}

describe('rate laws', () => {
  it('nucleation: zero above onset, exponential rise below, capped', () => {
    const law = { site: 'hopg-basal' as const, onsetPotential: 0.5, rateAtOnset: 1e11, tafelWidth: 0.05, maxRate: 1e12 };
    expect(nucleationRate(law, 0.5)).toBe(0);
    expect(nucleationRate(law, 0.45) / 1e11).toBeCloseTo(Math.E, 12);
    expect(nucleationRate(law, 0)).toBe(1e12);
  });
  it('passivated thickness λ ln(1 + ΔK/λ): linear for ΔK ≪ λ, logarithmic beyond', () => {
    expect(passivatedThickness(1e-12, 1e-8) / 1e-12).toBeCloseTo(1 - 0.5e-4, 8); // 1 − ΔK/(2λ)
    expect(passivatedThickness(1e-8 * (Math.E - 1), 1e-8)).toBeCloseTo(1e-8, 20);
    expect(passivatedThickness(-1, 1)).toBe(0);
  });
  it('limiting thickness: the closed form solves dH/dK = e^{−H/λ} − e^{−H_c/λ}; RK4 converges to it at 4th order', () => {
    const lambda = 8e-9;
    const a = solubleShare({ max: 1e-9, midPotential: 0.5, width: 0.05, passivationLength: lambda, limitingThickness: 40e-9 });
    expect(a).toBeCloseTo(Math.exp(-5), 15);
    const dK = 2000e-9; // H ≈ 39 nm: well into the bend towards H_c
    const exact = passivatedThickness(dK, lambda, a);
    // steps h = 1.25, 0.625 nm ≪ λ (asymptotic regime; at h ≳ λ/4 the observed order is still 4.3–4.6)
    const err = [1600, 3200].map((n) => Math.abs(rk4Thickness(dK, lambda, a, n) - exact));
    const order = Math.log2(err[0] / err[1]);
    expect(err[1] / exact).toBeLessThan(1e-10);
    expect(order).toBeGreaterThan(3.7);
    expect(order).toBeLessThan(4.3);
  });
  it('property (seed 2718): limited thickness rises monotonically from slope 1 − a to H_c, below the unlimited λ ln(1 + ΔK/λ)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 30e-9, noNaN: true }), fc.double({ min: 1.5, max: 20, noNaN: true }), fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (lambda, ratio, kOverL) => {
        const Hc = ratio * lambda;
        const a = Math.exp(-ratio);
        const dK = kOverL * lambda;
        const H = passivatedThickness(dK, lambda, a);
        const H2 = passivatedThickness(dK * 1.01, lambda, a);
        const small = passivatedThickness(1e-6 * lambda, lambda, a) / (1e-6 * lambda);
        return H > 0 && H <= Hc * (1 + 1e-12) && H2 >= H && H <= passivatedThickness(dK, lambda) * (1 + 1e-12) && Math.abs(small - (1 - a)) < 1e-5 && passivatedThickness(1e6 * lambda / a, lambda, a) > Hc * (1 - 1e-9);
      }),
      { seed: 2718, numRuns: 200 },
    );
  });
  it('island thickness: min(H(ΔK), s ΔG); no cap without a slope', () => {
    expect(islandThickness(1e-6, 2e-9, 5e-9, 0, 1.5)).toBeCloseTo(3e-9, 20);
    expect(islandThickness(1e-6, 2e-9, 5e-9)).toBe(passivatedThickness(1e-6, 5e-9));
    expect(islandThickness(1e-6, 0, 5e-9, 0, 2)).toBe(0);
    expect(islandThickness(0, 1e-6, 5e-9, 0, 2)).toBe(0);
  });
});

describe('nuclei and coverage (JMAK)', () => {
  it('ring stamping equals the brute-force additively weighted distance exactly', () => {
    const grid = { nx: 60, ny: 50, dx: 1e-8 };
    const rng = createRng('stamp');
    const cover = new Float64Array(grid.nx * grid.ny).fill(Infinity);
    const nuc: [number, number, number][] = [];
    for (let k = 0; k < 40; k++) nuc.push([rng.uniform() * 60, rng.uniform() * 50, rng.uniform() * 2e-7]);
    nuc.sort((a, b) => a[2] - b[2]);
    for (const [x, y, g] of nuc) stampNucleus(cover, grid, x, y, g, 1e-6);
    let maxErr = 0;
    for (let py = 0; py < 50; py++)
      for (let px = 0; px < 60; px++) {
        let m = Infinity;
        for (const [x, y, g] of nuc) m = Math.min(m, g + 1e-8 * Math.sqrt((px + 0.5 - x) ** 2 + (py + 0.5 - y) ** 2));
        if (m > 1e-6) m = Infinity;
        const c = cover[py * 60 + px];
        maxErr = Math.max(maxErr, m === Infinity ? (c === Infinity ? 0 : 1) : Math.abs(c - m));
      }
    expect(maxErr).toBe(0);
  });

  it('simulated coverage follows the JMAK closed form with time-dependent J(E), v(E) (seed "jmak")', () => {
    const p = proc();
    const nx = 320;
    const grid = { nx, ny: nx, dx: 8e-9 };
    const sites = new Uint8Array(nx * nx).fill(siteCode('hard-carbon-disordered'));
    const st = simulateSei(createRng('jmak'), { grid, sites, processes: [p], t: s.t, E: s.E });
    const jm = jmakCoverage(p, s.t, s.E, { 'hard-carbon-disordered': 1 });
    // interior window 50 px from the edges (no nuclei outside the grid)
    const mask = new Uint8Array(nx * nx);
    for (let y = 50; y < nx - 50; y++) for (let x = 50; x < nx - 50; x++) mask[y * nx + x] = 1;
    let checked = 0;
    for (let n = 0; n < s.t.length; n += 5) {
      const th = jm.theta[n];
      if (th < 0.05 || th > 0.97) continue;
      // Tolerance 0.04: ~400 nuclei reach the window (Poisson: ±5 % relative in the count ⇒ ±0.03
      // in θ near θ = 0.5) plus disc pixelisation (pixel 8 nm vs island radii ≥ 60 nm: < 1 %).
      expect(Math.abs(coverageAt(st, s.t[n], mask) - th)).toBeLessThan(0.04);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('phantom nuclei (born on covered area) are drawn and discarded without changing coverage', () => {
    const p = proc({ J: 5e12 });
    const grid = { nx: 64, ny: 64, dx: 8e-9 };
    const sites = new Uint8Array(64 * 64).fill(siteCode('hard-carbon-disordered'));
    const { G } = cumulativeGrowth(p, s.t, s.E);
    const f = coverageField(createRng(3), grid, sites, p.nucleation, s.t, s.E, G);
    expect(f.phantoms).toBeGreaterThan(0);
    const brute = new Float64Array(64 * 64).fill(Infinity);
    for (const nu of f.nuclei) stampNucleus(brute, grid, nu.x / 8e-9, nu.y / 8e-9, nu.g, G[G.length - 1]);
    // positions round-trip through metres: agreement to 1e-12 relative
    let maxRel = 0;
    for (let i = 0; i < brute.length; i++) maxRel = Math.max(maxRel, Math.abs(brute[i] - f.cover[i]) / f.cover[i]);
    expect(maxRel).toBeLessThan(1e-12);
  });

  it('property (seed 4242): coverage never decreases in time during the cathodic sweep', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 1.2, noNaN: true }), fc.double({ min: 1e10, max: 1e12, noNaN: true }), fc.double({ min: 0.5e-9, max: 5e-9, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (onset, J, v, seed) => {
        const grid = { nx: 48, ny: 48, dx: 8e-9 };
        const sites = new Uint8Array(48 * 48).fill(siteCode('hard-carbon-disordered'));
        const st = simulateSei(createRng(seed), { grid, sites, processes: [proc({ onset, J, v })], t: s.t, E: s.E });
        let prev = 0;
        for (let n = 0; n < s.t.length && s.E[n] >= 0.01 && (n === 0 || s.E[n] <= s.E[n - 1]); n += 10) {
          const c = coverageAt(st, s.t[n]);
          if (c < prev) return false;
          prev = c;
        }
        return true;
      }),
      { seed: 4242, numRuns: 15 },
    );
  });
});

describe("charge conservation (Faraday's law)", () => {
  it('property (seed 777): ∫ i_SEI dt equals −Σ q_V,j × (per-pixel film volume + soluble share) over random substrates, rates, limiting thicknesses and flank slopes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5e-3, max: 10e-3, noNaN: true }),
        fc.double({ min: 0.05e-9, max: 1e-9, noNaN: true }),
        fc.double({ min: 3e-9, max: 50e-9, noNaN: true }),
        fc.constantFrom('hopg-basal' as const, 'mcmb-edge' as const, 'hard-carbon-disordered' as const),
        fc.integer({ min: 0, max: 1e6 }),
        fc.option(fc.double({ min: 2, max: 8, noNaN: true }), { nil: undefined }),
        fc.option(fc.double({ min: 0.2, max: 3, noNaN: true }), { nil: undefined }),
        (rate, k, lambda, site, seed, hcOverLambda, slope) => {
          const pr = sampleProgram(cyclicVoltammetry({ start: 1.2, vertices: [0.05, 1.2], rate, cycles: 2 }), 2.0 / (rate * 1000));
          const grid = { nx: 40, ny: 40, dx: 1e-8 };
          const sites = new Uint8Array(1600).fill(siteCode(site));
          const Hc = hcOverLambda === undefined ? undefined : hcOverLambda * lambda;
          const a: SeiProcess = { ...proc({ k, lambda, name: 'a', Hc, slope }), nucleation: [{ site, onsetPotential: 0.8, rateAtOnset: 5e11, tafelWidth: 0.1, maxRate: 1e13 }] };
          const b: SeiProcess = { ...proc({ k: k / 2, lambda: lambda * 2, onset: 0.5, name: 'b' }), layer: 'inner', product: 'LiF', porosity: 0, nucleation: [{ site, onsetPotential: 0.5, rateAtOnset: 5e11, tafelWidth: 0.1, maxRate: 1e13 }] };
          const st = simulateSei(createRng(seed), { grid, sites, processes: [a, b], t: pr.t, E: pr.E });
          const { total } = seiCurrentDensity(st);
          let q = 0;
          for (let n = 1; n < total.length; n++) q += total[n] * (pr.t[n] - pr.t[n - 1]);
          const tEnd = pr.t[pr.t.length - 1];
          let expected = 0;
          st.processes.forEach((ps, j) => {
            const h = processThicknessMap(st, j, tEnd);
            let v = 0;
            for (const x of h) v += x * 1e-16;
            // the soluble share: a ΔK per covered pixel, dissolved (no film)
            for (let p = 0; p < 1600; p++) if (ps.coverK[p] < Infinity) v += ps.solubleShare * (ps.K[ps.K.length - 1] - ps.coverK[p]) * 1e-16;
            expected -= ps.chargePerVolume * v;
          });
          const area = 1600 * 1e-16;
          // Same closed form evaluated per pixel vs binned per node: agreement to 1e-9 relative
          // (bins merge nodes whose K differs by < 1e-12 λ).
          return expected < 0 && Math.abs(q * area / expected - 1) < 1e-9;
        },
      ),
      { seed: 777, numRuns: 12 },
    );
  });

  it('instant full coverage reduces to the analytic passivated film, H = λ ln(1 + K/λ)', () => {
    const p = proc({ J: 1e18, v: 1e-5, k: 0.2e-9, lambda: 5e-9 });
    const grid = { nx: 16, ny: 16, dx: 1e-8 };
    const sites = new Uint8Array(256).fill(siteCode('hard-carbon-disordered'));
    const st = simulateSei(createRng(1), { grid, sites, processes: [p], t: s.t, E: s.E });
    const N = s.t.length - 1;
    const ps = st.processes[0];
    // all pixels covered within the first step below onset
    const b = Math.min(...ps.coverNode);
    const H = passivatedThickness(ps.K[N] - ps.K[b], 5e-9);
    const maps = layerThicknessMaps(st, s.t[N]);
    expect(Math.max(...ps.coverNode) - b).toBeLessThanOrEqual(1);
    expect(maps.outer[0] / H).toBeCloseTo(1, 2);
    const jm = jmakCoverage(p, s.t, s.E, { 'hard-carbon-disordered': 1 });
    const mean = meanPassivatedThickness(jm.theta, ps.K, 5e-9);
    expect(mean[N] / H).toBeCloseTo(1, 2);
  });
});

describe('blisters and scrape-off thresholds', () => {
  const law = Luchkin2020.hopg.blisters!;
  it('blisters stay within ≤ 2 µm × 35 nm (000) and are more frequent with water', () => {
    const grid = { nx: 512, ny: 512, dx: 4e-6 / 512 };
    const big = { ...law, rate: law.rate * 200 };
    const s2 = sampleProgram(cyclicVoltammetry({ start: 3, vertices: [0.01, 3], rate: 2e-3, cycles: 2 }), 1);
    const dry = drawBlisters(createRng(1), big, grid, s2.t, s2.E, 0);
    const wet = drawBlisters(createRng(1), big, grid, s2.t, s2.E, 20e-6);
    expect(dry.length).toBeGreaterThan(20);
    for (const b of [...dry, ...wet]) {
      expect(b.diameter).toBeLessThanOrEqual(2e-6);
      expect(b.height).toBeLessThanOrEqual(35e-9);
    }
    // expected ratio 1 + 2e5 × 20e-6 = 5; Poisson counts of ~40 vs ~200 ⇒ ratio within [3, 8]
    expect(wet.length / dry.length).toBeGreaterThan(3);
    expect(wet.length / dry.length).toBeLessThan(8);
  });
  it('threshold field has median F_s and log-spread σ (pinning)', () => {
    const grid = { nx: 128, ny: 128, dx: 1.5e-8 };
    const f = Array.from(scrapeThresholdField(createRng(2), grid, { force: 4.1e-6, pinning: 0.25, pinningLength: 4e-8 })).sort((a, b) => a - b);
    // median of exp(σξ) with ξ sample-standardised: within 5 % (≈ (128·15/40)² = 2300 patches)
    expect(Math.abs(f[f.length / 2] / 4.1e-6 - 1)).toBeLessThan(0.05);
    const flat = scrapeThresholdField(createRng(2), grid, { force: 1.9e-6, pinning: 0, pinningLength: 4e-8 });
    expect(Math.min(...flat)).toBe(1.9e-6);
    expect(Math.max(...flat)).toBe(1.9e-6);
  });
});
