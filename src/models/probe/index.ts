/** Probe models: cantilever mechanics, fluid loading, thermal noise, optical lever, tips, presets. */
export * from './analytic.js';
export * from './cantilever.js';
export * from './hydrodynamics.js';
export * from './thermal.js';
export * from './optical-lever.js';
export * from './tip.js';
export * from './presets.js';
export { besselK01 } from './bessel.js';
export type { Complex } from '../complex.js';
