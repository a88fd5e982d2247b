/**
 * `seisim schema` is a valid JSON Schema (draft 2020-12) that accepts every shipped scenario and
 * rejects an unknown key — checked by an independent implementation (Python's `jsonschema`, the
 * reference validator editors' YAML language servers agree with). Skips, saying why, where Python
 * with jsonschema and PyYAML is not installed.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioJsonSchema } from '../src/sim/scenario.js';

const probe = spawnSync('python3', ['-c', 'import jsonschema, yaml'], { encoding: 'utf8' });
const havePython = probe.status === 0;

describe('seisim schema against an independent JSON Schema validator', () => {
  it.skipIf(!havePython)('is a valid draft 2020-12 schema, accepts every shipped scenario, rejects an unknown key (needs python3 jsonschema + PyYAML)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seisim-schema-'));
    const schemaPath = join(dir, 'schema.json');
    writeFileSync(schemaPath, JSON.stringify(scenarioJsonSchema()));
    const script = `
import json, yaml, glob, jsonschema, sys
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
out = {}
for f in sorted(glob.glob('scenarios/*.yaml')):
    out[f] = [e.message for e in v.iter_errors(yaml.safe_load(open(f)))]
bad = yaml.safe_load(open('scenarios/thermal-tune.yaml'))
bad['instrument']['sampleRat'] = '2 MHz'
out['bad'] = [e.message for e in v.iter_errors(bad)]
print(json.dumps(out))
`;
    const r = spawnSync('python3', ['-c', script, schemaPath], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const res = JSON.parse(r.stdout) as Record<string, string[]>;
    const files = Object.keys(res).filter((k) => k !== 'bad');
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const f of files) expect(res[f], f).toEqual([]);
    expect(res.bad.length).toBeGreaterThan(0);
  });
});
