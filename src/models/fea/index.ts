/**
 * FEA-lite for the NRM lateral force (public entry of src/models/fea): axisymmetric Q9/P1
 * Fourier-harmonic finite elements in (r, z), complex moduli, skyline LDLᵀ solver.
 * See `solve.ts` for the problem statement and `002_bf87beaba622041e.txt` §4, Fig. 2.
 */
export * from './tip.js';
export * from './mesh.js';
export * from './solve.js';
export * from './analytic.js';
export * from './skyline.js';
export * from './curve.js';
export * from './surrogate.js';
export * from './fields.js';
