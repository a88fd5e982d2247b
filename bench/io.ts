/**
 * I/O benchmark: the writers at the sizes of the default hc-nrm run (4 windows × 200 locations ×
 * 400 depth steps) and the heaviest figures. Prints one JSON object.
 *
 *   npx tsx bench/io.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Artifact } from '../src/io/artifact.js';
import { csvArtifact, gsfArtifact, npyArtifact } from '../src/io/artifacts.js';
import { writeRunDirectory } from '../src/io/rundir.js';
import { figure, lineFigure } from '../src/io/plot/index.js';

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

const curves = 4 * 200;
const steps = 400;
const col = (k: number): Float64Array => Float64Array.from({ length: steps }, (_, i) => Math.sin(i * 0.01 + k) * 1e-9);

const [csvs, csvMs] = time(() =>
  Array.from({ length: curves }, (_, k): Artifact =>
    csvArtifact(`data/curves/curve-${String(k).padStart(4, '0')}.csv`, `curve ${k}`, [
      { name: 'z_piezo', unit: 'm', values: col(k) },
      { name: 'deflection', unit: 'V', values: col(k + 1) },
      { name: 'lateral_x', unit: 'V', values: col(k + 2) },
      { name: 'lateral_y', unit: 'V', values: col(k + 3) },
      { name: 'time', unit: 's', values: col(k + 4) },
      { name: 'potential', unit: 'V', values: col(k + 5) },
    ]),
  ),
);
const csvBytes = csvs.reduce((n, a) => n + (a.content as string).length, 0);
const big = new Float64Array(curves * steps * 6).map((_, i) => Math.sin(i));
const [npy, npyMs] = time(() => npyArtifact('data/curves.npy', 'all curves', 'SI per channel; axes: (curve, sample, channel)', { data: big, shape: [curves, steps, 6] }));
const map = Float64Array.from({ length: 512 * 512 }, (_, i) => Math.sin(i / 97) * 1e-8);
const [gsf, gsfMs] = time(() => gsfArtifact('truth/height.gsf', 'height', { data: map, xRes: 512, yRes: 512, xReal: 5e-6, yReal: 5e-6, zUnits: 'm' }));

const dir = mkdtempSync(join(tmpdir(), 'seisim-bench-io-'));
const t0 = performance.now();
await writeRunDirectory(join(dir, 'run'), {
  manifestBase: { seisimVersion: '0', scenarioName: 'bench', scenario: {}, seed: '1', commandLine: ['bench'], startTime: '2026-01-01T00:00:00Z', endTime: '2026-01-01T00:00:00Z' },
  artifacts: [...csvs, npy, gsf],
  scores: [],
});
const writeMs = performance.now() - t0;
rmSync(dir, { recursive: true, force: true });

const n = 1 << 20;
const f = Float64Array.from({ length: n }, (_, i) => i + 1);
const p = Float64Array.from({ length: n }, (_, i) => 1e-22 * (1 + 0.3 * Math.sin(i * 1.7)));
const [psd, psdMs] = time(() => lineFigure({ x: { label: 'f', unit: 'Hz', scale: 'log' }, y: { label: 'PSD', unit: 'm^2/Hz', scale: 'log' }, series: [{ type: 'line', x: f, y: p }] }));
const kde = Float64Array.from({ length: 256 * 256 }, (_, i) => Math.exp(-(((i % 256) - 128) ** 2) / 800));
const [heat, heatMs] = time(() =>
  figure({ panels: [{ x: { label: 'z_p', unit: 'm' }, y: { label: '|G^*|', unit: 'Pa' }, layers: [{ type: 'heatmap', values: kde, nx: 256, ny: 256, xRange: [0, 3e-8], yRange: [0, 1e8], zLabel: 'Density', zUnit: '1/(m Pa)', smooth: true }] }] }),
);

console.log(
  JSON.stringify({
    bench: 'io',
    csv: { files: curves, rows: steps, columns: 6, ms: +csvMs.toFixed(1), MBps: +(csvBytes / 1e6 / (csvMs / 1e3)).toFixed(1) },
    npy: { elements: big.length, ms: +npyMs.toFixed(1) },
    gsf: { pixels: 512 * 512, ms: +gsfMs.toFixed(1) },
    runDirectory: { files: curves + 2, MB: +((csvBytes + big.length * 8 + 512 * 512 * 4) / 1e6).toFixed(1), ms: +writeMs.toFixed(1) },
    psdFigure: { points: n, svgKB: Math.round(psd.length / 1024), ms: +psdMs.toFixed(1) },
    heatmapFigure: { pixels: 256 * 256, svgKB: Math.round(heat.length / 1024), ms: +heatMs.toFixed(1) },
    maxRSSkB: process.resourceUsage().maxRSS,
  }),
);
