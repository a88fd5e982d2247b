/**
 * Closed forms of Euler–Bernoulli beam theory for a rectangular clamped–free cantilever, reused by
 * the probe models and their tests.
 *
 * Mode shapes (Timoshenko, Young & Weaver, *Vibration Problems in Engineering*, 4th ed., §5.3;
 * Butt & Jaschke, Nanotechnology 6, 1 (1995), Eq. 4–6), ξ = x/L ∈ [0, 1]:
 *   φ_n(ξ) = cosh α_nξ − cos α_nξ − σ_n (sinh α_nξ − sin α_nξ),
 *   σ_n = (cosh α_n + cos α_n)/(sinh α_n + sin α_n),
 * with α_n the n-th positive root of 1 + cos α cosh α = 0 (α₁ = 1.8751040687…).
 */

/**
 * n-th positive root α_n of the clamped–free frequency equation 1 + cos α cosh α = 0 (Newton from
 * the asymptotic guess (2n − 1)π/2).
 *
 * Equation: 1 + cos α cosh α = 0 (Timoshenko et al. §5.3). Dimensionless.
 * @param n mode number, integer ≥ 1
 * @example clampedFreeRoot(1) // 1.8751040687119611
 */
export function clampedFreeRoot(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new RangeError(`clampedFreeRoot: n = ${n} must be an integer in [1, 50]`);
  // f(α) = cos α + 1/cosh α (same roots, well scaled); f' = −sin α − tanh α / cosh α
  let a = n === 1 ? 1.875 : n === 2 ? 4.694 : ((2 * n - 1) * Math.PI) / 2;
  for (let it = 0; it < 50; it++) {
    const f = Math.cos(a) + 1 / Math.cosh(a);
    const df = -Math.sin(a) - Math.tanh(a) / Math.cosh(a);
    const step = f / df;
    a -= step;
    if (Math.abs(step) < 1e-15 * a) break;
  }
  return a;
}

/** σ_n = (cosh α_n + cos α_n)/(sinh α_n + sin α_n) of the clamped–free mode shape. */
function sigma(a: number): number {
  return (Math.cosh(a) + Math.cos(a)) / (Math.sinh(a) + Math.sin(a));
}

/**
 * Clamped–free mode shape φ_n(ξ) and its slope dφ_n/dξ at ξ = x/L.
 *
 * Equation: φ_n(ξ) = cosh α_nξ − cos α_nξ − σ_n (sinh α_nξ − sin α_nξ) (Butt & Jaschke 1995, Eq. 5).
 * Dimensionless (normalised so that ∫₀¹ φ_n² dξ = 1 and |φ_n(1)| = 2).
 * @param n mode number ≥ 1
 * @param xi position along the beam, 0 (clamp) … 1 (free end)
 */
export function modeShape(n: number, xi: number): { value: number; slope: number } {
  const a = clampedFreeRoot(n);
  const s = sigma(a);
  const x = a * xi;
  return {
    value: Math.cosh(x) - Math.cos(x) - s * (Math.sinh(x) - Math.sin(x)),
    slope: a * (Math.sinh(x) + Math.sin(x) - s * (Math.cosh(x) - Math.cos(x))),
  };
}

/**
 * Fraction of the end-loaded (static) tip-deflection variance k_BT/k carried by flexural mode n:
 * ⟨z_n²⟩ = (12/α_n⁴) k_BT/k. Mode 1: 0.9707; Σ_n 12/α_n⁴ = 1.
 *
 * Equation: k_n = k α_n⁴/12 is the modal stiffness referred to the tip (Butt & Jaschke 1995,
 * Nanotechnology 6, 1, Eq. 10–11). Dimensionless.
 * @param n mode number ≥ 1
 * @example flexuralModeEnergyFraction(1) // 0.9707...
 */
export function flexuralModeEnergyFraction(n: number): number {
  const a = clampedFreeRoot(n);
  return 12 / a ** 4;
}

/**
 * Optical-lever correction χ_n: the ratio of the true tip deflection of freely vibrating mode n to
 * the deflection z* that the optical lever reports when its sensitivity was calibrated with an
 * end-loaded (static) beam. The lever reads the end slope θ; statically θ = 3z/(2L), in mode n
 * θ = z φ_n'(1)/(L φ_n(1)); so z* = (2/3)(φ_n'(1)/φ_n(1)) z and χ_n = z/z* = 1.5 φ_n(1)/φ_n'(1).
 * Mode 1: χ₁ = 1.0897 (Butt & Jaschke 1995 quote χ = 1.09).
 *
 * Equation: χ_n = (3/2)·φ_n(1)/φ_n'(1) (Butt & Jaschke, Nanotechnology 6, 1 (1995), Eq. 13–14).
 * Dimensionless.
 * @param n mode number ≥ 1
 * @example opticalLeverFactor(1) // 1.0897...
 */
export function opticalLeverFactor(n: number): number {
  const { value, slope } = modeShape(n, 1);
  return (1.5 * value) / slope;
}

/**
 * Thermal-calibration factor β for mode n read through an optical lever calibrated statically:
 * k = β k_BT / ⟨z*²⟩ with β = (12/α_n⁴)/χ_n². Mode 1: β = 0.8174 (Butt & Jaschke 1995: 0.817).
 *
 * Equation: ⟨z*_n²⟩ = ⟨z_n²⟩/χ_n² = (12/α_n⁴) k_BT/(k χ_n²) (Butt & Jaschke 1995, Eq. 15).
 * Dimensionless.
 * @param n mode number ≥ 1
 * @example thermalCalibrationFactor(1) // 0.8174...
 */
export function thermalCalibrationFactor(n: number): number {
  const chi = opticalLeverFactor(n);
  return flexuralModeEnergyFraction(n) / (chi * chi);
}

/**
 * Fraction of the static twist-angle variance k_BT/k_φ carried by torsional mode n of a uniform
 * clamped–free bar: 8/((2n − 1)²π²) (mode 1: 0.8106). The static end twist under an end torque is
 * linear in x; its expansion in the modes sin((2n − 1)πξ/2) gives these weights (they sum to 1 since
 * Σ 1/(2n − 1)² = π²/8). The optical lever reads the end twist angle directly, for which static and
 * dynamic calibrations agree, so no χ applies to the lateral channel.
 *
 * Equation: ⟨φ_n²⟩ = 8 k_BT/((2n − 1)² π² k_φ) (modal expansion of a torsion bar; e.g. Green et al.,
 * Rev. Sci. Instrum. 75, 1988 (2004), §II). Dimensionless.
 * @param n mode number ≥ 1
 */
export function torsionalModeEnergyFraction(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`torsionalModeEnergyFraction: n = ${n} must be an integer >= 1`);
  return 8 / ((2 * n - 1) ** 2 * Math.PI ** 2);
}

/**
 * Static flexural spring constant of a rectangular beam loaded at its free end.
 *
 * Equation: k = E w t³ / (4 L³) = 3 E I / L³ with I = w t³/12 (Euler–Bernoulli; Sader et al.,
 * Rev. Sci. Instrum. 70, 3967 (1999), Eq. 1). Units: E [Pa], w, t, L [m] → k [N/m].
 * @example flexuralSpringConstantClosedForm(169e9, 30e-6, 2e-6, 125e-6) // 5.19 N/m
 */
export function flexuralSpringConstantClosedForm(E: number, w: number, t: number, L: number): number {
  return (E * w * t ** 3) / (4 * L ** 3);
}

/**
 * First flexural resonance of a rectangular beam in vacuum.
 *
 * Equation: f₀ = (α₁²/2π) √(E I/(ρ A L⁴)) = (α₁²/2π)(t/L²)√(E/(12ρ)) (Euler–Bernoulli, Timoshenko et
 * al. §5.3; Sader 1998 J. Appl. Phys. 84, 64, Eq. 2). Units: E [Pa], ρ [kg/m³], t, L [m] → f₀ [Hz].
 */
export function vacuumResonanceClosedForm(E: number, rho: number, t: number, L: number, mode = 1): number {
  const a = clampedFreeRoot(mode);
  return ((a * a) / (2 * Math.PI)) * (t / (L * L)) * Math.sqrt(E / (12 * rho));
}
