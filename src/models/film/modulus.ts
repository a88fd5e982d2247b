/**
 * Complex Young's modulus models of one SEI layer, evaluated at the NRM dither frequency.
 *
 * NRM measures the complex modulus E*(ω) = E'(ω) + iE''(ω) at the lateral dither frequency f
 * (ω = 2πf), `002_bf87beaba622041e.txt` §4, Eq. 5–7. Each model here is a one-dimensional
 * rheological model of the tensile (Young's) response; with the Poisson ratio ν (real, taken
 * frequency-independent) the shear and bulk moduli follow as G* = E* /(2(1+ν)),
 * K* = E* /(3(1−2ν)) (elastic–viscoelastic correspondence principle; Christensen, *Theory of
 * Viscoelasticity*, 2nd ed., §2.4). Convention: x(t) = Re[X e^{iωt}] so E'' ≥ 0.
 */
import { type Complex } from '../complex.js';
import { checkParam, type ParamProblem, type ParamTable } from '../params.js';

/** Kelvin–Voigt solid: spring E ∥ dashpot η_E. E*(ω) = E + iωη_E. */
export interface KelvinVoigtModulus {
  readonly kind: 'kelvin-voigt';
  /** Spring (storage) modulus E, Pa. */
  readonly youngsModulus: number;
  /** Tensile (elongational) viscosity η_E of the dashpot, Pa·s; E'' = ωη_E. */
  readonly viscosity: number;
}

/** Maxwell fluid: spring E in series with dashpot η_E. E*(ω) = E·iωτ/(1 + iωτ), τ = η_E/E. */
export interface MaxwellModulus {
  readonly kind: 'maxwell';
  /** Spring modulus E (the high-frequency limit), Pa. */
  readonly youngsModulus: number;
  /** Tensile viscosity η_E of the dashpot, Pa·s. */
  readonly viscosity: number;
}

/**
 * Zener / standard linear solid (spring E_r ∥ Maxwell arm): E*(ω) = E_r + (E_u − E_r)·iωτ/(1 + iωτ),
 * relaxed modulus E_r (ω→0), unrelaxed modulus E_u (ω→∞), relaxation time τ of the Maxwell arm.
 */
export interface ZenerModulus {
  readonly kind: 'zener';
  /** Relaxed (static) modulus E_r, Pa. */
  readonly relaxedModulus: number;
  /** Unrelaxed (instantaneous) modulus E_u ≥ E_r, Pa. */
  readonly unrelaxedModulus: number;
  /** Relaxation time τ of the Maxwell arm, s. */
  readonly relaxationTime: number;
}

/** Frequency-independent ("hysteretic", constant loss tangent) solid: E* = E'(1 + i·tanδ). */
export interface ConstantLossModulus {
  readonly kind: 'constant-loss';
  /** Storage modulus E', Pa. */
  readonly storageModulus: number;
  /** Loss tangent tanδ = E''/E' (dimensionless, ≥ 0). */
  readonly lossTangent: number;
}

/** A layer's modulus model (literal-union discriminated by `kind`). */
export type ModulusModel = KelvinVoigtModulus | MaxwellModulus | ZenerModulus | ConstantLossModulus;

/** The kinds of modulus model, for validation messages and scenario schemas. */
export const MODULUS_KINDS = ['kelvin-voigt', 'maxwell', 'zener', 'constant-loss'] as const;
export type ModulusKind = (typeof MODULUS_KINDS)[number];

/** Parameters of the Kelvin–Voigt and Maxwell models (SI). */
export const SPRING_DASHPOT_PARAMS = {
  youngsModulus: { unit: 'Pa', min: 0, exclusiveMin: true, max: 1e12, default: 1e6, doc: "spring (Young's) modulus E", source: '002_bf87beaba622041e.txt §4, Fig. 2e (1 MPa reference layer)' },
  viscosity: { unit: 'Pa s', min: 0, max: 1e9, default: 0, doc: 'tensile dashpot viscosity η_E = E″/ω (Eq. 7 of 002 uses the shear viscosity η = G″/ω ≈ η_E/3)' },
} as const satisfies ParamTable;

/** Parameters of the Zener / standard-linear-solid model (SI). */
export const ZENER_PARAMS = {
  relaxedModulus: { unit: 'Pa', min: 0, exclusiveMin: true, max: 1e12, default: 1e6, doc: 'relaxed modulus E_r (ω → 0)' },
  unrelaxedModulus: { unit: 'Pa', min: 0, exclusiveMin: true, max: 1e12, default: 3e6, doc: 'unrelaxed modulus E_u (ω → ∞), ≥ E_r' },
  relaxationTime: { unit: 's', min: 0, max: 1e6, default: 1.59e-4, doc: 'relaxation time τ of the Maxwell arm (default: ωτ = 1 at 1 kHz)' },
} as const satisfies ParamTable;

/** Parameters of the constant-loss model (SI). */
export const CONSTANT_LOSS_PARAMS = {
  storageModulus: { unit: 'Pa', min: 0, exclusiveMin: true, max: 1e12, default: 1e6, doc: "storage modulus E'" },
  lossTangent: { unit: '1', min: 0, max: 100, default: 0, doc: "loss tangent tanδ = E''/E'" },
} as const satisfies ParamTable;

/** Dither frequency range accepted by the modulus models (Hz); 002 §4 uses 1 kHz. */
export const FREQUENCY_PARAM = {
  unit: 'Hz', min: 0, max: 1e9, default: 1000, doc: 'lateral dither frequency f (ω = 2πf)', source: '002_bf87beaba622041e.txt §4 (1 kHz)',
} as const;

/**
 * Check a modulus model; returns every problem (empty when valid). `path` prefixes the
 * parameter names in the messages (e.g. `film.layers[2].modulus`).
 */
export function checkModulusModel(model: ModulusModel, path = 'modulus'): ParamProblem[] {
  const out: ParamProblem[] = [];
  const push = (p: ParamProblem | undefined): void => {
    if (p) out.push(p);
  };
  if (model === null || typeof model !== 'object') return [{ path, value: model, message: 'not a modulus model object', expected: MODULUS_KINDS.join(' | ') }];
  switch (model.kind) {
    case 'kelvin-voigt':
    case 'maxwell':
      push(checkParam(`${path}.youngsModulus`, model.youngsModulus, SPRING_DASHPOT_PARAMS.youngsModulus));
      push(checkParam(`${path}.viscosity`, model.viscosity, SPRING_DASHPOT_PARAMS.viscosity));
      if (model.kind === 'maxwell' && out.length === 0 && model.viscosity === 0) {
        out.push({ path: `${path}.viscosity`, value: 0, message: 'a Maxwell element with zero viscosity carries no load', expected: '(0, 1e9] Pa s' });
      }
      break;
    case 'zener':
      push(checkParam(`${path}.relaxedModulus`, model.relaxedModulus, ZENER_PARAMS.relaxedModulus));
      push(checkParam(`${path}.unrelaxedModulus`, model.unrelaxedModulus, ZENER_PARAMS.unrelaxedModulus));
      push(checkParam(`${path}.relaxationTime`, model.relaxationTime, ZENER_PARAMS.relaxationTime));
      if (out.length === 0 && model.unrelaxedModulus < model.relaxedModulus) {
        out.push({ path: `${path}.unrelaxedModulus`, value: model.unrelaxedModulus, message: 'unrelaxed modulus below the relaxed modulus', expected: `>= relaxedModulus = ${model.relaxedModulus} Pa` });
      }
      break;
    case 'constant-loss':
      push(checkParam(`${path}.storageModulus`, model.storageModulus, CONSTANT_LOSS_PARAMS.storageModulus));
      push(checkParam(`${path}.lossTangent`, model.lossTangent, CONSTANT_LOSS_PARAMS.lossTangent));
      break;
    default: {
      const never: never = model;
      out.push({ path: `${path}.kind`, value: (never as { kind?: unknown }).kind, message: 'unknown modulus model', expected: MODULUS_KINDS.join(' | ') });
    }
  }
  return out;
}

/**
 * Complex Young's modulus E*(ω) of a rheological model at dither frequency f (Hz), ω = 2πf.
 *
 * - Kelvin–Voigt: E* = E + iωη_E
 * - Maxwell:      E* = E·iωτ/(1 + iωτ) = E(ω²τ² + iωτ)/(1 + ω²τ²), τ = η_E/E
 * - Zener (SLS):  E* = E_r + (E_u − E_r)(ω²τ² + iωτ)/(1 + ω²τ²)
 * - constant loss: E* = E'(1 + i·tanδ)
 *
 * Units: Pa. Source: Ferry, *Viscoelastic Properties of Polymers* (1980) ch. 1–3; the NRM
 * quantities E*, G* = E* /3, η = G''/ω are `002_bf87beaba622041e.txt` §4, Eq. 5–7.
 * Does not validate (hot path); call {@link checkModulusModel} at the boundary.
 * @example complexModulus({ kind: 'kelvin-voigt', youngsModulus: 1e6, viscosity: 100 }, 1000)
 * // { re: 1e6, im: 628318.5… }
 */
export function complexModulus(model: ModulusModel, frequency: number): Complex {
  const w = 2 * Math.PI * frequency;
  switch (model.kind) {
    case 'kelvin-voigt':
      return { re: model.youngsModulus, im: w * model.viscosity };
    case 'maxwell': {
      const wt = (w * model.viscosity) / model.youngsModulus;
      const d = 1 + wt * wt;
      return { re: (model.youngsModulus * wt * wt) / d, im: (model.youngsModulus * wt) / d };
    }
    case 'zener': {
      const wt = w * model.relaxationTime;
      const d = 1 + wt * wt;
      const dE = model.unrelaxedModulus - model.relaxedModulus;
      return { re: model.relaxedModulus + (dE * wt * wt) / d, im: (dE * wt) / d };
    }
    case 'constant-loss':
      return { re: model.storageModulus, im: model.storageModulus * model.lossTangent };
    default: {
      const never: never = model;
      throw new Error(`complexModulus: unknown model kind ${String((never as { kind?: unknown }).kind)}`);
    }
  }
}

/**
 * Complex shear modulus G* = E* /(2(1+ν)) for a real Poisson ratio ν (Pa);
 * 002 Eq. 6 takes ν → 0.5, G* ≈ E* /3.
 */
export function shearModulus(youngs: Complex, poissonRatio: number): Complex {
  const s = 1 / (2 * (1 + poissonRatio));
  return { re: youngs.re * s, im: youngs.im * s };
}

/**
 * Shear viscosity η = G''/(2πf) (Pa·s), `002_bf87beaba622041e.txt` §4 Eq. 7, with
 * G* = E* /(2(1+ν)) (Eq. 6 without the ν → 0.5 approximation).
 */
export function shearViscosity(youngs: Complex, poissonRatio: number, frequency: number): number {
  return shearModulus(youngs, poissonRatio).im / (2 * Math.PI * frequency);
}
