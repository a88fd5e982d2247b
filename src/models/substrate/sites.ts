/**
 * Site classes of the electrode surfaces in Luchkin et al. (paper 000): the surface sites on which
 * the SEI nucleates at different potentials, and the substrates built from them.
 *
 * Paper 000, "In situ SEI formation on HOPG, MCMB graphite, and hard carbon": "Its freshly cleaved
 * surface … is the graphite basal plane with small fraction of edge sites along step edges"; "the
 * MCMB graphite particle is a mixture of nanosized regions with different orientations, the edge to
 * basal sites ratio on the surface is much larger than on HOPG"; "disordered structure of hard
 * carbon facilitates its electrocatalitic activity"; and the NMC 111 positive electrode (section
 * "In situ AFM investigation of NMC 111 surface during cycling").
 */

/** The site classes; the index in {@link SITE_CLASSES} is the code stored in site maps. */
export type SiteClass = 'hopg-basal' | 'hopg-step-edge' | 'mcmb-edge' | 'hard-carbon-disordered' | 'nmc111-oxide';

/** All site classes in code order (site-map code = index). */
export const SITE_CLASSES = ['hopg-basal', 'hopg-step-edge', 'mcmb-edge', 'hard-carbon-disordered', 'nmc111-oxide'] as const satisfies readonly SiteClass[];

/** The substrates of paper 000 (Fig. 3 and Fig. 6). */
export type SubstrateKind = 'hopg' | 'mcmb' | 'hard-carbon' | 'nmc111';

/** All substrate kinds. */
export const SUBSTRATE_KINDS = ['hopg', 'mcmb', 'hard-carbon', 'nmc111'] as const satisfies readonly SubstrateKind[];

/** Properties of a site class that the electrochemistry needs. */
export interface SiteInfo {
  readonly label: string;
  /** Specific double-layer capacitance C_dl (F/m²). */
  readonly doubleLayerCapacitance: number;
  readonly capacitanceSource: string;
}

/** The code (0…4) of a site class in a site map (Uint8Array). */
export function siteCode(site: SiteClass): number {
  const i = (SITE_CLASSES as readonly string[]).indexOf(site);
  if (i < 0) throw new RangeError(`siteCode: unknown site class '${String(site)}' (expected one of ${SITE_CLASSES.join(', ')})`);
  return i;
}

/** The site class stored under a site-map code. Throws for an unknown code. */
export function siteFromCode(code: number): SiteClass {
  const s = SITE_CLASSES[code];
  if (s === undefined) throw new RangeError(`siteFromCode: code ${code} is not a site class (expected 0…${SITE_CLASSES.length - 1})`);
  return s;
}

/**
 * Double-layer capacitance and label of a site class.
 *
 * HOPG basal vs edge plane: Randin & Yeager, J. Electroanal. Chem. 36, 257 (1972) — about
 * 3 µF/cm² on the basal plane and 50–70 µF/cm² on the edge plane. MCMB, hard carbon and NMC are
 * not measured in paper 000; their values are assumptions between those limits (stated below).
 */
export function siteInfo(site: SiteClass): SiteInfo {
  switch (site) {
    case 'hopg-basal':
      return { label: 'HOPG basal plane', doubleLayerCapacitance: 0.03, capacitanceSource: 'Randin & Yeager, J. Electroanal. Chem. 36, 257 (1972): ~3 µF/cm² basal plane' };
    case 'hopg-step-edge':
      return { label: 'HOPG step edge', doubleLayerCapacitance: 0.6, capacitanceSource: 'Randin & Yeager 1972: 50–70 µF/cm² edge plane (60 µF/cm² taken)' };
    case 'mcmb-edge':
      return { label: 'MCMB edge-rich graphite', doubleLayerCapacitance: 0.2, capacitanceSource: 'assumption: edge/basal mixture (000 Fig. 2: D/G ratio 0.8 after polishing), 20 µF/cm²' };
    case 'hard-carbon-disordered':
      return { label: 'hard carbon, disordered', doubleLayerCapacitance: 0.1, capacitanceSource: 'assumption: disordered carbon, 10 µF/cm²' };
    case 'nmc111-oxide':
      return { label: 'NMC 111 oxide', doubleLayerCapacitance: 0.1, capacitanceSource: 'assumption: layered oxide, 10 µF/cm²' };
    default: {
      const never: never = site;
      throw new Error(`unknown site class ${String(never)}`);
    }
  }
}

/** The site classes a substrate's surface is made of (paper 000, Fig. 3 and Fig. 6). */
export function substrateSites(kind: SubstrateKind): readonly SiteClass[] {
  switch (kind) {
    case 'hopg':
      return ['hopg-basal', 'hopg-step-edge'];
    case 'mcmb':
      return ['mcmb-edge'];
    case 'hard-carbon':
      return ['hard-carbon-disordered'];
    case 'nmc111':
      return ['nmc111-oxide'];
    default: {
      const never: never = kind;
      throw new Error(`unknown substrate ${String(never)}`);
    }
  }
}
