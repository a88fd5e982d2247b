/**
 * The `seisim fea` calculator: the complex lateral force on an NRM tip in a homogeneous
 * viscoelastic layer at given penetration depths, dF/dz_p and r_g (Eq. 4–5 of
 * `002_bf87beaba622041e.txt` §4), by the FEA-lite (src/models/fea).
 *
 *   seisim fea --tip-radius 10nm --tip-shape flat|round|cone [--cone-half-angle 20deg]
 *     --film-thickness 100nm --youngs 1MPa --poisson 0.45 [--loss-tangent 0.1] --amplitude 2nm
 *     --frequency 1kHz --depths 20nm,40nm,60nm [--domain-radius 300nm] [--json]
 *
 * The CLI parses units and calls {@link feaCalculator} with SI numbers; `--json` prints the
 * returned object, otherwise {@link formatFeaTable}.
 */
import { type Complex } from '../models/complex.js';
import { constantLoss, homogeneousFilm } from '../models/film/film.js';
import { FILM_LAYER_PARAMS, CONSTANT_LOSS_PARAMS } from '../models/film/index.js';
import { checkDepths, feaForceCurve } from '../models/fea/curve.js';
import { checkLateralInputs, FEA_PARAMS } from '../models/fea/solve.js';
import { TIP_PARAMS, TIP_SHAPES, type TipGeometry, type TipShape } from '../models/fea/tip.js';
import { checkParam, ParamError, type ParamProblem } from '../models/params.js';
import { calibrateRg } from '../analysis/rg.js';

/** Inputs of the calculator, SI (the names mirror the CLI flags). */
export interface FeaCalculatorInput {
  /** --tip-radius, m. */
  readonly tipRadius_m: number;
  /** --tip-shape. */
  readonly tipShape: TipShape;
  /** --cone-half-angle, rad (cone only; default 20°). */
  readonly coneHalfAngle_rad?: number;
  /** --film-thickness, m. */
  readonly filmThickness_m: number;
  /** --youngs: storage Young's modulus E', Pa. */
  readonly youngs_Pa: number;
  /** --poisson. */
  readonly poisson: number;
  /** --loss-tangent tanδ = E''/E' (default 0). */
  readonly lossTangent?: number;
  /** --amplitude A_l, m. */
  readonly amplitude_m: number;
  /** --frequency f, Hz. */
  readonly frequency_Hz: number;
  /** --depths z_p (apex depth below the film top), m, strictly ascending. */
  readonly depths_m: readonly number[];
  /** --domain-radius b, m (default 300 nm). */
  readonly domainRadius_m?: number;
  /** Mesh refinement m ≥ 1 (default 1: r_g within ~0.1 %). */
  readonly refinement?: number;
}

/** Output of the calculator (the `--json` object). */
export interface FeaCalculatorResult {
  readonly depths_m: number[];
  /** F_l*(z_p) on the tip along the dither, N. */
  readonly force_N: Complex[];
  /** dF_l* /dz_p per depth (second-order differences), N/m; with ≥ 2 depths. */
  readonly dFdz_N_per_m?: Complex[];
  /** r_g = Re[slope/E*]/(4A_l) with the least-squares slope over all given depths; with ≥ 2 depths. */
  readonly rg?: number;
  /** How r_g was obtained. */
  readonly rgMethod?: string;
  /** Echo of the resolved inputs (SI) and the solver settings. */
  readonly inputs: Required<Omit<FeaCalculatorInput, 'depths_m'>> & { readonly depths_m: readonly number[] };
  readonly model: string;
}

/** Validate calculator inputs; returns every problem with its CLI flag name. */
export function checkFeaCalculatorInput(input: FeaCalculatorInput): ParamProblem[] {
  const out: ParamProblem[] = [];
  const push = (p: ParamProblem | undefined): void => {
    if (p) out.push(p);
  };
  if (!(TIP_SHAPES as readonly string[]).includes(input.tipShape)) out.push({ path: '--tip-shape', value: input.tipShape, message: 'unknown tip shape', expected: TIP_SHAPES.join(' | ') });
  push(checkParam('--tip-radius', input.tipRadius_m, TIP_PARAMS.radius));
  if (input.tipShape === 'cone') push(checkParam('--cone-half-angle', input.coneHalfAngle_rad ?? TIP_PARAMS.coneHalfAngle.default, TIP_PARAMS.coneHalfAngle));
  else if (input.coneHalfAngle_rad !== undefined) out.push({ path: '--cone-half-angle', value: input.coneHalfAngle_rad, message: 'only valid with --tip-shape cone' });
  push(checkParam('--film-thickness', input.filmThickness_m, FILM_LAYER_PARAMS.thickness));
  push(checkParam('--youngs', input.youngs_Pa, CONSTANT_LOSS_PARAMS.storageModulus));
  push(checkParam('--poisson', input.poisson, FILM_LAYER_PARAMS.poissonRatio));
  push(checkParam('--loss-tangent', input.lossTangent ?? 0, CONSTANT_LOSS_PARAMS.lossTangent));
  push(checkParam('--amplitude', input.amplitude_m, FEA_PARAMS.amplitude));
  push(checkParam('--frequency', input.frequency_Hz, FEA_PARAMS.frequency));
  if (input.domainRadius_m !== undefined) push(checkParam('--domain-radius', input.domainRadius_m, FEA_PARAMS.domainRadius));
  if (input.refinement !== undefined) push(checkParam('refinement', input.refinement, FEA_PARAMS.refinement));
  if (!Array.isArray(input.depths_m)) out.push({ path: '--depths', value: input.depths_m, message: 'not a list of depths' });
  else out.push(...checkDepths(input.depths_m, '--depths'));
  if (out.length === 0) {
    // geometric consistency (depth within the film, domain large enough), reported with CLI names
    const film = homogeneousFilm(input.filmThickness_m, constantLoss(input.youngs_Pa, input.lossTangent ?? 0), input.poisson);
    const tip = tipOf(input);
    const dither = { amplitude: input.amplitude_m, frequency: input.frequency_Hz };
    const last = input.depths_m[input.depths_m.length - 1];
    for (const p of checkLateralInputs(film, tip, dither, last, { domainRadius: input.domainRadius_m })) {
      out.push({ ...p, path: p.path === 'depth' ? `--depths[${input.depths_m.length - 1}]` : p.path === 'domainRadius' ? '--domain-radius' : p.path });
    }
  }
  return out;
}

function tipOf(input: FeaCalculatorInput): TipGeometry {
  return input.tipShape === 'cone'
    ? { shape: 'cone', radius: input.tipRadius_m, coneHalfAngle: input.coneHalfAngle_rad ?? TIP_PARAMS.coneHalfAngle.default }
    : { shape: input.tipShape, radius: input.tipRadius_m };
}

/**
 * Run the calculator: FEA-lite force per depth on a homogeneous layer E* = E'(1 + i tanδ),
 * dF/dz_p and r_g (Eq. 5 of 002 with E_ref = E*). Throws a ParamError listing every bad input
 * (by CLI flag) before any work. Units: SI in, N, N/m out.
 */
export function feaCalculator(input: FeaCalculatorInput): FeaCalculatorResult {
  const problems = checkFeaCalculatorInput(input);
  if (problems.length > 0) throw new ParamError(problems);
  const tan = input.lossTangent ?? 0;
  const film = homogeneousFilm(input.filmThickness_m, constantLoss(input.youngs_Pa, tan), input.poisson);
  const tip = tipOf(input);
  const dither = { amplitude: input.amplitude_m, frequency: input.frequency_Hz };
  const domainRadius = input.domainRadius_m ?? FEA_PARAMS.domainRadius.default;
  const refinement = input.refinement ?? 1;
  const curve = feaForceCurve(film, tip, dither, input.depths_m, { domainRadius, mesh: { refinement } });
  const inputs = {
    tipRadius_m: input.tipRadius_m,
    tipShape: input.tipShape,
    coneHalfAngle_rad: tip.coneHalfAngle ?? 0,
    filmThickness_m: input.filmThickness_m,
    youngs_Pa: input.youngs_Pa,
    poisson: input.poisson,
    lossTangent: tan,
    amplitude_m: input.amplitude_m,
    frequency_Hz: input.frequency_Hz,
    depths_m: [...input.depths_m],
    domainRadius_m: domainRadius,
    refinement,
  };
  const model = 'FEA-lite: axisymmetric first-harmonic Q9/P1 elements, tip held still, electrode and far boundary dithered by A_l, bonded tip, free top';
  const base = { depths_m: [...curve.depths_m], force_N: curve.force, inputs, model };
  if (curve.depths_m.length < 2) return base;
  const cal = calibrateRg({ depths_m: curve.depths_m, force_N: curve.force, amplitude_m: input.amplitude_m, referenceModulus_Pa: { re: input.youngs_Pa, im: input.youngs_Pa * tan }, window: 'all' });
  return { ...base, dFdz_N_per_m: curve.dFdz, rg: cal.rg, rgMethod: 'r_g = Re[(dF/dz_p)/E*]/(4 A_l), dF/dz_p = least-squares slope over all given depths (002 Eq. 5)' };
}

const fmt = (x: number, digits = 4): string => (x === 0 ? '0' : x.toExponential(digits - 1));

/** Human-readable table of a calculator result (one row per depth, then r_g). */
export function formatFeaTable(res: FeaCalculatorResult): string {
  const i = res.inputs;
  const lines: string[] = [];
  const shape = i.tipShape === 'cone' ? `cone (half-angle ${((i.coneHalfAngle_rad * 180) / Math.PI).toFixed(1)}°)` : i.tipShape;
  lines.push(`tip ${shape}, r_t = ${fmt(i.tipRadius_m)} m; film h = ${fmt(i.filmThickness_m)} m, E' = ${fmt(i.youngs_Pa)} Pa, tanδ = ${i.lossTangent}, ν = ${i.poisson}`);
  lines.push(`A_l = ${fmt(i.amplitude_m)} m at f = ${fmt(i.frequency_Hz)} Hz; domain radius ${fmt(i.domainRadius_m)} m; mesh refinement ${i.refinement}`);
  lines.push('');
  const head = ['z_p (m)', "F' (N)", "F'' (N)", '|F| (N)', ...(res.dFdz_N_per_m ? ["dF'/dz_p (N/m)", "dF''/dz_p (N/m)"] : [])];
  const rows = res.depths_m.map((z, k) => {
    const f = res.force_N[k];
    const r = [fmt(z), fmt(f.re), fmt(f.im), fmt(Math.hypot(f.re, f.im))];
    if (res.dFdz_N_per_m) r.push(fmt(res.dFdz_N_per_m[k].re), fmt(res.dFdz_N_per_m[k].im));
    return r;
  });
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((s, c) => s.padStart(widths[c])).join('  ');
  lines.push(line(head));
  for (const r of rows) lines.push(line(r));
  if (res.rg !== undefined) {
    lines.push('');
    lines.push(`r_g = ${res.rg.toFixed(4)}   (${res.rgMethod})`);
  }
  return lines.join('\n');
}
