/**
 * SEI onset potential per site class from an in situ image sequence (paper 000, Fig. 3: "SEI was
 * detected along step edges at 0.8 V and on the basal plane at 0.5 V (Fig. 3(c-4))"; "White arrows
 * indicate SEI nucleation").
 *
 * A nucleus is a new connected region of detected SEI (coverage.ts) that did not overlap any SEI
 * detected in the previous frame. It was born after the previous scan of its first line and before
 * the current one, so its onset lies in [E(line, frame k), E(line, frame k−1)] — one frame's
 * potential span — and the first line on which it is seen gives the detection potential, resolved
 * to one line (the potential resolution the frame time allows: v·t_line ≈ 1.3 mV at 2 mV/s,
 * 1.54 lines/s). Per class, the onset is the detection potential of the earliest nucleus.
 *
 * Site classes come from the pristine frame itself: on HOPG, step edges are where the height
 * gradient exceeds a threshold (a 0.335 nm step dilated by the tip gives a gradient ≫ the noise
 * gradient), widened by a margin; the rest is basal plane.
 */
import { dilateSquareMask } from './morphology.js';
import type { ChangeDetection, FrameSequence } from './coverage.js';
import { alignRowsMedianOfDifferences, median } from './roughness.js';

/** Label connected components (4-connectivity) of a binary mask; returns labels (0 = background). */
export function connectedComponents(mask: Uint8Array, w: number, h: number): { labels: Int32Array; count: number } {
  const labels = new Int32Array(w * h);
  let count = 0;
  const stack: number[] = [];
  for (let p = 0; p < w * h; p++) {
    if (!mask[p] || labels[p]) continue;
    count++;
    labels[p] = count;
    stack.push(p);
    while (stack.length) {
      const q = stack.pop()!;
      const x = q % w;
      const y = (q - x) / w;
      if (x > 0 && mask[q - 1] && !labels[q - 1]) (labels[q - 1] = count), stack.push(q - 1);
      if (x + 1 < w && mask[q + 1] && !labels[q + 1]) (labels[q + 1] = count), stack.push(q + 1);
      if (y > 0 && mask[q - w] && !labels[q - w]) (labels[q - w] = count), stack.push(q - w);
      if (y + 1 < h && mask[q + w] && !labels[q + w]) (labels[q + w] = count), stack.push(q + w);
    }
  }
  return { labels, count };
}


/**
 * Step-edge mask from a pristine HOPG frame: |∇h| (central differences, after line alignment) above
 * `gradientSigma` times its robust spread and above `minGradient` (m per pixel), dilated by
 * `margin` pixels. Returns 1 on edge-zone pixels.
 */
export function stepEdgeMask(frame: ArrayLike<number>, w: number, h: number, options: { minGradient?: number; gradientSigma?: number; margin?: number } = {}): Uint8Array {
  const z = alignRowsMedianOfDifferences(frame, w, h);
  const g = new Float64Array(w * h);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const gx = 0.5 * (z[y * w + x + 1] - z[y * w + x - 1]);
      const gy = 0.5 * (z[(y + 1) * w + x] - z[(y - 1) * w + x]);
      g[y * w + x] = Math.hypot(gx, gy);
    }
  const med = median(g);
  const spread = 1.4826 * median(Array.from(g, (v) => Math.abs(v - med)));
  const thr = Math.max(med + (options.gradientSigma ?? 8) * spread, options.minGradient ?? 0.08e-9);
  const m = new Uint8Array(w * h);
  for (let i = 0; i < g.length; i++) if (g[i] > thr) m[i] = 1;
  return dilateSquareMask(m, w, h, options.margin ?? 3);
}

/** A detected nucleus. */
export interface DetectedNucleus {
  readonly frame: number;
  /** First line on which it is seen, and its pixel count. */
  readonly line: number;
  readonly pixels: number;
  /** Potential and time of the first line (V, s). */
  readonly potential: number;
  readonly time: number;
  /** Potential of the same line one frame earlier (the other end of the onset bracket) (V). */
  readonly previousPotential: number;
  /** Site class label: 'edge', 'basal' or 'all'. */
  readonly site: string;
}

/** Onset of one site class. */
export interface OnsetResult {
  readonly site: string;
  /** Detection potential of the earliest nucleus (V); NaN if none. */
  readonly onset: number;
  /** Onset bracket [E at detection, E at the previous scan of that line] (V). */
  readonly bracket: readonly [number, number];
  readonly time: number;
  readonly nuclei: number;
}

/**
 * Nuclei and onset potential per site class.
 *
 * `edgeMask` (optional) splits the nuclei into those touching the edge zone ('edge') and the others
 * ('basal'); without it all are 'all'. `minPixels` rejects specks (default 1: the threshold already excludes noise). With `persistent`, a
 * new component must still be above threshold somewhere within 1 px of it in the next frame: an SEI
 * nucleus stays (a swept-off deposit regrows in place), while a noise or resampling outlier does not
 * (the last frame cannot be confirmed and is kept). Nuclei are returned in order of detection time.
 */
export function detectNuclei(seq: FrameSequence, changes: ChangeDetection, options: { edgeMask?: Uint8Array; minPixels?: number; persistent?: boolean } = {}): DetectedNucleus[] {
  const n = seq.pixels;
  const minPx = options.minPixels ?? 1;
  const K = seq.frames.length;
  const out: DetectedNucleus[] = [];
  for (let k = 1; k < seq.frames.length; k++) {
    const { labels, count } = connectedComponents(changes.masks[k], n, n);
    if (count === 0) continue;
    const size = new Int32Array(count + 1);
    const firstLine = new Int32Array(count + 1).fill(n);
    const old = new Uint8Array(count + 1);
    const edge = new Uint8Array(count + 1);
    const prev = changes.masks[k - 1];
    const confirm = options.persistent && k + 1 < K ? dilateSquareMask(changes.masks[k + 1], n, n, 1) : null;
    const seen = new Uint8Array(count + 1);
    for (let p = 0; p < n * n; p++) {
      const l = labels[p];
      if (!l) continue;
      size[l]++;
      const r = Math.floor(p / n);
      if (r < firstLine[l]) firstLine[l] = r;
      if (prev[p]) old[l] = 1;
      if (options.edgeMask && options.edgeMask[p]) edge[l] = 1;
      if (!confirm || confirm[p]) seen[l] = 1;
    }
    for (let l = 1; l <= count; l++) {
      if (old[l] || size[l] < minPx || !seen[l]) continue;
      const li = k * n + firstLine[l];
      out.push({
        frame: k,
        line: firstLine[l],
        pixels: size[l],
        potential: seq.linePotential[li],
        time: seq.lineTime[li],
        previousPotential: seq.linePotential[li - n],
        site: options.edgeMask ? (edge[l] ? 'edge' : 'basal') : 'all',
      });
    }
  }
  return out.sort((a, b) => a.time - b.time);
}

/** Onset per site class: the earliest nucleus of each class (see {@link detectNuclei}). */
export function onsetPotentials(nuclei: readonly DetectedNucleus[], sites: readonly string[]): OnsetResult[] {
  return sites.map((site) => {
    const of = nuclei.filter((x) => x.site === site);
    if (of.length === 0) return { site, onset: Number.NaN, bracket: [Number.NaN, Number.NaN] as const, time: Number.NaN, nuclei: 0 };
    const first = of[0];
    return { site, onset: first.potential, bracket: [first.potential, first.previousPotential] as const, time: first.time, nuclei: of.length };
  });
}
