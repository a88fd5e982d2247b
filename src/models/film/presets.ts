/**
 * Named SEI film presets (PyBaMM style: each named after its source; each value says where it
 * comes from). All SI. Where a paper gives no number, the value is a stated assumption.
 */
import { type Film } from './film.js';

/**
 * The homogeneous reference layer of the FEA in `002_bf87beaba622041e.txt` §4, Fig. 2e:
 * E = 1 MPa (Fig. 2e also shows 10 MPa; the text mentions 3 MPa), elastic at 1 kHz.
 * Thickness and ν are not given in the paper: h = 100 nm (the calculator default,
 * Fig. 2e's depth axis spans ~100 nm), ν = 0.45 (issue 3 default; Eq. 6 assumes ν → 0.5).
 */
export function nagarathinam2026Fig2eLayer(youngsModulus = 1e6, thickness = 100e-9, poissonRatio = 0.45): Film {
  return {
    layers: [
      { name: `reference layer ${youngsModulus / 1e6} MPa`, thickness, modulus: { kind: 'constant-loss', storageModulus: youngsModulus, lossTangent: 0 }, poissonRatio },
    ],
  };
}

/**
 * The "internal stiff skin" film of `002_bf87beaba622041e.txt` Fig. 2f: a soft matrix with a
 * thin stiff layer inside it. The paper gives no numbers for Fig. 2f; assumed here: 100 nm film
 * of the 1 MPa reference material (Fig. 2e) with a 10 nm, 10 MPa skin (the Fig. 2e stiff layer
 * modulus) whose centre lies 40 nm below the top; sharp interfaces; ν = 0.45 throughout.
 */
export function nagarathinam2026Fig2fSkin(options: { matrixModulus?: number; skinModulus?: number; skinThickness?: number; skinCentreDepth?: number; thickness?: number; poissonRatio?: number } = {}): Film {
  const E0 = options.matrixModulus ?? 1e6;
  const E1 = options.skinModulus ?? 10e6;
  const ts = options.skinThickness ?? 10e-9;
  const h = options.thickness ?? 100e-9;
  const dc = options.skinCentreDepth ?? 40e-9;
  const nu = options.poissonRatio ?? 0.45;
  const top = dc - ts / 2;
  const bottom = h - dc - ts / 2;
  const el = (E: number) => ({ kind: 'constant-loss' as const, storageModulus: E, lossTangent: 0 });
  return {
    layers: [
      { name: 'soft matrix (below skin)', thickness: bottom, modulus: el(E0), poissonRatio: nu },
      { name: 'stiff skin', thickness: ts, modulus: el(E1), poissonRatio: nu },
      { name: 'soft matrix (above skin)', thickness: top, modulus: el(E0), poissonRatio: nu },
    ],
  };
}

/**
 * Three-layer SEI on hard carbon in 1 M NaPF6 EC:DEC, after the depth bins of
 * `002_bf87beaba622041e.txt` §5, Fig. 4 (stiff response 0–5 nm from the electrode, mixed
 * 5–10 nm, weak/viscous outer region 10–20 nm):
 *
 * - inner inorganic layer, 5 nm, E = 0.82 GPa (`003_47f56aa074086b1d.txt`, thin SEI layer on HC:
 *   0.82 ± 0.70 GPa), tanδ = 0.02 (assumed: crystalline/amorphous inorganics, nearly elastic), ν = 0.3;
 * - organic transition layer, 5 nm, E = 45 MPa (`001_dcd3febb321b6196.txt`, SEI Young's moduli
 *   23–67 MPa, 45 MPa quoted), Zener with E_r = 45 MPa, E_u = 60 MPa, ωτ = 1 at 1 kHz (assumed), ν = 0.4;
 * - outer solvent-rich gel, 10 nm, E' = 1 MPa (002 Fig. 2e soft reference), Kelvin–Voigt with
 *   η_E = 80 Pa·s ⇒ tanδ ≈ 0.5 at 1 kHz (assumed: "viscous solvent-like", 002 §1), ν = 0.49.
 *
 * Interfaces linear, 1.5 nm wide (assumed: graded composition, 002 §5 "broad range").
 */
export function seiNaHardCarbon(): Film {
  return {
    layers: [
      { name: 'inner inorganic', thickness: 5e-9, modulus: { kind: 'constant-loss', storageModulus: 0.82e9, lossTangent: 0.02 }, poissonRatio: 0.3 },
      { name: 'organic transition', thickness: 5e-9, modulus: { kind: 'zener', relaxedModulus: 45e6, unrelaxedModulus: 60e6, relaxationTime: 1 / (2 * Math.PI * 1000) }, poissonRatio: 0.4 },
      { name: 'outer gel', thickness: 10e-9, modulus: { kind: 'kelvin-voigt', youngsModulus: 1e6, viscosity: 80 }, poissonRatio: 0.49 },
    ],
    interfaces: [
      { shape: 'linear', width: 1.5e-9 },
      { shape: 'linear', width: 1.5e-9 },
    ],
  };
}

/**
 * Three-layer SEI on graphite in 1 M LiPF6 EC/DMC (`000_bee64fa28ec11129.txt`: SEI thickness
 * 45 nm on HOPG); moduli after the review `001_dcd3febb321b6196.txt` (inner 916 MPa for EC-based
 * SEI; organic 23–67 MPa), outer gel as in {@link seiNaHardCarbon}. Layer split 10/15/20 nm and
 * loss tangents are assumptions.
 */
export function seiLiGraphite(): Film {
  return {
    layers: [
      { name: 'inner inorganic', thickness: 10e-9, modulus: { kind: 'constant-loss', storageModulus: 916e6, lossTangent: 0.02 }, poissonRatio: 0.3 },
      { name: 'organic transition', thickness: 15e-9, modulus: { kind: 'zener', relaxedModulus: 23e6, unrelaxedModulus: 67e6, relaxationTime: 1 / (2 * Math.PI * 1000) }, poissonRatio: 0.4 },
      { name: 'outer gel', thickness: 20e-9, modulus: { kind: 'kelvin-voigt', youngsModulus: 1e6, viscosity: 80 }, poissonRatio: 0.49 },
    ],
    interfaces: [
      { shape: 'tanh', width: 3e-9 },
      { shape: 'tanh', width: 3e-9 },
    ],
  };
}

/** The preset names, for scenario files (`film: { preset: 'seiNaHardCarbon' }`). */
export const FILM_PRESETS = {
  nagarathinam2026Fig2eLayer: () => nagarathinam2026Fig2eLayer(),
  nagarathinam2026Fig2fSkin: () => nagarathinam2026Fig2fSkin(),
  seiNaHardCarbon,
  seiLiGraphite,
} as const satisfies Record<string, () => Film>;
export type FilmPresetName = keyof typeof FILM_PRESETS;
