/**
 * `experiment: seccm` — SECCM SEI microspots on polished hard carbon, from landing to c-AFM
 * blocking maps (`003_47f56aa074086b1d.txt`, Saleh et al., ChemElectroChem 2025).
 *
 * The hopping instrument (src/sim/seccm-hopping.ts) approaches each site at 0.1 µm/s, lands on the
 * current jump, runs the site's CV in the droplet (src/models/seccm) and retracts; every spot is then
 * imaged (topography, c-AFM at 1 V) and, optionally, mapped by force-volume. The analyzers
 * (src/analysis/seccm.ts) read only data/: landing, charges per cycle, spot diameter, inner layer,
 * deposits, blocking, Fig. S4 populations. Scores: each analyzer against the truth (tolerances from
 * the instruments' resolution and the spots' statistics), and — for sites that name a `reference`
 * — the analyzed values against the paper's numbers (calibration of the Saleh2025 preset).
 */
import { defineExperiment, runOutput } from '../experiment.js';
import type { Rng } from '../../models/rng.js';
import type { ParamProblem } from '../../models/params.js';
import { HARD_CARBON_SECCM, PIPETTE, SALEH2025_NOTES, SALEH2025_OBSERVABLES, SECCM_CELL, SECCM_ELECTROLYTES, type PaperObservable } from '../../models/seccm/index.js';
import { flexuralSpringConstant } from '../../models/probe/cantilever.js';
import { PROBE_PRESETS, probePreset } from '../../models/probe/presets.js';
import { absoluteScore, relativeScore, type Artifact, type Score } from '../../io/artifact.js';
import { csvArtifact, gsfArtifact, jsonArtifact, svgArtifact } from '../../io/artifacts.js';
import { figure, type PanelSpec, type Layer } from '../../io/plot/index.js';
import { analyzeSpotTopography, cafmBlocking, cvCharges, detectLanding, forceVolumePopulations, levelOnBorder, type CafmBlocking, type SpotTopography, type LandingDetection } from '../../analysis/seccm.js';
import { estimateFilmThickness, fitForceMap } from '../../analysis/force-curve-fit.js';
import { fieldsOf, flag, list, oneOf, quantity, section, text, type Fields, type InferFields } from '../schema.js';
import { SECCM_FORCE_VOLUME, SECCM_HOPPING, SECCM_SPOT_IMAGING, cropToImage, runSeccmHopping, spotForceVolume, spotTruth, type SeccmRun, type SeccmSite, type SiteRecord } from '../seccm-hopping.js';

/** Paper conditions a site can be compared with (003). */
export const SECCM_REFERENCES = [
  'none',
  'fig2-spot1',
  'fig2-spot2',
  'fig2-spot3',
  'fig2-spot4',
  'fig2-spot5',
  'fig2-spot6',
  'diglyme-10mVs-1cycle',
  'diglyme-100mVs',
  'diglyme-1000mVs',
  'diglyme-10cycles',
  'diglyme-40cycles',
  'carbonate-10mVs-1cycle',
  'carbonate-10cycles',
  'carbonate-40cycles',
] as const;
export type SeccmReference = (typeof SECCM_REFERENCES)[number];

const V = (doc: string, dflt?: number) => quantity({ unit: 'V', min: -1, max: 5, doc, ...(dflt === undefined ? {} : { default: dflt }) });

/** Scenario sections of the seccm experiment. */
export const SECCM_FIELDS = {
  electrolyte: oneOf(SECCM_ELECTROLYTES, 'electrolyte preset (src/models/seccm/presets.ts, Saleh2025)', 'ec-pc-fec'),
  pipette: section('the micropipette (src/models/seccm/params.ts PIPETTE)', fieldsOf(PIPETTE)),
  hardCarbon: section('the polished hard-carbon particle (HARD_CARBON_SECCM)', fieldsOf(HARD_CARBON_SECCM)),
  cell: section('two-electrode cell: Na quasi-reference counter electrode, atmosphere (SECCM_CELL)', fieldsOf(SECCM_CELL)),
  hopping: section('approach, landing, hop and potentiostat (SECCM_HOPPING)', fieldsOf(SECCM_HOPPING)),
  imaging: section('AFM topography and c-AFM of each spot (SECCM_SPOT_IMAGING)', fieldsOf(SECCM_SPOT_IMAGING)),
  sites: list(
    section('one landing site and its CV', {
      label: text('name of the spot in plots and files'),
      x: quantity({ unit: 'm', min: -1e-3, max: 1e-3, doc: 'stage x of the site' }),
      y: quantity({ unit: 'm', min: -1e-3, max: 1e-3, doc: 'stage y of the site' }),
      start: V('start potential E_i vs the QRCE (≈ Na/Na⁺)', 2.0),
      vertices: list(V('vertex potential'), 'vertices visited in order in every cycle', { minItems: 1, maxItems: 8 }),
      rate: quantity({ unit: 'V/s', min: 1e-5, max: 10, doc: 'sweep rate v (003: 0.1–1000 mV/s)' }),
      cycles: quantity({ unit: '1', min: 1, max: 200, integer: true, default: 1, doc: 'number of cycles' }),
      reference: oneOf(SECCM_REFERENCES, 'paper condition this spot is compared with (003)', 'none'),
    }),
    'landing sites, visited in this order',
    { minItems: 0, maxItems: 1000, default: [] },
  ),
  grid: section('an optional rectangular hop grid appended after `sites` (same CV everywhere)', {
    columns: quantity({ unit: '1', min: 0, max: 100, integer: true, default: 0, doc: 'sites per row (0: no grid)' }),
    rows: quantity({ unit: '1', min: 0, max: 100, integer: true, default: 0, doc: 'rows' }),
    pitch: quantity({ unit: 'm', min: 1e-7, max: 1e-3, default: 4e-6, doc: 'distance between neighbouring sites' }),
    start: V('start potential', 2.0),
    vertices: list(V('vertex potential'), 'vertices', { minItems: 1, maxItems: 8, default: ['0.001 V', '2 V'] }),
    rate: quantity({ unit: 'V/s', min: 1e-5, max: 10, default: 0.01, doc: 'sweep rate' }),
    cycles: quantity({ unit: '1', min: 1, max: 200, integer: true, default: 1, doc: 'cycles' }),
  }),
  forceVolume: section('force-volume map of one spot with the 003 Fig. S4 populations (src/sim/force-curve.ts)', {
    enabled: flag('map one spot', false),
    site: quantity({ unit: '1', min: 1, max: 1000, integer: true, default: 1, doc: 'which site (1-based)' }),
    probe: oneOf(PROBE_PRESETS, 'probe preset (003: RTESPAW-150 for force spectroscopy)', 'saleh-rtespaw-150'),
    ...fieldsOf(SECCM_FORCE_VOLUME),
  }),
  analysis: section('what the analyst chooses', {
    landingSigma: quantity({ unit: '1', min: 2, max: 100, default: 8, doc: 'landing = first approach sample beyond k robust σ of the baseline' }),
    smoothRadius: quantity({ unit: '1', min: 0, max: 100, integer: true, default: 0, doc: 'box radius (pixels) for spot segmentation (0: n/21)' }),
  }),
} as const satisfies Fields;

/** Resolved configuration of the seccm experiment. */
export type SeccmConfig = InferFields<typeof SECCM_FIELDS>;

/** Cross-field checks: at least one site, vertices differ from the start, force-volume site exists. */
export function checkSeccmConfig(c: SeccmConfig): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const nGrid = c.grid.columns * c.grid.rows;
  if (c.sites.length + nGrid === 0) problems.push({ path: 'sites', value: '[]', message: 'no landing site', expected: 'at least one site, or grid.columns × grid.rows ≥ 1' });
  c.sites.forEach((s, i) => {
    if (s.vertices.every((v) => v === s.start)) problems.push({ path: `sites[${i}].vertices`, value: s.vertices.join(', '), message: 'every vertex equals the start potential', expected: 'at least one vertex ≠ start' });
  });
  if (c.forceVolume.enabled && c.forceVolume.site > c.sites.length + nGrid) problems.push({ path: 'forceVolume.site', value: c.forceVolume.site, message: 'no such site', expected: `1…${c.sites.length + nGrid}` });
  const labels = new Set<string>();
  c.sites.forEach((s, i) => {
    if (labels.has(s.label)) problems.push({ path: `sites[${i}].label`, value: s.label, message: 'duplicate label', expected: 'unique labels' });
    labels.add(s.label);
  });
  return problems;
}

/** The sites of a configuration (list first, then the grid in raster order). */
export function seccmSites(c: SeccmConfig): { sites: SeccmSite[]; references: SeccmReference[] } {
  const sites: SeccmSite[] = c.sites.map((s) => ({ label: s.label, x: s.x, y: s.y, cv: { start: s.start, vertices: s.vertices, rate: s.rate, cycles: s.cycles } }));
  const references: SeccmReference[] = c.sites.map((s) => s.reference);
  for (let r = 0; r < c.grid.rows; r++)
    for (let q = 0; q < c.grid.columns; q++) {
      sites.push({ label: `g${r + 1}-${q + 1}`, x: q * c.grid.pitch, y: r * c.grid.pitch, cv: { start: c.grid.start, vertices: c.grid.vertices, rate: c.grid.rate, cycles: c.grid.cycles } });
      references.push('none');
    }
  return { sites, references };
}

/** What the analyzers found at one site. */
export interface SiteAnalysis {
  readonly landing: LandingDetection;
  readonly charges: ReturnType<typeof cvCharges>;
  readonly topography?: SpotTopography;
  readonly blocking?: CafmBlocking;
}

const pad = (i: number): string => String(i + 1).padStart(3, '0');
const fmt = (v: number, scale: number, d = 1): string => (Number.isFinite(v) ? (v * scale).toFixed(d) : 'n/a');

function obs(key: keyof typeof SALEH2025_OBSERVABLES): PaperObservable {
  return SALEH2025_OBSERVABLES[key];
}

/**
 * Run the seccm experiment: instrument, analyzers, scores, files and plots.
 * @param rng the run's root stream; forks 'seccm' (instrument) and 'force-volume'
 */
export function runSeccmExperiment(config: SeccmConfig, rng: Rng, progress: (fraction: number, label?: string) => void = () => {}): { artifacts: Artifact[]; scores: Score[]; summary: Record<string, unknown>; run: SeccmRun; analyses: SiteAnalysis[] } {
  const { sites, references } = seccmSites(config);
  const run = runSeccmHopping(
    rng.fork('seccm'),
    { electrolyte: config.electrolyte, sites, pipette: config.pipette, hardCarbon: config.hardCarbon, cell: config.cell, hopping: config.hopping, imaging: config.imaging },
    (f, l) => progress(0.8 * f, l),
  );
  const smooth = config.analysis.smoothRadius > 0 ? { smoothRadius: config.analysis.smoothRadius } : {};
  const lt = run.settings.imaging.cafmTunnellingLength;
  // ---- analyzers (observed data only) ----
  const analyses: SiteAnalysis[] = run.sites.map((r) => {
    const landing = detectLanding(r.approach.current, r.approach.z, { k: config.analysis.landingSigma });
    const charges = cvCharges(r.cv.time, r.cv.potential, r.cv.current, r.cv.cycle);
    if (!r.image) return { landing, charges };
    const topography = analyzeSpotTopography(r.image.topography, r.image.pixels, r.image.pixelSize, smooth);
    const blocking = cafmBlocking(r.image.cafm, r.image.pixels, r.image.pixelSize, smooth);
    return { landing, charges, topography, blocking };
  });
  const truths = run.sites.map((r) => spotTruth(r, lt));
  // ---- scores: analyzers vs truth ----
  const scores: Score[] = [];
  run.sites.forEach((r, i) => {
    const a = analyses[i];
    const t = truths[i];
    const where = `site ${i + 1} (${r.site.label})`;
    scores.push(absoluteScore('landingZ', where, 'm', r.truth.contactZ, a.landing.z, r.approach.zStep, 'the jump falls in the first sample after contact: within one Z step (speed × sampling interval)'));
    const clean = cvCharges(r.cv.time, r.cv.potential, r.cv.cleanCurrent, r.cv.cycle);
    const c1 = clean.cycles[0];
    const e1 = a.charges.cycles[0];
    if (c1 && e1) {
      const nS = r.cv.time.length / Math.max(1, clean.cycles.length);
      const dt = (r.cv.time[r.cv.time.length - 1] - r.cv.time[0]) / Math.max(1, r.cv.time.length - 1);
      const sigmaQ = run.settings.hopping.currentNoise * Math.sqrt(nS) * dt;
      const tol = Math.max(1e-3, (5 * sigmaQ) / Math.abs(c1.irreversible));
      scores.push(relativeScore('irreversibleChargeCycle1', where, 'C', c1.irreversible, e1.irreversible, tol, `white current noise: σ_Q = σ_i √N Δt = ${sigmaQ.toExponential(2)} C; 5σ`));
    }
    if (a.blocking && a.topography) {
      scores.push(relativeScore('spotDiameter', where, 'm', t.diameter, a.blocking.diameter, 0.06, 'c-AFM second moment vs the SEI-forming footprint: rim of lower island coverage (≈ r_max/R) and pixel size ≲ 6 %'));
      scores.push(absoluteScore('blocking', where, '1', t.blocking, a.blocking.blocking, 0.08, 'the footprint rim, one island radius wide, lacks the islands that would have nucleated outside it: the deficit-weighted radius comes out ≈ r_max/2 short, biasing B up by ≈ B r_max/R (≈ 4 points for EC/PC spots), plus ±3 points from the patchiness at the smoothing scale'));
      if (Number.isFinite(t.innerThickness) && t.coverage > 0.15 && Number.isFinite(a.topography.innerLayer)) {
        const sparse = t.coverage < 0.4;
        scores.push(relativeScore('innerLayerHeight', where, 'm', t.innerThickness, a.topography.innerLayer, sparse ? 0.2 : 0.12, sparse ? 'sparse small islands (coverage < 40 %): the tip rounds them and the 1.4 nm RMS HC roughness under them shifts the histogram mode, ≲ 20 %' : 'tip convolution fills narrow gaps and island edges thin out; HC roughness 1.4 nm RMS under a 5–40 nm layer: ≲ 12 %'));
      }
      const nTrue = r.truth.cell.film.deposits.length;
      // scored where the deposits stand well above the detection threshold (max(8 nm, 0.6 inner)) —
      // below ≈ 2.5× it only the tallest are found and the detected set is truncated — and where the
      // image resolves them (≥ 2 pixels per base radius; coarser pixels miss the apex of a paraboloid)
      const film = r.truth.cell.film;
      const meanRadius = film.deposits.reduce((sum, d) => sum + d.radius, 0) / Math.max(1, film.deposits.length);
      const resolved = r.image !== undefined && meanRadius >= 2 * r.image.pixelSize;
      if (nTrue >= 3 && a.topography.deposits.length >= 2 && resolved && t.depositMean > 2.5 * Math.max(8e-9, 0.6 * t.innerThickness)) {
        scores.push(relativeScore('depositHeightMean', where, 'm', t.depositMean, a.topography.depositMean, 0.15, 'deposits below the detection threshold (inner + max(8 nm, 0.6 inner)) are missed and touching domes merge: ≲ 15 %'));
      }
    }
  });
  // ---- scores: vs the paper (calibration), for sites with a reference ----
  const paperRows: { site: string; reference: string; quantity: string; estimate: number; paper: number; paperLow?: number; paperHigh?: number; unit: string; pass: boolean; quote: string; where: string }[] = [];
  const addPaper = (s: Score, site: string, reference: string, o: PaperObservable, paperHigh?: number): void => {
    scores.push(s);
    // `paper` is the value the score compares with (a range's centre, an SD, or a one-sided bound)
    paperRows.push({ site, reference, quantity: s.quantity, estimate: s.estimate, paper: s.truth, ...(paperHigh !== undefined ? { paperLow: o.value, paperHigh } : {}), unit: s.unit, pass: s.pass, quote: o.quote, where: o.where });
  };
  const byRef = new Map<SeccmReference, number>();
  references.forEach((ref, i) => {
    if (ref !== 'none' && !byRef.has(ref)) byRef.set(ref, i);
  });
  const blockRef: Partial<Record<SeccmReference, keyof typeof SALEH2025_OBSERVABLES>> = {
    'fig2-spot1': 'blockingSpot1',
    'fig2-spot2': 'blockingSpot2',
    'fig2-spot3': 'blockingSpot3',
    'fig2-spot4': 'blockingSpot4',
    'fig2-spot5': 'blockingSpot5',
    'fig2-spot6': 'blockingSpot6',
    'diglyme-10mVs-1cycle': 'blockingDiglyme10',
    'diglyme-100mVs': 'blockingDiglyme100',
    'diglyme-1000mVs': 'blockingDiglyme1000',
  };
  references.forEach((ref, i) => {
    const a = analyses[i];
    if (ref === 'none' || !a.blocking || !a.topography) return;
    const label = run.sites[i].site.label;
    const where = `site ${i + 1} (${label}) vs 003 ${ref}`;
    const bk = blockRef[ref];
    if (bk) {
      const o = obs(bk);
      if (o.value >= 0.999) {
        const est = a.blocking.blocking;
        addPaper({ quantity: 'blockingVsPaper', where, unit: '1', truth: 1, estimate: est, relError: est - 1, errorKind: 'absolute', tolerance: 0.05, toleranceWhy: 'one-sided: "a drop of the current of 100%" — pass when ≥ 95 % (analyzer scatter ≲ 5 points)', pass: est >= 0.95 }, label, ref, o);
      } else addPaper(absoluteScore('blockingVsPaper', where, '1', o.value, a.blocking.blocking, 0.1, '2σ of the difference: 003 spots 1–5 spread with SD 2.3 points (58/60/60/62/56 %), the model\'s Poisson island count ±3 points, the analyzer ±3 points (bias ≈ +3) ⇒ ≈ 10 points'), label, ref, o);
    }
    if (ref.startsWith('fig2-')) {
      const o = obs('carbonateSpotDiameter');
      addPaper(absoluteScore('spotDiameterVsPaper', where, 'm', 0.5 * (o.value + (o.value2 as number)), a.blocking.diameter, 0.25e-6, '003 range 1.0–1.4 μm (±0.2 μm about 1.2 μm) plus 0.05 μm analysis'), label, ref, o, o.value2);
    }
    if (ref === 'fig2-spot3' || ref === 'fig2-spot4' || ref === 'fig2-spot5' || ref === 'fig2-spot6') {
      const o = obs('carbonateInnerLayer');
      addPaper(absoluteScore('innerLayerVsPaper', where, 'm', 7e-9, a.topography.innerLayer, 2e-9, '003 "approximately 6–8 nm" (±1 nm) read from line scans, plus ±1 nm from tip convolution and roughness'), label, ref, o, o.value2);
    }
    if (ref === 'diglyme-10mVs-1cycle') {
      const oi = obs('diglymeInnerLayer');
      addPaper(absoluteScore('innerLayerVsPaper', where, 'm', 12e-9, a.topography.innerLayer, 2.5e-9, '003 "approximately 10–14 nm" (±2 nm) plus 0.5 nm analysis'), label, ref, oi, oi.value2);
      const od = obs('diglymeDeposits');
      addPaper(relativeScore('depositHeightMeanVsPaper', where, 'm', od.value, a.topography.depositMean, 0.25, '003 36.3 ± 7 nm (n = 5): standard error 3.1 nm (9 %), twice that plus analyzer 15 % ⇒ 25 %'), label, ref, od);
      addPaper(relativeScore('depositHeightSdVsPaper', where, 'm', od.value2 as number, a.topography.depositSd, 0.6, 'SD from n = 5 deposits: 95 % CI of an SD from 5 values spans ×0.6–×2.9'), label, ref, od);
    }
    const diam: Partial<Record<SeccmReference, keyof typeof SALEH2025_OBSERVABLES>> = { 'diglyme-10mVs-1cycle': 'diglymeDiameter1', 'diglyme-10cycles': 'diglymeDiameter10', 'diglyme-40cycles': 'diglymeDiameter40' };
    const dk = diam[ref];
    if (dk) {
      const o = obs(dk);
      addPaper(relativeScore('spotDiameterVsPaper', where, 'm', o.value, a.blocking.diameter, 0.08, '"larger and uneven spreading": contact-line unevenness ±12 % in radius, one spot per condition in 003 ⇒ 8 %'), label, ref, o);
    }
    if (ref === 'diglyme-10cycles') {
      const o = obs('diglymeLayer10');
      addPaper(relativeScore('innerLayerVsPaper', where, 'm', o.value, a.topography.innerLayer, 0.2, '003 "about 40 nm": ±20 %'), label, ref, o);
    }
  });
  // pooled carbonate deposits (spots 3–6, n = 4 per-spot means): 58 ± 36 nm
  const dep36 = (['fig2-spot3', 'fig2-spot4', 'fig2-spot5', 'fig2-spot6'] as const).map((r) => byRef.get(r)).filter((i): i is number => i !== undefined);
  if (dep36.length >= 3) {
    const means = dep36.map((i) => analyses[i].topography?.depositMean ?? Number.NaN).filter(Number.isFinite);
    if (means.length >= 3) {
      const m = means.reduce((s, v) => s + v, 0) / means.length;
      const sd = Math.sqrt(means.reduce((s, v) => s + (v - m) ** 2, 0) / (means.length - 1));
      const o = obs('carbonateDeposits');
      addPaper(relativeScore('depositHeightMeanVsPaper', `spots ${dep36.map((i) => i + 1).join(', ')} (per-spot means pooled) vs 003 Fig. 2c–f`, 'm', o.value, m, 0.35, 'mean of n = 4 spot values with SD 36 nm: standard error 18 nm (31 %), plus analyzer'), 'fig2 spots 3–6', 'fig2-spot3..6', o);
      addPaper(relativeScore('depositHeightSdVsPaper', `spots ${dep36.map((i) => i + 1).join(', ')} vs 003 Fig. 2c–f`, 'm', o.value2 as number, sd, 0.7, 'an SD from n = 4 values: 95 % CI spans ×0.57–×3.7'), 'fig2 spots 3–6', 'fig2-spot3..6', o);
    }
  }
  // growth with cycles: diglyme stable from 10 to 40 cycles; carbonate continues
  const i10 = byRef.get('diglyme-10cycles');
  const i40 = byRef.get('diglyme-40cycles');
  if (i10 !== undefined && i40 !== undefined && analyses[i10].topography && analyses[i40].topography) {
    const ratio = (analyses[i40].topography as SpotTopography).innerLayer / (analyses[i10].topography as SpotTopography).innerLayer;
    addPaper(relativeScore('innerLayerRatio40to10VsPaper', 'diglyme 40 vs 10 cycles (10 mV/s)', '1', 1, ratio, 0.25, '003 "then remained relatively stable up to the 40th cycle": ratio 1 ± 25 %'), `${run.sites[i10].site.label}/${run.sites[i40].site.label}`, 'diglyme-10/40cycles', obs('diglymeLayer10'));
  }
  const c10 = byRef.get('carbonate-10cycles');
  const c40 = byRef.get('carbonate-40cycles');
  if (c10 !== undefined && c40 !== undefined && analyses[c10].topography && analyses[c40].topography) {
    const t10 = analyses[c10].topography as SpotTopography;
    const t40 = analyses[c40].topography as SpotTopography;
    const ratio = t40.depositMean / t10.depositMean;
    addPaper({ quantity: 'depositGrowth40to10VsPaper', where: 'EC/PC 40 vs 10 cycles (10 mV/s), mean deposit height', unit: '1', truth: 1.2, estimate: ratio, relError: ratio - 1.2, errorKind: 'absolute', tolerance: 0, toleranceWhy: 'one-sided: 003 "continuous growth of the layer": pass when the 40-cycle deposits are ≥ 20 % taller (the magnitude, 20 nm → ~1 μm, is not reproduced; see SALEH2025_NOTES)', pass: ratio >= 1.2 }, `${run.sites[c10].site.label}/${run.sites[c40].site.label}`, 'carbonate-10/40cycles', obs('carbonateLayer40'));
  }
  // ---- force volume ----
  let fvSummary: Record<string, unknown> | undefined;
  const artifacts: Artifact[] = [];
  if (config.forceVolume.enabled) {
    progress(0.82, 'SECCM: force-volume map');
    const idx = config.forceVolume.site - 1;
    const rec = run.sites[idx];
    const preset = probePreset(config.forceVolume.probe);
    if (preset.tip.kind !== 'paraboloid') throw new RangeError(`forceVolume.probe = ${preset.name}: needs a paraboloid tip`);
    const probe = { springConstant: flexuralSpringConstant(preset.cantilever), tip: preset.tip, tipMaterial: preset.tipMaterial };
    const fvSettings = config.forceVolume;
    const fv = spotForceVolume(rng.fork('force-volume'), rec, probe, { pixels: fvSettings.pixels, samplesPerCurve: fvSettings.samplesPerCurve, rampSize: fvSettings.rampSize, triggerForce: fvSettings.triggerForce, rampRate: fvSettings.rampRate });
    const fitOptions = { model: 'dmt' as const, tip: { kind: 'paraboloid' as const, radius: preset.tip.radius }, samplePoissonRatio: 0.3, tipModulus: preset.tipMaterial.youngsModulus, tipPoissonRatio: preset.tipMaterial.poissonRatio, fitRange: [0.1, 0.95] as [number, number] };
    const naive = fitForceMap(fv.map, fv.map.meta.nominal, fitOptions);
    // the analyst levels the height map (the sample is tilted) before reading film thicknesses off it
    const levelled = levelOnBorder(naive.height, fv.map.nx);
    const thick = estimateFilmThickness(levelled).thickness;
    const fit = fitForceMap(fv.map, fv.map.meta.nominal, { ...fitOptions, filmAttachment: 'bonded' }, thick);
    const m = fv.map.nx;
    const pops = forceVolumePopulations(fit, m, fv.size / m);
    const pairs = [
      ['pristine', pops.pristine, 'modulusPristine', 'adhesionPristine', 0],
      ['thin-layer', pops.thinLayer, 'modulusThinLayer', 'adhesionThinLayer', 1],
      ['deposit', pops.deposit, 'modulusDeposit', 'adhesionDeposit', 2],
    ] as const;
    const fvRows: Record<string, unknown>[] = [];
    for (const [name, st, mk, ak, code] of pairs) {
      // truth: the drawn per-pixel values of the true population
      const E: number[] = [];
      const F: number[] = [];
      for (let p = 0; p < m * m; p++) if (fv.population[p] === code) {
        E.push(fv.sample.youngsModulus[p]);
        F.push(fv.map.truth.adhesionForce[p]);
      }
      const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);
      const where = `force volume on site ${idx + 1}, ${name} (${st.n} curves)`;
      if (st.n >= 5 && E.length >= 5) {
        const oM = obs(mk);
        const oA = obs(ak);
        const seM = (oM.value2 as number) / Math.sqrt(st.n);
        const seA = (oA.value2 as number) / Math.sqrt(st.n);
        const bottom = name === 'thin-layer' ? 0.15 : 0.05;
        scores.push(relativeScore('modulusMean', where, 'Pa', mean(E), st.modulusMean, 3 * (seM / oM.value) + bottom, `3 standard errors of ${st.n} curves plus ${name === 'thin-layer' ? '15 % for the bottom-effect thickness' : '5 % fit bias'}; segmentation from the measured heights mixes edge pixels`));
        scores.push(relativeScore('adhesionMean', where, 'N', mean(F), st.adhesionMean, 3 * (seA / oA.value) + 0.05, `3 standard errors of ${st.n} curves plus 5 %`));
        addPaper(relativeScore('modulusMeanVsPaper', where, 'Pa', oM.value, st.modulusMean, 3 * (seM / oM.value) + bottom + 0.05, 'Fig. S4 populations are the input: 3 SE + fit bias + segmentation'), rec.site.label, `fig-S4-${name}`, oM);
        addPaper(relativeScore('adhesionMeanVsPaper', where, 'N', oA.value, st.adhesionMean, 3 * (seA / oA.value) + 0.1, 'Fig. S4 populations are the input: 3 SE + 10 %'), rec.site.label, `fig-S4-${name}`, oA);
      }
      fvRows.push({ population: name, curves: st.n, modulusMean: st.modulusMean, modulusSd: st.modulusSd, adhesionMean: st.adhesionMean, adhesionSd: st.adhesionSd, truePixels: E.length, trueModulusMean: mean(E), trueAdhesionMean: mean(F) });
    }
    fvSummary = { site: idx + 1, pixels: m, populations: fvRows };
    artifacts.push(
      gsfArtifact('data/force-volume/height.gsf', 'force-volume height (−contact point of the DMT fit)', { data: fit.height, xRes: m, yRes: m, xReal: fv.size, yReal: fv.size, zUnits: 'm', title: 'height (force volume)' }),
      gsfArtifact('results/force-volume-modulus.gsf', 'DMT modulus per pixel (bottom-effect corrected)', { data: Float64Array.from(fit.sampleModulus, (v) => (Number.isFinite(v) ? v : 0)), xRes: m, yRes: m, xReal: fv.size, yReal: fv.size, zUnits: 'Pa', title: 'modulus' }),
      gsfArtifact('results/force-volume-adhesion.gsf', 'adhesion force per pixel', { data: Float64Array.from(fit.adhesionForce, (v) => (Number.isFinite(v) ? v : 0)), xRes: m, yRes: m, xReal: fv.size, yReal: fv.size, zUnits: 'N', title: 'adhesion' }),
      gsfArtifact('truth/force-volume-population.gsf', 'population per force-volume pixel: 0 pristine, 1 thin layer, 2 deposit', { data: Float64Array.from(fv.population), xRes: m, yRes: m, xReal: fv.size, yReal: fv.size, zUnits: '1', title: 'population (truth)' }),
      jsonArtifact('results/force-volume.json', 'per-population modulus and adhesion (analyzer) with the truth of the drawn values', 'SI', fvSummary),
    );
    const hist = (key: 'sampleModulus' | 'adhesionForce', unit: string, label: string, paperKeys: readonly (keyof typeof SALEH2025_OBSERVABLES)[]): PanelSpec => ({
      x: { label, unit },
      y: { label: 'curves', unit: '1' },
      layers: [
        ...([1, 2, 0] as const).map((code) => ({
          type: 'histogram' as const,
          values: Float64Array.from(Array.from({ length: m * m }, (_, p) => p).filter((p) => pops.population[p] === code && fit.failed[p] === 0), (p) => fit[key][p]).filter((v) => Number.isFinite(v) && v > 0 && v < (unit === 'Pa' ? 5e9 : 6e-8)),
          bins: 20,
          label: ['pristine HC', 'thin layer', 'deposits'][code],
          opacity: 0.45,
        })),
        ...paperKeys.map((pk) => ({ type: 'vline' as const, at: obs(pk).value, dash: 'dashed' as const, text: '003' })),
      ],
    });
    artifacts.push(
      svgArtifact('plots/seccm-force-volume.svg', 'modulus and adhesion per population over the spot, with the 003 Fig. S4 means', figure({
        title: `Force volume over site ${idx + 1} (${rec.site.label}): populations of 003 Fig. S4`,
        panels: [hist('sampleModulus', 'Pa', "Young's modulus E_s (DMT)", ['modulusPristine', 'modulusThinLayer', 'modulusDeposit']), hist('adhesionForce', 'N', 'Adhesion F_{adh}', ['adhesionPristine', 'adhesionThinLayer', 'adhesionDeposit'])],
        caption: `${preset.name}; dashed: 003 means (pristine 1.41, thin layer 0.82, deposits 1.71 GPa; 19.2, 8.3, 21.9 nN)`,
      })),
    );
  }
  progress(0.9, 'SECCM: files and plots');
  artifacts.push(...seccmArtifacts(config, run, analyses, truths, references, paperRows, scores));
  const summary: Record<string, unknown> = {
    electrolyte: run.preset.label,
    sites: run.sites.length,
    duration: run.duration,
    spots: run.sites.map((r, i) => ({
      label: r.site.label,
      reference: references[i],
      diameter: analyses[i].blocking?.diameter,
      blocking: analyses[i].blocking?.blocking,
      innerLayer: analyses[i].topography?.innerLayer,
      depositMean: analyses[i].topography?.depositMean,
      trueBlocking: truths[i].blocking,
    })),
    paperComparisons: paperRows.length,
    paperPassed: paperRows.filter((r) => r.pass).length,
    ...(fvSummary ? { forceVolume: fvSummary } : {}),
  };
  progress(1);
  return { artifacts, scores, summary, run, analyses };
}

function cycleLabel(s: SeccmSite): string {
  return `${fmt(s.cv.rate, 1e3, s.cv.rate < 1e-3 ? 1 : 0)} mV/s × ${s.cv.cycles}, ${s.cv.start} → ${s.cv.vertices.join(' → ')} V`;
}

/** Files and figures of a run (data/, truth/, results/, plots/). */
function seccmArtifacts(
  config: SeccmConfig,
  run: SeccmRun,
  analyses: SiteAnalysis[],
  truths: ReturnType<typeof spotTruth>[],
  references: SeccmReference[],
  paperRows: Record<string, unknown>[],
  scores: Score[],
): Artifact[] {
  const out: Artifact[] = [];
  const caption = `${run.preset.label}; seisim seccm, src/sim/seccm-hopping.ts`;
  // ---- data ----
  out.push(
    csvArtifact('data/hop-log.csv', 'one row per landing: stage position, recorded landing Z, CV times and conditions (instrument log)', [
      { name: 'site', unit: '1', values: run.sites.map((_, i) => i + 1) },
      { name: 'label', unit: '', text: run.sites.map((r) => r.site.label) },
      { name: 'x', unit: 'm', values: run.sites.map((r) => r.site.x) },
      { name: 'y', unit: 'm', values: run.sites.map((r) => r.site.y) },
      { name: 'landing_z', unit: 'm', values: run.sites.map((r) => r.landingZ) },
      { name: 'cv_start_time', unit: 's', values: run.sites.map((r) => r.truth.cvStartTime) },
      { name: 'cv_end_time', unit: 's', values: run.sites.map((r) => r.truth.cvEndTime) },
      { name: 'rate', unit: 'V/s', values: run.sites.map((r) => r.site.cv.rate) },
      { name: 'cycles', unit: '1', values: run.sites.map((r) => r.site.cv.cycles) },
      { name: 'start', unit: 'V', values: run.sites.map((r) => r.site.cv.start) },
      { name: 'vertices', unit: '', text: run.sites.map((r) => r.site.cv.vertices.join(' ')) },
      { name: 'image_pixel_size', unit: 'm', values: run.sites.map((r) => r.image?.pixelSize ?? Number.NaN) },
    ]),
  );
  run.sites.forEach((r, i) => {
    const id = pad(i);
    out.push(
      csvArtifact(`data/approach/site-${id}.csv`, `approach of site ${i + 1} (${r.site.label}) at ${fmt(run.settings.hopping.approachSpeed, 1e6, 2)} µm/s`, [
        { name: 'time', unit: 's', values: r.approach.time },
        { name: 'z_piezo', unit: 'm', values: r.approach.z },
        { name: 'current', unit: 'A', values: r.approach.current },
      ]),
      csvArtifact(`data/cv/site-${id}.csv`, `CV in the droplet at site ${i + 1} (${r.site.label}): ${cycleLabel(r.site)}; potential vs the Na QRCE`, [
        { name: 'time', unit: 's', values: r.cv.time },
        { name: 'potential', unit: 'V', values: r.cv.potential },
        { name: 'current', unit: 'A', values: r.cv.current },
        { name: 'cycle', unit: '1', values: r.cv.cycle },
      ]),
    );
    const c = r.truth.cell;
    const N = c.current.length;
    out.push(
      csvArtifact(`truth/cv/site-${id}.csv`, `true electrode potential and current components at site ${i + 1}`, [
        { name: 'time', unit: 's', values: r.cv.time },
        { name: 'true_potential', unit: 'V', values: c.truePotential.subarray(1, N) },
        { name: 'current_clean', unit: 'A', values: c.current.subarray(1, N) },
        { name: 'double_layer', unit: 'A', values: c.components.doubleLayer.subarray(1, N) },
        { name: 'inner_sei', unit: 'A', values: c.components.innerSei.subarray(1, N) },
        { name: 'deposits', unit: 'A', values: c.components.deposits.subarray(1, N) },
        { name: 'insertion', unit: 'A', values: c.components.insertion.subarray(1, N) },
        { name: 'ohmic_drop', unit: 'V', values: c.ohmicDrop.subarray(1, N) },
        { name: 'reference_potential', unit: 'V', values: c.referencePotential.subarray(1, N) },
        { name: 'wetted_area', unit: 'm^2', values: c.film.wettedArea.subarray(1, N) },
        { name: 'covered_area', unit: 'm^2', values: c.film.coveredArea.subarray(1, N) },
      ]),
    );
    if (r.image) {
      const n = r.image.pixels;
      const size = n * r.image.pixelSize;
      const g = (path: string, d: string, data: ArrayLike<number>, z: string, title: string) => gsfArtifact(path, d, { data: Float64Array.from(data), xRes: n, yRes: n, xReal: size, yReal: size, zUnits: z, title });
      out.push(
        g(`data/images/site-${id}-topography.gsf`, `AFM topography of spot ${i + 1} (${r.site.label}), centred on the landing site`, r.image.topography, 'm', `topography ${r.site.label}`),
        g(`data/images/site-${id}-cafm.gsf`, `c-AFM current at ${run.settings.imaging.cafmBias} V over spot ${i + 1}`, r.image.cafm, 'A', `c-AFM ${r.site.label}`),
        g(`truth/spots/site-${id}-sei-height.gsf`, `true SEI height (inner layer + deposits) of spot ${i + 1}`, cropToImage(r.truth.seiHeight, r.truth), 'm', `SEI ${r.site.label}`),
        g(`truth/spots/site-${id}-inner.gsf`, `true inner-layer thickness of spot ${i + 1}`, cropToImage(r.truth.cell.film.innerThickness, r.truth), 'm', `inner ${r.site.label}`),
        g(`truth/spots/site-${id}-footprint.gsf`, 'SEI-forming footprint (wetted while below the island onset) of spot', truths[i].mask, '1', `footprint ${r.site.label}`),
      );
    }
  });
  out.push(
    jsonArtifact('truth/sites.json', 'per site: contact Z and time, meniscus gap, footprint, evaporation, charges, coverage, deposits, true spot summaries', 'SI', {
      referenceOffset: run.referenceOffset,
      sites: run.sites.map((r, i) => ({
        label: r.site.label,
        contactZ: r.truth.contactZ,
        contactTime: r.truth.contactTime,
        surfaceZ: r.truth.surfaceZ,
        protrusion: r.truth.protrusion,
        gap: r.truth.gap,
        landingRadius: r.truth.footprint.landingRadius,
        wickingCoefficient: r.truth.footprint.wicking,
        evaporation: r.truth.evaporation,
        charge: r.truth.cell.charge,
        insertionDepth: r.truth.cell.insertionDepth,
        islands: r.truth.cell.film.islands,
        fillNuclei: r.truth.cell.film.fillNuclei,
        deposits: r.truth.cell.film.deposits.map((d) => ({ x: d.x, y: d.y, height: d.height, radius: d.radius })),
        spot: { diameter: truths[i].diameter, wettedDiameter: truths[i].wettedDiameter, blocking: truths[i].blocking, coverage: truths[i].coverage, innerThickness: truths[i].innerThickness, depositMean: truths[i].depositMean, depositSd: truths[i].depositSd, meanHeight: truths[i].meanHeight },
        maxOhmicDrop: r.truth.cell.ohmicDrop.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
      })),
    }),
  );
  // ---- results ----
  out.push(
    csvArtifact('results/spots.csv', 'per spot: landing, diameter, blocking, inner layer, deposits (analyzers on data/ only)', [
      { name: 'site', unit: '1', values: run.sites.map((_, i) => i + 1) },
      { name: 'label', unit: '', text: run.sites.map((r) => r.site.label) },
      { name: 'reference', unit: '', text: references },
      { name: 'landing_z', unit: 'm', values: analyses.map((a) => a.landing.z) },
      { name: 'diameter_cafm', unit: 'm', values: analyses.map((a) => a.blocking?.diameter ?? Number.NaN) },
      { name: 'diameter_topography', unit: 'm', values: analyses.map((a) => a.topography?.segmentation.diameter ?? Number.NaN) },
      { name: 'visible_in_topography', unit: '1', values: analyses.map((a) => (a.topography?.segmentation.visible ? 1 : 0)) },
      { name: 'blocking', unit: '1', values: analyses.map((a) => a.blocking?.blocking ?? Number.NaN) },
      { name: 'inner_layer', unit: 'm', values: analyses.map((a) => a.topography?.innerLayer ?? Number.NaN) },
      { name: 'deposit_mean', unit: 'm', values: analyses.map((a) => a.topography?.depositMean ?? Number.NaN) },
      { name: 'deposit_sd', unit: 'm', values: analyses.map((a) => a.topography?.depositSd ?? Number.NaN) },
      { name: 'deposits', unit: '1', values: analyses.map((a) => a.topography?.deposits.length ?? 0) },
      { name: 'mean_height', unit: 'm', values: analyses.map((a) => a.topography?.meanHeight ?? Number.NaN) },
    ]),
  );
  const chRows = analyses.flatMap((a, i) => a.charges.cycles.map((c) => ({ i, ...c })));
  out.push(
    csvArtifact('results/charges.csv', 'per site and cycle: reductive, oxidative and irreversible charge of the CV', [
      { name: 'site', unit: '1', values: chRows.map((r) => r.i + 1) },
      { name: 'cycle', unit: '1', values: chRows.map((r) => r.cycle) },
      { name: 'reductive', unit: 'C', values: chRows.map((r) => r.reductive) },
      { name: 'oxidative', unit: 'C', values: chRows.map((r) => r.oxidative) },
      { name: 'irreversible', unit: 'C', values: chRows.map((r) => r.irreversible) },
    ]),
    jsonArtifact('results/paper-comparison.json', 'analyzed values against the numbers of 003, with the quotes; and where seisim departs from the paper or the task brief', 'SI', { comparisons: paperRows, notes: SALEH2025_NOTES, preset: run.preset.sources }),
  );
  // ---- plots ----
  const n = run.sites.length;
  const cvPanels: PanelSpec[] = run.sites.map((r) => ({
    title: `${r.site.label}: ${cycleLabel(r.site)}`,
    x: { label: 'E vs Na QRCE', unit: 'V' },
    y: { label: 'Current i', unit: 'A' },
    layers: [{ type: 'line', x: r.cv.potential, y: r.cv.current, width: 0.8 }],
  }));
  out.push(svgArtifact('plots/seccm-cvs.svg', 'CV of every spot (current vs applied potential)', figure({ title: 'CVs in the droplet (cathodic negative)', panels: cvPanels, columns: Math.min(3, n), panelWidth: 300, panelHeight: 190, caption })));
  const withImg = run.sites.map((r, i) => ({ r, i, a: analyses[i] })).filter((x) => x.r.image && x.a.topography);
  if (withImg.length) {
    const topoPanels: PanelSpec[] = withImg.map(({ r, a }) => {
      const im = r.image as NonNullable<SiteRecord['image']>;
      const size = im.pixels * im.pixelSize;
      const t = a.topography as SpotTopography;
      const sorted = Float64Array.from(t.levelled).sort();
      const hi = Math.max(sorted[Math.floor(0.995 * (sorted.length - 1))], 3 * t.noise);
      return {
        title: `${r.site.label}: d = ${fmt(a.blocking?.diameter ?? Number.NaN, 1e6, 2)} µm, inner ${fmt(t.innerLayer, 1e9)} nm`,
        x: { label: 'x', unit: 'm' },
        y: { label: 'y', unit: 'm' },
        layers: [{ type: 'heatmap', values: t.levelled, nx: im.pixels, ny: im.pixels, xRange: [0, size], yRange: [0, size], zLabel: 'Height', zUnit: 'm', zDomain: [-3 * t.noise, hi] }],
      };
    });
    out.push(svgArtifact('plots/seccm-spots-topography.svg', 'levelled AFM topography of each spot', figure({ title: 'SEI microspots: topography (levelled on the border)', panels: topoPanels, columns: Math.min(3, topoPanels.length), panelWidth: 230, panelHeight: 230, caption })));
    const cafmPanels: PanelSpec[] = withImg.map(({ r, a }) => {
      const im = r.image as NonNullable<SiteRecord['image']>;
      const size = im.pixels * im.pixelSize;
      const b = a.blocking as CafmBlocking;
      const rel = Float64Array.from(im.cafm, (v) => v / b.pristineCurrent);
      return {
        title: `${r.site.label}: blocking ${fmt(b.blocking, 100, 0)} % (true ${fmt(truths[withImg.find((w) => w.r === r)!.i].blocking, 100, 0)} %)`,
        x: { label: 'x', unit: 'm' },
        y: { label: 'y', unit: 'm' },
        layers: [{ type: 'heatmap', values: rel, nx: im.pixels, ny: im.pixels, xRange: [0, size], yRange: [0, size], zLabel: 'I/I_0', zUnit: '1', zDomain: [0, 1.1] }],
      };
    });
    out.push(svgArtifact('plots/seccm-blocking-maps.svg', 'c-AFM current maps (relative to pristine HC) with the blocking of each spot', figure({ title: `c-AFM at ${run.settings.imaging.cafmBias} V: blocking maps`, panels: cafmPanels, columns: Math.min(3, cafmPanels.length), panelWidth: 230, panelHeight: 230, caption })));
    const profPanels: PanelSpec[] = withImg.map(({ r, a, i }) => {
      const im = r.image as NonNullable<SiteRecord['image']>;
      const t = a.topography as SpotTopography;
      const m = im.pixels;
      const row = Math.floor(m / 2);
      const x = Float64Array.from({ length: m }, (_, k) => (k + 0.5) * im.pixelSize);
      const y = t.levelled.subarray(row * m, (row + 1) * m);
      const tru = cropToImage(r.truth.seiHeight, r.truth).subarray(row * m, (row + 1) * m);
      const layers: Layer[] = [
        { type: 'line', x, y, label: 'measured', width: 1 },
        { type: 'line', x, y: tru, label: 'true SEI', width: 1, dash: 'dotted' },
      ];
      if (Number.isFinite(t.innerLayer)) layers.push({ type: 'hline', at: t.innerLayer, dash: 'dashed', text: `inner ${fmt(t.innerLayer, 1e9)} nm` });
      return { title: `${r.site.label} (site ${i + 1})`, x: { label: 'x', unit: 'm' }, y: { label: 'Height', unit: 'm' }, layers };
    });
    out.push(svgArtifact('plots/seccm-profiles.svg', 'height profile through the centre of each spot, measured and true', figure({ title: 'Line profiles through the spot centres', panels: profPanels, columns: Math.min(3, profPanels.length), panelWidth: 300, panelHeight: 170, caption })));
    // blocking summary: estimate, truth, paper
    const xs = withImg.map((_, k) => k + 1);
    const paperB = withImg.map(({ i }) => {
      const ref = references[i];
      const key = ({ 'fig2-spot1': 'blockingSpot1', 'fig2-spot2': 'blockingSpot2', 'fig2-spot3': 'blockingSpot3', 'fig2-spot4': 'blockingSpot4', 'fig2-spot5': 'blockingSpot5', 'fig2-spot6': 'blockingSpot6', 'diglyme-10mVs-1cycle': 'blockingDiglyme10', 'diglyme-100mVs': 'blockingDiglyme100', 'diglyme-1000mVs': 'blockingDiglyme1000' } as Record<string, keyof typeof SALEH2025_OBSERVABLES>)[ref];
      return key ? obs(key).value : Number.NaN;
    });
    out.push(
      svgArtifact('plots/seccm-blocking.svg', 'blocking per spot: c-AFM analyzer, truth, and 003', figure({
        title: 'Blocking of the HC current by each spot',
        panels: [
          {
            x: { label: 'spot (site order)', unit: '1', domain: [0.5, xs.length + 0.5] },
            y: { label: 'Blocking 1 − I_{spot}/I_{pristine}', unit: '1', domain: [0, 1.1] },
            layers: [
              { type: 'scatter', x: xs, y: withImg.map(({ a }) => a.blocking?.blocking ?? Number.NaN), label: 'c-AFM analyzer', marker: 'circle', size: 8 },
              { type: 'scatter', x: xs, y: withImg.map(({ i }) => truths[i].blocking), label: 'truth', marker: 'cross', size: 9 },
              { type: 'scatter', x: xs, y: paperB, label: '003', marker: 'diamond', size: 8, hollow: true },
              ...withImg.map(({ r }, k) => ({ type: 'text' as const, x: k + 1, y: k % 2 ? 0.12 : 0.04, text: r.site.label, anchor: 'middle' as const })),
            ],
          },
        ],
        panelWidth: 520,
        caption,
      })),
    );
    // spot size and layer height vs cycles, for the sites at the most common rate with different cycle numbers
    const byRate = new Map<number, number[]>();
    withImg.forEach(({ r, i }) => byRate.set(r.site.cv.rate, [...(byRate.get(r.site.cv.rate) ?? []), i]));
    const series = [...byRate.values()].filter((ix) => new Set(ix.map((i) => run.sites[i].site.cv.cycles)).size >= 2).sort((p, q) => q.length - p.length)[0];
    if (series) {
      const ix = [...series].sort((p, q) => run.sites[p].site.cv.cycles - run.sites[q].site.cv.cycles);
      const cyc = ix.map((i) => run.sites[i].site.cv.cycles);
      const paperD = ix.map((i) => ({ 'diglyme-10mVs-1cycle': 3.7e-6, 'diglyme-10cycles': 5.1e-6, 'diglyme-40cycles': 7.2e-6 } as Record<string, number>)[references[i]] ?? Number.NaN);
      const paperH = ix.map((i) => ({ 'diglyme-10mVs-1cycle': 12e-9, 'diglyme-10cycles': 40e-9 } as Record<string, number>)[references[i]] ?? Number.NaN);
      // the spreading law r(t) = r0 + √(D_w t) over the cycles (mean landing radius of the series)
      const r0 = run.sites[ix[0]].truth.footprint;
      const rate = run.sites[ix[0]].site.cv.rate;
      const s0 = run.sites[ix[0]].site;
      const perCycle = (2 * Math.abs(s0.cv.start - Math.min(...s0.cv.vertices))) / rate;
      const cc = Float64Array.from({ length: 60 }, (_, k) => 1 + (k * (Math.max(...cyc) - 1)) / 59);
      const law = Float64Array.from(cc, (c) => 2 * (r0.landingRadius + Math.sqrt(r0.wicking * c * perCycle)));
      out.push(
        svgArtifact('plots/seccm-spot-size.svg', 'spot diameter and layer heights vs number of cycles', figure({
          title: `Spot size and SEI height vs cycles (${fmt(rate, 1e3, 0)} mV/s)`,
          panels: [
            {
              x: { label: 'cycles', unit: '1' },
              y: { label: 'Spot diameter', unit: 'm', domain: [0, 1.25 * Math.max(...law, ...ix.map((i) => truths[i].diameter))] },
              layers: [
                { type: 'line', x: cc, y: law, label: 'r₀ + √(D_w t) (model law)', dash: 'dashed', width: 1 },
                { type: 'scatter', x: cyc, y: ix.map((i) => analyses[i].blocking?.diameter ?? Number.NaN), label: 'c-AFM analyzer', marker: 'circle', size: 8 },
                { type: 'scatter', x: cyc, y: ix.map((i) => truths[i].diameter), label: 'truth', marker: 'cross', size: 9 },
                { type: 'scatter', x: cyc, y: paperD, label: '003', marker: 'diamond', size: 8, hollow: true },
              ],
            },
            {
              x: { label: 'cycles', unit: '1' },
              y: { label: 'Height', unit: 'm' },
              layers: [
                { type: 'line', x: cyc, y: ix.map((i) => analyses[i].topography?.innerLayer ?? Number.NaN), label: 'inner layer', marker: 'circle' },
                { type: 'line', x: cyc, y: ix.map((i) => analyses[i].topography?.depositMean ?? Number.NaN), label: 'deposits', marker: 'square' },
                { type: 'scatter', x: cyc, y: paperH, label: '003 layer', marker: 'diamond', size: 8, hollow: true },
              ],
            },
          ],
          caption,
        })),
      );
    }
  }
  // approach of the first site
  const r0 = run.sites[0];
  const a0 = analyses[0];
  out.push(
    svgArtifact('plots/seccm-approach.svg', 'approach current vs Z at the first site, with the detected landing', figure({
      title: `Approach at ${fmt(run.settings.hopping.approachSpeed, 1e6, 2)} µm/s: landing on the current jump (${r0.site.label})`,
      panels: [
        {
          x: { label: 'Z − Z_{landing}', unit: 'm', domain: [-5e-9, 60e-9] },
          y: { label: 'Current i', unit: 'A' },
          layers: [
            { type: 'line', x: Float64Array.from(r0.approach.z, (z) => z - r0.landingZ), y: r0.approach.current, width: 1 },
            { type: 'vline', at: (Number.isFinite(a0.landing.z) ? a0.landing.z : r0.landingZ) - r0.landingZ, dash: 'dashed', label: 'landing detected (analyzer)', color: '#d62728' },
            { type: 'vline', at: r0.truth.contactZ - r0.landingZ, dash: 'dotted', label: 'true contact', color: '#2ca02c' },
          ],
        },
      ],
      panelWidth: 460,
      caption,
    })),
  );
  // irreversible charge per cycle (multi-cycle sites)
  const multi = analyses.map((a, i) => ({ a, i })).filter(({ a }) => a.charges.cycles.length >= 2);
  if (multi.length) {
    out.push(
      svgArtifact('plots/seccm-passivation.svg', 'irreversible charge per cycle (CV analyzer) of the multi-cycle spots', figure({
        title: 'Passivation: charge not given back, cycle by cycle',
        panels: [
          {
            x: { label: 'cycle', unit: '1' },
            y: { label: 'Q_{irr}', unit: 'C', scale: 'log' },
            layers: multi.map(({ a, i }) => ({ type: 'line' as const, x: a.charges.cycles.map((c) => c.cycle), y: a.charges.cycles.map((c) => Math.max(1e-16, c.irreversible)), label: run.sites[i].site.label, marker: 'circle' as const })),
          },
        ],
        panelWidth: 460,
        caption,
      })),
    );
  }
  void config;
  void scores;
  return out;
}

export const seccmExperiment = defineExperiment({
  id: 'seccm',
  title: 'SECCM SEI microspots on hard carbon: landing, droplet CV, spot images, c-AFM blocking',
  doc: 'Single-barrel pipette with a Na QRCE hops over polished hard carbon (003, Saleh et al. 2025): approach at 0.1 µm/s, landing on the current jump, CV in the droplet (double layer, SEI islands + fill + deposits with passivation, Na insertion without deinsertion, iR, QRCE drift), spreading meniscus (contact angle, hemiwicking), evaporation; AFM and c-AFM of each spot, Fig. S4 force volume; analyzers for landing, charges, spot size, layer heights, deposits and blocking; scores vs truth and vs 003.',
  fields: SECCM_FIELDS,
  check: checkSeccmConfig,
  run: (config, ctx) => runOutput(runSeccmExperiment(config, ctx.rng, ctx.progress)),
});
