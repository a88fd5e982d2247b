/**
 * What seisim ships: the scenarios in `scenarios/` and the models with their parameter tables
 * (`seisim list`, `seisim params <model>`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { rangeText, type ParamTable } from '../models/params.js';
import { packageRoot } from './runner.js';
import { MODELS } from './models.js';

export interface ScenarioEntry {
  readonly file: string;
  readonly name: string;
  readonly experiment: string;
  readonly description: string;
}

/** The scenarios shipped in the package's `scenarios/` folder, sorted by file name. */
export function shippedScenarios(dir = join(packageRoot(), 'scenarios')): ScenarioEntry[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  } catch {
    return [];
  }
  return files.map((f) => {
    let doc: Record<string, unknown> = {};
    try {
      doc = (parse(readFileSync(join(dir, f), 'utf8'), { maxAliasCount: 0 }) ?? {}) as Record<string, unknown>;
    } catch {
      /* listed with empty fields; `seisim validate` says what is wrong */
    }
    const description = typeof doc.description === 'string' ? doc.description.trim().split('\n')[0] : '';
    return { file: join('scenarios', f), name: String(doc.name ?? ''), experiment: String(doc.experiment ?? ''), description };
  });
}

/** `seisim list`: one line per shipped scenario and per model. */
export function listCatalog(): string {
  const lines: string[] = ['Scenarios (seisim run <file>):'];
  for (const s of shippedScenarios()) lines.push(`  ${s.file.padEnd(34)} ${s.experiment.padEnd(15)} ${s.description}`);
  lines.push('', 'Models (seisim params <model>):');
  for (const [name, m] of Object.entries(MODELS)) lines.push(`  ${name.padEnd(20)} ${m.doc}`);
  return lines.join('\n');
}

/** `seisim params <model>`: the model's parameter table(s) as aligned text. */
export function paramsTable(model: string): string {
  const m = MODELS[model];
  if (!m) throw new Error(`unknown model '${model}'; models: ${Object.keys(MODELS).join(', ')}`);
  const lines = [`${model}: ${m.doc}`];
  for (const [tableName, table] of Object.entries(m.tables)) {
    lines.push('', `[${tableName}]`);
    lines.push(...formatTable(table));
  }
  return lines.join('\n');
}

function formatTable(table: ParamTable): string[] {
  const rows = Object.entries(table).map(([name, s]) => [name, s.unit, s.default === undefined ? '(required)' : String(s.default), rangeText(s), s.doc + (s.source ? ` — ${s.source}` : '')]);
  const head = ['name', 'unit', 'default', 'range', 'description — source'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join('  ');
  return [fmt(head), ...rows.map(fmt)];
}
