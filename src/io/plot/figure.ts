/**
 * Figures: one or more panels laid out on a grid, rendered to deterministic SVG text.
 *
 * Determinism: the SVG depends only on the spec (no clock, no counters shared across figures);
 * coordinates are rounded to 0.01 px; element ids (clip paths) are prefixed with a hash of the
 * figure's own content, so that several figures inlined in one HTML page never clash.
 */
import { createHash } from 'node:crypto';
import { axisDisplay, axisTitle, fixedFormatter, resolveAxis, type AxisSpec, type ResolvedAxis } from './axis.js';
import { seriesColor, type ColormapName } from './colors.js';
import {
  blockFactor,
  gridPngUri,
  heatmapZDomain,
  layerExtent,
  layerPoints,
  legendSample,
  renderLayer,
  type DrawContext,
  type HeatmapLayer,
  type Layer,
} from './layers.js';
import { esc, FONT, FONT_FAMILY, num, textEl, textWidth } from './svg.js';

/** Where a panel's legend goes; `'auto'` picks the inside corner that hides the fewest data points. */
export type LegendPosition = 'auto' | 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left' | 'right' | 'none';

/** One panel: two axes and the layers drawn in it. */
export interface PanelSpec {
  readonly title?: string;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  readonly layers: readonly Layer[];
  /** Default `'auto'` (no legend when no layer has a label). */
  readonly legend?: LegendPosition;
  /**
   * `'equal'`: one metre is as long on x as on y (maps); `'free'`: fill the panel. Default `'auto'`:
   * equal for a heatmap whose linear x and y axes share a unit, free otherwise.
   */
  readonly aspect?: 'auto' | 'equal' | 'free';
}

/** A figure of one or more panels. */
export interface FigureSpec {
  readonly title?: string;
  readonly panels: readonly PanelSpec[];
  /** Panels per row (default: all in one row up to 3, else ⌈√n⌉). */
  readonly columns?: number;
  /** Plot-area size of each panel in px (default 340 × 230). */
  readonly panelWidth?: number;
  readonly panelHeight?: number;
  /** Same x range for all panels; x tick labels only on the bottom panel of each column. */
  readonly shareX?: boolean;
  /** Same y range for all panels; y tick labels only on the left column. */
  readonly shareY?: boolean;
  /** Bold panel letters a, b, c … (default: on when there is more than one panel). */
  readonly letters?: boolean;
  /** One line under the figure (e.g. seed and scenario). */
  readonly caption?: string;
}

const TICK = 5;
const MINOR_TICK = 3;
const PAD = 10;
const GAP_H = 14;
const GAP_V = 10;
const AXIS_COLOR = '#222222';
const RULE_DEFAULT = '#555555';
const SPAN_DEFAULT = '#999999';

interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface PreparedPanel {
  readonly spec: PanelSpec;
  /** Plot-area size (≤ the figure's panel size; smaller for equal aspect). */
  readonly pw: number;
  readonly ph: number;
  readonly xAxis: ResolvedAxis;
  readonly yAxis: ResolvedAxis;
  readonly colors: readonly string[];
  readonly heatmap?: HeatmapLayer;
  readonly showXLabels: boolean;
  readonly showYLabels: boolean;
  readonly need: Margins;
  readonly legendItems: readonly { label: string; sample: string }[];
  readonly legendSize: { w: number; h: number };
}

function unionExtent(panels: readonly PanelSpec[], axis: 'x' | 'y'): [number, number] | undefined {
  const vals: number[] = [];
  for (const p of panels) {
    const log = (axis === 'x' ? p.x : p.y).scale === 'log';
    for (const l of p.layers) {
      const e = layerExtent(l, axis, log);
      if (e) vals.push(...e);
    }
  }
  return vals.length ? [Math.min(...vals), Math.max(...vals)] : undefined;
}

function layerColors(layers: readonly Layer[]): string[] {
  let k = 0;
  return layers.map((l) => {
    if (l.type === 'heatmap') return '#000000';
    if (l.type === 'text') return l.color ?? '#000000';
    if (l.type === 'vline' || l.type === 'hline') return l.color ?? RULE_DEFAULT;
    if (l.type === 'vspan' || l.type === 'hspan') return l.color ?? SPAN_DEFAULT;
    return l.color ?? seriesColor(k++);
  });
}

const COLORBAR = { gap: 14, width: 12 };

function colorbarWidth(h: HeatmapLayer, height: number): number {
  const cb = colorbarAxis(h, height);
  const labelW = Math.max(...cb.ticks.map((t) => textWidth(t.label, FONT.tick)), 0);
  return COLORBAR.gap + COLORBAR.width + TICK + 3 + labelW + 8 + FONT.label + 4;
}

function colorbarAxis(h: HeatmapLayer, height: number): ResolvedAxis {
  const z = heatmapZDomain(h);
  return resolveAxis({ label: h.zLabel, unit: h.zUnit, scale: h.zScale === 'log' ? 'log' : 'linear', domain: z, nice: false }, z, height, 'y');
}

function legendLayout(items: readonly { label: string }[]): { w: number; h: number } {
  if (items.length === 0) return { w: 0, h: 0 };
  const w = 8 + 24 + 6 + Math.max(...items.map((i) => textWidth(i.label, FONT.legend))) + 8;
  return { w, h: 6 + items.length * 16 + 2 };
}

function prepare(spec: FigureSpec): PreparedPanel[] {
  const n = spec.panels.length;
  const cols = spec.columns ?? (n <= 3 ? n : Math.ceil(Math.sqrt(n)));
  const W = spec.panelWidth ?? 340;
  const H = spec.panelHeight ?? 230;
  const sharedX = spec.shareX ? unionExtent(spec.panels, 'x') : undefined;
  const sharedY = spec.shareY ? unionExtent(spec.panels, 'y') : undefined;
  return spec.panels.map((p, i) => {
    const xExt = sharedX ?? unionExtent([p], 'x');
    const yExt = sharedY ?? unionExtent([p], 'y');
    // images fill their panel: no nice rounding of the domain around a heatmap
    const hasMap = p.layers.some((l) => l.type === 'heatmap');
    const xSpec = hasMap && p.x.nice === undefined ? { ...p.x, nice: false } : p.x;
    const ySpec = hasMap && p.y.nice === undefined ? { ...p.y, nice: false } : p.y;
    let xAxis = resolveAxis(xSpec, xExt, W, 'x');
    let yAxis = resolveAxis(ySpec, yExt, H, 'y');
    const linear = (a: AxisSpec): boolean => (a.scale ?? 'linear') === 'linear';
    const aspect = p.aspect ?? 'auto';
    const equal = aspect === 'equal' || (aspect === 'auto' && hasMap && p.x.unit === p.y.unit && linear(p.x) && linear(p.y));
    let pw = W;
    let ph = H;
    if (equal) {
      const [x0, x1] = xAxis.scale.domain();
      const [y0, y1] = yAxis.scale.domain();
      const ratio = Math.abs(y1 - y0) / Math.abs(x1 - x0);
      if (W * ratio <= H) ph = W * ratio;
      else pw = H / ratio;
      xAxis = resolveAxis(xSpec, xExt, pw, 'x');
      yAxis = resolveAxis(ySpec, yExt, ph, 'y');
    }
    const row = Math.floor(i / cols);
    const lastRow = Math.floor((n - 1) / cols);
    const belowExists = spec.shareX && (row < lastRow && i + cols < n);
    const showXLabels = !belowExists;
    const showYLabels = !(spec.shareY && i % cols !== 0);
    const colors = layerColors(p.layers);
    const heatmap = p.layers.find((l): l is HeatmapLayer => l.type === 'heatmap');
    const legendItems = p.layers.flatMap((l, k) => {
      const label = l.type === 'heatmap' || l.type === 'text' ? undefined : l.label;
      return label !== undefined && label !== '' ? [{ label, sample: legendSample(l, colors[k]) }] : [];
    });
    const legendSize = legendLayout(legendItems);
    const yTickW = Math.max(0, ...yAxis.ticks.map((t) => textWidth(t.label, FONT.tick)));
    const need: Margins = {
      left: showYLabels ? TICK + 4 + yTickW + 8 + FONT.label + 2 : TICK + 4,
      // space left over by an equal-aspect plot (W − pw) is used first
      right: Math.max(12, 12 + (heatmap ? colorbarWidth(heatmap, ph) : 0) + (p.legend === 'right' ? legendSize.w + 10 : 0) - (W - pw)),
      top: p.title ? FONT.title + 12 : 8,
      bottom: showXLabels ? TICK + 4 + FONT.tick + 8 + FONT.label + 6 : TICK + 6,
    };
    return { spec: p, pw, ph, xAxis, yAxis, colors, heatmap, showXLabels, showYLabels, need, legendItems, legendSize };
  });
}

/** Render a figure spec to SVG text. Same spec ⇒ identical bytes. */
export function figure(spec: FigureSpec): string {
  if (spec.panels.length === 0) throw new Error('plot: a figure needs at least one panel');
  const n = spec.panels.length;
  const cols = Math.max(1, Math.min(n, spec.columns ?? (n <= 3 ? n : Math.ceil(Math.sqrt(n)))));
  const rows = Math.ceil(n / cols);
  const W = spec.panelWidth ?? 340;
  const H = spec.panelHeight ?? 230;
  const letters = spec.letters ?? n > 1;
  const panels = prepare(spec);

  // Column and row margins: the largest need of the panels in that column / row keeps axes aligned.
  const colLeft = Array.from({ length: cols }, (_, c) => Math.max(...panels.filter((_, i) => i % cols === c).map((p) => p.need.left)));
  const colRight = Array.from({ length: cols }, (_, c) => Math.max(...panels.filter((_, i) => i % cols === c).map((p) => p.need.right)));
  const rowTop = Array.from({ length: rows }, (_, r) => Math.max(...panels.filter((_, i) => Math.floor(i / cols) === r).map((p) => p.need.top)));
  const rowBottom = Array.from({ length: rows }, (_, r) => Math.max(...panels.filter((_, i) => Math.floor(i / cols) === r).map((p) => p.need.bottom)));
  const letterSpace = letters ? 6 : 0;
  const titleH = spec.title ? FONT.figureTitle + 14 : 0;
  const colX: number[] = [];
  let x = PAD;
  for (let c = 0; c < cols; c++) {
    colX.push(x);
    x += letterSpace + colLeft[c] + W + colRight[c] + (c < cols - 1 ? GAP_H : 0);
  }
  const width = x + PAD;
  const rowY: number[] = [];
  let y = PAD + titleH;
  for (let r = 0; r < rows; r++) {
    rowY.push(y);
    y += rowTop[r] + H + rowBottom[r] + (r < rows - 1 ? GAP_V : 0);
  }
  const captionH = spec.caption ? FONT.caption + 10 : 0;
  const height = y + captionH + PAD;

  const parts: string[] = [];
  if (spec.title) parts.push(textEl(width / 2, PAD + FONT.figureTitle, spec.title, { size: FONT.figureTitle, anchor: 'middle', weight: 'bold' }));
  panels.forEach((p, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const ox = colX[c] + letterSpace + colLeft[c];
    const oy = rowY[r] + rowTop[r];
    parts.push(renderPanel(p, i, ox, oy + (H - p.ph) / 2, p.pw, p.ph, colLeft[c] + letterSpace));
    if (letters) {
      parts.push(textEl(colX[c], rowY[r] + FONT.letter - 1, String.fromCharCode(97 + (i % 26)), { size: FONT.letter, weight: 'bold' }));
    }
  });
  if (spec.caption) parts.push(textEl(PAD, height - PAD - 2, spec.caption, { size: FONT.caption, fill: '#444444' }));
  return wrapSvg(width, height, parts.join('\n'));
}

/** Wrap body elements into an SVG document; `@ID@` placeholders become a content-hash prefix. */
function wrapSvg(width: number, height: number, body: string): string {
  const id = `s${createHash('sha256').update(body).digest('hex').slice(0, 10)}`;
  const content = body.replace(/@ID@/g, id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${esc(FONT_FAMILY)}">\n` +
    `<rect width="100%" height="100%" fill="#ffffff"/>\n` +
    `${content}\n</svg>\n`
  );
}

function renderPanel(p: PreparedPanel, index: number, ox: number, oy: number, W: number, H: number, leftSpace: number): string {
  const ctx: DrawContext = { x: p.xAxis.scale, y: p.yAxis.scale, width: W, height: H, xLog: p.xAxis.type === 'log', yLog: p.yAxis.type === 'log' };
  const clip = `@ID@-c${index}`;
  const out: string[] = [];
  out.push(`<g transform="translate(${num(ox)},${num(oy)})">`);
  out.push(`<clipPath id="${clip}"><rect x="0" y="0" width="${num(W)}" height="${num(H)}"/></clipPath>`);
  // grid lines under the data
  const grid: string[] = [];
  if (p.spec.x.grid) for (const t of p.xAxis.ticks) grid.push(`M${num(p.xAxis.scale(t.value))},0V${num(H)}`);
  if (p.spec.y.grid) for (const t of p.yAxis.ticks) grid.push(`M0,${num(p.yAxis.scale(t.value))}H${num(W)}`);
  if (grid.length) out.push(`<path d="${grid.join('')}" stroke="#e3e3e3" stroke-width="0.8" fill="none"/>`);
  out.push(`<g clip-path="url(#${clip})">`);
  p.spec.layers.forEach((l, k) => {
    const s = renderLayer(l, p.colors[k], ctx);
    if (s) out.push(s);
  });
  out.push('</g>');
  out.push(renderAxes(p, W, H, leftSpace));
  if (p.spec.title) out.push(textEl(W / 2, -10, p.spec.title, { size: FONT.title, anchor: 'middle' }));
  if (p.heatmap) out.push(renderColorbar(p.heatmap, W, H));
  out.push(renderLegend(p, ctx, W, H));
  out.push('</g>');
  return out.join('\n');
}

function renderAxes(p: PreparedPanel, W: number, H: number, leftSpace: number): string {
  const out: string[] = [];
  // frame (all four sides, as in most physics journals)
  out.push(`<rect x="0" y="0" width="${num(W)}" height="${num(H)}" fill="none" stroke="${AXIS_COLOR}" stroke-width="1"/>`);
  let ticks = '';
  for (const t of p.xAxis.ticks) {
    const px = p.xAxis.scale(t.value);
    if (px < -0.5 || px > W + 0.5) continue;
    ticks += `M${num(px)},${num(H)}v${-TICK}M${num(px)},0v${TICK}`;
  }
  for (const v of p.xAxis.minorTicks) {
    const px = p.xAxis.scale(v);
    if (px < -0.5 || px > W + 0.5) continue;
    ticks += `M${num(px)},${num(H)}v${-MINOR_TICK}M${num(px)},0v${MINOR_TICK}`;
  }
  for (const t of p.yAxis.ticks) {
    const py = p.yAxis.scale(t.value);
    if (py < -0.5 || py > H + 0.5) continue;
    ticks += `M0,${num(py)}h${TICK}M${num(W)},${num(py)}h${-TICK}`;
  }
  for (const v of p.yAxis.minorTicks) {
    const py = p.yAxis.scale(v);
    if (py < -0.5 || py > H + 0.5) continue;
    ticks += `M0,${num(py)}h${MINOR_TICK}M${num(W)},${num(py)}h${-MINOR_TICK}`;
  }
  if (ticks) out.push(`<path d="${ticks}" stroke="${AXIS_COLOR}" stroke-width="1" fill="none"/>`);
  if (p.showXLabels) {
    for (const t of p.xAxis.ticks) {
      const px = p.xAxis.scale(t.value);
      if (px < -0.5 || px > W + 0.5) continue;
      out.push(textEl(px, H + 4 + FONT.tick, t.label, { size: FONT.tick, anchor: 'middle' }));
    }
    out.push(textEl(W / 2, H + 4 + FONT.tick + 8 + FONT.label, p.xAxis.title, { size: FONT.label, anchor: 'middle' }));
  }
  if (p.showYLabels) {
    for (const t of p.yAxis.ticks) {
      const py = p.yAxis.scale(t.value);
      if (py < -0.5 || py > H + 0.5) continue;
      out.push(textEl(-4, py, t.label, { size: FONT.tick, anchor: 'end', baseline: 'middle' }));
    }
    out.push(textEl(-leftSpace + FONT.label + 2, H / 2, p.yAxis.title, { size: FONT.label, anchor: 'middle', rotate: -90 }));
  }
  return out.join('\n');
}

function renderColorbar(h: HeatmapLayer, W: number, H: number): string {
  const axis = colorbarAxis(h, H);
  const x0 = W + COLORBAR.gap;
  const log = h.zScale === 'log';
  const z = heatmapZDomain(h);
  // 1 × 256 ramp, top = high end
  const ramp = new Float64Array(256);
  for (let i = 0; i < 256; i++) {
    const t = 1 - i / 255;
    ramp[i] = log ? Math.exp(Math.log(z[0]) + t * (Math.log(z[1]) - Math.log(z[0]))) : z[0] + t * (z[1] - z[0]);
  }
  const uri = gridPngUri(ramp, 1, 256, z, log, h.colormap ?? 'viridis', false, false);
  const out: string[] = [];
  out.push(`<image x="${num(x0)}" y="0" width="${COLORBAR.width}" height="${num(H)}" preserveAspectRatio="none" href="${esc(uri)}"/>`);
  out.push(`<rect x="${num(x0)}" y="0" width="${COLORBAR.width}" height="${num(H)}" fill="none" stroke="${AXIS_COLOR}" stroke-width="0.8"/>`);
  let d = '';
  let labelW = 0;
  for (const t of axis.ticks) {
    const py = axis.scale(t.value);
    if (py < -0.5 || py > H + 0.5) continue;
    d += `M${num(x0 + COLORBAR.width)},${num(py)}h${TICK}`;
    out.push(textEl(x0 + COLORBAR.width + TICK + 3, py, t.label, { size: FONT.tick, baseline: 'middle' }));
    labelW = Math.max(labelW, textWidth(t.label, FONT.tick));
  }
  out.push(`<path d="${d}" stroke="${AXIS_COLOR}" stroke-width="1" fill="none"/>`);
  const lx = x0 + COLORBAR.width + TICK + 3 + labelW + 8 + FONT.label / 2;
  out.push(textEl(lx, H / 2, axis.title, { size: FONT.label, anchor: 'middle', rotate: 90, baseline: 'middle' }));
  return out.join('\n');
}

function renderLegend(p: PreparedPanel, ctx: DrawContext, W: number, H: number): string {
  const pos = p.spec.legend ?? 'auto';
  if (pos === 'none' || p.legendItems.length === 0) return '';
  const { w, h } = p.legendSize;
  const inset = 6;
  const corners: Record<Exclude<LegendPosition, 'auto' | 'none'>, [number, number]> = {
    'top-right': [W - w - inset, inset],
    'top-left': [inset, inset],
    'bottom-right': [W - w - inset, H - h - inset],
    'bottom-left': [inset, H - h - inset],
    right: [W + (p.heatmap ? colorbarWidth(p.heatmap, H) : 0) + 10, 0],
  };
  let at: [number, number];
  if (pos === 'auto') {
    const pts = p.spec.layers.flatMap((l) => layerPoints(l, ctx));
    const order = ['top-right', 'top-left', 'bottom-right', 'bottom-left'] as const;
    let best: (typeof order)[number] = order[0];
    let bestCount = Infinity;
    for (const c of order) {
      const [lx, ly] = corners[c];
      let count = 0;
      for (const [px, py] of pts) if (px >= lx - 2 && px <= lx + w + 2 && py >= ly - 2 && py <= ly + h + 2) count++;
      if (count < bestCount) {
        best = c;
        bestCount = count;
      }
    }
    at = corners[best];
  } else {
    at = corners[pos];
  }
  const out: string[] = [`<g transform="translate(${num(at[0])},${num(at[1])})">`];
  out.push(`<rect x="0" y="0" width="${num(w)}" height="${num(h)}" fill="#ffffff" fill-opacity="0.85" stroke="#bbbbbb" stroke-width="0.6" rx="2"/>`);
  p.legendItems.forEach((item, i) => {
    const yy = 6 + i * 16;
    out.push(`<g transform="translate(8,${num(yy)})">${item.sample}</g>`);
    out.push(textEl(8 + 24 + 6, yy + 6, item.label, { size: FONT.legend, baseline: 'middle' }));
  });
  out.push('</g>');
  return out.join('\n');
}

/** Convenience: a one-panel line figure. */
export function lineFigure(spec: {
  readonly title?: string;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  readonly series: readonly Layer[];
  readonly legend?: LegendPosition;
  readonly width?: number;
  readonly height?: number;
  readonly caption?: string;
}): string {
  return figure({
    panels: [{ x: spec.x, y: spec.y, layers: spec.series, legend: spec.legend, title: undefined }],
    title: spec.title,
    panelWidth: spec.width,
    panelHeight: spec.height,
    caption: spec.caption,
  });
}

/** One image of a contact sheet. */
export interface SheetImage {
  /** Row-major values, `ny` rows of `nx`, row 0 at the top (as in a GSF file). */
  readonly values: ArrayLike<number>;
  readonly nx: number;
  readonly ny: number;
  readonly caption: string;
}

/** A grid of small images sharing one colour scale, with captions and one colour bar. */
export interface ContactSheetSpec {
  readonly title?: string;
  readonly images: readonly SheetImage[];
  readonly columns?: number;
  /** Size of each image's longer side in px (default 110). */
  readonly cellSize?: number;
  readonly zLabel: string;
  readonly zUnit: string;
  /** Shared colour range (SI); default the extent of all images. */
  readonly zDomain?: readonly [number, number];
  readonly colormap?: ColormapName;
}

/** Render a contact sheet (e.g. one small height map per location or per potential window). */
export function contactSheet(spec: ContactSheetSpec): string {
  const n = spec.images.length;
  if (n === 0) throw new Error('plot: a contact sheet needs at least one image');
  const cols = Math.max(1, Math.min(n, spec.columns ?? Math.ceil(Math.sqrt(n))));
  const rows = Math.ceil(n / cols);
  const cell = spec.cellSize ?? 110;
  let lo = Infinity;
  let hi = -Infinity;
  for (const im of spec.images) {
    if (im.values.length !== im.nx * im.ny) throw new Error(`plot: contact-sheet image "${im.caption}" has ${im.values.length} values, expected ${im.nx * im.ny}`);
    for (let i = 0; i < im.values.length; i++) {
      const v = im.values[i];
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  const z: [number, number] = spec.zDomain ? [spec.zDomain[0], spec.zDomain[1]] : lo < hi ? [lo, hi] : [lo - 1, lo + 1];
  const capH = FONT.caption + 8;
  const gap = 10;
  const titleH = spec.title ? FONT.figureTitle + 14 : 0;
  const gridW = cols * cell + (cols - 1) * gap;
  const gridH = rows * (cell + capH) + (rows - 1) * gap;
  const heat: HeatmapLayer = { type: 'heatmap', values: [], nx: 1, ny: 1, xRange: [0, 1], yRange: [0, 1], zLabel: spec.zLabel, zUnit: spec.zUnit, zDomain: z, colormap: spec.colormap };
  const barH = Math.min(gridH, Math.max(120, cell * 1.5));
  const barW = colorbarWidth(heat, barH);
  const width = PAD + gridW + barW + 8 + PAD;
  const height = PAD + titleH + gridH + PAD;
  const parts: string[] = [];
  if (spec.title) parts.push(textEl(width / 2, PAD + FONT.figureTitle, spec.title, { size: FONT.figureTitle, anchor: 'middle', weight: 'bold' }));
  spec.images.forEach((im, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const scale = cell / Math.max(im.nx, im.ny);
    const w = im.nx * scale;
    const h = im.ny * scale;
    const x0 = PAD + c * (cell + gap) + (cell - w) / 2;
    const y0 = PAD + titleH + r * (cell + capH + gap) + (cell - h) / 2;
    const uri = gridPngUri(im.values, im.nx, im.ny, z, false, spec.colormap ?? 'viridis', false, false, blockFactor(im.nx, w), blockFactor(im.ny, h));
    parts.push(`<image x="${num(x0)}" y="${num(y0)}" width="${num(w)}" height="${num(h)}" preserveAspectRatio="none" style="image-rendering:pixelated" href="${esc(uri)}"/>`);
    parts.push(`<rect x="${num(x0)}" y="${num(y0)}" width="${num(w)}" height="${num(h)}" fill="none" stroke="${AXIS_COLOR}" stroke-width="0.6"/>`);
    parts.push(textEl(PAD + c * (cell + gap) + cell / 2, PAD + titleH + r * (cell + capH + gap) + cell + FONT.caption + 3, im.caption, { size: FONT.caption, anchor: 'middle' }));
  });
  parts.push(`<g transform="translate(${num(PAD + gridW - COLORBAR.gap + 8)},${num(PAD + titleH + (gridH - barH) / 2)})">${renderColorbar(heat, 0, barH)}</g>`);
  return wrapSvg(width, height, parts.join('\n'));
}

/** Display helpers re-exported for callers that label things outside figures. */
export { axisDisplay, axisTitle, fixedFormatter };
