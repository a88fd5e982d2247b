/**
 * Every parameter table seisim exposes is well formed: its units parse, its defaults lie in its
 * ranges, and every experiment's scenario schema resolves its own defaults. A table that declared
 * a unit the scenario parser cannot read, or a default outside its range, would make scenarios
 * unwritable or silently invalid.
 */
import { describe, expect, it } from 'vitest';
import { MODELS } from '../src/sim/models.js';
import { EXPERIMENTS } from '../src/sim/experiments/index.js';
import { checkParam } from '../src/models/params.js';
import { parseUnit } from '../src/sim/units.js';
import { listCatalog, paramsTable, shippedScenarios } from '../src/sim/catalog.js';
import type { Field } from '../src/sim/schema.js';

function quantityFields(field: Field, path: string, out: [string, Field & { kind: 'quantity' }][]): void {
  switch (field.kind) {
    case 'quantity':
      out.push([path, field]);
      return;
    case 'object':
      for (const [k, f] of Object.entries(field.fields)) quantityFields(f, path ? `${path}.${k}` : k, out);
      return;
    case 'array':
      quantityFields(field.items, `${path}[]`, out);
      return;
    default:
      return;
  }
}

describe('parameter tables and scenario schemas', () => {
  for (const [model, entry] of Object.entries(MODELS)) {
    it(`${model}: units parse and defaults lie in range`, () => {
      for (const [tname, table] of Object.entries(entry.tables)) {
        for (const [name, spec] of Object.entries(table)) {
          expect(() => parseUnit(spec.unit), `${model}.${tname}.${name} unit '${spec.unit}'`).not.toThrow();
          if (spec.default !== undefined) expect(checkParam(name, spec.default, spec), `${model}.${tname}.${name}`).toBeUndefined();
          expect(spec.doc.length, `${model}.${tname}.${name} has a doc`).toBeGreaterThan(3);
        }
      }
      expect(paramsTable(model)).toContain(Object.keys(Object.values(entry.tables)[0])[0]);
    });
  }

  for (const [id, exp] of Object.entries(EXPERIMENTS)) {
    it(`experiment ${id}: every quantity's unit parses and its default is in range`, () => {
      const qs: [string, Field & { kind: 'quantity' }][] = [];
      quantityFields({ kind: 'object', fields: exp.fields, doc: '' }, '', qs);
      expect(qs.length).toBeGreaterThan(0);
      for (const [path, f] of qs) {
        expect(() => parseUnit(f.spec.unit), `${id}: ${path}`).not.toThrow();
        if (f.spec.default !== undefined) expect(checkParam(path, f.spec.default, f.spec), `${id}: ${path}`).toBeUndefined();
      }
    });
  }

  it('seisim list names every shipped scenario and model', () => {
    const text = listCatalog();
    const scenarios = shippedScenarios();
    expect(scenarios.length).toBeGreaterThanOrEqual(9);
    for (const s of scenarios) {
      expect(text).toContain(s.file);
      expect(Object.keys(EXPERIMENTS)).toContain(s.experiment);
    }
    for (const m of Object.keys(MODELS)) expect(text).toContain(m);
  });
});

describe('README', () => {
  it('the annotated scenario example in README.md is a valid scenario', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenario } = await import('../src/sim/scenario.js');
    const readme = readFileSync('README.md', 'utf8');
    const m = /```yaml\n(schema: seisim\/scenario@1[\s\S]*?)```/.exec(readme);
    expect(m).not.toBeNull();
    const s = parseScenario(m![1], 'README.md');
    expect(s.experiment).toBe('thermal-tune');
    expect((s.config as { instrument: { invOLSError: number } }).instrument.invOLSError).toBe(0.05);
  });
});
