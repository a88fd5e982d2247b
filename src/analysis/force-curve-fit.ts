/**
 * Force-curve analysis from what an instrument file holds (Z piezo in m, deflection in V, the
 * nominal k and InvOLS, the assumed tip shape and sample Poisson ratio): baseline correction with
 * tilt, deflection → force, Z → tip position and indentation, contact-point detection, and fits of
 * the contact models → E*, E_s, adhesion.
 *
 * Steps (the anatomy of `004_267c2b1eb0f141f1.txt` Fig. 4; Butt, Cappella & Kappl, Surf. Sci. Rep.
 * 59, 1 (2005), §2):
 *  1. baseline: a straight line V(Z) fitted to the far (non-contact) part of each branch — removes
 *     offset, tilt (virtual deflection) and, per branch, drift;
 *  2. d = (V − baseline)·InvOLS, F = k d, tip position z_tip = Z − d (Z toward the sample);
 *  3. adhesion = −min F on the retract (3-point running mean against noise), as QNM reports it
 *     (`001_dcd3febb321b6196.txt` §2.1; `004` Fig. 4 point d);
 *  4. fits, contact point z₀ a fitted parameter, by variable projection (for each z₀ the amplitude is
 *     linear, the residual minimised over z₀ by golden-section search):
 *     - `dmt` (retract, as PeakForce QNM does): F + F_adh = (4/3)E*√R (z − z₀)^{3/2}·f_BE over the
 *       part of the retract between fractions [lo, hi] of its force range above the minimum;
 *     - `hertz` / `sneddon-cone` / `pyramid` / `flat-punch` (approach): F = C (z − z₀)₊^p with
 *       p = 3/2, 2, 2, 1 and the pre-contact points in the fit (model 0 there);
 *     - `jkr` (retract): z = z₀ + δ_JKR(F; E*, W), Levenberg–Marquardt in (ln E*, ln W, z₀) started
 *       from the DMT fit;
 *     with f_BE the Dimitriadis thin-film factor when a film thickness is given.
 *  5. E_s from E* with the given Poisson ratios (src/models/contact/modulus.ts).
 *
 * Calibration errors propagate as follows (tested in test/force-curve-calibration.test.ts): a spring
 * constant k' = κk scales every force by κ and leaves deflections in metres unchanged, so
 * E*' = κE* and F_adh' = κF_adh exactly. An InvOLS s' = (1 + ε)s scales deflections and forces by
 * (1 + ε) and shifts the indentation by −ε d (d the deflection since contact): F_adh' = (1 + ε)F_adh
 * exactly, and to first order E*'/E* = 1 + ε (1 + (3/2) α r_p) with r_p = d/δ at the peak — see
 * {@link invOLSModulusSensitivity} for the derivation of α (≈ 1.2 for the default window).
 */
import type { TipShape } from '../models/probe/tip.js';
import { validateTip, BILODEAU_PYRAMID_COEFFICIENT } from '../models/probe/tip.js';
import { dimitriadisCoefficients, dimitriadisFactor, jkrContactRadiusAtForce, type FilmAttachment } from '../models/contact/analytic.js';
import type { ContactModel } from '../models/contact/force-curve.js';
import { requiredTipKind } from '../models/contact/force-curve.js';
import { sampleModulusFromReduced } from '../models/contact/modulus.js';
import { levenbergMarquardt } from './fit.js';

/** One force curve as an instrument file holds it. */
export interface ForceCurveData {
  /** Z piezo positions of the approach [m] (increasing toward the sample). */
  readonly zApproach: ArrayLike<number>;
  /** Deflection signal of the approach [V]. */
  readonly vApproach: ArrayLike<number>;
  /** Z piezo positions of the retract [m] (decreasing). */
  readonly zRetract: ArrayLike<number>;
  readonly vRetract: ArrayLike<number>;
}

/** The calibration the analyst uses (and how it was obtained, for the report of 004). */
export interface ForceCurveCalibration {
  /** Spring constant k [N/m]. */
  readonly springConstant: number;
  /** Normal InvOLS [m/V]. */
  readonly invOLS: number;
}

/** Options of {@link fitForceCurve}. */
export interface ForceCurveFitOptions {
  readonly model: ContactModel;
  readonly tip: TipShape;
  /** Sample Poisson ratio ν_s (to report E_s). */
  readonly samplePoissonRatio: number;
  /** Tip modulus E_t [Pa] (default Infinity: rigid tip). */
  readonly tipModulus?: number;
  readonly tipPoissonRatio?: number;
  /** Fraction of each branch (far end) used for the baseline line (default 0.4). */
  readonly baselineFraction?: number;
  /** Retract fit window as fractions of the force range above the minimum (default [0.1, 0.95]). */
  readonly fitRange?: readonly [number, number];
  /** Film thickness on a rigid substrate [m] for the bottom-effect correction (default Infinity: none). */
  readonly filmThickness?: number;
  readonly filmAttachment?: FilmAttachment;
}

/** Result of {@link fitForceCurve} (SI). */
export interface ForceCurveFitResult {
  readonly model: ContactModel;
  readonly branch: 'approach' | 'retract';
  /** E* [Pa]. */
  readonly reducedModulus: number;
  /** E_s [Pa] from E* and the Poisson ratios (NaN if E* exceeds the tip's). */
  readonly sampleModulus: number;
  /** −min F of the retract [N]. */
  readonly adhesionForce: number;
  /** Work of adhesion [J/m²]: JKR fit for `jkr`, F_adh/(2πR) for `dmt`, NaN otherwise. */
  readonly adhesionWork: number;
  /** Tip position z₀ at zero indentation [m] (surface height = −z₀ + const). */
  readonly contactPoint: number;
  /** Largest force of the approach [N]. */
  readonly peakForce: number;
  /** Largest indentation in the fit window [m]. */
  readonly maxIndentation: number;
  /** Relative standard error of E* from the fit's covariance (noise of the data; NaN for `jkr`). */
  readonly reducedModulusRelStd: number;
  /** RMS residual of the fit [N] (position [m] for `jkr`). */
  readonly rmsResidual: number;
  /** Points in the fit. */
  readonly points: number;
  /** Baseline of the approach: slope [V/m], intercept [V]. */
  readonly baseline: { readonly slope: number; readonly intercept: number; readonly residualStd: number };
  readonly converged: boolean;
}

/** A converted branch: tip position and force. */
export interface ForceBranch {
  /** Tip position z_tip = Z − d [m]. */
  readonly z: Float64Array;
  /** Force F = k d [N]. */
  readonly force: Float64Array;
}

function lineFit(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number): { slope: number; intercept: number; residualStd: number } {
  const n = to - from;
  let sx = 0;
  let sy = 0;
  for (let i = from; i < to; i++) {
    sx += x[i];
    sy += y[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = from; i < to; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = my - slope * mx;
  let ss = 0;
  for (let i = from; i < to; i++) ss += (y[i] - intercept - slope * x[i]) ** 2;
  return { slope, intercept, residualStd: Math.sqrt(ss / Math.max(1, n - 2)) };
}

/**
 * Baseline-correct a curve and convert it to force vs tip position.
 *
 * Equations: V_b(Z) = a + bZ fitted on the far fraction of each branch; d = (V − V_b)·InvOLS;
 * F = k d; z_tip = Z − d (Butt et al. 2005, §2.1). Units: m, V → m, N.
 */
export function convertForceCurve(
  data: ForceCurveData,
  cal: ForceCurveCalibration,
  baselineFraction = 0.4,
): { approach: ForceBranch; retract: ForceBranch; baselineApproach: ReturnType<typeof lineFit>; baselineRetract: ReturnType<typeof lineFit> } {
  for (const [name, v] of [['springConstant', cal.springConstant], ['invOLS', cal.invOLS]] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`force-curve fit: calibration ${name} = ${v} must be finite and > 0`);
  }
  if (!(baselineFraction > 0.05 && baselineFraction < 0.95)) throw new RangeError(`force-curve fit: baselineFraction = ${baselineFraction} must be in (0.05, 0.95)`);
  const na = data.zApproach.length;
  const nr = data.zRetract.length;
  if (na < 10 || nr < 10 || data.vApproach.length !== na || data.vRetract.length !== nr) {
    throw new RangeError(`force-curve fit: branches need ≥ 10 points and equal Z/V lengths (approach ${na}/${data.vApproach.length}, retract ${nr}/${data.vRetract.length})`);
  }
  const ba = lineFit(data.zApproach, data.vApproach, 0, Math.max(3, Math.floor(na * baselineFraction)));
  const br = lineFit(data.zRetract, data.vRetract, nr - Math.max(3, Math.floor(nr * baselineFraction)), nr);
  const conv = (z: ArrayLike<number>, v: ArrayLike<number>, b: { slope: number; intercept: number }): ForceBranch => {
    const n = z.length;
    const zt = new Float64Array(n);
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const d = (v[i] - b.intercept - b.slope * z[i]) * cal.invOLS;
      f[i] = cal.springConstant * d;
      zt[i] = z[i] - d;
    }
    return { z: zt, force: f };
  };
  return { approach: conv(data.zApproach, data.vApproach, ba), retract: conv(data.zRetract, data.vRetract, br), baselineApproach: ba, baselineRetract: br };
}

/** Shape function g(δ) of the model with F = C g(δ) (δ > 0), its exponent and the E* ↔ C factor. */
function shape(model: ContactModel, tip: TipShape, film: number, nu: number, att: FilmAttachment): { g: (d: number) => number; eStarFromC: (C: number) => number } {
  switch (model) {
    case 'hertz':
    case 'dmt':
    case 'jkr': {
      if (tip.kind !== 'paraboloid') throw new RangeError(`model '${model}' needs a paraboloid tip`);
      const R = tip.radius;
      const coef = Number.isFinite(film) ? dimitriadisCoefficients(nu, att) : undefined;
      return {
        g: (d) => (d > 0 ? d * Math.sqrt(d) * (coef ? dimitriadisFactor(Math.sqrt(R * d) / film, coef).value : 1) : 0),
        eStarFromC: (C) => (3 * C) / (4 * Math.sqrt(R)),
      };
    }
    case 'sneddon-cone': {
      if (tip.kind !== 'cone') throw new RangeError(`model '${model}' needs a cone tip`);
      const t = Math.tan(tip.halfAngle);
      return { g: (d) => (d > 0 ? d * d : 0), eStarFromC: (C) => (Math.PI * C) / (2 * t) };
    }
    case 'pyramid': {
      if (tip.kind !== 'pyramid') throw new RangeError(`model '${model}' needs a pyramid tip`);
      const t = Math.tan(tip.faceAngle);
      return { g: (d) => (d > 0 ? d * d : 0), eStarFromC: (C) => C / (BILODEAU_PYRAMID_COEFFICIENT * t) };
    }
    case 'flat-punch': {
      if (tip.kind !== 'cylinder') throw new RangeError(`model '${model}' needs a cylinder tip`);
      const a = tip.radius;
      return { g: (d) => (d > 0 ? d : 0), eStarFromC: (C) => C / (2 * a) };
    }
    default: {
      const never: never = model;
      throw new Error(`unknown model ${String(never)}`);
    }
  }
}

/**
 * Variable-projection fit of y = C g(z − z₀) over points idx, z₀ in [lo, hi] (golden section);
 * points with z ≤ z₀ contribute y² (model 0). Returns C, z₀ and the residual sum of squares.
 */
function fitAmplitudeAndOnset(z: Float64Array, y: Float64Array, idx: Int32Array, g: (d: number) => number, lo: number, hi: number): { C: number; z0: number; sse: number } {
  const sseAt = (z0: number): { C: number; sse: number } => {
    let sgy = 0;
    let sgg = 0;
    let syy = 0;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      const gi = g(z[i] - z0);
      sgy += gi * y[i];
      sgg += gi * gi;
      syy += y[i] * y[i];
    }
    const C = sgg > 0 ? Math.max(0, sgy / sgg) : 0;
    return { C, sse: syy - 2 * C * sgy + C * C * sgg };
  };
  // coarse scan (robust against a non-unimodal SSE), then golden section around the best
  const nScan = 40;
  let best = lo;
  let bestS = Infinity;
  for (let j = 0; j <= nScan; j++) {
    const z0 = lo + ((hi - lo) * j) / nScan;
    const s = sseAt(z0).sse;
    if (s < bestS) {
      bestS = s;
      best = z0;
    }
  }
  const h = (hi - lo) / nScan;
  let a = Math.max(lo, best - h);
  let b = Math.min(hi, best + h);
  const gr = (Math.sqrt(5) - 1) / 2;
  let x1 = b - gr * (b - a);
  let x2 = a + gr * (b - a);
  let f1 = sseAt(x1).sse;
  let f2 = sseAt(x2).sse;
  for (let it = 0; it < 60 && b - a > 1e-15; it++) {
    if (f1 < f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - gr * (b - a);
      f1 = sseAt(x1).sse;
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + gr * (b - a);
      f2 = sseAt(x2).sse;
    }
  }
  const z0 = 0.5 * (a + b);
  const r = sseAt(z0);
  return { C: r.C, z0, sse: r.sse };
}

/**
 * Relative standard error of the amplitude C of a variable-projection fit y = C g(z − z₀), from the
 * 2 × 2 Gauss–Newton covariance s² (JᵀJ)⁻¹, J = [g_i, −C g'_i], s² = SSE/(n − 2).
 */
function amplitudeRelStd(z: Float64Array, idx: Int32Array, g: (d: number) => number, C: number, z0: number, sse: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  for (let k = 0; k < idx.length; k++) {
    const d = z[idx[k]] - z0;
    const gi = g(d);
    const h = Math.max(Math.abs(d) * 1e-6, 1e-15);
    const dg = (g(d + h) - g(d - h)) / (2 * h);
    const j2 = -C * dg;
    a += gi * gi;
    b += gi * j2;
    c += j2 * j2;
  }
  const det = a * c - b * b;
  const s2 = sse / Math.max(1, idx.length - 2);
  return det > 0 && C > 0 ? Math.sqrt((s2 * c) / det) / C : NaN;
}

function runningMin(f: Float64Array, w: number): { value: number; index: number } {
  let best = Infinity;
  let bi = 0;
  let s = 0;
  for (let i = 0; i < f.length; i++) {
    s += f[i];
    if (i >= w) s -= f[i - w];
    if (i >= w - 1 && s / w < best) {
      best = s / w;
      bi = i - Math.floor(w / 2);
    }
  }
  return { value: best, index: bi };
}

/**
 * Fit one force curve with a contact model (see the module doc for the method and sources).
 *
 * @example
 * fitForceCurve(curve, { springConstant: 6, invOLS: 50e-9 }, { model: 'dmt', tip: { kind: 'paraboloid', radius: 8e-9 }, samplePoissonRatio: 0.3 })
 */
export function fitForceCurve(data: ForceCurveData, cal: ForceCurveCalibration, options: ForceCurveFitOptions): ForceCurveFitResult {
  const model = options.model;
  validateTip(options.tip);
  if (options.tip.kind !== requiredTipKind(model)) throw new RangeError(`force-curve fit: model '${model}' needs a ${requiredTipKind(model)} tip, got '${options.tip.kind}'`);
  const nu = options.samplePoissonRatio;
  if (!Number.isFinite(nu) || nu <= -1 || nu > 0.5) throw new RangeError(`force-curve fit: samplePoissonRatio = ${nu} must be in (-1, 0.5]`);
  const film = options.filmThickness ?? Infinity;
  if (!(film > 0)) throw new RangeError(`force-curve fit: filmThickness = ${film} must be > 0 (Infinity for none)`);
  const [lo, hi] = options.fitRange ?? [0.1, 0.95];
  if (!(lo >= 0 && hi <= 1 && hi > lo)) throw new RangeError(`force-curve fit: fitRange = [${lo}, ${hi}] must satisfy 0 <= lo < hi <= 1`);
  const conv = convertForceCurve(data, cal, options.baselineFraction ?? 0.4);
  const { approach, retract } = conv;
  const sh = shape(model, options.tip, film, nu, options.filmAttachment ?? 'bonded');
  let peak = -Infinity;
  for (let i = 0; i < approach.force.length; i++) peak = Math.max(peak, approach.force[i]);
  const rmin = runningMin(retract.force, 3);
  const adhesion = -rmin.value;
  const eS = (eStar: number): number => {
    try {
      return sampleModulusFromReduced(eStar, nu, options.tipModulus ?? Infinity, options.tipPoissonRatio ?? 0.22);
    } catch {
      return NaN;
    }
  };
  const R = options.tip.kind === 'paraboloid' ? options.tip.radius : NaN;

  if (model === 'dmt' || model === 'jkr') {
    // retract window: from the turnaround (index 0) to the adhesion minimum, forces within [lo, hi] of the range
    let fTop = -Infinity;
    for (let i = 0; i <= rmin.index; i++) fTop = Math.max(fTop, retract.force[i]);
    const range = fTop - rmin.value;
    const sel: number[] = [];
    for (let i = 0; i <= rmin.index; i++) {
      const rel = (retract.force[i] - rmin.value) / range;
      if (rel >= lo && rel <= hi) sel.push(i);
    }
    if (sel.length < 4) throw new RangeError(`force-curve fit: only ${sel.length} retract points in the fit window [${lo}, ${hi}] — is the curve in contact?`);
    const idx = Int32Array.from(sel);
    const y = new Float64Array(retract.force.length);
    for (let i = 0; i < y.length; i++) y[i] = retract.force[i] + adhesion;
    let zMin = Infinity;
    let zMax = -Infinity;
    for (const i of sel) {
      zMin = Math.min(zMin, retract.z[i]);
      zMax = Math.max(zMax, retract.z[i]);
    }
    const span = Math.max(zMax - zMin, 1e-12);
    const fitD = fitAmplitudeAndOnset(retract.z, y, idx, sh.g, zMin - 6 * span - 1e-9, zMin);
    const eStarDmt = sh.eStarFromC(fitD.C);
    let maxInd = 0;
    for (const i of sel) maxInd = Math.max(maxInd, retract.z[i] - fitD.z0);
    if (model === 'dmt') {
      return {
        model,
        branch: 'retract',
        reducedModulus: eStarDmt,
        sampleModulus: eS(eStarDmt),
        adhesionForce: adhesion,
        adhesionWork: adhesion / (2 * Math.PI * R),
        contactPoint: fitD.z0,
        peakForce: peak,
        maxIndentation: maxInd,
        reducedModulusRelStd: amplitudeRelStd(retract.z, idx, sh.g, fitD.C, fitD.z0, fitD.sse),
        rmsResidual: Math.sqrt(Math.max(0, fitD.sse) / sel.length),
        points: sel.length,
        baseline: conv.baselineApproach,
        converged: Number.isFinite(eStarDmt) && eStarDmt > 0,
      };
    }
    // JKR: all contact points from the turnaround to the minimum whose force is above the minimum + 5 % of range
    const jsel: number[] = [];
    for (let i = 0; i <= rmin.index; i++) if ((retract.force[i] - rmin.value) / range >= 0.05) jsel.push(i);
    const m = jsel.length;
    const zs = Float64Array.from(jsel, (i) => retract.z[i]);
    const fs = Float64Array.from(jsel, (i) => retract.force[i]);
    const scale = 1e-9;
    const res = levenbergMarquardt(
      {
        residualCount: m,
        residuals: (p, r) => {
          const E = Math.exp(p[0]);
          const W = Math.exp(p[1]);
          const z0 = p[2] * scale;
          const Fc = 1.5 * Math.PI * R * W;
          for (let i = 0; i < m; i++) {
            const F = Math.max(fs[i], -Fc);
            const a = jkrContactRadiusAtForce(E, R, W, F);
            const d = (a * a) / R - Math.sqrt((2 * Math.PI * W * a) / E);
            r[i] = (zs[i] - z0 - d) / scale;
          }
        },
      },
      [Math.log(eStarDmt), Math.log(adhesion / (1.5 * Math.PI * R)), fitD.z0 / scale],
    );
    const E = Math.exp(res.params[0]);
    return {
      model,
      branch: 'retract',
      reducedModulus: E,
      sampleModulus: eS(E),
      adhesionForce: adhesion,
      adhesionWork: Math.exp(res.params[1]),
      contactPoint: res.params[2] * scale,
      peakForce: peak,
      maxIndentation: maxInd,
      reducedModulusRelStd: NaN,
      rmsResidual: Math.sqrt(res.cost / m) * scale,
      points: m,
      baseline: conv.baselineApproach,
      converged: res.converged,
    };
  }

  // Approach fits: window around the contact region, contact point fitted
  const za = approach.z;
  const fa = approach.force;
  const n = fa.length;
  let ip = 0;
  for (let i = 0; i < n; i++) if (fa[i] > fa[ip]) ip = i;
  const sigma = conv.baselineApproach.residualStd * cal.invOLS * cal.springConstant;
  let ic = ip;
  while (ic > 0 && fa[ic] > 3 * sigma) ic--;
  const zc = za[ic];
  const width = Math.max(za[ip] - zc, 1e-12);
  const sel: number[] = [];
  for (let i = 0; i <= ip; i++) if (za[i] >= zc - 1.5 * width) sel.push(i);
  if (sel.length < 4) throw new RangeError(`force-curve fit: only ${sel.length} approach points around the contact`);
  const idx = Int32Array.from(sel);
  const fit = fitAmplitudeAndOnset(za, fa, idx, sh.g, zc - 1.5 * width, zc + 0.7 * width);
  const eStar = sh.eStarFromC(fit.C);
  return {
    model,
    branch: 'approach',
    reducedModulus: eStar,
    sampleModulus: eS(eStar),
    adhesionForce: adhesion,
    adhesionWork: NaN,
    contactPoint: fit.z0,
    peakForce: peak,
    maxIndentation: za[ip] - fit.z0,
    reducedModulusRelStd: amplitudeRelStd(za, idx, sh.g, fit.C, fit.z0, fit.sse),
    rmsResidual: Math.sqrt(Math.max(0, fit.sse) / sel.length),
    points: sel.length,
    baseline: conv.baselineApproach,
    converged: Number.isFinite(eStar) && eStar > 0,
  };
}

/** Per-pixel maps of a force-volume fit (row-major ny × nx). */
export interface ForceMapFit {
  readonly nx: number;
  readonly ny: number;
  readonly reducedModulus: Float64Array;
  readonly sampleModulus: Float64Array;
  readonly adhesionForce: Float64Array;
  /** Height = −contact point [m]. */
  readonly height: Float64Array;
  readonly peakForce: Float64Array;
  readonly maxIndentation: Float64Array;
  /** 1 where the fit failed (values NaN). */
  readonly failed: Uint8Array;
}

/**
 * Fit every curve of a force-volume map (curves stored contiguously, pixel p at [p·m, (p+1)·m)).
 *
 * @param filmThickness optional per-pixel film thickness [m] for the bottom-effect correction (Infinity: none)
 */
export function fitForceMap(
  map: { readonly nx: number; readonly ny: number; readonly pointsPerBranch: number; readonly observed: { zApproach: Float64Array; vApproach: Float64Array; zRetract: Float64Array; vRetract: Float64Array } },
  cal: ForceCurveCalibration,
  options: ForceCurveFitOptions,
  filmThickness?: Float64Array,
  progress?: (fraction: number) => void,
): ForceMapFit {
  const { nx, ny, pointsPerBranch: m } = map;
  const np = nx * ny;
  if (filmThickness && filmThickness.length !== np) throw new RangeError(`fitForceMap: filmThickness has ${filmThickness.length} values, expected ${np}`);
  const out: ForceMapFit = {
    nx,
    ny,
    reducedModulus: new Float64Array(np),
    sampleModulus: new Float64Array(np),
    adhesionForce: new Float64Array(np),
    height: new Float64Array(np),
    peakForce: new Float64Array(np),
    maxIndentation: new Float64Array(np),
    failed: new Uint8Array(np),
  };
  const o = map.observed;
  for (let p = 0; p < np; p++) {
    const s = p * m;
    const e = s + m;
    try {
      const r = fitForceCurve(
        { zApproach: o.zApproach.subarray(s, e), vApproach: o.vApproach.subarray(s, e), zRetract: o.zRetract.subarray(s, e), vRetract: o.vRetract.subarray(s, e) },
        cal,
        filmThickness ? { ...options, filmThickness: filmThickness[p] } : options,
      );
      out.reducedModulus[p] = r.reducedModulus;
      out.sampleModulus[p] = r.sampleModulus;
      out.adhesionForce[p] = r.adhesionForce;
      out.height[p] = -r.contactPoint;
      out.peakForce[p] = r.peakForce;
      out.maxIndentation[p] = r.maxIndentation;
      if (!r.converged) out.failed[p] = 1;
    } catch {
      out.failed[p] = 1;
      out.reducedModulus[p] = NaN;
      out.sampleModulus[p] = NaN;
      out.adhesionForce[p] = NaN;
      out.height[p] = NaN;
      out.peakForce[p] = NaN;
      out.maxIndentation[p] = NaN;
    }
    if (progress && (p + 1) % nx === 0) progress((p + 1) / np);
  }
  return out;
}

/**
 * Film thickness from a measured height map by segmentation: the substrate level is a low
 * percentile of the heights (the bare substrate is the lowest region), thickness = height − level,
 * and pixels thinner than `minThickness` count as bare substrate (Infinity: no bottom effect).
 * Units: m.
 */
export function estimateFilmThickness(height: Float64Array, options: { percentile?: number; minThickness?: number } = {}): { thickness: Float64Array; substrateLevel: number } {
  const pct = options.percentile ?? 0.2;
  const minT = options.minThickness ?? 5e-9;
  const finite = Array.from(height).filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) throw new RangeError('estimateFilmThickness: no finite heights');
  const level = finite[Math.min(finite.length - 1, Math.floor(pct * finite.length))];
  const t = new Float64Array(height.length);
  for (let i = 0; i < height.length; i++) {
    const d = height[i] - level;
    t[i] = Number.isFinite(d) && d >= minT ? d : Infinity;
  }
  return { thickness: t, substrateLevel: level };
}

/**
 * First-order sensitivity of a Hertz-type (F ∝ δ^{3/2}) modulus fit to an InvOLS error:
 * E*'/E* = 1 + ε S, S = 1 + (3/2) α r_p, for InvOLS' = (1 + ε) InvOLS.
 *
 * Derivation: the analyst's force is F' = (1 + ε)F and indentation δ' = δ − ε d with d = r_p δ_p
 * (δ/δ_p)^{3/2} the deflection since contact (r(δ) = d/δ = r_p √(δ/δ_p) for F ∝ δ^{3/2}). Fitting
 * F' = C'(δ' − b')^{3/2} with a free contact point b', to first order C' = C(1 + ε a), b' = ε b δ_p,
 * and the residual per point is F·ε[a − 1 − (3/2) r(δ) − (3/2) b δ_p/δ]. Least squares over the
 * window (weights F² ∝ δ³, points ~ uniform in δ on [l δ_p, δ_p]) projects √(δ/δ_p) on {1, δ_p/δ}:
 * a − 1 = (3/2) r_p α with α = (b₁A₂₂ − b₂A₁₂)/(A₁₁A₂₂ − A₁₂²), A₁₁ = (1 − l⁴)/4, A₁₂ = (1 − l³)/3,
 * A₂₂ = (1 − l²)/2, b₁ = (1 − l^{4.5})/4.5, b₂ = (1 − l^{3.5})/3.5. For a window starting at a
 * fraction f of the force range, l = f^{2/3} (α = 1.195 for f = 0.1; α = 1.143 for l = 0, the
 * approach fit). Dimensionless.
 * @param deflectionToIndentation r_p = d/δ at the peak force (d since contact)
 * @param windowLow lower end f of the fit window as a fraction of the force range (0 for approach fits)
 */
export function invOLSModulusSensitivity(deflectionToIndentation: number, windowLow: number): number {
  if (!(deflectionToIndentation >= 0) || !(windowLow >= 0 && windowLow < 1)) {
    throw new RangeError(`invOLSModulusSensitivity: r = ${deflectionToIndentation} must be >= 0 and windowLow = ${windowLow} in [0, 1)`);
  }
  const l = windowLow ** (2 / 3);
  const A11 = (1 - l ** 4) / 4;
  const A12 = (1 - l ** 3) / 3;
  const A22 = (1 - l ** 2) / 2;
  const b1 = (1 - l ** 4.5) / 4.5;
  const b2 = (1 - l ** 3.5) / 3.5;
  const alpha = (b1 * A22 - b2 * A12) / (A11 * A22 - A12 * A12);
  return 1 + 1.5 * alpha * deflectionToIndentation;
}
