/**
 * The r_g calibration study of issue 3, on the FEA-lite: the set-up of Fig. 2e of
 * `002_bf87beaba622041e.txt` (1 MPa and 10 MPa layers, tip radii 10 and 20 nm, A_l = 2 nm,
 * 1 kHz), r_g sweeps over tip radius, film thickness, Poisson ratio, tip shape and domain size,
 * and the Fig. 2f "internal stiff skin" film (truth E*(z) vs the Eq. 5 estimate from dF/dz_p).
 *
 * Returns plain typed data (series for plots, tables); the scenario `rg-calibration.yaml` and its
 * plots wrap it. r_g is always obtained the way the paper does, Eq. 5 on a homogeneous reference
 * layer with the slope over the linear part of the curve — by `calibrateRg` (src/analysis/rg.ts,
 * window rule stated in each result).
 */
import { type Complex } from '../models/complex.js';
import { feaForceCurve } from '../models/fea/curve.js';
import { type FeaOptions } from '../models/fea/solve.js';
import { type TipGeometry, type TipShape } from '../models/fea/tip.js';
import { constantLoss, filmProfile, homogeneousFilm, type Film } from '../models/film/film.js';
import { nagarathinam2026Fig2fSkin } from '../models/film/presets.js';
import { calibrateRg, localRg, type RgCalibration } from '../analysis/rg.js';

/** The paper's value: r_g = (1/(4 × 2 nm × 1 MPa)) × (1 nN / 100 nm) ≈ 1.25 (002 §4, Fig. 2e). */
export const PAPER_RG = 1.25;

/** Study options (all SI). Defaults: the paper's Fig. 2e set-up with seisim's baseline geometry. */
export interface RgStudyOptions {
  /** Baseline tip (default flat cylinder, r_t = 10 nm; 002 §4 models the tip as a cylinder). */
  readonly tip?: TipGeometry;
  /** Baseline reference-layer thickness, m (default 100 nm). */
  readonly thickness?: number;
  /** Baseline Poisson ratio (default 0.45). */
  readonly poissonRatio?: number;
  /** Baseline domain radius, m (default 300 nm, the FEA default). */
  readonly domainRadius?: number;
  /** Dither (default A_l = 2 nm, f = 1 kHz; 002 §4). */
  readonly amplitude?: number;
  readonly frequency?: number;
  /** Depths per curve (default 25; `quick` uses 12 and shorter sweeps). */
  readonly depthsPerCurve?: number;
  readonly quick?: boolean;
}

/** One force–penetration curve with its calibration. */
export interface RgCurve {
  readonly label: string;
  readonly youngs_Pa: number;
  readonly tip: TipGeometry;
  readonly thickness_m: number;
  readonly poisson: number;
  readonly domainRadius_m: number;
  readonly depths_m: number[];
  readonly force_N: Complex[];
  readonly dFdz_N_per_m: Complex[];
  /** Depth-resolved r_g(z_p) = (dF/dz_p)/(4 A_l E) at interval midpoints. */
  readonly localRg: { readonly depth_m: number[]; readonly rg: number[] };
  readonly calibration: RgCalibration;
}

/** One r_g sweep. */
export interface RgSweep {
  readonly parameter: 'tipRadius' | 'filmThickness' | 'poissonRatio' | 'tipShape' | 'domainRadius';
  readonly unit: string;
  readonly values: (number | string)[];
  readonly rg: number[];
  readonly windows: { from_m: number; to_m: number; points: number }[];
}

/** The Fig. 2f skin-layer case: truth vs Eq. 5 estimate. */
export interface SkinCase {
  readonly film: Film;
  readonly depths_m: number[];
  readonly force_N: Complex[];
  readonly dFdz_N_per_m: Complex[];
  /** E*(z_p) estimated by Eq. 5 with the r_g calibrated on the homogeneous matrix material. */
  readonly estimate_Pa: Complex[];
  /** True E*(z_p) at the tip-end depth. */
  readonly truth_Pa: Complex[];
  readonly rgUsed: number;
  /** Peak of the estimate inside the skin / skin modulus, and the depth shift of the peak (m). */
  readonly peakRatio: number;
  readonly peakShift_m: number;
}

/** Everything the study produces. */
export interface RgStudyResult {
  readonly paperRg: number;
  readonly baseline: { tip: TipGeometry; thickness_m: number; poisson: number; domainRadius_m: number; amplitude_m: number; frequency_Hz: number };
  readonly fig2e: RgCurve[];
  readonly sweeps: RgSweep[];
  readonly skin: SkinCase;
  /** One-line findings for the report/README. */
  readonly findings: string[];
}

function depthGrid(h: number, n: number, tip: TipGeometry): number[] {
  const lo = 0.02 * h;
  const hi = tip.shape === 'flat' ? 0.98 * h : 0.96 * h;
  return Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1));
}

function curve(label: string, E: number, tip: TipGeometry, h: number, nu: number, b: number, A: number, f: number, n: number): RgCurve {
  const film = homogeneousFilm(h, constantLoss(E, 0), nu);
  const depths = depthGrid(h, n, tip);
  const opts: FeaOptions = { domainRadius: b };
  const c = feaForceCurve(film, tip, { amplitude: A, frequency: f }, depths, opts);
  const cal = calibrateRg({ depths_m: c.depths_m, force_N: c.force, amplitude_m: A, referenceModulus_Pa: E });
  const loc = localRg(c.depths_m, c.force, A, E);
  return {
    label,
    youngs_Pa: E,
    tip,
    thickness_m: h,
    poisson: nu,
    domainRadius_m: b,
    depths_m: [...c.depths_m],
    force_N: c.force,
    dFdz_N_per_m: c.dFdz,
    localRg: { depth_m: [...loc.depth_m], rg: [...loc.rg] },
    calibration: cal,
  };
}

/**
 * Run the r_g study (see module doc). Cost ≈ (number of curves) × (depths per curve) FEA solves,
 * ~40 ms each: ~30–60 s at the defaults, a few seconds with `quick`.
 */
export function rgStudy(options: RgStudyOptions = {}): RgStudyResult {
  const tip: TipGeometry = options.tip ?? { shape: 'flat', radius: 10e-9 };
  const h = options.thickness ?? 100e-9;
  const nu = options.poissonRatio ?? 0.45;
  const b = options.domainRadius ?? 300e-9;
  const A = options.amplitude ?? 2e-9;
  const f = options.frequency ?? 1000;
  const quick = options.quick ?? false;
  const n = options.depthsPerCurve ?? (quick ? 12 : 25);
  const E0 = 1e6;

  // Fig. 2e: 1 and 10 MPa, r_t = 10 and 20 nm
  const fig2e: RgCurve[] = [];
  for (const E of [1e6, 10e6]) {
    for (const r of [10e-9, 20e-9]) {
      fig2e.push(curve(`E = ${E / 1e6} MPa, r_t = ${r * 1e9} nm`, E, { ...tip, radius: r }, h, nu, b, A, f, n));
    }
  }

  const sweep = (parameter: RgSweep['parameter'], unit: string, values: (number | string)[], make: (v: number | string) => RgCurve): RgSweep => {
    const cs = values.map(make);
    return { parameter, unit, values, rg: cs.map((c) => c.calibration.rg), windows: cs.map((c) => ({ from_m: c.calibration.window.from_m, to_m: c.calibration.window.to_m, points: c.calibration.window.points })) };
  };
  const radii = quick ? [5e-9, 10e-9, 20e-9, 40e-9] : [5e-9, 7.5e-9, 10e-9, 15e-9, 20e-9, 30e-9, 40e-9];
  const thicknesses = quick ? [50e-9, 100e-9, 200e-9] : [30e-9, 50e-9, 100e-9, 150e-9, 200e-9];
  const poissons = quick ? [0.3, 0.45, 0.499] : [0.3, 0.4, 0.45, 0.49, 0.499];
  const shapes: TipShape[] = ['flat', 'round', 'cone'];
  const domains = quick ? [150e-9, 300e-9, 1200e-9] : [150e-9, 300e-9, 600e-9, 1200e-9];
  const sweeps: RgSweep[] = [
    sweep('tipRadius', 'm', radii, (r) => curve(`r_t = ${r}`, E0, { ...tip, radius: r as number }, h, nu, Math.max(b, 8 * (r as number)), A, f, n)),
    sweep('filmThickness', 'm', thicknesses, (t) => curve(`h = ${t}`, E0, tip, t as number, nu, b, A, f, n)),
    sweep('poissonRatio', '1', poissons, (v) => curve(`ν = ${v}`, E0, tip, h, v as number, b, A, f, n)),
    sweep('tipShape', '', shapes, (s) => curve(`${s}`, E0, s === 'cone' ? { shape: 'cone', radius: tip.radius, coneHalfAngle: (20 * Math.PI) / 180 } : { shape: s as TipShape, radius: tip.radius }, h, nu, b, A, f, n)),
    sweep('domainRadius', 'm', domains, (d) => curve(`b = ${d}`, E0, tip, h, nu, d as number, A, f, n)),
  ];

  // Fig. 2f: skin layer inside the 1 MPa matrix; r_g from the homogeneous matrix (the baseline 1 MPa curve)
  const baseCurve = fig2e.find((c) => c.youngs_Pa === E0 && c.tip.radius === tip.radius) ?? fig2e[0];
  const rgUsed = baseCurve.calibration.rg;
  const skinFilm = nagarathinam2026Fig2fSkin({ thickness: h, poissonRatio: nu });
  const skinDepths = Array.from({ length: quick ? 30 : 60 }, (_, k) => 0.02 * h + ((0.96 * h - 0.02 * h) * k) / ((quick ? 30 : 60) - 1));
  const sc = feaForceCurve(skinFilm, tip, { amplitude: A, frequency: f }, skinDepths, { domainRadius: b });
  const prof = filmProfile(skinFilm, f);
  const estimate = sc.dFdz.map((d) => ({ re: d.re / (4 * rgUsed * A), im: d.im / (4 * rgUsed * A) }));
  const truth = skinDepths.map((d) => prof.modulus(h - d));
  let kPeak = 0;
  estimate.forEach((e, k) => {
    if (e.re > estimate[kPeak].re) kPeak = k;
  });
  const skinE = Math.max(...prof.layerModuli.map((m) => m.re));
  const skinCentre = skinDepths[truth.reduce((best, t, k) => (t.re > truth[best].re ? k : best), 0)];
  let tSum = 0;
  let tN = 0;
  truth.forEach((t, k) => {
    if (t.re === skinE) {
      tSum += skinDepths[k];
      tN++;
    }
  });
  const centre = tN > 0 ? tSum / tN : skinCentre;
  const skin: SkinCase = {
    film: skinFilm,
    depths_m: skinDepths,
    force_N: sc.force,
    dFdz_N_per_m: sc.dFdz,
    estimate_Pa: estimate,
    truth_Pa: truth,
    rgUsed,
    peakRatio: estimate[kPeak].re / skinE,
    peakShift_m: skinDepths[kPeak] - centre,
  };

  const rng = (s: RgSweep): string => `${Math.min(...s.rg).toFixed(3)}–${Math.max(...s.rg).toFixed(3)}`;
  const findings = [
    `baseline r_g = ${rgUsed.toFixed(3)} (flat r_t = ${tip.radius * 1e9} nm, h = ${h * 1e9} nm, ν = ${nu}, b = ${b * 1e9} nm); paper: ${PAPER_RG} (ratio ${(PAPER_RG / rgUsed).toFixed(2)})`,
    `Fig. 2e: r_g(1 MPa, 10 nm) = ${fig2e[0].calibration.rg.toFixed(3)}, (1 MPa, 20 nm) = ${fig2e[1].calibration.rg.toFixed(3)}, (10 MPa, 10 nm) = ${fig2e[2].calibration.rg.toFixed(3)}, (10 MPa, 20 nm) = ${fig2e[3].calibration.rg.toFixed(3)}`,
    ...sweeps.map((s) => `${s.parameter}: r_g ${rng(s)} over ${s.values.map((v) => (typeof v === 'number' ? (s.unit === 'm' ? `${+(v * 1e9).toFixed(1)} nm` : v) : v)).join(', ')}`),
    `skin (Fig. 2f): Eq. 5 peak ${(skin.peakRatio * 100).toFixed(0)} % of the true skin modulus, peak shifted ${(skin.peakShift_m * 1e9).toFixed(1)} nm from the skin centre`,
  ];
  return { paperRg: PAPER_RG, baseline: { tip, thickness_m: h, poisson: nu, domainRadius_m: b, amplitude_m: A, frequency_Hz: f }, fig2e, sweeps, skin, findings };
}
