/**
 * Rectangular cantilever: closed forms, beam-mode constants, scaling laws, presets of the papers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CANTILEVER,
  PROBE_PRESETS,
  cantileverProperties,
  clampedFreeRoot,
  flexuralModeEnergyFraction,
  flexuralResonanceVacuum,
  flexuralSpringConstant,
  flexuralSpringConstantClosedForm,
  lateralSpringConstant,
  makeCantilever,
  modeShape,
  opticalLeverFactor,
  probePreset,
  solveCantileverGeometry,
  thermalCalibrationFactor,
  torsionConstant,
  torsionalModeEnergyFraction,
  torsionalResonanceVacuum,
  torsionalSpringConstant,
  vacuumResonanceClosedForm,
} from '../src/models/probe/index.js';
import { ParamError } from '../src/models/params.js';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

/** Random cantilever inside the table's plausible corner (w > t, L > w). */
const arbCantilever = fc
  .record({
    length: fc.double({ min: 50e-6, max: 400e-6, noNaN: true }),
    width: fc.double({ min: 10e-6, max: 45e-6, noNaN: true }),
    thickness: fc.double({ min: 0.3e-6, max: 7e-6, noNaN: true }),
    youngsModulus: fc.double({ min: 100e9, max: 1100e9, noNaN: true }),
    density: fc.double({ min: 2000, max: 3600, noNaN: true }),
  })
  .map((v) => makeCantilever(v));

describe('beam-mode constants (Butt & Jaschke 1995; Timoshenko et al. §5.3)', () => {
  it('roots of 1 + cos α cosh α = 0: α1 = 1.87510407, α2 = 4.69409113, α3 = 7.85475744 (standard tables)', () => {
    // Reference values: e.g. Blevins, Formulas for Natural Frequency and Mode Shape, Table 8-1.
    expect(rel(clampedFreeRoot(1), 1.8751040687)).toBeLessThan(1e-10);
    expect(rel(clampedFreeRoot(2), 4.6940911330)).toBeLessThan(1e-10);
    expect(rel(clampedFreeRoot(3), 7.8547574382)).toBeLessThan(1e-10);
    for (let n = 1; n <= 8; n++) expect(Math.abs(1 + Math.cos(clampedFreeRoot(n)) * Math.cosh(clampedFreeRoot(n))) / Math.cosh(clampedFreeRoot(n))).toBeLessThan(1e-14);
  });

  it('mode shapes are normalised: ∫φ² dξ = 1 and |φ(1)| = 2 (Simpson, 2000 panels: error < 1e-10)', () => {
    for (const n of [1, 2, 3]) {
      const N = 2000;
      let s = 0;
      for (let i = 0; i <= N; i++) {
        const w = i === 0 || i === N ? 1 : i % 2 ? 4 : 2;
        s += w * modeShape(n, i / N).value ** 2;
      }
      s /= 3 * N;
      expect(Math.abs(s - 1)).toBeLessThan(1e-8);
      expect(Math.abs(Math.abs(modeShape(n, 1).value) - 2)).toBeLessThan(1e-9);
    }
  });

  it('mode-1 energy fraction 12/α1⁴ = 0.9707 (Butt & Jaschke: 0.971); the fractions of all modes sum to 1', () => {
    expect(Math.abs(flexuralModeEnergyFraction(1) - 0.971)).toBeLessThan(5e-4);
    let s = 0;
    for (let n = 1; n <= 50; n++) s += flexuralModeEnergyFraction(n);
    // tail Σ_{n>50} 12/α_n⁴ ≈ 12/((2n−1)π/2)⁴ summed ≈ 1.3e-6
    expect(Math.abs(s - 1)).toBeLessThan(3e-6);
  });

  it('optical-lever factor χ1 = 1.0897 (Butt & Jaschke: 1.09) and β = 0.8174 (k = 0.817 k_BT/⟨z*²⟩)', () => {
    expect(Math.abs(opticalLeverFactor(1) - 1.09)).toBeLessThan(5e-3);
    expect(Math.abs(thermalCalibrationFactor(1) - 0.817)).toBeLessThan(1e-3);
    expect(Math.abs(thermalCalibrationFactor(1) - flexuralModeEnergyFraction(1) / opticalLeverFactor(1) ** 2)).toBeLessThan(1e-15);
  });

  it('torsional modal fractions 8/((2n−1)²π²) sum to 1 (Σ 1/(2n−1)² = π²/8)', () => {
    let s = 0;
    for (let n = 1; n <= 20000; n++) s += torsionalModeEnergyFraction(n);
    expect(Math.abs(s - 1)).toBeLessThan(2e-5);
    expect(Math.abs(torsionalModeEnergyFraction(1) - 0.8106)).toBeLessThan(1e-4);
  });
});

describe('closed forms', () => {
  it('k = E w t³ / (4 L³) for the default lever (125 × 30 × 2 µm Si: 5.19168 N/m)', () => {
    const c = makeCantilever();
    expect(rel(flexuralSpringConstant(c), (169e9 * 30e-6 * 8e-18) / (4 * (125e-6) ** 3))).toBeLessThan(1e-14);
    expect(rel(flexuralSpringConstant(c), 5.19168)).toBeLessThan(1e-12);
  });

  it('f0 = (α1²/2π) √(EI/(ρAL⁴)) equals (α1²/2π)(t/L²)√(E/12ρ) (two forms agree to 1e-14)', () => {
    const c = makeCantilever();
    expect(rel(flexuralResonanceVacuum(c), vacuumResonanceClosedForm(c.youngsModulus, c.density, c.thickness, c.length))).toBeLessThan(1e-14);
    // hand value: 0.559591·(2e-6/1.5625e-8)·√(169e9/(12·2329)) = 176.136 kHz
    expect(rel(flexuralResonanceVacuum(c), 176136.29)).toBeLessThan(1e-6);
  });

  it("Roark's torsion constant: w t³/3 for w ≫ t; 0.1406 w⁴ for a square (Roark Table 10.7: K = 2.25 a⁴, side 2a)", () => {
    const thin = torsionConstant({ width: 1, thickness: 1e-4 });
    expect(rel(thin, 1e-12 / 3)).toBeLessThan(1e-3);
    // the polynomial fit is quoted accurate to ~0.1–0.2 % at w = t
    expect(rel(torsionConstant({ width: 1, thickness: 1 }), 0.140625)).toBeLessThan(3e-3);
  });

  it('lateral stiffness: torsion and lateral bending in series, each ≥ the total', () => {
    const c = makeCantilever();
    const l = lateralSpringConstant(c);
    expect(l.total).toBeLessThan(Math.min(l.torsional, l.bending));
    expect(rel(1 / l.total, 1 / l.torsional + 1 / l.bending)).toBeLessThan(1e-14);
    expect(rel(l.torsional, torsionalSpringConstant(c) / (c.tipHeight + c.thickness / 2) ** 2)).toBeLessThan(1e-14);
  });
});

describe('scaling laws over random cantilevers (fast-check seed 20250601)', () => {
  it('k ∝ w t³/L³; f0 ∝ t/L², independent of w; k_φ ∝ G; f_torsion ∝ 1/L', () => {
    fc.assert(
      fc.property(arbCantilever, fc.double({ min: 0.5, max: 0.9, noNaN: true }), (c, s) => {
        const k = flexuralSpringConstant(c);
        const f = flexuralResonanceVacuum(c);
        const c2 = { ...c, width: c.width * s };
        const c3 = { ...c, thickness: c.thickness * s };
        const c4 = { ...c, length: c.length / s };
        expect(rel(flexuralSpringConstant(c2), k * s)).toBeLessThan(1e-12);
        expect(rel(flexuralSpringConstant(c3), k * s ** 3)).toBeLessThan(1e-12);
        expect(rel(flexuralSpringConstant(c4), k * s ** 3)).toBeLessThan(1e-12);
        expect(rel(flexuralResonanceVacuum(c2), f)).toBeLessThan(1e-12);
        expect(rel(flexuralResonanceVacuum(c3), f * s)).toBeLessThan(1e-12);
        expect(rel(flexuralResonanceVacuum(c4), f * s * s)).toBeLessThan(1e-12);
        expect(rel(torsionalSpringConstant({ ...c, shearModulus: c.shearModulus * s }), torsionalSpringConstant(c) * s)).toBeLessThan(1e-12);
        expect(rel(torsionalResonanceVacuum(c4), torsionalResonanceVacuum(c) * s)).toBeLessThan(1e-12);
      }),
      { seed: 20250601, numRuns: 100 },
    );
  });

  it('solveCantileverGeometry reproduces (k, f0) to 1e-12 (seed 20250602)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 100, noNaN: true }),
        fc.double({ min: 10e3, max: 600e3, noNaN: true }),
        fc.double({ min: 10e-6, max: 50e-6, noNaN: true }),
        (k, f0, w) => {
          const g = solveCantileverGeometry(k, f0, w, { youngsModulus: 169e9, density: 2329 });
          const c = { ...makeCantilever(), width: w, length: g.length, thickness: g.thickness };
          expect(rel(flexuralSpringConstant(c), k)).toBeLessThan(1e-12);
          expect(rel(flexuralResonanceVacuum(c), f0)).toBeLessThan(1e-12);
        },
      ),
      { seed: 20250602, numRuns: 100 },
    );
  });
});

describe('presets named after the papers', () => {
  const papers = '/work/shared/papers/';
  const norm = (s: string): string => s.replace(/\s+/g, ' ').replace(/\$|\\text\{|\}/g, '').trim();
  it.each(PROBE_PRESETS)('%s: the quote is verbatim in its paper and the geometry reproduces the nominal k (and f0)', (name) => {
    const p = probePreset(name);
    const file = p.source.split(',')[0];
    const text = norm(readFileSync(papers + file, 'utf8'));
    expect(text).toContain(norm(p.quote));
    const props = cantileverProperties(p.cantilever);
    expect(rel(props.springConstant, p.nominal.springConstant)).toBeLessThan(1e-10);
    if (Number.isFinite(p.nominal.resonanceFrequency)) expect(rel(props.flexuralResonanceVacuum, p.nominal.resonanceFrequency)).toBeLessThan(1e-10);
    expect(p.assumptions.length).toBeGreaterThan(0);
  });

  it('the nominal numbers: 0.6 N/m 140 kHz; 98 N/m with a 100 nm tip; 2.8, 6.5, 6.0, 26 N/m at 65, 110, 150, 300 kHz', () => {
    expect(probePreset('luchkin-si-0.6').nominal).toEqual({ springConstant: 0.6, resonanceFrequency: 140e3 });
    const d = probePreset('luchkin-diamond-98');
    expect(d.nominal.springConstant).toBe(98);
    expect(d.tip).toEqual({ kind: 'paraboloid', radius: 100e-9 });
    expect(probePreset('saleh-ad-2.8').nominal).toEqual({ springConstant: 2.8, resonanceFrequency: 65e3 });
    expect(probePreset('saleh-aio-dd-6.5').nominal).toEqual({ springConstant: 6.5, resonanceFrequency: 110e3 });
    expect(probePreset('saleh-rtespaw-150').nominal).toEqual({ springConstant: 6.0, resonanceFrequency: 150e3 });
    expect(probePreset('saleh-ac160ts').nominal).toEqual({ springConstant: 26, resonanceFrequency: 300e3 });
  });
});

describe('validation at the boundary', () => {
  it('NaN, negative and out-of-range values throw a ParamError naming the parameter and range', () => {
    expect(() => makeCantilever({ length: NaN })).toThrow(ParamError);
    expect(() => makeCantilever({ length: NaN })).toThrow(/length = NaN: not a finite number/);
    expect(() => makeCantilever({ thickness: -1e-6 })).toThrow(/thickness = -0.000001: out of range/);
    expect(() => makeCantilever({ thickness: 15e-6, width: 12e-6 })).toThrow(/thickness .* must be smaller than width/);
    expect(() => clampedFreeRoot(0)).toThrow(RangeError);
    expect(() => solveCantileverGeometry(Infinity, 1e5, 3e-5, { youngsModulus: 169e9, density: 2329 })).toThrow(/k = Infinity/);
  });

  it('every CANTILEVER parameter has unit, range, default and doc', () => {
    for (const [name, spec] of Object.entries(CANTILEVER)) {
      expect(spec.unit, name).toBeTruthy();
      expect(spec.default, name).toBeDefined();
      expect(spec.doc.length, name).toBeGreaterThan(5);
      expect(spec.min, name).toBeDefined();
    }
  });
});
