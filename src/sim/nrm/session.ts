/**
 * An operando 1D-NRM session (`002_bf87beaba622041e.txt` §5): during the first cathodic sweep
 * (OCV → 0.005 V vs Na/Na⁺ at 1 mV/s) the instrument visits a grid of spots on the rough
 * hard-carbon electrode, several adjacent measurements per ~20 × 20 nm² spot, and records one
 * approach curve per location; the spot grid is re-measured in every voltage window. Each curve is
 * stamped with time and potential. The SEI at each location and window is drawn from a preset
 * (src/models/nrm/nagarathinam2026.ts); the rough electrode height from a Gaussian random field
 * (src/models/substrate/grf.ts).
 *
 * Random streams (forked by name from the run's root, so adding one never shifts another):
 * `topography`, `sites` (population latents), `sei-w{w}-s{spot}` / `sei-w{w}-c{curve}` (film
 * parameters), `normal-c{curve}`, `lateral-c{curve}` (noise), `interference`.
 */
import { filmProfile, type Film } from '../../models/film/film.js';
import { modulusIntegralTable, type ModulusIntegralTable } from '../../models/nrm/forces.js';
import { stiffnessAt, type LateralStiffnessTable } from '../../models/nrm/lateral.js';
import { drawFilm, type NrmSeiPreset } from '../../models/nrm/nagarathinam2026.js';
import type { ParamValues } from '../../models/params.js';
import type { Rng } from '../../models/rng.js';
import { gaussianRandomField } from '../../models/substrate/grf.js';
import type { FilmProfile } from '../../models/film/film.js';
import { potentialAt } from '../../models/electrochem/program.js';
import { nrmSweepProgram } from './cv.js';
import { simulateNrmCurve, type NrmInstrument, type NrmLocationFilm } from './instrument.js';
import type { NRM_ELECTRODE, NRM_GRID, NRM_SWEEP } from './params.js';

/** Computes the lateral stiffness table K*(z) of one location's film (the fidelity model). */
export type LateralStiffnessProvider = (film: Film, profile: FilmProfile, integral: ModulusIntegralTable) => LateralStiffnessTable;

/** A measurement location (fixed for the whole session). */
export interface NrmLocation {
  /** Spot index (raster order). */
  readonly spot: number;
  /** Position on the electrode, m. */
  readonly x: number;
  readonly y: number;
  /** Height of the hard surface at (x, y), m. */
  readonly surfaceHeight: number;
  /** Latent N(0,1) that selects the SEI population at this site (fixed in time). */
  readonly populationLatent: number;
  /** Phase of the optical-interference ripple, rad. */
  readonly interferencePhase: number;
}

/** Session configuration (SI). */
export interface NrmSessionConfig {
  readonly preset: NrmSeiPreset;
  readonly electrode: ParamValues<typeof NRM_ELECTRODE>;
  readonly grid: ParamValues<typeof NRM_GRID>;
  readonly sweep: ParamValues<typeof NRM_SWEEP>;
  readonly instrument: NrmInstrument;
  readonly lateral: LateralStiffnessProvider;
  /** Heights at which the true E*(z) is tabulated for truth/, m. */
  readonly truthHeights: Float64Array;
  /** Piezo position at which the undeflected tip touches a surface of height 0, m. */
  readonly zOffset: number;
}

/** Everything one session produced: observed data, and the truth beside it. */
export interface NrmSession {
  readonly curves: number;
  readonly steps: number;
  readonly locations: readonly NrmLocation[];
  /** Per curve: location index, window index, start time (s). */
  readonly curveLocation: Int32Array;
  readonly curveWindow: Int32Array;
  // --- data (row-major curves × steps) ---
  readonly z: Float64Array;
  readonly normal: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly time: Float64Array;
  readonly potential: Float64Array;
  // --- truth ---
  readonly truthZp: Float64Array;
  readonly truthDeflection: Float64Array;
  readonly truthForceRe: Float64Array;
  readonly truthForceIm: Float64Array;
  /** Per curve: true contact Z, engage Z (m), film thickness (m), population index, overload flag. */
  readonly contactZ: Float64Array;
  readonly engageZ: Float64Array;
  readonly filmThickness: Float64Array;
  readonly population: Int32Array;
  readonly overload: Uint8Array;
  /** True E'(z), E''(z) on `truthHeights` per curve (curves × heights), Pa; 0 above the film. */
  readonly truthStorage: Float64Array;
  readonly truthLoss: Float64Array;
  /** True Poisson ratio ν(z) on `truthHeights` (0.5 above the film: the liquid electrolyte). */
  readonly truthPoisson: Float64Array;
  /**
   * −dK'/dz_p and −dK''/dz_p of the true film lateral stiffness K* = F_l* / A_l (the fidelity model,
   * noise-free, exact depth) on `truthHeights`, Pa: divided by 4 r_g this is what Eq. 5 gives at
   * best (the "Eq. 5 limit"); it equals E*(z) only where Eq. 4 holds locally.
   */
  readonly truthLateralGradientRe: Float64Array;
  readonly truthLateralGradientIm: Float64Array;
  /**
   * The true film lateral stiffness K*(z) = F_l*(z)/A_l (the fidelity model, noise-free) at
   * tip-end heights `truthHeights` above the electrode, N/m (0 above the film): the scoring takes
   * the pipeline's own derivative of it for the Eq. 5 limit.
   */
  readonly truthLateralStiffnessRe: Float64Array;
  readonly truthLateralStiffnessIm: Float64Array;
  /** The film at every curve (layers from the electrode up). */
  readonly films: readonly Film[];
  /** The electrode height map (m) and its grid, for truth/. */
  readonly topography: { readonly height: Float64Array; readonly nx: number; readonly ny: number; readonly dx: number; readonly x0: number; readonly y0: number };
}

/** Time (s) at which the sweep reaches potential E (V). */
export function sweepTime(sweep: ParamValues<typeof NRM_SWEEP>, E: number): number {
  return (sweep.openCircuitPotential - E) / sweep.scanRate;
}

/** Number of locations per window (spots × measurements per spot). */
export function locationsPerWindow(grid: ParamValues<typeof NRM_GRID>): number {
  return grid.spotsX * grid.spotsY * grid.measurementsPerSpot;
}

/**
 * Time budget per curve in each window, s: window duration / curves, to compare with the
 * instrument's time per curve (steps × dwell + move overhead).
 */
export function timePerCurveBudget(preset: NrmSeiPreset, sweep: ParamValues<typeof NRM_SWEEP>, grid: ParamValues<typeof NRM_GRID>): number[] {
  const n = locationsPerWindow(grid);
  return preset.windows.map((w) => (Math.min(w.potentialHigh, sweep.openCircuitPotential) - Math.max(w.potentialLow, sweep.vertexPotential)) / sweep.scanRate / n);
}

/** Bilinear interpolation in a row-major map with origin (x0, y0) and pixel dx. */
function bilinear(map: Float64Array, nx: number, ny: number, dx: number, x0: number, y0: number, x: number, y: number): number {
  const fx = Math.min(nx - 1.000001, Math.max(0, (x - x0) / dx));
  const fy = Math.min(ny - 1.000001, Math.max(0, (y - y0) / dx));
  const i = Math.floor(fx);
  const j = Math.floor(fy);
  const tx = fx - i;
  const ty = fy - j;
  const a = map[j * nx + i];
  const b = map[j * nx + i + 1];
  const c = map[(j + 1) * nx + i];
  const d = map[(j + 1) * nx + i + 1];
  return (1 - ty) * ((1 - tx) * a + tx * b) + ty * ((1 - tx) * c + tx * d);
}

/**
 * The measurement locations: spots on a serpentine raster of `pitch`, each holding
 * `measurementsPerSpot` points on a ⌈√m⌉-column sub-grid spread over `spotSize`; surface heights
 * from the electrode map; population latents √ρ g_spot + √(1−ρ) g_point (ρ = preset.spotCorrelation).
 */
export function nrmLocations(rng: Rng, cfg: NrmSessionConfig): { locations: NrmLocation[]; topography: NrmSession['topography'] } {
  const g = cfg.grid;
  const e = cfg.electrode;
  const m = g.measurementsPerSpot;
  const cols = Math.ceil(Math.sqrt(m));
  const rows = Math.ceil(m / cols);
  const margin = g.spotSize + 2 * e.mapPixel;
  const x0 = -margin;
  const y0 = -margin;
  const nx = Math.max(2, Math.ceil(((g.spotsX - 1) * g.pitch + 2 * margin) / e.mapPixel) + 1);
  const ny = Math.max(2, Math.ceil(((g.spotsY - 1) * g.pitch + 2 * margin) / e.mapPixel) + 1);
  const height = gaussianRandomField(rng.fork('topography'), { nx, ny, dx: e.mapPixel }, e.rmsRoughness, e.correlationLength);
  const sites = rng.fork('sites');
  const interf = rng.fork('interference');
  const rho = cfg.preset.spotCorrelation;
  const locations: NrmLocation[] = [];
  let spot = 0;
  for (let iy = 0; iy < g.spotsY; iy++) {
    for (let k = 0; k < g.spotsX; k++) {
      const ix = iy % 2 === 0 ? k : g.spotsX - 1 - k;
      const gs = sites.normal();
      for (let j = 0; j < m; j++) {
        const cx = j % cols;
        const cy = Math.floor(j / cols);
        const x = ix * g.pitch + (cols > 1 ? ((cx + 0.5) / cols - 0.5) * g.spotSize : 0);
        const y = iy * g.pitch + (rows > 1 ? ((cy + 0.5) / rows - 0.5) * g.spotSize : 0);
        const gp = sites.normal();
        locations.push({
          spot,
          x,
          y,
          surfaceHeight: bilinear(height, nx, ny, e.mapPixel, x0, y0, x, y),
          populationLatent: Math.sqrt(rho) * gs + Math.sqrt(1 - rho) * gp,
          interferencePhase: 2 * Math.PI * interf.uniform(),
        });
      }
      spot++;
    }
  }
  return { locations, topography: { height, nx, ny, dx: e.mapPixel, x0, y0 } };
}

/**
 * −dK* /dz of a lateral-stiffness table at the given heights (Pa): central differences on the
 * table's grid (one-sided at its ends), linearly interpolated; 0 above the film.
 */
export function lateralGradient(t: LateralStiffnessTable, heights: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void {
  const n = t.storage.length;
  const gRe = new Float64Array(n);
  const gIm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - 1);
    const b = Math.min(n - 1, i + 1);
    gRe[i] = -(t.storage[b] - t.storage[a]) / ((b - a) * t.spacing);
    gIm[i] = -(t.loss[b] - t.loss[a]) / ((b - a) * t.spacing);
  }
  for (let j = 0; j < heights.length; j++) {
    const z = heights[j];
    if (!(z < t.thickness)) {
      outRe[j] = 0;
      outIm[j] = 0;
      continue;
    }
    const x = Math.max(0, z) / t.spacing;
    const i = Math.min(n - 2, Math.floor(x));
    const f = x - i;
    outRe[j] = gRe[i] + f * (gRe[i + 1] - gRe[i]);
    outIm[j] = gIm[i] + f * (gIm[i + 1] - gIm[i]);
  }
}

/** Build the force tables of one location's film. */
export function locationFilm(film: Film, frequency: number, lateral: LateralStiffnessProvider): NrmLocationFilm {
  const profile = filmProfile(film, frequency);
  const integral = modulusIntegralTable(profile);
  return { profile, integral, lateral: lateral(film, profile, integral) };
}

/**
 * Run the session: for each window of the preset (high to low potential), visit every location in
 * raster order, one curve each, in equal time slots of the window; the ramp of curve i starts after
 * the move overhead of its slot. `progress` is called with the fraction of curves done.
 */
export function runNrmSession(rng: Rng, cfg: NrmSessionConfig, progress: (f: number) => void = () => {}): NrmSession {
  const inst = cfg.instrument;
  const N = inst.config.approach.steps;
  const { locations, topography } = nrmLocations(rng, cfg);
  const L = locations.length;
  const W = cfg.preset.windows.length;
  const C = L * W;
  const H = cfg.truthHeights.length;
  const mk = (n: number) => new Float64Array(n);
  const s = {
    z: mk(C * N), normal: mk(C * N), x: mk(C * N), y: mk(C * N), time: mk(C * N), potential: mk(C * N),
    truthZp: mk(C * N), truthDeflection: mk(C * N), truthForceRe: mk(C * N), truthForceIm: mk(C * N),
    contactZ: mk(C), engageZ: mk(C), filmThickness: mk(C), population: new Int32Array(C), overload: new Uint8Array(C),
    truthStorage: mk(C * H), truthLoss: mk(C * H), truthPoisson: new Float64Array(C * H).fill(0.5), truthLateralGradientRe: mk(C * H), truthLateralGradientIm: mk(C * H), truthLateralStiffnessRe: mk(C * H), truthLateralStiffnessIm: mk(C * H), curveLocation: new Int32Array(C), curveWindow: new Int32Array(C),
  };
  const budgets = timePerCurveBudget(cfg.preset, cfg.sweep, cfg.grid);
  const program = nrmSweepProgram(cfg.sweep);
  const f = inst.config.dither.frequency;
  const tmp = new Float64Array(3);
  const films: Film[] = [];
  let c = 0;
  for (let w = 0; w < W; w++) {
    const win = cfg.preset.windows[w];
    const tw = sweepTime(cfg.sweep, Math.min(win.potentialHigh, cfg.sweep.openCircuitPotential));
    for (let l = 0; l < L; l++, c++) {
      const loc = locations[l];
      const drawn = drawFilm(cfg.preset, w, loc.populationLatent, rng.fork(`sei-w${w}-s${loc.spot}`), rng.fork(`sei-w${w}-c${c}`));
      films.push(drawn.film);
      const lf = locationFilm(drawn.film, f, cfg.lateral);
      const startTime = tw + l * budgets[w] + inst.config.approach.moveOverhead;
      const sl = (a: Float64Array) => a.subarray(c * N, (c + 1) * N);
      const res = simulateNrmCurve(
        inst,
        { contactZ0: cfg.zOffset - loc.surfaceHeight, startTime, film: lf, interferencePhase: loc.interferencePhase },
        rng.fork(`normal-c${c}`),
        rng.fork(`lateral-c${c}`),
        { z: sl(s.z), normal: sl(s.normal), x: sl(s.x), y: sl(s.y), time: sl(s.time) },
        { zp: sl(s.truthZp), deflection: sl(s.truthDeflection), forceRe: sl(s.truthForceRe), forceIm: sl(s.truthForceIm) },
      );
      for (let k = 0; k < N; k++) s.potential[c * N + k] = potentialAt(program, s.time[c * N + k]);
      s.contactZ[c] = res.contactZ;
      s.engageZ[c] = res.engageZ;
      s.overload[c] = res.overload ? 1 : 0;
      s.filmThickness[c] = lf.profile.thickness;
      s.population[c] = drawn.population;
      s.curveLocation[c] = l;
      s.curveWindow[c] = w;
      for (let j = 0; j < H; j++) {
        const zh = cfg.truthHeights[j];
        if (zh <= lf.profile.thickness) {
          lf.profile.at(zh, tmp);
          s.truthStorage[c * H + j] = tmp[0];
          s.truthLoss[c * H + j] = tmp[1];
          s.truthPoisson[c * H + j] = tmp[2];
        }
      }
      lateralGradient(lf.lateral, cfg.truthHeights, s.truthLateralGradientRe.subarray(c * H, (c + 1) * H), s.truthLateralGradientIm.subarray(c * H, (c + 1) * H));
      for (let j = 0; j < H; j++) {
        stiffnessAt(lf.lateral, cfg.truthHeights[j], tmp);
        s.truthLateralStiffnessRe[c * H + j] = tmp[0];
        s.truthLateralStiffnessIm[c * H + j] = tmp[1];
      }
      if ((c & 15) === 15) progress((c + 1) / C);
    }
  }
  progress(1);
  return { curves: C, steps: N, locations, topography, films, ...s };
}
