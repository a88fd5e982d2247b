/**
 * The SEI as the film model (src/models/film) consumes it: thickness of the inner inorganic and
 * outer organic layer per pixel, and nominal Young's moduli of each layer.
 *
 * Moduli (review 001, §3.1.1 "Graphite Anode: SEI Characterization" and the Li-metal section):
 * inner, LiF-rich: "a rigid LiF-rich SEI with a modulus of 10.7 GPa"; outer, organic: the SEI formed
 * in EC electrolytes "(average 916 MPa)"; the two-layer picture: "a soft upper layer which could be
 * easily scratched away with the AFM probe and a hard lower layer … the organic nature of the soft
 * upper layer and the salt-like nature of the hard under layer". Poisson ratios are assumptions.
 */
import type { SeiLayer } from './kinetics.js';
import type { Grid } from '../substrate/grid.js';
import { layerThicknessMaps, type SeiState } from './growth.js';

/** Nominal elastic properties of a layer. */
export interface LayerMechanics {
  /** Young's modulus E (Pa). */
  readonly youngsModulus: number;
  readonly poissonRatio: number;
  readonly source: string;
}

/** Nominal moduli of the two SEI layers. */
export const SEI_LAYER_MECHANICS: Readonly<Record<SeiLayer, LayerMechanics>> = {
  inner: { youngsModulus: 10.7e9, poissonRatio: 0.3, source: '001: "a rigid LiF-rich SEI with a modulus of 10.7 GPa"; ν assumed' },
  outer: { youngsModulus: 0.916e9, poissonRatio: 0.4, source: '001: SEI in EC electrolytes "(average 916 MPa)"; ν assumed' },
};

/** Per-pixel layer thicknesses at one time, with the layers' nominal mechanics. */
export interface SeiFilmState {
  readonly grid: Grid;
  readonly time: number;
  /** Thickness of each layer per pixel (m), row-major. */
  readonly thickness: Readonly<Record<SeiLayer, Float64Array>>;
  readonly mechanics: Readonly<Record<SeiLayer, LayerMechanics>>;
}

/** The film state of an SEI simulation at time t (inner below, outer on top). */
export function seiFilmState(state: SeiState, time: number): SeiFilmState {
  if (!Number.isFinite(time)) throw new RangeError(`seiFilmState: time = ${time} s is not finite`);
  return { grid: state.grid, time, thickness: layerThicknessMaps(state, time), mechanics: SEI_LAYER_MECHANICS };
}
