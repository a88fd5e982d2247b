/**
 * Reference-electrode scales: potentials vs Li/Li⁺ (paper 000, 1 M LiPF6) and vs Na/Na⁺ (papers
 * 002, 003, NaPF6). The two metal references differ by their standard potentials,
 * E°(Li⁺/Li) = −3.04 V and E°(Na⁺/Na) = −2.71 V vs SHE (CRC Handbook of Chemistry and Physics,
 * "Electrochemical series"; Bard, Parsons & Jordan, *Standard Potentials in Aqueous Solution*, 1985),
 * so Na/Na⁺ lies 0.33 V above Li/Li⁺: E(vs Na/Na⁺) = E(vs Li/Li⁺) − 0.33 V.
 */

/** The reference scales seisim uses. */
export type ReferenceScale = 'Li/Li+' | 'Na/Na+' | 'SHE';

export const REFERENCE_SCALES = ['Li/Li+', 'Na/Na+', 'SHE'] as const satisfies readonly ReferenceScale[];

/** Standard potential of each reference vs SHE (V), rounded as tabulated (CRC; Bard et al. 1985). */
export function referencePotentialVsShe(scale: ReferenceScale): number {
  switch (scale) {
    case 'Li/Li+':
      return -3.04;
    case 'Na/Na+':
      return -2.71;
    case 'SHE':
      return 0;
    default: {
      const never: never = scale;
      throw new Error(`unknown reference scale ${String(never)}`);
    }
  }
}

/** Offset of Na/Na⁺ above Li/Li⁺: E°(Na⁺/Na) − E°(Li⁺/Li) = 0.33 V. */
export const NA_ABOVE_LI = referencePotentialVsShe('Na/Na+') - referencePotentialVsShe('Li/Li+');

/**
 * Convert an electrode potential between reference scales.
 *
 * Equation: E_to = E_from + E°_from − E°_to (all vs SHE). Units: V.
 * @example convertPotential(0.5, 'Li/Li+', 'Na/Na+') // 0.17
 */
export function convertPotential(potential: number, from: ReferenceScale, to: ReferenceScale): number {
  if (!Number.isFinite(potential)) throw new RangeError(`convertPotential: potential = ${potential} V is not finite`);
  return potential + referencePotentialVsShe(from) - referencePotentialVsShe(to);
}
