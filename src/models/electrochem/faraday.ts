/**
 * Faraday's law for the SEI: the charge that reduces electrolyte is the film that builds.
 *
 * Q = n F (1 − φ) V / V_m, with n electrons per formula unit of the product, V_m = M/ρ its molar
 * volume, φ the film porosity and V the film volume (Faraday's law; Bard & Faulkner §1.3). The
 * reactions are those paper 000 names for the two SEI layers: "Earlier salt reduction at the edge
 * plane favors larger content of inorganic components such as LiF, Li2O, and Li2CO3", "Preferential
 * solvent reduction on the basal plane at lower potential … determines larger organic content".
 */

/** Faraday constant F (C/mol), CODATA 2018 (exact: N_A·e). */
export const FARADAY = 96485.33212;
/** Molar gas constant R (J/(mol K)), CODATA 2018 (exact). */
export const GAS_CONSTANT = 8.314462618;

/** SEI products seisim knows. */
export type SeiProduct = 'LiF' | 'Li2CO3' | 'Li2O' | 'LEDC';

export const SEI_PRODUCTS = ['LiF', 'Li2CO3', 'Li2O', 'LEDC'] as const satisfies readonly SeiProduct[];

/** Chemistry of one SEI product. */
export interface ProductInfo {
  readonly formula: string;
  /** Molar mass M (kg/mol). */
  readonly molarMass: number;
  /** Density ρ (kg/m³). */
  readonly density: number;
  /** Electrons transferred per formula unit formed, n. */
  readonly electronsPerFormulaUnit: number;
  readonly reaction: string;
  readonly source: string;
}

/**
 * Molar mass, density and electron count of an SEI product.
 *
 * Densities: CRC Handbook of Chemistry and Physics (LiF 2.635, Li2CO3 2.11, Li2O 2.013 g/cm³);
 * LEDC has no tabulated density — 1.7 g/cm³ is an assumption in the range of lithium alkyl
 * carbonates. Reactions: Aurbach et al., Electrochim. Acta 45, 67 (1999); Xu, Chem. Rev. 104, 4303
 * (2004).
 */
export function productInfo(product: SeiProduct): ProductInfo {
  switch (product) {
    case 'LiF':
      return { formula: 'LiF', molarMass: 25.939e-3, density: 2635, electronsPerFormulaUnit: 2 / 3, reaction: 'LiPF6 + 2Li⁺ + 2e⁻ → 3 LiF + PF3 (salt reduction)', source: 'CRC Handbook (ρ); Aurbach 1999, Xu 2004 (reaction)' };
    case 'Li2CO3':
      return { formula: 'Li2CO3', molarMass: 73.891e-3, density: 2110, electronsPerFormulaUnit: 2, reaction: 'EC + 2Li⁺ + 2e⁻ → Li2CO3 + C2H4', source: 'CRC Handbook (ρ); Aurbach 1999 (reaction)' };
    case 'Li2O':
      return { formula: 'Li2O', molarMass: 29.881e-3, density: 2013, electronsPerFormulaUnit: 2, reaction: 'Li2CO3 + 2Li⁺ + 2e⁻ → Li2O + CO', source: 'CRC Handbook (ρ); Aurbach 1999 (reaction)' };
    case 'LEDC':
      return { formula: '(CH2OCO2Li)2', molarMass: 161.94e-3, density: 1700, electronsPerFormulaUnit: 2, reaction: '2 EC + 2Li⁺ + 2e⁻ → (CH2OCO2Li)2 + C2H4 (solvent reduction)', source: 'Aurbach 1999, Xu 2004 (reaction); ρ = 1.7 g/cm³ assumed' };
    default: {
      const never: never = product;
      throw new Error(`unknown SEI product ${String(never)}`);
    }
  }
}

/** Molar volume V_m = M/ρ (m³/mol). */
export function molarVolume(product: SeiProduct): number {
  const p = productInfo(product);
  return p.molarMass / p.density;
}

/**
 * Charge per unit film volume, q_V = n F (1 − φ)/V_m (C/m³).
 * @example chargePerVolume('Li2CO3', 0) // ≈ 5.51e9 C/m³
 */
export function chargePerVolume(product: SeiProduct, porosity: number): number {
  return productChargePerVolume(productInfo(product), porosity);
}

/**
 * Faraday's law for any product: q_V = n F (1 − φ) ρ/M (C/m³), n electrons per formula unit,
 * φ the porosity of the film (shared by the Li products above and the Na products of SECCM).
 */
export function productChargePerVolume(p: ProductInfo, porosity: number): number {
  if (!Number.isFinite(porosity) || porosity < 0 || porosity >= 1) throw new RangeError(`chargePerVolume: porosity = ${porosity}: expected in [0, 1)`);
  return (p.electronsPerFormulaUnit * FARADAY * (1 - porosity) * p.density) / p.molarMass;
}
