/**
 * The run directory of the `nrm` experiment (DESIGN.md "Run directory"; issue 5 "Outputs"):
 *
 * data/ — as the instrument gives it (hand this to a pipeline blind):
 *   curves.csv            one row per approach curve: location, start/end time and potential, window
 *   z-piezo.npy           Z-piezo position (m), float64 [curve × step], increasing towards the tip
 *   deflection.npy        normal deflection signal (V) [curve × step]
 *   lateral-x.npy, lateral-y.npy   lock-in outputs X, Y (V, ±10 V full scale) [curve × step]
 *   time.npy, potential.npy        time stamp (s) and electrode potential (V vs Na/Na⁺) [curve × step]
 *   cv.csv                the first cathodic CV (time, potential, current)
 *   instrument.json       the calibration a user has (k_c, k_t, l_t, lateral InvOLS, dither, lock-in)
 * truth/ — what really was there:
 *   topography.gsf, curves.csv (surface height, true contact Z, film thickness, population),
 *   heights.csv + storage-/loss-modulus.npy, poisson-ratio.npy, shear-modulus-magnitude.npy
 *   [curve × height], tip-surface-distance.npy, deflection.npy, lateral-force-re/-im.npy
 *   [curve × step], profiles.csv (true window means), films.json, cv-components.csv,
 *   instrument.json (true constants)
 * results/ — seisim's own pipeline: contact-points.csv, depth-grid.csv, per-curve modulus grids,
 *   profiles.csv (mean ± 95 % CI), rg.csv (r_g(z_p) used), kde.npy + kde-axes.csv, violins.csv, estimates.csv (the
 *   `seisim score` format, see {@link NRM_ESTIMATE_COLUMNS}).
 */
import { describeRg, rgOnGrid, type NrmAnalysis, type NrmInstrumentRecord } from '../../analysis/nrm-pipeline.js';
import type { Artifact } from '../../io/artifact.js';
import { csvArtifact, gsfArtifact, jsonArtifact, npyArtifact } from '../../io/artifacts.js';
import type { NrmSeiPreset } from '../../models/nrm/nagarathinam2026.js';
import type { NrmCv } from './cv.js';
import type { NrmInstrument } from './instrument.js';
import type { NrmConfig, RgChoice } from './run.js';
import type { NrmSession } from './session.js';

/** Everything the writers and the plots need. */
export interface NrmOutputs {
  readonly config: NrmConfig;
  readonly preset: NrmSeiPreset;
  readonly session: NrmSession;
  readonly analysis: NrmAnalysis;
  readonly cv: NrmCv;
  readonly truthShear: Float64Array;
  readonly truthProfiles: readonly { readonly storage: Float64Array; readonly loss: Float64Array; readonly shearMagnitude: Float64Array }[];
  readonly rg: RgChoice;
  readonly instrument: NrmInstrument;
  /** The Eq. 5 limit with the analysis' r_g per curve (curves × grid), Pa (see scoreNrm). */
  readonly eq5Limit?: { readonly storage: Float64Array; readonly loss: Float64Array };
  /** The Eq. 5 limit with the profile r_g(z_p) (curves × grid), Pa: written to truth/ for `seisim score`. */
  readonly eq5LimitProfile?: { readonly storage: Float64Array; readonly loss: Float64Array };
  /** The profile calibration r_g(z_p) and the constant (Fig. 2e) calibration of this set-up. */
  readonly profileRg?: RgChoice;
  readonly constantRg?: RgChoice;
  /** The same data analysed with other r_g (bias scores). */
  readonly variants?: readonly { readonly label: string; readonly analysis: NrmAnalysis; readonly rg: number }[];
}

/** An r_g choice as plain JSON (profiles as arrays). */
export function rgChoiceJson(r: RgChoice): Record<string, unknown> {
  return { source: r.source, reference: r.reference ?? null, rg: typeof r.rg === 'number' ? r.rg : { gap_m: Array.from(r.rg.gap), rg: Array.from(r.rg.rg) } };
}

/**
 * Columns of the estimate CSV that `seisim score <run-dir> --estimate results.csv` reads (one row
 * per estimate; SI units): `quantity` (storageModulus | lossModulus | shearModulusMagnitude |
 * contactZ), `window_low (V)`, `window_high (V)`, `depth_from (m)`, `depth_to (m)` (moduli: mean
 * over this depth range of the window's curves; NaN for contactZ), `curve (1)` (contactZ: the
 * curve index of data/curves.csv; −1 for moduli), `estimate (SI)` (Pa or m), `standard_error (SI)`
 * (optional, NaN if unknown).
 */
export const NRM_ESTIMATE_COLUMNS = ['quantity', 'window_low', 'window_high', 'depth_from', 'depth_to', 'curve', 'estimate', 'standard_error'] as const;

function window2d(s: NrmSession, a: Float64Array, cols: number, shape: readonly number[]): { data: Float64Array; shape: readonly number[] } {
  if (a.length !== s.curves * cols) throw new Error(`internal: array of ${a.length} is not ${s.curves} × ${cols}`);
  return { data: a, shape };
}

/** All data/, truth/ and results/ artifacts of a run. */
export function nrmArtifacts(o: NrmOutputs & { readonly record: NrmInstrumentRecord }): Artifact[] {
  const { session: s, analysis: a, preset, config: c } = o;
  const C = s.curves;
  const N = s.steps;
  const G = a.depthGrid.length;
  const out: Artifact[] = [];
  const wl = (w: number) => preset.windows[w].id;
  const cs = (c2: number, k: number) => c2 * N + k;
  // ---------------- data ----------------
  out.push(
    csvArtifact('data/curves.csv', 'one row per approach curve: location, timing, potential (curve i is row i of the NPY arrays)', [
      { name: 'curve', unit: '1', values: Float64Array.from({ length: C }, (_, i) => i) },
      { name: 'spot', unit: '1', values: Float64Array.from({ length: C }, (_, i) => s.locations[s.curveLocation[i]].spot) },
      { name: 'x', unit: 'm', values: Float64Array.from({ length: C }, (_, i) => s.locations[s.curveLocation[i]].x) },
      { name: 'y', unit: 'm', values: Float64Array.from({ length: C }, (_, i) => s.locations[s.curveLocation[i]].y) },
      { name: 'start_time', unit: 's', values: Float64Array.from({ length: C }, (_, i) => s.time[cs(i, 0)]) },
      { name: 'end_time', unit: 's', values: Float64Array.from({ length: C }, (_, i) => s.time[cs(i, N - 1)]) },
      { name: 'potential_start', unit: 'V', values: Float64Array.from({ length: C }, (_, i) => s.potential[cs(i, 0)]) },
      { name: 'potential_end', unit: 'V', values: Float64Array.from({ length: C }, (_, i) => s.potential[cs(i, N - 1)]) },
      { name: 'window', unit: '', text: Array.from({ length: C }, (_, i) => wl(s.curveWindow[i])) },
    ], { comments: ['potentials vs Na/Na+; windows as in 002 Fig. 4a'] }),
    npyArtifact('data/z-piezo.npy', 'Z-piezo (sample) position, increasing towards the tip', 'm; axes: (curve, step)', window2d(s, s.z, N, [C, N])),
    npyArtifact('data/deflection.npy', 'normal deflection signal of the photodiode', 'V; axes: (curve, step)', window2d(s, s.normal, N, [C, N])),
    npyArtifact('data/lateral-x.npy', 'lock-in in-phase output X (10 V = sensitivity, RMS)', 'V; axes: (curve, step)', window2d(s, s.x, N, [C, N])),
    npyArtifact('data/lateral-y.npy', 'lock-in quadrature output Y (10 V = sensitivity, RMS)', 'V; axes: (curve, step)', window2d(s, s.y, N, [C, N])),
    npyArtifact('data/time.npy', 'time stamp of each sample (end of the dwell), from the start of the sweep', 's; axes: (curve, step)', window2d(s, s.time, N, [C, N])),
    npyArtifact('data/potential.npy', 'electrode potential vs Na/Na+ at each sample', 'V; axes: (curve, step)', window2d(s, s.potential, N, [C, N])),
    csvArtifact('data/cv.csv', 'first cathodic cyclic voltammogram (002 Fig. 4a)', [
      { name: 'time', unit: 's', values: o.cv.time },
      { name: 'potential', unit: 'V', values: o.cv.potential },
      { name: 'current', unit: 'A', values: o.cv.current },
    ], { comments: ['IUPAC convention: cathodic current < 0; potential vs Na/Na+'] }),
    jsonArtifact('data/instrument.json', 'instrument calibration and acquisition settings, as a user records them', 'SI', {
      calibration: o.record,
      acquisition: {
        stepsPerCurve: N,
        stepDwell_s: c.approach.stepDwell,
        rampSize_m: c.approach.rampSize,
        lockInTimeConstant_s: c.lockIn.timeConstant,
        lockInSlope_dBPerOctave: Number(c.lockIn.slope),
        scanRate_VPerS: c.sweep.scanRate,
        referenceElectrode: 'Na/Na+',
        electrolyte: '1.0 M NaPF6 in EC:DEC (1:1 v/v)',
        windows: preset.windows.map((w) => ({ id: w.id, low_V: w.potentialLow, high_V: w.potentialHigh })),
      },
      notes: 'X + iY are RMS volts at the lock-in output; input phasor V* = sqrt(2)(X + iY)(sensitivity/10 V)e^{i·referencePhase}; lateral force F = V*·lateralInvOLS·torsionalSpringConstant/tipLength^2 (002 Eq. 1).',
    }),
  );
  // ---------------- truth ----------------
  const topo = s.topography;
  out.push(
    gsfArtifact('truth/topography.gsf', 'height of the hard-carbon electrode (hard surface) over the mapped area', {
      data: topo.height, xRes: topo.nx, yRes: topo.ny, xReal: topo.nx * topo.dx, yReal: topo.ny * topo.dx, xOffset: topo.x0, yOffset: topo.y0, zUnits: 'm', title: 'Electrode height (truth)',
    }),
    csvArtifact('truth/curves.csv', 'per curve: true surface height, contact point, engage point, SEI thickness and population', [
      { name: 'curve', unit: '1', values: Float64Array.from({ length: C }, (_, i) => i) },
      { name: 'surface_height', unit: 'm', values: Float64Array.from({ length: C }, (_, i) => s.locations[s.curveLocation[i]].surfaceHeight) },
      { name: 'contact_z', unit: 'm', values: s.contactZ },
      { name: 'engage_z', unit: 'm', values: s.engageZ },
      { name: 'film_thickness', unit: 'm', values: s.filmThickness },
      { name: 'lockin_overload', unit: '1', values: Float64Array.from(s.overload) },
      { name: 'population', unit: '', text: Array.from({ length: C }, (_, i) => preset.windows[s.curveWindow[i]].populations[s.population[i]].name) },
    ], { comments: ['contact_z: Z-piezo position where the undeflected tip meets the hard surface during the ramp (drift included)'] }),
    csvArtifact('truth/heights.csv', 'heights above the hard surface of the truth modulus grids (= results depth grid)', [{ name: 'height', unit: 'm', values: a.depthGrid }]),
    npyArtifact('truth/storage-modulus.npy', "true storage modulus E'(z) at the dither frequency (0 above the film)", 'Pa; axes: (curve, height)', window2d(s, s.truthStorage, G, [C, G])),
    npyArtifact('truth/loss-modulus.npy', "true loss modulus E''(z)", 'Pa; axes: (curve, height)', window2d(s, s.truthLoss, G, [C, G])),
    npyArtifact('truth/poisson-ratio.npy', 'true Poisson ratio ν(z) (0.5 above the film)', '1; axes: (curve, height)', window2d(s, s.truthPoisson, G, [C, G])),
    npyArtifact('truth/shear-modulus-magnitude.npy', 'true |G*| = |E*|/(2(1+ν))', 'Pa; axes: (curve, height)', window2d(s, o.truthShear, G, [C, G])),
    npyArtifact('truth/tip-surface-distance.npy', 'true tip–surface distance z_p (negative: indentation of the hard surface)', 'm; axes: (curve, step)', window2d(s, s.truthZp, N, [C, N])),
    npyArtifact('truth/deflection.npy', 'true cantilever deflection', 'm; axes: (curve, step)', window2d(s, s.truthDeflection, N, [C, N])),
    npyArtifact('truth/lateral-force-re.npy', "true in-phase lateral force on the tip F_l'", 'N; axes: (curve, step)', window2d(s, s.truthForceRe, N, [C, N])),
    npyArtifact('truth/lateral-force-im.npy', "true quadrature lateral force on the tip F_l''", 'N; axes: (curve, step)', window2d(s, s.truthForceIm, N, [C, N])),
  );
  if (o.eq5LimitProfile) {
    // what Eq. 5 with the profile r_g(z_p) gives on the true, noise-free force: its distance from the
    // local truth is the non-locality N that `seisim score` adds to a user's tolerance, as here
    out.push(
      npyArtifact('truth/eq5-limit-storage-modulus.npy', "Eq. 5 limit of E': Eq. 5 with r_g(z_p) on the true, noise-free lateral force (what the method can deliver at best)", 'Pa; axes: (curve, height)', window2d(s, o.eq5LimitProfile.storage, G, [C, G])),
      npyArtifact('truth/eq5-limit-loss-modulus.npy', "Eq. 5 limit of E''", 'Pa; axes: (curve, height)', window2d(s, o.eq5LimitProfile.loss, G, [C, G])),
    );
  }
  const profRows: { w: string; z: number; e1: number; e2: number; g: number }[] = [];
  o.truthProfiles.forEach((p, w) => {
    for (let j = 0; j < G; j++) profRows.push({ w: wl(w), z: a.depthGrid[j], e1: p.storage[j], e2: p.loss[j], g: p.shearMagnitude[j] });
  });
  out.push(
    csvArtifact('truth/profiles.csv', 'true mean profiles per voltage window (over the curves the pipeline analysed)', [
      { name: 'window', unit: '', text: profRows.map((r) => r.w) },
      { name: 'height', unit: 'm', values: profRows.map((r) => r.z) },
      { name: 'storage_modulus', unit: 'Pa', values: profRows.map((r) => r.e1) },
      { name: 'loss_modulus', unit: 'Pa', values: profRows.map((r) => r.e2) },
      { name: 'shear_modulus_magnitude', unit: 'Pa', values: profRows.map((r) => r.g) },
    ]),
    csvArtifact('truth/cv-components.csv', 'CV current components and the mean SEI thickness behind the SEI current', [
      { name: 'time', unit: 's', values: o.cv.time },
      { name: 'potential', unit: 'V', values: o.cv.potential },
      { name: 'double_layer_current', unit: 'A', values: o.cv.doubleLayer },
      { name: 'sei_current', unit: 'A', values: o.cv.sei },
      { name: 'insertion_current', unit: 'A', values: o.cv.insertion },
      { name: 'mean_sei_thickness', unit: 'm', values: o.cv.seiThickness },
    ]),
    jsonArtifact('truth/instrument.json', 'true instrument constants', 'SI', {
      springConstant: o.instrument.springConstant,
      torsionalSpringConstant: o.instrument.torsionalSpringConstant,
      tipLength: o.instrument.tipLength,
      lateralStiffness: o.instrument.lateralStiffness,
      torsionalLateralStiffness: o.instrument.torsionalLateralStiffness,
      invOLSNormal: o.instrument.invOLSNormal,
      invOLSLateral: o.instrument.invOLSLateral,
      ditherPhasor: { re: o.instrument.ditherRe, im: o.instrument.ditherIm },
      normalNoise_V: o.instrument.normalNoise,
      lateralNoisePsd_V2PerHz: o.instrument.lateralNoisePsd,
      flexuralLiquid: o.instrument.flexuralLiquid,
      torsionalLiquid: o.instrument.torsionalLiquid,
      lateralFidelity: c.lateralForce.fidelity,
      eq4Rg: c.lateralForce.fidelity === 'eq4' ? c.lateralForce.eq4Rg : null,
      rgUsedByAnalysis: rgChoiceJson(o.rg),
    }),
    jsonArtifact('truth/films.json', 'the layered SEI film at every curve (layers from the electrode up)', 'SI', {
      preset: preset.name,
      source: preset.source,
      windows: preset.windows.map((w) => ({ id: w.id, quote: w.quote, populations: w.populations.map((p) => p.name) })),
      curves: s.films.map((f, i) => ({
        curve: i,
        window: wl(s.curveWindow[i]),
        population: preset.windows[s.curveWindow[i]].populations[s.population[i]].name,
        layers: f.layers.map((l) => ({ name: l.name ?? '', thickness_m: l.thickness, poissonRatio: l.poissonRatio, modulus: l.modulus })),
        interfaces: f.interfaces ?? [],
      })),
    }),
  );
  // ---------------- results ----------------
  const okF = (i: number) => (a.curves[i].ok ? 1 : 0);
  out.push(
    csvArtifact('results/contact-points.csv', 'solid–solid contact per curve (baseline ∩ hard-contact line, 002 Fig. 3c)', [
      { name: 'curve', unit: '1', values: Float64Array.from({ length: C }, (_, i) => i) },
      { name: 'ok', unit: '1', values: Float64Array.from({ length: C }, (_, i) => okF(i)) },
      { name: 'contact_z', unit: 'm', values: Float64Array.from({ length: C }, (_, i) => a.curves[i].contactZ) },
      { name: 'contact_z_std', unit: 'm', values: Float64Array.from({ length: C }, (_, i) => a.curves[i].contact?.contactZStd ?? NaN) },
      { name: 'inv_ols', unit: 'm/V', values: Float64Array.from({ length: C }, (_, i) => a.curves[i].contact?.invOLS ?? NaN) },
      { name: 'points_used', unit: '1', values: Float64Array.from({ length: C }, (_, i) => a.curves[i].used) },
      { name: 'potential', unit: 'V', values: Float64Array.from({ length: C }, (_, i) => a.curves[i].potential) },
      { name: 'error', unit: '', text: Array.from({ length: C }, (_, i) => a.curves[i].error ?? '') },
    ]),
    csvArtifact('results/depth-grid.csv', 'the common z_p grid of the per-curve modulus grids', [{ name: 'z_p', unit: 'm', values: a.depthGrid }]),
    csvArtifact('results/rg.csv', 'r_g of Eq. 5 used by the analysis on the depth grid (002 §4; a constant, or the profile r_g(z_p) calibrated on a homogeneous reference)', [
      { name: 'z_p', unit: 'm', values: a.depthGrid },
      { name: 'r_g', unit: '1', values: rgOnGrid(a.options.rg, a.depthGrid) },
    ], { comments: [o.rg.source] }),
    npyArtifact('results/storage-modulus.npy', "E'(z_p) per curve (Eq. 5)", 'Pa; axes: (curve, z_p)', window2d(s, a.storage, G, [C, G])),
    npyArtifact('results/loss-modulus.npy', "E''(z_p) per curve (Eq. 5)", 'Pa; axes: (curve, z_p)', window2d(s, a.loss, G, [C, G])),
    npyArtifact('results/shear-modulus-magnitude.npy', '|G*|(z_p) per curve (Eq. 6)', 'Pa; axes: (curve, z_p)', window2d(s, a.shearMagnitude, G, [C, G])),
  );
  const pr: { w: string; j: number; k: number }[] = [];
  a.windows.forEach((w, k) => {
    for (let j = 0; j < G; j++) pr.push({ w: wl(k), j, k });
  });
  const col = (name: string, unit: string, get: (k: number, j: number) => number) => ({ name, unit, values: pr.map((r) => get(r.k, r.j)) });
  out.push(
    csvArtifact('results/profiles.csv', 'mean ± 95 % CI profiles per voltage window (002 Fig. 4b), Student t over the curves', [
      { name: 'window', unit: '', text: pr.map((r) => r.w) },
      col('z_p', 'm', (_k, j) => a.depthGrid[j]),
      col('n', '1', (k, j) => a.windows[k].storage.n[j]),
      col('storage_mean', 'Pa', (k, j) => a.windows[k].storage.mean[j]),
      col('storage_lower', 'Pa', (k, j) => a.windows[k].storage.lower[j]),
      col('storage_upper', 'Pa', (k, j) => a.windows[k].storage.upper[j]),
      col('loss_mean', 'Pa', (k, j) => a.windows[k].loss.mean[j]),
      col('loss_lower', 'Pa', (k, j) => a.windows[k].loss.lower[j]),
      col('loss_upper', 'Pa', (k, j) => a.windows[k].loss.upper[j]),
      col('shear_magnitude_mean', 'Pa', (k, j) => a.windows[k].shearMagnitude.mean[j]),
      col('shear_magnitude_lower', 'Pa', (k, j) => a.windows[k].shearMagnitude.lower[j]),
      col('shear_magnitude_upper', 'Pa', (k, j) => a.windows[k].shearMagnitude.upper[j]),
      col('viscosity_mean', 'Pa s', (k, j) => a.windows[k].viscosity.mean[j]),
      col('viscosity_lower', 'Pa s', (k, j) => a.windows[k].viscosity.lower[j]),
      col('viscosity_upper', 'Pa s', (k, j) => a.windows[k].viscosity.upper[j]),
    ], { comments: [`${describeRg(a.options.rg)} (${o.rg.source}); nu = ${a.options.poissonRatio}; derivative half-width ${a.options.derivativeHalfWidth} m`] }),
  );
  // KDE maps
  const kdes = a.windows.map((w) => w.kde);
  const nx = kdes.find((k) => k !== null)?.gridX.length ?? 0;
  const ny = kdes.find((k) => k !== null)?.gridY.length ?? 0;
  if (nx > 0) {
    const dens = new Float64Array(a.windows.length * ny * nx).fill(NaN);
    const axRows: { w: string; axis: string; i: number; v: number }[] = [];
    kdes.forEach((k, wi) => {
      if (k === null) return;
      dens.set(k.density, wi * nx * ny);
      k.gridX.forEach((v, i) => axRows.push({ w: wl(wi), axis: 'z_p (m)', i, v }));
      k.gridY.forEach((v, i) => axRows.push({ w: wl(wi), axis: '|G*| (Pa)', i, v }));
    });
    out.push(
      npyArtifact('results/kde.npy', '2D KDE of |G*| vs z_p per window (002 Fig. 4c), density per (m·Pa)', '1/(m Pa); axes: (window, |G*| index, z_p index)', { data: dens, shape: [a.windows.length, ny, nx] }),
      csvArtifact('results/kde-axes.csv', 'grid coordinates of results/kde.npy per window', [
        { name: 'window', unit: '', text: axRows.map((r) => r.w) },
        { name: 'axis', unit: '', text: axRows.map((r) => r.axis) },
        { name: 'index', unit: '1', values: axRows.map((r) => r.i) },
        { name: 'value', unit: 'SI', values: axRows.map((r) => r.v) },
      ]),
    );
  }
  const vr: { w: string; b: number; k: number }[] = [];
  a.windows.forEach((w, k) => w.violins.forEach((_v, b) => vr.push({ w: wl(k), b, k })));
  const vv = (k: number, b: number) => a.windows[k].violins[b];
  out.push(
    csvArtifact('results/violins.csv', 'violin statistics of |G*| per window and depth bin (002 Fig. 4d), one value per curve (its bin mean)', [
      { name: 'window', unit: '', text: vr.map((r) => r.w) },
      { name: 'depth_from', unit: 'm', values: vr.map((r) => a.depthBins[r.b][0]) },
      { name: 'depth_to', unit: 'm', values: vr.map((r) => a.depthBins[r.b][1]) },
      { name: 'n', unit: '1', values: vr.map((r) => vv(r.k, r.b).n) },
      { name: 'min', unit: 'Pa', values: vr.map((r) => vv(r.k, r.b).min) },
      { name: 'q1', unit: 'Pa', values: vr.map((r) => vv(r.k, r.b).q1) },
      { name: 'median', unit: 'Pa', values: vr.map((r) => vv(r.k, r.b).median) },
      { name: 'q3', unit: 'Pa', values: vr.map((r) => vv(r.k, r.b).q3) },
      { name: 'max', unit: 'Pa', values: vr.map((r) => vv(r.k, r.b).max) },
      { name: 'mean', unit: 'Pa', values: vr.map((r) => vv(r.k, r.b).mean) },
      { name: 'std', unit: 'Pa', values: vr.map((r) => vv(r.k, r.b).std) },
      { name: 'modes', unit: '1', values: vr.map((r) => vv(r.k, r.b).nModes) },
      { name: 'mode_positions', unit: '', text: vr.map((r) => Array.from(vv(r.k, r.b).modes).map((m) => m.toExponential(3)).join(' ')) },
    ]),
    nrmEstimatesArtifact(o),
  );
  return out;
}

/** results/estimates.csv: the pipeline's per-window, per-bin moduli and per-curve contact points in the score format. */
export function nrmEstimatesArtifact(o: NrmOutputs): Artifact {
  const { analysis: a } = o;
  const rows: { q: string; wl: number; wh: number; d0: number; d1: number; c: number; e: number; se: number }[] = [];
  for (const w of a.windows) {
    const [lo, hi] = [Math.min(...w.window), Math.max(...w.window)];
    const add = (q: string, list: typeof w.bins.storage) => list.forEach((b) => rows.push({ q, wl: lo, wh: hi, d0: b.bin[0], d1: b.bin[1], c: -1, e: b.mean, se: b.standardError }));
    add('storageModulus', w.bins.storage);
    add('lossModulus', w.bins.loss);
    add('shearModulusMagnitude', w.bins.shearMagnitude);
    for (const c of w.curves) rows.push({ q: 'contactZ', wl: lo, wh: hi, d0: NaN, d1: NaN, c, e: a.curves[c].contactZ, se: a.curves[c].contact?.contactZStd ?? NaN });
  }
  return csvArtifact('results/estimates.csv', "seisim's own estimates in the `seisim score` CSV format (see notes/nrm-readme)", [
    { name: 'quantity', unit: '', text: rows.map((r) => r.q) },
    { name: 'window_low', unit: 'V', values: rows.map((r) => r.wl) },
    { name: 'window_high', unit: 'V', values: rows.map((r) => r.wh) },
    { name: 'depth_from', unit: 'm', values: rows.map((r) => r.d0) },
    { name: 'depth_to', unit: 'm', values: rows.map((r) => r.d1) },
    { name: 'curve', unit: '1', values: rows.map((r) => r.c) },
    { name: 'estimate', unit: 'SI', values: rows.map((r) => r.e) },
    { name: 'standard_error', unit: 'SI', values: rows.map((r) => r.se) },
  ], { comments: ['quantity: storageModulus | lossModulus | shearModulusMagnitude (Pa, mean over depth_from..depth_to of the window) | contactZ (m, per curve)'] });
}
