/**
 * Force models of the NRM twin (src/models/nrm/forces.ts, lateral.ts): the paper's Eq. 4 over a
 * layered profile, the puncture (normal soft) force, the Jenkins describing function of the sliding
 * hard contact, the lever's series compliance and the actuator resonance.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { constantLoss, filmProfile, homogeneousFilm, type Film } from '../src/models/film/index.js';
import {
  actuatorTransfer,
  eq4LateralStiffness,
  hardContactLateralStiffness,
  jenkinsDescribingFunction,
  modulusIntegralTable,
  penetrationForce,
  seriesLateralForce,
} from '../src/models/nrm/forces.js';
import { eq4StiffnessTable, stiffnessAt } from '../src/models/nrm/lateral.js';

const nm = 1e-9;

describe("Eq. 4 of 002 applied slice by slice", () => {
  it('homogeneous layer: K*(z_p) = 4 r_g E* (h − z_p) (the paper\'s F_l* = 4 r_g E* A_l z_l), exact', () => {
    // 002 §4: "F_l* = 4 r_g E* A_l z_l"; with 1 MPa, r_g = 1.25, 40 nm embedded: K' = 0.2 N/m
    const film = homogeneousFilm(100 * nm, constantLoss(1e6, 0.3), 0.45);
    const t = modulusIntegralTable(filmProfile(film, 1000));
    const out = [0, 0];
    for (const zp of [0, 10 * nm, 60 * nm, 99.9 * nm]) {
      eq4LateralStiffness(t, 1.25, zp, out);
      expect(Math.abs(out[0] / (4 * 1.25 * 1e6 * (100 * nm - zp)) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(out[1] / (4 * 1.25 * 0.3e6 * (100 * nm - zp)) - 1)).toBeLessThan(1e-12);
    }
    eq4LateralStiffness(t, 1.25, 60 * nm, out);
    expect(out[0]).toBeCloseTo(0.2, 12);
    eq4LateralStiffness(t, 1.25, 120 * nm, out);
    expect(out).toEqual([0, 0]);
  });

  it('two layers with a linear interface: the trapezoid integral is exact for piecewise-linear E(z)', () => {
    const film: Film = {
      layers: [
        { thickness: 10 * nm, modulus: constantLoss(20e6, 0), poissonRatio: 0.45 },
        { thickness: 10 * nm, modulus: constantLoss(2e6, 0), poissonRatio: 0.45 },
      ],
      interfaces: [{ shape: 'linear', width: 2 * nm }],
    };
    const t = modulusIntegralTable(filmProfile(film, 1000), 0.05 * nm);
    // ∫_0^20 E dz = 2 MPa·10 nm + 20 MPa·10 nm (the linear ramp is symmetric about 10 nm)
    expect(Math.abs(t.storage[0] / (22e6 * 10 * nm) - 1)).toBeLessThan(1e-9);
    const table = eq4StiffnessTable(t, 1);
    const out = [0, 0];
    stiffnessAt(table, 15 * nm, out);
    expect(Math.abs(out[0] / (4 * 2e6 * 5 * nm) - 1)).toBeLessThan(1e-9);
  });

  it('property (seed 4242): dK/dz_p = −4 r_g E\'(z) at the nodes of the table (finite difference, 1e-6)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 3, noNaN: true }), fc.double({ min: 1e5, max: 1e8, noNaN: true }), fc.double({ min: 1e5, max: 1e8, noNaN: true }), fc.double({ min: 3, max: 20, noNaN: true }), (rg, E1, E2, t1) => {
        const film: Film = {
          layers: [
            { thickness: t1 * nm, modulus: constantLoss(E1, 0), poissonRatio: 0.45 },
            { thickness: 12 * nm, modulus: constantLoss(E2, 0), poissonRatio: 0.45 },
          ],
          interfaces: [{ shape: 'tanh', width: 2 * nm }],
        };
        const p = filmProfile(film, 1000);
        const t = eq4StiffnessTable(modulusIntegralTable(p, 0.01 * nm), rg);
        const i = Math.round(t.storage.length / 2);
        const d = -(t.storage[i + 1] - t.storage[i - 1]) / (2 * t.spacing);
        expect(Math.abs(d / (4 * rg * p.modulus(i * t.spacing).re) - 1)).toBeLessThan(1e-4);
      }),
      { seed: 4242, numRuns: 100 },
    );
  });
});

describe('puncture force (normal soft response)', () => {
  const model = { tipRadius: 10 * nm, punctureCoefficient: 0.3 };
  it('is 0 above the film, continuous at the top, and κπr²E\' inside a homogeneous layer', () => {
    const t = modulusIntegralTable(filmProfile(homogeneousFilm(40 * nm, constantLoss(10e6, 0), 0.45), 1000));
    expect(penetrationForce(t, model, 41 * nm)).toBe(0);
    expect(penetrationForce(t, model, 40 * nm)).toBe(0);
    expect(penetrationForce(t, model, 39.999 * nm)).toBeLessThan(1e-13);
    expect(Math.abs(penetrationForce(t, model, 20 * nm) / (0.3 * Math.PI * 1e-16 * 10e6) - 1)).toBeLessThan(1e-9);
    expect(penetrationForce(t, model, -1 * nm)).toBe(penetrationForce(t, model, 0));
  });
});

describe('hard contact and compliance', () => {
  it('Jenkins element: stick below x_y = F_s/k_s, Coulomb limit 4F_s/(πA), and K\'\' = 4F_s(A − x_y)/(πA²) (hysteresis area) — property seed 77', () => {
    const out = [0, 0];
    jenkinsDescribingFunction(10, 1e-9, 0.5e-10, out);
    expect(out).toEqual([10, 0]);
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: 1e-11, max: 1e-8, noNaN: true }), fc.double({ min: 1.0001, max: 1e4, noNaN: true }), (ks, Fs, ratio) => {
        const xy = Fs / ks;
        const A = ratio * xy;
        jenkinsDescribingFunction(ks, Fs, A, out);
        // the dissipated energy per cycle π K'' A² is the loop area 4 F_s (A − x_y) (Caughey 1960)
        expect(Math.abs(out[1] / ((4 * Fs * (A - xy)) / (Math.PI * A * A)) - 1)).toBeLessThan(1e-9);
        expect(out[0]).toBeGreaterThanOrEqual(0);
        expect(out[0]).toBeLessThanOrEqual(ks * (1 + 1e-12));
      }),
      { seed: 77, numRuns: 200 },
    );
    // continuity at A = x_y
    jenkinsDescribingFunction(10, 1e-9, 1e-10 * (1 + 1e-9), out);
    expect(out[0]).toBeCloseTo(10, 3);
  });

  it('no lateral friction out of contact', () => {
    const out = [1, 1];
    hardContactLateralStiffness({ tipRadius: 10 * nm, reducedModulus: 1e9, reducedShearModulus: 3e8, frictionCoefficient: 0.3 }, 1 * nm, 1e-8, 2 * nm, out);
    expect(out).toEqual([0, 0]);
  });

  it('series compliance: F* → A*K* for a stiff lever, and A*K*(1 − K*/k) to first order', () => {
    const out = [0, 0];
    seriesLateralForce(2 * nm, 0, 0.5, 0.1, 1e12, out);
    expect(out[0]).toBeCloseTo(1e-9, 20);
    expect(out[1]).toBeCloseTo(0.2e-9, 20);
    seriesLateralForce(2 * nm, 0, 0.01, 0, 13, out);
    expect(Math.abs(out[0] / (2e-9 * 0.01 * (1 - 0.01 / 13)) - 1)).toBeLessThan(1e-6);
  });

  it('actuator: H(0) = 1, at resonance |H| = Q with a −90° lag', () => {
    expect(actuatorTransfer(0, 4000, 10)).toEqual([1, -0]);
    const [re, im] = actuatorTransfer(4000, 4000, 10);
    expect(Math.hypot(re, im)).toBeCloseTo(10, 12);
    expect(Math.atan2(im, re)).toBeCloseTo(-Math.PI / 2, 12);
  });
});
