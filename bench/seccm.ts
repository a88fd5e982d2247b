/**
 * SECCM hopping throughput (issue 6): a 10 × 10 hopping map over polished hard carbon in EC/PC +
 * FEC — approach at 0.1 µm/s with landing detection, a 1,000-point CV per site (2.0 → 0.001 →
 * 2.0 V at 10 mV/s, 4 mV per sample), the droplet film and currents, and each spot's AFM topography
 * and c-AFM map (64 × 64) — then the analyzers on every site. Target: < 5 s and < 1 GB for the map.
 * Prints one JSON object.
 *
 * Run: npx tsx bench/seccm.ts
 */
import { performance } from 'node:perf_hooks';
import { createRng } from '../src/sim/rng.js';
import { runSeccmHopping, type SeccmSite } from '../src/sim/seccm-hopping.js';
import { analyzeSpotTopography, cafmBlocking, cvCharges, detectLanding } from '../src/analysis/seccm.js';

const side = 10;
const pitch = 4e-6;
const sites: SeccmSite[] = [];
for (let r = 0; r < side; r++)
  for (let c = 0; c < side; c++) sites.push({ label: `g${r}-${c}`, x: c * pitch, y: r * pitch, cv: { start: 2, vertices: [0.001, 2], rate: 10e-3, cycles: 1 } });

const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const run = runSeccmHopping(createRng('bench-seccm'), {
  electrolyte: 'ec-pc-fec',
  sites,
  hopping: { potentialStep: 4e-3, restBeforeCv: 0 },
  imaging: { pixels: 64 },
});
const t1 = performance.now();
let blockingSum = 0;
let landed = 0;
for (const r of run.sites) {
  const l = detectLanding(r.approach.current, r.approach.z);
  if (l.detected) landed++;
  cvCharges(r.cv.time, r.cv.potential, r.cv.current, r.cv.cycle);
  const im = r.image;
  if (im) {
    analyzeSpotTopography(im.topography, im.pixels, im.pixelSize);
    blockingSum += cafmBlocking(im.cafm, im.pixels, im.pixelSize).blocking;
  }
}
const t2 = performance.now();
const cvPoints = run.sites.reduce((s, r) => s + r.cv.time.length, 0);
const approachPoints = run.sites.reduce((s, r) => s + r.approach.time.length, 0);
const mapSeconds = (t1 - t0) / 1000;
const out = {
  bench: 'seccm',
  sites: run.sites.length,
  cvPointsPerSite: cvPoints / run.sites.length,
  approachPointsPerSite: approachPoints / run.sites.length,
  imagePixels: `${run.sites[0].image?.pixels}x${run.sites[0].image?.pixels} topography + c-AFM per site`,
  mapSeconds: Number(mapSeconds.toFixed(3)),
  analysisSeconds: Number(((t2 - t1) / 1000).toFixed(3)),
  sitesPerSecond: Number((run.sites.length / mapSeconds).toFixed(1)),
  peakRssMB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
  rssGrowthMB: Number(((process.memoryUsage().rss - rss0) / 1048576).toFixed(1)),
  landingsDetected: landed,
  meanBlocking: Number((blockingSum / run.sites.length).toFixed(3)),
  targets: { mapSeconds: 5, peakRssMB: 1024 },
  pass: mapSeconds < 5 && process.resourceUsage().maxRSS / 1024 < 1024,
};
console.log(JSON.stringify(out));
