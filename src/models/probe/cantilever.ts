/**
 * Rectangular AFM cantilever from geometry and material: flexural, torsional and lateral stiffness,
 * vacuum resonances of the first flexural and torsional modes.
 *
 * Beam theory: Euler–Bernoulli for bending (Sader et al., Rev. Sci. Instrum. 70, 3967 (1999),
 * Eq. 1; Sader, J. Appl. Phys. 84, 64 (1998), Eq. 2), Saint-Venant torsion of a rectangular bar
 * with Roark's finite-width torsion constant (Young & Budynas, *Roark's Formulas for Stress and
 * Strain*, 7th ed., Table 10.7 case 4), and the lateral stiffness at the tip apex as torsion and
 * sideways bending in series (Lantz et al., Phys. Rev. B 55, 10776 (1997), Eq. 1–3).
 * The tip's own bending and the contact stiffness are not included.
 */
import { resolveParams, type ParamTable, type ParamValues } from '../params.js';
import { clampedFreeRoot, flexuralSpringConstantClosedForm } from './analytic.js';

/** Parameter table of a rectangular cantilever (SI). Defaults: a silicon lever, 125 × 30 × 2 µm. */
export const CANTILEVER = {
  length: { unit: 'm', min: 1e-6, max: 1e-3, default: 125e-6, doc: 'beam length L (clamp to tip)' },
  width: { unit: 'm', min: 1e-7, max: 2e-4, default: 30e-6, doc: 'beam width w (b in Sader 1998)' },
  thickness: { unit: 'm', min: 1e-8, max: 2e-5, default: 2e-6, doc: 'beam thickness t (h in Sader 1998)' },
  youngsModulus: {
    unit: 'Pa',
    min: 1e9,
    max: 2e12,
    default: 169e9,
    doc: "Young's modulus E of the beam material",
    source: 'Si along [110]: Hopcroft, Nix & Kenny, J. MEMS 19, 229 (2010)',
  },
  shearModulus: {
    unit: 'Pa',
    min: 1e8,
    max: 1e12,
    default: 50.9e9,
    doc: 'shear modulus G of the beam material (torsion)',
    source: 'Si, [110] beam on a (100) wafer: Hopcroft, Nix & Kenny, J. MEMS 19, 229 (2010)',
  },
  density: { unit: 'kg/m^3', min: 100, max: 25000, default: 2329, doc: 'beam density ρ_c', source: 'Si, CRC Handbook' },
  tipHeight: { unit: 'm', min: 0, max: 1e-4, default: 12e-6, doc: 'tip height h_tip (apex to beam underside)' },
} as const satisfies ParamTable;

/** Resolved SI values of a cantilever. */
export type Cantilever = ParamValues<typeof CANTILEVER>;

/** Validate and fill defaults of a (partial) cantilever; throws a ParamError naming every problem. */
export function makeCantilever(values: Partial<Cantilever> = {}): Cantilever {
  const c = resolveParams(CANTILEVER, values);
  if (c.thickness >= c.width) {
    throw new RangeError(`cantilever: thickness = ${c.thickness} m must be smaller than width = ${c.width} m (beam formulas assume t < w)`);
  }
  if (c.width >= c.length) throw new RangeError(`cantilever: width = ${c.width} m must be smaller than length = ${c.length} m (slender-beam theory)`);
  return c;
}

/**
 * Static flexural spring constant at the free end.
 *
 * Equation: k = E w t³ / (4 L³) (Euler–Bernoulli; Sader et al. 1999, Eq. 1). Units: N/m.
 * @example flexuralSpringConstant(makeCantilever()) // 5.07 N/m for the default 125×30×2 µm Si lever
 */
export function flexuralSpringConstant(c: Cantilever): number {
  return flexuralSpringConstantClosedForm(c.youngsModulus, c.width, c.thickness, c.length);
}

/**
 * Saint-Venant torsion constant J of a w × t rectangle (w > t) with Roark's finite-width correction.
 *
 * Equation: J = w t³ [1/3 − 0.21 (t/w)(1 − t⁴/(12 w⁴))] (Roark 7th ed., Table 10.7 case 4, with
 * 2a = w, 2b = t); → w t³/3 for w ≫ t. Units: m⁴.
 */
export function torsionConstant(c: Pick<Cantilever, 'width' | 'thickness'>): number {
  const r = c.thickness / c.width;
  return c.width * c.thickness ** 3 * (1 / 3 - 0.21 * r * (1 - r ** 4 / 12));
}

/**
 * Torsional spring constant of the beam (torque per twist angle at the free end).
 *
 * Equation: k_φ = G J / L, J from {@link torsionConstant} (= G w t³/(3L) for w ≫ t; Green et al.,
 * Rev. Sci. Instrum. 75, 1988 (2004), Eq. 2). Units: N·m/rad.
 */
export function torsionalSpringConstant(c: Cantilever): number {
  return (c.shearModulus * torsionConstant(c)) / c.length;
}

/**
 * Effective lever arm of a lateral force at the tip apex about the beam's torsion axis:
 * h_eff = h_tip + t/2 (apex to the beam's mid-plane). Units: m.
 */
export function effectiveTipHeight(c: Cantilever): number {
  return c.tipHeight + c.thickness / 2;
}

/**
 * Lateral stiffness at the tip apex: twist of the beam and sideways (in-plane) bending in series.
 *
 * Equations: k_lat,tors = k_φ / h_eff²; k_lat,bend = E t w³ / (4 L³); 1/k_lat = 1/k_lat,tors +
 * 1/k_lat,bend (Lantz et al., Phys. Rev. B 55, 10776 (1997), Eq. 1–3; tip bending not included).
 * Units: N/m.
 */
export function lateralSpringConstant(c: Cantilever): { torsional: number; bending: number; total: number } {
  const h = effectiveTipHeight(c);
  const torsional = h > 0 ? torsionalSpringConstant(c) / (h * h) : Infinity;
  const bending = (c.youngsModulus * c.thickness * c.width ** 3) / (4 * c.length ** 3);
  const total = 1 / (1 / torsional + 1 / bending);
  return { torsional, bending, total };
}

/**
 * Flexural resonance of mode n in vacuum.
 *
 * Equation: f_n = (α_n²/2π) √(E I/(ρ A L⁴)), I = w t³/12, A = w t (Sader 1998, Eq. 2). Units: Hz.
 */
export function flexuralResonanceVacuum(c: Cantilever, mode = 1): number {
  const a = clampedFreeRoot(mode);
  const I = (c.width * c.thickness ** 3) / 12;
  const A = c.width * c.thickness;
  return ((a * a) / (2 * Math.PI)) * Math.sqrt((c.youngsModulus * I) / (c.density * A * c.length ** 4));
}

/**
 * First torsional resonance in vacuum of a uniform clamped–free bar (tip mass neglected).
 *
 * Equation: f_t = (1/(4L)) √(G J /(ρ I_p)), I_p = w t (w² + t²)/12 the polar second moment of the
 * cross-section (ω_n = (2n−1)π/(2L) √(GJ/(ρI_p)); Green & Sader, J. Appl. Phys. 92, 6262 (2002),
 * Eq. 2 with the exact I_p). Units: Hz.
 */
export function torsionalResonanceVacuum(c: Cantilever, mode = 1): number {
  if (!Number.isInteger(mode) || mode < 1) throw new RangeError(`torsionalResonanceVacuum: mode = ${mode} must be an integer >= 1`);
  const Ip = (c.width * c.thickness * (c.width ** 2 + c.thickness ** 2)) / 12;
  return ((2 * mode - 1) / (4 * c.length)) * Math.sqrt((c.shearModulus * torsionConstant(c)) / (c.density * Ip));
}

/** Mass per unit length μ = ρ_c w t of the beam. Units: kg/m. */
export function massPerLength(c: Cantilever): number {
  return c.density * c.width * c.thickness;
}

/**
 * Solve the thickness and length of a rectangular beam of given width and material that has a
 * nominal spring constant k and vacuum resonance f₀ (for presets where a paper quotes only k, f₀).
 *
 * Equations: f₀ = c_f t/L² with c_f = (α₁²/2π)√(E/(12ρ)); k = E w t³/(4L³) ⇒
 * t^{3/2} = 4 k c_f^{3/2} / (E w f₀^{3/2}), L = √(c_f t / f₀). Units: k [N/m], f₀ [Hz], w [m].
 */
export function solveCantileverGeometry(
  k: number,
  f0: number,
  width: number,
  material: Pick<Cantilever, 'youngsModulus' | 'density'>,
): { length: number; thickness: number } {
  for (const [name, v] of [['k', k], ['f0', f0], ['width', width]] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`solveCantileverGeometry: ${name} = ${v} must be finite and > 0`);
  }
  const a = clampedFreeRoot(1);
  const cf = ((a * a) / (2 * Math.PI)) * Math.sqrt(material.youngsModulus / (12 * material.density));
  const t = ((4 * k * cf ** 1.5) / (material.youngsModulus * width * f0 ** 1.5)) ** (2 / 3);
  const L = Math.sqrt((cf * t) / f0);
  return { length: L, thickness: t };
}

/** All derived mechanical properties of a cantilever in one record (SI). */
export interface CantileverProperties {
  /** Static flexural spring constant k [N/m]. */
  readonly springConstant: number;
  /** Torsional spring constant k_φ [N·m/rad]. */
  readonly torsionalSpringConstant: number;
  /** Lateral stiffness at the apex (torsion ‖ bending in series) [N/m]. */
  readonly lateralSpringConstant: number;
  /** First flexural resonance in vacuum [Hz]. */
  readonly flexuralResonanceVacuum: number;
  /** First torsional resonance in vacuum [Hz]. */
  readonly torsionalResonanceVacuum: number;
  /** Mass per unit length [kg/m]. */
  readonly massPerLength: number;
}

/** Derived properties of a cantilever (see the individual functions for equations and sources). */
export function cantileverProperties(c: Cantilever): CantileverProperties {
  return {
    springConstant: flexuralSpringConstant(c),
    torsionalSpringConstant: torsionalSpringConstant(c),
    lateralSpringConstant: lateralSpringConstant(c).total,
    flexuralResonanceVacuum: flexuralResonanceVacuum(c),
    torsionalResonanceVacuum: torsionalResonanceVacuum(c),
    massPerLength: massPerLength(c),
  };
}
