/** SEI nucleation and growth (paper 000): kinetics, JMAK closed forms, nuclei, growth, presets. */
export * from './kinetics.js';
export * from './analytic.js';
export * from './nucleation.js';
export * from './growth.js';
export * from './blisters.js';
export * from './scrape.js';
export * from './film-state.js';
export * from './presets.js';
