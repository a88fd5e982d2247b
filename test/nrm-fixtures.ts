/**
 * Shared builders for the NRM tests: a resolved experiment configuration with overrides, small
 * single-population presets (homogeneous or two-layer films) and a small session run.
 */
import { expect } from 'vitest';
import type { ParamProblem } from '../src/models/params.js';
import type { NrmSeiPreset, LayerTemplate } from '../src/models/nrm/nagarathinam2026.js';
import { resolveField, section } from '../src/sim/schema.js';
import { NRM_FIELDS, nrmInstrumentOf, lateralProviderOf, type NrmConfig } from '../src/sim/nrm/run.js';
import { runNrmSession, type NrmSession } from '../src/sim/nrm/session.js';
import { createRng } from '../src/sim/rng.js';
import type { NrmInstrument } from '../src/sim/nrm/instrument.js';

/** A resolved nrm configuration: the scenario defaults plus `over` (written as in YAML, strings with units). */
export function nrmConfig(over: Record<string, unknown> = {}): NrmConfig {
  const problems: ParamProblem[] = [];
  const c = resolveField(section('nrm', NRM_FIELDS), over, '', problems) as NrmConfig;
  expect(problems).toEqual([]);
  return c;
}

const nm = 1e-9;

/** A one-window preset with one population of the given layers (electrode side first), tanh interfaces. */
export function singlePopulationPreset(layers: LayerTemplate[], interfaceWidth = 1 * nm): NrmSeiPreset {
  return {
    name: 'test',
    source: 'test',
    spotCorrelation: 0.5,
    parameterCorrelation: 0.5,
    windows: [{ id: '1.5-2.0V', potentialHigh: 2.0, potentialLow: 1.5, quote: 'test', populations: [{ name: 'only', weight: 1, layers, interfaceWidth }] }],
  };
}

/** A homogeneous layer template: thickness h, E', tanδ, ν; `spread` = lognormal σ of E' between locations. */
export function homogeneousLayer(h: number, E: number, tand: number, nu = 0.45, spread = 0): LayerTemplate {
  return {
    name: 'layer',
    thickness: { kind: 'fixed', value: h },
    storageModulus: spread > 0 ? { kind: 'lognormal', median: E, logSigma: spread } : { kind: 'fixed', value: E },
    lossTangent: { kind: 'fixed', value: tand },
    poissonRatio: nu,
  };
}

/** Run a session of a configuration with a custom preset (truth heights = the analysis grid). */
export function smallSession(c: NrmConfig, preset: NrmSeiPreset, seed: string | number, inst: NrmInstrument = nrmInstrumentOf(c)): NrmSession {
  const n = Math.floor(c.analysis.depthMax / c.analysis.depthStep + 1e-9) + 1;
  const heights = Float64Array.from({ length: n }, (_, i) => i * c.analysis.depthStep);
  return runNrmSession(createRng(seed), { preset, electrode: c.electrode, grid: c.grid, sweep: c.sweep, instrument: inst, lateral: lateralProviderOf(c), truthHeights: heights, zOffset: 2e-6 });
}

/** Switch off every noise source and artefact of the normal and lateral channels (config overrides). */
export const QUIET = {
  normalChannel: { detectorNoise: '0 V', signalDrift: '0 V/s', interferenceAmplitude: '0 V', baselineTilt: '0 V/m', temperature: '1 K' },
  lateralChannel: { detectorNoisePsd: '0 V^2/Hz', crosstalk: 0, offset: '0 V' },
  approach: { zDrift: '0 m/s' },
  dither: { verticalCoupling: 0, actuatorCalibrationError: 0 },
} as const;
