/**
 * A layered viscoelastic SEI film on the electrode: layers with thickness, complex modulus
 * model and Poisson ratio, joined by sharp or graded interfaces; evaluation of the depth
 * profile E*(z), ν(z) at the dither frequency.
 *
 * Geometry convention (used by src/models/fea too): the film occupies 0 ≤ z ≤ h where z is the
 * **height above the electrode** (z = 0 electrode surface, z = h film top / electrolyte side).
 * `layers[0]` sits on the electrode, the last layer faces the electrolyte. Depth below the film
 * top is `h − z` (the NRM penetration depth z_p of `002_bf87beaba622041e.txt` §4 counts from
 * the top surface).
 *
 * Picture of the SEI (002 §1; 001 review §SEI; 003 layer-by-layer model): a soft solvent-rich
 * outer region, an organic/inorganic transition layer and a stiff inorganic inner layer next to
 * the electrode; presets are in `presets.ts`.
 */
import { type Complex } from '../complex.js';
import { checkParam, ParamError, type ParamProblem, type ParamTable } from '../params.js';
import { checkModulusModel, complexModulus, FREQUENCY_PARAM, type ModulusModel } from './modulus.js';

/** Shape of the blend between two adjacent layers. */
export type InterfaceShape = 'sharp' | 'linear' | 'tanh';
export const INTERFACE_SHAPES = ['sharp', 'linear', 'tanh'] as const;

/**
 * A graded interface between layer k (below) and layer k+1 (above), centred on their nominal
 * boundary. `linear`: the moduli blend linearly over `width`; `tanh`: blend weight
 * ½[1 + tanh(2(z − z_k)/width)] (12 %→88 % across `width`); `sharp`: a step (width ignored).
 */
export interface GradedInterface {
  readonly shape: InterfaceShape;
  /** Blend width w, m (0 ≤ w; the blends of one layer's two interfaces may not overlap). */
  readonly width: number;
}

/** One layer of the film. */
export interface FilmLayer {
  /** Free label for plots and reports, e.g. `'outer gel'`. */
  readonly name?: string;
  /** Layer thickness t, m. */
  readonly thickness: number;
  /** Complex-modulus model evaluated at the dither frequency. */
  readonly modulus: ModulusModel;
  /** Poisson ratio ν (real, frequency-independent), in [0, 0.4999]. */
  readonly poissonRatio: number;
}

/** A layered film; `layers[0]` is on the electrode (z = 0). */
export interface Film {
  readonly layers: readonly FilmLayer[];
  /** `interfaces[k]` joins `layers[k]` and `layers[k+1]`; omitted ⇒ all sharp. */
  readonly interfaces?: readonly GradedInterface[];
}

/** Per-layer parameter table (SI). */
export const FILM_LAYER_PARAMS = {
  thickness: { unit: 'm', min: 0, exclusiveMin: true, max: 1e-5, default: 100e-9, doc: 'layer thickness t', source: 'seisim calculator default (issue 3); SEI tens of nm, 002 §1' },
  poissonRatio: { unit: '1', min: 0, max: 0.4999, default: 0.45, doc: 'Poisson ratio ν (002 Eq. 6 takes ν → 0.5 for gel-like SEI)', source: '002_bf87beaba622041e.txt §4 Eq. 6' },
} as const satisfies ParamTable;

/** Graded-interface parameter table (SI). */
export const INTERFACE_PARAMS = {
  width: { unit: 'm', min: 0, max: 1e-5, default: 0, doc: 'interface blend width w' },
} as const satisfies ParamTable;

/**
 * Check a film; returns every problem found (empty when valid). Paths look like
 * `film.layers[1].modulus.viscosity`.
 */
export function checkFilm(film: Film, path = 'film'): ParamProblem[] {
  const out: ParamProblem[] = [];
  if (film === null || typeof film !== 'object' || !Array.isArray(film.layers)) {
    return [{ path, value: film, message: 'not a film object with a layers array' }];
  }
  if (film.layers.length === 0) out.push({ path: `${path}.layers`, value: 0, message: 'a film needs at least one layer', expected: '>= 1 layer' });
  film.layers.forEach((layer, k) => {
    const p = `${path}.layers[${k}]`;
    const t = checkParam(`${p}.thickness`, layer.thickness, FILM_LAYER_PARAMS.thickness);
    if (t) out.push(t);
    const nu = checkParam(`${p}.poissonRatio`, layer.poissonRatio, FILM_LAYER_PARAMS.poissonRatio);
    if (nu) out.push(nu);
    out.push(...checkModulusModel(layer.modulus, `${p}.modulus`));
  });
  const itf = film.interfaces;
  if (itf !== undefined) {
    if (itf.length !== Math.max(0, film.layers.length - 1)) {
      out.push({ path: `${path}.interfaces`, value: itf.length, message: 'one interface per pair of adjacent layers', expected: `${Math.max(0, film.layers.length - 1)} entries` });
    } else {
      itf.forEach((g, k) => {
        const p = `${path}.interfaces[${k}]`;
        if (!(INTERFACE_SHAPES as readonly string[]).includes(g.shape)) out.push({ path: `${p}.shape`, value: g.shape, message: 'unknown interface shape', expected: INTERFACE_SHAPES.join(' | ') });
        const w = checkParam(`${p}.width`, g.width, INTERFACE_PARAMS.width);
        if (w) out.push(w);
      });
      if (out.length === 0) {
        // the blends of a layer's lower and upper interface must fit inside the layer
        film.layers.forEach((layer, k) => {
          const below = k > 0 && itf[k - 1].shape !== 'sharp' ? itf[k - 1].width / 2 : 0;
          const above = k < itf.length && itf[k].shape !== 'sharp' ? itf[k].width / 2 : 0;
          if (below + above > layer.thickness) {
            out.push({ path: `${path}.layers[${k}].thickness`, value: layer.thickness, message: 'graded interfaces overlap inside this layer', expected: `>= ${below + above} m (half widths of its interfaces)` });
          }
        });
      }
    }
  }
  return out;
}

/** Throw a {@link ParamError} listing every problem of `film`. */
export function validateFilm(film: Film, path = 'film'): void {
  const problems = checkFilm(film, path);
  if (problems.length > 0) throw new ParamError(problems);
}

/** Total film thickness h = Σ t_k (m). */
export function filmThickness(film: Film): number {
  let h = 0;
  for (const l of film.layers) h += l.thickness;
  return h;
}

/** Heights z_k (m) of the nominal boundaries between layers, bottom to top (length L−1). */
export function layerBoundaries(film: Film): number[] {
  const out: number[] = [];
  let z = 0;
  for (let k = 0; k < film.layers.length - 1; k++) {
    z += film.layers[k].thickness;
    out.push(z);
  }
  return out;
}

/** Blend weight H(s) ∈ [0, 1] of the upper layer at signed distance s = z − z_k from an interface. */
function blendWeight(shape: InterfaceShape, width: number, s: number): number {
  switch (shape) {
    case 'sharp':
      return s >= 0 ? 1 : 0;
    case 'linear':
      if (width <= 0) return s >= 0 ? 1 : 0;
      return s <= -width / 2 ? 0 : s >= width / 2 ? 1 : 0.5 + s / width;
    case 'tanh':
      if (width <= 0) return s >= 0 ? 1 : 0;
      return 0.5 * (1 + Math.tanh((2 * s) / width));
    default: {
      const never: never = shape;
      throw new Error(`unknown interface shape ${String(never)}`);
    }
  }
}

/**
 * A film evaluated at one dither frequency: fast E*(z), ν(z) queries (no allocation in `at`).
 * Create with {@link filmProfile}.
 */
export interface FilmProfile {
  /** Total thickness h, m. */
  readonly thickness: number;
  /** Dither frequency f, Hz. */
  readonly frequency: number;
  /** Nominal interface heights z_k, m (length L−1). */
  readonly boundaries: readonly number[];
  /** E*_k of each layer at f, Pa. */
  readonly layerModuli: readonly Complex[];
  /** ν_k of each layer. */
  readonly layerPoisson: readonly number[];
  /** Interface grading (all sharp when the film had none). */
  readonly interfaces: readonly GradedInterface[];
  /** Write [E'(z), E''(z), ν(z)] into out[0..2] for a height z (m) above the electrode. */
  at(z: number, out: Float64Array | number[]): void;
  /** E*(z) at height z above the electrode, Pa. */
  modulus(z: number): Complex;
  /** ν(z) at height z above the electrode. */
  poisson(z: number): number;
}

/**
 * Evaluate a film at dither frequency f (Hz): E*(z) = E*_0 + Σ_k (E*_{k+1} − E*_k)·H_k(z − z_k),
 * ν(z) likewise, with H_k the interface blend weight (step, linear ramp or tanh). For
 * non-overlapping blends this is a convex combination of adjacent layers, so E'' ≥ 0 and
 * E' > 0 are preserved. Validates the film and frequency first (throws {@link ParamError}).
 *
 * Units: z in m above the electrode, moduli in Pa. Source: layered SEI picture of
 * `002_bf87beaba622041e.txt` §1 and Fig. 2f; E*(ω) per `modulus.ts`.
 * @example filmProfile(homogeneousFilm(100e-9, { kind: 'constant-loss', storageModulus: 1e6, lossTangent: 0.1 }, 0.45), 1000).modulus(50e-9)
 * // { re: 1e6, im: 1e5 }
 */
export function filmProfile(film: Film, frequency: number): FilmProfile {
  const problems = checkFilm(film);
  const fp = checkParam('frequency', frequency, FREQUENCY_PARAM);
  if (fp) problems.push(fp);
  if (problems.length > 0) throw new ParamError(problems);
  const L = film.layers.length;
  const moduli = film.layers.map((l) => complexModulus(l.modulus, frequency));
  const nus = film.layers.map((l) => l.poissonRatio);
  const bounds = layerBoundaries(film);
  const interfaces: GradedInterface[] = film.interfaces ? [...film.interfaces] : bounds.map(() => ({ shape: 'sharp' as const, width: 0 }));
  const dRe = new Float64Array(Math.max(0, L - 1));
  const dIm = new Float64Array(Math.max(0, L - 1));
  const dNu = new Float64Array(Math.max(0, L - 1));
  for (let k = 0; k < L - 1; k++) {
    dRe[k] = moduli[k + 1].re - moduli[k].re;
    dIm[k] = moduli[k + 1].im - moduli[k].im;
    dNu[k] = nus[k + 1] - nus[k];
  }
  const h = filmThickness(film);
  const at = (z: number, out: Float64Array | number[]): void => {
    let re = moduli[0].re;
    let im = moduli[0].im;
    let nu = nus[0];
    for (let k = 0; k < L - 1; k++) {
      const g = interfaces[k];
      const H = blendWeight(g.shape, g.width, z - bounds[k]);
      if (H === 0) continue;
      re += dRe[k] * H;
      im += dIm[k] * H;
      nu += dNu[k] * H;
    }
    out[0] = re;
    out[1] = im;
    out[2] = nu;
  };
  const tmp = new Float64Array(3);
  return {
    thickness: h,
    frequency,
    boundaries: bounds,
    layerModuli: moduli,
    layerPoisson: nus,
    interfaces,
    at,
    modulus(z: number): Complex {
      at(z, tmp);
      return { re: tmp[0], im: tmp[1] };
    },
    poisson(z: number): number {
      at(z, tmp);
      return tmp[2];
    },
  };
}

/**
 * Sample E*(z) and ν(z) of a film at given heights above the electrode (m) at frequency f (Hz).
 * Returns SI arrays (Pa, Pa, 1) for plots and for the NRM truth files.
 */
export function sampleFilmProfile(
  film: Film,
  frequency: number,
  heights: ArrayLike<number>,
): { height_m: Float64Array; storage_Pa: Float64Array; loss_Pa: Float64Array; poisson: Float64Array } {
  const p = filmProfile(film, frequency);
  const n = heights.length;
  const out = { height_m: new Float64Array(n), storage_Pa: new Float64Array(n), loss_Pa: new Float64Array(n), poisson: new Float64Array(n) };
  const tmp = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    const z = heights[i];
    if (!Number.isFinite(z)) throw new ParamError([{ path: `heights[${i}]`, value: z, message: 'not a finite number', expected: `[0, ${p.thickness}] m` }]);
    p.at(z, tmp);
    out.height_m[i] = z;
    out.storage_Pa[i] = tmp[0];
    out.loss_Pa[i] = tmp[1];
    out.poisson[i] = tmp[2];
  }
  return out;
}

/**
 * E*(z_p) at a depth below the film top surface (m), i.e. at height h − depth: the "truth"
 * that Eq. 5 of `002_bf87beaba622041e.txt` estimates from dF_l* /dz_p. Pa.
 */
export function modulusAtDepth(film: Film, depth: number, frequency: number): Complex {
  const p = filmProfile(film, frequency);
  if (!Number.isFinite(depth) || depth < 0 || depth > p.thickness) {
    throw new ParamError([{ path: 'depth', value: depth, message: 'outside the film', expected: `[0, ${p.thickness}] m` }]);
  }
  return p.modulus(p.thickness - depth);
}

/** A one-layer film of thickness h (m) with modulus model and Poisson ratio. */
export function homogeneousFilm(thickness: number, modulus: ModulusModel, poissonRatio: number, name = 'homogeneous layer'): Film {
  return { layers: [{ name, thickness, modulus, poissonRatio }] };
}

/** Constant-loss model E* = E'(1 + i tanδ): the calculator's `--youngs` + `--loss-tangent`. */
export function constantLoss(storageModulus: number, lossTangent = 0): ModulusModel {
  return { kind: 'constant-loss', storageModulus, lossTangent };
}

/**
 * True when all layers have the same loss angle (E*_k = c_k·e^{iδ} with real c_k > 0): then a
 * linear model's response is the elastic one times e^{iδ} (correspondence principle), which the
 * FEA uses to solve in real arithmetic. `tol` is the allowed spread in δ (rad).
 */
export function hasUniformLossAngle(profile: FilmProfile, tol = 1e-12): boolean {
  const d0 = Math.atan2(profile.layerModuli[0].im, profile.layerModuli[0].re);
  return profile.layerModuli.every((m) => Math.abs(Math.atan2(m.im, m.re) - d0) <= tol);
}
