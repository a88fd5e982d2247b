/**
 * Layered viscoelastic SEI film model (public entry of src/models/film).
 *
 * - `modulus.ts`: E*(ω) of Kelvin–Voigt, Maxwell, Zener/SLS and constant-loss layers.
 * - `film.ts`: `Film` (layers on the electrode, graded interfaces), `filmProfile(film, f)` for fast
 *   E*(z), ν(z) (z = height above the electrode), validation, sampling.
 * - `presets.ts`: the SEI pictures of the papers (002 Fig. 2e/2f, Na/hard carbon, Li/graphite).
 */
export * from './modulus.js';
export * from './film.js';
export * from './presets.js';
