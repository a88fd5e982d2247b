/**
 * SEI formation processes and their potential-dependent rate laws (paper 000).
 *
 * A process is one reduction reaction that builds one layer: it nucleates on given site classes
 * below an onset potential, grows laterally from its nuclei (2D growth, JMAK) and thickens where it
 * covers the surface, passivating itself. Paper 000: "SEI was detected along step edges at 0.8 V and
 * on the basal plane at 0.5 V … At about 0.4 V the SEI merged into a uniform layer"; "Earlier salt
 * reduction at the edge plane favors larger content of inorganic components … Preferential solvent
 * reduction on the basal plane at lower potential … determines larger organic content".
 *
 * Rate laws (all cathodic: rates rise as E falls):
 * - nucleation J(E) = min(J_max, J_on exp((E_on − E)/b)) for E < E_on, else 0 (1/(m² s)) — the
 *   steep supersaturation dependence of classical nucleation (Milchev, *Electrocrystallization*,
 *   2002, ch. 3) reduced to a threshold at E_on and a Tafel-like rise below it;
 * - lateral front velocity v(E) = v_max/(1 + exp((E − E_v)/w_v)) (m/s);
 * - thickening κ(E) = κ_max/(1 + exp((E − E_k)/w_k)) (m/s) on a bare surface, slowed by the film as
 *   dH/dt = κ(E) exp(−H/λ) (electron tunnelling through the film; Peled, J. Electrochem. Soc. 126,
 *   2047 (1979); Single, Latz & Horstmann, ChemSusChem 11, 1950 (2018));
 * - optionally a limiting thickness H_c, Peled's picture of an SEI whose thickness is set by the
 *   electron tunnelling range: the electron flux κ e^{−H/λ} reduces electrolyte, but the share
 *   κ e^{−H_c/λ} of it leaves as soluble products, so dH/dt = κ(E)(e^{−H/λ} − e^{−H_c/λ}). The film
 *   stops at H_c while a small steady reduction current κ e^{−H_c/λ} keeps flowing — the current of
 *   a later cycle that does not change the morphology (000: "During the second CV … the SEI
 *   morphology did not change and the current peak was almost 5 times smaller"). Closed form in
 *   analytic.ts (`passivatedThickness`).
 */
import type { ParamTable } from '../params.js';
import type { SeiProduct } from '../electrochem/faraday.js';
import type { SiteClass } from '../substrate/sites.js';

/** The two SEI layers (paper 000; Peled's mosaic picture). */
export type SeiLayer = 'inner' | 'outer';
export const SEI_LAYERS = ['inner', 'outer'] as const satisfies readonly SeiLayer[];

/** Nucleation of a process on one site class. */
export interface NucleationLaw {
  readonly site: SiteClass;
  /** Onset potential E_on (V): no nucleation above it. */
  readonly onsetPotential: number;
  /** Rate J_on just below the onset (1/(m² s)). */
  readonly rateAtOnset: number;
  /** Potential width b of the exponential rise below onset (V). */
  readonly tafelWidth: number;
  /** Cap J_max (1/(m² s)). */
  readonly maxRate: number;
}

/** Logistic potential dependence: value_max/(1 + exp((E − E_mid)/w)). */
export interface LogisticLaw {
  readonly max: number;
  readonly midPotential: number;
  readonly width: number;
}

/** Thickening with self-passivation. */
export interface ThickeningLaw extends LogisticLaw {
  /** Passivation length λ (m): dH/dt = κ(E) exp(−H/λ). */
  readonly passivationLength: number;
  /**
   * Limiting thickness H_c (m), optional: dH/dt = κ(E)(exp(−H/λ) − exp(−H_c/λ)); without it the
   * film thickens logarithmically for ever (H_c = ∞).
   */
  readonly limitingThickness?: number;
  /**
   * Flank slope s of an island (dimensionless), optional: the film over a pixel is no thicker than
   * s times the pixel's distance from its island's front, H ≤ s (G(t) − G(t_c)) — a 3D nucleus
   * grows as a cap, not as a column (Milchev, *Electrocrystallization*, 2002, ch. 3: caps of a
   * given wetting angle; s = tan θ at the rim). Without it, the thickness is that of a 1D film.
   */
  readonly flankSlope?: number;
}

/** How the product holds on to the electrode. */
export type SeiBinding =
  | { readonly kind: 'anchored' }
  /** Removed by the imaging tip until the potential first falls below `anchorPotential` (V). */
  | { readonly kind: 'weak'; readonly anchorPotential: number };

/** One SEI-forming reaction. */
export interface SeiProcess {
  readonly name: string;
  readonly layer: SeiLayer;
  readonly product: SeiProduct;
  /** Porosity φ of the layer it builds, in [0, 1). */
  readonly porosity: number;
  readonly nucleation: readonly NucleationLaw[];
  /** Lateral front velocity (m/s). */
  readonly lateral: LogisticLaw;
  /** Thickening (m/s) and passivation length (m). */
  readonly thickening: ThickeningLaw;
  readonly binding: SeiBinding;
  /** The paper's sentences behind the numbers. */
  readonly source?: string;
}

/** Ranges of the rate-law parameters (SI), for validation and property-test arbitraries. */
export const SEI_PROCESS_PARAMS = {
  onsetPotential: { unit: 'V', min: -0.5, max: 5, doc: 'nucleation onset potential E_on' },
  rateAtOnset: { unit: '1/(m^2 s)', min: 0, max: 1e18, doc: 'nucleation rate just below onset J_on' },
  tafelWidth: { unit: 'V', min: 1e-3, max: 2, doc: 'potential width b of the nucleation-rate rise' },
  maxRate: { unit: '1/(m^2 s)', min: 0, max: 1e18, doc: 'nucleation-rate cap J_max' },
  lateralMax: { unit: 'm/s', min: 0, max: 1e-5, doc: 'maximal lateral front velocity v_max' },
  thickeningMax: { unit: 'm/s', min: 0, max: 1e-4, doc: 'maximal thickening rate κ_max (bare surface; with a short λ only the first nanometres grow this fast)' },
  width: { unit: 'V', min: 1e-3, max: 2, doc: 'logistic width w' },
  midPotential: { unit: 'V', min: -1, max: 6, doc: 'logistic mid potential' },
  passivationLength: { unit: 'm', min: 1e-11, max: 1e-5, doc: 'passivation length λ' },
  limitingThickness: { unit: 'm', min: 1e-10, max: 1e-5, doc: 'limiting thickness H_c (tunnelling range); optional: without it the film thickens logarithmically for ever' },
  flankSlope: { unit: '1', min: 0.01, max: 100, doc: 'island flank slope s (height per distance from the front); optional: without it islands are columns' },
  porosity: { unit: '1', min: 0, max: 0.95, doc: 'layer porosity φ' },
} as const satisfies ParamTable;

/** Nucleation rate J(E) (1/(m² s)); see module doc. */
export function nucleationRate(law: NucleationLaw, E: number): number {
  if (!(E < law.onsetPotential)) return 0;
  return Math.min(law.maxRate, law.rateAtOnset * Math.exp((law.onsetPotential - E) / law.tafelWidth));
}

/** Logistic rate max/(1 + exp((E − E_mid)/w)). */
export function logisticRate(law: LogisticLaw, E: number): number {
  const z = (E - law.midPotential) / law.width;
  return z > 700 ? 0 : law.max / (1 + Math.exp(z));
}

/**
 * Soluble share a = exp(−H_c/λ) of the bare-surface thickening rate (dimensionless, in [0, 1)):
 * the film grows as dH/dK = e^{−H/λ} − a with K = ∫κ dt, and reduces a·ΔK of product that
 * dissolves. 0 without a limiting thickness (and when H_c/λ > 700, where it underflows).
 */
export function solubleShare(law: ThickeningLaw): number {
  const Hc = law.limitingThickness;
  if (Hc === undefined) return 0;
  const z = Hc / law.passivationLength;
  return z > 700 ? 0 : Math.exp(-z);
}

/** Validate a process: every number finite and in range; throws with the offending path. */
export function validateProcess(p: SeiProcess, path = 'process'): SeiProcess {
  const chk = (name: string, v: number, key: keyof typeof SEI_PROCESS_PARAMS): void => {
    const s = SEI_PROCESS_PARAMS[key];
    if (!Number.isFinite(v) || v < s.min || v > s.max) throw new RangeError(`${path}.${name} = ${v} ${s.unit}: expected finite in [${s.min}, ${s.max}] (${s.doc})`);
  };
  p.nucleation.forEach((n, i) => {
    chk(`nucleation[${i}].onsetPotential`, n.onsetPotential, 'onsetPotential');
    chk(`nucleation[${i}].rateAtOnset`, n.rateAtOnset, 'rateAtOnset');
    chk(`nucleation[${i}].tafelWidth`, n.tafelWidth, 'tafelWidth');
    chk(`nucleation[${i}].maxRate`, n.maxRate, 'maxRate');
  });
  chk('lateral.max', p.lateral.max, 'lateralMax');
  chk('lateral.midPotential', p.lateral.midPotential, 'midPotential');
  chk('lateral.width', p.lateral.width, 'width');
  chk('thickening.max', p.thickening.max, 'thickeningMax');
  chk('thickening.midPotential', p.thickening.midPotential, 'midPotential');
  chk('thickening.width', p.thickening.width, 'width');
  chk('thickening.passivationLength', p.thickening.passivationLength, 'passivationLength');
  if (p.thickening.limitingThickness !== undefined) chk('thickening.limitingThickness', p.thickening.limitingThickness, 'limitingThickness');
  if (p.thickening.flankSlope !== undefined) chk('thickening.flankSlope', p.thickening.flankSlope, 'flankSlope');
  chk('porosity', p.porosity, 'porosity');
  const b = p.binding;
  switch (b.kind) {
    case 'anchored':
      break;
    case 'weak':
      chk('binding.anchorPotential', b.anchorPotential, 'midPotential');
      break;
    default: {
      const never: never = b;
      throw new Error(`unknown binding ${JSON.stringify(never)}`);
    }
  }
  return p;
}

/**
 * Cumulative integrals on the nodes of a sampled program: lateral growth G(tₙ) = ∫v dt and
 * thickening K(tₙ) = ∫κ dt (m), with rates evaluated at interval midpoints (potential
 * (Eₙ₋₁ + Eₙ)/2) and held constant over the interval — the same discretisation the stochastic
 * simulation and the JMAK closed form use. Open-circuit intervals contribute nothing.
 */
export function cumulativeGrowth(process: SeiProcess, t: Float64Array, E: Float64Array, openCircuit?: Uint8Array): { G: Float64Array; K: Float64Array } {
  const G = new Float64Array(t.length);
  const K = new Float64Array(t.length);
  for (let n = 1; n < t.length; n++) {
    const dt = t[n] - t[n - 1];
    const Em = 0.5 * (E[n - 1] + E[n]);
    const oc = openCircuit ? openCircuit[n] === 1 : false;
    G[n] = G[n - 1] + (oc ? 0 : logisticRate(process.lateral, Em) * dt);
    K[n] = K[n - 1] + (oc ? 0 : logisticRate(process.thickening, Em) * dt);
  }
  return { G, K };
}

/**
 * Time at which a weakly bound process becomes anchored: the first node where E ≤ E_anchor
 * (+∞ for anchored processes or if the potential never gets there).
 */
export function anchorTime(process: SeiProcess, t: Float64Array, E: Float64Array): number {
  const b = process.binding;
  switch (b.kind) {
    case 'anchored':
      return Number.NEGATIVE_INFINITY;
    case 'weak':
      for (let n = 0; n < t.length; n++) if (E[n] <= b.anchorPotential) return t[n];
      return Number.POSITIVE_INFINITY;
    default: {
      const never: never = b;
      throw new Error(`unknown binding ${JSON.stringify(never)}`);
    }
  }
}
