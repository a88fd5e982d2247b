/**
 * Physics invariants of the FEA-lite lateral force: linearity in A_l and E, the viscoelastic
 * correspondence principle, global equilibrium, and property tests over random geometries
 * (positivity, monotone growth with depth, continuity). Coarse meshes keep this fast; the
 * invariants hold on any mesh.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solveLateral, type FeaOptions } from '../src/models/fea/solve.js';
import { type TipGeometry } from '../src/models/fea/tip.js';
import { constantLoss, homogeneousFilm, type Film } from '../src/models/film/index.js';
import { ParamError } from '../src/models/params.js';
import { cdiv, crelDiff } from '../src/models/complex.js';

const coarse: FeaOptions = { keepFields: false, domainRadius: 300e-9, mesh: { tipElementSize: 0.25, growth: 1.7 } };
const tip10: TipGeometry = { shape: 'flat', radius: 10e-9 };

describe('linearity and correspondence', () => {
  const film = homogeneousFilm(60e-9, constantLoss(2e6, 0), 0.45);
  const base = solveLateral(film, tip10, { amplitude: 2e-9, frequency: 1000 }, 30e-9, coarse);
  it('force is along the dither, positive, and in global equilibrium', () => {
    expect(base.force.re).toBeGreaterThan(0);
    expect(base.stats.equilibriumResidual).toBeLessThan(1e-9);
  });
  it('F ∝ A_l (linear elasticity; relative 1e-12 = round-off)', () => {
    const s = solveLateral(film, tip10, { amplitude: 0.5e-9, frequency: 1000 }, 30e-9, coarse);
    expect(Math.abs(s.force.re / base.force.re - 0.25)).toBeLessThan(1e-12);
  });
  it('F ∝ E for a homogeneous film', () => {
    const s = solveLateral(homogeneousFilm(60e-9, constantLoss(2e6 * 37, 0), 0.45), tip10, { amplitude: 2e-9, frequency: 1000 }, 30e-9, coarse);
    expect(Math.abs(s.force.re / base.force.re / 37 - 1)).toBeLessThan(1e-12);
  });
  it('correspondence: homogeneous E* ⇒ F* = E*·F(E = 1), solved in complex arithmetic', () => {
    for (const model of [
      { kind: 'kelvin-voigt' as const, youngsModulus: 2e6, viscosity: 500 },
      { kind: 'maxwell' as const, youngsModulus: 4e6, viscosity: 300 },
      { kind: 'zener' as const, relaxedModulus: 1e6, unrelaxedModulus: 5e6, relaxationTime: 2e-4 },
    ]) {
      const f: Film = { layers: [{ thickness: 60e-9, modulus: model, poissonRatio: 0.45 }] };
      const s = solveLateral(f, tip10, { amplitude: 2e-9, frequency: 1000 }, 30e-9, { ...coarse, arithmetic: 'complex' });
      expect(s.stats.realArithmetic).toBe(false);
      // F*/F_elastic(E=2 MPa) · 2 MPa must equal E*
      const ratio = cdiv(s.force, { re: base.force.re / 2e6, im: 0 });
      const Em = (() => {
        const w = 2 * Math.PI * 1000;
        switch (model.kind) {
          case 'kelvin-voigt':
            return { re: model.youngsModulus, im: w * model.viscosity };
          case 'maxwell': {
            const wt = (w * model.viscosity) / model.youngsModulus;
            return { re: (model.youngsModulus * wt * wt) / (1 + wt * wt), im: (model.youngsModulus * wt) / (1 + wt * wt) };
          }
          case 'zener': {
            const wt = w * model.relaxationTime;
            const dE = model.unrelaxedModulus - model.relaxedModulus;
            return { re: model.relaxedModulus + (dE * wt * wt) / (1 + wt * wt), im: (dE * wt) / (1 + wt * wt) };
          }
        }
      })();
      expect(crelDiff(ratio, Em)).toBeLessThan(1e-10);
    }
  });
  it('uniform loss angle shortcut (real arithmetic) equals the full complex solve for a layered film', () => {
    const f: Film = {
      layers: [
        { thickness: 30e-9, modulus: constantLoss(10e6, 0.4), poissonRatio: 0.4 },
        { thickness: 30e-9, modulus: constantLoss(1e6, 0.4), poissonRatio: 0.49 },
      ],
      interfaces: [{ shape: 'tanh', width: 4e-9 }],
    };
    const a = solveLateral(f, tip10, { amplitude: 2e-9, frequency: 1000 }, 40e-9, coarse);
    const b = solveLateral(f, tip10, { amplitude: 2e-9, frequency: 1000 }, 40e-9, { ...coarse, arithmetic: 'complex' });
    expect(a.stats.realArithmetic).toBe(true);
    expect(crelDiff(a.force, b.force)).toBeLessThan(1e-10);
  });
  it('invalid inputs are rejected before any work, naming the field', () => {
    expect(() => solveLateral(film, tip10, { amplitude: Number.NaN, frequency: 1000 }, 30e-9)).toThrow(/dither.amplitude/);
    expect(() => solveLateral(film, tip10, { amplitude: 2e-9, frequency: 1000 }, 70e-9)).toThrow(/depth/);
    expect(() => solveLateral(film, { shape: 'round', radius: 10e-9 }, { amplitude: 2e-9, frequency: 1000 }, 60e-9)).toThrow(ParamError);
    expect(() => solveLateral(film, { shape: 'cone', radius: 10e-9, coneHalfAngle: 1.2 }, { amplitude: 2e-9, frequency: 1000 }, 30e-9)).toThrow(/coneHalfAngle/);
  });
});

// random geometry: tip shape/radius, film thickness, Poisson ratio, two layers with different loss
const geomArb = fc.record({
  shape: fc.constantFrom('flat', 'round', 'cone') as fc.Arbitrary<'flat' | 'round' | 'cone'>,
  radius: fc.double({ min: 5e-9, max: 25e-9, noNaN: true }),
  halfAngleDeg: fc.double({ min: 5, max: 40, noNaN: true }),
  thickness: fc.double({ min: 40e-9, max: 150e-9, noNaN: true }),
  nu: fc.double({ min: 0.3, max: 0.499, noNaN: true }),
  logE1: fc.double({ min: 5.5, max: 8, noNaN: true }),
  logE2: fc.double({ min: 5.5, max: 8, noNaN: true }),
  tan1: fc.double({ min: 0, max: 1, noNaN: true }),
  tan2: fc.double({ min: 0, max: 1, noNaN: true }),
  split: fc.double({ min: 0.2, max: 0.8, noNaN: true }),
});
type Geom = typeof geomArb extends fc.Arbitrary<infer T> ? T : never;
const filmOf = (g: Geom, elastic: boolean): Film => ({
  layers: [
    { thickness: g.thickness * g.split, modulus: constantLoss(10 ** g.logE1, elastic ? 0 : g.tan1), poissonRatio: g.nu },
    { thickness: g.thickness * (1 - g.split), modulus: constantLoss(10 ** g.logE2, elastic ? 0 : g.tan2), poissonRatio: g.nu },
  ],
});
const tipOf = (g: Geom): TipGeometry => ({ shape: g.shape, radius: g.radius, coneHalfAngle: (g.halfAngleDeg * Math.PI) / 180 });

describe('properties over random geometries (fast-check seed 31337)', () => {
  it('Re F > 0, Im F ≥ 0 (passive film), |F| grows with depth', () => {
    fc.assert(
      fc.property(geomArb, (g) => {
        const f = filmOf(g, false);
        const depths = [0.15, 0.45, 0.8].map((x) => x * g.thickness);
        const F = depths.map((d) => solveLateral(f, tipOf(g), { amplitude: 2e-9, frequency: 1000 }, d, coarse).force);
        const mags = F.map((x) => Math.hypot(x.re, x.im));
        return F.every((x) => x.re > 0 && x.im >= -1e-12 * Math.abs(x.re)) && mags[0] < mags[1] && mags[1] < mags[2];
      }),
      { seed: 31337, numRuns: 12 },
    );
  });
  it('continuity in depth: a 0.5 % deeper tip changes F by less than the physical increment + 0.2 %', () => {
    fc.assert(
      fc.property(geomArb, (g) => {
        const f = filmOf(g, true);
        const d = 0.5 * g.thickness;
        const F0 = solveLateral(f, tipOf(g), { amplitude: 2e-9, frequency: 1000 }, d, coarse).force.re;
        const F1 = solveLateral(f, tipOf(g), { amplitude: 2e-9, frequency: 1000 }, d * 1.005, coarse).force.re;
        // physical change ≲ (dF/dz)·δ ≤ ~3·(F/d)·δ for these films; 2e-3 allows the re-meshing jump
        return F1 > F0 && (F1 - F0) / F0 < 3 * 0.005 + 2e-3;
      }),
      { seed: 31337, numRuns: 10 },
    );
  });
});

import { crossSection } from '../src/models/fea/fields.js';
import { stressField } from '../src/models/fea/solve.js';

describe('fields for teaching plots (Fig. 2a–d)', () => {
  const film = homogeneousFilm(60e-9, constantLoss(1e6, 0), 0.45);
  const sol = solveLateral(film, tip10, { amplitude: 2e-9, frequency: 1000 }, 30e-9, { ...coarse, keepFields: true });
  it('cross-section: NaN inside the tip, ≈ 0 at the tip wall, ≈ A_l at the electrode, symmetric in x', () => {
    const xs = [-200e-9, -10.0001e-9, -5e-9, 0, 5e-9, 10.0001e-9, 200e-9];
    const zs = [0.5e-9, 15e-9, 45e-9];
    const c = crossSection(sol, xs, zs);
    const at = (ix: number, iz: number) => c.displacement_m[iz * xs.length + ix];
    expect(Number.isNaN(at(3, 2))).toBe(true); // x = 0, z = 45 nm is inside the tip (apex at 30 nm)
    expect(at(5, 2)).toBeLessThan(1e-3 * 2e-9); // at the tip wall the film is held still
    expect(Math.abs(at(6, 0) / 2e-9 - 1)).toBeLessThan(0.02); // next to the electrode it moves with it
    for (let iz = 0; iz < zs.length; iz++) for (let ix = 0; ix < 3; ix++) {
      const a = at(ix, iz);
      const b = at(xs.length - 1 - ix, iz);
      if (Number.isNaN(a)) expect(Number.isNaN(b)).toBe(true);
      else expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * 2e-9 + 1e-9 * a);
    }
    expect(c.sigmaXZ_Pa.some((v) => v > 0)).toBe(true);
  });
  it('nodal stress field is finite and its shear peaks near the tip', () => {
    const s = stressField(sol);
    const rz = s.re[3];
    let kMax = 0;
    for (let k = 0; k < rz.length; k++) {
      expect(Number.isFinite(rz[k])).toBe(true);
      if (Math.abs(rz[k]) > Math.abs(rz[kMax])) kMax = k;
    }
    expect(sol.mesh.r[kMax]).toBeLessThan(3 * 10e-9);
  });
});
