/**
 * `Nagarathinam2026`: how the SEI on a rough hard-carbon electrode in 1.0 M NaPF6 EC:DEC evolves
 * through the voltage windows of the first cathodic sweep (OCV → 0.005 V vs Na/Na⁺ at 1 mV/s), as
 * 1D-NRM sees it (`002_bf87beaba622041e.txt` §5, Fig. 4b–d).
 *
 * Each window holds a mixture of film *populations* (layered viscoelastic stacks of
 * src/models/film); every measurement location draws one population and jitters its layer
 * thicknesses and moduli. Lateral heterogeneity therefore comes from the mixture — several
 * mechanical domains side by side — and not from noise alone (`002` §5: "the distributions exhibit
 * clear multimodal features reflecting the heterogeneous nature of hard carbon surface and the
 * presence of varying local environments"). Population membership follows a latent Gaussian that
 * is shared by the measurements of one ~20 × 20 nm² spot (correlation ρ) and fixed in time, so a
 * site that is reactive stays reactive as the potential falls.
 *
 * The paper gives shapes and depths but no absolute moduli. Absolute values here (all at the
 * 1 kHz dither frequency, constant-loss model E* = E'(1 + i tanδ)) are taken from:
 * - `002` §4, Fig. 2e: 1 MPa and 10 MPa reference layers for the soft, gel-like SEI;
 * - `001_dcd3febb321b6196.txt` (EC-AFM review, "Young's modulus of the SEI was measured to vary
 *   between 23 and 67 MPa across the surface" (Deng et al.), "smaller Young's modulus (45 MPa)")
 *   for the penetrable organic/inorganic mixed SEI. Dense inorganic SEI (916–1498 MPa, `001`) is
 *   not penetrable by a 0.6 N/m lever and acts as part of the hard surface here.
 * - loss tangents are assumptions: ~0.1–0.2 for the stiff inner SEI, 0.3 for the mixed
 *   transition, 0.5–1 for the "viscous solvent-like, soft outer region" (`002` §1);
 * - Poisson ratios 0.45–0.49 (the paper's Eq. 6 takes the penetrable SEI as nearly incompressible;
 *   ≥ 0.45 also keeps the FEA surrogate on its two upper calibration nodes, 0.45 and 0.49).
 */
import type { Film, FilmLayer, GradedInterface } from '../film/film.js';
import type { Rng } from '../rng.js';

/** A scalar distribution of a layer parameter. */
export type ParameterDistribution =
  | { readonly kind: 'fixed'; readonly value: number }
  /** exp(ln(median) + logSigma·N(0,1)). */
  | { readonly kind: 'lognormal'; readonly median: number; readonly logSigma: number }
  /** min + (max − min)·Φ(N(0,1)). */
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number };

/** One layer of a population, electrode side first. */
export interface LayerTemplate {
  readonly name: string;
  /** Thickness t, m. */
  readonly thickness: ParameterDistribution;
  /** Storage modulus E' at the dither frequency, Pa. */
  readonly storageModulus: ParameterDistribution;
  /** Loss tangent tanδ = E''/E'. */
  readonly lossTangent: ParameterDistribution;
  /** Poisson ratio ν. */
  readonly poissonRatio: number;
}

/** One mechanical population (domain type) of a window. */
export interface PopulationTemplate {
  readonly name: string;
  /** Mixture weight (the weights of a window sum to 1). */
  readonly weight: number;
  /** Layers from the electrode up. */
  readonly layers: readonly LayerTemplate[];
  /** Width of the tanh-graded interfaces between layers, m (shrunk to fit thin layers). */
  readonly interfaceWidth: number;
}

/** The SEI state of one voltage window. */
export interface WindowTemplate {
  /** Short id, e.g. `'1.5-2.0V'`. */
  readonly id: string;
  /** Upper potential of the window, V vs Na/Na⁺. */
  readonly potentialHigh: number;
  /** Lower potential of the window, V vs Na/Na⁺. */
  readonly potentialLow: number;
  /** What `002` §5 says about this window, verbatim. */
  readonly quote: string;
  readonly populations: readonly PopulationTemplate[];
}

/** A named preset of SEI evolution by window. */
export interface NrmSeiPreset {
  readonly name: string;
  readonly source: string;
  /** Windows in the order the sweep crosses them (high to low potential). */
  readonly windows: readonly WindowTemplate[];
  /** Correlation ρ of the population latent between measurements of one spot (0…1). */
  readonly spotCorrelation: number;
  /** Correlation of the continuous layer-parameter draws within one spot (0…1). */
  readonly parameterCorrelation: number;
}

const nm = 1e-9;
const MPa = 1e6;
const ln = (median: number, logSigma: number): ParameterDistribution => ({ kind: 'lognormal', median, logSigma });
const un = (min: number, max: number): ParameterDistribution => ({ kind: 'uniform', min, max });

/**
 * The `Nagarathinam2026` preset (see the module doc for the sources of absolute values).
 * Depth bins of the paper: 0–5, 5–10, 10–20 nm above the electrode.
 */
export function nagarathinam2026(): NrmSeiPreset {
  return {
    name: 'Nagarathinam2026',
    source: '002_bf87beaba622041e.txt §5, Fig. 4b–d (shapes, onsets, multimodality); 001_dcd3febb321b6196.txt (SEI moduli 23–67 MPa); 002 Fig. 2e (1–10 MPa soft layers)',
    spotCorrelation: 0.8,
    parameterCorrelation: 0.6,
    windows: [
      {
        id: '1.5-2.0V',
        potentialHigh: 2.0,
        potentialLow: 1.5,
        quote:
          'At higher potentials (1.5-2.0 V), the response is weak at the far regions and confined to the near-surface region and indicate the absence of a well-developed interphase. … at outer SEI (5-10 and 10-20 nm), the distributions exhibit clear multimodal features … at near-surface region (0-5 nm), violin remains relatively narrow and predominantly uniform indicating limited interphase development and a response largely related to the underlying electrode.',
        populations: [
          {
            name: 'near-surface adsorbate',
            weight: 0.6,
            interfaceWidth: 1.5 * nm,
            layers: [{ name: 'near-surface layer', thickness: ln(4 * nm, 0.2), storageModulus: ln(3 * MPa, 0.25), lossTangent: ln(0.6, 0.2), poissonRatio: 0.49 }],
          },
          {
            name: 'loose organic deposit',
            weight: 0.25,
            interfaceWidth: 2 * nm,
            layers: [
              { name: 'near-surface layer', thickness: ln(4 * nm, 0.2), storageModulus: ln(3 * MPa, 0.25), lossTangent: ln(0.6, 0.2), poissonRatio: 0.49 },
              { name: 'loose deposit', thickness: un(5 * nm, 10 * nm), storageModulus: ln(0.6 * MPa, 0.3), lossTangent: ln(1.0, 0.2), poissonRatio: 0.49 },
            ],
          },
          {
            name: 'early gel patch',
            weight: 0.15,
            interfaceWidth: 2 * nm,
            layers: [
              { name: 'near-surface layer', thickness: ln(4 * nm, 0.2), storageModulus: ln(4 * MPa, 0.25), lossTangent: ln(0.5, 0.2), poissonRatio: 0.49 },
              { name: 'gel patch', thickness: un(10 * nm, 14 * nm), storageModulus: ln(1.6 * MPa, 0.25), lossTangent: ln(0.8, 0.2), poissonRatio: 0.49 },
            ],
          },
        ],
      },
      {
        id: '1.0-1.5V',
        potentialHigh: 1.5,
        potentialLow: 1.0,
        quote:
          'As the potential decreases to 1.0-1.5 V, the onset of the interaction is below 15 nm and gradually increases to ~2 nm and drops down and indicated the development restructuring of the SEI.',
        populations: [
          {
            name: 'restructuring SEI',
            weight: 0.5,
            interfaceWidth: 1.5 * nm,
            layers: [
              { name: 'restructuring interlayer', thickness: ln(2 * nm, 0.15), storageModulus: ln(8 * MPa, 0.25), lossTangent: ln(0.4, 0.2), poissonRatio: 0.45 },
              { name: 'inner organic', thickness: ln(4 * nm, 0.2), storageModulus: ln(22 * MPa, 0.25), lossTangent: ln(0.25, 0.2), poissonRatio: 0.45 },
              { name: 'transition', thickness: ln(4 * nm, 0.2), storageModulus: ln(9 * MPa, 0.3), lossTangent: ln(0.4, 0.2), poissonRatio: 0.47 },
              { name: 'outer gel', thickness: un(2 * nm, 5 * nm), storageModulus: ln(2 * MPa, 0.3), lossTangent: ln(0.7, 0.2), poissonRatio: 0.49 },
            ],
          },
          {
            name: 'thin SEI',
            weight: 0.3,
            interfaceWidth: 1.5 * nm,
            layers: [
              { name: 'restructuring interlayer', thickness: ln(2 * nm, 0.15), storageModulus: ln(6 * MPa, 0.25), lossTangent: ln(0.4, 0.2), poissonRatio: 0.45 },
              { name: 'inner organic', thickness: ln(3 * nm, 0.2), storageModulus: ln(13 * MPa, 0.25), lossTangent: ln(0.3, 0.2), poissonRatio: 0.45 },
              { name: 'outer gel', thickness: un(3 * nm, 6 * nm), storageModulus: ln(3 * MPa, 0.3), lossTangent: ln(0.6, 0.2), poissonRatio: 0.49 },
            ],
          },
          {
            name: 'gel-rich SEI',
            weight: 0.2,
            interfaceWidth: 2 * nm,
            layers: [
              { name: 'restructuring interlayer', thickness: ln(2 * nm, 0.15), storageModulus: ln(7 * MPa, 0.25), lossTangent: ln(0.4, 0.2), poissonRatio: 0.45 },
              { name: 'inner organic', thickness: ln(3 * nm, 0.2), storageModulus: ln(16 * MPa, 0.25), lossTangent: ln(0.3, 0.2), poissonRatio: 0.45 },
              { name: 'outer gel', thickness: un(6 * nm, 9 * nm), storageModulus: ln(1.2 * MPa, 0.3), lossTangent: ln(0.9, 0.2), poissonRatio: 0.49 },
            ],
          },
        ],
      },
      {
        id: '0.5-1.0V',
        potentialHigh: 1.0,
        potentialLow: 0.5,
        quote:
          'At 0.5-1.0 V region, the onset of the interaction shifts to larger distances, suggesting the formation of a progressively thicker SEI. The gradual increase in lateral force response, reflects the formation of soft skin-like or mechanically compliant outer regions and transition towards denser or stiffer domains closer to the electrode surface i.e., below 5nm. … At 5-10 nm, the violin plots broaden significantly and begin to exhibit multimodality. This suggests the coexistence of multiple mechanical populations associated with transitioning interphase.',
        populations: [
          {
            name: 'inner SEI + soft organic domain',
            weight: 0.4,
            interfaceWidth: 1 * nm,
            layers: [
              { name: 'inner SEI', thickness: ln(5 * nm, 0.05), storageModulus: ln(60 * MPa, 0.2), lossTangent: ln(0.15, 0.2), poissonRatio: 0.45 },
              { name: 'soft organic domain', thickness: ln(5 * nm, 0.05), storageModulus: ln(7 * MPa, 0.1), lossTangent: ln(0.3, 0.2), poissonRatio: 0.45 },
              { name: 'soft skin', thickness: un(7 * nm, 12 * nm), storageModulus: ln(3 * MPa, 0.25), lossTangent: ln(0.5, 0.2), poissonRatio: 0.49 },
            ],
          },
          {
            name: 'inner SEI + mixed domain',
            weight: 0.35,
            interfaceWidth: 1 * nm,
            layers: [
              { name: 'inner SEI', thickness: ln(5 * nm, 0.05), storageModulus: ln(60 * MPa, 0.2), lossTangent: ln(0.15, 0.2), poissonRatio: 0.45 },
              { name: 'mixed organic/inorganic domain', thickness: ln(5 * nm, 0.05), storageModulus: ln(20 * MPa, 0.1), lossTangent: ln(0.3, 0.2), poissonRatio: 0.45 },
              { name: 'soft skin', thickness: un(7 * nm, 12 * nm), storageModulus: ln(3 * MPa, 0.25), lossTangent: ln(0.5, 0.2), poissonRatio: 0.49 },
            ],
          },
          {
            name: 'inner SEI + dense domain',
            weight: 0.25,
            interfaceWidth: 1 * nm,
            layers: [
              { name: 'inner SEI', thickness: ln(5 * nm, 0.05), storageModulus: ln(65 * MPa, 0.2), lossTangent: ln(0.15, 0.2), poissonRatio: 0.45 },
              { name: 'dense inorganic-rich domain', thickness: ln(5 * nm, 0.05), storageModulus: ln(42 * MPa, 0.1), lossTangent: ln(0.2, 0.2), poissonRatio: 0.45 },
              { name: 'soft skin', thickness: un(7 * nm, 12 * nm), storageModulus: ln(3 * MPa, 0.25), lossTangent: ln(0.5, 0.2), poissonRatio: 0.49 },
            ],
          },
        ],
      },
      {
        id: '0.005-0.5V',
        potentialHigh: 0.5,
        potentialLow: 0.005,
        quote:
          'However, at the very low potential region 0.005-0.5 V, the onset of interaction begins at even at larger distance (20-30 nm) and the stiffness near the electrode surface decreases that indicates the formation of thicker and stable heterogeneous SEI. … At intermediate depths, distinct multiple peaks are observed indicating the presence of overlapping mechanical domains. In the outer SEI region (10-20 nm), the widespread and increased population reflect the formation of a thick heterogeneous outer SEI composed of softer and more compliant components.',
        populations: [
          {
            name: 'inner SEI + soft organic domain',
            weight: 0.35,
            interfaceWidth: 1 * nm,
            layers: [
              { name: 'inner SEI', thickness: ln(5 * nm, 0.05), storageModulus: ln(35 * MPa, 0.2), lossTangent: ln(0.2, 0.2), poissonRatio: 0.45 },
              { name: 'soft organic domain', thickness: ln(5 * nm, 0.05), storageModulus: ln(4 * MPa, 0.1), lossTangent: ln(0.4, 0.2), poissonRatio: 0.46 },
              { name: 'thick outer SEI', thickness: un(10 * nm, 20 * nm), storageModulus: ln(4 * MPa, 0.55), lossTangent: ln(0.6, 0.25), poissonRatio: 0.49 },
            ],
          },
          {
            name: 'inner SEI + mixed domain',
            weight: 0.35,
            interfaceWidth: 1 * nm,
            layers: [
              { name: 'inner SEI', thickness: ln(5 * nm, 0.05), storageModulus: ln(35 * MPa, 0.2), lossTangent: ln(0.2, 0.2), poissonRatio: 0.45 },
              { name: 'mixed organic/inorganic domain', thickness: ln(5 * nm, 0.05), storageModulus: ln(14 * MPa, 0.1), lossTangent: ln(0.3, 0.2), poissonRatio: 0.45 },
              { name: 'thick outer SEI', thickness: un(10 * nm, 20 * nm), storageModulus: ln(4 * MPa, 0.55), lossTangent: ln(0.6, 0.25), poissonRatio: 0.49 },
            ],
          },
          {
            name: 'inner SEI + dense domain',
            weight: 0.3,
            interfaceWidth: 1 * nm,
            layers: [
              { name: 'inner SEI', thickness: ln(5 * nm, 0.05), storageModulus: ln(38 * MPa, 0.2), lossTangent: ln(0.2, 0.2), poissonRatio: 0.45 },
              { name: 'dense inorganic-rich domain', thickness: ln(5 * nm, 0.05), storageModulus: ln(32 * MPa, 0.1), lossTangent: ln(0.2, 0.2), poissonRatio: 0.45 },
              { name: 'thick outer SEI', thickness: un(10 * nm, 20 * nm), storageModulus: ln(5 * MPa, 0.55), lossTangent: ln(0.6, 0.25), poissonRatio: 0.49 },
            ],
          },
        ],
      },
    ],
  };
}

/** Names of the NRM SEI presets (for scenario files). */
export const NRM_SEI_PRESETS = ['Nagarathinam2026'] as const;
export type NrmSeiPresetName = (typeof NRM_SEI_PRESETS)[number];

/** A preset by name. */
export function nrmSeiPreset(name: NrmSeiPresetName): NrmSeiPreset {
  switch (name) {
    case 'Nagarathinam2026':
      return nagarathinam2026();
    default: {
      const never: never = name;
      throw new Error(`unknown NRM SEI preset ${String(never)}`);
    }
  }
}

/** Standard normal CDF Φ(x) (Abramowitz & Stegun 7.1.26 via erfc with |error| < 1.5e-7). */
export function standardNormalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z);
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/** Value of a distribution for a standard-normal draw g. Units of the distribution. */
export function drawParameter(d: ParameterDistribution, g: number): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'lognormal':
      return d.median * Math.exp(d.logSigma * g);
    case 'uniform':
      return d.min + (d.max - d.min) * standardNormalCdf(g);
    default: {
      const never: never = d;
      throw new Error(`unknown distribution ${String(never)}`);
    }
  }
}

/**
 * Index of the population whose cumulative weight interval contains Φ(latent): populations are
 * ordered, so nearby latents give the same population (spatially correlated domains).
 */
export function populationFromLatent(window: WindowTemplate, latent: number): number {
  const u = standardNormalCdf(latent);
  let c = 0;
  const P = window.populations;
  for (let i = 0; i < P.length; i++) {
    c += P[i].weight;
    if (u < c) return i;
  }
  return P.length - 1;
}

/** The film at one measurement location and the population it was drawn from. */
export interface DrawnFilm {
  readonly film: Film;
  readonly population: number;
}

/**
 * Draw the film at one location of a window.
 *
 * Population: from the location's latent (`populationLatent`, N(0,1), fixed per location).
 * Continuous parameters (thickness, E', tanδ of each layer): each standard-normal draw is
 * √ρ_p·g_spot + √(1 − ρ_p)·g_point, with g_spot from `spotRng` (re-created identically for every
 * location of the spot) and g_point from `pointRng`; ρ_p = `preset.parameterCorrelation`. Graded
 * tanh interfaces of the population's width, shrunk to 0.9 × the thinner neighbour.
 */
export function drawFilm(preset: NrmSeiPreset, windowIndex: number, populationLatent: number, spotRng: Rng, pointRng: Rng): DrawnFilm {
  const w = preset.windows[windowIndex];
  if (w === undefined) throw new RangeError(`drawFilm: windowIndex = ${windowIndex} outside [0, ${preset.windows.length - 1}]`);
  const population = populationFromLatent(w, populationLatent);
  const pop = w.populations[population];
  const rho = preset.parameterCorrelation;
  const a = Math.sqrt(rho);
  const b = Math.sqrt(1 - rho);
  const g = (): number => a * spotRng.normal() + b * pointRng.normal();
  const layers: FilmLayer[] = pop.layers.map((L) => {
    const t = drawParameter(L.thickness, g());
    const E = drawParameter(L.storageModulus, g());
    const tand = drawParameter(L.lossTangent, g());
    return { name: L.name, thickness: t, poissonRatio: L.poissonRatio, modulus: { kind: 'constant-loss', storageModulus: E, lossTangent: tand } };
  });
  const interfaces: GradedInterface[] = [];
  for (let k = 0; k + 1 < layers.length; k++) {
    interfaces.push({ shape: 'tanh', width: Math.min(pop.interfaceWidth, 0.9 * layers[k].thickness, 0.9 * layers[k + 1].thickness) });
  }
  return { film: { layers, interfaces }, population };
}

/** Index of the window containing potential E (V), or −1. Windows are [low, high). */
export function windowOfPotential(preset: NrmSeiPreset, potential: number): number {
  for (let i = 0; i < preset.windows.length; i++) {
    const w = preset.windows[i];
    if (potential <= w.potentialHigh && potential >= w.potentialLow) return i;
  }
  return -1;
}
