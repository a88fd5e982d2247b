/**
 * Sader's hydrodynamic function (J. Appl. Phys. 84, 64 (1998)): complex Bessel functions against
 * SciPy, Γ_rect against SciPy, limits, the fluid resonance and the FDT sum rule.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fixture from './fixtures/bessel-k.json' with { type: 'json' };
import {
  BOLTZMANN,
  besselK01,
  flexuralModeEnergyFraction,
  flexuralResonanceVacuum,
  flexuralSpringConstant,
  fluidPreset,
  fluidResonance,
  hydrodynamicFunction,
  hydrodynamicFunctionCircular,
  makeCantilever,
  makeModeOneThermalPsd,
  modeOneThermalPsd,
  probePreset,
  rectangularCorrection,
} from '../src/models/probe/index.js';

const cerr = (a: { re: number; im: number }, b: readonly number[]): number => Math.hypot(a.re - b[0], a.im - b[1]) / Math.hypot(b[0], b[1]);

describe('complex K0, K1 vs SciPy (test/fixtures/bessel-k.py, scipy.special.kv)', () => {
  it('at z = −i√(iRe), 1e-6 ≤ Re ≤ 1e4, and extra complex points: relative error < 1e-12', () => {
    let worst = 0;
    for (const r of [...fixture.sader, ...fixture.bessel]) {
      const [k0, k1] = besselK01({ re: r.z[0], im: r.z[1] });
      worst = Math.max(worst, cerr(k0, r.K0), cerr(k1, r.K1));
    }
    // measured 5e-15; 1e-12 leaves room for platform libm differences
    expect(worst).toBeLessThan(1e-12);
  });

  it('rejects Re z ≤ 0 and non-finite arguments', () => {
    expect(() => besselK01({ re: 0, im: 1 })).toThrow(/Re z > 0/);
    expect(() => besselK01({ re: NaN, im: 0 })).toThrow(RangeError);
  });
});

describe('hydrodynamic function', () => {
  it('Γ_circ and Γ_rect = Ω Γ_circ match SciPy to 1e-12 over the fit range', () => {
    for (const r of fixture.sader) {
      expect(cerr(hydrodynamicFunctionCircular(r.Re), r.gammaCirc), `Re=${r.Re}`).toBeLessThan(1e-12);
      expect(cerr(hydrodynamicFunction(r.Re), r.gammaRect), `Re=${r.Re}`).toBeLessThan(1e-12);
    }
  });

  it('Γ_circ → 1 + 2√2 (1 + i)/√Re at large Re (error O(1/Re): < 2 % of the correction at Re = 1e4)', () => {
    for (const Re of [1e3, 1e4]) {
      const g = hydrodynamicFunctionCircular(Re);
      const corr = (2 * Math.SQRT2) / Math.sqrt(Re);
      expect(Math.abs(g.re - 1 - corr) / corr).toBeLessThan(20 / Math.sqrt(Re));
      expect(Math.abs(g.im - corr) / corr).toBeLessThan(20 / Math.sqrt(Re));
    }
  });

  it('Ω(Re) is near 1 where the rectangular and circular beams are alike (Re ≈ 1: |Ω − 1| < 0.1); Γ_i > 0 (dissipative) everywhere', () => {
    const o = rectangularCorrection(1);
    expect(Math.abs(o.re - 1)).toBeLessThan(0.1);
    for (let e = -6; e <= 4; e += 0.25) expect(hydrodynamicFunction(10 ** e).im).toBeGreaterThan(0);
    expect(() => rectangularCorrection(2e4)).toThrow(/outside the fit's range/);
  });
});

describe('fluid resonance (peak of the thermal PSD) vs Sader Eq. 23–24', () => {
  const c = probePreset('saleh-rtespaw-150').cantilever;
  it('vacuum: the resonance is the vacuum one', () => {
    const r = fluidResonance(c, fluidPreset('vacuum'), 1e4);
    expect(r.frequency).toBe(flexuralResonanceVacuum(c));
  });
  it('air (Q ≈ 240): peak and FWHM agree with the high-Q approximations to 1e-4 and 1 %', () => {
    const r = fluidResonance(c, fluidPreset('air'));
    expect(r.qualityFrom).toBe('fwhm');
    expect(Math.abs(r.frequency / r.approx.frequency - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.qualityFactor / r.approx.qualityFactor - 1)).toBeLessThan(0.01);
    expect(r.qualityFactor).toBeGreaterThan(100);
  });
  it('water and electrolyte: the frequency drops to ~30 % and Q to a few; the approximations are off by O(1/Q)', () => {
    for (const f of ['water', 'electrolyte-lp30'] as const) {
      const r = fluidResonance(c, fluidPreset(f));
      expect(r.frequency / r.vacuumFrequency).toBeGreaterThan(0.2);
      expect(r.frequency / r.vacuumFrequency).toBeLessThan(0.5);
      expect(r.qualityFactor).toBeGreaterThan(1.5);
      expect(r.qualityFactor).toBeLessThan(8);
      expect(Math.abs(r.qualityFactor / r.approx.qualityFactor - 1)).toBeLessThan(1.5 / r.qualityFactor);
    }
  });
  it('monotonic: a more viscous fluid lowers Q; a denser one lowers f (seed 20250603)', () => {
    fc.assert(
      fc.property(fc.double({ min: 5e-4, max: 5e-3, noNaN: true }), fc.double({ min: 800, max: 1500, noNaN: true }), (eta, rho) => {
        const a = fluidResonance(c, { density: rho, viscosity: eta });
        const b = fluidResonance(c, { density: rho, viscosity: eta * 1.5 });
        const d = fluidResonance(c, { density: rho * 1.3, viscosity: eta });
        expect(b.qualityFactor).toBeLessThan(a.qualityFactor);
        expect(d.frequency).toBeLessThan(a.frequency);
      }),
      { seed: 20250603, numRuns: 15 },
    );
  });
});

describe('fluctuation–dissipation PSD of mode 1', () => {
  const c = makeCantilever();
  const T = 298.15;
  const integrate = (psd: (f: number) => number, f0: number): number => {
    // trapezoid on a log grid from 1e-6 f0 to 1e3 f0 (the tails beyond hold < 1e-5 of the variance)
    const n = 200000;
    const lo = Math.log(1e-6 * f0);
    const hi = Math.log(1e3 * f0);
    let s = 0;
    let prev = 0;
    let fPrev = 0;
    for (let i = 0; i <= n; i++) {
      const f = Math.exp(lo + ((hi - lo) * i) / n);
      const v = psd(f);
      if (i > 0) s += 0.5 * (v + prev) * (f - fPrev);
      prev = v;
      fPrev = f;
    }
    return s;
  };
  it.each(['air', 'water', 'electrolyte-lp30'] as const)('%s: ∫S df = (12/α1⁴) k_BT/k (sum rule) to 2e-3', (fl) => {
    const fluid = fluidPreset(fl);
    const psd = makeModeOneThermalPsd(c, fluid, T);
    const v = integrate(psd, flexuralResonanceVacuum(c));
    const expected = (flexuralModeEnergyFraction(1) * BOLTZMANN * T) / flexuralSpringConstant(c);
    expect(Math.abs(v / expected - 1)).toBeLessThan(2e-3);
  });
  it('the tabulated evaluator matches the direct one to 1e-4 (linear interpolation of Γ at 400 points/decade)', () => {
    const fluid = fluidPreset('water');
    const fast = makeModeOneThermalPsd(c, fluid, T);
    const f0 = flexuralResonanceVacuum(c);
    for (let i = 0; i < 60; i++) {
      const f = f0 * 10 ** (-2 + (3 * i) / 59);
      expect(Math.abs(fast(f) / modeOneThermalPsd(c, fluid, T, f) - 1)).toBeLessThan(1e-4);
    }
  });
});
