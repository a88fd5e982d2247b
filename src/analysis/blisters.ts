/**
 * Blisters in an AFM height image, from the observed image only (paper 000, "In situ SEI formation
 * on HOPG, MCMB graphite, and hard carbon": "Apart from the SEI we observed blisters with lateral
 * size up to 2 µm and height up to 35 nm.").
 *
 * 1. level: plane fit, then refit on the pixels within 3 σ of the first fit (blisters excluded);
 * 2. noise/roughness σ = 1.4826 MAD of the levelled film; threshold T = max(k σ, h_min);
 * 3. 4-connected components above T, not touching the border, area ≥ `minArea`, compact (fill of
 *    the bounding box 0.5–0.95, aspect ≤ 2: a dome thresholded is a disc, fill π/4);
 * 4. height H = apex (3 × 3 mean at the highest pixel) − local base (median of a ring one
 *    component width outside the component's box); lateral size D = 2R from a least-squares fit
 *    of the clamped-plate dome h = H_f (1 − r²/R²)²₊ (Timoshenko & Woinowsky-Krieger, *Theory of
 *    Plates and Shells*, §62) about the centroid over a disc of 4 r_T (r_T = √(A/π) of the
 *    component): the fit uses every pixel of the dome, so the SEI texture averages out; pixels of
 *    other components above T (a neighbouring dome) are left out of it; a dome whose fitted disc
 *    crosses the image border is dropped (it cannot be measured).
 *
 * With `ridgeWidth` w_r > 0 (e.g. the SEI bands along HOPG step edges, ≈ 0.2 µm wide and as tall as
 * a blister), steps 2–3 run on the grey-scale opening of the levelled image by a flat disc of
 * diameter w_r (morphology.ts), which removes every ridge narrower than the disc and keeps the broad
 * domes; pixels where the image stands above its opening by more than T (the ridges) are left out of
 * the base ring and the dome fit, and the height is the fitted H_f. Domes narrower than ≈ 2 w_r go
 * with the ridges (the opening keeps (1 − (w_r/D)²)² of a dome's apex for diameter D).
 */
import { median, subtractPolynomial } from './roughness.js';
import { openDisc } from './morphology.js';

/** One detected blister: centre (m), diameter (m), height (m), pixel count above threshold. */
export interface DetectedBlister {
  readonly x: number;
  readonly y: number;
  readonly diameter: number;
  readonly height: number;
  readonly area: number;
}

/** Result of {@link detectBlisters}. */
export interface BlisterDetection {
  readonly blisters: readonly DetectedBlister[];
  readonly count: number;
  /** Largest diameter and height (m); 0 when none. */
  readonly maxDiameter: number;
  readonly maxHeight: number;
  readonly sigma: number;
  readonly threshold: number;
}

/** Options of {@link detectBlisters}. */
export interface BlisterOptions {
  /** Threshold in σ (default 5: the SEI texture, not white noise, sets σ on a film). */
  readonly thresholdSigma?: number;
  /** Smallest threshold (m), default 2 nm. */
  readonly minHeight?: number;
  /** Smallest component area (m²), default π (50 nm)². */
  readonly minArea?: number;
  /** Width of ridges to remove before detection (m), default 0 (none); see the module doc. */
  readonly ridgeWidth?: number;
}


/**
 * Detect compact raised domes in a height image z (m, w × h, row-major) of pixel `dx` (m); see the
 * module doc (000; dome profile after Timoshenko & Woinowsky-Krieger §62).
 */
export function detectBlisters(z: ArrayLike<number>, w: number, h: number, dx: number, options: BlisterOptions = {}): BlisterDetection {
  if (!Number.isFinite(dx) || dx <= 0) throw new RangeError(`detectBlisters: dx = ${dx}: expected > 0 m`);
  if (z.length !== w * h || w < 8 || h < 8) throw new RangeError(`detectBlisters: ${z.length} values do not form a ${w} × ${h} image (≥ 8 × 8)`);
  const k = options.thresholdSigma ?? 5;
  const hMin = options.minHeight ?? 2e-9;
  const minPx = (options.minArea ?? Math.PI * 50e-9 ** 2) / (dx * dx);
  let lev = subtractPolynomial(z, w, h, 1);
  const robust = (a: Float64Array) => {
    const m = median(a);
    return { m, s: 1.4826 * median(a.map((v) => Math.abs(v - m))) };
  };
  let { m, s } = robust(lev);
  const keep = new Uint8Array(w * h);
  for (let i = 0; i < keep.length; i++) keep[i] = Math.abs(lev[i] - m) <= 3 * s ? 1 : 0;
  lev = subtractPolynomial(z, w, h, 1, keep);
  const ridgeWidth = options.ridgeWidth ?? 0;
  if (!Number.isFinite(ridgeWidth) || ridgeWidth < 0) throw new RangeError(`detectBlisters: ridgeWidth = ${ridgeWidth}: expected ≥ 0 m`);
  const rOpen = Math.ceil(ridgeWidth / (2 * dx));
  // the image the domes are segmented on: the levelled image, or its opening without the ridges
  const seg = rOpen > 0 ? openDisc(lev, w, h, rOpen) : lev;
  ({ m, s } = robust(seg));
  const T = Math.max(k * s, hMin);
  // ridge pixels (stand above the opening by more than T): left out of the base and the fit
  const onRidge = (p: number) => rOpen > 0 && lev[p] - seg[p] > T;
  // all components above T first (label = component index), so that each dome's fit can leave out
  // the pixels of its neighbours
  const label = new Int32Array(w * h).fill(-1);
  const components: number[][] = [];
  const stack: number[] = [];
  for (let p0 = 0; p0 < w * h; p0++) {
    if (label[p0] !== -1 || seg[p0] - m <= T) continue;
    const px: number[] = [];
    label[p0] = components.length;
    stack.push(p0);
    while (stack.length) {
      const p = stack.pop()!;
      px.push(p);
      const x = p % w;
      const y = (p - x) / w;
      for (const q of [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1]) {
        if (q < 0 || label[q] !== -1 || seg[q] - m <= T) continue;
        label[q] = label[p0];
        stack.push(q);
      }
    }
    components.push(px);
  }
  const out: DetectedBlister[] = [];
  for (let id = 0; id < components.length; id++) {
    const px = components[id];
    let x0 = w, x1 = 0, y0 = h, y1 = 0, top = -Infinity, argmax = px[0], sx = 0, sy = 0;
    for (const p of px) {
      const x = p % w;
      const y = (p - x) / w;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      if (seg[p] > top) (top = seg[p], argmax = p);
      sx += x; sy += y;
    }
    if (px.length < minPx || x0 === 0 || y0 === 0 || x1 === w - 1 || y1 === h - 1) continue;
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    const fill = px.length / (bw * bh);
    if (fill < 0.5 || fill > 0.95 || bw > 2 * bh || bh > 2 * bw) continue;
    // ring beyond the dome's foot: a dome cut at T has r_T = R √(1 − √(T/H)), so a gap of one
    // component width (2 r_T) reaches past R for T/H ≤ 0.8
    const gap = Math.max(2, bw, bh);
    const outer = gap + Math.max(4, gap >> 1);
    const ring: number[] = [];
    for (let y = Math.max(0, y0 - outer); y <= Math.min(h - 1, y1 + outer); y++)
      for (let x = Math.max(0, x0 - outer); x <= Math.min(w - 1, x1 + outer); x++) {
        const d = Math.max(x0 - x, x - x1, y0 - y, y - y1);
        if (d >= gap && label[y * w + x] === -1 && !onRidge(y * w + x)) ring.push(lev[y * w + x]);
      }
    const base = ring.length ? median(ring) : m;
    // apex: 3 × 3 mean around the highest pixel (the bare maximum is biased up by ≈ 2 σ of noise)
    let apex = 0;
    let na = 0;
    const ax = argmax % w;
    const ay = (argmax - ax) / w;
    for (let y = Math.max(0, ay - 1); y <= Math.min(h - 1, ay + 1); y++)
      for (let x = Math.max(0, ax - 1); x <= Math.min(w - 1, ax + 1); x++) (apex += lev[y * w + x], na++);
    const Hapex = apex / na - base;
    // dome fit: centre at the centroid, base fixed; for each R on a ½-px grid from r_T to 4 r_T the
    // height is the linear least-squares H(R) = Σ f (z − base) / Σ f², f = (1 − r²/R²)²₊; keep the
    // R of least squared residual over a disc of radius 4 r_T (the SEI texture averages out there,
    // where a half-height contour would leak into it)
    const cx = sx / px.length;
    const cy = sy / px.length;
    const rT = Math.sqrt(px.length / Math.PI);
    const win = Math.ceil(4 * rT) + 2;
    const wr2: number[] = [];
    const wz: number[] = [];
    for (let y = Math.max(0, Math.floor(cy - win)); y <= Math.min(h - 1, Math.ceil(cy + win)); y++)
      for (let x = Math.max(0, Math.floor(cx - win)); x <= Math.min(w - 1, Math.ceil(cx + win)); x++) {
        const r2 = (x - cx) ** 2 + (y - cy) ** 2;
        const l = label[y * w + x];
        if (r2 > win * win || onRidge(y * w + x) || (l !== -1 && l !== id)) continue;
        wr2.push(r2);
        wz.push(lev[y * w + x] - base);
      }
    let best = { sse: Infinity, R: rT, H: Hapex };
    for (let R = Math.max(1, rT); R <= 4 * rT; R += 0.5) {
      let sfz = 0;
      let sff = 0;
      for (let j = 0; j < wz.length; j++) {
        const q = wr2[j] / (R * R);
        if (q >= 1) continue;
        const f = (1 - q) ** 2;
        sfz += f * wz[j];
        sff += f * f;
      }
      if (sff <= 0) continue;
      const Hf = sfz / sff;
      let sse = 0;
      for (let j = 0; j < wz.length; j++) {
        const q = wr2[j] / (R * R);
        const e = wz[j] - (q < 1 ? Hf * (1 - q) ** 2 : 0);
        sse += e * e;
      }
      if (sse < best.sse) best = { sse, R, H: Hf };
    }
    // a dome cut by the image border cannot be measured: drop it
    if (cx - best.R < 0 || cy - best.R < 0 || cx + best.R > w - 1 || cy + best.R > h - 1) continue;
    const H = rOpen > 0 ? best.H : Hapex;
    out.push({ x: (sx / px.length + 0.5) * dx, y: (sy / px.length + 0.5) * dx, diameter: 2 * best.R * dx, height: H, area: px.length * dx * dx });
  }
  return { blisters: out, count: out.length, maxDiameter: out.reduce((a, b) => Math.max(a, b.diameter), 0), maxHeight: out.reduce((a, b) => Math.max(a, b.height), 0), sigma: s, threshold: T };
}

/**
 * Footprints of detected blisters as a mask (1 inside a disc of the fitted diameter plus `margin`
 * pixels around each centre) on a w × h image of pixel `dx` (m): to leave blisters out of analyses
 * of the film around them (e.g. the tip-sweeping comparison of an overview).
 */
export function blisterFootprints(detection: BlisterDetection, w: number, h: number, dx: number, margin = 2): Uint8Array {
  const mask = new Uint8Array(w * h);
  for (const b of detection.blisters) {
    const cx = b.x / dx - 0.5;
    const cy = b.y / dx - 0.5;
    const r = b.diameter / (2 * dx) + margin;
    for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(h - 1, Math.ceil(cy + r)); y++)
      for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(w - 1, Math.ceil(cx + r)); x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) mask[y * w + x] = 1;
  }
  return mask;
}
