/**
 * Electrode surface topography with prescribed RMS roughness and correlation length, and the site
 * map that says which pixel belongs to which site class (paper 000).
 *
 * Roughness convention: RMS of the height after subtracting the least-squares plane over the whole
 * generated grid — the levelling the paper's "root mean squared (Rms) roughness of the fresh in situ
 * scanned regions of 4 × 4 µm²" implies for Gwyddion (000, "SEM characterization of SEI
 * cross-sections"; "AFM images were processed using Gwyddion software", Methods).
 *
 * Each generator builds h = a·g + b: b the deterministic structure (HOPG staircase, MCMB pits), g a
 * Gaussian random field, and a ≥ 0 solved from the quadratic a²V_g + 2aC_gb + V_b = R_q² on the
 * plane-levelled fields, so the target RMS R_q is met exactly whenever the structure alone is not
 * already rougher (then a = 0 and `truth.rmsTargetMet` is false).
 */
import type { Rng } from '../rng.js';
import { resolveParams, type ParamTable, type ParamValues } from '../params.js';
import { gaussianRandomField } from './grf.js';
import { rms, subtractPlane, validateGrid, type Grid } from './grid.js';
import { siteCode, type SubstrateKind } from './sites.js';

/** Graphite interlayer spacing c/2 = 0.3354 nm (Bernal graphite; Trucano & Chen, Nature 258, 136 (1975)). */
export const GRAPHITE_INTERLAYER_SPACING = 0.3354e-9;

/** HOPG ZYA basal-plane terraces with monolayer-multiple steps (000, Fig. 3(a)). */
export const HOPG_TOPOGRAPHY = {
  rmsRoughness: { unit: 'm', min: 0, max: 1e-8, default: 0.1e-9, doc: 'RMS roughness R_q after plane levelling', source: '000, "SEM characterization": "Rms roughness … of HOPG, HC, and MCMB are 0.1 nm, 1.4 nm, and 3.2 nm respectively"' },
  stepSpacing: { unit: 'm', min: 50e-9, max: 1e-4, default: 0.8e-6, doc: 'mean terrace width between step edges', source: 'assumption (000 Fig. 3(a) shows a few steps per 4 µm scan)' },
  stepSpacingJitter: { unit: '1', min: 0, max: 0.45, default: 0.1, doc: 'relative random jitter of step positions' },
  stepMeander: { unit: 'm', min: 0, max: 1e-6, default: 25e-9, doc: 'amplitude of the step-edge meander', source: 'assumption' },
  stepAngleSpread: { unit: 'rad', min: 0, max: 1.2, default: 0.5, doc: 'max |angle| of the steps from the slow (y) axis', source: 'assumption: steps cross every fast-axis line' },
  doubleStepFraction: { unit: '1', min: 0, max: 1, default: 0, doc: 'fraction of steps two layers (2 × 0.335 nm) high' },
  corrugationLength: { unit: 'm', min: 1e-9, max: 1e-6, default: 20e-9, doc: 'correlation length of the residual terrace corrugation', source: 'assumption' },
} as const satisfies ParamTable;

/** Polished MCMB graphite cross-section with pits of the porous surface (000, Fig. 3(d), Fig. 5). */
export const MCMB_TOPOGRAPHY = {
  rmsRoughness: { unit: 'm', min: 0, max: 1e-7, default: 3.2e-9, doc: 'RMS roughness R_q after plane levelling', source: '000, "SEM characterization": "… HOPG, HC, and MCMB are 0.1 nm, 1.4 nm, and 3.2 nm respectively"' },
  correlationLength: { unit: 'm', min: 1e-9, max: 1e-6, default: 40e-9, doc: 'correlation length ℓ of the roughness (1/e)', source: 'assumption: "nanosized regions with different orientations" (000)' },
  pitDensity: { unit: '1/m^2', min: 0, max: 1e15, default: 1.5e12, doc: 'areal density of surface pits', source: 'assumption: "the SEI fills pits in porous graphite surface" (000, Fig. 5)' },
  pitRadiusMin: { unit: 'm', min: 1e-9, max: 1e-6, default: 15e-9, doc: 'smallest pit radius' },
  pitRadiusMax: { unit: 'm', min: 1e-9, max: 1e-6, default: 45e-9, doc: 'largest pit radius' },
  pitDepth: { unit: 'm', min: 0, max: 1e-7, default: 6e-9, doc: 'mean pit depth (exponentially distributed)', source: 'assumption' },
} as const satisfies ParamTable;

/** OP-S polished hard-carbon cross-section (000, Fig. 3(g)). */
export const HARD_CARBON_TOPOGRAPHY = {
  rmsRoughness: { unit: 'm', min: 0, max: 1e-7, default: 1.4e-9, doc: 'RMS roughness R_q after plane levelling', source: '000: "due to flat surface of hard carbon (Rms = 1.4 nm)"' },
  correlationLength: { unit: 'm', min: 1e-9, max: 1e-6, default: 80e-9, doc: 'correlation length ℓ (1/e)', source: 'assumption: OP-S silica suspension "40 nm particle size" (000, Methods)' },
} as const satisfies ParamTable;

/** Polished NMC 111 composite cross-section (000, Fig. 6). */
export const NMC_TOPOGRAPHY = {
  rmsRoughness: { unit: 'm', min: 0, max: 1e-7, default: 2e-9, doc: 'RMS roughness R_q after plane levelling', source: 'assumption: 000 gives no R_q for NMC 111' },
  correlationLength: { unit: 'm', min: 1e-9, max: 1e-6, default: 150e-9, doc: 'correlation length ℓ (primary-particle scale)', source: 'assumption' },
} as const satisfies ParamTable;

export type HopgTopographyParams = ParamValues<typeof HOPG_TOPOGRAPHY>;
export type McmbTopographyParams = ParamValues<typeof MCMB_TOPOGRAPHY>;
export type HardCarbonTopographyParams = ParamValues<typeof HARD_CARBON_TOPOGRAPHY>;
export type NmcTopographyParams = ParamValues<typeof NMC_TOPOGRAPHY>;

/** A generated electrode surface: height map, site map, and what was built (truth). */
export interface SubstrateSurface {
  readonly kind: SubstrateKind;
  readonly grid: Grid;
  /** Height (m), row-major, index y·nx + x. */
  readonly height: Float64Array;
  /** Site-class codes (see SITE_CLASSES), row-major. */
  readonly sites: Uint8Array;
  readonly truth: {
    /** RMS of `height` after plane levelling over the whole grid (m). */
    readonly rmsRoughness: number;
    readonly rmsTarget: number;
    readonly rmsTargetMet: boolean;
    readonly correlationLength: number;
    /** HOPG: step heights (m) in order across the terraces. */
    readonly stepHeights?: readonly number[];
    /** MCMB: number of pits. */
    readonly pitCount?: number;
  };
}

/** Scale of the random part that makes plane-levelled RMS(a·g + b) = target (see module doc). */
function solveRandomAmplitude(g: Float64Array, b: Float64Array, nx: number, ny: number, target: number): { a: number; met: boolean } {
  const gl = subtractPlane(Float64Array.from(g), nx, ny);
  const bl = subtractPlane(Float64Array.from(b), nx, ny);
  let vg = 0;
  let vb = 0;
  let c = 0;
  for (let i = 0; i < gl.length; i++) {
    vg += gl[i] * gl[i];
    vb += bl[i] * bl[i];
    c += gl[i] * bl[i];
  }
  const n = gl.length;
  vg /= n;
  vb /= n;
  c /= n;
  const t2 = target * target;
  if (vg === 0) return { a: 0, met: Math.abs(vb - t2) <= 1e-12 * Math.max(t2, 1e-40) };
  const disc = c * c - vg * (vb - t2);
  if (disc < 0) return { a: 0, met: false };
  const a = (-c + Math.sqrt(disc)) / vg;
  if (a < 0) return { a: 0, met: false };
  return { a, met: true };
}

function finish(kind: SubstrateKind, grid: Grid, g: Float64Array, b: Float64Array, target: number, corr: number, sites: Uint8Array, extra: Partial<SubstrateSurface['truth']>): SubstrateSurface {
  const { a, met } = solveRandomAmplitude(g, b, grid.nx, grid.ny, target);
  const height = new Float64Array(g.length);
  for (let i = 0; i < height.length; i++) height[i] = a * g[i] + b[i];
  const achieved = rms(subtractPlane(Float64Array.from(height), grid.nx, grid.ny));
  return { kind, grid, height, sites, truth: { rmsRoughness: achieved, rmsTarget: target, rmsTargetMet: met, correlationLength: corr, ...extra } };
}

/**
 * HOPG basal terraces separated by step edges of 1 (or 2) graphite layers, 0.3354 nm each.
 *
 * Steps run at an angle ≤ `stepAngleSpread` from the slow axis, spaced `stepSpacing` (± jitter),
 * each meandering by a sum of three random sinusoids of amplitude `stepMeander`; heights rise
 * monotonically across the staircase (a vicinal surface), so after plane levelling the staircase is
 * a saw-tooth of RMS ≈ d/√12 = 0.097 nm for single steps — close to the paper's 0.1 nm, the rest
 * being terrace corrugation. Pixels where the layer count changes to the right or below are step-edge
 * sites, the rest basal (000: "graphite basal plane with small fraction of edge sites along step
 * edges").
 */
export function hopgTerraces(rng: Rng, grid: Grid, params: Partial<HopgTopographyParams> = {}): SubstrateSurface {
  validateGrid(grid);
  const p = resolveParams(HOPG_TOPOGRAPHY, params, 'hopgTopography');
  const { nx, ny, dx } = grid;
  const r = rng.fork('hopg-steps');
  const phi = (2 * r.uniform() - 1) * p.stepAngleSpread;
  const c = Math.cos(phi);
  const s = Math.sin(phi);
  // u: across the steps; v: along the steps (m).
  const corners = [0, nx * dx].flatMap((x) => [0, ny * dx].map((y) => x * c - y * s));
  const uMin = Math.min(...corners);
  const uMax = Math.max(...corners);
  const nSteps = Math.max(0, Math.floor((uMax - uMin) / p.stepSpacing));
  const stepU: number[] = [];
  const stepH: number[] = [];
  const meander: { amp: number; k: number; ph: number }[][] = [];
  for (let k = 0; k < nSteps; k++) {
    stepU.push(uMin + (k + 0.5 + p.stepSpacingJitter * (2 * r.uniform() - 1)) * p.stepSpacing);
    stepH.push(GRAPHITE_INTERLAYER_SPACING * (r.uniform() < p.doubleStepFraction ? 2 : 1));
    const modes = [];
    for (let m = 0; m < 3; m++) {
      const lambda = 0.4e-6 + 1.6e-6 * r.uniform();
      // three modes of N(0, ⅔M²) amplitude: meander RMS ≈ M on average
      modes.push({ amp: p.stepMeander * Math.sqrt(2 / 3) * r.normal(), k: (2 * Math.PI) / lambda, ph: 2 * Math.PI * r.uniform() });
    }
    meander.push(modes);
  }
  const layers = new Int32Array(nx * ny);
  const b = new Float64Array(nx * ny);
  // Steps are sorted along u; the meander of step k is bounded by Σ|amp|, so for a pixel only the
  // steps within that bound of u need their meander evaluated (the rest are surely passed or not).
  const bound = meander.map((m) => m.reduce((a, md) => a + Math.abs(md.amp), 0));
  const maxBound = bound.reduce((a, v) => Math.max(a, v), 0);
  const cumH = [0];
  for (let k = 0; k < nSteps; k++) cumH.push(cumH[k] + stepH[k]);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const X = (x + 0.5) * dx;
      const Y = (y + 0.5) * dx;
      const u = X * c - Y * s;
      const v = X * s + Y * c;
      // steps with stepU < u − maxBound are passed; search the rest
      let k = 0;
      while (k < nSteps && stepU[k] < u - maxBound) k++;
      let n = k;
      let h = cumH[k];
      for (; k < nSteps && stepU[k] <= u + maxBound; k++) {
        let off = 0;
        for (const md of meander[k]) off += md.amp * Math.sin(md.k * v + md.ph);
        if (u > stepU[k] + off) {
          h += stepH[k];
          n++;
        }
      }
      layers[y * nx + x] = n;
      b[y * nx + x] = h;
    }
  }
  const sites = new Uint8Array(nx * ny).fill(siteCode('hopg-basal'));
  const edge = siteCode('hopg-step-edge');
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const i = y * nx + x;
      if ((x + 1 < nx && layers[i + 1] !== layers[i]) || (y + 1 < ny && layers[i + nx] !== layers[i])) sites[i] = edge;
    }
  }
  const g = gaussianRandomField(rng.fork('hopg-corrugation'), grid, 1, p.corrugationLength);
  return finish('hopg', grid, g, b, p.rmsRoughness, p.corrugationLength, sites, { stepHeights: stepH });
}

/**
 * Polished MCMB graphite: Gaussian roughness of correlation length ℓ plus paraboloidal pits
 * (depth exponentially distributed about `pitDepth`, radius uniform in [min, max]) placed as a
 * Poisson process — the "pits in porous graphite surface" that the SEI fills (000, Fig. 5(d–f)).
 * All pixels are edge-rich graphite sites (000: "the edge to basal sites ratio on the surface is much
 * larger than on HOPG").
 */
export function polishedMcmb(rng: Rng, grid: Grid, params: Partial<McmbTopographyParams> = {}): SubstrateSurface {
  validateGrid(grid);
  const p = resolveParams(MCMB_TOPOGRAPHY, params, 'mcmbTopography');
  if (p.pitRadiusMax < p.pitRadiusMin) throw new RangeError(`mcmbTopography.pitRadiusMax = ${p.pitRadiusMax} m < pitRadiusMin = ${p.pitRadiusMin} m`);
  const { nx, ny, dx } = grid;
  const r = rng.fork('mcmb-pits');
  const area = nx * ny * dx * dx;
  const mean = p.pitDensity * area;
  let nPits = 0;
  // Poisson count by summing exponential gaps (exact for any mean).
  for (let t = -Math.log(1 - r.uniform()); t < mean; t += -Math.log(1 - r.uniform())) nPits++;
  const b = new Float64Array(nx * ny);
  for (let k = 0; k < nPits; k++) {
    const cx = r.uniform() * nx;
    const cy = r.uniform() * ny;
    const R = (p.pitRadiusMin + (p.pitRadiusMax - p.pitRadiusMin) * r.uniform()) / dx;
    const depth = -p.pitDepth * Math.log(1 - r.uniform());
    const x0 = Math.max(0, Math.floor(cx - R));
    const x1 = Math.min(nx - 1, Math.ceil(cx + R));
    const y0 = Math.max(0, Math.floor(cy - R));
    const y1 = Math.min(ny - 1, Math.ceil(cy + R));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const q = ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2) / (R * R);
        if (q < 1) b[y * nx + x] = Math.min(b[y * nx + x], -depth * (1 - q));
      }
    }
  }
  const g = gaussianRandomField(rng.fork('mcmb-roughness'), grid, 1, p.correlationLength);
  const sites = new Uint8Array(nx * ny).fill(siteCode('mcmb-edge'));
  return finish('mcmb', grid, g, b, p.rmsRoughness, p.correlationLength, sites, { pitCount: nPits });
}

/** Polished hard carbon: Gaussian roughness only; all pixels disordered-carbon sites (000). */
export function polishedHardCarbon(rng: Rng, grid: Grid, params: Partial<HardCarbonTopographyParams> = {}): SubstrateSurface {
  validateGrid(grid);
  const p = resolveParams(HARD_CARBON_TOPOGRAPHY, params, 'hardCarbonTopography');
  const g = gaussianRandomField(rng.fork('hc-roughness'), grid, 1, p.correlationLength);
  const sites = new Uint8Array(grid.nx * grid.ny).fill(siteCode('hard-carbon-disordered'));
  return finish('hard-carbon', grid, g, new Float64Array(g.length), p.rmsRoughness, p.correlationLength, sites, {});
}

/** Polished NMC 111 composite cross-section: Gaussian roughness; all pixels oxide sites (000, Fig. 6). */
export function polishedNmc(rng: Rng, grid: Grid, params: Partial<NmcTopographyParams> = {}): SubstrateSurface {
  validateGrid(grid);
  const p = resolveParams(NMC_TOPOGRAPHY, params, 'nmcTopography');
  const g = gaussianRandomField(rng.fork('nmc-roughness'), grid, 1, p.correlationLength);
  const sites = new Uint8Array(grid.nx * grid.ny).fill(siteCode('nmc111-oxide'));
  return finish('nmc111', grid, g, new Float64Array(g.length), p.rmsRoughness, p.correlationLength, sites, {});
}

/** Topography parameters of any substrate (each generator takes its own table's keys). */
export type TopographyParams = Partial<HopgTopographyParams & McmbTopographyParams & HardCarbonTopographyParams & NmcTopographyParams>;

/** The parameter table of a substrate's topography generator. */
export function topographyTable(kind: SubstrateKind): ParamTable {
  switch (kind) {
    case 'hopg':
      return HOPG_TOPOGRAPHY;
    case 'mcmb':
      return MCMB_TOPOGRAPHY;
    case 'hard-carbon':
      return HARD_CARBON_TOPOGRAPHY;
    case 'nmc111':
      return NMC_TOPOGRAPHY;
    default: {
      const never: never = kind;
      throw new Error(`unknown substrate ${String(never)}`);
    }
  }
}

/** Generate the surface of a substrate kind (dispatch on the literal union). */
export function generateSubstrate(kind: SubstrateKind, rng: Rng, grid: Grid, params: Record<string, number> = {}): SubstrateSurface {
  switch (kind) {
    case 'hopg':
      return hopgTerraces(rng, grid, params);
    case 'mcmb':
      return polishedMcmb(rng, grid, params);
    case 'hard-carbon':
      return polishedHardCarbon(rng, grid, params);
    case 'nmc111':
      return polishedNmc(rng, grid, params);
    default: {
      const never: never = kind;
      throw new Error(`unknown substrate ${String(never)}`);
    }
  }
}
