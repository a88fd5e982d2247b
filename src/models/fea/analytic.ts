/**
 * Closed-form solutions that verify the FEA-lite (tests reuse them; SimPEG-style `analytics`).
 */

/**
 * Force per unit length on a rigid disc of radius a, bonded in an elastic annulus a ≤ r ≤ b
 * whose outer edge is held fixed, when the disc is displaced by U (plane strain):
 *
 *   F/L = 8πμ(1−ν)·U / [κ ln(b/a) − (b² − a²)/(κ(b² + a²))],   κ = 3 − 4ν.
 *
 * Units: μ in Pa, U, a, b in m ⇒ N/m. The force is the one the annulus exerts on the disc,
 * opposing U (the FEA-lite's tip is held still while the outside moves by U, so there the force
 * on the tip points along the motion with this magnitude).
 *
 * Derivation (Kolosov–Muskhelishvili complex potentials; Muskhelishvili, *Some Basic Problems
 * of the Mathematical Theory of Elasticity*, §§32–41; Barber, *Elasticity*, 3rd ed., ch. 19).
 * In plane strain, with z = x + iy = r e^{iθ},
 *
 *   2μ(u_x + i u_y) = κ φ(z) − z·conj(φ′(z)) − conj(ψ(z)).
 *
 * A multiply connected region with a resultant force X + iY on its inner contour needs the
 * logarithmic terms φ ∋ −Q log z, ψ ∋ κ Q̄ log z with Q = (X + iY)/(2π(1 + κ)), which make the
 * displacement single-valued. For a load along x (Q real) the displacement contains only the
 * Fourier harmonics e^{0iθ} and e^{2iθ} (those of a rigid translation and of the log terms), so
 * the admissible terms are φ = −Q log z + c z², ψ = κQ log z + d/z² + ψ₀:
 *
 *   −Q log z:  κφ − z·conj φ′ − conj ψ  →  −2κQ ln r + Q e^{2iθ}   (the iθ parts cancel),
 *   c z²:      κ c r² e^{2iθ} − 2c r²   (c real),
 *   d/z²:      −d e^{2iθ}/r²            (d real),
 *   ψ₀:        −ψ₀ (a rigid translation).
 *
 * So 2μ(u_x + iu_y) = [−2κQ ln r − 2c r² − ψ₀] + e^{2iθ}[Q + κ c r² − d/r²]. A rigid translation
 * U of the disc and a fixed outer edge require the e^{2iθ} bracket to vanish at r = a and r = b:
 * d = −κ c a²b² and κc = −Q/(a² + b²); and the constant bracket to be 2μU at r = a and 0 at r = b:
 *
 *   2κQ ln(b/a) + 2c(b² − a²) = 2μU  ⇒  Q [κ ln(b/a) − (b² − a²)/(κ(a² + b²))] = μU.
 *
 * With F = 2π(1 + κ)Q and 1 + κ = 4(1 − ν) the formula above follows. Limits: b → ∞ gives
 * F/L → 0 like 1/ln(b/a) (Stokes-like paradox of plane elasticity: the force depends on the
 * domain size), which is why r_g of a deep tip depends (weakly) on the domain radius.
 *
 * @example planeStrainDiscForcePerLength(1e6 / 3, 0.45, 2e-9, 10e-9, 300e-9) // ≈ 1.4e-3 N/m
 */
export function planeStrainDiscForcePerLength(shearModulus: number, poissonRatio: number, displacement: number, discRadius: number, outerRadius: number): number {
  const checks: [string, number, boolean][] = [
    ['shearModulus', shearModulus, shearModulus > 0],
    ['poissonRatio', poissonRatio, poissonRatio > -1 && poissonRatio < 0.5],
    ['displacement', displacement, true],
    ['discRadius', discRadius, discRadius > 0],
    ['outerRadius', outerRadius, outerRadius > discRadius],
  ];
  for (const [name, v, ok] of checks) {
    if (!Number.isFinite(v) || !ok) throw new RangeError(`planeStrainDiscForcePerLength: ${name} = ${v} out of range`);
  }
  const kappa = 3 - 4 * poissonRatio;
  const a2 = discRadius * discRadius;
  const b2 = outerRadius * outerRadius;
  const den = kappa * Math.log(outerRadius / discRadius) - (b2 - a2) / (kappa * (b2 + a2));
  return (8 * Math.PI * shearModulus * (1 - poissonRatio) * displacement) / den;
}

/**
 * The r_g that Eq. 5 of `002_bf87beaba622041e.txt` would assign to the plane-strain disc
 * (a tip that goes through the whole layer, sliding top and bottom): r_g = (F/L)/(4 E U).
 * Dimensionless. E = 2μ(1 + ν).
 */
export function planeStrainRg(poissonRatio: number, discRadius: number, outerRadius: number): number {
  const E = 1;
  const mu = E / (2 * (1 + poissonRatio));
  return planeStrainDiscForcePerLength(mu, poissonRatio, 1, discRadius, outerRadius) / (4 * E);
}
