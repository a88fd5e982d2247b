#!/usr/bin/env node
/**
 * Runs every benchmark in bench/ one after the other (each in its own process, so peak RSS is per
 * benchmark) and prints one JSON line per benchmark: {"bench": name, ...its own JSON output}.
 * Usage: npm run bench            (all)
 *        npm run bench -- fea nrm (some)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();
let failed = 0;
for (const name of benches) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`${JSON.stringify({ bench: name, error: (r.stderr || '').trim().split('\n').slice(-1)[0] || `exit ${r.status}` })}\n`);
    continue;
  }
  const out = r.stdout.trim();
  let parsed;
  try {
    parsed = JSON.parse(out.slice(out.indexOf('{')));
  } catch {
    parsed = { output: out };
  }
  process.stdout.write(`${JSON.stringify({ bench: name, ...parsed })}\n`);
}
process.exit(failed > 0 ? 1 : 0);
