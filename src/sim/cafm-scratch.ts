/**
 * Conductive-AFM scratching of the SEI (paper 000: "The SEI then was scratched by a stiff (98 N/m
 * spring constant) diamond coated conductive cantilever with 100 nm tip radius in a conductive AFM
 * mode. The moment of reaching carbon through the SEI was detected by onset of electric current at
 * 0.5 V electric bias"; Fig. 4: "Topography and current maps … with the applied force increasing
 * from top to bottom").
 *
 * The tip scans a square line by line in contact; the force setpoint is stepped every few lines.
 * Where the force exceeds the local scrape-off threshold F_th(p) (models/sei/scrape.ts) the film is
 * removed and the tip touches the electrode: current V/R_c flows; elsewhere only tunnelling leakage
 * (V/R_c) exp(−H/λ_t) through the film. The contact-mode topography is the film surface minus the
 * Hertz indentation of the film (or the electrode where scraped). Afterwards a tapping-mode overview
 * images the scratched window — the step that the thickness analyzer reads.
 */
import type { Rng } from '../models/rng.js';
import { resolveParams, type ParamTable, type ParamValues } from '../models/params.js';
import type { Grid } from '../models/substrate/grid.js';
import { hertzIndentation } from '../models/contact/analytic.js';
import { dilateRow, tipStructuringElement } from './afm-imaging.js';

export const CAFM_SCRATCH = {
  springConstant: { unit: 'N/m', min: 0.01, max: 1000, default: 98, doc: 'cantilever spring constant k', source: '000: "a stiff (98 N/m spring constant) diamond coated conductive cantilever"' },
  tipRadius: { unit: 'm', min: 1e-9, max: 1e-6, default: 100e-9, doc: 'tip radius R', source: '000: "with 100 nm tip radius"' },
  bias: { unit: 'V', min: -10, max: 10, default: 0.5, doc: 'sample–tip bias', source: '000: "onset of electric current at 0.5 V electric bias"' },
  scanSize: { unit: 'm', min: 1e-7, max: 1e-4, default: 2e-6, doc: 'scratched square' },
  pixels: { unit: '1', min: 8, max: 2048, integer: true, default: 128, doc: 'pixels per line and lines' },
  forceStart: { unit: 'N', min: 0, max: 1e-3, default: 0.5e-6, doc: 'force of the first lines' },
  forceStep: { unit: 'N', min: 1e-9, max: 1e-3, default: 0.2e-6, doc: 'force increment per step' },
  linesPerStep: { unit: '1', min: 1, max: 1024, integer: true, default: 4, doc: 'lines scratched at each force' },
  contactResistance: { unit: 'ohm', min: 1, max: 1e12, default: 5e6, doc: 'diamond tip–carbon contact resistance R_c', source: 'assumption' },
  tunnellingLength: { unit: 'm', min: 1e-11, max: 1e-8, default: 0.3e-9, doc: 'decay length λ_t of the leakage through the SEI', source: 'assumption' },
  currentNoise: { unit: 'A', min: 0, max: 1e-6, default: 2e-12, doc: 'white current noise σ' },
  filmModulus: { unit: 'Pa', min: 1e6, max: 1e12, default: 0.916e9, doc: 'Young modulus of the film under the tip (outer layer)', source: '001: SEI in EC electrolytes "(average 916 MPa)"' },
  filmPoisson: { unit: '1', min: 0, max: 0.5, default: 0.4, doc: 'Poisson ratio of the film (assumption)' },
  heightNoise: { unit: 'm', min: 0, max: 1e-8, default: 0.1e-9, doc: 'white height noise σ (contact and tapping)' },
  lineNoise: { unit: 'm', min: 0, max: 1e-8, default: 0.1e-9, doc: 'random offset σ per line' },
  overviewSize: { unit: 'm', min: 1e-7, max: 1e-4, default: 4e-6, doc: 'post-scratch tapping overview (square, centred on the scratch)' },
  overviewPixels: { unit: '1', min: 8, max: 2048, integer: true, default: 256, doc: 'overview pixels per line and lines' },
  overviewTipRadius: { unit: 'm', min: 1e-10, max: 1e-6, default: 8e-9, doc: 'tapping tip apex radius for the overview' },
} as const satisfies ParamTable;

export type CafmScratchSettings = ParamValues<typeof CAFM_SCRATCH>;

/** The washed electrode the c-AFM scratches (world grid; the scratch is centred on it). */
export interface ScratchSample {
  readonly grid: Grid;
  /** Electrode height (m). */
  readonly substrate: Float64Array;
  /** SEI thickness (m) per pixel. */
  readonly film: Float64Array;
  /** Local scrape-off threshold (N) per pixel. */
  readonly thresholds: Float64Array;
}

/** Maps of one acquisition. */
export interface ScratchMaps {
  readonly pixels: number;
  readonly pixelSize: number;
  /** Contact-mode height during scratching (m) and current (A), row-major. */
  readonly topography: Float64Array;
  readonly current: Float64Array;
  /** Force setpoint of each line (N). */
  readonly rowForce: Float64Array;
  /** Post-scratch tapping overview (m), its pixel count and size, and where the scratch sits in it. */
  readonly overview: Float64Array;
  readonly overviewPixels: number;
  readonly overviewPixelSize: number;
  readonly scratchWindow: { readonly x0: number; readonly y0: number; readonly ww: number; readonly wh: number };
}

export interface ScratchResult {
  readonly clean: ScratchMaps;
  readonly observed: ScratchMaps;
  readonly noise: { readonly currentSigma: number; readonly heightSigma: number; readonly lineSigma: number };
  readonly meta: { readonly settings: CafmScratchSettings; readonly stride: number; readonly overviewStride: number };
  readonly truth: {
    /** Mean film thickness in the scratched square before scratching (m). */
    readonly meanThickness: number;
    /** Mean thickness where the film was scraped off (m). */
    readonly scrapedThickness: number;
    /** Mean thickness of the film left in the overview after scratching — what a step measures (m). */
    readonly overviewFilmThickness: number;
    /** Median local threshold in the square (N). */
    readonly medianThreshold: number;
    /** Fraction of the square scraped. */
    readonly scrapedFraction: number;
  };
}

/**
 * Scratch the centre of the sample with stepped force, record topography and current, then image
 * the result in tapping mode. Streams: `cafm-current-noise`, `cafm-height-noise`.
 */
export function runScratch(rng: Rng, sample: ScratchSample, settings: Partial<CafmScratchSettings> = {}): ScratchResult {
  const s = resolveParams(CAFM_SCRATCH, settings, 'cafm');
  const { grid } = sample;
  const n = s.pixels;
  const stride = Math.round(s.scanSize / n / grid.dx);
  const oStride = Math.round(s.overviewSize / s.overviewPixels / grid.dx);
  if (stride < 1 || Math.abs(stride * n * grid.dx - s.scanSize) > 1e-6 * s.scanSize) throw new RangeError(`cafm.scanSize = ${s.scanSize} m is not pixels × an integer number of sample pixels (${grid.dx} m)`);
  if (oStride < 1 || Math.abs(oStride * s.overviewPixels * grid.dx - s.overviewSize) > 1e-6 * s.overviewSize) throw new RangeError(`cafm.overviewSize = ${s.overviewSize} m is not overviewPixels × an integer number of sample pixels`);
  const span = n * stride;
  const oSpan = s.overviewPixels * oStride;
  if (oSpan > grid.nx || oSpan > grid.ny || span > oSpan) throw new RangeError(`cafm: overview ${oSpan} px and scratch ${span} px must fit the ${grid.nx}×${grid.ny} sample`);
  const x0 = Math.floor((grid.nx - span) / 2);
  const y0 = Math.floor((grid.ny - span) / 2);
  const film = Float64Array.from(sample.film);
  const Estar = s.filmModulus / (1 - s.filmPoisson ** 2);
  const rowForce = new Float64Array(n);
  const topo = new Float64Array(n * n);
  const cur = new Float64Array(n * n);
  let sumH = 0;
  let sumScraped = 0;
  let nScraped = 0;
  const thr: number[] = [];
  for (let y = 0; y < span; y++)
    for (let x = 0; x < span; x++) {
      const p = (y0 + y) * grid.nx + x0 + x;
      sumH += film[p];
      thr.push(sample.thresholds[p]);
    }
  const Ic = s.bias / s.contactResistance;
  for (let r = 0; r < n; r++) {
    const F = s.forceStart + Math.floor(r / s.linesPerStep) * s.forceStep;
    rowForce[r] = F;
    const delta = hertzIndentation(Estar, s.tipRadius, F);
    for (let i = 0; i < n; i++) {
      // the tip sweeps the stride × stride block of sample pixels of this image pixel
      let scraped = 0;
      let hTop = 0;
      let hFilm = 0;
      for (let v = 0; v < stride; v++)
        for (let u = 0; u < stride; u++) {
          const p = (y0 + r * stride + v) * grid.nx + x0 + i * stride + u;
          if (film[p] > 0 && F >= sample.thresholds[p]) {
            sumScraped += film[p];
            nScraped++;
            film[p] = 0;
          }
          if (film[p] === 0) scraped++;
          hFilm += film[p];
          hTop += sample.substrate[p] + film[p];
        }
      const m = stride * stride;
      const H = hFilm / m;
      const frac = scraped / m;
      topo[r * n + i] = hTop / m - (H > 0 ? Math.min(delta, 0.8 * H) : 0);
      cur[r * n + i] = Ic * (frac + (1 - frac) * Math.exp(-H / s.tunnellingLength));
    }
  }
  // tapping overview after scratching: dilation by the tapping tip at sample resolution
  const ox0 = Math.floor((grid.nx - oSpan) / 2);
  const oy0 = Math.floor((grid.ny - oSpan) / 2);
  const se = tipStructuringElement(grid.dx, s.overviewTipRadius, 0.35, 150e-9);
  const R = se.radius;
  const w = oSpan + 2 * R;
  const bandRows = 2 * R + 1;
  const band = new Float64Array(bandRows * w);
  const out = new Float64Array(w);
  const lmax = new Float64Array(w);
  const on = s.overviewPixels;
  const overviewClean = new Float64Array(on * on);
  const overviewObs = new Float64Array(on * on);
  const hn = rng.fork('cafm-height-noise');
  const cn = rng.fork('cafm-current-noise');
  for (let r = 0; r < on; r++) {
    const yc = oy0 + r * oStride;
    for (let b = 0; b < bandRows; b++) {
      const y = Math.min(grid.ny - 1, Math.max(0, yc - R + b));
      for (let c = 0; c < w; c++) {
        const x = Math.min(grid.nx - 1, Math.max(0, ox0 - R + c));
        band[b * w + c] = sample.substrate[y * grid.nx + x] + film[y * grid.nx + x];
      }
    }
    for (let c = 0; c < w; c++) {
      let m = -Infinity;
      for (let b = 0; b < bandRows; b++) m = Math.max(m, band[b * w + c]);
      lmax[c] = m;
    }
    // local maximum over ±R columns for the early-out bound
    const lm = new Float64Array(w);
    for (let c = 0; c < w; c++) {
      let m = -Infinity;
      for (let q = Math.max(0, c - R); q <= Math.min(w - 1, c + R); q++) m = Math.max(m, lmax[q]);
      lm[c] = m;
    }
    dilateRow(out, band, w, bandRows, R, se, lm);
    const off = s.lineNoise * hn.normal();
    for (let i = 0; i < on; i++) {
      overviewClean[r * on + i] = band[R * w + R + i * oStride];
      overviewObs[r * on + i] = out[R + i * oStride] + off + s.heightNoise * hn.normal();
    }
  }
  const topoObs = new Float64Array(n * n);
  const curObs = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    const off = s.lineNoise * hn.normal();
    for (let i = 0; i < n; i++) {
      topoObs[r * n + i] = topo[r * n + i] + off + s.heightNoise * hn.normal();
      curObs[r * n + i] = cur[r * n + i] + s.currentNoise * cn.normal();
    }
  }
  let ofs = 0;
  let ofn = 0;
  for (let y = oy0; y < oy0 + oSpan; y++)
    for (let x = ox0; x < ox0 + oSpan; x++) {
      const f = film[y * grid.nx + x];
      if (f > 0) {
        ofs += f;
        ofn++;
      }
    }
  const win = { x0: (x0 - ox0) / oStride, y0: (y0 - oy0) / oStride, ww: span / oStride, wh: span / oStride };
  const maps = (t: Float64Array, c: Float64Array, o: Float64Array): ScratchMaps => ({
    pixels: n,
    pixelSize: stride * grid.dx,
    topography: t,
    current: c,
    rowForce: Float64Array.from(rowForce),
    overview: o,
    overviewPixels: on,
    overviewPixelSize: oStride * grid.dx,
    scratchWindow: win,
  });
  thr.sort((a, b) => a - b);
  return {
    clean: maps(topo, cur, overviewClean),
    observed: maps(topoObs, curObs, overviewObs),
    noise: { currentSigma: s.currentNoise, heightSigma: s.heightNoise, lineSigma: s.lineNoise },
    meta: { settings: s, stride, overviewStride: oStride },
    truth: {
      meanThickness: sumH / (span * span),
      scrapedThickness: nScraped ? sumScraped / nScraped : Number.NaN,
      overviewFilmThickness: ofn ? ofs / ofn : Number.NaN,
      medianThreshold: thr[Math.floor(thr.length / 2)],
      scrapedFraction: nScraped / (span * span),
    },
  };
}
