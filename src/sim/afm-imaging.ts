/**
 * In situ tapping-mode AFM imaging during a potential program (paper 000: "In situ AFM measurements
 * were performed in a tapping mode using Cypher ES microscope … with 512 × 512 pixels resolution",
 * 4 × 4 µm scan areas, CV at 2 mV/s), with the artefacts of a real instrument:
 *
 * - every line stamped with its time and the electrode potential, so a frame spans a potential
 *   range (000 Fig. 3(c): frames 1–9 during one CV);
 * - tip convolution: grey-scale dilation of the surface by the tip (Villarrubia, J. Res. NIST 102,
 *   425 (1997)), tip = paraboloid apex of radius R blended into a cone of half-angle θ;
 * - feedback error along the fast axis: first-order lag of the height, τ_fb;
 * - piezo drift (linear in x, y, z from t = 0, the start of the experiment) and slow-axis creep
 *   after each frame's fly-back;
 * - line noise: a random offset per line plus white noise per pixel (separate RNG streams);
 * - the tip's removal of weakly bound deposits ("permanently scraped off by the cantilever", 000 on
 *   hard carbon) — every pass resets the weakly bound film under the tip until it is anchored;
 * - the unscanned control region that review 004 asks for ("cross-check the operando scanned area
 *   against a previously unscanned area"): a larger post-CV scan containing the scanned window.
 *
 * The instrument returns `{ clean, observed, noise, meta }`: clean = the true surface at the
 * commanded positions and line times; observed = what the microscope records.
 */
import type { Rng } from '../models/rng.js';
import { resolveParams, type ParamTable, type ParamValues } from '../models/params.js';
import type { Grid } from '../models/substrate/grid.js';
import type { SeiState } from '../models/sei/growth.js';
import { pixelThickness, processIntegralsAt, type ProcessIntegrals } from '../models/sei/growth.js';
import { addBlistersToRow, type Blister } from '../models/sei/blisters.js';

/** Imaging settings (SI). */
export const AFM_IMAGING = {
  scanSize: { unit: 'm', min: 1e-8, max: 1e-4, default: 4e-6, doc: 'scan size (square)', source: '000 Fig. 3: "4 × 4 µm squares … depict in situ scan areas"' },
  pixels: { unit: '1', min: 8, max: 4096, integer: true, default: 512, doc: 'pixels per line and lines per frame', source: '000 Methods: "512 × 512 pixels resolution"' },
  lineRate: { unit: 'Hz', min: 0.01, max: 100, default: 1.54, doc: 'lines per second (trace + retrace)', source: 'assumption: 9 frames per 2990 s CV cycle (000 Fig. 3(c) frames 1–9)' },
  tipConvolution: { unit: '1', min: 0, max: 1, integer: true, default: 1, doc: 'switch: dilate the surface by the tip shape' },
  tipApexRadius: { unit: 'm', min: 1e-10, max: 1e-6, default: 8e-9, doc: 'tip apex radius R', source: 'assumption: Si tapping tip (000 Methods: "Si cantilever with 140 kHz resonance frequency and 0.6 N/m")' },
  tipHalfAngle: { unit: 'rad', min: 0.05, max: 1.5, default: 0.35, doc: 'tip cone half-angle θ', source: 'assumption (≈20°)' },
  maxTipDepth: { unit: 'm', min: 1e-9, max: 1e-6, default: 120e-9, doc: 'depth of tip profile kept in the structuring element' },
  feedbackTime: { unit: 's', min: 0, max: 1, default: 3e-4, doc: 'feedback time constant τ_fb (first-order lag of the height)' },
  pixelNoise: { unit: 'm', min: 0, max: 1e-8, default: 0.02e-9, doc: 'white height noise σ per pixel' },
  lineNoise: { unit: 'm', min: 0, max: 1e-8, default: 0.02e-9, doc: 'random offset σ per scan line' },
  driftX: { unit: 'm/s', min: -1e-9, max: 1e-9, default: 8e-12, doc: 'lateral drift velocity x (0.5 nm/min)' },
  driftY: { unit: 'm/s', min: -1e-9, max: 1e-9, default: -5e-12, doc: 'lateral drift velocity y' },
  driftZ: { unit: 'm/s', min: -1e-9, max: 1e-9, default: 2e-13, doc: 'vertical (z piezo / thermal) drift velocity' },
  creepAmplitude: { unit: 'm', min: -1e-6, max: 1e-6, default: 12e-9, doc: 'slow-axis creep after the frame fly-back' },
  creepTime: { unit: 's', min: 0.01, max: 1e4, default: 20, doc: 'creep relaxation time' },
  tipSweeping: { unit: '1', min: 0, max: 1, integer: true, default: 1, doc: 'switch: the tip removes weakly bound deposits it passes over' },
} as const satisfies ParamTable;

export type AfmImagingSettings = ParamValues<typeof AFM_IMAGING>;

/** The sample the microscope looks at: a world grid larger than the scan (drift, control region). */
export interface ImagingWorld {
  readonly grid: Grid;
  /** Substrate height (m) on the world grid. */
  readonly substrate: Float64Array;
  readonly sei: SeiState;
  readonly blisters: readonly Blister[];
  /** Relative height scale of the substrate at time t (e.g. NMC lattice breathing); default 1. */
  readonly substrateScale?: (time: number) => number;
}

/** What the tip has swept off so far: per process, the film thickness at the last removal per world pixel (m; 0: never). */
export interface TipSweepState {
  readonly removedH: readonly (Float64Array | null)[];
  /** Number of line passes that removed material. */
  removals: number;
}

/** A fresh sweep state (nothing removed yet); only weakly bound processes get a map. */
export function createTipSweepState(world: ImagingWorld): TipSweepState {
  const n = world.grid.nx * world.grid.ny;
  return {
    removedH: world.sei.processes.map((ps) => (ps.process.binding.kind === 'weak' ? new Float64Array(n) : null)),
    removals: 0,
  };
}

/** One acquisition: where, when and how many frames. */
export interface ScanRequest {
  /** World pixel of the image's first pixel (x, y). */
  readonly originX: number;
  readonly originY: number;
  /** World pixels per image pixel (1 for the in situ frames; 2 for an 8 µm overview at 512²). */
  readonly stride: number;
  readonly frames: number;
  /** Time at which the first line starts (s). */
  readonly startTime: number;
  /** Electrode potential at time t (V), for the line stamps. */
  readonly potentialAt: (time: number) => number;
}

/** Image frames with their per-line stamps. Heights in m, row-major (line r, pixel i). */
export interface FrameSet {
  readonly pixels: number;
  /** Image pixel size (m). */
  readonly pixelSize: number;
  readonly frames: readonly Float64Array[];
  /** Mid-trace time of every line, frame-major (frames × pixels) (s). */
  readonly lineTime: Float64Array;
  /** Electrode potential at every line's time (V). */
  readonly linePotential: Float64Array;
}

/** The imaging instrument's output. */
export interface ImagingResult {
  readonly clean: FrameSet;
  readonly observed: FrameSet;
  readonly noise: { readonly pixelSigma: number; readonly lineSigma: number; readonly model: string };
  readonly meta: {
    readonly settings: AfmImagingSettings;
    readonly request: Omit<ScanRequest, 'potentialAt'>;
    readonly lineDuration: number;
    readonly frameDuration: number;
    readonly structuringElementRadius: number;
    /** Lateral position of the tip relative to the command at each line (m), frame-major. */
    readonly offsetX: Float64Array;
    readonly offsetY: Float64Array;
  };
}

/**
 * Height of the paraboloid-capped cone above its apex at radial distance r (m): r²/(2R) up to the
 * tangent radius r_t = R/tan θ, then z_t + (r − r_t)/tan θ (Villarrubia 1997, blunt-tip model).
 */
export function tipHeight(r: number, apexRadius: number, halfAngle: number): number {
  const cot = 1 / Math.tan(halfAngle);
  const rt = apexRadius * cot;
  if (r <= rt) return (r * r) / (2 * apexRadius);
  return (rt * rt) / (2 * apexRadius) + (r - rt) * cot;
}

/** A structuring element: pixel offsets sorted by tip height (ascending). */
export interface StructuringElement {
  readonly du: Int32Array;
  readonly dv: Int32Array;
  readonly z: Float64Array;
  readonly radius: number;
}

/** The tip as a structuring element on a grid of pixel size dx, truncated at depth zMax. */
export function tipStructuringElement(dx: number, apexRadius: number, halfAngle: number, zMax: number): StructuringElement {
  let R = 0;
  while (tipHeight((R + 1) * dx, apexRadius, halfAngle) <= zMax) R++;
  const items: [number, number, number][] = [];
  for (let v = -R; v <= R; v++)
    for (let u = -R; u <= R; u++) {
      const z = tipHeight(Math.hypot(u, v) * dx, apexRadius, halfAngle);
      if (z <= zMax) items.push([u, v, z]);
    }
  items.sort((a, b) => a[2] - b[2] || a[1] - b[1] || a[0] - b[0]);
  return { du: Int32Array.from(items.map((i) => i[0])), dv: Int32Array.from(items.map((i) => i[1])), z: Float64Array.from(items.map((i) => i[2])), radius: R };
}

/**
 * Grey-scale dilation of one output row by a structuring element, with early-out.
 *
 * out[x] = max over (u, v) of band[r₀ + v][x + u] − z(u, v). Offsets are visited by increasing
 * tip height; once z(u, v) ≥ M(x) − best (M(x) the band's maximum within the element's footprint)
 * no later offset can win, so the loop stops — exact, unlike separable approximations.
 * `band` holds `bandRows` rows of width `w`; the output row is band row `r0`; columns 0…w−1, with
 * offsets falling outside the band ignored.
 */
export function dilateRow(out: Float64Array, band: Float64Array, w: number, bandRows: number, r0: number, se: StructuringElement, localMax: Float64Array): void {
  const { du, dv, z } = se;
  const K = z.length;
  for (let x = 0; x < w; x++) {
    let best = band[r0 * w + x];
    const M = localMax[x];
    for (let k = 1; k < K; k++) {
      const zk = z[k];
      if (zk >= M - best) break;
      const xx = x + du[k];
      const yy = r0 + dv[k];
      if (xx < 0 || xx >= w || yy < 0 || yy >= bandRows) continue;
      const c = band[yy * w + xx] - zk;
      if (c > best) best = c;
    }
    out[x] = best;
  }
}

/** Column-wise max over the band, then a sliding max over ±R columns (van Herk / Gil–Werman). */
function bandLocalMax(band: Float64Array, w: number, rows: number, R: number, out: Float64Array, tmp: Float64Array): void {
  for (let x = 0; x < w; x++) {
    let m = -Infinity;
    for (let y = 0; y < rows; y++) if (band[y * w + x] > m) m = band[y * w + x];
    tmp[x] = m;
  }
  const W = 2 * R + 1;
  const g = new Float64Array(w);
  const h = new Float64Array(w);
  for (let x = 0; x < w; x++) g[x] = x % W === 0 ? tmp[x] : Math.max(g[x - 1], tmp[x]);
  for (let x = w - 1; x >= 0; x--) h[x] = x === w - 1 || (x + 1) % W === 0 ? tmp[x] : Math.max(h[x + 1], tmp[x]);
  for (let x = 0; x < w; x++) {
    const lo = Math.max(0, x - R);
    const hi = Math.min(w - 1, x + R);
    out[x] = Math.max(h[lo], g[hi]);
  }
}

/**
 * True surface height along world row `row`, columns x0…x0+n−1 (clamped to the grid), at time t
 * (process integrals `at` = K_j(t), G_j(t)): substrate (scaled) + every SEI process's visible film +
 * blisters. The weakly bound film swept by the tip shows only what regrew since the last removal,
 * H(t) − H(t_r) (models/sei/growth.ts `pixelThickness`).
 */
export function surfaceRow(world: ImagingWorld, sweep: TipSweepState | null, row: number, x0: number, n: number, time: number, at: ProcessIntegrals, out: Float64Array): void {
  const { nx, ny } = world.grid;
  const y = Math.min(ny - 1, Math.max(0, row));
  const scale = world.substrateScale ? world.substrateScale(time) : 1;
  const base = y * nx;
  for (let i = 0; i < n; i++) {
    const x = Math.min(nx - 1, Math.max(0, x0 + i));
    out[i] = world.substrate[base + x] * scale;
  }
  const procs = world.sei.processes;
  for (let j = 0; j < procs.length; j++) {
    const ps = procs[j];
    const ck = ps.coverK;
    const K = at.K[j];
    const G = at.G[j];
    const rh = sweep ? sweep.removedH[j] : null;
    for (let i = 0; i < n; i++) {
      const x = Math.min(nx - 1, Math.max(0, x0 + i));
      const p = base + x;
      if (!(K > ck[p])) continue;
      const H = pixelThickness(ps, p, K, G);
      out[i] += rh !== null ? Math.max(0, H - rh[p]) : H;
    }
  }
  if (world.blisters.length > 0) {
    const tmp = new Float64Array(n);
    addBlistersToRow(tmp, world.blisters, world.grid, y, x0, n, time);
    for (let i = 0; i < n; i++) out[i] += tmp[i];
  }
}

/**
 * Acquire frames: raster line by line (fast axis x, slow axis y, trace then retrace), each line at
 * its own time and potential. Streams: `imaging-line-noise`, `imaging-pixel-noise`.
 */
export function acquireFrames(rng: Rng, world: ImagingWorld, sweep: TipSweepState, request: ScanRequest, settings: Partial<AfmImagingSettings> = {}): ImagingResult {
  const s = resolveParams(AFM_IMAGING, settings, 'imaging');
  const { grid } = world;
  const n = s.pixels;
  const stride = request.stride;
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`scan.stride = ${stride}: expected an integer ≥ 1`);
  if (!Number.isInteger(request.frames) || request.frames < 1) throw new RangeError(`scan.frames = ${request.frames}: expected an integer ≥ 1`);
  if (Math.abs(s.scanSize - n * stride * grid.dx) > 1e-6 * s.scanSize) {
    throw new RangeError(`imaging.scanSize = ${s.scanSize} m does not equal pixels × stride × world pixel (${n} × ${stride} × ${grid.dx} m)`);
  }
  const dx = grid.dx;
  const lineDuration = 1 / s.lineRate;
  const frameDuration = n * lineDuration;
  const se = s.tipConvolution ? tipStructuringElement(dx, s.tipApexRadius, s.tipHalfAngle, s.maxTipDepth) : { du: new Int32Array([0]), dv: new Int32Array([0]), z: new Float64Array([0]), radius: 0 };
  const R = se.radius;
  const bandRows = 2 * R + 2;
  const wcols = n * stride + 2 * R + 4;
  const band = new Float64Array(bandRows * wcols);
  const dil0 = new Float64Array(wcols);
  const dil1 = new Float64Array(wcols);
  const lmax = new Float64Array(wcols);
  const tmpMax = new Float64Array(wcols);
  const cleanRow = new Float64Array(n * stride);
  const lineRng = rng.fork('imaging-line-noise');
  const pixRng = rng.fork('imaging-pixel-noise');
  const procs = world.sei.processes;
  const at: ProcessIntegrals = { K: new Float64Array(procs.length), G: new Float64Array(procs.length) };
  const alpha = s.feedbackTime > 0 ? 1 - Math.exp(-lineDuration / 2 / n / s.feedbackTime) : 1;
  const framesObs: Float64Array[] = [];
  const framesClean: Float64Array[] = [];
  const L = request.frames * n;
  const lineTime = new Float64Array(L);
  const linePotential = new Float64Array(L);
  const offX = new Float64Array(L);
  const offY = new Float64Array(L);
  const t0 = request.startTime;
  for (let f = 0; f < request.frames; f++) {
    const obs = new Float64Array(n * n);
    const cln = new Float64Array(n * n);
    const frameStart = t0 + f * frameDuration;
    for (let r = 0; r < n; r++) {
      const li = f * n + r;
      const tLine = frameStart + r * lineDuration;
      const t = tLine + lineDuration / 4; // middle of the trace half
      lineTime[li] = t;
      linePotential[li] = request.potentialAt(t);
      processIntegralsAt(world.sei, t, at);
      // tip position relative to the command (world pixels)
      const ox = (s.driftX * t) / dx;
      const oy = (s.driftY * t + s.creepAmplitude * Math.exp(-(t - frameStart) / s.creepTime)) / dx;
      offX[li] = ox * dx;
      offY[li] = oy * dx;
      const yw = request.originY + r * stride + oy;
      const xw0 = request.originX + ox;
      const yi = Math.floor(yw);
      const fy = yw - yi;
      const xi0 = Math.floor(xw0);
      const fx = xw0 - xi0;
      const colStart = xi0 - R - 1;
      // band rows yi − R … yi + 1 + R
      for (let b = 0; b < bandRows; b++) surfaceRow(world, sweep, yi - R + b, colStart, wcols, t, at, band.subarray(b * wcols, (b + 1) * wcols));
      if (R > 0) {
        bandLocalMax(band, wcols, bandRows, R, lmax, tmpMax);
        dilateRow(dil0, band, wcols, bandRows, R, se, lmax);
        dilateRow(dil1, band, wcols, bandRows, R + 1, se, lmax);
      } else {
        dil0.set(band.subarray(0, wcols));
        dil1.set(band.subarray(wcols, 2 * wcols));
      }
      // sample the dilated surface at the tip positions (bilinear), then the feedback lag
      let fb = 0;
      const zOff = s.driftZ * t + s.lineNoise * lineRng.normal();
      for (let i = 0; i < n; i++) {
        const c = R + 1 + i * stride; // column of xi0 + i·stride in band coordinates
        const a0 = dil0[c] * (1 - fx) + dil0[c + 1] * fx;
        const a1 = dil1[c] * (1 - fx) + dil1[c + 1] * fx;
        const h = a0 * (1 - fy) + a1 * fy;
        fb = i === 0 ? h : fb + alpha * (h - fb);
        obs[r * n + i] = fb + zOff + s.pixelNoise * pixRng.normal();
      }
      // clean: true surface at the commanded positions
      surfaceRow(world, sweep, request.originY + r * stride, request.originX, n * stride, t, at, cleanRow);
      for (let i = 0; i < n; i++) cln[r * n + i] = cleanRow[i * stride];
      // the tip sweeps the weakly bound film off the row it traced (before anchoring)
      if (s.tipSweeping) {
        const row = Math.round(yw);
        if (row >= 0 && row < grid.ny) {
          let swept = false;
          for (let j = 0; j < procs.length; j++) {
            const rh = sweep.removedH[j];
            if (rh === null || !(t < procs[j].anchorTime)) continue;
            swept = true;
            const xa = Math.max(0, Math.round(xw0));
            const xb = Math.min(grid.nx - 1, Math.round(xw0 + (n - 1) * stride));
            const base = row * grid.nx;
            for (let x = xa; x <= xb; x++) rh[base + x] = pixelThickness(procs[j], base + x, at.K[j], at.G[j]);
          }
          if (swept) sweep.removals++;
        }
      }
    }
    framesObs.push(obs);
    framesClean.push(cln);
  }
  const pixelSize = dx * stride;
  const { potentialAt: _p, ...req } = request;
  void _p;
  return {
    clean: { pixels: n, pixelSize, frames: framesClean, lineTime: Float64Array.from(lineTime), linePotential: Float64Array.from(linePotential) },
    observed: { pixels: n, pixelSize, frames: framesObs, lineTime, linePotential },
    noise: { pixelSigma: s.pixelNoise, lineSigma: s.lineNoise, model: 'per-line Gaussian offset + white Gaussian per pixel' },
    meta: { settings: s, request: req, lineDuration, frameDuration, structuringElementRadius: R, offsetX: offX, offsetY: offY },
  };
}
