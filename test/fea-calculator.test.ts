/** The `seisim fea` calculator library function: output shape, table, validation by CLI flag. */
import { describe, expect, it } from 'vitest';
import { feaCalculator, formatFeaTable, type FeaCalculatorInput } from '../src/sim/fea-calculator.js';
import { ParamError } from '../src/models/params.js';

const input: FeaCalculatorInput = {
  tipRadius_m: 10e-9,
  tipShape: 'flat',
  filmThickness_m: 100e-9,
  youngs_Pa: 1e6,
  poisson: 0.45,
  lossTangent: 0.1,
  amplitude_m: 2e-9,
  frequency_Hz: 1000,
  depths_m: [20e-9, 40e-9, 60e-9],
};

describe('feaCalculator', () => {
  const r = feaCalculator(input);
  it('JSON shape: depths, complex forces, dF/dz and r_g', () => {
    expect(r.depths_m).toEqual(input.depths_m);
    expect(r.force_N).toHaveLength(3);
    expect(r.dFdz_N_per_m).toHaveLength(3);
    // loss tangent 0.1 on a homogeneous layer ⇒ F'' = 0.1·F' (correspondence), relative 1e-12
    r.force_N.forEach((f) => expect(Math.abs(f.im / f.re - 0.1)).toBeLessThan(1e-12));
    expect(r.rg).toBeGreaterThan(0.3);
    expect(r.rg).toBeLessThan(0.5);
    expect(JSON.parse(JSON.stringify(r)).force_N[0]).toHaveProperty('re');
  });
  it('one depth: no derivative, no r_g', () => {
    const one = feaCalculator({ ...input, depths_m: [30e-9] });
    expect(one.dFdz_N_per_m).toBeUndefined();
    expect(one.rg).toBeUndefined();
  });
  it('table lists each depth and r_g', () => {
    const t = formatFeaTable(r);
    expect(t.split('\n').filter((l) => /^\s*[0-9.]+e-8/.test(l))).toHaveLength(3);
    expect(t).toMatch(/r_g = 0\.\d{4}/);
  });
  it('invalid inputs are all reported, by flag name', () => {
    try {
      feaCalculator({ ...input, tipRadius_m: Number.NaN, poisson: 0.7, depths_m: [20e-9, 120e-9], tipShape: 'cone', coneHalfAngle_rad: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParamError);
      const paths = (e as ParamError).problems.map((p) => p.path);
      expect(paths).toEqual(expect.arrayContaining(['--tip-radius', '--poisson', '--cone-half-angle']));
    }
    expect(() => feaCalculator({ ...input, depths_m: [20e-9, 120e-9] })).toThrow(/--depths\[1\]/);
    expect(() => feaCalculator({ ...input, coneHalfAngle_rad: 0.3 })).toThrow(/--cone-half-angle/);
  });
});
