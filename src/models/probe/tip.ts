/**
 * Tip shapes and the geometric functions contact models need: the tip profile, and the contact
 * radius and projected contact area as functions of the indentation δ.
 *
 * Shapes: paraboloid of apex radius R (Hertz); cone of half-angle θ (Sneddon, Int. J. Eng. Sci. 3,
 * 47 (1965)); four-sided pyramid of face half-angle α, treated through the cone that gives the same
 * load (Bilodeau, J. Appl. Mech. 59, 519 (1992): F = 0.7453 E* δ² tan α ⇔ tan θ_eq = (π/2)·0.7453
 * tan α); cylinder (flat punch) of radius a (Sneddon 1965).
 */

/** The tip shapes seisim knows (SI: radii in m, angles in rad). */
export type TipShape =
  | { readonly kind: 'paraboloid'; readonly radius: number }
  | { readonly kind: 'cone'; readonly halfAngle: number }
  | { readonly kind: 'pyramid'; readonly faceAngle: number }
  | { readonly kind: 'cylinder'; readonly radius: number };

/** The kinds of tip, for enumerations in scenarios. */
export const TIP_KINDS = ['paraboloid', 'cone', 'pyramid', 'cylinder'] as const;
export type TipKind = (typeof TIP_KINDS)[number];

/** Bilodeau's coefficient for a four-sided pyramid: F = 0.7453 E* δ² tan α (Bilodeau 1992). */
export const BILODEAU_PYRAMID_COEFFICIENT = 0.7453;

/** Check a tip's parameters (finite, positive radius; angle in (0, π/2)). Throws RangeError. */
export function validateTip(tip: TipShape): TipShape {
  switch (tip.kind) {
    case 'paraboloid':
    case 'cylinder':
      if (!Number.isFinite(tip.radius) || tip.radius <= 0) throw new RangeError(`tip (${tip.kind}): radius = ${tip.radius} m must be finite and > 0`);
      return tip;
    case 'cone':
      if (!Number.isFinite(tip.halfAngle) || tip.halfAngle <= 0 || tip.halfAngle >= Math.PI / 2) {
        throw new RangeError(`tip (cone): halfAngle = ${tip.halfAngle} rad must be in (0, π/2)`);
      }
      return tip;
    case 'pyramid':
      if (!Number.isFinite(tip.faceAngle) || tip.faceAngle <= 0 || tip.faceAngle >= Math.PI / 2) {
        throw new RangeError(`tip (pyramid): faceAngle = ${tip.faceAngle} rad must be in (0, π/2)`);
      }
      return tip;
    default: {
      const never: never = tip;
      throw new Error(`unknown tip ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Half-angle of the cone that carries the same Sneddon load as a four-sided pyramid of face
 * half-angle α.
 *
 * Equation: (2/π) tan θ_eq = 0.7453 tan α (Sneddon cone vs Bilodeau 1992 pyramid). Units: rad.
 * @example equivalentConeHalfAngle(35 * Math.PI / 180) // ≈ 0.686 rad (39.3°)
 */
export function equivalentConeHalfAngle(faceAngle: number): number {
  return Math.atan((Math.PI / 2) * BILODEAU_PYRAMID_COEFFICIENT * Math.tan(faceAngle));
}

/**
 * Height of the tip surface above its apex at radial distance r (axisymmetric profile; the pyramid
 * is represented by its equivalent cone).
 *
 * Equations: paraboloid r²/(2R); cone r/tan θ; cylinder 0 for r ≤ a, +∞ beyond. Units: m.
 */
export function tipProfile(tip: TipShape, r: number): number {
  const ar = Math.abs(r);
  switch (tip.kind) {
    case 'paraboloid':
      return (ar * ar) / (2 * tip.radius);
    case 'cone':
      return ar / Math.tan(tip.halfAngle);
    case 'pyramid':
      return ar / Math.tan(equivalentConeHalfAngle(tip.faceAngle));
    case 'cylinder':
      return ar <= tip.radius ? 0 : Infinity;
    default: {
      const never: never = tip;
      throw new Error(`unknown tip ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Contact radius a(δ) of the frictionless elastic contact at indentation δ ≥ 0.
 *
 * Equations: paraboloid a = √(Rδ) (Hertz); cone a = 2δ tan θ/π (Sneddon 1965); pyramid via the
 * equivalent cone; flat punch a = radius. Units: m.
 */
export function contactRadius(tip: TipShape, indentation: number): number {
  const d = Math.max(0, indentation);
  switch (tip.kind) {
    case 'paraboloid':
      return Math.sqrt(tip.radius * d);
    case 'cone':
      return (2 * d * Math.tan(tip.halfAngle)) / Math.PI;
    case 'pyramid':
      return (2 * d * Math.tan(equivalentConeHalfAngle(tip.faceAngle))) / Math.PI;
    case 'cylinder':
      return tip.radius;
    default: {
      const never: never = tip;
      throw new Error(`unknown tip ${JSON.stringify(never)}`);
    }
  }
}

/** Projected contact area π a(δ)² at indentation δ. Units: m². */
export function projectedContactArea(tip: TipShape, indentation: number): number {
  const a = contactRadius(tip, indentation);
  return Math.PI * a * a;
}
