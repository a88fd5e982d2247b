/**
 * Analyzers of SECCM hopping data (`003_47f56aa074086b1d.txt`), reading only what the instruments
 * record: the approach (Z, current), the droplet CVs (time, applied potential, current), the AFM
 * topography and the c-AFM current map of each spot, and fitted force-volume maps.
 *
 * - Landing: the first approach sample whose current departs from the pre-contact baseline by more
 *   than k robust standard deviations (median ± 1.4826·MAD of the first samples); 003: "a sharp
 *   change in current indicated the formation of an electrochemical liquid cell".
 * - Charges per cycle: Q_red = −Σ_cathodic i Δt, Q_ox = Σ_anodic i Δt, Q_irr = Q_red − Q_ox (C;
 *   sweeps told apart by the sign of ΔE), and the passivation ratio Q_irr(c)/Q_irr(c − 1).
 * - Spot geometry from an image: plane + line-median levelling on the border band (the spot sits in
 *   the centre), a box-smoothed contrast map thresholded at half its central median, the connected
 *   region around the centre with holes filled; diameter = 2√(A/π) (equivalent disc).
 * - Inner layer: the median of the film pixels around the mode of the spot's height histogram
 *   (gaps and deposits excluded); deposits: connected regions higher than the inner layer by
 *   max(8 nm, 0.6 × inner, 6σ), height = their maximum above the median film height of a 3-pixel
 *   ring around them (the local inner layer; 003: "A thin, uniform layer is covered by more
 *   heterogeneous depositions").
 * - Blocking: 1 − ⟨I⟩_spot/⟨I⟩_pristine from the c-AFM map, the spot segmented on the current
 *   deficit (003: "The difference in the measured current between pristine HC particles and
 *   particles with a SEI in the c-AFM images exhibits a reduction of …").
 */
import { dilateSquareMask } from './morphology.js';
import { median, subtractPolynomial } from './roughness.js';

// ---- landing --------------------------------------------------------------------------------------

/** Result of {@link detectLanding}. */
export interface LandingDetection {
  readonly detected: boolean;
  /** Index of the landing sample (−1 if none). */
  readonly index: number;
  /** Z at the landing sample (m). */
  readonly z: number;
  readonly baseline: number;
  /** Robust σ of the baseline current (A). */
  readonly sigma: number;
  readonly threshold: number;
}

/**
 * Find the current jump of an approach: baseline median m and σ = 1.4826·MAD over the first
 * `baselineSamples` samples; landing = first later sample with |i − m| > max(k σ, minJump).
 * Units: A for currents, m for Z.
 */
export function detectLanding(current: ArrayLike<number>, z: ArrayLike<number>, options: { baselineSamples?: number; k?: number; minJump?: number } = {}): LandingDetection {
  const n = current.length;
  if (z.length !== n) throw new RangeError(`detectLanding: current (${n}) and z (${z.length}) differ in length`);
  if (n < 4) throw new RangeError(`detectLanding: ${n} samples; expected ≥ 4`);
  const nb = Math.max(3, Math.min(options.baselineSamples ?? 50, Math.floor(n / 2)));
  const k = options.k ?? 8;
  const base = Array.from({ length: nb }, (_, i) => current[i]);
  const m = median(base);
  const mad = median(base.map((v) => Math.abs(v - m)));
  const sigma = 1.4826 * mad;
  const threshold = Math.max(k * sigma, options.minJump ?? 0);
  for (let i = nb; i < n; i++) {
    if (Math.abs(current[i] - m) > threshold) return { detected: true, index: i, z: z[i], baseline: m, sigma, threshold };
  }
  return { detected: false, index: -1, z: Number.NaN, baseline: m, sigma, threshold };
}

// ---- charges ---------------------------------------------------------------------------------------

/** Charges of one cycle (C). */
export interface CycleCharge {
  readonly cycle: number;
  /** −∫ i dt over the cathodic sweeps (positive for net reduction). */
  readonly reductive: number;
  /** ∫ i dt over the anodic sweeps (positive for net oxidation). */
  readonly oxidative: number;
  /** reductive − oxidative: charge not given back in the cycle. */
  readonly irreversible: number;
}

/**
 * Integrate a CV record per cycle (module doc). `time` (s) are the ends of the sample intervals,
 * `potential` (V) the applied potential there, `cycle` the cycle number (0: holds before cycle 1).
 * The first sample's interval is taken equal to the second's.
 */
export function cvCharges(time: ArrayLike<number>, potential: ArrayLike<number>, current: ArrayLike<number>, cycle: ArrayLike<number>): { cycles: CycleCharge[]; passivation: number[] } {
  const n = time.length;
  if (potential.length !== n || current.length !== n || cycle.length !== n) throw new RangeError('cvCharges: time, potential, current and cycle must have the same length');
  if (n < 2) throw new RangeError('cvCharges: expected ≥ 2 samples');
  const red = new Map<number, number>();
  const ox = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const dt = k > 0 ? time[k] - time[k - 1] : time[1] - time[0];
    const dE = k > 0 ? potential[k] - potential[k - 1] : potential[1] - potential[0];
    const c = cycle[k];
    if (c < 1) continue;
    if (dE < 0) red.set(c, (red.get(c) ?? 0) - current[k] * dt);
    else if (dE > 0) ox.set(c, (ox.get(c) ?? 0) + current[k] * dt);
  }
  const ids = [...new Set([...red.keys(), ...ox.keys()])].sort((a, b) => a - b);
  const cycles = ids.map((c) => {
    const r = red.get(c) ?? 0;
    const o = ox.get(c) ?? 0;
    return { cycle: c, reductive: r, oxidative: o, irreversible: r - o };
  });
  const passivation = cycles.slice(1).map((c, i) => c.irreversible / cycles[i].irreversible);
  return { cycles, passivation };
}

// ---- images ----------------------------------------------------------------------------------------

/** Box filter of radius r (pixels) with edge renormalisation (summed-area table). */
export function boxSmooth(z: ArrayLike<number>, n: number, r: number): Float64Array {
  const S = new Float64Array((n + 1) * (n + 1));
  for (let j = 0; j < n; j++) {
    let row = 0;
    for (let i = 0; i < n; i++) {
      row += z[j * n + i];
      S[(j + 1) * (n + 1) + i + 1] = S[j * (n + 1) + i + 1] + row;
    }
  }
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const j0 = Math.max(0, j - r);
    const j1 = Math.min(n - 1, j + r);
    for (let i = 0; i < n; i++) {
      const i0 = Math.max(0, i - r);
      const i1 = Math.min(n - 1, i + r);
      const sum = S[(j1 + 1) * (n + 1) + i1 + 1] - S[j0 * (n + 1) + i1 + 1] - S[(j1 + 1) * (n + 1) + i0] + S[j0 * (n + 1) + i0];
      out[j * n + i] = sum / ((j1 - j0 + 1) * (i1 - i0 + 1));
    }
  }
  return out;
}


/** 1 on the border band of width `band` pixels. */
function borderMask(n: number, band: number): Uint8Array {
  const m = new Uint8Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) if (i < band || j < band || i >= n - band || j >= n - band) m[j * n + i] = 1;
  return m;
}

/** Connected region (4-neighbours) of `above` containing the seed, with enclosed holes filled. */
export function regionAround(above: Uint8Array, n: number, seed: number): Uint8Array {
  const region = new Uint8Array(n * n);
  if (!above[seed]) return region;
  const stack = [seed];
  region[seed] = 1;
  while (stack.length) {
    const p = stack.pop() as number;
    const i = p % n;
    const j = (p - i) / n;
    const nb = [i > 0 ? p - 1 : -1, i < n - 1 ? p + 1 : -1, j > 0 ? p - n : -1, j < n - 1 ? p + n : -1];
    for (const q of nb) if (q >= 0 && above[q] && !region[q]) {
      region[q] = 1;
      stack.push(q);
    }
  }
  // fill holes: flood the outside from the border through non-region pixels
  const outside = new Uint8Array(n * n);
  const st: number[] = [];
  for (let k = 0; k < n; k++) for (const p of [k, (n - 1) * n + k, k * n, k * n + n - 1]) if (!region[p] && !outside[p]) {
    outside[p] = 1;
    st.push(p);
  }
  while (st.length) {
    const p = st.pop() as number;
    const i = p % n;
    const j = (p - i) / n;
    const nb = [i > 0 ? p - 1 : -1, i < n - 1 ? p + 1 : -1, j > 0 ? p - n : -1, j < n - 1 ? p + n : -1];
    for (const q of nb) if (q >= 0 && !region[q] && !outside[q]) {
      outside[q] = 1;
      st.push(q);
    }
  }
  for (let p = 0; p < n * n; p++) if (!outside[p]) region[p] = 1;
  return region;
}

/** A spot segmented from a contrast map (height above pristine, or current deficit). */
export interface SpotSegmentation {
  readonly mask: Uint8Array;
  readonly area: number;
  /** Equivalent diameter 2√(A/π) (m). */
  readonly diameter: number;
  /** Median smoothed contrast in the central disc (unit of the map). */
  readonly centralLevel: number;
  /** σ of the smoothed contrast on the border band. */
  readonly backgroundSigma: number;
  /** Central level above 5σ of the smoothed background. */
  readonly visible: boolean;
}

/**
 * Segment the spot around the image centre: clip the contrast at 1.5 × the upper quartile of the
 * central disc (radius n/8; tall sparse deposits), smooth with a box of radius r_s, take the
 * median level L of the central disc, threshold at L/2, keep the region connected to
 * the above-threshold pixel nearest the centre, fill holes; visible when L > 3σ of the smoothed border. n × n image of pixel size px (m).
 */
export function segmentSpot(contrast: ArrayLike<number>, n: number, px: number, options: { smoothRadius?: number; band?: number } = {}): SpotSegmentation {
  if (contrast.length !== n * n) throw new RangeError(`segmentSpot: ${contrast.length} values, expected ${n}²`);
  const rs = options.smoothRadius ?? Math.max(2, Math.round(n / 21));
  const band = options.band ?? Math.max(2, Math.round(0.1 * n));
  const c = (n - 1) / 2;
  const rc = n / 8;
  // tall sparse features (deposits) would lift the smoothed level: clip at 1.5 × the upper quartile
  // of the central disc before smoothing
  const raw: number[] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) if ((i - c) ** 2 + (j - c) ** 2 <= rc * rc) raw.push(contrast[j * n + i]);
  raw.sort((x, y) => x - y);
  const q75 = raw[Math.floor(0.75 * (raw.length - 1))];
  const clip = q75 > 0 ? 1.5 * q75 : Number.POSITIVE_INFINITY;
  const sm = boxSmooth(Float64Array.from(contrast, (v) => Math.min(v, clip)), n, rs);
  const central: number[] = [];
  const border: number[] = [];
  const bm = borderMask(n, band);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const p = j * n + i;
      if ((i - c) ** 2 + (j - c) ** 2 <= rc * rc) central.push(sm[p]);
      if (bm[p]) border.push(sm[p]);
    }
  const L = median(central);
  const bmed = median(border);
  const bsig = 1.4826 * median(border.map((v) => Math.abs(v - bmed)));
  const above = new Uint8Array(n * n);
  for (let p = 0; p < n * n; p++) above[p] = sm[p] >= 0.5 * L ? 1 : 0;
  // seed: the pixel above threshold nearest to the centre (the centre itself may be a gap)
  let seed = -1;
  let bestD = Infinity;
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const d = (i - c) ** 2 + (j - c) ** 2;
      if (above[j * n + i] && d < bestD && d <= rc * rc) {
        bestD = d;
        seed = j * n + i;
      }
    }
  const mask = L > 0 && seed >= 0 ? regionAround(above, n, seed) : new Uint8Array(n * n);
  let cnt = 0;
  for (let p = 0; p < n * n; p++) cnt += mask[p];
  const area = cnt * px * px;
  return { mask, area, diameter: 2 * Math.sqrt(area / Math.PI), centralLevel: L, backgroundSigma: bsig, visible: L > 3 * bsig };
}

/**
 * Level a topography image on its border band: least-squares plane over the band, then each line
 * shifted by the median of its band pixels (m in, m out).
 */
export function levelOnBorder(height: ArrayLike<number>, n: number, band = Math.max(2, Math.round(0.1 * n))): Float64Array {
  const bm = borderMask(n, band);
  const z = subtractPolynomial(height, n, n, 1, bm);
  for (let j = 0; j < n; j++) {
    const vals: number[] = [];
    for (let i = 0; i < n; i++) if (i < band || i >= n - band) vals.push(z[j * n + i]);
    const m = median(vals);
    for (let i = 0; i < n; i++) z[j * n + i] -= m;
  }
  return z;
}

/** Spot geometry, inner layer and deposits from one topography image. */
export interface SpotTopography {
  readonly levelled: Float64Array;
  readonly segmentation: SpotSegmentation;
  /** Inner-layer height (m). */
  readonly innerLayer: number;
  /** Deposit heights above the inner layer (m), one per detected deposit. */
  readonly deposits: number[];
  readonly depositMean: number;
  readonly depositSd: number;
  /** Mean height over the spot, film volume per area (m). */
  readonly meanHeight: number;
  /** Robust σ of the levelled border (m). */
  readonly noise: number;
}

/** Analyse one spot's topography (module doc). n × n pixels of size px (m). */
export function analyzeSpotTopography(height: ArrayLike<number>, n: number, px: number, options: { smoothRadius?: number } = {}): SpotTopography {
  const z = levelOnBorder(height, n);
  const band = Math.max(2, Math.round(0.1 * n));
  const bm = borderMask(n, band);
  const bvals: number[] = [];
  for (let p = 0; p < n * n; p++) if (bm[p]) bvals.push(z[p]);
  const bmed = median(bvals);
  const sigma = 1.4826 * median(bvals.map((v) => Math.abs(v - bmed)));
  const seg = segmentSpot(z, n, px, options);
  const inside: number[] = [];
  let sum = 0;
  for (let p = 0; p < n * n; p++)
    if (seg.mask[p]) {
      inside.push(z[p]);
      sum += z[p];
    }
  const meanHeight = inside.length ? sum / inside.length : Number.NaN;
  // inner layer: the mode of the heights above 2.5σ, refined by the median of the film pixels
  let inner = Number.NaN;
  const film = inside.filter((v) => v > 2.5 * sigma);
  if (film.length > 10) {
    const sorted = Float64Array.from(film).sort();
    const hi = sorted[Math.floor(0.98 * (sorted.length - 1))];
    const lo = 2.5 * sigma;
    const bw = Math.max(0.25e-9, sigma, (hi - lo) / 200);
    const nb = Math.max(1, Math.ceil((hi - lo) / bw));
    const hist = new Float64Array(nb);
    for (const v of film) if (v <= hi) hist[Math.min(nb - 1, Math.floor((v - lo) / bw))]++;
    let best = 0;
    let bestV = -1;
    for (let b = 0; b < nb; b++) {
      let s = 0;
      for (let d = -2; d <= 2; d++) if (b + d >= 0 && b + d < nb) s += hist[b + d];
      if (s > bestV) {
        bestV = s;
        best = b;
      }
    }
    const mode = lo + (best + 0.5) * bw;
    const upper = mode + Math.max(5e-9, 0.5 * mode);
    const sel = film.filter((v) => v > 0.5 * mode && v < upper);
    inner = sel.length ? median(sel) : mode;
  }
  // deposits: connected regions above inner + threshold, inside the spot; each deposit's height is
  // its peak above the median of a ring around it (the local inner layer, as read off a profile)
  const deposits: number[] = [];
  if (Number.isFinite(inner)) {
    const thr = inner + Math.max(8e-9, 0.6 * inner, 6 * sigma);
    const label = new Int32Array(n * n).fill(-1);
    const comps: { pixels: number[]; peak: number }[] = [];
    for (let p = 0; p < n * n; p++) {
      if (!seg.mask[p] || label[p] >= 0 || z[p] <= thr) continue;
      const id = comps.length;
      const comp = { pixels: [] as number[], peak: -Infinity };
      const st = [p];
      label[p] = id;
      while (st.length) {
        const q = st.pop() as number;
        comp.pixels.push(q);
        if (z[q] > comp.peak) comp.peak = z[q];
        const i = q % n;
        const j = (q - i) / n;
        for (let dj = -1; dj <= 1; dj++)
          for (let di = -1; di <= 1; di++) {
            if (!di && !dj) continue;
            const ii = i + di;
            const jj = j + dj;
            if (ii < 0 || jj < 0 || ii >= n || jj >= n) continue;
            const r = jj * n + ii;
            if (label[r] < 0 && seg.mask[r] && z[r] > thr) {
              label[r] = id;
              st.push(r);
            }
          }
      }
      comps.push(comp);
    }
    const ringWidth = 3;
    for (const comp of comps) {
      if (comp.pixels.length < 2) continue;
      const ring: number[] = [];
      const seen = new Set<number>();
      for (const q of comp.pixels) {
        const i = q % n;
        const j = (q - i) / n;
        for (let dj = -ringWidth; dj <= ringWidth; dj++)
          for (let di = -ringWidth; di <= ringWidth; di++) {
            const ii = i + di;
            const jj = j + dj;
            if (ii < 0 || jj < 0 || ii >= n || jj >= n) continue;
            const r = jj * n + ii;
            if (label[r] >= 0 || seen.has(r) || !seg.mask[r]) continue;
            // ring pixels: a little above the deposit's foot, i.e. on the film, not in gaps
            seen.add(r);
            ring.push(z[r]);
          }
      }
      const film = ring.filter((v) => v > 0.5 * inner);
      const base = film.length >= 5 ? median(film) : inner;
      deposits.push(comp.peak - base);
    }
  }
  const dm = deposits.length ? deposits.reduce((s, v) => s + v, 0) / deposits.length : Number.NaN;
  const dsd = deposits.length > 1 ? Math.sqrt(deposits.reduce((s, v) => s + (v - dm) ** 2, 0) / (deposits.length - 1)) : Number.NaN;
  return { levelled: z, segmentation: seg, innerLayer: inner, deposits, depositMean: dm, depositSd: dsd, meanHeight, noise: sigma };
}

/**
 * Shape factor k = 4π √det C / A of the star-shaped outline of a mask about (cx, cy): the outer
 * radius r(φ) in 64 angular bins (the farthest mask pixel, so interior gaps and ragged indents do
 * not count), rasterised, its area A and covariance C. k = 1 for ellipses, ≈ 1 + 4⟨ε²⟩ for an
 * outline r = R(1 + ε(φ)) with lobes of order ≥ 3; dividing the covariance area by k corrects
 * uneven spots (003: "a larger and uneven spreading of the droplet in diglyme").
 */
export function outlineShapeFactor(mask: Uint8Array, n: number, cx: number, cy: number): number {
  const bins = 64;
  const rmax = new Float64Array(bins);
  let any = false;
  for (let p = 0; p < n * n; p++) {
    if (!mask[p]) continue;
    any = true;
    const ux = (p % n) - cx;
    const uy = Math.floor(p / n) - cy;
    const b = Math.min(bins - 1, Math.floor(((Math.atan2(uy, ux) + Math.PI) / (2 * Math.PI)) * bins));
    const r = Math.hypot(ux, uy) + 0.5;
    if (r > rmax[b]) rmax[b] = r;
  }
  if (!any) return 1;
  // empty bins (tiny masks): neighbours' radius
  for (let b = 0; b < bins; b++) if (rmax[b] === 0) rmax[b] = Math.max(rmax[(b + bins - 1) % bins], rmax[(b + 1) % bins]);
  let A = 0;
  let sx = 0;
  let sy = 0;
  const inside: [number, number][] = [];
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const ux = i - cx;
      const uy = j - cy;
      const t = ((Math.atan2(uy, ux) + Math.PI) / (2 * Math.PI)) * bins - 0.5;
      const b0 = ((Math.floor(t) % bins) + bins) % bins;
      const f = t - Math.floor(t);
      const r = rmax[b0] * (1 - f) + rmax[(b0 + 1) % bins] * f;
      if (Math.hypot(ux, uy) <= r) {
        A++;
        sx += i;
        sy += j;
        inside.push([i, j]);
      }
    }
  if (A < 10) return 1;
  const mx = sx / A;
  const my = sy / A;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (const [i, j] of inside) {
    xx += (i - mx) ** 2;
    yy += (j - my) ** 2;
    xy += (i - mx) * (j - my);
  }
  const det = (xx / A) * (yy / A) - (xy / A) ** 2;
  return det > 0 ? Math.max(1, (4 * Math.PI * Math.sqrt(det)) / A) : 1;
}

/** Blocking of the HC current by a spot, from a c-AFM map. */
export interface CafmBlocking {
  /** 1 − ⟨I⟩_spot/⟨I⟩_pristine (dimensionless). */
  readonly blocking: number;
  readonly pristineCurrent: number;
  readonly spotCurrent: number;
  /** Spot diameter 2√(A/π) from the deficit-weighted covariance area A = 4π √det C / k (m). */
  readonly diameter: number;
  readonly segmentation: SpotSegmentation;
}

/**
 * Blocking percentage from a c-AFM current map (A): pristine level I₀ = mean current on the border
 * band; the spot is segmented on the relative deficit 1 − I/I₀ (`segmentSpot`) and grown by the
 * smoothing radius + 2 px (so its rim counts); over that region the deficit d = I₀ − I gives the
 * spot area from its weighted covariance, A = 4π √det C / k (exact for an ellipse of any uniform or
 * uniformly patchy deficit, insensitive to a ragged outline; k ≥ 1 the shape factor of the spot's
 * star-shaped outline, `outlineShapeFactor`), and B = Σ d / (I₀ A/px²).
 */
export function cafmBlocking(current: ArrayLike<number>, n: number, px: number, options: { smoothRadius?: number } = {}): CafmBlocking {
  if (current.length !== n * n) throw new RangeError(`cafmBlocking: ${current.length} values, expected ${n}²`);
  const band = Math.max(2, Math.round(0.1 * n));
  const bm = borderMask(n, band);
  let s = 0;
  let c = 0;
  for (let p = 0; p < n * n; p++)
    if (bm[p]) {
      s += current[p];
      c++;
    }
  const I0 = s / c;
  const deficit = new Float64Array(n * n);
  for (let p = 0; p < n * n; p++) deficit[p] = 1 - current[p] / I0;
  const seg = segmentSpot(deficit, n, px, options);
  // integrate the deficit over the spot dilated by the smoothing radius + 2 px (the rim's deficit
  // counts), divide by the segmented area (the half-level contour of a blurred step sits on the step)
  const rs = (options.smoothRadius ?? Math.max(2, Math.round(n / 21))) + 2;
  const grown = dilateSquareMask(seg.mask, n, n, rs);
  // deficit-weighted centroid and covariance C: a region of uniform (or uniformly patchy) deficit
  // shaped as an ellipse has area 4π √det C whatever the deficit level and the raggedness of its
  // outline (a disc of radius R: C = R²/4 · I)
  let D = 0;
  let sx = 0;
  let sy = 0;
  for (let p = 0; p < n * n; p++) {
    if (!grown[p]) continue;
    const d = I0 - current[p];
    D += d;
    sx += d * (p % n);
    sy += d * Math.floor(p / n);
  }
  let blocking = 0;
  let diameter = Number.NaN;
  if (D > 0) {
    const cx = sx / D;
    const cy = sy / D;
    let cxx = 0;
    let cyy = 0;
    let cxy = 0;
    for (let p = 0; p < n * n; p++) {
      if (!grown[p]) continue;
      const d = I0 - current[p];
      const ux = (p % n) - cx;
      const uy = Math.floor(p / n) - cy;
      cxx += d * ux * ux;
      cyy += d * uy * uy;
      cxy += d * ux * uy;
    }
    cxx /= D;
    cyy /= D;
    cxy /= D;
    const det = cxx * cyy - cxy * cxy;
    const areaPx = det > 0 ? (4 * Math.PI * Math.sqrt(det)) / outlineShapeFactor(seg.mask, n, cx, cy) : 0;
    diameter = 2 * Math.sqrt(areaPx / Math.PI) * px;
    blocking = areaPx > 0 ? D / (I0 * areaPx) : 0;
  }
  const Is = I0 * (1 - blocking);
  return { blocking, pristineCurrent: I0, spotCurrent: Is, diameter, segmentation: seg };
}

// ---- force volume ---------------------------------------------------------------------------------

/** Per-population statistics of a force-volume map over a spot. */
export interface PopulationStats {
  readonly n: number;
  readonly modulusMean: number;
  readonly modulusSd: number;
  readonly adhesionMean: number;
  readonly adhesionSd: number;
}

/**
 * Split a fitted force-volume map (m × m pixels of size px) into pristine HC, thin layer and
 * deposits from its own height map (the contact points), as the paper's three probed areas —
 * deposits being the pixels above the inner layer by more than half the mean particle height — and
 * give mean ± SD of modulus (Pa) and adhesion (N) per population. Failed fits are skipped.
 */
export function forceVolumePopulations(
  fit: { readonly height: Float64Array; readonly sampleModulus: Float64Array; readonly adhesionForce: Float64Array; readonly failed: Uint8Array },
  m: number,
  px: number,
): { population: Uint8Array; pristine: PopulationStats; thinLayer: PopulationStats; deposit: PopulationStats; innerLayer: number } {
  const topo = analyzeSpotTopography(fit.height, m, px, { smoothRadius: 1 });
  const pop = new Uint8Array(m * m);
  const inner = topo.innerLayer;
  // deposit pixels: the upper half of the particles (above the inner layer by half their mean peak
  // height), so that a particle's flanks count as the thin layer they mostly probe
  const thr = Number.isFinite(inner) ? inner + (Number.isFinite(topo.depositMean) ? Math.max(0.5 * topo.depositMean, 4e-9) : Math.max(8e-9, 0.6 * inner)) : Number.POSITIVE_INFINITY;
  // pristine: outside the spot mask dilated by one pixel
  const dil = new Uint8Array(m * m);
  for (let j = 0; j < m; j++)
    for (let i = 0; i < m; i++) {
      let any = 0;
      for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
        const ii = i + di;
        const jj = j + dj;
        if (ii >= 0 && jj >= 0 && ii < m && jj < m && topo.segmentation.mask[jj * m + ii]) any = 1;
      }
      dil[j * m + i] = any;
    }
  for (let p = 0; p < m * m; p++) pop[p] = topo.segmentation.mask[p] ? (topo.levelled[p] > thr ? 2 : 1) : dil[p] ? 255 : 0;
  const stats = (code: number): PopulationStats => {
    const E: number[] = [];
    const F: number[] = [];
    for (let p = 0; p < m * m; p++) if (pop[p] === code && !fit.failed[p] && Number.isFinite(fit.sampleModulus[p])) {
      E.push(fit.sampleModulus[p]);
      F.push(fit.adhesionForce[p]);
    }
    const ms = (a: number[]): [number, number] => {
      if (a.length === 0) return [Number.NaN, Number.NaN];
      const mu = a.reduce((s, v) => s + v, 0) / a.length;
      const sd = a.length > 1 ? Math.sqrt(a.reduce((s, v) => s + (v - mu) ** 2, 0) / (a.length - 1)) : Number.NaN;
      return [mu, sd];
    };
    const [em, es] = ms(E);
    const [fm, fs] = ms(F);
    return { n: E.length, modulusMean: em, modulusSd: es, adhesionMean: fm, adhesionSd: fs };
  };
  return { population: pop, pristine: stats(0), thinLayer: stats(1), deposit: stats(2), innerLayer: inner };
}
