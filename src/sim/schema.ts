/**
 * A small declarative schema for scenario files. One declaration gives three things:
 * the validator that resolves a parsed YAML value to typed SI values (every problem reported at
 * once, with its path, value, expected unit/range and a hint), the JSON Schema printed by
 * `seisim schema` (for editors' YAML autocompletion), and the TypeScript type of the resolved
 * value (`Infer<…>`), so experiments receive exactly what was validated.
 *
 * Quantities come from ParamSpecs (src/models/params.ts), so a model's parameter table is also
 * its scenario schema: `fieldsOf(CANTILEVER)`.
 */
import { checkParam, rangeText, type ParamProblem, type ParamSpec, type ParamTable } from '../models/params.js';
import { closest, describeDimension, parseUnit, toSI, UnitError } from './units.js';

export interface QuantityField {
  readonly kind: 'quantity';
  readonly spec: ParamSpec;
}
export interface EnumField<V extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly V[];
  readonly default?: V;
  readonly doc: string;
}
export interface BooleanField {
  readonly kind: 'boolean';
  readonly default?: boolean;
  readonly doc: string;
}
export interface StringField {
  readonly kind: 'string';
  readonly default?: string;
  readonly pattern?: RegExp;
  readonly doc: string;
}
export interface ObjectField<F extends Fields = Fields> {
  readonly kind: 'object';
  readonly fields: F;
  readonly doc: string;
}
export interface ArrayField<I extends Field = Field> {
  readonly kind: 'array';
  readonly items: I;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** Default items, written as in a scenario file (validated like user input). */
  readonly default?: readonly unknown[];
  readonly doc: string;
}
export type Field = QuantityField | EnumField | BooleanField | StringField | ObjectField | ArrayField;
export type Fields = Readonly<Record<string, Field>>;

/** The resolved (SI, typed) value of a field. */
export type Infer<F> = F extends QuantityField
  ? number
  : F extends EnumField<infer V>
    ? V
    : F extends BooleanField
      ? boolean
      : F extends StringField
        ? string
        : F extends ObjectField<infer O>
          ? { -readonly [K in keyof O]: Infer<O[K]> }
          : F extends ArrayField<infer I>
            ? Infer<I>[]
            : never;
export type InferFields<F extends Fields> = { -readonly [K in keyof F]: Infer<F[K]> };

// ---- builders --------------------------------------------------------------------------------

/** A quantity with a unit, resolved to SI and range-checked by its ParamSpec. */
export const quantity = (spec: ParamSpec): QuantityField => ({ kind: 'quantity', spec });
/** One of a fixed set of words (a literal union in the resolved type), with a did-you-mean hint. */
export const oneOf = <const V extends string>(values: readonly V[], doc: string, dflt?: V): EnumField<V> => ({
  kind: 'enum',
  values,
  doc,
  ...(dflt === undefined ? {} : { default: dflt }),
});
/** A boolean switch. */
export const flag = (doc: string, dflt?: boolean): BooleanField => ({ kind: 'boolean', doc, ...(dflt === undefined ? {} : { default: dflt }) });
/** A free string, optionally matching a pattern. */
export const text = (doc: string, dflt?: string, pattern?: RegExp): StringField => ({
  kind: 'string',
  doc,
  ...(dflt === undefined ? {} : { default: dflt }),
  ...(pattern ? { pattern } : {}),
});
/** A mapping of named fields; unknown keys are errors. */
export const section = <const F extends Fields>(doc: string, fields: F): ObjectField<F> => ({ kind: 'object', fields, doc });
/** A list of items of one field kind, with optional length bounds and default items. */
export const list = <const I extends Field>(
  items: I,
  doc: string,
  opts: { minItems?: number; maxItems?: number; default?: readonly unknown[] } = {},
): ArrayField<I> => ({ kind: 'array', items, doc, ...opts });

/** The quantity fields of a model's parameter table. */
export function fieldsOf<T extends ParamTable>(table: T): { readonly [K in keyof T]: QuantityField } {
  const out: Record<string, QuantityField> = {};
  for (const [k, spec] of Object.entries(table)) out[k] = quantity(spec);
  return out as { readonly [K in keyof T]: QuantityField };
}

// ---- validation ------------------------------------------------------------------------------

/** Describe a value for an error message without dumping large structures. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? `[list of ${value.length}]` : '{…}';
}

function unitHint(spec: ParamSpec): string {
  const u = parseUnit(spec.unit);
  return spec.unit === '1' ? rangeText(spec) : `${describeDimension(u.dim)} in ${rangeText(spec)}`;
}

function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/**
 * Resolve `value` against `field`: returns the typed SI value, pushing every problem found into
 * `problems` (and continuing, so that all problems are reported at once).
 */
export function resolveField<F extends Field>(field: F, value: unknown, path: string, problems: ParamProblem[]): Infer<F> {
  return resolveAny(field, value, path, problems) as Infer<F>;
}

function resolveAny(field: Field, value: unknown, path: string, problems: ParamProblem[]): unknown {
  switch (field.kind) {
    case 'quantity': {
      const spec = field.spec;
      if (value === undefined || value === null) {
        if (spec.default !== undefined) return spec.default;
        problems.push({ path, value, message: 'required', expected: unitHint(spec) });
        return NaN;
      }
      if (typeof value === 'number' && !Number.isFinite(value)) {
        problems.push({ path, value: show(value), message: 'not a finite number', expected: unitHint(spec) });
        return NaN;
      }
      let si: number;
      try {
        si = toSI(value, spec.unit);
      } catch (e) {
        if (!(e instanceof UnitError)) throw e;
        problems.push({ path, value: show(value), message: e.message, expected: unitHint(spec) });
        return NaN;
      }
      const p = checkParam(path, si, spec);
      if (p) problems.push({ ...p, value: show(value), expected: unitHint(spec), message: spec.unit === '1' ? p.message : `${p.message} (${si} ${spec.unit} in SI)` });
      return si;
    }
    case 'enum': {
      if (value === undefined || value === null) {
        if (field.default !== undefined) return field.default;
        problems.push({ path, value, message: 'required', expected: `one of ${field.values.join(', ')}` });
        return field.values[0];
      }
      if (typeof value !== 'string' || !field.values.includes(value)) {
        const hint = typeof value === 'string' ? closest(value, field.values) : undefined;
        problems.push({ path, value: show(value), message: 'not an allowed value', expected: `one of ${field.values.join(', ')}`, ...(hint ? { hint: `did you mean '${hint}'?` } : {}) });
        return field.values[0];
      }
      return value;
    }
    case 'boolean': {
      if (value === undefined || value === null) {
        if (field.default !== undefined) return field.default;
        problems.push({ path, value, message: 'required', expected: 'true or false' });
        return false;
      }
      if (typeof value !== 'boolean') problems.push({ path, value: show(value), message: 'not a boolean', expected: 'true or false' });
      return value === true;
    }
    case 'string': {
      if (value === undefined || value === null) {
        if (field.default !== undefined) return field.default;
        problems.push({ path, value, message: 'required', expected: 'a string' });
        return '';
      }
      if (typeof value !== 'string') {
        problems.push({ path, value: show(value), message: 'not a string', expected: 'a string' });
        return '';
      }
      if (field.pattern && !field.pattern.test(value)) problems.push({ path, value: show(value), message: 'malformed', expected: `a string matching ${field.pattern}` });
      return value;
    }
    case 'object': {
      const obj = value === undefined || value === null ? {} : value;
      if (typeof obj !== 'object' || Array.isArray(obj)) {
        problems.push({ path, value: show(value), message: 'not a mapping', expected: `a mapping with keys ${Object.keys(field.fields).join(', ')}` });
        return resolveAny(field, {}, path, []);
      }
      const rec = obj as Record<string, unknown>;
      const known = Object.keys(field.fields);
      for (const key of Object.keys(rec)) {
        if (!(key in field.fields)) {
          const hint = closest(key, known);
          problems.push({
            path: join(path, key),
            value: show(rec[key]),
            message: 'unknown key',
            expected: `one of ${known.join(', ')}`,
            ...(hint ? { hint: `did you mean '${hint}'?` } : {}),
          });
        }
      }
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(field.fields)) out[key] = resolveAny(sub, rec[key], join(path, key), problems);
      return out;
    }
    case 'array': {
      const arr = value === undefined || value === null ? field.default : value;
      if (arr === undefined) {
        problems.push({ path, value, message: 'required', expected: 'a list' });
        return [];
      }
      if (!Array.isArray(arr)) {
        problems.push({ path, value: show(value), message: 'not a list', expected: 'a list' });
        return [];
      }
      const n = arr.length;
      if ((field.minItems !== undefined && n < field.minItems) || (field.maxItems !== undefined && n > field.maxItems)) {
        problems.push({ path, value: show(arr), message: `has ${n} items`, expected: `${field.minItems ?? 0} to ${field.maxItems ?? '∞'} items` });
      }
      return arr.map((item, i) => resolveAny(field.items, item, join(path, i), problems));
    }
    default: {
      const never: never = field;
      throw new Error(`unhandled field kind ${String(never)}`);
    }
  }
}

// ---- JSON Schema -----------------------------------------------------------------------------

const QUANTITY_PATTERN = '^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*[^\\s].*$';

/** JSON Schema (draft 2020-12) of a field, with units and ranges in the descriptions. */
export function jsonSchemaOf(field: Field): Record<string, unknown> {
  switch (field.kind) {
    case 'quantity': {
      const s = field.spec;
      const desc = `${s.doc} [${s.unit === '1' ? 'dimensionless' : s.unit}; range ${rangeText(s)}${s.default !== undefined ? `; default ${s.default}` : ''}]${s.source ? ` Source: ${s.source}` : ''}`;
      if (s.unit === '1') {
        return {
          description: desc,
          oneOf: [
            { type: 'number', ...(s.min !== undefined ? { [s.exclusiveMin ? 'exclusiveMinimum' : 'minimum']: s.min } : {}), ...(s.max !== undefined ? { [s.exclusiveMax ? 'exclusiveMaximum' : 'maximum']: s.max } : {}) },
            { type: 'string', pattern: QUANTITY_PATTERN },
          ],
        };
      }
      return { type: 'string', pattern: QUANTITY_PATTERN, description: desc, examples: [`${s.default ?? 1} ${s.unit}`] };
    }
    case 'enum':
      return { enum: [...field.values], description: field.doc, ...(field.default !== undefined ? { default: field.default } : {}) };
    case 'boolean':
      return { type: 'boolean', description: field.doc, ...(field.default !== undefined ? { default: field.default } : {}) };
    case 'string':
      return { type: 'string', description: field.doc, ...(field.pattern ? { pattern: field.pattern.source } : {}), ...(field.default !== undefined ? { default: field.default } : {}) };
    case 'object': {
      const properties: Record<string, unknown> = {};
      const required: string[] = [];
      for (const [k, sub] of Object.entries(field.fields)) {
        properties[k] = jsonSchemaOf(sub);
        if (isRequired(sub)) required.push(k);
      }
      return { type: 'object', description: field.doc, properties, additionalProperties: false, ...(required.length ? { required } : {}) };
    }
    case 'array':
      return {
        type: 'array',
        description: field.doc,
        items: jsonSchemaOf(field.items),
        ...(field.minItems !== undefined ? { minItems: field.minItems } : {}),
        ...(field.maxItems !== undefined ? { maxItems: field.maxItems } : {}),
      };
    default: {
      const never: never = field;
      throw new Error(`unhandled field kind ${String(never)}`);
    }
  }
}

/** A field is required when it has no default and (for objects) any of its fields is required. */
export function isRequired(field: Field): boolean {
  switch (field.kind) {
    case 'quantity':
      return field.spec.default === undefined;
    case 'enum':
    case 'boolean':
    case 'string':
      return field.default === undefined;
    case 'object':
      return Object.values(field.fields).some(isRequired);
    case 'array':
      return field.default === undefined;
    default: {
      const never: never = field;
      throw new Error(`unhandled field kind ${String(never)}`);
    }
  }
}
