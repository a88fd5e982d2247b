/**
 * Closed forms of elastic and adhesive contact mechanics for AFM tips (SI units throughout; E* is
 * the reduced modulus of {@link reducedModulus}).
 *
 * - Hertz, paraboloid of radius R: F = (4/3) E* √R δ^{3/2}, a = √(Rδ) (Johnson 1985, §4.2).
 * - DMT: F = (4/3) E* √R δ^{3/2} − 2πRW; pull-off 2πRW (Derjaguin, Muller & Toporov, J. Colloid
 *   Interface Sci. 53, 314 (1975)); this is the model of `001_dcd3febb321b6196.txt` §2.1
 *   ("F − Fadh … R is the tip end radius, and (d − d0) is the deformation of the sample").
 * - JKR, parametric in the contact radius a: F = 4E*a³/(3R) − √(8πW E* a³),
 *   δ = a²/R − √(2πWa/E*); pull-off under load control 3πRW/2 (Johnson, Kendall & Roberts, Proc. R.
 *   Soc. A 324, 301 (1971); Maugis, J. Colloid Interface Sci. 150, 243 (1992), Eq. for κ = ∞).
 * - Sneddon cone of half-angle θ: F = (2/π) E* tan θ δ² (Sneddon, Int. J. Eng. Sci. 3, 47 (1965)).
 * - Four-sided pyramid of face half-angle α: F = 0.7453 E* tan α δ² (Bilodeau, J. Appl. Mech. 59,
 *   519 (1992)).
 * - Flat punch of radius a: F = 2 E* a δ (Sneddon 1965).
 * - Thin film of thickness h on a rigid substrate, paraboloid: Dimitriadis et al., Biophys. J. 82,
 *   2798 (2002), Eq. 11 (general ν) with χ = √(Rδ)/h.
 * - Sphere–plane van der Waals force F = −HR/(6D²) (Israelachvili, *Intermolecular and Surface
 *   Forces*, 3rd ed., Eq. 13.11), matched to DMT at the cutoff D₀ by W = H/(12π D₀²) (ibid. §13.6).
 */
import { BILODEAU_PYRAMID_COEFFICIENT } from '../probe/tip.js';

/**
 * Hertz force of a paraboloid indenting an elastic half-space.
 *
 * Equation: F = (4/3) E* √R δ^{3/2} for δ ≥ 0, 0 otherwise (Johnson 1985, Eq. 4.23). Units: E* [Pa],
 * R [m], δ [m] → F [N].
 * @example hertzForce(1e9, 10e-9, 1e-9) // 4.216e-9 N
 */
export function hertzForce(reducedModulus: number, radius: number, indentation: number): number {
  if (indentation <= 0) return 0;
  return (4 / 3) * reducedModulus * Math.sqrt(radius) * indentation ** 1.5;
}

/**
 * Hertz indentation at load F (inverse of {@link hertzForce}).
 *
 * Equation: δ = (3F/(4E*√R))^{2/3}. Units: m.
 */
export function hertzIndentation(reducedModulus: number, radius: number, force: number): number {
  if (force <= 0) return 0;
  return ((3 * force) / (4 * reducedModulus * Math.sqrt(radius))) ** (2 / 3);
}

/**
 * DMT adhesion (pull-off) force of a paraboloid.
 *
 * Equation: F_adh = 2πRW (Derjaguin, Muller & Toporov 1975). Units: R [m], W [J/m²] → N.
 * @example dmtPullOff(8e-9, 0.378) // 1.9e-8 N (19 nN, the pristine HC adhesion of 003 Fig. S4)
 */
export function dmtPullOff(radius: number, adhesionWork: number): number {
  return 2 * Math.PI * radius * adhesionWork;
}

/**
 * DMT force in contact: Hertz repulsion offset by the constant adhesion.
 *
 * Equation: F = (4/3) E* √R δ^{3/2} − 2πRW, δ ≥ 0 (DMT 1975; `001_dcd3febb321b6196.txt` §2.1). Units: N.
 */
export function dmtForce(reducedModulus: number, radius: number, adhesionWork: number, indentation: number): number {
  return hertzForce(reducedModulus, radius, indentation) - dmtPullOff(radius, adhesionWork);
}

/**
 * JKR load and indentation as functions of the contact radius a (the parametric "a-form").
 *
 * Equations: F(a) = 4E*a³/(3R) − √(8πW E* a³); δ(a) = a²/R − √(2πWa/E*) (Johnson et al. 1971;
 * Maugis 1992). Units: a [m] → F [N], δ [m].
 */
export function jkrAtContactRadius(reducedModulus: number, radius: number, adhesionWork: number, a: number): { force: number; indentation: number } {
  return {
    force: (4 * reducedModulus * a ** 3) / (3 * radius) - Math.sqrt(8 * Math.PI * adhesionWork * reducedModulus * a ** 3),
    indentation: (a * a) / radius - Math.sqrt((2 * Math.PI * adhesionWork * a) / reducedModulus),
  };
}

/**
 * JKR pull-off force under load control (soft cantilever).
 *
 * Equation: F_c = (3/2)πRW, reached at a_c = (9πWR²/(8E*))^{1/3} where dF/da = 0 (Johnson et al.
 * 1971). Units: N.
 * @example jkrPullOff(10e-9, 0.1) // 4.712e-9 N
 */
export function jkrPullOff(radius: number, adhesionWork: number): number {
  return 1.5 * Math.PI * radius * adhesionWork;
}

/**
 * Contact radius at which the JKR load is minimal (load-controlled pull-off).
 *
 * Equation: a_c = (9πWR²/(8E*))^{1/3}. Units: m.
 */
export function jkrPullOffContactRadius(reducedModulus: number, radius: number, adhesionWork: number): number {
  return Math.cbrt((9 * Math.PI * adhesionWork * radius * radius) / (8 * reducedModulus));
}

/**
 * Contact radius at which the JKR indentation is minimal (displacement-controlled pull-off, rigid
 * cantilever), where the load is −(5/6)πRW.
 *
 * Equation: a_δ = (πWR²/(8E*))^{1/3} = a_c/9^{1/3} (Maugis 1992). Units: m.
 */
export function jkrMinIndentationContactRadius(reducedModulus: number, radius: number, adhesionWork: number): number {
  return Math.cbrt((Math.PI * adhesionWork * radius * radius) / (8 * reducedModulus));
}

/**
 * JKR contact radius at load F on the stable branch (a ≥ a_c), from the quadratic in s = a^{3/2}.
 *
 * Equation: (4E* /(3R)) s² − √(8πWE*) s − F = 0 ⇒ s = [√(8πWE*) + √(8πWE* + 16E*F/(3R))]/(8E* /(3R)),
 * valid for F ≥ −(3/2)πRW. Units: m.
 */
export function jkrContactRadiusAtForce(reducedModulus: number, radius: number, adhesionWork: number, force: number): number {
  const A = (4 * reducedModulus) / (3 * radius);
  const B = Math.sqrt(8 * Math.PI * adhesionWork * reducedModulus);
  const disc = B * B + 4 * A * force;
  if (disc < 0) return NaN;
  const s = (B + Math.sqrt(disc)) / (2 * A);
  return s ** (2 / 3);
}

/**
 * Sneddon's force for a rigid cone of half-angle θ.
 *
 * Equation: F = (2/π) E* tan θ δ² (Sneddon 1965). Units: N.
 */
export function sneddonConeForce(reducedModulus: number, halfAngle: number, indentation: number): number {
  if (indentation <= 0) return 0;
  return (2 / Math.PI) * reducedModulus * Math.tan(halfAngle) * indentation * indentation;
}

/**
 * Bilodeau's force for a rigid four-sided pyramid of face half-angle α.
 *
 * Equation: F = 0.7453 E* tan α δ² (Bilodeau 1992). Units: N.
 */
export function pyramidForce(reducedModulus: number, faceAngle: number, indentation: number): number {
  if (indentation <= 0) return 0;
  return BILODEAU_PYRAMID_COEFFICIENT * reducedModulus * Math.tan(faceAngle) * indentation * indentation;
}

/**
 * Flat-punch (cylinder) force.
 *
 * Equation: F = 2 E* a δ (Sneddon 1965; Johnson 1985, Eq. 3.35). Units: N.
 */
export function flatPunchForce(reducedModulus: number, punchRadius: number, indentation: number): number {
  if (indentation <= 0) return 0;
  return 2 * reducedModulus * punchRadius * indentation;
}

/** How a thin film is attached to its rigid substrate (Dimitriadis et al. 2002). */
export type FilmAttachment = 'bonded' | 'nonbonded';

/**
 * Coefficients c₁…c₄ of the Dimitriadis thin-film correction f(χ) = 1 + c₁χ + c₂χ² + c₃χ³ + c₄χ⁴
 * for a paraboloid on a film of Poisson ratio ν on a rigid substrate.
 *
 * Equations (Dimitriadis et al., Biophys. J. 82, 2798 (2002), Eq. 11):
 *   c₁ = −2α₀/π, c₂ = 4α₀²/π², c₃ = −(8/π³)(α₀³ + 4π²β₀/15), c₄ = (16α₀/π⁴)(α₀³ + 3π²β₀/5);
 *   bonded:     α₀ = −(1.2876 − 1.4678ν + 1.3442ν²)/(1 − ν), β₀ = (0.6387 − 1.0277ν + 1.5164ν²)/(1 − ν);
 *   non-bonded: α₀ = −0.347(3 − 2ν)/(1 − ν),              β₀ = 0.056(5 − 2ν)/(1 − ν).
 * For ν = 0.5 these give (bonded) 1.133, 1.283, 0.769, −0.0975 and (non-bonded) 0.884, 0.781,
 * 0.386, 0.0048. The ν = 0.5 bonded polynomial as usually quoted (Eq. 12) has +0.0975 for c₄; the
 * general form is implemented here as written, and the two differ by < 0.2 % of F for χ ≤ 0.4 and by
 * 4.6 % at χ = 1, the edge of the expansion's validity (χ ≲ 1). Dimensionless.
 * @param poissonRatio ν of the film, in (−1, 0.5]
 */
export function dimitriadisCoefficients(poissonRatio: number, attachment: FilmAttachment): [number, number, number, number] {
  if (!Number.isFinite(poissonRatio) || poissonRatio <= -1 || poissonRatio > 0.5) {
    throw new RangeError(`dimitriadisCoefficients: poissonRatio = ${poissonRatio} must be in (-1, 0.5]`);
  }
  const nu = poissonRatio;
  let a0: number;
  let b0: number;
  switch (attachment) {
    case 'bonded':
      a0 = -(1.2876 - 1.4678 * nu + 1.3442 * nu * nu) / (1 - nu);
      b0 = (0.6387 - 1.0277 * nu + 1.5164 * nu * nu) / (1 - nu);
      break;
    case 'nonbonded':
      a0 = (-0.347 * (3 - 2 * nu)) / (1 - nu);
      b0 = (0.056 * (5 - 2 * nu)) / (1 - nu);
      break;
    default: {
      const never: never = attachment;
      throw new Error(`unknown film attachment ${String(never)}`);
    }
  }
  const pi = Math.PI;
  return [
    (-2 * a0) / pi,
    (4 * a0 * a0) / (pi * pi),
    -(8 / pi ** 3) * (a0 ** 3 + ((4 * pi * pi) / 15) * b0),
    ((16 * a0) / pi ** 4) * (a0 ** 3 + ((3 * pi * pi) / 5) * b0),
  ];
}

/**
 * Dimitriadis bottom-effect factor f(χ) and its derivative df/dχ.
 *
 * Equation: f(χ) = 1 + c₁χ + c₂χ² + c₃χ³ + c₄χ⁴, χ = √(Rδ)/h ({@link dimitriadisCoefficients}).
 * Dimensionless.
 */
export function dimitriadisFactor(chi: number, coefficients: readonly [number, number, number, number]): { value: number; derivative: number } {
  const [c1, c2, c3, c4] = coefficients;
  return {
    value: 1 + chi * (c1 + chi * (c2 + chi * (c3 + chi * c4))),
    derivative: c1 + chi * (2 * c2 + chi * (3 * c3 + chi * 4 * c4)),
  };
}

/**
 * Hertz force of a paraboloid on a thin elastic film (thickness h) on a rigid substrate.
 *
 * Equation: F = (4/3) E* √R δ^{3/2} f(χ), χ = √(Rδ)/h (Dimitriadis et al. 2002, Eq. 11; E* replaces
 * E/(1 − ν²) to include the tip's compliance). h = Infinity gives Hertz. Units: N.
 */
export function hertzThinFilmForce(
  reducedModulus: number,
  radius: number,
  indentation: number,
  filmThickness: number,
  poissonRatio: number,
  attachment: FilmAttachment,
): number {
  if (indentation <= 0) return 0;
  const base = hertzForce(reducedModulus, radius, indentation);
  if (!Number.isFinite(filmThickness)) return base;
  const chi = Math.sqrt(radius * indentation) / filmThickness;
  return base * dimitriadisFactor(chi, dimitriadisCoefficients(poissonRatio, attachment)).value;
}

/** Interatomic cutoff distance D₀ = 0.165 nm at which DMT contact meets van der Waals (Israelachvili, §13.6). */
export const CONTACT_CUTOFF = 0.165e-9;

/**
 * Hamaker constant that makes the sphere–plane van der Waals force equal the DMT adhesion at D₀.
 *
 * Equation: H = 12π D₀² W (so that HR/(6D₀²) = 2πRW; Israelachvili 3rd ed., §13.6). Units: J.
 */
export function hamakerFromAdhesionWork(adhesionWork: number, cutoff = CONTACT_CUTOFF): number {
  return 12 * Math.PI * cutoff * cutoff * adhesionWork;
}

/**
 * van der Waals force between a sphere of radius R and a plane at separation D.
 *
 * Equation: F = −H R / (6 D²) (Israelachvili 3rd ed., Eq. 13.11). Units: N (negative = attractive).
 */
export function vdwSpherePlaneForce(hamaker: number, radius: number, separation: number): number {
  return (-hamaker * radius) / (6 * separation * separation);
}

/**
 * Separation below which a sphere–plane vdW force pulls a cantilever of stiffness k into contact
 * (the force gradient exceeds k).
 *
 * Equation: dF/dD = HR/(3D³) = k ⇒ D_snap = (HR/(3k))^{1/3} (Israelachvili 3rd ed., §13.7). Units: m.
 */
export function vdwSnapInDistance(hamaker: number, radius: number, springConstant: number): number {
  return Math.cbrt((hamaker * radius) / (3 * springConstant));
}
