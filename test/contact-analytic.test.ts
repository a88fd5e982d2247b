/**
 * Contact mechanics closed forms: Hertz, DMT, JKR, Sneddon, Bilodeau, flat punch, Dimitriadis thin
 * film, reduced modulus, van der Waals snap-in.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dimitriadisCoefficients,
  dimitriadisFactor,
  dmtForce,
  dmtPullOff,
  flatPunchForce,
  hamakerFromAdhesionWork,
  hertzForce,
  hertzIndentation,
  hertzThinFilmForce,
  jkrAtContactRadius,
  jkrContactRadiusAtForce,
  jkrMinIndentationContactRadius,
  jkrPullOff,
  jkrPullOffContactRadius,
  pyramidForce,
  reducedModulus,
  sampleModulusFromReduced,
  sneddonConeForce,
  vdwSnapInDistance,
  vdwSpherePlaneForce,
  CONTACT_CUTOFF,
} from '../src/models/contact/index.js';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);
const arbE = fc.double({ min: 1e6, max: 1e11, noNaN: true });
const arbR = fc.double({ min: 1e-9, max: 1e-6, noNaN: true });
const arbW = fc.double({ min: 1e-3, max: 1, noNaN: true });

describe('Hertz (Johnson 1985 §4.2)', () => {
  it('F = (4/3) E* √R δ^{3/2}: 1 GPa, 10 nm, 1 nm → 4.2164 nN; no force out of contact', () => {
    expect(rel(hertzForce(1e9, 10e-9, 1e-9), (4 / 3) * 1e9 * Math.sqrt(10e-9) * 1e-9 ** 1.5)).toBeLessThan(1e-14);
    expect(rel(hertzForce(1e9, 10e-9, 1e-9), 4.21637021e-9)).toBeLessThan(1e-8);
    expect(hertzForce(1e9, 10e-9, -1e-9)).toBe(0);
  });
  it('hertzIndentation inverts hertzForce (seed 20250610)', () => {
    fc.assert(
      fc.property(arbE, arbR, fc.double({ min: 1e-11, max: 1e-7, noNaN: true }), (E, R, d) => {
        expect(rel(hertzIndentation(E, R, hertzForce(E, R, d)), d)).toBeLessThan(1e-12);
      }),
      { seed: 20250610, numRuns: 200 },
    );
  });
});

describe('DMT → Hertz as the adhesion vanishes', () => {
  it('F_DMT − F_Hertz = −2πRW exactly, so the difference is linear in W and → 0 (seed 20250611)', () => {
    fc.assert(
      fc.property(arbE, arbR, arbW, fc.double({ min: 1e-11, max: 1e-8, noNaN: true }), (E, R, W, d) => {
        const h = hertzForce(E, R, d);
        for (const s of [1, 1e-3, 1e-6]) {
          expect(Math.abs(dmtForce(E, R, W * s, d) - h + 2 * Math.PI * R * W * s)).toBeLessThan(1e-12 * Math.max(h, 2 * Math.PI * R * W));
        }
        expect(dmtForce(E, R, 0, d)).toBe(h);
        expect(rel(dmtPullOff(R, W), 2 * Math.PI * R * W)).toBeLessThan(1e-15);
      }),
      { seed: 20250611, numRuns: 200 },
    );
  });
});

describe('JKR (Johnson, Kendall & Roberts 1971; Maugis 1992)', () => {
  it('pull-off = 1.5πRW: the minimum of F(a) over a, found numerically, equals −(3/2)πRW to 1e-10 (seed 20250612)', () => {
    fc.assert(
      fc.property(arbE, arbR, arbW, (E, R, W) => {
        // golden-section minimum of F(a) on (0, 10 a_c)
        const ac = jkrPullOffContactRadius(E, R, W);
        let lo = 1e-6 * ac;
        let hi = 10 * ac;
        const gr = (Math.sqrt(5) - 1) / 2;
        for (let i = 0; i < 200; i++) {
          const x1 = hi - gr * (hi - lo);
          const x2 = lo + gr * (hi - lo);
          if (jkrAtContactRadius(E, R, W, x1).force < jkrAtContactRadius(E, R, W, x2).force) hi = x2;
          else lo = x1;
        }
        const fmin = jkrAtContactRadius(E, R, W, 0.5 * (lo + hi)).force;
        expect(rel(-fmin, jkrPullOff(R, W))).toBeLessThan(1e-10);
        expect(rel(-fmin, 1.5 * Math.PI * R * W)).toBeLessThan(1e-10);
        expect(rel(0.5 * (lo + hi), ac)).toBeLessThan(1e-5);
      }),
      { seed: 20250612, numRuns: 100 },
    );
  });

  it('at the minimum indentation a_δ = a_c/9^{1/3} the load is −(5/6)πRW (displacement-controlled pull-off)', () => {
    const E = 1.5e9;
    const R = 8e-9;
    const W = 0.3;
    const ad = jkrMinIndentationContactRadius(E, R, W);
    expect(rel(ad, jkrPullOffContactRadius(E, R, W) / Math.cbrt(9))).toBeLessThan(1e-14);
    expect(rel(-jkrAtContactRadius(E, R, W, ad).force, (5 / 6) * Math.PI * R * W)).toBeLessThan(1e-12);
  });

  it('JKR → Hertz as W → 0: F(a) → 4E*a³/(3R), δ(a) → a²/R (difference ∝ √W)', () => {
    const E = 1e9;
    const R = 10e-9;
    const a = 3e-9;
    const errs = [1e-2, 1e-4, 1e-6].map((W) => {
      const j = jkrAtContactRadius(E, R, W, a);
      return Math.abs(j.force / hertzForce(E, R, (a * a) / R) - 1);
    });
    // the load difference is exactly √(8πWE*a³), i.e. ∝ √W: 10× smaller per factor 100 in W
    expect(rel(errs[1], errs[0] / 10)).toBeLessThan(1e-9);
    expect(rel(errs[2], errs[1] / 10)).toBeLessThan(1e-9);
    expect(rel(errs[2] * hertzForce(E, R, (a * a) / R), Math.sqrt(8 * Math.PI * 1e-6 * E * a ** 3))).toBeLessThan(1e-9);
  });

  it('jkrContactRadiusAtForce inverts the stable branch a ≥ a_c (seed 20250613)', () => {
    fc.assert(
      fc.property(arbE, arbR, arbW, fc.double({ min: 1.0001, max: 20, noNaN: true }), (E, R, W, s) => {
        const a = s * jkrPullOffContactRadius(E, R, W);
        const F = jkrAtContactRadius(E, R, W, a).force;
        expect(rel(jkrContactRadiusAtForce(E, R, W, F), a)).toBeLessThan(1e-8);
      }),
      { seed: 20250613, numRuns: 200 },
    );
  });
});

describe('sharp and flat indenters', () => {
  it('Sneddon cone (2/π)E* tanθ δ²; Bilodeau pyramid 0.7453 E* tanα δ²; flat punch 2E*aδ', () => {
    expect(rel(sneddonConeForce(1e9, Math.PI / 6, 2e-9), (2 / Math.PI) * 1e9 * Math.tan(Math.PI / 6) * 4e-18)).toBeLessThan(1e-14);
    expect(rel(pyramidForce(1e9, Math.PI / 6, 2e-9), 0.7453 * 1e9 * Math.tan(Math.PI / 6) * 4e-18)).toBeLessThan(1e-14);
    expect(rel(flatPunchForce(1e9, 1e-6, 2e-9), 2 * 1e9 * 1e-6 * 2e-9)).toBeLessThan(1e-14);
    expect(sneddonConeForce(1e9, 0.5, -1)).toBe(0);
  });
});

describe('Dimitriadis et al. 2002 thin-film correction', () => {
  it('ν = 0.5 bonded: 1.133, 1.283, 0.769 (Eq. 12 as quoted, 3 decimals); c4 = −0.0975 from Eq. 11 (the quoted Eq. 12 prints +0.0975)', () => {
    const c = dimitriadisCoefficients(0.5, 'bonded');
    expect(Math.abs(c[0] - 1.133)).toBeLessThan(6e-4);
    expect(Math.abs(c[1] - 1.283)).toBeLessThan(6e-4);
    expect(Math.abs(c[2] - 0.769)).toBeLessThan(6e-4);
    expect(Math.abs(c[3] + 0.0975)).toBeLessThan(6e-4);
  });
  it('ν = 0.5 non-bonded: 0.884, 0.781, 0.386, 0.0048 (Eq. 13)', () => {
    const c = dimitriadisCoefficients(0.5, 'nonbonded');
    expect(Math.abs(c[0] - 0.884)).toBeLessThan(6e-4);
    expect(Math.abs(c[1] - 0.781)).toBeLessThan(6e-4);
    expect(Math.abs(c[2] - 0.386)).toBeLessThan(6e-4);
    expect(Math.abs(c[3] - 0.0048)).toBeLessThan(6e-5);
  });
  it('bonded stiffens more than non-bonded; h → ∞ gives Hertz; the factor derivative matches finite differences', () => {
    const E = 1e9;
    const R = 8e-9;
    const d = 3e-9;
    const b = hertzThinFilmForce(E, R, d, 12e-9, 0.3, 'bonded');
    const nb = hertzThinFilmForce(E, R, d, 12e-9, 0.3, 'nonbonded');
    expect(b).toBeGreaterThan(nb);
    expect(nb).toBeGreaterThan(hertzForce(E, R, d));
    expect(hertzThinFilmForce(E, R, d, Infinity, 0.3, 'bonded')).toBe(hertzForce(E, R, d));
    const coef = dimitriadisCoefficients(0.3, 'bonded');
    const x = 0.4;
    const h = 1e-6;
    const fd = (dimitriadisFactor(x + h, coef).value - dimitriadisFactor(x - h, coef).value) / (2 * h);
    expect(rel(dimitriadisFactor(x, coef).derivative, fd)).toBeLessThan(1e-8);
    expect(() => dimitriadisCoefficients(0.6, 'bonded')).toThrow(/poissonRatio = 0.6/);
  });
});

describe('reduced modulus (Johnson 1985 Eq. 4.22)', () => {
  it('round trip E_s → E* → E_s to 1e-12 (seed 20250614); rigid tip gives E_s/(1 − ν²)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e6, max: 5e10, noNaN: true }), fc.double({ min: -0.9, max: 0.5, noNaN: true }), (Es, nu) => {
        const Estar = reducedModulus(Es, nu, 169e9, 0.22);
        expect(rel(sampleModulusFromReduced(Estar, nu, 169e9, 0.22), Es)).toBeLessThan(1e-12);
        expect(Estar).toBeLessThan(Es / (1 - nu * nu));
      }),
      { seed: 20250614, numRuns: 200 },
    );
    expect(rel(reducedModulus(1e9, 0.3), 1e9 / 0.91)).toBeLessThan(1e-15);
  });
  it('rejects ν outside (−1, 0.5] and E* above the tip modulus', () => {
    expect(() => reducedModulus(1e9, 0.51)).toThrow(/samplePoisson = 0.51/);
    expect(() => reducedModulus(1e9, -1)).toThrow(RangeError);
    expect(() => sampleModulusFromReduced(2e11, 0.3, 169e9, 0.22)).toThrow(/not below the tip/);
    expect(() => reducedModulus(NaN, 0.3)).toThrow(/sampleModulus = NaN/);
  });
});

describe('van der Waals sphere–plane (Israelachvili 3rd ed. §13)', () => {
  it('H = 12πD0²W makes the vdW force at D0 equal the DMT adhesion; at D_snap the gradient equals k', () => {
    const R = 8e-9;
    const W = 0.38;
    const H = hamakerFromAdhesionWork(W);
    expect(rel(-vdwSpherePlaneForce(H, R, CONTACT_CUTOFF), dmtPullOff(R, W))).toBeLessThan(1e-14);
    const k = 6;
    const D = vdwSnapInDistance(H, R, k);
    const grad = (H * R) / (3 * D ** 3);
    expect(rel(grad, k)).toBeLessThan(1e-12);
  });
});
