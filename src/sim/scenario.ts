/**
 * Scenario files: YAML → safe parse → schema validation → units to SI → a typed, fully resolved
 * `Scenario` (DESIGN.md, "Data flow of one run", step 1).
 *
 * Every problem is reported at once, each with its file and line, YAML path, the value, the
 * expected unit and range, and a hint. YAML custom tags and explicit tags are rejected, anchors
 * and aliases are limited (alias bombs), keys must be unique. `--set path=value` overrides are
 * applied to the parsed document before validation, so they go through the same checks.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, visit, isNode, type Document } from 'yaml';
import type { ParamProblem } from '../models/params.js';
import { closest } from './units.js';
import { resolveField, section, type Fields, type ObjectField, type InferFields, jsonSchemaOf } from './schema.js';
import type { Experiment, ExperimentId } from './experiment.js';
import { EXPERIMENTS } from './experiments/index.js';

export const SCENARIO_SCHEMA_ID = 'seisim/scenario@1';

/** Fields common to every scenario, before the experiment's own sections. */
const COMMON_KEYS = ['schema', 'name', 'description', 'seed', 'experiment'] as const;

/** A scenario with every value resolved to SI and every default filled in. */
export interface Scenario<C = Record<string, unknown>> {
  readonly schema: typeof SCENARIO_SCHEMA_ID;
  readonly name: string;
  readonly description: string;
  /** Root seed from the file (or `--seed`); undefined means "generate one and print it". */
  readonly seed: string | undefined;
  readonly experiment: ExperimentId;
  /** The experiment's sections, resolved (SI). */
  readonly config: C;
  /** Where it came from: file path (or '<text>') and the overrides applied. */
  readonly source: { readonly path: string; readonly overrides: readonly string[] };
}

/** A located validation problem. */
export interface ScenarioProblem extends ParamProblem {
  readonly file: string;
  readonly line?: number;
}

/** Thrown when a scenario is invalid; carries every problem. The CLI prints them and exits 2. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(readonly problems: readonly ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** One line per problem: `file:line: path = value: message; expected …; hint`. */
export function formatProblem(p: ScenarioProblem): string {
  const where = `${p.file}${p.line !== undefined ? `:${p.line}` : ''}`;
  const val = p.value === undefined ? '' : ` = ${typeof p.value === 'string' ? p.value : JSON.stringify(p.value)}`;
  if (!p.path && p.value === undefined) return `${where}: ${p.message}${p.expected ? `; expected ${p.expected}` : ''}${p.hint ? `; ${p.hint}` : ''}`;
  return `${where}: ${p.path || '(top level)'}${val}: ${p.message}${p.expected ? `; expected ${p.expected}` : ''}${p.hint ? `; ${p.hint}` : ''}`;
}

export interface LoadOptions {
  /** `path=value` overrides (the CLI's `--set`), value parsed as a YAML scalar or flow node. */
  readonly overrides?: readonly string[];
  /** Seed override (the CLI's `--seed`). */
  readonly seed?: string;
  /** Experiment registry (tests may inject their own). */
  readonly experiments?: Readonly<Record<string, Experiment>>;
}

/** Read and resolve a scenario file. Throws ScenarioError (bad input) with every problem. */
export function loadScenario(path: string, opts: LoadOptions = {}): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError([{ file: path, path: '', value: undefined, message: `cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  }
  return parseScenario(text, path, opts);
}

const MAX_ALIASES = 64;
const MAX_BYTES = 1 << 20;

/** Resolve scenario text (`file` is used in messages only). */
export function parseScenario(text: string, file: string, opts: LoadOptions = {}): Scenario {
  const problems: ScenarioProblem[] = [];
  const fail = (path: string, message: string, extra: Partial<ScenarioProblem> = {}): never => {
    throw new ScenarioError([...problems, { file, path, value: undefined, message, ...extra }]);
  };
  if (text.length > MAX_BYTES) fail('', `file is larger than ${MAX_BYTES} bytes`);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, strict: true, uniqueKeys: true, schema: 'core', prettyErrors: true, merge: false });
  for (const e of [...doc.errors, ...doc.warnings]) {
    problems.push({ file, line: e.linePos?.[0].line, path: '', value: undefined, message: `YAML: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}` });
  }
  visit(doc, {
    Node(_key, node) {
      if (isNode(node) && node.tag !== undefined) {
        const line = node.range ? lineCounter.linePos(node.range[0]).line : undefined;
        problems.push({ file, line, path: '', value: node.tag, message: 'explicit YAML tags are not allowed in scenarios', hint: 'write plain values, e.g. 125 um' });
      }
    },
  });
  if (problems.length > 0) throw new ScenarioError(problems);

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    fail('', `YAML: ${(e as Error).message} (at most ${MAX_ALIASES} alias expansions)`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('', 'a scenario must be a YAML mapping', { expected: `keys ${COMMON_KEYS.join(', ')}, …` });
  const root = raw as Record<string, unknown>;

  const overrides = opts.overrides ?? [];
  for (const o of overrides) {
    const p = applyOverride(root, o);
    if (p) problems.push({ file: '--set', ...p });
  }

  const lineOf = (path: string): number | undefined => lineOfPath(doc, lineCounter, path);
  const locate = (ps: readonly ParamProblem[]): ScenarioProblem[] => ps.map((p) => ({ file, line: lineOf(p.path), ...p }));

  const registry = opts.experiments ?? EXPERIMENTS;
  const ids = Object.keys(registry);

  if (root.schema !== SCENARIO_SCHEMA_ID) {
    problems.push(...locate([{ path: 'schema', value: root.schema, message: root.schema === undefined ? 'required' : 'unsupported scenario schema', expected: `'${SCENARIO_SCHEMA_ID}'` }]));
  }
  const nameOk = typeof root.name === 'string' && /^[a-z0-9][a-z0-9._-]*$/.test(root.name);
  if (!nameOk) problems.push(...locate([{ path: 'name', value: root.name, message: root.name === undefined ? 'required' : 'not a valid name', expected: 'lower-case letters, digits, - . _ (it names the run directory)' }]));
  if (root.description !== undefined && typeof root.description !== 'string') problems.push(...locate([{ path: 'description', value: root.description, message: 'not a string' }]));
  let seed: string | undefined = opts.seed;
  if (seed === undefined && root.seed !== undefined && root.seed !== null) {
    if ((typeof root.seed === 'number' && Number.isSafeInteger(root.seed) && root.seed >= 0) || (typeof root.seed === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(root.seed))) seed = String(root.seed);
    else problems.push(...locate([{ path: 'seed', value: root.seed, message: 'not a valid seed', expected: 'a non-negative integer or a word of up to 64 letters, digits, . _ -' }]));
  }
  if (seed !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(seed)) problems.push({ file: '--seed', path: 'seed', value: seed, message: 'not a valid seed', expected: 'a non-negative integer or a word of up to 64 letters, digits, . _ -' });

  const expId = root.experiment;
  const experiment = typeof expId === 'string' ? registry[expId] : undefined;
  if (!experiment) {
    const hint = typeof expId === 'string' ? closest(expId, ids) : undefined;
    problems.push(...locate([{ path: 'experiment', value: expId, message: expId === undefined ? 'required' : 'unknown experiment', expected: `one of ${ids.join(', ')}`, ...(hint ? { hint: `did you mean '${hint}'?` } : {}) }]));
    throw new ScenarioError(problems);
  }

  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root)) if (!(COMMON_KEYS as readonly string[]).includes(k)) body[k] = v;
  const fieldProblems: ParamProblem[] = [];
  const config = resolveField(section(experiment.title, experiment.fields), body, '', fieldProblems);
  problems.push(...locate(fieldProblems));
  if (experiment.check && fieldProblems.length === 0) problems.push(...locate(experiment.check(config as never)));
  if (problems.length > 0) throw new ScenarioError(problems);

  return {
    schema: SCENARIO_SCHEMA_ID,
    name: root.name as string,
    description: (root.description as string | undefined) ?? '',
    seed,
    experiment: experiment.id,
    config: config as Record<string, unknown>,
    source: { path: file, overrides },
  };
}

/** Split `a.b[2].c` into ['a', 'b', 2, 'c']. */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === '')) throw new Error(`malformed path '${path}'`);
    if (m[1] !== '') out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function applyOverride(root: Record<string, unknown>, override: string): ParamProblem | undefined {
  const eq = override.indexOf('=');
  if (eq <= 0) return { path: override, value: override, message: 'malformed override', expected: 'path=value, e.g. cantilever.length=130 um' };
  const pathText = override.slice(0, eq).trim();
  const valueText = override.slice(eq + 1).trim();
  let keys: (string | number)[];
  try {
    keys = splitPath(pathText);
  } catch {
    return { path: pathText, value: valueText, message: 'malformed path', expected: 'dotted keys with [index], e.g. windows[0].from' };
  }
  const valueDoc = parseDocument(valueText, { schema: 'core', strict: true });
  let hasTag = false;
  visit(valueDoc, { Node(_k, n) { if (isNode(n) && n.tag !== undefined) hasTag = true; } });
  if (valueDoc.errors.length > 0 || valueDoc.warnings.length > 0 || hasTag) return { path: pathText, value: valueText, message: 'value is not a plain YAML value' };
  let value: unknown;
  try {
    value = valueDoc.toJS({ maxAliasCount: 0 });
  } catch (e) {
    return { path: pathText, value: valueText, message: `value: ${(e as Error).message}` };
  }
  let node: unknown = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    const container = node as Record<string | number, unknown>;
    if (container[k] === undefined || container[k] === null) container[k] = typeof keys[i + 1] === 'number' ? [] : {};
    node = container[k];
    if (typeof node !== 'object' || node === null) return { path: pathText, value: valueText, message: `'${keys.slice(0, i + 1).join('.')}' is not a mapping or list` };
  }
  (node as Record<string | number, unknown>)[keys[keys.length - 1]] = value;
  return undefined;
}

function lineOfPath(doc: Document, lc: LineCounter, path: string): number | undefined {
  if (!path) return undefined;
  let keys: (string | number)[];
  try {
    keys = splitPath(path);
  } catch {
    return undefined;
  }
  for (let n = keys.length; n > 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

/** The JSON Schema of scenario files (printed by `seisim schema`). */
export function scenarioJsonSchema(experiments: Readonly<Record<string, Experiment>> = EXPERIMENTS): Record<string, unknown> {
  const variants = Object.values(experiments).map((e) => {
    const body = jsonSchemaOf(section(e.title, e.fields)) as { properties: Record<string, unknown>; required?: string[] };
    return {
      title: e.id,
      description: e.doc,
      type: 'object',
      properties: {
        experiment: { const: e.id },
        ...body.properties,
      },
      required: ['experiment', ...(body.required ?? [])],
    };
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://seisim.dev/schema/scenario@1.json',
    title: 'seisim scenario',
    description: 'A seisim scenario: one experiment, its sample, instrument and analysis, with units on every quantity (e.g. "125 um", "0.6 N/m").',
    type: 'object',
    properties: {
      schema: { const: SCENARIO_SCHEMA_ID },
      name: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'names the run directory' },
      description: { type: 'string' },
      seed: { oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' }], description: 'root seed of every random stream' },
      experiment: { enum: Object.keys(experiments) },
    },
    required: ['schema', 'name', 'experiment'],
    oneOf: variants,
    unevaluatedProperties: false,
  };
}

export type { Fields, ObjectField, InferFields };
