/**
 * The models seisim exposes through `seisim params <model>`: each with its parameter tables
 * (declared once beside the physics, with unit, range, default and source).
 */
import type { ParamTable } from '../models/params.js';
import { CANTILEVER } from '../models/probe/cantilever.js';
import { OPTICAL_LEVER } from '../models/probe/optical-lever.js';
import { FLUID } from '../models/probe/hydrodynamics.js';
import { FILM_LAYER_PARAMS, INTERFACE_PARAMS } from '../models/film/film.js';
import { CONSTANT_LOSS_PARAMS, FREQUENCY_PARAM, SPRING_DASHPOT_PARAMS, ZENER_PARAMS } from '../models/film/modulus.js';
import { FEA_PARAMS } from '../models/fea/solve.js';
import { TIP_PARAMS } from '../models/fea/tip.js';
import { HARD_CARBON_TOPOGRAPHY, HOPG_TOPOGRAPHY, MCMB_TOPOGRAPHY, NMC_TOPOGRAPHY } from '../models/substrate/topography.js';
import { INTERCALATION } from '../models/electrochem/currents.js';
import { WATER_REDUCTION } from '../models/electrochem/water.js';
import { SEI_PROCESS_PARAMS } from '../models/sei/kinetics.js';
import { THERMAL_TUNE } from './thermal-tune.js';
import { FORCE_CURVE } from './force-curve.js';
import { QNM_SAMPLE } from './qnm-sample.js';
import { AFM_IMAGING } from './afm-imaging.js';
import { POTENTIOSTAT } from './potentiostat.js';
import { CAFM_SCRATCH } from './cafm-scratch.js';
import { ELECTROLYTE, HARD_CARBON_SECCM, PIPETTE, SECCM_CELL, SECCM_SEI } from '../models/seccm/params.js';
import { SECCM_FORCE_VOLUME, SECCM_HOPPING, SECCM_SPOT_IMAGING } from './seccm-hopping.js';
import { NRM_APPROACH, NRM_DITHER, NRM_ELECTRODE, NRM_GRID, NRM_LATERAL_CHANNEL, NRM_LOCKIN, NRM_NORMAL_CHANNEL, NRM_SWEEP, NRM_TIP } from './nrm/params.js';

export interface ModelEntry {
  readonly doc: string;
  readonly tables: Readonly<Record<string, ParamTable>>;
}

export const MODELS: Readonly<Record<string, ModelEntry>> = {
  probe: {
    doc: 'rectangular cantilever: stiffness, resonance in fluid (Sader), thermal noise, optical lever (src/models/probe)',
    tables: { cantilever: CANTILEVER, 'optical-lever': OPTICAL_LEVER, fluid: FLUID },
  },
  film: {
    doc: 'layered viscoelastic SEI film: layers, complex moduli at the dither frequency, graded interfaces (src/models/film)',
    tables: { layer: FILM_LAYER_PARAMS, interface: INTERFACE_PARAMS, 'kelvin-voigt/maxwell': SPRING_DASHPOT_PARAMS, zener: ZENER_PARAMS, 'constant-loss': CONSTANT_LOSS_PARAMS, frequency: { frequency: FREQUENCY_PARAM } },
  },
  fea: {
    doc: 'FEA-lite: axisymmetric first-harmonic finite elements for the NRM lateral force, r_g (src/models/fea)',
    tables: { solver: FEA_PARAMS, tip: TIP_PARAMS },
  },
  substrate: {
    doc: 'electrode topographies and site classes: HOPG, MCMB, hard carbon, NMC 111 (src/models/substrate)',
    tables: { hopg: HOPG_TOPOGRAPHY, mcmb: MCMB_TOPOGRAPHY, 'hard-carbon': HARD_CARBON_TOPOGRAPHY, nmc: NMC_TOPOGRAPHY },
  },
  electrochem: {
    doc: 'potential programs, double layer, intercalation background, trace-water reduction (src/models/electrochem)',
    tables: { intercalation: INTERCALATION, 'water-reduction': WATER_REDUCTION },
  },
  sei: {
    doc: 'SEI nucleation and growth per site class, passivation, layers, deposits, blisters (src/models/sei)',
    tables: { process: SEI_PROCESS_PARAMS },
  },
  'thermal-tune': { doc: 'thermal-tune instrument (src/sim/thermal-tune.ts)', tables: { instrument: THERMAL_TUNE } },
  'force-curve': { doc: 'force-curve / force-volume instrument and the QNM SEI sample (src/sim/force-curve.ts)', tables: { instrument: FORCE_CURVE, sample: QNM_SAMPLE } },
  'afm-imaging': { doc: 'tapping-mode in situ imaging instrument and potentiostat (src/sim/afm-imaging.ts)', tables: { imaging: AFM_IMAGING, potentiostat: POTENTIOSTAT } },
  'cafm-scratch': { doc: 'conductive-AFM scratch instrument (src/sim/cafm-scratch.ts)', tables: { scratch: CAFM_SCRATCH } },
  seccm: {
    doc: 'SECCM droplet cell on hard carbon: pipette, meniscus, SEI spot, hopping, spot imaging and force volume (src/models/seccm, src/sim/seccm-hopping.ts)',
    tables: { pipette: PIPETTE, 'hard-carbon': HARD_CARBON_SECCM, electrolyte: ELECTROLYTE, sei: SECCM_SEI, cell: SECCM_CELL, hopping: SECCM_HOPPING, 'spot-imaging': SECCM_SPOT_IMAGING, 'force-volume': SECCM_FORCE_VOLUME },
  },
  nrm: {
    doc: '1D nanorheology instrument: approach, dither, normal and lateral channels, lock-in, grid, sweep (src/sim/nrm)',
    tables: { electrode: NRM_ELECTRODE, tip: NRM_TIP, dither: NRM_DITHER, 'lock-in': NRM_LOCKIN, approach: NRM_APPROACH, 'normal-channel': NRM_NORMAL_CHANNEL, 'lateral-channel': NRM_LATERAL_CHANNEL, grid: NRM_GRID, sweep: NRM_SWEEP },
  },
};
