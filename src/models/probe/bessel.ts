/**
 * Modified Bessel functions of the second kind K₀(z), K₁(z) for complex z with Re z > 0, as
 * needed by Sader's hydrodynamic function (argument z = −i√(i·Re), arg z = −π/4).
 *
 * Method: the integral representation (Abramowitz & Stegun 9.6.24; DLMF 10.32.9)
 *   K_ν(z) = ∫₀^∞ exp(−z cosh t) cosh(ν t) dt,   |arg z| < π/2,
 * evaluated with the trapezoidal rule. The integrand is analytic in a strip about the real t-axis
 * and decays double-exponentially, so the trapezoidal rule converges exponentially: with step h the
 * relative error is ≈ exp(−2π d/h) for a strip half-width d. For |arg z| = π/4 the strip is
 * d ≈ π/4 at small |z| (error ≈ exp(−π²/2h), 2·10⁻¹¹ at h = 0.2) and the Gaussian core of width
 * 1/√Re z at large |z| needs h ∝ 1/√(Re z): error ≈ exp(−2π²/(h² Re z)). We take
 * h = min(0.2, 0.7/√(Re z)) (error < 1e-15 relative at all |z| tested) and truncate where
 * Re z (cosh t − 1) > 45. Verified against SciPy `scipy.special.kv` (test/fixtures/bessel-k.json,
 * produced by test/fixtures/bessel-k.py) to < 1e-12 relative for 10⁻⁶ ≤ Re ≤ 10⁴.
 */
import type { Complex } from '../complex.js';

/**
 * K₀(z) and K₁(z) for complex z with Re z > 0 (trapezoidal rule on the integral representation).
 *
 * Equation: K_ν(z) = ∫₀^∞ e^{−z cosh t} cosh(νt) dt (A&S 9.6.24). Units: dimensionless.
 * @param z complex argument, Re z > 0
 * @returns `[K0, K1]`
 * @example besselK01({ re: 1, im: 0 }) // [{re: 0.42102443824070834, im: 0}, {re: 0.6019072301972346, im: 0}]
 */
export function besselK01(z: Complex): [Complex, Complex] {
  if (!Number.isFinite(z.re) || !Number.isFinite(z.im) || !(z.re > 0)) {
    throw new RangeError(`besselK01: z = ${z.re} + ${z.im}i must be finite with Re z > 0`);
  }
  const x = z.re;
  const y = z.im;
  const h = Math.min(0.1, 0.3 / Math.sqrt(Math.hypot(x, y)));
  // exp(−z cosh t) = exp(−z)·exp(−z (cosh t − 1)); factor exp(−z) out to avoid underflow at large x.
  const tMax = Math.acosh(1 + 45 / x);
  const n = Math.ceil(tMax / h);
  let s0re = 0.5; // t = 0 term, weight 1/2: exp(0)·cosh(0)
  let s0im = 0;
  let s1re = 0.5;
  let s1im = 0;
  for (let j = 1; j <= n; j++) {
    const t = j * h;
    const cm1 = Math.cosh(t) - 1;
    const mag = Math.exp(-x * cm1);
    const ph = -y * cm1;
    const er = mag * Math.cos(ph);
    const ei = mag * Math.sin(ph);
    s0re += er;
    s0im += ei;
    const ch = Math.cosh(t);
    s1re += er * ch;
    s1im += ei * ch;
  }
  // multiply by h·exp(−z)
  const e = h * Math.exp(-x);
  const pr = e * Math.cos(-y);
  const pi = e * Math.sin(-y);
  return [
    { re: s0re * pr - s0im * pi, im: s0re * pi + s0im * pr },
    { re: s1re * pr - s1im * pi, im: s1re * pi + s1im * pr },
  ];
}
