/** Electrochemistry of the in situ cell (paper 000): programs, Faraday's law, background currents. */
export * from './program.js';
export * from './faraday.js';
export * from './currents.js';
export * from './water.js';
