/**
 * The probes named in the papers, as presets. Each quotes its paper exactly; where a paper gives
 * only the nominal spring constant and resonance frequency, the beam's thickness and length are
 * solved for a silicon rectangular beam of an assumed width ({@link solveCantileverGeometry}) —
 * commercial levers are trapezoidal in section and carry a coating and a tip mass, so these geometries
 * are plausible stand-ins that reproduce (k, f₀), not the manufacturers' drawings. Tip radii that the
 * papers do not give are manufacturers' nominal values or assumptions, each marked as such.
 */
import { makeCantilever, solveCantileverGeometry, type Cantilever } from './cantilever.js';
import type { TipShape } from './tip.js';

/** Elastic constants of a tip material (for the reduced modulus of the contact). */
export interface TipMaterial {
  /** Young's modulus E_t [Pa]. */
  readonly youngsModulus: number;
  /** Poisson ratio ν_t. */
  readonly poissonRatio: number;
}

/** Silicon tip: E = 169 GPa, ν = 0.22 (Hopcroft, Nix & Kenny, J. MEMS 19, 229 (2010); isotropic averages). */
export const SILICON_TIP: TipMaterial = { youngsModulus: 169e9, poissonRatio: 0.22 };
/** Diamond (single-crystal or CVD coating): E ≈ 1050 GPa, ν ≈ 0.1 (Field, *The Properties of Natural and Synthetic Diamond*, 1992). */
export const DIAMOND_TIP: TipMaterial = { youngsModulus: 1050e9, poissonRatio: 0.1 };

/** Names of the probe presets (paper first author + probe). */
export const PROBE_PRESETS = [
  'luchkin-si-0.6',
  'luchkin-diamond-98',
  'saleh-ad-2.8',
  'saleh-aio-dd-6.5',
  'saleh-rtespaw-150',
  'saleh-ac160ts',
] as const;
export type ProbePresetName = (typeof PROBE_PRESETS)[number];

/** A probe preset: the cantilever, the tip and where every number came from. */
export interface ProbePreset {
  readonly name: ProbePresetName;
  /** Paper file and section. */
  readonly source: string;
  /** The paper's words, verbatim. */
  readonly quote: string;
  /** Nominal values quoted by the paper (NaN where the paper gives none). */
  readonly nominal: { readonly springConstant: number; readonly resonanceFrequency: number };
  readonly cantilever: Cantilever;
  readonly tip: TipShape;
  readonly tipMaterial: TipMaterial;
  /** What was assumed beyond the paper. */
  readonly assumptions: readonly string[];
}

const SI = { youngsModulus: 169e9, density: 2329 };

function solved(k: number, f0: number, width: number, tipHeight: number): Cantilever {
  const g = solveCantileverGeometry(k, f0, width, SI);
  return makeCantilever({ ...SI, shearModulus: 50.9e9, width, length: g.length, thickness: g.thickness, tipHeight });
}

/**
 * A named probe of the papers (see {@link PROBE_PRESETS}).
 *
 * @example probePreset('saleh-rtespaw-150').nominal.springConstant // 6.0
 */
export function probePreset(name: ProbePresetName): ProbePreset {
  switch (name) {
    case 'luchkin-si-0.6':
      return {
        name,
        source: '000_bee64fa28ec11129.txt, Methods, "In situ AFM measurements"',
        quote: 'A Si cantilever with 140 kHz resonance frequency and 0.6 N/m spring constant was mounted in a liquid perfusion cantilever holder',
        nominal: { springConstant: 0.6, resonanceFrequency: 140e3 },
        cantilever: solved(0.6, 140e3, 30e-6, 10e-6),
        tip: { kind: 'paraboloid', radius: 10e-9 },
        tipMaterial: SILICON_TIP,
        assumptions: [
          'width 30 µm assumed; thickness and length solved from k and f0 for a rectangular Si beam',
          'tip height 10 µm and tip radius 10 nm assumed (the paper gives neither)',
          'the quoted 140 kHz is taken as the resonance in air, ≈ vacuum value',
        ],
      };
    case 'luchkin-diamond-98': {
      // No f0 in the paper: fix L and w (a common stiff diamond-coated lever is 125 × 30 µm) and solve t from k.
      const L = 125e-6;
      const w = 30e-6;
      const t = Math.cbrt((4 * 98 * L ** 3) / (SI.youngsModulus * w));
      return {
        name,
        source: '000_bee64fa28ec11129.txt, Results (SEI thickness by c-AFM scratching, text before Fig. 5)',
        quote: 'The SEI then was scratched by a stiff (98 N/m spring constant) diamond coated conductive cantilever with 100 nm tip radius in a conductive AFM mode.',
        nominal: { springConstant: 98, resonanceFrequency: NaN },
        cantilever: makeCantilever({ ...SI, shearModulus: 50.9e9, length: L, width: w, thickness: t, tipHeight: 12e-6 }),
        tip: { kind: 'paraboloid', radius: 100e-9 },
        tipMaterial: DIAMOND_TIP,
        assumptions: [
          'the paper gives no resonance frequency: length 125 µm and width 30 µm assumed, thickness solved from k = 98 N/m (Si beam; the thin diamond coating is neglected)',
          'tip height 12 µm assumed',
        ],
      };
    }
    case 'saleh-ad-2.8':
      return {
        name,
        source: '003_47f56aa074086b1d.txt, Experimental Section, "Atomic Force Microscopy Measurements" (c-AFM)',
        quote: 'sharp, conductive, single-crystal diamond probes (AD-2.8-AS, Oxford Instruments, UK) with a nominal spring constant of 2.8 N/m and a resonant frequency of 65 kHz',
        nominal: { springConstant: 2.8, resonanceFrequency: 65e3 },
        cantilever: solved(2.8, 65e3, 35e-6, 10e-6),
        tip: { kind: 'paraboloid', radius: 10e-9 },
        tipMaterial: DIAMOND_TIP,
        assumptions: [
          'width 35 µm assumed; thickness and length solved from k and f0 for a rectangular Si beam',
          'tip radius 10 nm assumed ("sharp"; the paper gives no value); tip height 10 µm assumed',
        ],
      };
    case 'saleh-aio-dd-6.5':
      return {
        name,
        source: '003_47f56aa074086b1d.txt, Experimental Section, "Atomic Force Microscopy Measurements" (c-AFM)',
        quote: 'conductive diamond coated probes (All-In-One-DD, BudgetSensors, USA) with a nominal spring constant of 6.5 N/m and a resonant frequency of 110 kHz',
        nominal: { springConstant: 6.5, resonanceFrequency: 110e3 },
        cantilever: solved(6.5, 110e3, 35e-6, 17e-6),
        tip: { kind: 'paraboloid', radius: 100e-9 },
        tipMaterial: DIAMOND_TIP,
        assumptions: [
          'width 35 µm assumed; thickness and length solved from k and f0 for a rectangular Si beam (coating neglected)',
          'tip radius 100 nm assumed (typical of diamond-coated tips; the paper gives none); tip height 17 µm assumed',
        ],
      };
    case 'saleh-rtespaw-150':
      return {
        name,
        source: '003_47f56aa074086b1d.txt, Experimental Section, "Atomic Force Microscopy Measurements" (force spectroscopy, nanomechanical mapping)',
        quote: 'etched silicon probes (RTESPAW-150, Bruker, Germany) with a nominal spring constant of 6.0 N/m and a nominal resonance frequency of 150 kHz. Before measurements, the force constants of the cantilevers were determined using the thermal noise method.',
        nominal: { springConstant: 6.0, resonanceFrequency: 150e3 },
        cantilever: solved(6.0, 150e3, 35e-6, 12e-6),
        tip: { kind: 'paraboloid', radius: 8e-9 },
        tipMaterial: SILICON_TIP,
        assumptions: [
          'width 35 µm assumed; thickness and length solved from k and f0 for a rectangular Si beam',
          'tip radius 8 nm: the manufacturer\'s nominal value, not given in the paper; tip height 12 µm assumed',
        ],
      };
    case 'saleh-ac160ts':
      return {
        name,
        source: '003_47f56aa074086b1d.txt, Experimental Section, "Atomic Force Microscopy Measurements" (phase mapping)',
        quote: 'a doped silicon probe (AC160TS-R3, Oxford Instruments, UK) with a nominal spring constant of 26 N/m and a resonance frequency of 300 kHz',
        nominal: { springConstant: 26, resonanceFrequency: 300e3 },
        cantilever: solved(26, 300e3, 40e-6, 14e-6),
        tip: { kind: 'paraboloid', radius: 7e-9 },
        tipMaterial: SILICON_TIP,
        assumptions: [
          'width 40 µm assumed; thickness and length solved from k and f0 for a rectangular Si beam',
          'tip radius 7 nm: the manufacturer\'s nominal value, not given in the paper; tip height 14 µm assumed',
        ],
      };
    default: {
      const never: never = name;
      throw new Error(`unknown probe preset ${String(never)}`);
    }
  }
}
