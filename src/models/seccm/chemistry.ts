/**
 * Chemistry of the sodium SEI formed in the SECCM droplet (`003_47f56aa074086b1d.txt`): the
 * reduction reactions that build the inner layer and the deposits, with the product's molar mass,
 * density and electrons per formula unit — Faraday's law q_V = n F (1 − φ)/V_m turns film volume
 * into charge (src/models/electrochem/faraday.ts holds the Li products of paper 000; these are
 * their Na counterparts).
 *
 * 003 on composition: "The chemical composition of the SEI microspot shows deposits of NaF, NaCl
 * and Na2O" (ToF-SIMS, diglyme); "In the diglyme-based electrolyte, the composition of the SEI
 * contains mainly sodium alkoxides rather than NaF, which is the dominant species in
 * carbonate-based electrolytes with FEC"; the thin layer "we assume is inorganic in nature … most
 * likely species like NaF"; the deposits' adhesion "is in agreement with the hydrophilic-hydrophilic
 * interaction of organic compounds formed in the presence of FEC".
 */
import { productChargePerVolume, type ProductInfo } from '../electrochem/faraday.js';

/** The SEI-forming reactions of the two electrolytes of 003. */
export type NaSeiReaction = 'fec-defluorination' | 'pf6-reduction' | 'carbonate-solvent-reduction' | 'diglyme-reduction';
export const NA_SEI_REACTIONS = ['fec-defluorination', 'pf6-reduction', 'carbonate-solvent-reduction', 'diglyme-reduction'] as const satisfies readonly NaSeiReaction[];

/**
 * Product of a reaction: molar mass (kg/mol), density (kg/m³), electrons per formula unit.
 *
 * Molar masses from IUPAC 2021 standard atomic weights; densities: NaF 2.558 g/cm³ (CRC Handbook);
 * sodium ethylene dicarbonate (CH2OCO2Na)2 has no tabulated density — 1.7 g/cm³ assumed, as for the
 * Li alkyl carbonates (src/models/electrochem/faraday.ts); sodium methoxide 1.3 g/cm³ assumed.
 * Electron counts: FEC + e⁻ + Na⁺ → NaF + vinylene-carbonate radical (one electron per fluoride;
 * Michan, Leskes & Grey, Chem. Mater. 28, 385 (2016), for Li); NaPF6 + 2e⁻ + 2Na⁺ → 3 NaF + PF3
 * (2/3 e⁻ per NaF); 2 EC + 2e⁻ + 2Na⁺ → (CH2OCO2Na)2 + C2H4 (2 e⁻); diglyme + e⁻ + Na⁺ → CH3ONa +
 * radical (one electron per alkoxide).
 */
export function naReactionProduct(reaction: NaSeiReaction): ProductInfo {
  switch (reaction) {
    case 'fec-defluorination':
      return { formula: 'NaF', molarMass: 41.988e-3, density: 2558, electronsPerFormulaUnit: 1, reaction: 'FEC + e⁻ + Na⁺ → NaF + C3H3O3•', source: 'CRC Handbook (ρ NaF); Michan et al. 2016 (reaction, Li analogue)' };
    case 'pf6-reduction':
      return { formula: 'NaF', molarMass: 41.988e-3, density: 2558, electronsPerFormulaUnit: 2 / 3, reaction: 'NaPF6 + 2e⁻ + 2Na⁺ → 3 NaF + PF3', source: 'CRC Handbook (ρ NaF); Aurbach 1999 (reaction, Li analogue)' };
    case 'carbonate-solvent-reduction':
      return { formula: '(CH2OCO2Na)2', molarMass: 194.05e-3, density: 1700, electronsPerFormulaUnit: 2, reaction: '2 EC + 2e⁻ + 2Na⁺ → (CH2OCO2Na)2 + C2H4', source: 'Xu, Chem. Rev. 104, 4303 (2004) (reaction, Li analogue); ρ = 1.7 g/cm³ assumed' };
    case 'diglyme-reduction':
      return { formula: 'CH3ONa', molarMass: 54.024e-3, density: 1300, electronsPerFormulaUnit: 1, reaction: 'CH3O(C2H4O)2CH3 + e⁻ + Na⁺ → CH3ONa + •C2H4OC2H4OCH3', source: '003: "mainly sodium alkoxides"; ρ = 1.3 g/cm³ assumed' };
    default: {
      const never: never = reaction;
      throw new Error(`unknown SEI reaction ${String(never)}`);
    }
  }
}

/**
 * Charge per unit volume of film built by a reaction, q_V = n F (1 − φ) ρ/M (C/m³).
 * @example naChargePerVolume('fec-defluorination', 0) // ≈ 5.88e9 C/m³
 */
export function naChargePerVolume(reaction: NaSeiReaction, porosity: number): number {
  return productChargePerVolume(naReactionProduct(reaction), porosity);
}
