/**
 * seisim's SVG plotting kit: deterministic, publication-style figures from typed specs.
 *
 * ```ts
 * const svg = figure({ panels: [{ x: { label: 'Depth z_p', unit: 'm' }, y: { label: "E'", unit: 'Pa' },
 *   layers: [{ type: 'band', x, lower, upper }, { type: 'line', x, y: mean, label: '0.5–1.0 V' }] }] });
 * ```
 * Data in SI; axes pick display prefixes (nm, MPa). Same spec ⇒ identical SVG bytes.
 */
export { figure, lineFigure, contactSheet, type FigureSpec, type PanelSpec, type LegendPosition, type ContactSheetSpec, type SheetImage } from './figure.js';
export { axisDisplay, axisTitle, prefixable, type AxisSpec, type AxisScaleType } from './axis.js';
export type {
  Layer,
  LineLayer,
  ScatterLayer,
  BandLayer,
  RuleLayer,
  SpanLayer,
  HistogramLayer,
  ViolinLayer,
  ViolinGroup,
  HeatmapLayer,
  TextLayer,
  ErrorBarLayer,
  DashStyle,
  MarkerShape,
} from './layers.js';
export { PALETTE, VIRIDIS, seriesColor, colormapRgb, colormapHex, type ColormapName } from './colors.js';
export { encodePngRgb, pngDataUri, crc32 } from './png.js';
