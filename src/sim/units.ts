/**
 * Physical quantities with units, converted once to SI at the edge of the program.
 *
 * A scenario writes `125 um`, `0.6 N/m`, `2 mV/s`, `25 degC`, `1 MPa`, `20 deg`; `parseQuantity`
 * returns the SI value and its dimension, and `toSI` checks that dimension against the one the
 * parameter declares (its ParamSpec `unit`, itself an SI unit expression). A wrong dimension is an
 * error that names both dimensions.
 *
 * Grammar of a unit expression: factors separated by spaces, `*` or `·`, divided by `/` (which
 * binds to the next factor only, so `J/mol/K` = J mol⁻¹ K⁻¹), with parentheses (`J/(mol K)`) and
 * exponents (`m^2`, `m²`, `s^-1`, `Hz^0.5`) and square roots (`V/√Hz`). A factor is an SI prefix (y z a f p n
 * u µ m c d k M G T) and a base unit from UNITS below; an exact base-unit match wins over a prefix
 * reading (`min` is minutes, `mol` is moles, `Pa` is pascal, `M` alone is mol/L).
 *
 * Angle is carried as its own dimension (rad) so that an angle cannot be given to a
 * dimensionless parameter by mistake, and `degC` is the only unit with an offset: it is accepted
 * only alone (`25 degC` → 298.15 K); inside a compound unit (`degC/min`) it is a temperature
 * difference (1 degC = 1 K).
 */

/** Exponents of [m, kg, s, A, K, mol, rad]. */
export type Dimension = readonly [number, number, number, number, number, number, number];

const DIM_NAMES = ['m', 'kg', 's', 'A', 'K', 'mol', 'rad'] as const;

interface UnitDef {
  readonly factor: number;
  readonly dim: Dimension;
  /** Offset added after scaling (only degC). */
  readonly offset?: number;
}

const d = (m = 0, kg = 0, s = 0, A = 0, K = 0, mol = 0, rad = 0): Dimension => [m, kg, s, A, K, mol, rad];

/** The base units seisim understands, by symbol, with their SI factor and dimension. */
export const UNITS: Readonly<Record<string, UnitDef>> = {
  m: { factor: 1, dim: d(1) },
  g: { factor: 1e-3, dim: d(0, 1) },
  s: { factor: 1, dim: d(0, 0, 1) },
  min: { factor: 60, dim: d(0, 0, 1) },
  h: { factor: 3600, dim: d(0, 0, 1) },
  A: { factor: 1, dim: d(0, 0, 0, 1) },
  K: { factor: 1, dim: d(0, 0, 0, 0, 1) },
  degC: { factor: 1, dim: d(0, 0, 0, 0, 1), offset: 273.15 },
  mol: { factor: 1, dim: d(0, 0, 0, 0, 0, 1) },
  rad: { factor: 1, dim: d(0, 0, 0, 0, 0, 0, 1) },
  deg: { factor: Math.PI / 180, dim: d(0, 0, 0, 0, 0, 0, 1) },
  '°': { factor: Math.PI / 180, dim: d(0, 0, 0, 0, 0, 0, 1) },
  Hz: { factor: 1, dim: d(0, 0, -1) },
  N: { factor: 1, dim: d(1, 1, -2) },
  Pa: { factor: 1, dim: d(-1, 1, -2) },
  bar: { factor: 1e5, dim: d(-1, 1, -2) },
  J: { factor: 1, dim: d(2, 1, -2) },
  eV: { factor: 1.602176634e-19, dim: d(2, 1, -2) },
  W: { factor: 1, dim: d(2, 1, -3) },
  C: { factor: 1, dim: d(0, 0, 1, 1) },
  V: { factor: 1, dim: d(2, 1, -3, -1) },
  F: { factor: 1, dim: d(-2, -1, 4, 2) },
  ohm: { factor: 1, dim: d(2, 1, -3, -2) },
  'Ω': { factor: 1, dim: d(2, 1, -3, -2) },
  S: { factor: 1, dim: d(-2, -1, 3, 2) },
  L: { factor: 1e-3, dim: d(3) },
  M: { factor: 1e3, dim: d(-3, 0, 0, 0, 0, 1) },
  'Å': { factor: 1e-10, dim: d(1) },
  angstrom: { factor: 1e-10, dim: d(1) },
  '%': { factor: 1e-2, dim: d() },
  ppm: { factor: 1e-6, dim: d() },
};

const PREFIXES: Readonly<Record<string, number>> = {
  y: 1e-24, z: 1e-21, a: 1e-18, f: 1e-15, p: 1e-12, n: 1e-9, u: 1e-6, 'µ': 1e-6, 'μ': 1e-6,
  m: 1e-3, c: 1e-2, d: 1e-1, k: 1e3, M: 1e6, G: 1e9, T: 1e12,
};

/** Units that take no SI prefix (they are not SI units, or a prefix would be ambiguous). */
const NO_PREFIX = new Set(['min', 'h', 'degC', 'deg', '°', '%', 'ppm', 'Å', 'angstrom', 'bar']);

/** A parsed unit: multiply a value by `factor` (then add `offset`) to get SI with dimension `dim`. */
export interface ParsedUnit {
  readonly factor: number;
  readonly dim: Dimension;
  readonly offset: number;
}

/** Error in a unit expression or a quantity string; `message` is a one-line cause. */
export class UnitError extends Error {
  override name = 'UnitError';
}

const SUPERSCRIPTS: Readonly<Record<string, string>> = { '⁻': '-', '¹': '1', '²': '2', '³': '3', '⁴': '4' };

function tokenize(expr: string): string[] {
  const normalised = expr.replace(/[⁻¹²³⁴]+/g, (s) => '^' + [...s].map((c) => SUPERSCRIPTS[c]).join(''));
  const tokens: string[] = [];
  const re = /\s*(\(|\)|\/|\*|·|√|\^-?\d+(?:\.\d+)?|1(?![\d.])|[A-Za-zµμΩÅ°%]+)\s*/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < normalised.length) {
    re.lastIndex = pos;
    m = re.exec(normalised);
    if (!m) throw new UnitError(`cannot read unit '${expr}' at '${normalised.slice(pos)}'`);
    tokens.push(m[1]);
    pos = re.lastIndex;
  }
  return tokens;
}

function lookupSymbol(sym: string, whole: string): ParsedUnit {
  const exact = UNITS[sym];
  if (exact) return { factor: exact.factor, dim: exact.dim, offset: exact.offset ?? 0 };
  for (const [p, pf] of Object.entries(PREFIXES)) {
    if (sym.startsWith(p)) {
      const base = sym.slice(p.length);
      const u = UNITS[base];
      if (u && !NO_PREFIX.has(base)) {
        // kg is the SI base unit of mass; prefixes on g are scaled accordingly.
        return { factor: pf * u.factor, dim: u.dim, offset: 0 };
      }
    }
  }
  const hint = closest(sym, Object.keys(UNITS));
  throw new UnitError(`unknown unit '${sym}' in '${whole}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
}

const ONE: ParsedUnit = { factor: 1, dim: d(), offset: 0 };

function mul(a: ParsedUnit, b: ParsedUnit, sign: 1 | -1): ParsedUnit {
  return {
    factor: sign === 1 ? a.factor * b.factor : a.factor / b.factor,
    dim: a.dim.map((x, i) => x + sign * b.dim[i]) as unknown as Dimension,
    offset: 0,
  };
}

function pow(a: ParsedUnit, n: number): ParsedUnit {
  return { factor: a.factor ** n, dim: a.dim.map((x) => x * n) as unknown as Dimension, offset: 0 };
}

/** Parse a unit expression (`'N/m'`, `'mV/s'`, `'Pa s'`, `'1'` or `''` for dimensionless). */
export function parseUnit(expr: string): ParsedUnit {
  const trimmed = expr.trim();
  if (trimmed === '' || trimmed === '1') return ONE;
  const tokens = tokenize(trimmed.startsWith('/') ? `1${trimmed}` : trimmed);
  if (tokens.length === 1 && UNITS[tokens[0]]?.offset !== undefined) {
    const u = UNITS[tokens[0]];
    return { factor: u.factor, dim: u.dim, offset: u.offset ?? 0 };
  }
  let i = 0;
  const factor = (): ParsedUnit => {
    const t = tokens[i++];
    if (t === undefined) throw new UnitError(`unit '${expr}' ends unexpectedly`);
    let u: ParsedUnit;
    if (t === '√') return pow(factor(), 0.5);
    if (t === '(') {
      u = product();
      if (tokens[i++] !== ')') throw new UnitError(`unbalanced parentheses in unit '${expr}'`);
    } else if (t === '1') {
      u = ONE;
    } else if (/^[A-Za-zµμΩÅ°%]+$/.test(t)) {
      u = lookupSymbol(t, expr);
    } else {
      throw new UnitError(`unexpected '${t}' in unit '${expr}'`);
    }
    if (tokens[i]?.startsWith('^')) u = pow(u, Number(tokens[i++].slice(1)));
    return u;
  };
  const product = (): ParsedUnit => {
    let u = factor();
    while (i < tokens.length && tokens[i] !== ')') {
      const t = tokens[i];
      if (t === '/') {
        i++;
        u = mul(u, factor(), -1);
      } else {
        if (t === '*' || t === '·') i++;
        u = mul(u, factor(), 1);
      }
    }
    return u;
  };
  const u = product();
  if (i !== tokens.length) throw new UnitError(`unexpected '${tokens[i]}' in unit '${expr}'`);
  return u;
}

/** Equal dimension vectors (exponents compared to 1e-12, so fractional exponents such as Hz^0.5 work). */
export function sameDimension(a: Dimension, b: Dimension): boolean {
  return a.every((x, i) => Math.abs(x - b[i]) < 1e-12);
}

const NAMED_DIMENSIONS: ReadonlyArray<[string, Dimension]> = [
  ['dimensionless', d()],
  ['length', d(1)],
  ['area', d(2)],
  ['mass', d(0, 1)],
  ['time', d(0, 0, 1)],
  ['frequency', d(0, 0, -1)],
  ['temperature', d(0, 0, 0, 0, 1)],
  ['angle', d(0, 0, 0, 0, 0, 0, 1)],
  ['force', d(1, 1, -2)],
  ['stiffness', d(0, 1, -2)],
  ['pressure or modulus', d(-1, 1, -2)],
  ['energy', d(2, 1, -2)],
  ['surface energy (work of adhesion)', d(0, 1, -2)],
  ['potential', d(2, 1, -3, -1)],
  ['scan rate', d(2, 1, -4, -1)],
  ['current', d(0, 0, 0, 1)],
  ['charge', d(0, 0, 1, 1)],
  ['capacitance', d(-2, -1, 4, 2)],
  ['resistance', d(2, 1, -3, -2)],
  ['viscosity', d(-1, 1, -1)],
  ['density', d(-3, 1)],
  ['velocity', d(1, 0, -1)],
  ['concentration', d(-3, 0, 0, 0, 0, 1)],
  ['current density', d(-2, 0, 0, 1)],
  ['capacitance per area', d(-4, -1, 4, 2)],
  ['length per volt (optical-lever sensitivity)', d(-1, -1, 3, 1)],
  ['noise density', d(2, 1, -2.5, -1)],
  ['power spectral density', d(4, 2, -5, -2)],
  ['charge density', d(-3, 0, 1, 1)],
];

/** A readable name of a dimension, e.g. `length (m)` or `kg s^-2`. */
export function describeDimension(dim: Dimension): string {
  const named = NAMED_DIMENSIONS.find(([, nd]) => sameDimension(nd, dim));
  if (named) return named[0];
  const si = DIM_NAMES.map((n, i) => (dim[i] === 0 ? '' : dim[i] === 1 ? n : `${n}^${dim[i]}`))
    .filter(Boolean)
    .join(' ');
  return `quantity in ${si || '1'}`;
}

/** `a length (m)`: the dimension's name and the SI unit it is declared in. */
function expectedText(siUnit: string, dim: Dimension): string {
  const name = describeDimension(dim);
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} (${siUnit === '' || siUnit === '1' ? 'dimensionless' : siUnit})`;
}

/** A parsed quantity: the SI value and its dimension. */
export interface Quantity {
  readonly si: number;
  readonly dim: Dimension;
}

const NUMBER_RE = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|Infinity|nan|NaN))\s*(.*?)\s*$/;

/** Parse `'125 um'`, `'1MPa'`, `'0.45'`, `'25 degC'` into SI. Throws UnitError with the cause. */
export function parseQuantity(text: string): Quantity {
  const m = NUMBER_RE.exec(text);
  if (!m) throw new UnitError(`'${text}' is not a number with a unit (e.g. '125 um')`);
  const raw = m[1].toLowerCase().replace('infinity', 'inf');
  const value = raw.endsWith('inf') ? (raw.startsWith('-') ? -Infinity : Infinity) : raw.endsWith('nan') ? NaN : Number(m[1]);
  const unit = parseUnit(m[2]);
  return { si: scaleDecimal(m[1], value, unit.factor) + unit.offset, dim: unit.dim };
}

/**
 * value × factor, correctly rounded when factor is a power of ten (`100 um` → 1e-4 exactly as
 * the decimal literal 100e-6 would be), by shifting the decimal exponent instead of multiplying.
 */
function scaleDecimal(literal: string, value: number, factor: number): number {
  const k = Math.round(Math.log10(factor));
  if (!Number.isFinite(value) || Math.abs(10 ** k - factor) > 1e-12 * factor) return value * factor;
  const [mant, exp] = literal.toLowerCase().split('e');
  return Number(`${mant}e${Number(exp ?? 0) + k}`);
}

/**
 * Convert a scenario value (number or quantity string) to SI, checking it has the dimension of
 * `siUnit` (the ParamSpec unit). A bare number is accepted only for dimensionless parameters:
 * a dimensional value without its unit is an error, never silently taken as SI.
 */
export function toSI(value: unknown, siUnit: string): number {
  const expected = parseUnit(siUnit);
  if (typeof value === 'number') {
    if (sameDimension(expected.dim, d())) return value;
    throw new UnitError(`missing unit: expected ${expectedText(siUnit, expected.dim)}, e.g. '${exampleOf(siUnit)}'`);
  }
  if (typeof value !== 'string') throw new UnitError(`expected a quantity such as '${exampleOf(siUnit)}', got ${typeof value}`);
  const q = parseQuantity(value);
  if (!sameDimension(q.dim, expected.dim) && sameDimension(q.dim, d()) && NUMBER_RE.exec(value)?.[2] === '') {
    throw new UnitError(`missing unit: expected ${expectedText(siUnit, expected.dim)}, e.g. '${exampleOf(siUnit)}'`);
  }
  if (!sameDimension(q.dim, expected.dim)) {
    throw new UnitError(`wrong dimension: '${value}' is ${/^[aeiou]/.test(describeDimension(q.dim)) ? 'an' : 'a'} ${describeDimension(q.dim)}, expected ${expectedText(siUnit, expected.dim)}`);
  }
  return q.si / expected.factor;
}

function exampleOf(siUnit: string): string {
  return siUnit === '1' || siUnit === '' ? '0.5' : `1 ${siUnit}`;
}

/** Levenshtein distance (for `did you mean …` hints). */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** The candidate closest to `word` (case-insensitive), if it is plausibly a typo of it. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dd = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dd < bestD) {
      bestD = dd;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Format an SI value in the given display unit, e.g. `formatQuantity(1.25e-4, 'um')` → `125 um`. */
export function formatQuantity(si: number, unit: string, digits = 4): string {
  const u = parseUnit(unit);
  const v = (si - u.offset) / u.factor;
  return `${Number(v.toPrecision(digits))} ${unit}`;
}
