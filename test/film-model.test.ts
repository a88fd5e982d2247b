import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  complexModulus,
  filmProfile,
  homogeneousFilm,
  constantLoss,
  checkFilm,
  filmThickness,
  modulusAtDepth,
  nagarathinam2026Fig2fSkin,
  seiNaHardCarbon,
  seiLiGraphite,
  shearViscosity,
  type Film,
  type ModulusModel,
} from '../src/models/film/index.js';
import { ParamError } from '../src/models/params.js';
import { cabs, cdiv, cmul, complex, csqrt } from '../src/models/complex.js';

describe('complex helper', () => {
  it('division inverts multiplication and sqrt squares back', () => {
    const a = complex(3, -4);
    const b = complex(-0.5, 2);
    const q = cdiv(cmul(a, b), b);
    expect(q.re).toBeCloseTo(3, 14);
    expect(q.im).toBeCloseTo(-4, 14);
    const s = csqrt(a);
    const s2 = cmul(s, s);
    expect(s2.re).toBeCloseTo(3, 13);
    expect(s2.im).toBeCloseTo(-4, 13);
    expect(cabs(a)).toBe(5);
  });
});

describe('modulus models at the dither frequency', () => {
  const f = 1000;
  const w = 2 * Math.PI * f;
  it('Kelvin–Voigt: E* = E + iωη', () => {
    const e = complexModulus({ kind: 'kelvin-voigt', youngsModulus: 2e6, viscosity: 100 }, f);
    expect(e.re).toBe(2e6);
    expect(e.im).toBeCloseTo(w * 100, 6);
  });
  it('Maxwell: storage = loss at ωτ = 1, and E* → E at high frequency', () => {
    const E = 5e6;
    const eta = E / w; // τ = 1/ω
    const e = complexModulus({ kind: 'maxwell', youngsModulus: E, viscosity: eta }, f);
    expect(e.re / E).toBeCloseTo(0.5, 14);
    expect(e.im / E).toBeCloseTo(0.5, 14);
    const hi = complexModulus({ kind: 'maxwell', youngsModulus: E, viscosity: eta }, 1e9);
    expect(hi.re / E).toBeGreaterThan(1 - 1e-10);
  });
  it('Zener: limits E_r (ω→0), E_u (ω→∞), peak loss (E_u−E_r)/2 at ωτ = 1', () => {
    const m: ModulusModel = { kind: 'zener', relaxedModulus: 1e6, unrelaxedModulus: 3e6, relaxationTime: 1 / w };
    expect(complexModulus(m, 0).re).toBe(1e6);
    const mid = complexModulus(m, f);
    expect(mid.re).toBeCloseTo(2e6, 6);
    expect(mid.im).toBeCloseTo(1e6, 6);
    expect(complexModulus(m, 1e9).re / 3e6).toBeGreaterThan(1 - 1e-9);
  });
  it('loss modulus is never negative (property, seed 4242)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e3, max: 1e11, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (E, eta, freq) => {
          for (const kind of ['kelvin-voigt', 'maxwell'] as const) {
            const e = complexModulus({ kind, youngsModulus: E, viscosity: Math.max(eta, 1e-12) }, freq);
            if (!(e.im >= 0 && e.re >= 0)) return false;
          }
          return true;
        },
      ),
      { seed: 4242, numRuns: 200 },
    );
  });
  it('Eq. 7 of 002: η = G″/(2πf) = E″/(6πf) for ν = 0.5', () => {
    const E = complex(1e6, 6 * Math.PI * 1000 * 0.7);
    expect(shearViscosity(E, 0.5, 1000)).toBeCloseTo(0.7, 12);
  });
});

describe('film profile', () => {
  it('homogeneous film is constant and equals the layer modulus', () => {
    const film = homogeneousFilm(100e-9, constantLoss(1e6, 0.1), 0.45);
    const p = filmProfile(film, 1000);
    for (const z of [0, 10e-9, 50e-9, 100e-9]) {
      expect(p.modulus(z)).toEqual({ re: 1e6, im: 1e5 });
      expect(p.poisson(z)).toBe(0.45);
    }
  });
  it('sharp skin layer: inside/outside values and thickness', () => {
    const film = nagarathinam2026Fig2fSkin();
    expect(filmThickness(film)).toBeCloseTo(100e-9, 20);
    expect(modulusAtDepth(film, 40e-9, 1000).re).toBe(10e6);
    expect(modulusAtDepth(film, 20e-9, 1000).re).toBe(1e6);
    expect(modulusAtDepth(film, 60e-9, 1000).re).toBe(1e6);
  });
  it('linear interface: midpoint is the mean, ends are the layer values', () => {
    const film: Film = {
      layers: [
        { thickness: 10e-9, modulus: constantLoss(1e9), poissonRatio: 0.3 },
        { thickness: 10e-9, modulus: constantLoss(1e6), poissonRatio: 0.49 },
      ],
      interfaces: [{ shape: 'linear', width: 4e-9 }],
    };
    const p = filmProfile(film, 1000);
    expect(p.modulus(10e-9).re).toBeCloseTo((1e9 + 1e6) / 2, 3);
    expect(p.modulus(7.9e-9).re).toBe(1e9);
    expect(p.modulus(12.1e-9).re).toBe(1e6);
    expect(p.poisson(10e-9)).toBeCloseTo(0.395, 12);
  });
  it('graded profiles are monotone between monotone layers (property, seed 77)', () => {
    fc.assert(
      fc.property(fc.constantFrom('linear', 'tanh') as fc.Arbitrary<'linear' | 'tanh'>, fc.double({ min: 0.1e-9, max: 10e-9, noNaN: true }), (shape, w) => {
        const film: Film = {
          layers: [
            { thickness: 10e-9, modulus: constantLoss(1e9), poissonRatio: 0.3 },
            { thickness: 10e-9, modulus: constantLoss(1e8), poissonRatio: 0.4 },
            { thickness: 10e-9, modulus: constantLoss(1e6), poissonRatio: 0.49 },
          ],
          interfaces: [{ shape, width: w }, { shape, width: w }],
        };
        const p = filmProfile(film, 1000);
        let prev = Infinity;
        for (let i = 0; i <= 300; i++) {
          const e = p.modulus((i / 300) * 30e-9).re;
          if (e > prev * (1 + 1e-12)) return false;
          prev = e;
        }
        return true;
      }),
      { seed: 77, numRuns: 50 },
    );
  });
  it('presets are valid', () => {
    expect(checkFilm(seiNaHardCarbon())).toEqual([]);
    expect(checkFilm(seiLiGraphite())).toEqual([]);
    expect(checkFilm(nagarathinam2026Fig2fSkin())).toEqual([]);
  });
  it('invalid input names the parameter, value and range (NaN never passes)', () => {
    const film = homogeneousFilm(Number.NaN, constantLoss(-1), 0.6);
    const problems = checkFilm(film);
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('film.layers[0].thickness');
    expect(paths).toContain('film.layers[0].modulus.storageModulus');
    expect(paths).toContain('film.layers[0].poissonRatio');
    expect(() => filmProfile(film, 1000)).toThrow(ParamError);
    expect(() => filmProfile(homogeneousFilm(1e-7, constantLoss(1e6), 0.4), Number.POSITIVE_INFINITY)).toThrow(/frequency/);
  });
  it('overlapping graded interfaces are rejected', () => {
    const film: Film = {
      layers: [
        { thickness: 10e-9, modulus: constantLoss(1e9), poissonRatio: 0.3 },
        { thickness: 2e-9, modulus: constantLoss(1e8), poissonRatio: 0.4 },
        { thickness: 10e-9, modulus: constantLoss(1e6), poissonRatio: 0.49 },
      ],
      interfaces: [{ shape: 'linear', width: 3e-9 }, { shape: 'linear', width: 3e-9 }],
    };
    expect(checkFilm(film).map((p) => p.path)).toContain('film.layers[1].thickness');
  });
});
