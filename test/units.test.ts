import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuantity, parseUnit, toSI, UnitError, closest, formatQuantity } from '../src/sim/units.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('units: quantities written in scenarios convert to SI', () => {
  it.each([
    ['125 um', 'm', 125e-6],
    ['125um', 'm', 125e-6],
    ['125 µm', 'm', 125e-6],
    ['0.6 N/m', 'N/m', 0.6],
    ['2 mV/s', 'V/s', 2e-3],
    ['1 kHz', 'Hz', 1e3],
    ['1MPa', 'Pa', 1e6],
    ['20 deg', 'rad', (20 * Math.PI) / 180],
    ['25 degC', 'K', 298.15],
    ['1.0 M', 'mol/m^3', 1000],
    ['5 %', '1', 0.05],
    ['2 nm', 'm', 2e-9],
    ['19.2 nN', 'N', 19.2e-9],
    ['1.41 GPa', 'Pa', 1.41e9],
    ['1 mPa s', 'Pa s', 1e-3],
    ['2.33 g/cm^3', 'kg/m^3', 2330],
    ['10 uF/cm^2', 'F/m^2', 0.1],
    ['3 J/(mol K)', 'J/mol/K', 3],
    ['1 /s', '1/s', 1],
    ['3.4 Å', 'm', 3.4e-10],
    ['1 min', 's', 60],
  ])('%s → %s', (text, unit, si) => {
    expect(rel(toSI(text, unit), si)).toBeLessThan(1e-12);
  });

  it('bare numbers are accepted only for dimensionless parameters', () => {
    expect(toSI(0.45, '1')).toBe(0.45);
    expect(() => toSI(125e-6, 'm')).toThrow(/missing unit: expected a length/);
  });

  it('a wrong dimension names both dimensions', () => {
    expect(() => toSI('2 mV/s', 'm')).toThrow(/scan rate.*expected a length/);
    expect(() => toSI('20 deg', '1')).toThrow(/angle.*expected a dimensionless/);
  });

  it('unknown units get a hint', () => {
    expect(() => parseUnit('Pas')).toThrow(UnitError);
    expect(() => parseUnit('Hzz')).toThrow(/did you mean 'Hz'/);
  });

  it('exact base units win over prefix readings (min, mol, Pa, M)', () => {
    expect(parseUnit('min').factor).toBe(60);
    expect(parseUnit('mol').dim[5]).toBe(1);
    expect(parseUnit('mM').factor).toBeCloseTo(1, 12);
    expect(parseUnit('MPa').factor).toBe(1e6);
  });

  it('NaN and infinities parse (so that validation can reject them by name)', () => {
    expect(parseQuantity('nan m').si).toBeNaN();
    expect(parseQuantity('inf m').si).toBe(Infinity);
  });

  it('round trip: formatQuantity ∘ toSI is the identity on the number (property, seed 7)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.constantFrom('nm', 'um', 'mm', 'pN', 'kPa', 'mV/s'), (v, u) => {
        const si = toSI(`${v} ${u}`, u.includes('/') ? 'V/s' : u.endsWith('m') ? 'm' : u.endsWith('N') ? 'N' : 'Pa');
        const back = Number(formatQuantity(si, u, 15).split(' ')[0]);
        return rel(back, v) < 1e-12;
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('closest() suggests near misses only', () => {
    expect(closest('tipRadus', ['tipRadius', 'length'])).toBe('tipRadius');
    expect(closest('zzzzzz', ['tipRadius', 'length'])).toBeUndefined();
  });
});

describe('units: noise densities', () => {
  it.each([
    ['500 nV/Hz^0.5', 5e-7],
    ['500 nV/√Hz', 5e-7],
    ['0.5 uV/Hz^0.5', 5e-7],
  ])('%s', (text, si) => {
    expect(Math.abs(toSI(text, 'V/Hz^0.5') - si) / si).toBeLessThan(1e-12);
  });
});
