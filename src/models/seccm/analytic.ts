/**
 * Closed forms of the SECCM droplet-cell model, kept in the library so that the simulation, the
 * calibration notes and the tests use the same equations (STYLE.md §8).
 *
 * Sources: Saleh et al., ChemElectroChem 2025 (`003_47f56aa074086b1d.txt`, "the paper" below);
 * Washburn, Phys. Rev. 17, 273 (1921); Bico, Tordeux & Quéré, Europhys. Lett. 55, 214 (2001)
 * (hemiwicking); Newman, J. Electrochem. Soc. 113, 501 (1966) (disc spreading resistance);
 * Picknett & Bexon, J. Colloid Interface Sci. 61, 336 (1977) (evaporation of a sessile drop);
 * Peled, J. Electrochem. Soc. 126, 2047 (1979) (electron-tunnelling-limited SEI growth).
 */

/** How the inner SEI layer passivates its own growth. */
export type PassivationKind = 'tunnelling' | 'limiting';
export const PASSIVATION_KINDS = ['tunnelling', 'limiting'] as const satisfies readonly PassivationKind[];

/** A passivation law: the kind and its length scale (λ for tunnelling, H_lim for limiting), m. */
export interface PassivationLaw {
  readonly kind: PassivationKind;
  /** λ (tunnelling) or H_lim (limiting), m. */
  readonly length: number;
  /** Thickness an element of the layer has when it is first covered, H₀ (m). */
  readonly initialThickness: number;
}

/**
 * Thickness of a passivating layer after a thickening integral ΔK = ∫κ(E) dt since coverage (m).
 *
 * - tunnelling: dH/dt = κ e^{−H/λ} ⇒ H = λ ln(e^{H₀/λ} + ΔK/λ) (electron tunnelling through the
 *   film, Peled 1979) — slow logarithmic growth without limit, weakly dependent on the scan rate;
 * - limiting: dH/dt = κ (1 − H/H_lim) ⇒ H = H_lim − (H_lim − H₀) e^{−ΔK/H_lim} — growth that stops
 *   at a finite thickness, the paper's "initial decomposition of the ether-based electrolyte forms a
 *   thin insulating layer, which prevents further electrolyte decomposition" (003, "Investigating the
 *   Effect of Cycling Number").
 * ΔK ≤ 0 gives H₀.
 * @example passivatedLayerThickness({ kind: 'limiting', length: 42e-9, initialThickness: 5e-9 }, 1e-6) // ≈ 42e-9
 */
export function passivatedLayerThickness(law: PassivationLaw, deltaK: number): number {
  const h0 = law.initialThickness;
  const L = law.length;
  if (!(deltaK > 0)) return h0;
  switch (law.kind) {
    case 'tunnelling': {
      // λ ln(e^{H₀/λ} + ΔK/λ) = H₀ + λ ln(1 + ΔK e^{−H₀/λ}/λ), stable for large H₀/λ
      return h0 + L * Math.log1p((deltaK / L) * Math.exp(-h0 / L));
    }
    case 'limiting':
      return L - (L - h0) * Math.exp(-deltaK / L);
    default: {
      const never: never = law.kind;
      throw new Error(`unknown passivation kind ${String(never)}`);
    }
  }
}

/**
 * The thickening-integral scale of a law: the ΔK over which the growth rate falls by 1/e from its
 * start (λe^{H₀/λ} for tunnelling, H_lim for limiting), m. Used to bound binning errors.
 */
export function passivationScale(law: PassivationLaw): number {
  switch (law.kind) {
    case 'tunnelling':
      return law.length * Math.exp(Math.min(700, law.initialThickness / law.length));
    case 'limiting':
      return law.length;
    default: {
      const never: never = law.kind;
      throw new Error(`unknown passivation kind ${String(never)}`);
    }
  }
}

/**
 * Radius of the meniscus footprint at landing, for a straight (conical) meniscus from the pinned
 * contact line on the pipette (radius r_pin) down to the surface at the gap h with the electrolyte's
 * contact angle θ on the electrode: r₀ = r_pin + h cot θ (m).
 *
 * A small-gap approximation of the liquid bridge (the meniscus is short compared with its radius of
 * curvature); θ > 90° narrows the footprint below r_pin (floored at r_pin/2).
 */
export function landingFootprintRadius(pinRadius: number, gap: number, contactAngle: number): number {
  if (!Number.isFinite(pinRadius) || pinRadius <= 0) throw new RangeError(`landingFootprintRadius: pinRadius = ${pinRadius} m: expected > 0`);
  if (!Number.isFinite(gap) || gap < 0) throw new RangeError(`landingFootprintRadius: gap = ${gap} m: expected ≥ 0`);
  if (!Number.isFinite(contactAngle) || contactAngle <= 0 || contactAngle >= Math.PI) throw new RangeError(`landingFootprintRadius: contactAngle = ${contactAngle} rad: expected in (0, π)`);
  return Math.max(0.5 * pinRadius, pinRadius + gap / Math.tan(contactAngle));
}

/**
 * Hemiwicking (Washburn) spreading coefficient D_w = M_w (cos θ − cos θ_c)₊ (m²/s): the front of the
 * electrolyte film advances as ℓ = √(D_w t) only when the contact angle θ is below the critical angle
 * θ_c of the rough surface, cos θ_c = (1 − φ_s)/(r − φ_s) (Bico, Tordeux & Quéré 2001); the driving
 * capillary pressure ∝ cos θ − cos θ_c. M_w (m²/s) lumps γ/η and the film geometry (Washburn 1921).
 */
export function wickingCoefficient(mobility: number, contactAngle: number, criticalAngle: number): number {
  if (!Number.isFinite(mobility) || mobility < 0) throw new RangeError(`wickingCoefficient: mobility = ${mobility} m²/s: expected ≥ 0`);
  return mobility * Math.max(0, Math.cos(contactAngle) - Math.cos(criticalAngle));
}

/** Footprint radius r(t) = r₀ + √(D_w t) of an evenly spreading meniscus (m); t ≥ 0 since landing (s). */
export function spreadingRadius(landingRadius: number, wicking: number, time: number): number {
  return landingRadius + Math.sqrt(Math.max(0, wicking * time));
}

/**
 * Access resistance of a conical pipette tip, R_p = 1/(κ π r_i tan α) (Ω): the resistance from the
 * orifice of inner radius r_i up a cone of half-angle α filled with electrolyte of conductivity κ
 * (standard nanopipette result, e.g. Nadappuram et al., Anal. Chem. 85, 8070 (2013)).
 */
export function pipetteAccessResistance(conductivity: number, innerRadius: number, halfAngle: number): number {
  if (!(conductivity > 0) || !(innerRadius > 0) || !(halfAngle > 0 && halfAngle < Math.PI / 2)) {
    throw new RangeError(`pipetteAccessResistance: κ = ${conductivity} S/m, r_i = ${innerRadius} m, α = ${halfAngle} rad: expected κ > 0, r_i > 0, 0 < α < π/2`);
  }
  return 1 / (conductivity * Math.PI * innerRadius * Math.tan(halfAngle));
}

/** Spreading resistance of a disc electrode of radius r in a conductor κ, R = 1/(4κr) (Newman 1966), Ω. */
export function discSpreadingResistance(conductivity: number, radius: number): number {
  if (!(conductivity > 0) || !(radius > 0)) throw new RangeError(`discSpreadingResistance: κ = ${conductivity} S/m, r = ${radius} m: expected both > 0`);
  return 1 / (4 * conductivity * radius);
}

/**
 * Diffusion-limited evaporation rate of a thin sessile film of footprint radius r into still gas,
 * Q = 4 D_v c_v r (1 − S) f_exp (m³ of liquid per s): the θ → 0 limit of Picknett & Bexon (1977),
 * with c_v = p_sat M/(R T ρ_l) the saturated vapour expressed as liquid volume per gas volume,
 * S the ambient saturation and f_exp the exposed fraction of the footprint (the rest lies under the
 * pipette orifice, which is liquid-filled).
 */
export function evaporationRate(vapourDiffusivity: number, vapourPressure: number, molarMass: number, liquidDensity: number, temperature: number, radius: number, ambientSaturation: number, exposedFraction: number): number {
  const R = 8.314462618;
  const cv = (vapourPressure * molarMass) / (R * temperature * liquidDensity);
  return 4 * vapourDiffusivity * cv * radius * Math.max(0, 1 - ambientSaturation) * Math.min(1, Math.max(0, exposedFraction));
}

/**
 * Steady salt enrichment at the meniscus of a conical tip fed by the evaporative flow Q: advection
 * toward the orifice balances back-diffusion, Q c = π (r tan α)² D_s dc/dr along the cone, so
 * c_meniscus/c_bulk = exp(Pe), Pe = Q/(π D_s r_i tan α) (dimensionless).
 */
export function evaporativeEnrichment(flow: number, saltDiffusivity: number, innerRadius: number, halfAngle: number): { peclet: number; enrichment: number } {
  const peclet = flow / (Math.PI * saltDiffusivity * innerRadius * Math.tan(halfAngle));
  return { peclet, enrichment: Math.exp(Math.min(700, peclet)) };
}

/**
 * Saturated coverage of islands that nucleate on N sites per m² and stop at radius r_max (edge
 * passivation): θ_sat = 1 − exp(−π N r_max²) (Poisson germs, Boolean model; Kolmogorov 1937).
 */
export function islandSaturationCoverage(siteDensity: number, maxRadius: number): number {
  return -Math.expm1(-Math.PI * siteDensity * maxRadius * maxRadius);
}

/**
 * Radius of an island after lateral growth coordinate ΔG = ∫v dt since its nucleation, with edge
 * passivation over the length r_max: R = r_max (1 − e^{−ΔG/r_max}) (dR/dG = 1 − R/r_max), m.
 */
export function islandRadius(deltaG: number, maxRadius: number): number {
  return deltaG > 0 ? -maxRadius * Math.expm1(-deltaG / maxRadius) : 0;
}

/** Inverse of {@link islandRadius}: the ΔG needed to reach distance d < r_max (∞ beyond), m. */
export function islandGrowthToReach(distance: number, maxRadius: number): number {
  if (distance >= maxRadius) return Infinity;
  return -maxRadius * Math.log1p(-distance / maxRadius);
}

/**
 * Double-layer current on a wetted area A(t) at potential E(t): i = C_dl d[A (E − E_pzc)]/dt =
 * C_dl (A dE/dt + (E − E_pzc) dA/dt) (A); for a fixed area and a sweep at rate v: |i| = C_dl A v
 * (Bard & Faulkner §1.2). Cathodic (dE/dt < 0) negative.
 */
export function capacitiveCurrent(capacitance: number, area: number, rate: number): number {
  return capacitance * area * rate;
}
