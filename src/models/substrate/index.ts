/** Electrode substrates of paper 000: site classes, topography, site maps, reference scales. */
export * from './sites.js';
export * from './grid.js';
export * from './grf.js';
export * from './topography.js';
export * from './potential-scale.js';
