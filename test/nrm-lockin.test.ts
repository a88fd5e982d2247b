/**
 * The lock-in of the NRM instrument (src/models/nrm/lockin.ts): closed forms (SR830 noise
 * bandwidths, transfer function, step response), the exact per-step update against a brute-force
 * time-domain lock-in (mixer + RC cascade integrated by RK4 at up to 800 samples per step, with a
 * 4th-order convergence-rate check), and the noise injected at the output bandwidth against both
 * the analytic variance/correlation and a brute-force white-noise simulation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cascadeNoiseCovariance,
  cascadeTransition,
  equivalentNoiseBandwidth,
  filterOrder,
  lockInPlan,
  lockInScratch,
  lockInSettle,
  lockInState,
  lockInStep,
  lowPassTransfer,
  stepResponseDeficit,
  type FilterSlope,
} from '../src/models/nrm/lockin.js';
import { createRng } from '../src/sim/rng.js';

const SLOPES: FilterSlope[] = [6, 12, 18, 24];

describe('lock-in closed forms', () => {
  it('equivalent noise bandwidths are the SR830 table: 1/(4τ), 1/(8τ), 3/(32τ), 5/(64τ)', () => {
    // SR830 manual, "Noise measurements": ENBW of 6/12/18/24 dB/oct filters
    const tau = 3e-3;
    const expected = [1 / (4 * tau), 1 / (8 * tau), 3 / (32 * tau), 5 / (64 * tau)];
    SLOPES.forEach((s, i) => expect(equivalentNoiseBandwidth(tau, filterOrder(s))).toBeCloseTo(expected[i], 10));
  });

  it('ENBW equals ∫₀^∞ |H(f)|² df (trapezoid on a fine log grid, 1e-4 relative)', () => {
    for (const n of [1, 2, 3, 4]) {
      const tau = 1e-3;
      let s = 0;
      let fPrev = 0;
      let gPrev = 1;
      for (let k = 0; k <= 400000; k++) {
        const f = 1e-3 * Math.pow(10, (k / 400000) * 11); // 1 mHz … 100 MHz (tail beyond: < 1e-6 relative)
        const [re, im] = lowPassTransfer(f, tau, n);
        const g = re * re + im * im;
        s += 0.5 * (g + gPrev) * (f - fPrev);
        fPrev = f;
        gPrev = g;
      }
      expect(s / equivalentNoiseBandwidth(tau, n) - 1).toBeLessThan(2e-4);
      expect(s / equivalentNoiseBandwidth(tau, n) - 1).toBeGreaterThan(-2e-4);
    }
  });

  it('|H| = (1 + (2πfτ)²)^(−n/2) and the phase is −n·atan(2πfτ)', () => {
    const [re, im] = lowPassTransfer(1000, 1e-3, 4);
    const x = 2 * Math.PI;
    expect(Math.hypot(re, im)).toBeCloseTo(Math.pow(1 + x * x, -2), 14);
    expect(Math.atan2(im, re)).toBeCloseTo(-4 * Math.atan(x) + 2 * Math.PI, 12);
  });

  it('step response deficit of one stage is e^(−t/τ); of n stages the regularised upper gamma', () => {
    expect(stepResponseDeficit(5e-3, 1e-3, 1)).toBeCloseTo(Math.exp(-5), 15);
    // Q(2, 3) = e^{-3}(1 + 3)
    expect(stepResponseDeficit(3, 1, 2)).toBeCloseTo(Math.exp(-3) * 4, 15);
  });

  it('stationary variance of the last stage is S·ENBW for every slope (exact closed form)', () => {
    const S = 2.5e-10;
    const tau = 1e-3;
    for (const s of SLOPES) {
      const n = filterOrder(s);
      const Q = cascadeNoiseCovariance(n, tau, Infinity, S / 2);
      expect(Q[(n - 1) * n + (n - 1)] / (S * equivalentNoiseBandwidth(tau, n)) - 1).toBeLessThan(1e-12);
    }
  });

  it('property (seed 5151): Φ is a semigroup and Q composes, Q(T₁+T₂) = Φ(T₂)Q(T₁)Φ(T₂)ᵀ + Q(T₂)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.double({ min: 1e-5, max: 1e-1, noNaN: true }), fc.double({ min: 0.01, max: 20, noNaN: true }), fc.double({ min: 0.01, max: 20, noNaN: true }), (n, tau, a, b) => {
        const T1 = a * tau;
        const T2 = b * tau;
        const P1 = cascadeTransition(n, tau, T1);
        const P2 = cascadeTransition(n, tau, T2);
        const P12 = cascadeTransition(n, tau, T1 + T2);
        const Q1 = cascadeNoiseCovariance(n, tau, T1, 1);
        const Q2 = cascadeNoiseCovariance(n, tau, T2, 1);
        const Q12 = cascadeNoiseCovariance(n, tau, T1 + T2, 1);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let pp = 0;
            for (let k = 0; k < n; k++) pp += P2[i * n + k] * P1[k * n + j];
            expect(Math.abs(pp - P12[i * n + j])).toBeLessThan(1e-12);
            let q = Q2[i * n + j];
            for (let k = 0; k < n; k++) for (let l = 0; l < n; l++) q += P2[i * n + k] * Q1[k * n + l] * P2[j * n + l];
            // relative to the stationary scale 1/τ of Q (unit PSD)
            expect(Math.abs(q - Q12[i * n + j]) * tau).toBeLessThan(1e-10);
          }
        }
      }),
      { seed: 5151, numRuns: 200 },
    );
  });
});

/** Brute-force lock-in: mixer output √2 V_in(t) e^{−i(ωt+φ_r)} into n RC stages, RK4 with M samples per step. */
function bruteForce(phasors: { re: number; im: number; dc: number }[], f: number, tau: number, n: number, T: number, phiR: number, M: number): { x: number[]; y: number[] } {
  const w = 2 * Math.PI * f;
  const sr = new Float64Array(n);
  const si = new Float64Array(n);
  const x: number[] = [];
  const y: number[] = [];
  const dt = T / M;
  const deriv = (t: number, p: { re: number; im: number; dc: number }, ar: Float64Array, ai: Float64Array, or: Float64Array, oi: Float64Array) => {
    const vin = p.re * Math.cos(w * t) - p.im * Math.sin(w * t) + p.dc;
    const mr = Math.SQRT2 * vin * Math.cos(w * t + phiR);
    const mi = -Math.SQRT2 * vin * Math.sin(w * t + phiR);
    for (let j = 0; j < n; j++) {
      const ur = j === 0 ? mr : ar[j - 1];
      const ui = j === 0 ? mi : ai[j - 1];
      or[j] = (ur - ar[j]) / tau;
      oi[j] = (ui - ai[j]) / tau;
    }
  };
  const k = Array.from({ length: 8 }, () => new Float64Array(n));
  const tr = new Float64Array(n);
  const ti = new Float64Array(n);
  let t = 0;
  for (const p of phasors) {
    for (let m = 0; m < M; m++) {
      deriv(t, p, sr, si, k[0], k[1]);
      for (let j = 0; j < n; j++) { tr[j] = sr[j] + 0.5 * dt * k[0][j]; ti[j] = si[j] + 0.5 * dt * k[1][j]; }
      deriv(t + 0.5 * dt, p, tr, ti, k[2], k[3]);
      for (let j = 0; j < n; j++) { tr[j] = sr[j] + 0.5 * dt * k[2][j]; ti[j] = si[j] + 0.5 * dt * k[3][j]; }
      deriv(t + 0.5 * dt, p, tr, ti, k[4], k[5]);
      for (let j = 0; j < n; j++) { tr[j] = sr[j] + dt * k[4][j]; ti[j] = si[j] + dt * k[5][j]; }
      deriv(t + dt, p, tr, ti, k[6], k[7]);
      for (let j = 0; j < n; j++) {
        sr[j] += (dt / 6) * (k[0][j] + 2 * k[2][j] + 2 * k[4][j] + k[6][j]);
        si[j] += (dt / 6) * (k[1][j] + 2 * k[3][j] + 2 * k[5][j] + k[7][j]);
      }
      t += dt;
    }
    x.push(sr[n - 1]);
    y.push(si[n - 1]);
  }
  return { x, y };
}

describe('exact per-step lock-in against a brute-force time-domain lock-in', () => {
  // a short "curve": 12 steps of changing in-phase/quadrature force and DC (crosstalk) level
  const phasors = Array.from({ length: 12 }, (_, k) => ({ re: 0.02 * k * k, im: 0.01 * k - 0.03, dc: 0.5 + 0.1 * Math.sin(k) }));
  const f = 1000;
  const tau = 1e-3;
  const T = 5e-3;
  const phiR = 0.3;

  function exact(slope: FilterSlope): { x: number[]; y: number[] } {
    const plan = lockInPlan(f, tau, slope, T, phiR);
    const st = lockInState(plan.order);
    const sc = lockInScratch(plan.order);
    const x: number[] = [];
    const y: number[] = [];
    phasors.forEach((p, k) => {
      lockInStep(st, plan, { phasorRe: p.re, phasorIm: p.im, dc: p.dc }, k * T, 0, undefined, sc);
      x.push(st.re[plan.order - 1]);
      y.push(st.im[plan.order - 1]);
    });
    return { x, y };
  }

  it('converges to the exact update at the RK4 rate: log2(err(M)/err(2M)) > 4 − 0.05 (24 dB/oct)', () => {
    const ex = exact(24);
    const errs = [100, 200, 400].map((M) => {
      const b = bruteForce(phasors, f, tau, 4, T, phiR, M);
      let e = 0;
      for (let k = 0; k < phasors.length; k++) e = Math.max(e, Math.abs(b.x[k] - ex.x[k]), Math.abs(b.y[k] - ex.y[k]));
      return e;
    });
    for (let i = 0; i + 1 < errs.length; i++) expect(Math.log2(errs[i] / errs[i + 1])).toBeGreaterThan(4 - 0.05);
    // at 400 samples per step (80 per dither period) the brute force agrees to < 1e-9 V on outputs of ~0.1 V
    expect(errs[2]).toBeLessThan(1e-9);
  });

  it('agrees for every slope at 400 samples per step to < 5e-8 V on outputs of ~0.1 V', () => {
    for (const s of SLOPES) {
      const ex = exact(s);
      const b = bruteForce(phasors, f, tau, filterOrder(s), T, phiR, 400);
      for (let k = 0; k < phasors.length; k++) {
        expect(Math.abs(b.x[k] - ex.x[k])).toBeLessThan(5e-8);
        expect(Math.abs(b.y[k] - ex.y[k])).toBeLessThan(5e-8);
      }
    }
  });

  it('a settled lock-in reads X + iY = V* e^{−iφ_r}/√2 (RMS) plus the attenuated 2f and DC ripple', () => {
    const plan = lockInPlan(f, tau, 24, T, phiR);
    const st = lockInState(plan.order);
    const sc = lockInScratch(plan.order);
    const inp = { phasorRe: 0.3, phasorIm: -0.1, dc: 0 };
    lockInSettle(st, plan, inp, 0, 0, undefined, sc);
    for (let k = 0; k < 5; k++) lockInStep(st, plan, inp, k * T, 0, undefined, sc);
    const c = Math.cos(phiR);
    const s = Math.sin(phiR);
    const xr = (0.3 * c - 0.1 * s) / Math.SQRT2;
    const yi = (-0.1 * c - 0.3 * s) / Math.SQRT2;
    // 2f ripple: |V|/√2 · |H(2f)| = 0.224 · 4.0e-5 ≈ 9e-6 V
    const [h2r, h2i] = lowPassTransfer(2 * f, tau, 4);
    const ripple = (Math.hypot(0.3, 0.1) / Math.SQRT2) * Math.hypot(h2r, h2i);
    expect(Math.abs(st.re[3] - xr)).toBeLessThanOrEqual(ripple * 1.0001);
    expect(Math.abs(st.im[3] - yi)).toBeLessThanOrEqual(ripple * 1.0001);
    expect(ripple).toBeLessThan(1e-5);
  });
});

describe('noise at the output bandwidth', () => {
  it('sample variance of X and Y is S·ENBW, and X, Y are uncorrelated (seed "lockin-noise", 20 000 steps)', () => {
    const S = 1e-10;
    const tau = 1e-3;
    const T = 10e-3; // T = 10 τ: successive samples nearly independent, so var(σ̂²)/σ⁴ ≈ 2/N
    const plan = lockInPlan(1000, tau, 24, T, 0);
    const st = lockInState(4);
    const sc = lockInScratch(4);
    const rng = createRng('lockin-noise');
    const zero = { phasorRe: 0, phasorIm: 0, dc: 0 };
    lockInSettle(st, plan, zero, 0, S, rng, sc);
    const N = 20000;
    let sx = 0;
    let sy = 0;
    let sxy = 0;
    for (let k = 0; k < N; k++) {
      lockInStep(st, plan, zero, k * T, S, rng, sc);
      sx += st.re[3] ** 2;
      sy += st.im[3] ** 2;
      sxy += st.re[3] * st.im[3];
    }
    const v = S * equivalentNoiseBandwidth(tau, 4);
    // 4σ of the variance estimator: 4·√(2/N) = 4 %
    expect(Math.abs(sx / N / v - 1)).toBeLessThan(0.04);
    expect(Math.abs(sy / N / v - 1)).toBeLessThan(0.04);
    expect(Math.abs(sxy / N / v)).toBeLessThan(4 / Math.sqrt(N));
  });

  it('successive samples keep the filter correlation: lag-1 correlation e^{−T/τ} for one stage (seed "lag1")', () => {
    const tau = 1e-3;
    const T = 1e-3;
    const plan = lockInPlan(1000, tau, 6, T, 0);
    const st = lockInState(1);
    const sc = lockInScratch(1);
    const rng = createRng('lag1');
    const zero = { phasorRe: 0, phasorIm: 0, dc: 0 };
    lockInSettle(st, plan, zero, 0, 1, rng, sc);
    const N = 40000;
    let prev = st.re[0];
    let s11 = 0;
    let s01 = 0;
    for (let k = 0; k < N; k++) {
      lockInStep(st, plan, zero, k * T, 1, rng, sc);
      s01 += prev * st.re[0];
      s11 += st.re[0] ** 2;
      prev = st.re[0];
    }
    // estimator SD ≈ √((1 − ρ²)/N)·… ≈ 0.005; tolerance 0.02
    expect(Math.abs(s01 / s11 - Math.exp(-1))).toBeLessThan(0.02);
  });

  it('matches a brute-force lock-in fed sampled white noise (50 kHz, 40 s): variance of X within 10 % (seed "bf-noise")', () => {
    const S = 1e-10; // one-sided PSD, V²/Hz
    const f = 1000;
    const tau = 1e-3;
    const T = 10e-3;
    const dt = 2e-5;
    const M = Math.round(T / dt);
    const rng = createRng('bf-noise');
    const w = 2 * Math.PI * f;
    const a = Math.exp(-dt / tau);
    const s = new Float64Array(2); // one stage (6 dB/oct): exact ZOH update per sample
    let acc = 0;
    let n = 0;
    const sigma = Math.sqrt(S / (2 * dt)); // white noise of two-sided PSD S/2 sampled at 1/dt
    for (let k = 0; k < 4000; k++) {
      for (let m = 0; m < M; m++) {
        const t = (k * M + m) * dt;
        const v = sigma * rng.normal();
        const mr = Math.SQRT2 * v * Math.cos(w * t);
        const mi = -Math.SQRT2 * v * Math.sin(w * t);
        s[0] = a * s[0] + (1 - a) * mr;
        s[1] = a * s[1] + (1 - a) * mi;
      }
      if (k >= 10) {
        acc += s[0] * s[0] + s[1] * s[1];
        n += 2;
      }
    }
    const bf = acc / n;
    const model = S * equivalentNoiseBandwidth(tau, 1);
    // sampling at dt = τ/50: the discrete filter's noise gain (1 − a)/(1 + a)/(2dt/… ) differs from
    // the continuous one by O(dt/τ) ≈ 1 %; statistical SD of the estimate √(2/7980) ≈ 1.6 %
    expect(Math.abs(bf / model - 1)).toBeLessThan(0.1);
  });
});
