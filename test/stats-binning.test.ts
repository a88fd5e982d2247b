/**
 * Tests of src/analysis/binning.ts: interpolation of z_p-referenced curves onto a common depth grid,
 * depth-bin collection (002 Fig. 4d bins) and voltage-window grouping (002 Fig. 4a windows).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PAPER_DEPTH_BINS,
  PAPER_VOLTAGE_WINDOWS,
  binOf,
  collectByBins,
  curvesOnGrid,
  depthGrid,
  groupByWindow,
  interpolateToGrid,
  meanProfile,
  selectRows,
} from '../src/analysis/binning.js';
import { meanCI } from '../src/analysis/stats.js';
import { createRng } from '../src/sim/rng.js';

describe('interpolateToGrid', () => {
  it('is exact for linear data on unsorted, non-uniform abscissae; NaN outside the data (fast-check seed 404)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 40e-9, noNaN: true }), { minLength: 2, maxLength: 50 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (xs, a, b) => {
          const x = Float64Array.from(xs);
          const y = Float64Array.from(x, (v) => a + b * v * 1e9);
          const grid = depthGrid(0, 40e-9, 0.5e-9);
          const out = interpolateToGrid(x, y, grid);
          const lo = Math.min(...xs);
          const hi = Math.max(...xs);
          for (let g = 0; g < grid.length; g++) {
            const inside = grid[g] >= lo && grid[g] <= hi;
            if (!inside) {
              if (!Number.isNaN(out[g])) return false;
            } else if (Math.abs(out[g] - (a + b * grid[g] * 1e9)) > 1e-9 * (Math.abs(a) + Math.abs(b) * 40)) return false;
          }
          return true;
        },
      ),
      { seed: 404, numRuns: 200 },
    );
  });

  it('averages duplicate abscissae and skips non-finite points', () => {
    const out = interpolateToGrid(Float64Array.of(0, 1, 1, 2, 3), Float64Array.of(0, 1, 3, NaN, 6), Float64Array.of(0.5, 1, 2, 3, 4));
    expect(Array.from(out)).toEqual([1, 2, 4, 6, NaN]);
  });
});

describe('profiles on a common grid', () => {
  it('curves that reach different depths give per-column n and the per-column t-interval', () => {
    const rng = createRng('bin-prof');
    const grid = depthGrid(0, 20e-9, 1e-9);
    const curves = Array.from({ length: 30 }, (_, c) => {
      const top = 10e-9 + (c % 3) * 5e-9; // curves end at 10, 15 or 20 nm
      const x = Float64Array.from({ length: 200 }, (_, i) => (i / 199) * top);
      const y = Float64Array.from(x, (z) => 1e6 * Math.exp(-z / 5e-9) + 1e4 * rng.normal());
      return { x, y };
    });
    const p = meanProfile(curves, grid);
    expect(p.n[0]).toBe(30);
    expect(p.n[12]).toBe(20);
    expect(p.n[20]).toBe(10);
    const m = curvesOnGrid(curves, grid);
    const col = Float64Array.from({ length: 30 }, (_, r) => m.data[r * m.cols + 12]);
    const one = meanCI(col);
    expect(p.lower[12]).toBeCloseTo(one.lower, 6);
    expect(p.upper[12]).toBeCloseTo(one.upper, 6);
    const sub = selectRows(m, Int32Array.of(2, 5));
    expect(sub.rows).toBe(2);
    expect(sub.data[sub.cols + 3]).toBe(m.data[5 * m.cols + 3]);
  });

  it('depthGrid includes both ends when the step divides the range', () => {
    const g = depthGrid(0, 20e-9, 0.25e-9);
    expect(g.length).toBe(81);
    expect(g[80]).toBeCloseTo(20e-9, 20);
    expect(() => depthGrid(0, 1, 0)).toThrow(/step = 0/);
  });
});

describe('depth bins and voltage windows', () => {
  it('collects per bin with half-open intervals: all points, per-curve mean, per-curve median', () => {
    const curves = [
      { x: Float64Array.of(0, 2e-9, 5e-9, 7e-9, 12e-9, 25e-9), y: Float64Array.of(1, 3, 10, 20, 100, 999) },
      { x: Float64Array.of(1e-9, 4.9e-9, 6e-9), y: Float64Array.of(5, NaN, 30) },
    ];
    const all = collectByBins(curves, PAPER_DEPTH_BINS, 'all');
    expect(all.map((a) => Array.from(a))).toEqual([[1, 3, 5], [10, 20, 30], [100]]);
    const mean = collectByBins(curves, PAPER_DEPTH_BINS, 'mean');
    expect(mean.map((a) => Array.from(a))).toEqual([[2, 5], [15, 30], [100]]);
    const med = collectByBins(curves, PAPER_DEPTH_BINS, 'median');
    expect(med.map((a) => Array.from(a))).toEqual([[2, 5], [15, 30], [100]]);
    expect(binOf(-1e-12, PAPER_DEPTH_BINS)).toBe(-1);
    expect(binOf(20e-9, PAPER_DEPTH_BINS)).toBe(-1);
  });

  it("groups curves by the paper's voltage windows without gaps; shared boundaries go to the first window listed", () => {
    const E = Float64Array.of(2.0, 1.75, 1.5, 1.2, 1.0, 0.7, 0.5, 0.3, 0.005, 0.001, 2.3, NaN);
    const g = groupByWindow(E, PAPER_VOLTAGE_WINDOWS);
    expect(g.map((a) => Array.from(a))).toEqual([[0, 1, 2], [3, 4], [5, 6], [7, 8]]);
  });
});
