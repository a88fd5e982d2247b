/** Contact mechanics: reduced modulus, closed-form contact laws, quasi-static force-curve mechanics. */
export * from './modulus.js';
export * from './analytic.js';
export * from './force-curve.js';
