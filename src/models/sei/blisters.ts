/**
 * Blisters lifted by gas evolution under the SEI on graphite (paper 000: "Apart from the SEI we
 * observed blisters with lateral size up to 2 µm and height up to 35 nm"; "blistering is a typical
 * phenomenon in ethylene carbonate (EC)-based electrolytes … caused by cointercalation of
 * electrolyte molecules and trace water into graphite structure and consequent gas evolution on the
 * cathodic scan"; with water "blistering was more intense and particularly active on the cathodic
 * cycle").
 *
 * Blisters are born as a Poisson process in time and space while the potential is below the law's
 * potential on a cathodic sweep, with rate r (1 + f_w w) for water mass fraction w; each inflates
 * as h(t) = h_max (1 − e^{−(t − t₀)/τ}) with a dome profile (1 − r²/R²)² (clamped-plate deflection,
 * Timoshenko & Woinowsky-Krieger, *Theory of Plates and Shells*, §62).
 */
import type { Rng } from '../rng.js';
import { poisson } from '../rng.js';
import type { Grid } from '../substrate/grid.js';
import type { BlisterLaw } from './presets.js';

/** One blister: centre (m), diameter and final height (m), birth time and inflation time (s). */
export interface Blister {
  readonly x: number;
  readonly y: number;
  readonly diameter: number;
  readonly height: number;
  readonly t0: number;
  readonly inflationTime: number;
}

/** Draw the blisters of a patch over a sampled program (stream passed in). */
export function drawBlisters(rng: Rng, law: BlisterLaw, grid: Grid, t: Float64Array, E: Float64Array, waterContent = 0): Blister[] {
  if (!Number.isFinite(waterContent) || waterContent < 0) throw new RangeError(`drawBlisters: waterContent = ${waterContent}: expected ≥ 0`);
  if (law.maxDiameter < law.minDiameter || law.maxHeight < law.minHeight) throw new RangeError('drawBlisters: max sizes must be ≥ min sizes');
  const area = grid.nx * grid.ny * grid.dx * grid.dx;
  const rate = law.rate * (1 + law.waterFactor * waterContent);
  const out: Blister[] = [];
  for (let n = 1; n < t.length; n++) {
    const Em = 0.5 * (E[n] + E[n - 1]);
    if (!(E[n] < E[n - 1] && Em < law.potential)) continue;
    const k = poisson(rng, rate * area * (t[n] - t[n - 1]));
    for (let i = 0; i < k; i++) {
      out.push({
        x: rng.uniform() * grid.nx * grid.dx,
        y: rng.uniform() * grid.ny * grid.dx,
        diameter: law.minDiameter + (law.maxDiameter - law.minDiameter) * rng.uniform(),
        height: law.minHeight + (law.maxHeight - law.minHeight) * rng.uniform(),
        t0: t[n - 1] + rng.uniform() * (t[n] - t[n - 1]),
        inflationTime: law.inflationTime,
      });
    }
  }
  return out;
}

/** Height of one blister at (x, y) and time t (m): h_max(1 − e^{−(t−t₀)/τ})(1 − r²/R²)² for r < R. */
export function blisterHeight(b: Blister, x: number, y: number, time: number): number {
  if (time <= b.t0) return 0;
  const R = b.diameter / 2;
  const q = ((x - b.x) ** 2 + (y - b.y) ** 2) / (R * R);
  if (q >= 1) return 0;
  return b.height * -Math.expm1(-(time - b.t0) / b.inflationTime) * (1 - q) ** 2;
}

/**
 * Add the blisters' heights along one grid row (world row `row`, columns x0…x0+n−1) at time t
 * into `out` (m).
 */
export function addBlistersToRow(out: Float64Array, blisters: readonly Blister[], grid: Grid, row: number, x0: number, n: number, time: number): void {
  const y = (row + 0.5) * grid.dx;
  for (const b of blisters) {
    if (time <= b.t0) continue;
    const R = b.diameter / 2;
    if (Math.abs(y - b.y) >= R) continue;
    const lo = Math.max(x0, Math.floor((b.x - R) / grid.dx));
    const hi = Math.min(x0 + n - 1, Math.ceil((b.x + R) / grid.dx));
    for (let x = lo; x <= hi; x++) out[x - x0] += blisterHeight(b, (x + 0.5) * grid.dx, y, time);
  }
}
