/**
 * Tolerances of the NRM scores (src/sim/nrm/scoring.ts): masked bin means, the depth-resolution
 * term R against closed forms, and the composed tolerance.
 */
import { describe, expect, it } from 'vitest';
import { binTolerance, depthResolutionTerm, maskedBinMean, meanProfileOf, scoreBin, DEFAULT_NRM_TOLERANCE } from '../src/sim/nrm/scoring.js';

const nm = 1e-9;
const heights = Float64Array.from({ length: 161 }, (_, i) => i * 0.25 * nm);

describe('NRM scoring', () => {
  it('masked bin mean skips grid points where the estimate has no data', () => {
    const row = Float64Array.from(heights, (z) => z);
    const mask = Float64Array.from(heights, (z) => (z < 1 * nm ? NaN : 1));
    // mean of z over [1, 5) nm on a 0.25 nm grid: (1 + 4.75)/2 = 2.875 nm
    expect(maskedBinMean(row, heights, [0, 5 * nm], mask) / nm).toBeCloseTo(2.875, 12);
    expect(maskedBinMean(row, heights, [0, 5 * nm]) / nm).toBeCloseTo(2.375, 12);
    expect(Number.isNaN(maskedBinMean(row, heights, [50 * nm, 60 * nm]))).toBe(true);
  });

  it('R of a linear profile P = a + b z is |b|·δ; of a constant profile 0; of a step at the bin edge ΔP·δ/w', () => {
    const b = 3e15; // Pa/m
    const lin = Float64Array.from(heights, (z) => 1e6 + b * z);
    expect(depthResolutionTerm(heights, lin, [10 * nm, 20 * nm], 1 * nm) / (b * 1 * nm)).toBeCloseTo(1, 12);
    expect(depthResolutionTerm(heights, new Float64Array(161).fill(5e6), [0, 5 * nm], 1 * nm)).toBe(0);
    const step = Float64Array.from(heights, (z) => (z < 10 * nm ? 20e6 : 5e6));
    // shifting by 1 nm moves 4 of the 20 grid points of [5, 10) across the step (at 9 … 9.75 nm, linear
    // interpolation makes the one straddling point count half): R = 15 MPa·(3 + 0.5… )/20 within a grid step
    const R = depthResolutionTerm(heights, step, [5 * nm, 10 * nm], 1 * nm);
    expect(R).toBeGreaterThan((15e6 * 3) / 20);
    expect(R).toBeLessThan((15e6 * 5) / 20);
  });

  it('the tolerance composes 3·SE, R and the model floor in quadrature', () => {
    const { tol } = binTolerance(1e7, 1e5, 4e5, DEFAULT_NRM_TOLERANCE);
    expect(tol).toBeCloseTo(Math.sqrt(3e5 ** 2 + 4e5 ** 2 + 5e5 ** 2), 6);
  });

  it('a bin with no film (truth 0) is scored by its absolute error', () => {
    const s = scoreBin({ quantity: 'storageModulus', windowLabel: 'w', bin: [10 * nm, 20 * nm], estimate: 1e4, standardError: 1e4, truth: 0, truthProfile: new Float64Array(161), heights }, DEFAULT_NRM_TOLERANCE);
    expect(s.errorKind).toBe('absolute');
    expect(s.relError).toBe(1e4);
    expect(s.tolerance).toBeCloseTo(3e4, 6);
    expect(s.pass).toBe(true);
  });

  it('mean profile of selected rows ignores NaN', () => {
    const m = Float64Array.of(1, NaN, 3, 5, 7, 9);
    expect(Array.from(meanProfileOf(m, 2, [0, 1, 2]))).toEqual([11 / 3, 7]);
  });
});
