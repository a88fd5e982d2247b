/** SECCM droplet cells on hard carbon (paper 003): pipette, meniscus, film, currents, presets. */
export * from './analytic.js';
export * from './chemistry.js';
export * from './params.js';
export * from './meniscus.js';
export * from './film.js';
export * from './cell.js';
export * from './presets.js';
