/**
 * Axes of seisim figures: scales (d3-scale), SI-prefix display of SI data, tick choice without
 * overlapping labels, and tick-label formatting.
 *
 * Data stay in SI everywhere; an axis only *displays* them with a prefix chosen from the data range
 * (`z_p (nm)` with ticks 0, 5, 10 rather than `z_p (m)` with 0, 5e-9, 1e-8), or — for units that
 * take no prefix — with a power-of-ten factor in the label (`E (10^7 Pa/m)`).
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3-scale';
import { tickStep } from 'd3-array';
import { FONT, textWidth } from './svg.js';

/** Axis scale types. */
export type AxisScaleType = 'linear' | 'log' | 'category';

/** Description of one axis of a panel. */
export interface AxisSpec {
  /** Quantity name with optional markup, e.g. `'Depth z_p'`, `'|G^*|'`. */
  readonly label: string;
  /** SI unit of the data, e.g. `'m'`, `'Pa'`, `'V'`, `'1'` (dimensionless: no unit shown). */
  readonly unit: string;
  /** Default `'linear'`. `'category'` places `categories[i]` at x = i. */
  readonly scale?: AxisScaleType;
  readonly categories?: readonly string[];
  /** Data range in SI; default: the extent of the data (niced when `nice`). */
  readonly domain?: readonly [number, number];
  /** Round the automatic domain out to tick values (default true). */
  readonly nice?: boolean;
  /** SI prefix for display: `'auto'` (default for linear axes) or `'none'`. */
  readonly prefix?: 'auto' | 'none';
  /** Draw the axis decreasing (e.g. a cathodic potential sweep read left to right). */
  readonly reverse?: boolean;
  /** Light grid lines at the major ticks. */
  readonly grid?: boolean;
}

const PREFIXES: Readonly<Record<number, string>> = { [-15]: 'f', [-12]: 'p', [-9]: 'n', [-6]: 'µ', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T' };

/**
 * Whether a unit takes an SI prefix on its first symbol: base symbol followed by the end, a space
 * or `/` (so `m`, `Pa s`, `N/m`, `V/s` do; `m^2`, `mol`, `1`, `degC`, `%` do not).
 */
export function prefixable(unit: string): boolean {
  return /^(m|V|A|Pa|N|Hz|s|F|C|W|Ω|S|J|K|H|T|Wb)(?=$|[ /·])/.test(unit);
}

/** Display transform of an axis: `shown = si × factor`, unit text for the label. */
export interface AxisDisplay {
  readonly factor: number;
  /** Unit as shown, e.g. `'nm'`, `'10^{7} Pa/m'`, or `''` for dimensionless. */
  readonly unitText: string;
}

/**
 * Choose the display of SI values spanning `[lo, hi]`: the SI prefix 10^{3k} (k ∈ −5…4) that puts
 * max(|lo|, |hi|) in [1, 1000), or for non-prefixable units a power-of-ten factor when the values
 * fall outside [10⁻², 10⁴).
 */
export function axisDisplay(unit: string, lo: number, hi: number, mode: 'auto' | 'none' = 'auto'): AxisDisplay {
  const dimensionless = unit === '1' || unit === '';
  const m = Math.max(Math.abs(lo), Math.abs(hi));
  if (mode === 'none' || !(m > 0) || !Number.isFinite(m)) return { factor: 1, unitText: dimensionless ? '' : unit };
  const e10 = Math.floor(Math.log10(m) + 1e-9);
  if (!dimensionless && prefixable(unit)) {
    const e3 = Math.max(-15, Math.min(12, Math.floor(e10 / 3) * 3));
    return { factor: 10 ** -e3, unitText: `${PREFIXES[e3]}${unit}` };
  }
  if (e10 >= -2 && e10 < 4) return { factor: 1, unitText: dimensionless ? '' : unit };
  const e = e10 >= 0 ? Math.floor(e10 / 3) * 3 || e10 : e10; // engineering exponents above 1
  return { factor: 10 ** -e, unitText: dimensionless ? `10^{${e}}` : `10^{${e}} ${unit}` };
}

/** The axis title: `label (unit)`, or just the label when dimensionless. */
export function axisTitle(label: string, display: AxisDisplay): string {
  return display.unitText === '' ? label : `${label} (${display.unitText})`;
}

/** A resolved axis: scale, display, ticks with labels. */
export interface ResolvedAxis {
  readonly spec: AxisSpec;
  readonly type: AxisScaleType;
  readonly scale: ScaleContinuousNumeric<number, number>;
  readonly display: AxisDisplay;
  readonly title: string;
  readonly ticks: readonly { readonly value: number; readonly label: string }[];
  readonly minorTicks: readonly number[];
}

const MINUS = '\u2212';

/**
 * Fixed-point formatter with just enough decimals for ticks `step` apart (d3-format's
 * precisionFixed rule: max(0, −floor(log10 step))), via locale-free `toFixed`; typographic minus.
 */
export function fixedFormatter(step: number): (v: number) => string {
  const s = Math.abs(step);
  const p = s > 0 && Number.isFinite(s) ? Math.min(12, Math.max(0, -Math.floor(Math.log10(s) + 1e-9))) : 0;
  return (v) => {
    const t = v.toFixed(p);
    if (/^-0(\.0*)?$/.test(t)) return t.slice(1);
    return t.startsWith('-') ? MINUS + t.slice(1) : t;
  };
}

function powerOfTenLabel(v: number): string {
  const e = Math.round(Math.log10(v));
  return `10^{${e < 0 ? MINUS + String(-e) : String(e)}}`;
}

/** Continuous extent of data values, ignoring non-finite (and non-positive for log axes). */
export function finiteExtent(values: Iterable<number>, log: boolean): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

function widen(lo: number, hi: number, log: boolean): [number, number] {
  if (lo < hi) return [lo, hi];
  if (log) return [lo / 10 ** 0.5, hi * 10 ** 0.5];
  const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - d, hi + d];
}

/**
 * Resolve an axis for a plot length (px): domain (given or from the data extent), scale, display
 * prefix, and the largest tick count whose labels do not overlap.
 *
 * @param dataExtent extent of the data on this axis in SI, or undefined when there is none
 * @param length plot-area length in px along this axis
 * @param orientation `'x'` (labels side by side) or `'y'` (labels stacked)
 */
export function resolveAxis(spec: AxisSpec, dataExtent: readonly [number, number] | undefined, length: number, orientation: 'x' | 'y'): ResolvedAxis {
  const type: AxisScaleType = spec.scale ?? 'linear';
  const log = type === 'log';
  if (spec.domain) {
    const [a, b] = spec.domain;
    if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) throw new Error(`plot: axis "${spec.label}" domain [${a}, ${b}] must be two different finite numbers`);
    if (log && (a <= 0 || b <= 0)) throw new Error(`plot: log axis "${spec.label}" domain [${a}, ${b}] must be positive`);
  }
  const range: [number, number] = orientation === 'x' ? [0, length] : [length, 0];
  if (spec.reverse) range.reverse();

  if (type === 'category') {
    const cats = spec.categories ?? [];
    if (cats.length === 0) throw new Error(`plot: category axis "${spec.label}" needs categories`);
    const scale = scaleLinear().domain(spec.domain ? [...spec.domain] : [-0.5, cats.length - 0.5]).range(range);
    const display: AxisDisplay = { factor: 1, unitText: spec.unit === '1' ? '' : spec.unit };
    return { spec, type, scale, display, title: axisTitle(spec.label, display), ticks: cats.map((label, i) => ({ value: i, label })), minorTicks: [] };
  }

  // Snap the data extent to 12 significant digits so that float noise (30 × 1e-9 = 3.0000000000000004e-8)
  // does not push a nice domain one tick further out.
  const snapped = dataExtent ? ([+dataExtent[0].toPrecision(12), +dataExtent[1].toPrecision(12)] as [number, number]) : undefined;
  const [lo, hi] = spec.domain ? [Math.min(...spec.domain), Math.max(...spec.domain)] : widen(...(snapped ?? (log ? [1, 10] : [0, 1])), log);
  const base = log ? scaleLog().domain([lo, hi]) : scaleLinear().domain([lo, hi]);
  const nice = spec.nice ?? true;
  const spacing = orientation === 'x' ? 75 : 42;
  const target = Math.max(2, Math.min(10, Math.round(length / spacing)));
  if (nice && !spec.domain) base.nice(target);
  const [d0, d1] = base.domain();
  const display = log ? axisDisplay(spec.unit, d0, d1, 'none') : axisDisplay(spec.unit, d0, d1, spec.prefix ?? 'auto');
  base.range(range);

  const makeTicks = (count: number): { value: number; label: string }[] => {
    if (log) {
      const all = base.ticks(count);
      const decades = all.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
      if (decades.length >= 2) return decades.map((v) => ({ value: v, label: powerOfTenLabel(v) }));
      const step = tickStep(d0, d1, count);
      const f = fixedFormatter(step);
      return all.filter((_, i) => i % Math.max(1, Math.ceil(all.length / count)) === 0).map((v) => ({ value: v, label: f(v) }));
    }
    const vals = base.ticks(count);
    const step = vals.length > 1 ? Math.abs(vals[1] - vals[0]) : Math.abs(d1 - d0);
    const f = fixedFormatter(step * display.factor);
    return vals.map((v) => ({ value: v, label: f(v * display.factor) }));
  };

  const fits = (ticks: { value: number; label: string }[]): boolean => {
    for (let i = 1; i < ticks.length; i++) {
      const gap = Math.abs(base(ticks[i].value) - base(ticks[i - 1].value));
      const need =
        orientation === 'x'
          ? (textWidth(ticks[i].label, FONT.tick) + textWidth(ticks[i - 1].label, FONT.tick)) / 2 + 8
          : FONT.tick + 4;
      if (gap < need) return false;
    }
    return true;
  };

  let ticks = makeTicks(target);
  for (let c = target - 1; c >= 1 && !fits(ticks); c--) ticks = makeTicks(c);
  if (log && decadeCount(d0, d1) > 12) {
    const every = Math.ceil(ticks.length / 8);
    ticks = ticks.filter((_, i) => i % every === 0);
  }
  let minorTicks: number[] = [];
  if (log) {
    const labelled = new Set(ticks.map((t) => t.value));
    if (decadeCount(d0, d1) <= 8) {
      const [a, b] = [Math.min(d0, d1), Math.max(d0, d1)];
      for (let k = Math.floor(Math.log10(a)); k <= Math.ceil(Math.log10(b)); k++) {
        for (let m = 1; m <= 9; m++) {
          const v = +(m * 10 ** k).toPrecision(12);
          if (v >= a && v <= b && !labelled.has(v)) minorTicks.push(v);
        }
      }
    }
  }
  return { spec, type, scale: base, display, title: axisTitle(spec.label, display), ticks, minorTicks };
}

function decadeCount(a: number, b: number): number {
  return Math.abs(Math.log10(b) - Math.log10(a));
}
