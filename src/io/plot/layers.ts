/**
 * What can be drawn in a panel: typed layers (line, scatter, band, markers and spans, histogram,
 * violin, heatmap, text), their data extents, their SVG, and their legend samples.
 *
 * All data are in SI (the axes choose display prefixes). Layers are drawn in the order given.
 */
import { area as d3area, line as d3line } from 'd3-shape';
import { bin, quantileSorted } from 'd3-array';
import type { ScaleContinuousNumeric } from 'd3-scale';
import { colormapRgb, type ColormapName } from './colors.js';
import { encodePngRgb, pngDataUri } from './png.js';
import { esc, FONT, num, textEl } from './svg.js';

/** Line dash styles. */
export type DashStyle = 'solid' | 'dashed' | 'dotted' | 'dashdot';
/** Marker shapes. */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'plus';

/** A polyline through (x[i], y[i]); non-finite points break the line. */
export interface LineLayer {
  readonly type: 'line';
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly label?: string;
  readonly color?: string;
  readonly dash?: DashStyle;
  /** Stroke width in px (default 1.5). */
  readonly width?: number;
  /** Draw a marker at every point. */
  readonly marker?: MarkerShape;
  readonly markerSize?: number;
  readonly opacity?: number;
}

/** Points at (x[i], y[i]). */
export interface ScatterLayer {
  readonly type: 'scatter';
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly label?: string;
  readonly color?: string;
  readonly marker?: MarkerShape;
  /** Marker diameter in px (default 5). */
  readonly size?: number;
  /** Fill opacity (default 0.8); use < 0.3 for thousands of points. */
  readonly opacity?: number;
  /** Hollow markers (stroke only). */
  readonly hollow?: boolean;
}

/** A shaded band between lower[i] and upper[i] over x[i], e.g. mean ± 95 % CI. */
export interface BandLayer {
  readonly type: 'band';
  readonly x: ArrayLike<number>;
  readonly lower: ArrayLike<number>;
  readonly upper: ArrayLike<number>;
  readonly label?: string;
  readonly color?: string;
  /** Fill opacity (default 0.25). */
  readonly opacity?: number;
}

/** Vertical (`vline`) or horizontal (`hline`) reference line at one data value. */
export interface RuleLayer {
  readonly type: 'vline' | 'hline';
  readonly at: number;
  readonly label?: string;
  /** Short text written beside the line, inside the plot. */
  readonly text?: string;
  /** Where the text of a `vline` hangs, as a fraction of the plot height from the top (default 0). */
  readonly textAt?: number;
  /** Which side of a `vline` its text stands on (default right). */
  readonly textSide?: 'left' | 'right';
  readonly color?: string;
  readonly dash?: DashStyle;
  readonly width?: number;
}

/** Shaded vertical (`vspan`: x from–to) or horizontal (`hspan`: y from–to) region, e.g. a voltage window. */
export interface SpanLayer {
  readonly type: 'vspan' | 'hspan';
  readonly from: number;
  readonly to: number;
  readonly label?: string;
  /** Short text written inside the span at its top (vspan) or left (hspan). */
  readonly text?: string;
  readonly color?: string;
  /** Fill opacity (default 0.15). */
  readonly opacity?: number;
}

/** Histogram from raw values (binned with d3-array `bin`) or from given edges and counts. */
export interface HistogramLayer {
  readonly type: 'histogram';
  /** Raw values (non-finite ignored). */
  readonly values?: ArrayLike<number>;
  /** Number of bins wanted for raw values (d3 "nice" thresholds; default 20). */
  readonly bins?: number;
  /** Bin edges (length n + 1) with `counts` (length n), instead of `values`. */
  readonly edges?: ArrayLike<number>;
  readonly counts?: ArrayLike<number>;
  /** Plot probability density (count / (N·width), unit 1/x-unit) instead of counts. */
  readonly density?: boolean;
  readonly label?: string;
  readonly color?: string;
  /** Fill opacity (default 0.55). */
  readonly opacity?: number;
}

/** One violin: a density along the value axis, centred at `position` on the category axis. */
export interface ViolinGroup {
  /** Position on the x axis (category index, e.g. 0, 1, 2, or offset for side-by-side groups). */
  readonly position: number;
  /** Grid of values (y axis, SI) where the density is given, increasing. */
  readonly grid: ArrayLike<number>;
  /** Kernel density estimate at `grid` (1/unit), e.g. from src/analysis (not recomputed here). */
  readonly density: ArrayLike<number>;
  /** Raw samples, only for the median and interquartile bar (optional). */
  readonly samples?: ArrayLike<number>;
  /** Or give the quartiles directly: [Q1, median, Q3]. */
  readonly quartiles?: readonly [number, number, number];
}

/** Violins with one colour and legend entry (e.g. one voltage window across depth bins). */
export interface ViolinLayer {
  readonly type: 'violin';
  readonly groups: readonly ViolinGroup[];
  readonly label?: string;
  readonly color?: string;
  /** Maximum half-width in x units (default 0.4). */
  readonly halfWidth?: number;
  /**
   * `'area'` (default): one scale for all groups of the layer, so equal areas (each KDE integrates
   * to 1) and comparable densities; `'width'`: each violin scaled to the same maximum width.
   */
  readonly scale?: 'area' | 'width';
  readonly opacity?: number;
}

/** A 2D map or KDE grid drawn as an embedded PNG, with a colour bar. */
export interface HeatmapLayer {
  readonly type: 'heatmap';
  /** Row-major values: `ny` rows of `nx`; row 0 lies at y = `yRange[0]`, column 0 at x = `xRange[0]`. */
  readonly values: ArrayLike<number>;
  readonly nx: number;
  readonly ny: number;
  /** Outer edges of the grid in x (SI): [left edge of column 0, right edge of column nx−1]. */
  readonly xRange: readonly [number, number];
  /** Outer edges of the grid in y (SI): [edge of row 0, edge of row ny−1]. */
  readonly yRange: readonly [number, number];
  /** Colour-bar title and SI unit, e.g. `'Height'`, `'m'`; `'1/(m Pa)'` for a KDE. */
  readonly zLabel: string;
  readonly zUnit: string;
  /** Colour range (SI); default the finite extent. */
  readonly zDomain?: readonly [number, number];
  readonly zScale?: 'linear' | 'log';
  readonly colormap?: ColormapName;
  /** Smooth interpolation (for KDE grids); default false (pixels shown as measured). */
  readonly smooth?: boolean;
}

/** Free text at a data position. */
export interface TextLayer {
  readonly type: 'text';
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly color?: string;
}

/** Error bars: vertical segments from yLow[i] to yHigh[i] at x[i], with caps. */
export interface ErrorBarLayer {
  readonly type: 'errorbar';
  readonly x: ArrayLike<number>;
  readonly yLow: ArrayLike<number>;
  readonly yHigh: ArrayLike<number>;
  readonly label?: string;
  readonly color?: string;
  /** Cap width in px (default 5). */
  readonly cap?: number;
}

export type Layer =
  | LineLayer
  | ScatterLayer
  | BandLayer
  | RuleLayer
  | SpanLayer
  | HistogramLayer
  | ViolinLayer
  | HeatmapLayer
  | TextLayer
  | ErrorBarLayer;

/** Pixel-space context a layer is drawn in. */
export interface DrawContext {
  readonly x: ScaleContinuousNumeric<number, number>;
  readonly y: ScaleContinuousNumeric<number, number>;
  readonly width: number;
  readonly height: number;
  readonly xLog: boolean;
  readonly yLog: boolean;
}

/** ` stroke-dasharray` attribute text for a dash style, scaled with the stroke width (px). */
export function dashArray(d: DashStyle | undefined, width: number): string {
  switch (d ?? 'solid') {
    case 'solid':
      return '';
    case 'dashed':
      return ` stroke-dasharray="${num(4 * width + 1)} ${num(2.5 * width + 1)}"`;
    case 'dotted':
      return ` stroke-dasharray="${num(width)} ${num(1.6 * width + 1)}" stroke-linecap="round"`;
    case 'dashdot':
      return ` stroke-dasharray="${num(4 * width + 1)} ${num(1.6 * width + 1)} ${num(width)} ${num(1.6 * width + 1)}"`;
    default: {
      const never: never = d as never;
      throw new Error(`unknown dash style ${String(never)}`);
    }
  }
}

/** Path data of one marker of diameter `s` centred at (x, y). */
export function markerPath(shape: MarkerShape, x: number, y: number, s: number): string {
  const r = s / 2;
  switch (shape) {
    case 'circle':
      return `M${num(x - r)},${num(y)}a${num(r)},${num(r)} 0 1,0 ${num(2 * r)},0a${num(r)},${num(r)} 0 1,0 ${num(-2 * r)},0z`;
    case 'square': {
      const h = r * 0.886; // equal area to the circle
      return `M${num(x - h)},${num(y - h)}h${num(2 * h)}v${num(2 * h)}h${num(-2 * h)}z`;
    }
    case 'diamond': {
      const h = r * 1.25;
      return `M${num(x)},${num(y - h)}l${num(h)},${num(h)}l${num(-h)},${num(h)}l${num(-h)},${num(-h)}z`;
    }
    case 'triangle': {
      const h = r * 1.3;
      return `M${num(x)},${num(y - h)}l${num(h * 0.866)},${num(h * 1.5)}h${num(-h * 1.732)}z`;
    }
    case 'cross': {
      const h = r * 0.9;
      return `M${num(x - h)},${num(y - h)}l${num(2 * h)},${num(2 * h)}M${num(x - h)},${num(y + h)}l${num(2 * h)},${num(-2 * h)}`;
    }
    case 'plus':
      return `M${num(x - r)},${num(y)}h${num(2 * r)}M${num(x)},${num(y - r)}v${num(2 * r)}`;
    default: {
      const never: never = shape;
      throw new Error(`unknown marker ${String(never)}`);
    }
  }
}

const strokeOnly = (m: MarkerShape): boolean => m === 'cross' || m === 'plus';

function checkLengths(what: string, ...arrays: ArrayLike<number>[]): void {
  const n = arrays[0].length;
  for (const a of arrays) if (a.length !== n) throw new Error(`plot: ${what} arrays differ in length (${arrays.map((x) => x.length).join(' vs ')})`);
}

function okX(ctx: DrawContext, v: number): boolean {
  return Number.isFinite(v) && (!ctx.xLog || v > 0);
}
function okY(ctx: DrawContext, v: number): boolean {
  return Number.isFinite(v) && (!ctx.yLog || v > 0);
}

/** A running [min, max] over finite values (positive only on log axes). */
class Extent {
  lo = Infinity;
  hi = -Infinity;
  constructor(private readonly log: boolean) {}
  add(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.one(values[i]);
  }
  one(v: number): void {
    if (!Number.isFinite(v) || (this.log && v <= 0)) return;
    if (v < this.lo) this.lo = v;
    if (v > this.hi) this.hi = v;
  }
  get(): [number, number] | undefined {
    return this.lo <= this.hi ? [this.lo, this.hi] : undefined;
  }
}

/**
 * Extent of a layer's data along one axis (SI; finite values, positive on log axes), for automatic
 * domains; spans, rules and text do not count. No copies of the data are made.
 */
export function layerExtent(layer: Layer, axis: 'x' | 'y', log: boolean): [number, number] | undefined {
  const e = new Extent(log);
  const isX = axis === 'x';
  switch (layer.type) {
    case 'line':
    case 'scatter':
      checkLengths(layer.type, layer.x, layer.y);
      e.add(isX ? layer.x : layer.y);
      break;
    case 'band':
      checkLengths('band', layer.x, layer.lower, layer.upper);
      if (isX) e.add(layer.x);
      else {
        e.add(layer.lower);
        e.add(layer.upper);
      }
      break;
    case 'errorbar':
      checkLengths('errorbar', layer.x, layer.yLow, layer.yHigh);
      if (isX) e.add(layer.x);
      else {
        e.add(layer.yLow);
        e.add(layer.yHigh);
      }
      break;
    case 'vline':
    case 'hline':
    case 'vspan':
    case 'hspan':
    case 'text':
      break;
    case 'histogram': {
      const h = histogramBins(layer);
      if (isX) e.add([h.edges[0], h.edges[h.edges.length - 1]]);
      else {
        e.one(0);
        e.add(h.heights);
      }
      break;
    }
    case 'violin': {
      const w = layer.halfWidth ?? 0.4;
      for (const g of layer.groups) {
        if (isX) e.add([g.position - w, g.position + w]);
        else e.add(g.grid);
      }
      break;
    }
    case 'heatmap':
      e.add(isX ? layer.xRange : layer.yRange);
      break;
    default: {
      const never: never = layer;
      throw new Error(`unknown layer ${(never as Layer).type}`);
    }
  }
  return e.get();
}

/** Bin edges and bar heights of a histogram layer. */
export function histogramBins(layer: HistogramLayer): { edges: number[]; heights: number[] } {
  let edges: number[];
  let counts: number[];
  if (layer.edges && layer.counts) {
    edges = Array.from(layer.edges);
    counts = Array.from(layer.counts);
    if (edges.length !== counts.length + 1) throw new Error(`plot: histogram needs edges.length = counts.length + 1 (${edges.length} vs ${counts.length})`);
  } else if (layer.values) {
    const vals = Array.from(layer.values).filter(Number.isFinite);
    if (vals.length === 0) return { edges: [0, 1], heights: [0] };
    const bins = bin().thresholds(layer.bins ?? 20)(vals);
    edges = [bins[0].x0 as number, ...bins.map((b) => b.x1 as number)];
    counts = bins.map((b) => b.length);
  } else {
    throw new Error('plot: histogram needs values, or edges and counts');
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const heights = layer.density ? counts.map((c, i) => (total > 0 ? c / (total * (edges[i + 1] - edges[i])) : 0)) : counts;
  return { edges, heights };
}

/**
 * Keep at most ~4 points per pixel column (first, min, max, last, in order) of an x-monotonic
 * pixel polyline, so that 10⁶-sample spectra stay light while looking identical. Non-finite
 * entries (line breaks) are kept.
 */
export function decimate(px: number[], py: number[]): { px: number[]; py: number[] } {
  const n = px.length;
  let mono = true;
  for (let i = 1; i < n && mono; i++) if (Number.isFinite(px[i]) && Number.isFinite(px[i - 1]) && px[i] < px[i - 1]) mono = false;
  if (!mono || n < 2000) return { px, py };
  const ox: number[] = [];
  const oy: number[] = [];
  let i = 0;
  while (i < n) {
    if (!Number.isFinite(px[i]) || !Number.isFinite(py[i])) {
      ox.push(NaN);
      oy.push(NaN);
      i++;
      continue;
    }
    const col = Math.floor(px[i]);
    let j = i;
    let kMin = i;
    let kMax = i;
    while (j < n && Number.isFinite(px[j]) && Number.isFinite(py[j]) && Math.floor(px[j]) === col) {
      if (py[j] < py[kMin]) kMin = j;
      if (py[j] > py[kMax]) kMax = j;
      j++;
    }
    const keep = [...new Set([i, kMin, kMax, j - 1])].sort((a, b) => a - b);
    for (const k of keep) {
      ox.push(px[k]);
      oy.push(py[k]);
    }
    i = j;
  }
  return { px: ox, py: oy };
}

/** SVG of one layer inside the plot area (coordinates relative to its top-left corner). */
export function renderLayer(layer: Layer, color: string, ctx: DrawContext): string {
  switch (layer.type) {
    case 'line': {
      checkLengths('line', layer.x, layer.y);
      const w = layer.width ?? 1.5;
      const rawX: number[] = [];
      const rawY: number[] = [];
      for (let i = 0; i < layer.x.length; i++) {
        const ok = okX(ctx, layer.x[i]) && okY(ctx, layer.y[i]);
        rawX.push(ok ? ctx.x(layer.x[i]) : NaN);
        rawY.push(ok ? ctx.y(layer.y[i]) : NaN);
      }
      const { px, py } = layer.marker ? { px: rawX, py: rawY } : decimate(rawX, rawY);
      const pts = px.map((x, i) => [x, py[i]] as [number, number]);
      const d = d3line().defined((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])).digits(2)(pts) ?? '';
      const op = layer.opacity !== undefined ? ` stroke-opacity="${num(layer.opacity)}"` : '';
      let out = d === '' ? '' : `<path d="${d}" fill="none" stroke="${color}" stroke-width="${num(w)}" stroke-linejoin="round"${dashArray(layer.dash, w)}${op}/>`;
      if (layer.marker) out += markersSvg(layer.marker, pts, layer.markerSize ?? 5, color, 1, false);
      return out;
    }
    case 'scatter': {
      checkLengths('scatter', layer.x, layer.y);
      const pts: [number, number][] = [];
      for (let i = 0; i < layer.x.length; i++) {
        if (okX(ctx, layer.x[i]) && okY(ctx, layer.y[i])) pts.push([ctx.x(layer.x[i]), ctx.y(layer.y[i])]);
      }
      return markersSvg(layer.marker ?? 'circle', pts, layer.size ?? 5, color, layer.opacity ?? 0.8, layer.hollow ?? false);
    }
    case 'band': {
      checkLengths('band', layer.x, layer.lower, layer.upper);
      const pts: [number, number, number][] = [];
      for (let i = 0; i < layer.x.length; i++) {
        const ok = okX(ctx, layer.x[i]) && okY(ctx, layer.lower[i]) && okY(ctx, layer.upper[i]);
        pts.push(ok ? [ctx.x(layer.x[i]), ctx.y(layer.lower[i]), ctx.y(layer.upper[i])] : [NaN, NaN, NaN]);
      }
      const d =
        d3area<[number, number, number]>()
          .defined((p) => Number.isFinite(p[0]))
          .x((p) => p[0])
          .y0((p) => p[1])
          .y1((p) => p[2])
          .digits(2)(pts) ?? '';
      return d === '' ? '' : `<path d="${d}" fill="${color}" fill-opacity="${num(layer.opacity ?? 0.25)}" stroke="none"/>`;
    }
    case 'errorbar': {
      checkLengths('errorbar', layer.x, layer.yLow, layer.yHigh);
      const c = (layer.cap ?? 5) / 2;
      let d = '';
      for (let i = 0; i < layer.x.length; i++) {
        if (!(okX(ctx, layer.x[i]) && okY(ctx, layer.yLow[i]) && okY(ctx, layer.yHigh[i]))) continue;
        const x = ctx.x(layer.x[i]);
        const y0 = ctx.y(layer.yLow[i]);
        const y1 = ctx.y(layer.yHigh[i]);
        d += `M${num(x)},${num(y0)}V${num(y1)}M${num(x - c)},${num(y0)}h${num(2 * c)}M${num(x - c)},${num(y1)}h${num(2 * c)}`;
      }
      return d === '' ? '' : `<path d="${d}" fill="none" stroke="${color}" stroke-width="1"/>`;
    }
    case 'vline':
    case 'hline': {
      const w = layer.width ?? 1;
      const vertical = layer.type === 'vline';
      if (!(vertical ? okX(ctx, layer.at) : okY(ctx, layer.at))) return '';
      const p = vertical ? ctx.x(layer.at) : ctx.y(layer.at);
      const d = vertical ? `M${num(p)},0V${num(ctx.height)}` : `M0,${num(p)}H${num(ctx.width)}`;
      let out = `<path d="${d}" fill="none" stroke="${color}" stroke-width="${num(w)}"${dashArray(layer.dash ?? 'dashed', w)}/>`;
      if (layer.text) {
        out += vertical
          ? textEl(layer.textSide === 'left' ? p - 3 : p + 3, 4 + Math.min(0.95, Math.max(0, layer.textAt ?? 0)) * ctx.height, layer.text, { size: FONT.legend - 1, fill: color, baseline: 'hanging', anchor: layer.textSide === 'left' ? 'end' : 'start' })
          : textEl(ctx.width - 3, p - 3, layer.text, { size: FONT.legend - 1, fill: color, anchor: 'end' });
      }
      return out;
    }
    case 'vspan':
    case 'hspan': {
      const vertical = layer.type === 'vspan';
      if (!(vertical ? okX(ctx, layer.from) && okX(ctx, layer.to) : okY(ctx, layer.from) && okY(ctx, layer.to))) return '';
      const a = vertical ? ctx.x(layer.from) : ctx.y(layer.from);
      const b = vertical ? ctx.x(layer.to) : ctx.y(layer.to);
      const lo = Math.min(a, b);
      const len = Math.abs(b - a);
      const rect = vertical
        ? `<rect x="${num(lo)}" y="0" width="${num(len)}" height="${num(ctx.height)}"`
        : `<rect x="0" y="${num(lo)}" width="${num(ctx.width)}" height="${num(len)}"`;
      let out = `${rect} fill="${color}" fill-opacity="${num(layer.opacity ?? 0.15)}" stroke="none"/>`;
      if (layer.text) {
        out += vertical
          ? textEl(lo + len / 2, 4, layer.text, { size: FONT.legend - 1, anchor: 'middle', baseline: 'hanging', fill: '#333333' })
          : textEl(4, lo + len / 2, layer.text, { size: FONT.legend - 1, baseline: 'middle', fill: '#333333' });
      }
      return out;
    }
    case 'histogram': {
      const { edges, heights } = histogramBins(layer);
      let d = '';
      const y0 = ctx.yLog ? ctx.height : ctx.y(0);
      for (let i = 0; i < heights.length; i++) {
        if (!(heights[i] > 0) || !okY(ctx, heights[i])) continue;
        const xa = ctx.x(edges[i]);
        const xb = ctx.x(edges[i + 1]);
        const yh = ctx.y(heights[i]);
        d += `M${num(xa)},${num(y0)}V${num(yh)}H${num(xb)}V${num(y0)}z`;
      }
      return d === '' ? '' : `<path d="${d}" fill="${color}" fill-opacity="${num(layer.opacity ?? 0.55)}" stroke="${color}" stroke-width="0.8"/>`;
    }
    case 'violin':
      return renderViolins(layer, color, ctx);
    case 'heatmap':
      return renderHeatmap(layer, ctx);
    case 'text':
      if (!okX(ctx, layer.x) || !okY(ctx, layer.y)) return '';
      return textEl(ctx.x(layer.x), ctx.y(layer.y), layer.text, { size: FONT.legend, anchor: layer.anchor ?? 'start', fill: layer.color ?? '#000000', baseline: 'middle' });
    default: {
      const never: never = layer;
      throw new Error(`unknown layer ${(never as Layer).type}`);
    }
  }
}

function markersSvg(shape: MarkerShape, pts: readonly [number, number][], size: number, color: string, opacity: number, hollow: boolean): string {
  let d = '';
  for (const [x, y] of pts) if (Number.isFinite(x) && Number.isFinite(y)) d += markerPath(shape, x, y, size);
  if (d === '') return '';
  if (strokeOnly(shape) || hollow) return `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.1" stroke-opacity="${num(opacity)}"/>`;
  return `<path d="${d}" fill="${color}" fill-opacity="${num(opacity)}" stroke="${color}" stroke-width="0.5"/>`;
}

function renderViolins(layer: ViolinLayer, color: string, ctx: DrawContext): string {
  const hw = layer.halfWidth ?? 0.4;
  let globalMax = 0;
  for (const g of layer.groups) {
    checkLengths('violin grid/density', g.grid, g.density);
    for (let i = 0; i < g.density.length; i++) if (Number.isFinite(g.density[i]) && g.density[i] > globalMax) globalMax = g.density[i];
  }
  let out = '';
  for (const g of layer.groups) {
    let localMax = 0;
    for (let i = 0; i < g.density.length; i++) if (Number.isFinite(g.density[i]) && g.density[i] > localMax) localMax = g.density[i];
    const norm = (layer.scale ?? 'area') === 'area' ? globalMax : localMax;
    if (!(norm > 0)) continue;
    const right: string[] = [];
    const left: string[] = [];
    // trim the far tails (density < 0.1 % of this violin's peak), as violin plots conventionally do
    let i0 = 0;
    let i1 = g.grid.length - 1;
    while (i0 < i1 && !(g.density[i0] >= 1e-3 * localMax)) i0++;
    while (i1 > i0 && !(g.density[i1] >= 1e-3 * localMax)) i1--;
    for (let i = i0; i <= i1; i++) {
      const v = g.grid[i];
      const dv = g.density[i];
      if (!okY(ctx, v) || !Number.isFinite(dv)) continue;
      const half = (hw * Math.max(0, dv)) / norm;
      const y = ctx.y(v);
      right.push(`${num(ctx.x(g.position + half))},${num(y)}`);
      left.push(`${num(ctx.x(g.position - half))},${num(y)}`);
    }
    if (right.length < 2) continue;
    out += `<path d="M${right.join('L')}L${left.reverse().join('L')}z" fill="${color}" fill-opacity="${num(layer.opacity ?? 0.45)}" stroke="${color}" stroke-width="1"/>`;
    let q: readonly [number, number, number] | undefined = g.quartiles;
    if (!q && g.samples) {
      const s = Array.from(g.samples).filter(Number.isFinite).sort((a, b) => a - b);
      if (s.length > 0) q = [quantileSorted(s, 0.25) as number, quantileSorted(s, 0.5) as number, quantileSorted(s, 0.75) as number];
    }
    if (q && q.every((v) => okY(ctx, v))) {
      const x = ctx.x(g.position);
      out += `<path d="M${num(x)},${num(ctx.y(q[0]))}V${num(ctx.y(q[2]))}" stroke="#222222" stroke-width="3" stroke-linecap="butt"/>`;
      out += `<circle cx="${num(x)}" cy="${num(ctx.y(q[1]))}" r="2.2" fill="#ffffff" stroke="#222222" stroke-width="0.8"/>`;
    }
  }
  return out;
}

/** Colour-range of a heatmap: given, or the finite (positive for log) extent of its values. */
export function heatmapZDomain(layer: HeatmapLayer): [number, number] {
  if (layer.zDomain) return [layer.zDomain[0], layer.zDomain[1]];
  const log = layer.zScale === 'log';
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < layer.values.length; i++) {
    const v = layer.values[i];
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return log ? [1, 10] : [0, 1];
  if (lo === hi) return log ? [lo / 2, hi * 2] : [lo - (lo === 0 ? 1 : Math.abs(lo) * 0.1), hi + (hi === 0 ? 1 : Math.abs(hi) * 0.1)];
  return [lo, hi];
}

/** Normalised colour coordinate t ∈ [0, 1] of value v in a z-domain (NaN for missing data). */
export function zToUnit(v: number, [lo, hi]: readonly [number, number], log: boolean): number {
  if (!Number.isFinite(v) || (log && v <= 0)) return NaN;
  return log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
}

/**
 * PNG data URI of a value grid through a colormap; `flipRows`/`flipCols` mirror it, and each value
 * becomes a `kx × ky` block of pixels (nearest-neighbour upscaling baked into the PNG, so that
 * measured pixels stay sharp in every renderer, including those that ignore `image-rendering`).
 */
export function gridPngUri(
  values: ArrayLike<number>,
  nx: number,
  ny: number,
  zDomain: readonly [number, number],
  log: boolean,
  cmap: ColormapName,
  flipRows: boolean,
  flipCols: boolean,
  kx = 1,
  ky = 1,
): string {
  const W = nx * kx;
  const rgb = new Uint8Array(W * ny * ky * 3);
  for (let r = 0; r < ny; r++) {
    const srcRow = flipRows ? ny - 1 - r : r;
    for (let c = 0; c < nx; c++) {
      const srcCol = flipCols ? nx - 1 - c : c;
      const [R, G, B] = colormapRgb(cmap, zToUnit(values[srcRow * nx + srcCol], zDomain, log));
      for (let i = 0; i < kx; i++) {
        const o = (r * ky * W + c * kx + i) * 3;
        rgb[o] = R;
        rgb[o + 1] = G;
        rgb[o + 2] = B;
      }
    }
    const first = r * ky * W * 3;
    for (let j = 1; j < ky; j++) rgb.copyWithin(first + j * W * 3, first, first + W * 3);
  }
  return pngDataUri(encodePngRgb(W, ny * ky, rgb));
}

/** Integer upscaling factor so that one value covers ≥ 1 PNG pixel per display pixel (PNG side ≤ 1024). */
export function blockFactor(n: number, displayPx: number): number {
  return Math.max(1, Math.min(Math.ceil(displayPx / n), Math.floor(1024 / n)));
}

function renderHeatmap(layer: HeatmapLayer, ctx: DrawContext): string {
  const { nx, ny } = layer;
  if (!Number.isSafeInteger(nx) || !Number.isSafeInteger(ny) || nx < 1 || ny < 1) throw new Error(`plot: heatmap nx = ${nx}, ny = ${ny} must be positive integers`);
  if (layer.values.length !== nx * ny) throw new Error(`plot: heatmap has ${layer.values.length} values, expected nx × ny = ${nx * ny}`);
  const xa = ctx.x(layer.xRange[0]);
  const xb = ctx.x(layer.xRange[1]);
  const ya = ctx.y(layer.yRange[0]);
  const yb = ctx.y(layer.yRange[1]);
  // PNG row 0 is drawn at the top: flip when row 0 (y = yRange[0]) maps below row ny−1.
  const kx = layer.smooth ? 1 : blockFactor(nx, Math.abs(xb - xa));
  const ky = layer.smooth ? 1 : blockFactor(ny, Math.abs(yb - ya));
  const uri = gridPngUri(layer.values, nx, ny, heatmapZDomain(layer), layer.zScale === 'log', layer.colormap ?? 'viridis', ya > yb, xa > xb, kx, ky);
  const rendering = layer.smooth ? '' : ' style="image-rendering:pixelated"';
  return `<image x="${num(Math.min(xa, xb))}" y="${num(Math.min(ya, yb))}" width="${num(Math.abs(xb - xa))}" height="${num(Math.abs(yb - ya))}" preserveAspectRatio="none"${rendering} href="${esc(uri)}"/>`;
}

/** Legend sample (24 × 12 px box at the origin) of a layer, or '' for layers without one. */
export function legendSample(layer: Layer, color: string): string {
  switch (layer.type) {
    case 'line': {
      const w = Math.min(layer.width ?? 1.5, 3);
      let s = `<path d="M0,6H24" stroke="${color}" stroke-width="${num(w)}"${dashArray(layer.dash, w)}/>`;
      if (layer.marker) s += markersSvg(layer.marker, [[12, 6]], layer.markerSize ?? 5, color, 1, false);
      return s;
    }
    case 'scatter':
      return markersSvg(layer.marker ?? 'circle', [[12, 6]], Math.max(4, layer.size ?? 5), color, Math.max(0.6, layer.opacity ?? 0.8), layer.hollow ?? false);
    case 'band':
    case 'vspan':
    case 'hspan':
    case 'histogram':
    case 'violin': {
      const op = layer.type === 'band' ? 0.3 : layer.type === 'histogram' ? 0.55 : layer.type === 'violin' ? 0.45 : 0.2;
      return `<rect x="2" y="1" width="20" height="10" fill="${color}" fill-opacity="${num(layer.opacity ?? op)}" stroke="${layer.type === 'vspan' || layer.type === 'hspan' || layer.type === 'band' ? 'none' : color}"/>`;
    }
    case 'vline':
    case 'hline':
    case 'errorbar':
      return layer.type === 'errorbar'
        ? `<path d="M12,1V11M9,1h6M9,11h6" stroke="${color}" stroke-width="1" fill="none"/>`
        : `<path d="M0,6H24" stroke="${color}" stroke-width="1"${dashArray(layer.dash ?? 'dashed', 1)}/>`;
    case 'heatmap':
    case 'text':
      return '';
    default: {
      const never: never = layer;
      throw new Error(`unknown layer ${(never as Layer).type}`);
    }
  }
}

/** Pixel points a layer puts in the plot (for choosing a legend corner that hides the least data). */
export function layerPoints(layer: Layer, ctx: DrawContext): [number, number][] {
  const pts: [number, number][] = [];
  const push = (xs: ArrayLike<number>, ys: ArrayLike<number>): void => {
    const step = Math.max(1, Math.floor(xs.length / 2000));
    for (let i = 0; i < xs.length; i += step) if (okX(ctx, xs[i]) && okY(ctx, ys[i])) pts.push([ctx.x(xs[i]), ctx.y(ys[i])]);
  };
  switch (layer.type) {
    case 'line':
    case 'scatter':
      push(layer.x, layer.y);
      break;
    case 'band':
      push(layer.x, layer.lower);
      push(layer.x, layer.upper);
      break;
    case 'errorbar':
      push(layer.x, layer.yLow);
      push(layer.x, layer.yHigh);
      break;
    case 'histogram': {
      const { edges, heights } = histogramBins(layer);
      for (let i = 0; i < heights.length; i++) {
        const xm = (edges[i] + edges[i + 1]) / 2;
        if (okX(ctx, xm) && okY(ctx, heights[i])) {
          const px = ctx.x(xm);
          for (let y = ctx.y(heights[i]); y <= ctx.height; y += 8) pts.push([px, y]);
        }
      }
      break;
    }
    case 'violin':
      for (const g of layer.groups) {
        for (let i = 0; i < g.grid.length; i += 2) if (okY(ctx, g.grid[i]) && g.density[i] > 0) pts.push([ctx.x(g.position), ctx.y(g.grid[i])]);
      }
      break;
    case 'vline':
      if (okX(ctx, layer.at)) for (let y = 0; y <= ctx.height; y += 8) pts.push([ctx.x(layer.at), y]);
      break;
    case 'hline':
      if (okY(ctx, layer.at)) for (let x = 0; x <= ctx.width; x += 8) pts.push([x, ctx.y(layer.at)]);
      break;
    case 'text':
      if (okX(ctx, layer.x) && okY(ctx, layer.y)) pts.push([ctx.x(layer.x), ctx.y(layer.y)]);
      break;
    case 'heatmap':
    case 'vspan':
    case 'hspan':
      break;
    default: {
      const never: never = layer;
      throw new Error(`unknown layer ${(never as Layer).type}`);
    }
  }
  return pts;
}
