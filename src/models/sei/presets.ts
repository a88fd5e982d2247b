/**
 * Parameter set `Luchkin2020`: SEI nucleation and growth on HOPG, MCMB graphite, hard carbon and
 * NMC 111 in 1 M LiPF6 EC/DMC at 2 mV/s, after Luchkin et al., Sci. Rep. (paper 000).
 *
 * Every observable the paper reports is quoted next to the parameter that produces it. Kinetic
 * constants the paper does not give (nucleation rates, front velocities, thickening rates,
 * passivation lengths, limiting thicknesses, flank slopes) were calibrated so that the model
 * reproduces the quoted observables for the default CV (3.0 → 0.01 → 3.0 V, 2 cycles, 2 mV/s): the
 * JMAK closed form and the mean passivated thickness (analytic.ts) give the merge potential, final
 * thickness and second/first-cycle peak ratio; test/sei-preset.test.ts checks each against the
 * paper, and the in situ scenarios score the analyzers' estimates against it (group `'paper'`).
 *
 * MCMB is the one substrate whose film must also *stop* changing ("stabilized at about 0.3 V …
 * The formed SEI morphology remained stable during further cycling") while the second cycle still
 * draws a peak almost 5 times smaller. Logarithmic passivation alone cannot do both (the relief keeps
 * changing as 1/t); its layers therefore have a limiting thickness (kinetics.ts): the film settles at
 * H_c and the second-cycle current is the soluble share, which leaves the morphology unchanged.
 * Its nuclei grow as caps (flank slope 1.5) rather than columns, so that the AFM tip can follow
 * them and the coverage is not inflated by tip dilation.
 *
 * Where the task brief and the paper differ, the paper is followed (see `PAPER_NOTES`).
 */
import type { SubstrateKind } from '../substrate/sites.js';
import type { IntercalationParams } from '../electrochem/currents.js';
import type { SeiProcess } from './kinetics.js';

/** A quoted observable of paper 000: value (SI) and the sentence it comes from. */
export interface PaperValue {
  readonly value: number;
  readonly unit: string;
  readonly quote: string;
  readonly where: string;
}

/** Blister formation by gas evolution (HOPG; 000 Fig. 3(b), Fig. 5(a,b), Supplementary Fig. 1). */
export interface BlisterLaw {
  /** Blisters per area per time while E < `potential` on a cathodic sweep (1/(m² s)). */
  readonly rate: number;
  /** Potential below which gas evolution lifts blisters (V). */
  readonly potential: number;
  /** Largest lateral size (diameter) (m) and height (m) of a blister. */
  readonly maxDiameter: number;
  readonly maxHeight: number;
  readonly minDiameter: number;
  readonly minHeight: number;
  /** Time constant of a blister's inflation (s). */
  readonly inflationTime: number;
  /** Increase of the rate per unit water mass fraction: rate × (1 + waterFactor·w). */
  readonly waterFactor: number;
}

/** The scrape-off threshold of the SEI under a c-AFM tip, and the pinning that roughens the edge. */
export interface ScrapeOffLaw {
  /** Median scrape-off force F_s (N). */
  readonly force: number;
  /** σ of ln(F_threshold) across the surface: interface pinning (dimensionless). */
  readonly pinning: number;
  /** Correlation length of the pinning field (m). */
  readonly pinningLength: number;
}

/** Everything the SEI twin needs about one substrate in the Luchkin2020 set. */
export interface SubstratePreset {
  readonly substrate: SubstrateKind;
  readonly processes: readonly SeiProcess[];
  readonly blisters: BlisterLaw | null;
  readonly scrapeOff: ScrapeOffLaw | null;
  readonly intercalation: Partial<IntercalationParams>;
  /** The paper's observables for this substrate (scoring targets). */
  readonly paper: Readonly<Record<string, PaperValue>>;
}

const W = '000, "In situ SEI formation on HOPG, MCMB graphite, and hard carbon"';
const SEM = '000, "SEM characterization of SEI cross-sections"';
const SCR = '000, c-AFM scratching paragraph and Fig. 4';

/** Common quotes. */
const Q = {
  hopgOnsets: 'During the first CV cycle on HOPG, SEI was detected along step edges at 0.8 V and on the basal plane at 0.5 V (Fig. 3(c-4)).',
  hopgPeak: 'This process is associated with the first current peak at 0.8–0.3 V.',
  hopgMerge: 'At about 0.4 V the SEI merged into a uniform layer and its topography remained stable during further cycling.',
  hopgRatio: 'During the second CV (dashed line in Fig. 3(c)) the SEI morphology did not change and the 0.8–0.3 V current peak was 3 times smaller.',
  blisters: 'Apart from the SEI we observed blisters with lateral size up to 2 µm and height up to 35 nm.',
  water: 'when we used water contaminated electrolyte and observed a water reduction current peak at 1.3 V, blistering was more intense and particularly active on the cathodic cycle',
  mcmbOnset: 'On the MCMB sample the SEI nucleation was detected at about 0.9 V of the first CV cycle (Fig. 3(f-4)).',
  mcmbUniform: 'At 0.6 V the SEI formed a uniform layer, which stabilized at about 0.3 V.',
  mcmbPeak: 'The process is associated with the current peak at 1.0–0.4 V.',
  mcmbRatio: 'During the second CV (dashed line in Fig. 3(f)) the SEI morphology did not change and the current peak was almost 5 times smaller.',
  hcDeposit: 'On the HC sample distinct but loosely bound surface deposit appeared at about 1 V. It was permanently scraped off by the cantilever until a complete SEI layer was formed at about 0.4 V (Fig. 3(i-4)).',
  hcNoPeak: 'The process was associated with the gradual current increase on the stage 4 (Fig. 3(i)) without distinct anodic peak.',
  hcAnchor: 'The appearance of organic products of electrolyte reduction below 0.5 V must have enhanced adhesion and allowed SEI anchoring on the HC surface.',
  thickHopg: 'The SEI is integral with thickness about 45 nm.',
  thickHc: 'On the HC the SEI in about 90 nm thick – twice thicker than on the HOPG basal plane',
  thickMcmb: 'On the MCMB the SEI is about 90 nm thick – similar to the HC.',
  rms: 'root mean squared (Rms) roughness of the fresh in situ scanned regions of 4 × 4 µm2 of HOPG, HC, and MCMB are 0.1 nm, 1.4 nm, and 3.2 nm respectively.',
  scrape: 'The SEI was scraped off when the force reached 1.9 µN on HOPG and 4.1 µN on MCMB and on HC.',
  edges: 'the SEI readily peeled off from the HC (Fig. 4(a,b)) and from HOPG (Fig. 4(e,f)), showing smooth edge on the current maps, while on the MCMB graphite the edge was rough (Fig. 4(c,d)).',
  nmc: 'We did not observe SEI formation or any deposit on the surface in the whole 3.0–4.5 V potential range.',
} as const;

/**
 * Where the task brief and paper 000 differ, and what seisim follows (the paper):
 * - HC thickness: the brief says ~90 nm; the paper gives 90 nm from FIB-SEM (Fig. 5) and "Thickness
 *   of the delaminated SEI was about 70 nm" from AFM on delaminated regions. The preset targets the
 *   SEM value 90 nm (also the Conclusion's "90 nm vs 45 nm").
 * - MCMB onset: the brief says 0.9 V; the paper's results say "about 0.9 V" and its Conclusion
 *   "0.8–0.9 V". 0.9 V is used.
 * - HC current: the brief says "no distinct peak"; the paper writes "without distinct anodic peak"
 *   about the cathodic stage 4 — seisim scores the absence of a cathodic peak in 1.0–0.4 V.
 */
export const PAPER_NOTES = [
  'HC thickness: 90 nm (FIB-SEM, Fig. 5) is the target; AFM of delaminated SEI gave ~70 nm.',
  'MCMB onset: "about 0.9 V" (results), "0.8–0.9 V" (Conclusion); 0.9 V used.',
  'HC: "without distinct anodic peak" refers to the cathodic stage 4; scored as no distinct cathodic peak in 1.0–0.4 V.',
] as const;

const hopgProcesses: readonly SeiProcess[] = [
  {
    name: 'edge-salt-reduction',
    layer: 'inner',
    product: 'LiF',
    porosity: 0,
    nucleation: [{ site: 'hopg-step-edge', onsetPotential: 0.8, rateAtOnset: 2e14, tafelWidth: 0.2, maxRate: 1e15 }],
    lateral: { max: 0.08e-9, midPotential: 0.7, width: 0.05 },
    thickening: { max: 1.0e-9, midPotential: 0.78, width: 0.02, passivationLength: 8e-9 },
    binding: { kind: 'anchored' },
    source: `${W}: "${Q.hopgOnsets}" Earlier salt reduction at edge sites → inorganic (LiF) inner layer.`,
  },
  {
    name: 'basal-solvent-reduction',
    layer: 'outer',
    product: 'LEDC',
    porosity: 0,
    nucleation: [{ site: 'hopg-basal', onsetPotential: 0.5, rateAtOnset: 2e12, tafelWidth: 0.05, maxRate: 2e13 }],
    lateral: { max: 3.5e-9, midPotential: 0.45, width: 0.03 },
    thickening: { max: 0.16e-9, midPotential: 0.49, width: 0.03, passivationLength: 15.5e-9 },
    binding: { kind: 'anchored' },
    source: `${W}: "${Q.hopgOnsets}" "${Q.hopgMerge}" Solvent reduction on the basal plane → organic outer layer.`,
  },
];

const mcmbProcesses: readonly SeiProcess[] = [
  {
    name: 'edge-salt-reduction',
    layer: 'inner',
    product: 'LiF',
    porosity: 0,
    nucleation: [{ site: 'mcmb-edge', onsetPotential: 0.9, rateAtOnset: 1.5e11, tafelWidth: 0.06, maxRate: 3e13 }],
    lateral: { max: 0.9e-9, midPotential: 0.95, width: 0.05 },
    // Islands grow as caps (flank slope 1.5, ≈ 56°) up to the limiting thickness 78 nm (+ 12 nm
    // outer layer ≈ the paper's 90 nm); the soluble share e^{−78/8} sets the 2nd-cycle current
    // (≈ 1/5) and how fast the closed film settles (≈ 0.3 V).
    thickening: { max: 3.5e-6, midPotential: 0.9, width: 0.03, passivationLength: 8e-9, limitingThickness: 78e-9, flankSlope: 1.5 },
    binding: { kind: 'anchored' },
    source: `${W}: "${Q.mcmbOnset}" "${Q.mcmbUniform}" Edge-rich MCMB → salt reduction, "more inorganic fraction".`,
  },
  {
    name: 'solvent-reduction',
    layer: 'outer',
    product: 'LEDC',
    porosity: 0,
    nucleation: [{ site: 'mcmb-edge', onsetPotential: 0.6, rateAtOnset: 1e12, tafelWidth: 0.05, maxRate: 3e13 }],
    lateral: { max: 5e-9, midPotential: 0.5, width: 0.05 },
    thickening: { max: 8e-9, midPotential: 0.45, width: 0.04, passivationLength: 3e-9, limitingThickness: 12e-9 },
    binding: { kind: 'anchored' },
    source: `${W}: organic products at lower potential (solvent reduction). "${Q.mcmbUniform}" "The formed SEI morphology remained stable during further cycling."`,
  },
];

const hcProcesses: readonly SeiProcess[] = [
  {
    name: 'loose-salt-deposit',
    layer: 'inner',
    product: 'LiF',
    porosity: 0.3,
    nucleation: [{ site: 'hard-carbon-disordered', onsetPotential: 1.0, rateAtOnset: 2e12, tafelWidth: 0.3, maxRate: 2e12 }],
    lateral: { max: 0.2e-9, midPotential: 0.8, width: 0.1 },
    thickening: { max: 0.1e-9, midPotential: 1.0, width: 0.05, passivationLength: 12e-9 },
    binding: { kind: 'weak', anchorPotential: 0.5 },
    source: `${W}: "${Q.hcDeposit}" "${Q.hcAnchor}"`,
  },
  {
    name: 'anchoring-solvent-reduction',
    layer: 'outer',
    product: 'LEDC',
    porosity: 0,
    nucleation: [{ site: 'hard-carbon-disordered', onsetPotential: 0.5, rateAtOnset: 6e11, tafelWidth: 0.05, maxRate: 2e13 }],
    lateral: { max: 4e-9, midPotential: 0.45, width: 0.03 },
    thickening: { max: 0.23e-9, midPotential: 0.45, width: 0.05, passivationLength: 27e-9 },
    binding: { kind: 'anchored' },
    source: `${W}: "${Q.hcDeposit}" "${Q.hcAnchor}"`,
  },
];

/** The Luchkin2020 parameter set, per substrate. */
export const Luchkin2020: Readonly<Record<SubstrateKind, SubstratePreset>> = {
  hopg: {
    substrate: 'hopg',
    processes: hopgProcesses,
    blisters: {
      rate: 1.5e8,
      potential: 0.45,
      maxDiameter: 2e-6,
      maxHeight: 35e-9,
      minDiameter: 0.3e-6,
      minHeight: 5e-9,
      inflationTime: 60,
      waterFactor: 2e5,
      // rate: ≈ 0.5 blister per 16 µm² per cycle in dry electrolyte — paper 000 saw blisters in its
      // standard (dry) HOPG run ("Figure 3(b) shows the formed SEI after the first CV. Apart from the
      // SEI we observed blisters …"); the number is an assumption. waterFactor: 20 ppm water
      // quintuples it (000: "blistering was more intense").
    },
    scrapeOff: { force: 1.9e-6, pinning: 0.01, pinningLength: 30e-9 },
    intercalation: { chargeDensity: 5, insertionPotential: 0.12, extractionPotential: 0.22, width: 0.025, initialOccupancy: 0 },
    paper: {
      edgeOnset: { value: 0.8, unit: 'V', quote: Q.hopgOnsets, where: W },
      basalOnset: { value: 0.5, unit: 'V', quote: Q.hopgOnsets, where: W },
      mergePotential: { value: 0.4, unit: 'V', quote: Q.hopgMerge, where: W },
      peakWindowHigh: { value: 0.8, unit: 'V', quote: Q.hopgPeak, where: W },
      peakWindowLow: { value: 0.3, unit: 'V', quote: Q.hopgPeak, where: W },
      peakRatio: { value: 1 / 3, unit: '1', quote: Q.hopgRatio, where: W },
      thickness: { value: 45e-9, unit: 'm', quote: Q.thickHopg, where: SEM },
      rmsRoughness: { value: 0.1e-9, unit: 'm', quote: Q.rms, where: SEM },
      blisterMaxDiameter: { value: 2e-6, unit: 'm', quote: Q.blisters, where: W },
      blisterMaxHeight: { value: 35e-9, unit: 'm', quote: Q.blisters, where: W },
      waterPeak: { value: 1.3, unit: 'V', quote: Q.water, where: W },
      scrapeOffForce: { value: 1.9e-6, unit: 'N', quote: Q.scrape, where: SCR },
    },
  },
  mcmb: {
    substrate: 'mcmb',
    processes: mcmbProcesses,
    blisters: null,
    scrapeOff: { force: 4.1e-6, pinning: 0.25, pinningLength: 40e-9 },
    intercalation: { chargeDensity: 20, insertionPotential: 0.12, extractionPotential: 0.22, width: 0.03, initialOccupancy: 0 },
    paper: {
      onset: { value: 0.9, unit: 'V', quote: Q.mcmbOnset, where: W },
      uniformPotential: { value: 0.6, unit: 'V', quote: Q.mcmbUniform, where: W },
      stablePotential: { value: 0.3, unit: 'V', quote: Q.mcmbUniform, where: W },
      peakWindowHigh: { value: 1.0, unit: 'V', quote: Q.mcmbPeak, where: W },
      peakWindowLow: { value: 0.4, unit: 'V', quote: Q.mcmbPeak, where: W },
      peakRatio: { value: 1 / 5, unit: '1', quote: Q.mcmbRatio, where: W },
      thickness: { value: 90e-9, unit: 'm', quote: Q.thickMcmb, where: SEM },
      rmsRoughness: { value: 3.2e-9, unit: 'm', quote: Q.rms, where: SEM },
      scrapeOffForce: { value: 4.1e-6, unit: 'N', quote: Q.scrape, where: SCR },
    },
  },
  'hard-carbon': {
    substrate: 'hard-carbon',
    processes: hcProcesses,
    blisters: null,
    scrapeOff: { force: 4.1e-6, pinning: 0.01, pinningLength: 30e-9 },
    intercalation: { chargeDensity: 15, insertionPotential: 0.35, extractionPotential: 0.5, width: 0.15, initialOccupancy: 0 },
    paper: {
      depositOnset: { value: 1.0, unit: 'V', quote: Q.hcDeposit, where: W },
      completePotential: { value: 0.4, unit: 'V', quote: Q.hcDeposit, where: W },
      anchorPotential: { value: 0.5, unit: 'V', quote: Q.hcAnchor, where: W },
      peakWindowHigh: { value: 1.0, unit: 'V', quote: Q.hcDeposit, where: W },
      peakWindowLow: { value: 0.4, unit: 'V', quote: Q.hcDeposit, where: W },
      distinctPeak: { value: 0, unit: '1', quote: Q.hcNoPeak, where: W },
      thickness: { value: 90e-9, unit: 'm', quote: Q.thickHc, where: SEM },
      rmsRoughness: { value: 1.4e-9, unit: 'm', quote: Q.rms, where: SEM },
      scrapeOffForce: { value: 4.1e-6, unit: 'N', quote: Q.scrape, where: SCR },
    },
  },
  nmc111: {
    substrate: 'nmc111',
    processes: [],
    blisters: null,
    scrapeOff: null,
    // NMC 111 delithiates on the anodic sweep from 3.0 V: Li occupancy starts full.
    intercalation: { chargeDensity: 10, insertionPotential: 3.68, extractionPotential: 3.78, width: 0.05, initialOccupancy: 1 },
    paper: {
      noSei: { value: 0, unit: '1', quote: Q.nmc, where: '000, "In situ AFM investigation of NMC 111 surface during cycling"' },
    },
  },
};

/** The quotes used in the preset (for reports). */
export const LUCHKIN2020_QUOTES = Q;
