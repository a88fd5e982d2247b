/**
 * The main job end to end: `seisim run scenarios/hc-nrm.yaml` (4 windows × 200 locations × 400 depth
 * steps = 320 000 steps) — load and validate, r_g, session (instrument incl. the exact per-step
 * lock-in), pipeline, scores, plots, atomic write of the run directory — then the session and the
 * pipeline timed separately for the time per curve. Targets (issue 5): < 10 s, < 1 GB peak RSS.
 * Prints one JSON object.
 *
 * Run: npx tsx bench/nrm.ts [scenario.yaml]
 */
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenarioFile } from '../src/sim/runner.js';
import { loadScenario } from '../src/sim/scenario.js';
import { createRng } from '../src/sim/rng.js';
import { analyzeNrm } from '../src/analysis/nrm-pipeline.js';
import { defaultNrmDepthGridOf, instrumentRecordOf, lateralProviderOf, nrmInstrumentOf, rgOf, sessionCurves, type NrmConfig } from '../src/sim/nrm/run.js';
import { runNrmSession } from '../src/sim/nrm/session.js';
import { nrmSeiPreset } from '../src/models/nrm/nagarathinam2026.js';

const scenarioPath = process.argv[2] ?? 'scenarios/hc-nrm.yaml';
const dir = mkdtempSync(join(tmpdir(), 'bench-nrm-'));
try {
  const t0 = performance.now();
  const report = await runScenarioFile({ scenarioPath, out: join(dir, 'run'), quiet: true } as Parameters<typeof runScenarioFile>[0]);
  const t1 = performance.now();
  const rssEndToEnd = process.resourceUsage().maxRSS;

  // the two heavy stages alone, for the time per curve
  const sc = loadScenario(scenarioPath);
  const c = sc.config as unknown as NrmConfig;
  const preset = nrmSeiPreset(c.sei.preset);
  const inst = nrmInstrumentOf(c);
  const grid = defaultNrmDepthGridOf(c);
  const rng = createRng(sc.seed ?? '42');
  const t2 = performance.now();
  const session = runNrmSession(rng, { preset, electrode: c.electrode, grid: c.grid, sweep: c.sweep, instrument: inst, lateral: lateralProviderOf(c), truthHeights: grid, zOffset: 2e-6 });
  const t3 = performance.now();
  const rg = rgOf(c);
  const t4 = performance.now();
  analyzeNrm(sessionCurves(session), instrumentRecordOf(inst, c, rng), { rg: rg.rg, depthGrid: grid, windows: preset.windows.map((w) => [w.potentialLow, w.potentialHigh] as const) });
  const t5 = performance.now();
  const curves = session.curves;
  const steps = session.steps;
  const wallMs = t1 - t0;
  console.log(
    JSON.stringify({
      bench: 'nrm',
      scenario: scenarioPath,
      lateralFidelity: c.lateralForce.fidelity,
      curves,
      stepsPerCurve: steps,
      depthSteps: curves * steps,
      endToEndMs: Math.round(wallMs),
      msPerCurveEndToEnd: +(wallMs / curves).toFixed(3),
      sessionMs: Math.round(t3 - t2),
      instrumentMsPerCurve: +((t3 - t2) / curves).toFixed(3),
      // r_g(z_p) profile after the end-to-end run: the surrogate's FEA calibrations are cached by then
      rgCalibrationWarmMs: Math.round(t4 - t3),
      pipelineMs: Math.round(t5 - t4),
      pipelineMsPerCurve: +((t5 - t4) / curves).toFixed(3),
      stepsPerSecond: Math.round((curves * steps) / (wallMs / 1e3)),
      files: report.manifest.files.length,
      scoresPassed: Object.fromEntries((['recovery', 'verification', 'bias'] as const).map((g) => { const sc = report.scores.filter((s) => (s.group ?? 'recovery') === g); return [g, `${sc.filter((s) => s.pass).length}/${sc.length}`]; })),
      targetMs: 10000,
      peakRssKBEndToEnd: rssEndToEnd,
      targetRssKB: 1024 * 1024,
      pass: wallMs < 10000 && rssEndToEnd < 1024 * 1024,
      peakRssKB: process.resourceUsage().maxRSS,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
