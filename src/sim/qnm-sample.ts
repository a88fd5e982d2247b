/**
 * Sample generator for the `qnm-sei-map` scenario: a polished hard-carbon (HC) particle with an SEI
 * microspot formed by an SECCM droplet in 1 M NaPF₆ in diglyme — a thin, uniform inner layer covered
 * by particulate deposits — as characterised in `003_47f56aa074086b1d.txt`.
 *
 * Values from 003 (Results, "Formation of SEI Microspots" and Fig. 3, Fig. S4):
 *  - "The first layer was again a thin, uniform layer approximately 10–14 nm thick (Figure 3f)";
 *  - "a heterogeneous layer of particulate deposits, with an average thickness of 36.3 ± 7 nm (n = 5,
 *    same particle, different areas) (Figure 3g)";
 *  - adhesion: "the thin layer part of the SEI layer is on average less adhesive than the pristine HC
 *    particles (19.2 ± 6.2 nN vs 8.3 ± 5.7 nN, reflecting 57 % less adhesion; n = 100)", "The deposits
 *    of the upper SEI layer exhibit adhesion properties similar to those of the pristine particles
 *    (21.9 ± 6.2 nN; n = 100)";
 *  - modulus: "pristine: 1.41 ± 0.42 GPa; thin SEI layer: 0.82 ± 0.70 GPa; particulate deposits:
 *    1.71 ± 0.52 GPa; n = 100".
 * Each per-pixel value is drawn from a log-normal with that mean and standard deviation (so no
 * modulus or adhesion is negative): σ_ln² = ln(1 + s²/m²), μ_ln = ln m − σ_ln²/2. Adhesion forces are
 * converted to works of adhesion for the tip radius R: W = F_adh/(2πR) (DMT) or F_adh/(1.5πR) (JKR),
 * so that the perfectly sampled retract minimum equals the drawn force. The HC roughness is 1.4 nm RMS
 * (`000_bee64fa28ec11129.txt`: "flat surface of hard carbon (Rms = 1.4 nm)"). Modulus and adhesion are
 * drawn independently (003 gives no correlation). The thin layer and deposits rest on HC treated as a
 * rigid substrate for the bottom effect (Dimitriadis et al. 2002) — an approximation, since HC's
 * measured modulus is itself ~1.4 GPa; 003 notes that "the observed high variation of the data may
 * result from probing the underlying HC in thin film areas". Poisson ratio 0.3 is assumed (003 gives
 * none).
 */
import type { Rng } from '../models/rng.js';
import type { ParamTable, ParamValues } from '../models/params.js';
import { resolveParams } from '../models/params.js';
import type { ContactModel } from '../models/contact/force-curve.js';
import type { SampleMap } from './force-curve.js';

/** The populations of 003 Fig. S4. */
export const QNM_POPULATIONS = ['pristine', 'thin-layer', 'deposit'] as const;
export type QnmPopulation = (typeof QNM_POPULATIONS)[number];

/** Mean ± SD of modulus [Pa] and adhesion force [N] per population (003, Results, Fig. S4; n = 100 each). */
export const SALEH_2025_FIG_S4: Readonly<Record<QnmPopulation, { modulusMean: number; modulusSd: number; adhesionMean: number; adhesionSd: number }>> = {
  pristine: { modulusMean: 1.41e9, modulusSd: 0.42e9, adhesionMean: 19.2e-9, adhesionSd: 6.2e-9 },
  'thin-layer': { modulusMean: 0.82e9, modulusSd: 0.7e9, adhesionMean: 8.3e-9, adhesionSd: 5.7e-9 },
  deposit: { modulusMean: 1.71e9, modulusSd: 0.52e9, adhesionMean: 21.9e-9, adhesionSd: 6.2e-9 },
};

/** Geometry and material parameters of the QNM sample (SI). */
export const QNM_SAMPLE = {
  pixels: { unit: '1', min: 2, max: 1024, integer: true, default: 64, doc: 'pixels per side (nx = ny)' },
  scanSize: { unit: 'm', min: 1e-8, max: 1e-4, default: 3e-6, doc: 'scan size (square)' },
  spotRadius: { unit: 'm', min: 0, max: 1e-4, default: 1.0e-6, doc: 'radius of the SEI microspot (SECCM droplet footprint)' },
  layerThicknessMin: {
    unit: 'm',
    min: 1e-9,
    max: 1e-6,
    default: 10e-9,
    doc: 'thin-layer thickness, lower end',
    source: '003_47f56aa074086b1d.txt, Results: "a thin, uniform layer approximately 10–14 nm thick (Figure 3f)"',
  },
  layerThicknessMax: { unit: 'm', min: 1e-9, max: 1e-6, default: 14e-9, doc: 'thin-layer thickness, upper end', source: '003, Fig. 3f (as above)' },
  depositHeightMean: {
    unit: 'm',
    min: 1e-9,
    max: 1e-6,
    default: 36.3e-9,
    doc: 'mean height of the particulate deposits above the thin layer',
    source: '003_47f56aa074086b1d.txt, Results: "average thickness of 36.3 ± 7 nm (n = 5 …) (Figure 3g)"',
  },
  depositHeightSd: { unit: 'm', min: 0, max: 1e-6, default: 7e-9, doc: 'SD of the deposit height', source: '003, Fig. 3g (as above)' },
  depositRadiusMin: { unit: 'm', min: 1e-9, max: 1e-5, default: 60e-9, doc: 'smallest deposit radius (assumed)' },
  depositRadiusMax: { unit: 'm', min: 1e-9, max: 1e-5, default: 160e-9, doc: 'largest deposit radius (assumed)' },
  depositCoverage: { unit: '1', min: 0, max: 0.9, default: 0.25, doc: 'fraction of the spot area covered by deposits (assumed)' },
  roughnessRms: {
    unit: 'm',
    min: 0,
    max: 1e-6,
    default: 1.4e-9,
    doc: 'RMS roughness of the polished HC surface',
    source: '000_bee64fa28ec11129.txt, Results: "flat surface of hard carbon (Rms = 1.4 nm)"',
  },
  roughnessCorrelationLength: { unit: 'm', min: 1e-9, max: 1e-4, default: 300e-9, doc: 'lateral correlation length of the HC roughness (assumed)' },
  poissonRatio: { unit: '1', min: -0.99, max: 0.5, default: 0.3, doc: 'Poisson ratio ν of HC and SEI (assumed; 003 gives none)' },
  tipRadius: { unit: 'm', min: 1e-10, max: 1e-5, default: 8e-9, doc: 'tip radius R used to turn adhesion forces into works of adhesion (true radius of the probe)' },
} as const satisfies ParamTable;

export type QnmSampleParams = ParamValues<typeof QNM_SAMPLE>;

/** The generated sample with its per-pixel truth. */
export interface QnmSample {
  readonly map: SampleMap;
  /** Population index per pixel: 0 pristine, 1 thin layer, 2 deposit (order of {@link QNM_POPULATIONS}). */
  readonly population: Uint8Array;
  /** Topography (height above the mean HC surface) [m]. */
  readonly topography: Float64Array;
  /** The adhesion force each pixel was drawn with [N] (= the perfectly sampled retract minimum). */
  readonly adhesionForceTarget: Float64Array;
  /** SEI thickness over HC [m] (0 on pristine HC). */
  readonly seiThickness: Float64Array;
}

/**
 * Log-normal deviate with arithmetic mean m and standard deviation s.
 *
 * Equation: X = exp(μ + σ Z), σ² = ln(1 + s²/m²), μ = ln m − σ²/2, Z ~ N(0, 1) (E X = m, SD X = s).
 */
export function logNormalFromMoments(rng: Rng, mean: number, sd: number): number {
  if (!(mean > 0) || !(sd >= 0) || !Number.isFinite(mean) || !Number.isFinite(sd)) throw new RangeError(`logNormalFromMoments: mean = ${mean} must be > 0 and sd = ${sd} >= 0`);
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * rng.normal());
}

/** Smooth zero-mean random field of unit RMS: sum of 48 random plane waves with wavelengths ~ correlation length. */
function smoothField(rng: Rng, nx: number, ny: number, pixel: number, corr: number): Float64Array {
  const modes = 48;
  const out = new Float64Array(nx * ny);
  const kx: number[] = [];
  const ky: number[] = [];
  const ph: number[] = [];
  for (let m = 0; m < modes; m++) {
    // Gaussian spectrum of width 1/corr: k ~ N(0, 1/corr²) per component
    kx.push(rng.normal() / corr);
    ky.push(rng.normal() / corr);
    ph.push(2 * Math.PI * rng.uniform());
  }
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      let s = 0;
      for (let m = 0; m < modes; m++) s += Math.cos(kx[m] * i * pixel + ky[m] * j * pixel + ph[m]);
      out[j * nx + i] = s * Math.sqrt(2 / modes);
    }
  }
  return out;
}

/**
 * Generate the hard-carbon / SEI-microspot sample of `qnm-sei-map`.
 *
 * @param model the contact model the map will be simulated with (sets W from the drawn adhesion force)
 * @param rng forks 'topography', 'layer', 'deposits', 'modulus', 'adhesion'
 */
export function generateQnmSample(values: Partial<QnmSampleParams>, model: ContactModel, rng: Rng): QnmSample {
  const p = resolveParams(QNM_SAMPLE, values);
  if (p.layerThicknessMax < p.layerThicknessMin) throw new RangeError(`qnm sample: layerThicknessMax = ${p.layerThicknessMax} m < layerThicknessMin = ${p.layerThicknessMin} m`);
  if (p.depositRadiusMax < p.depositRadiusMin) throw new RangeError(`qnm sample: depositRadiusMax = ${p.depositRadiusMax} m < depositRadiusMin = ${p.depositRadiusMin} m`);
  const n = p.pixels;
  const np = n * n;
  const px = p.scanSize / n;
  const rough = smoothField(rng.fork('topography'), n, n, px, p.roughnessCorrelationLength);
  const layerField = smoothField(rng.fork('layer'), n, n, px, 2 * p.roughnessCorrelationLength);
  const cx = 0.6 * p.scanSize;
  const cy = 0.5 * p.scanSize;
  // deposits: discs (dome profile) placed uniformly in the spot until the coverage is reached
  const dep = rng.fork('deposits');
  const spotArea = Math.PI * p.spotRadius * p.spotRadius;
  const discs: { x: number; y: number; r: number; h: number }[] = [];
  let area = 0;
  while (area < p.depositCoverage * spotArea && discs.length < 10000) {
    const rr = p.spotRadius * Math.sqrt(dep.uniform());
    const th = 2 * Math.PI * dep.uniform();
    const r = p.depositRadiusMin + (p.depositRadiusMax - p.depositRadiusMin) * dep.uniform();
    const h = Math.max(0.3 * p.depositHeightMean, p.depositHeightMean + p.depositHeightSd * dep.normal());
    discs.push({ x: cx + rr * Math.cos(th), y: cy + rr * Math.sin(th), r, h });
    area += Math.PI * r * r;
  }
  const population = new Uint8Array(np);
  const topography = new Float64Array(np);
  const sei = new Float64Array(np);
  const film = new Float64Array(np);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const q = j * n + i;
      const x = (i + 0.5) * px;
      const y = (j + 0.5) * px;
      let t = 0;
      let pop = 0;
      if (Math.hypot(x - cx, y - cy) <= p.spotRadius) {
        const mid = 0.5 * (p.layerThicknessMin + p.layerThicknessMax);
        const amp = 0.5 * (p.layerThicknessMax - p.layerThicknessMin);
        t = mid + amp * Math.max(-1, Math.min(1, layerField[q] / 1.5));
        pop = 1;
        let dh = 0;
        for (const d of discs) {
          const rho = Math.hypot(x - d.x, y - d.y);
          if (rho < d.r) dh = Math.max(dh, d.h * Math.sqrt(1 - (rho / d.r) ** 2));
        }
        // a pixel is deposit where the dome rises more than 15 % of the mean deposit height above the
        // layer (its rim below that is not resolved and is treated as bare thin layer)
        if (dh > 0.15 * p.depositHeightMean) {
          pop = 2;
          t += dh;
        }
      }
      population[q] = pop;
      sei[q] = t;
      film[q] = t > 0 ? t : Infinity;
      topography[q] = p.roughnessRms * rough[q] + t;
    }
  }
  const modRng = rng.fork('modulus');
  const adhRng = rng.fork('adhesion');
  const E = new Float64Array(np);
  const W = new Float64Array(np);
  const Fad = new Float64Array(np);
  const wPerForce = model === 'jkr' ? 1 / (1.5 * Math.PI * p.tipRadius) : 1 / (2 * Math.PI * p.tipRadius);
  for (let q = 0; q < np; q++) {
    const pop = SALEH_2025_FIG_S4[QNM_POPULATIONS[population[q]]];
    E[q] = logNormalFromMoments(modRng, pop.modulusMean, pop.modulusSd);
    Fad[q] = logNormalFromMoments(adhRng, pop.adhesionMean, pop.adhesionSd);
    W[q] = model === 'dmt' || model === 'jkr' ? Fad[q] * wPerForce : 0;
  }
  const surfaceZ = new Float64Array(np);
  for (let q = 0; q < np; q++) surfaceZ[q] = -topography[q];
  return {
    map: {
      nx: n,
      ny: n,
      pixelSize: px,
      youngsModulus: E,
      poissonRatio: new Float64Array(np).fill(p.poissonRatio),
      adhesionWork: W,
      filmThickness: film,
      filmAttachment: 'bonded',
      surfaceZ,
    },
    population,
    topography,
    adhesionForceTarget: Fad,
    seiThickness: sei,
  };
}
