/**
 * The meniscus footprint of the SECCM droplet cell: where the electrolyte wets the electrode, from
 * landing to retraction (`003_47f56aa074086b1d.txt`).
 *
 * At landing the meniscus bridges the orifice (contact line pinned at the inner rim, radius r_i) and
 * the surface at the gap h_m, giving r₀ = r_i + h_m cot θ (analytic.ts) — near the orifice for EC/PC
 * ("The spot size of the formed localized SEI layers with 1.0 μm–1.4 μm corresponds well with the
 * orifice size of the used micropipette"), wide for diglyme. Below the critical angle θ_c of the
 * rough surface the electrolyte then hemiwicks: the front advances as ℓ = √(D_w t) (Washburn
 * exponent 1/2; Bico, Tordeux & Quéré 2001) — 003: "the higher wettability of HC in diglyme …
 * leading to a larger and uneven spreading of the droplet", "the meniscus contact droplet formed with
 * NaPF6 in diglyme seems to spread for higher cycling numbers". Contact-line pinning on the surface
 * makes both the landing footprint and the wicking front uneven: r(φ, t) = r₀(1 + ε₀(φ)) +
 * √(D_w t)(1 + ε₁(φ)), ε = Σ_{m=2}^{M} a_m cos(mφ + ψ_m) with random amplitudes of the given RMS.
 *
 * Evaporation of the exposed meniscus is diffusion limited (analytic.ts `evaporationRate`); the flow
 * that replaces it enriches the salt at the meniscus by e^{Pe}. 003 argues it is negligible ("the low
 * vapor pressure of diglyme … suggests that its evaporation is negligible"); the model computes it.
 */
import type { Rng } from '../rng.js';
import type { Grid } from '../substrate/grid.js';
import { evaporationRate, evaporativeEnrichment, wickingCoefficient, landingFootprintRadius } from './analytic.js';
import type { ElectrolyteParams, HardCarbonSeccmParams, PipetteParams, SeccmCellParams } from './params.js';

/** Angular modulation ε(φ) = Σ a_m cos(mφ + ψ_m), m = 2…M (dimensionless). */
export interface AngularModes {
  readonly order: readonly number[];
  readonly amplitude: readonly number[];
  readonly phase: readonly number[];
}

/** The footprint of one landing. */
export interface Footprint {
  /** Mean landing radius r₀ (m). */
  readonly landingRadius: number;
  /** Wicking coefficient D_w (m²/s); 0: no spreading. */
  readonly wicking: number;
  readonly landingShape: AngularModes;
  readonly spreadingShape: AngularModes;
}

/**
 * Draw angular modes with RMS amplitude `rms` (RMS of ε over φ), orders 2…maxOrder, random phases;
 * amplitudes a_m = rms √(2/M') z_m/√⟨z²⟩ with z_m ~ N(0,1) rescaled so that the RMS is exact.
 */
export function drawAngularModes(rng: Rng, rms: number, maxOrder = 8): AngularModes {
  if (!Number.isFinite(rms) || rms < 0) throw new RangeError(`drawAngularModes: rms = ${rms}: expected ≥ 0`);
  if (!Number.isInteger(maxOrder) || maxOrder < 2) throw new RangeError(`drawAngularModes: maxOrder = ${maxOrder}: expected an integer ≥ 2`);
  const order: number[] = [];
  const z: number[] = [];
  const phase: number[] = [];
  for (let m = 2; m <= maxOrder; m++) {
    order.push(m);
    z.push(rng.normal());
    phase.push(2 * Math.PI * rng.uniform());
  }
  const ss = z.reduce((s, v) => s + v * v, 0);
  // RMS of Σ a_m cos(mφ + ψ) over φ is √(Σ a_m²/2)
  const scale = ss > 0 ? rms * Math.sqrt(2 / ss) : 0;
  return { order, amplitude: z.map((v) => v * scale), phase };
}

/** 1 + ε(φ), floored at 0.3 (a contact line never retracts to the centre). */
export function angularFactor(modes: AngularModes, phi: number): number {
  let e = 0;
  for (let k = 0; k < modes.order.length; k++) e += modes.amplitude[k] * Math.cos(modes.order[k] * phi + modes.phase[k]);
  return Math.max(0.3, 1 + e);
}

/**
 * The footprint of a landing: r₀ from the gap and contact angle, D_w from the wetting, shapes from
 * `rng` (forks 'landing-shape', 'spreading-shape').
 *
 * @param gap meniscus gap h at landing (m)
 * @param unevenness RMS ε of the contact line (landing and wicking front)
 */
export function makeFootprint(rng: Rng, pipette: PipetteParams, electrolyte: ElectrolyteParams, hc: HardCarbonSeccmParams, gap: number, unevenness: number): Footprint {
  return {
    landingRadius: landingFootprintRadius(pipette.innerRadius, gap, electrolyte.contactAngle),
    wicking: wickingCoefficient(electrolyte.spreadingMobility, electrolyte.contactAngle, hc.criticalWickingAngle),
    landingShape: drawAngularModes(rng.fork('landing-shape'), unevenness),
    spreadingShape: drawAngularModes(rng.fork('spreading-shape'), unevenness),
  };
}

/** Footprint radius in direction φ at time t since landing (m): r₀(1 + ε₀) + √(D_w t)(1 + ε₁). */
export function footprintRadiusAt(fp: Footprint, phi: number, time: number): number {
  return fp.landingRadius * angularFactor(fp.landingShape, phi) + Math.sqrt(Math.max(0, fp.wicking * time)) * angularFactor(fp.spreadingShape, phi);
}

/**
 * Time since landing at which the point (dx, dy) from the footprint centre is wetted (s): 0 inside
 * the landing footprint, ((ρ − r₀(φ))/(1 + ε₁(φ)))²/D_w outside, +∞ if the meniscus never spreads.
 */
export function wettingTime(fp: Footprint, dx: number, dy: number): number {
  const rho = Math.hypot(dx, dy);
  const phi = Math.atan2(dy, dx);
  const r0 = fp.landingRadius * angularFactor(fp.landingShape, phi);
  if (rho <= r0) return 0;
  if (!(fp.wicking > 0)) return Number.POSITIVE_INFINITY;
  const l = (rho - r0) / angularFactor(fp.spreadingShape, phi);
  return (l * l) / fp.wicking;
}

/** Marker for pixels never wetted. */
export const NEVER_WET = 0x7fffffff;

/**
 * The node at which each pixel of a grid becomes wet: the first node n with t_n ≥ wetting time
 * (t: node times since landing, s; centre (cx, cy) in m on the grid). {@link NEVER_WET} if never.
 */
export function wettingNodes(fp: Footprint, grid: Grid, cx: number, cy: number, t: Float64Array): Int32Array {
  const { nx, ny, dx } = grid;
  const out = new Int32Array(nx * ny);
  const N = t.length;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const tw = wettingTime(fp, (i + 0.5) * dx - cx, (j + 0.5) * dx - cy);
      let node: number;
      if (!(tw <= t[N - 1])) node = NEVER_WET;
      else if (tw <= t[0]) node = 0;
      else {
        let lo = 0;
        let hi = N - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (t[mid] >= tw) hi = mid;
          else lo = mid + 1;
        }
        node = lo;
      }
      out[j * nx + i] = node;
    }
  }
  return out;
}

/** Evaporation of the meniscus over a time span, and the salt enrichment it drives. */
export interface EvaporationSummary {
  /** Mean evaporation rate (m³/s). */
  readonly rate: number;
  /** Volume evaporated (m³). */
  readonly volume: number;
  readonly peclet: number;
  /** Steady c_meniscus/c_bulk. */
  readonly enrichment: number;
}

/**
 * Evaporation from the exposed part of a footprint of mean radius r (the annulus outside the
 * orifice, fraction 1 − r_i²/r²) over `duration` seconds (analytic.ts for the equations).
 */
export function meniscusEvaporation(electrolyte: ElectrolyteParams, cell: SeccmCellParams, pipette: PipetteParams, footprintRadius: number, duration: number): EvaporationSummary {
  const exposed = footprintRadius > pipette.innerRadius ? 1 - (pipette.innerRadius / footprintRadius) ** 2 : 0;
  const rate = evaporationRate(electrolyte.vapourDiffusivity, electrolyte.vapourPressure, electrolyte.vapourMolarMass, electrolyte.liquidDensity, cell.temperature, footprintRadius, cell.ambientSaturation, exposed);
  const { peclet, enrichment } = evaporativeEnrichment(rate, electrolyte.saltDiffusivity, pipette.innerRadius, pipette.halfAngle);
  return { rate, volume: rate * Math.max(0, duration), peclet, enrichment };
}
