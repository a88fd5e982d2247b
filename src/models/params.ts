/**
 * Parameter tables: every physical parameter of a model is declared once, with its SI unit,
 * admissible range, default and source. Validation (src/sim/scenario.ts), `seisim params`, the
 * JSON Schema of scenarios and the property-test arbitraries are all derived from these tables.
 *
 * Units here are SI symbols for display and dimension checking (`'m'`, `'N/m'`, `'Pa'`, `'Hz'`,
 * `'1'` for dimensionless); scenario files may write any compatible unit (`125 um`), which
 * src/sim/units.ts converts once.
 */

/** One scalar parameter: unit, range, default, and where its value comes from. */
export interface ParamSpec {
  /** SI unit expression, e.g. `'m'`, `'N/m'`, `'Pa s'`, `'1'` (dimensionless). */
  readonly unit: string;
  /** Default value in SI; omit for required parameters. */
  readonly default?: number;
  /** Lower bound in SI (inclusive unless `exclusiveMin`). */
  readonly min?: number;
  readonly exclusiveMin?: boolean;
  /** Upper bound in SI (inclusive unless `exclusiveMax`). */
  readonly max?: number;
  readonly exclusiveMax?: boolean;
  /** Must be an integer (counts, harmonics). */
  readonly integer?: boolean;
  /** One-line description with the paper's symbol, e.g. `'dither amplitude A_l'`. */
  readonly doc: string;
  /** Where the default comes from (paper file + section/figure, or textbook). */
  readonly source?: string;
}

/** A model's parameter table. */
export type ParamTable = Readonly<Record<string, ParamSpec>>;

/** The resolved SI values of a parameter table. */
export type ParamValues<T extends ParamTable> = { -readonly [K in keyof T]: number };

/** One validation problem, located by its path (YAML path or parameter name). */
export interface ParamProblem {
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
  readonly expected?: string;
  readonly hint?: string;
}

/** The defaults of a table; throws if a parameter has no default. */
export function paramDefaults<T extends ParamTable>(table: T): ParamValues<T> {
  const out: Record<string, number> = {};
  for (const [name, spec] of Object.entries(table)) {
    if (spec.default === undefined) throw new Error(`parameter '${name}' has no default`);
    out[name] = spec.default;
  }
  return out as ParamValues<T>;
}

/** Human-readable admissible range of a parameter, in SI, e.g. `(0, 1e-3] m`. */
export function rangeText(spec: ParamSpec): string {
  const lo = spec.min === undefined ? '(-inf' : `${spec.exclusiveMin ? '(' : '['}${spec.min}`;
  const hi = spec.max === undefined ? 'inf)' : `${spec.max}${spec.exclusiveMax ? ')' : ']'}`;
  const unit = spec.unit === '1' ? '' : ` ${spec.unit}`;
  return `${lo}, ${hi}${unit}${spec.integer ? ' (integer)' : ''}`;
}

/**
 * Check one SI value against its spec. Returns a problem or `undefined`.
 * `Number.isFinite` first, so NaN and ±Infinity never pass a range check.
 */
export function checkParam(path: string, value: number, spec: ParamSpec): ParamProblem | undefined {
  const expected = rangeText(spec);
  if (!Number.isFinite(value)) return { path, value, message: 'not a finite number', expected };
  const belowMin =
    spec.min !== undefined && (spec.exclusiveMin ? value <= spec.min : value < spec.min);
  const aboveMax =
    spec.max !== undefined && (spec.exclusiveMax ? value >= spec.max : value > spec.max);
  if (belowMin || aboveMax) return { path, value, message: 'out of range', expected };
  if (spec.integer && !Number.isInteger(value)) return { path, value, message: 'not an integer', expected };
  return undefined;
}

/** Check a whole set of values against a table (all problems, none thrown). */
export function checkParams<T extends ParamTable>(
  table: T,
  values: Partial<Record<keyof T, number>>,
  prefix = '',
): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const [name, spec] of Object.entries(table)) {
    const v = values[name as keyof T];
    const path = prefix ? `${prefix}.${name}` : name;
    if (v === undefined) {
      if (spec.default === undefined) problems.push({ path, value: undefined, message: 'required', expected: rangeText(spec) });
      continue;
    }
    const p = checkParam(path, v, spec);
    if (p) problems.push(p);
  }
  return problems;
}

/** Thrown by model entry points when called with invalid parameters (before any work starts). */
export class ParamError extends Error {
  constructor(readonly problems: readonly ParamProblem[]) {
    super(problems.map((p) => `${p.path} = ${String(p.value)}: ${p.message}${p.expected ? ` (expected ${p.expected})` : ''}`).join('; '));
    this.name = 'ParamError';
  }
}

/** Resolve values with defaults and throw a ParamError listing every problem. */
export function resolveParams<T extends ParamTable>(
  table: T,
  values: Partial<Record<keyof T, number>> = {},
  prefix = '',
): ParamValues<T> {
  const problems = checkParams(table, values, prefix);
  for (const key of Object.keys(values)) {
    if (!(key in table)) problems.push({ path: prefix ? `${prefix}.${key}` : key, value: values[key as keyof T], message: 'unknown parameter' });
  }
  if (problems.length > 0) throw new ParamError(problems);
  const out: Record<string, number> = {};
  for (const [name, spec] of Object.entries(table)) out[name] = (values[name as keyof T] ?? spec.default) as number;
  return out as ParamValues<T>;
}
