/**
 * The force at which a stiff c-AFM tip scrapes the SEI off its electrode (paper 000: "The SEI was
 * scraped off when the force reached 1.9 µN on HOPG and 4.1 µN on MCMB and on HC"), and the interface
 * pinning that makes the scratch edge smooth or rough ("the SEI readily peeled off from the HC … and
 * from HOPG …, showing smooth edge on the current maps, while on the MCMB graphite the edge was
 * rough"; "the SEI fills pits in porous graphite surface and thus is pinned to the surface").
 *
 * Local threshold F_th(p) = F_s exp(σ ξ(p)), ξ a unit-variance Gaussian random field of correlation
 * length ℓ_pin: the median threshold is F_s, and σ (the pinning strength) sets how many force steps
 * the scraped edge spreads over — ≈0 gives a straight, peeled edge; σ ≈ 0.25 a ragged one.
 */
import type { Rng } from '../rng.js';
import type { Grid } from '../substrate/grid.js';
import { gaussianRandomField } from '../substrate/grf.js';
import type { ScrapeOffLaw } from './presets.js';

/** Map of local scrape-off thresholds F_th (N) over a grid. */
export function scrapeThresholdField(rng: Rng, grid: Grid, law: ScrapeOffLaw): Float64Array {
  if (!Number.isFinite(law.force) || law.force <= 0) throw new RangeError(`scrapeOff.force = ${law.force} N: expected > 0`);
  if (!Number.isFinite(law.pinning) || law.pinning < 0 || law.pinning > 3) throw new RangeError(`scrapeOff.pinning = ${law.pinning}: expected in [0, 3]`);
  const xi = law.pinning > 0 ? gaussianRandomField(rng, grid, 1, law.pinningLength) : new Float64Array(grid.nx * grid.ny);
  const out = new Float64Array(xi.length);
  for (let i = 0; i < xi.length; i++) out[i] = law.force * Math.exp(law.pinning * xi[i]);
  return out;
}
