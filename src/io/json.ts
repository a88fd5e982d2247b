/**
 * Deterministic JSON for the run directory (`manifest.json`, `results/scores.json`, result files).
 *
 * Rules: two-space indentation, `\n` line ends and a final `\n`; numbers as `JSON.stringify` writes
 * them (shortest round-trip decimal, ECMA-262 Number::toString); non-finite numbers (NaN, ±Infinity)
 * become `null` — JSON has no spelling for them — and readers map `null` back to NaN where a number
 * is expected; object keys in insertion order (deterministic in ECMAScript for string keys), so
 * callers that build objects in a fixed order get a fixed order; `undefined` members are omitted.
 * Values that JSON cannot represent (bigint, functions, symbols, cycles) throw.
 */

/** A JSON-serialisable value. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [k: string]: JsonValue | undefined };

/**
 * Serialise `value` deterministically (see module doc); throws naming the path of an unsupported value.
 *
 * @example stableJson({ b: 1, a: [NaN, 0.1] }) === '{\n  "b": 1,\n  "a": [\n    null,\n    0.1\n  ]\n}\n'
 */
export function stableJson(value: unknown): string {
  check(value, '$', new Set());
  return JSON.stringify(value, null, 2) + '\n';
}

function check(v: unknown, path: string, stack: Set<unknown>): void {
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return;
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new Error(`json: ${path} is a ${typeof v}, which JSON cannot represent`);
    case 'object': {
      if (v === null) return;
      if (stack.has(v)) throw new Error(`json: ${path} is a circular reference`);
      if (ArrayBuffer.isView(v)) throw new Error(`json: ${path} is a typed array; convert it with Array.from first`);
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return;
      stack.add(v);
      if (Array.isArray(v)) v.forEach((x, i) => check(x, `${path}[${i}]`, stack));
      else for (const [k, x] of Object.entries(v)) check(x, `${path}.${k}`, stack);
      stack.delete(v);
      return;
    }
    default:
      throw new Error(`json: ${path} has unsupported type`);
  }
}

/** Number from parsed JSON where `null` stands for a non-finite value (see {@link stableJson}). */
export function jsonNumber(v: unknown, path: string): number {
  if (v === null) return NaN;
  if (typeof v !== 'number') throw new Error(`json: ${path} should be a number, found ${JSON.stringify(v)}`);
  return v;
}
