/**
 * The figures of the `nrm` run, after `002_bf87beaba622041e.txt` Fig. 3 and Fig. 4, each beside its
 * truth (src/io/plot):
 * - `plots/fig4a-cv.svg`: the first cathodic CV with the voltage windows, and the true current
 *   components (SEI, Na insertion, double layer);
 * - `plots/fig3-curves.svg`: the electrode topography with the measurement locations (Fig. 3b), raw
 *   deflection vs step for the highest and lowest location with the fitted baseline and
 *   hard-contact lines (Fig. 3c), z_p referenced to the estimated contact with the true z_p
 *   (Fig. 3d), and the lateral force against z_p (Fig. 1c);
 * - `plots/fig4b-profiles.svg`: E' and E'' mean ± 95 % CI per window with the true mean profile;
 * - `plots/fig4c-kde.svg`: 2D KDE of |G*| vs z_p per window, estimate above, truth below;
 * - `plots/fig4d-violins.svg`: violins of |G*| per depth bin, estimate beside truth;
 * - `plots/rg-bias.svg`: E' bin means over the local truth per window and bin with the analysis'
 *   r_g (default: the profile r_g(z_p)), with the constant Fig. 2e calibration and with the paper's
 *   1.25, against the recovery tolerance.
 */
import { kde2d } from '../../analysis/kde.js';
import { violinStats } from '../../analysis/violin.js';
import type { Artifact, Score } from '../../io/artifact.js';
import { svgArtifact } from '../../io/artifacts.js';
import { figure, type PanelSpec } from '../../io/plot/index.js';
import type { Layer } from '../../io/plot/layers.js';
import { lineValue } from '../../analysis/linear-fit.js';
import type { NrmOutputs } from './files.js';
import { rgAt, type RgSpec } from '../../analysis/nrm-pipeline.js';
import { PAPER_RG } from './run.js';
import { maskedBinMean } from './scoring.js';

const nm = 1e-9;
const TRUTH = '#000000';
const EST = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

/** Short label of an r_g: the constant, or the profile's values at 2, 10 and 40 nm. */
function rgLabel(rg: RgSpec): string {
  if (typeof rg === 'number') return `r_g = ${rg.toFixed(3)}`;
  return `r_g(z_p) = ${[2, 10, 40].map((z) => `${rgAt(rg, z * nm).toPrecision(3)} @${z} nm`).join(', ')}`;
}

function caption(o: NrmOutputs): string {
  return `seisim hc-nrm · ${o.session.curves} curves × ${o.session.steps} steps · lateral force: ${o.config.lateralForce.fidelity} · ${rgLabel(o.analysis.options.rg)} (${o.config.analysis.rg})`;
}

/** All figures of a run. */
export function nrmPlots(o: NrmOutputs & { readonly scores: readonly Score[] }): Artifact[] {
  return [cvFigure(o), curvesFigure(o), profilesFigure(o), kdeFigure(o), violinFigure(o), rgBiasFigure(o)];
}

/** Fractional step index at which a (non-decreasing) Z ramp reaches z; NaN if never. */
function stepOfZ(Z: ArrayLike<number>, z: number): number {
  for (let k = 1; k < Z.length; k++) {
    if (Z[k] >= z && Z[k] > Z[k - 1]) return k - 1 + (z - Z[k - 1]) / (Z[k] - Z[k - 1]);
  }
  return NaN;
}

function cvFigure(o: NrmOutputs): Artifact {
  const cv = o.cv;
  const spans: Layer[] = o.preset.windows.map((w, k) => ({ type: 'vspan', from: w.potentialLow, to: w.potentialHigh, text: w.id, color: EST[k % EST.length], opacity: 0.12 }));
  const panels: PanelSpec[] = [
    {
      title: 'first cathodic CV, 1 mV/s (measured)',
      x: { label: 'E vs Na/Na^+', unit: 'V', reverse: true },
      y: { label: 'current I', unit: 'A' },
      layers: [...spans, { type: 'line', x: cv.potential, y: cv.current, color: '#222222', label: 'I' }],
      legend: 'none',
    },
    {
      title: 'truth: current components',
      x: { label: 'E vs Na/Na^+', unit: 'V', reverse: true },
      y: { label: 'current', unit: 'A' },
      layers: [
        ...spans,
        { type: 'line', x: cv.potential, y: cv.sei, label: 'SEI formation (Faraday, film of the preset)', color: EST[1] },
        { type: 'line', x: cv.potential, y: cv.insertion, label: 'Na insertion', color: EST[0] },
        { type: 'line', x: cv.potential, y: cv.doubleLayer, label: 'double layer', color: EST[2] },
      ],
      legend: 'bottom-left',
    },
  ];
  return svgArtifact('plots/fig4a-cv.svg', 'Fig. 4a: first cathodic CV with the voltage windows, and the true current components', figure({ panels, caption: caption(o), panelWidth: 380 }));
}

function curvesFigure(o: NrmOutputs): Artifact {
  const { session: s, analysis: a } = o;
  const N = s.steps;
  // the highest and the lowest surface among the analysed curves of the last window
  const last = a.windows[a.windows.length - 1];
  const pool = last.okCurves.length > 0 ? Array.from(last.okCurves) : [0];
  let hiC = pool[0];
  let loC = pool[0];
  for (const c of pool) {
    const h = s.locations[s.curveLocation[c]].surfaceHeight;
    if (h > s.locations[s.curveLocation[hiC]].surfaceHeight) hiC = c;
    if (h < s.locations[s.curveLocation[loC]].surfaceHeight) loC = c;
  }
  const steps = Float64Array.from({ length: N }, (_, k) => k);
  const topo = s.topography;
  const locX = s.locations.map((l) => l.x);
  const locY = s.locations.map((l) => l.y);
  const rawLayers: Layer[] = [];
  const refLayers: Layer[] = [];
  const latLayers: Layer[] = [];
  [hiC, loC].forEach((c, k) => {
    const h = s.locations[s.curveLocation[c]].surfaceHeight;
    const lab = `curve ${c} (surface ${(h / nm).toFixed(0)} nm)`;
    const col = EST[k];
    const D = s.normal.subarray(c * N, (c + 1) * N);
    const Z = s.z.subarray(c * N, (c + 1) * N);
    rawLayers.push({ type: 'line', x: steps, y: D, color: col, label: lab, width: 1.2 });
    const cp = a.curves[c].contact;
    if (cp) {
      const base = Float64Array.from(Z, (z) => lineValue(cp.baseline, z));
      const hard = Float64Array.from(Z, (z) => lineValue(cp.hardContact, z));
      const dMin = Math.min(...D);
      const dMax = Math.max(...D);
      rawLayers.push({ type: 'line', x: steps, y: base, color: col, dash: 'dashed', width: 1 });
      rawLayers.push({ type: 'line', x: steps, y: Float64Array.from(hard, (v) => (v >= dMin - 0.1 * (dMax - dMin) ? v : NaN)), color: col, dash: 'dotted', width: 1 });
      rawLayers.push({ type: 'vline', at: stepOfZ(Z, cp.contactZ), color: col, dash: 'dashed' });
    }
    const kt = stepOfZ(Z, s.contactZ[c]);
    rawLayers.push({ type: 'vline', at: kt, color: TRUTH, dash: 'dotted', label: k === 0 ? 'true contact' : undefined });
    refLayers.push({ type: 'line', x: steps, y: a.curves[c].zp, color: col, label: `${lab}: estimate`, width: 1.2 });
    refLayers.push({ type: 'line', x: steps, y: s.truthZp.subarray(c * N, (c + 1) * N), color: TRUTH, dash: 'dashed', width: 1, label: k === 0 ? 'truth' : undefined });
    latLayers.push({ type: 'line', x: a.curves[c].zp, y: a.curves[c].forceRe, color: col, label: `F' estimate, curve ${c}`, width: 1 });
    latLayers.push({ type: 'line', x: a.curves[c].zp, y: a.curves[c].forceIm, color: col, dash: 'dotted', label: `F'' estimate`, width: 1 });
    latLayers.push({ type: 'line', x: s.truthZp.subarray(c * N, (c + 1) * N), y: s.truthForceRe.subarray(c * N, (c + 1) * N), color: TRUTH, dash: 'dashed', width: 1, label: k === 0 ? "F' truth" : undefined });
  });
  const panels: PanelSpec[] = [
    {
      title: 'electrode height (truth) and locations',
      x: { label: 'x', unit: 'm' },
      y: { label: 'y', unit: 'm' },
      layers: [
        { type: 'heatmap', values: topo.height, nx: topo.nx, ny: topo.ny, xRange: [topo.x0 - topo.dx / 2, topo.x0 + (topo.nx - 0.5) * topo.dx], yRange: [topo.y0 - topo.dx / 2, topo.y0 + (topo.ny - 0.5) * topo.dx], zLabel: 'height', zUnit: 'm' },
        { type: 'scatter', x: locX, y: locY, color: '#ffffff', size: 3, opacity: 0.9 },
      ],
    },
    { title: 'raw deflection (Fig. 3c): baseline ∩ hard-contact line', x: { label: 'step', unit: '1' }, y: { label: 'deflection signal', unit: 'V' }, layers: rawLayers, legend: 'top-left' },
    { title: 'referenced (Fig. 3d): z_p from the solid contact', x: { label: 'step', unit: '1' }, y: { label: 'z_p', unit: 'm' }, layers: refLayers, legend: 'top-right' },
    { title: 'lateral force vs z_p (Fig. 1c)', x: { label: 'z_p', unit: 'm', domain: [-5 * nm, 40 * nm] }, y: { label: 'F_l', unit: 'N' }, layers: latLayers, legend: 'top-right' },
  ];
  return svgArtifact('plots/fig3-curves.svg', 'Fig. 3b–d: topography and locations, raw and referenced curves of the highest and lowest location, lateral force vs z_p, with truth', figure({ panels, columns: 2, caption: caption(o), panelWidth: 380 }));
}

function profilesFigure(o: NrmOutputs): Artifact {
  const a = o.analysis;
  const z = a.depthGrid;
  const G = z.length;
  const panels: PanelSpec[] = [];
  const zmax = 35 * nm;
  const nonLocal = o.config.lateralForce.fidelity !== 'eq4' && o.eq5Limit !== undefined;
  // moduli span decades (and, with a non-local force, diverge near the electrode): log axis, the CI
  // band clipped at a floor of 10 kPa where noise makes its lower edge ≤ 0
  const floor = 1e4;
  const pos = (v: ArrayLike<number>) => Float64Array.from(v as ArrayLike<number>, (x) => (Number.isFinite(x) ? Math.max(floor, x) : NaN));
  const posLine = (v: ArrayLike<number>) => Float64Array.from(v as ArrayLike<number>, (x) => (x > floor ? x : NaN));
  for (const [key, label] of [['storage', "E'"], ['loss', "E''"]] as const) {
    a.windows.forEach((w, k) => {
      const ci = key === 'storage' ? w.storage : w.loss;
      const tr = key === 'storage' ? o.truthProfiles[k].storage : o.truthProfiles[k].loss;
      const layers: Layer[] = [
        { type: 'band', x: z, lower: pos(ci.lower), upper: pos(ci.upper), color: EST[k], opacity: 0.3, label: 'mean ± 95 % CI' },
        { type: 'line', x: z, y: posLine(ci.mean), color: EST[k], label: 'estimate' },
        { type: 'line', x: z, y: posLine(tr), color: TRUTH, dash: 'dashed', label: "truth (local E*)" },
      ];
      if (nonLocal && o.eq5Limit) {
        const g = key === 'storage' ? o.eq5Limit.storage : o.eq5Limit.loss;
        const lim = Float64Array.from({ length: G }, (_, j) => {
          let s2 = 0;
          let n = 0;
          for (const c of w.okCurves) {
            if (!Number.isFinite(g[c * G + j])) continue;
            s2 += g[c * G + j];
            n++;
          }
          return n > 0 ? s2 / n : NaN;
        });
        layers.push({ type: 'line', x: z, y: posLine(lim), color: '#777777', dash: 'dotted', width: 2, label: 'Eq. 5 limit (noise-free)' });
      }
      panels.push({
        title: `${o.preset.windows[k].id} (n = ${w.okCurves.length})`,
        x: { label: 'z_p', unit: 'm', domain: [0, zmax] },
        y: { label, unit: 'Pa', scale: 'log' },
        layers,
        legend: k === 0 ? 'top-right' : 'none',
      });
    });
  }
  return svgArtifact('plots/fig4b-profiles.svg', "Fig. 4b: E' and E'' depth profiles per voltage window, mean ± 95 % CI, with the true mean profile (and, for a non-local lateral force, the Eq. 5 limit)", figure({ panels, columns: a.windows.length, caption: caption(o), panelWidth: 260, panelHeight: 200 }));
}

function kdeFigure(o: NrmOutputs): Artifact {
  const a = o.analysis;
  const G = a.depthGrid.length;
  const panels: PanelSpec[] = [];
  const truthPanels: PanelSpec[] = [];
  const xr: [number, number] = [0, 30 * nm];
  a.windows.forEach((w, k) => {
    const id = o.preset.windows[k].id;
    // truth KDE on the estimate's grid ranges
    const tx: number[] = [];
    const ty: number[] = [];
    for (const c of w.okCurves) {
      for (let j = 0; j < G; j++) {
        const zz = a.depthGrid[j];
        if (zz < xr[0] || zz > xr[1]) continue;
        if (!Number.isFinite(a.shearMagnitude[c * G + j])) continue;
        tx.push(zz);
        ty.push(o.truthShear[c * G + j]);
      }
    }
    const est = w.kde;
    const yTop = est ? est.gridY[est.gridY.length - 1] : Math.max(1e5, ...ty);
    const log = est ? est.yScale === 'log10' : true;
    const heat = (d: { density: Float64Array; tX: Float64Array; tY: Float64Array }, title: string): PanelSpec => {
      const nx = d.tX.length;
      const ny = d.tY.length;
      const dx = (d.tX[nx - 1] - d.tX[0]) / (nx - 1);
      const dy = (d.tY[ny - 1] - d.tY[0]) / (ny - 1);
      return {
        title,
        x: { label: 'z_p', unit: 'm' },
        y: log ? { label: 'log_{10}(|G^*| / Pa)', unit: '1', prefix: 'none' } : { label: '|G^*|', unit: 'Pa' },
        aspect: 'free',
        layers: [{ type: 'heatmap', values: d.density, nx, ny, xRange: [d.tX[0] - dx / 2, d.tX[nx - 1] + dx / 2], yRange: [d.tY[0] - dy / 2, d.tY[ny - 1] + dy / 2], zLabel: log ? 'density per decade' : 'density', zUnit: log ? '1/m' : '1/(m Pa)', smooth: true }],
      };
    };
    if (est) panels.push(heat(est, `${id}: estimate`));
    if (tx.length >= 2) {
      const t = kde2d(tx, ty, { nx: 96, ny: 96, xRange: xr, yRange: log ? [1e4, yTop] : [0, yTop], yScale: log ? 'log10' : 'linear' });
      truthPanels.push(heat(t, `${id}: truth`));
    }
  });
  return svgArtifact('plots/fig4c-kde.svg', 'Fig. 4c: 2D kernel density of |G*| vs z_p per window, estimate (top) and truth (bottom)', figure({ panels: [...panels, ...truthPanels], columns: Math.max(1, panels.length), caption: caption(o), panelWidth: 230, panelHeight: 190 }));
}

function violinFigure(o: NrmOutputs): Artifact {
  const a = o.analysis;
  const G = a.depthGrid.length;
  const bins = a.depthBins;
  const cats = bins.map((b) => `${Math.round(b[0] / nm)}–${Math.round(b[1] / nm)} nm`);
  // one value per curve and bin (its bin mean of |G*|), KDE on log10 (moduli span decades)
  const group = (vals: number[], position: number) => {
    const v = violinStats(vals.length > 1 ? vals : [1, 1], { scale: 'log10' });
    return { position, grid: v.grid, density: v.density, quartiles: [v.q1, v.median, v.q3] as [number, number, number] };
  };
  const panels: PanelSpec[] = a.windows.map((w, k) => {
    const est: ReturnType<typeof group>[] = [];
    const tru: ReturnType<typeof group>[] = [];
    bins.forEach((bin, b) => {
      const ev: number[] = [];
      const tv: number[] = [];
      for (const c of w.okCurves) {
        const row = a.shearMagnitude.subarray(c * G, (c + 1) * G);
        const e = maskedBinMean(row, a.depthGrid, bin);
        const t = maskedBinMean(o.truthShear.subarray(c * G, (c + 1) * G), a.depthGrid, bin, row);
        if (e > 0) ev.push(e);
        if (t > 0) tv.push(t);
      }
      est.push(group(ev, b - 0.2));
      tru.push(group(tv, b + 0.2));
    });
    return {
      title: `${o.preset.windows[k].id}`,
      x: { label: 'depth bin', unit: '1', scale: 'category', categories: cats },
      y: { label: '|G^*|', unit: 'Pa', scale: 'log' },
      layers: [
        { type: 'violin', groups: est.filter((g) => g.grid.length > 1), color: EST[k], label: 'estimate', halfWidth: 0.19, scale: 'width' },
        { type: 'violin', groups: tru.filter((g) => g.grid.length > 1), color: '#777777', label: 'truth', halfWidth: 0.19, scale: 'width' },
      ],
      legend: k === 0 ? 'top-right' : 'none',
    };
  });
  return svgArtifact('plots/fig4d-violins.svg', 'Fig. 4d: violins of |G*| per depth bin and window (one value per curve, KDE in log10), estimate (colour) beside truth (grey)', figure({ panels, columns: a.windows.length, caption: caption(o), panelWidth: 240, panelHeight: 220 }));
}

function rgBiasFigure(o: NrmOutputs & { readonly scores: readonly Score[] }): Artifact {
  const a = o.analysis;
  const ids = o.preset.windows.map((w) => w.id);
  const primary = o.scores.filter((s) => s.quantity === 'storageModulus' && s.errorKind !== 'absolute');
  const cats: string[] = [];
  primary.forEach((s) => {
    const wi = ids.findIndex((id) => s.where.includes(`window ${id},`));
    cats.push(`W${wi + 1} ${s.where.replace(/^.*depth /, '').replace(' nm', '')}`);
  });
  const x = cats.map((_, i) => i);
  // estimate/truth on a log axis: the biases span ×0.4 … ×50
  const ratio = (prefix: string) =>
    primary.map((p) => {
      const v = o.scores.find((s) => s.quantity.startsWith(prefix) && s.where === p.where);
      return v && Number.isFinite(v.estimate / v.truth) && v.estimate > 0 ? v.estimate / v.truth : NaN;
    });
  const main = primary.map((p) => (p.estimate > 0 ? p.estimate / p.truth : NaN));
  const layers: Layer[] = [
    { type: 'hline', at: 1, color: '#888888' },
    { type: 'errorbar', x, yLow: primary.map((p) => Math.max(0.05, 1 - p.tolerance)), yHigh: primary.map((p) => 1 + p.tolerance), color: '#999999', label: 'recovery tolerance (noise, depth, non-locality)' },
    { type: 'scatter', x, y: main, color: EST[0], marker: 'circle', label: `${o.config.analysis.rg}: ${rgLabel(a.options.rg)}` },
  ];
  (o.variants ?? []).forEach((v, k) => {
    layers.push({ type: 'scatter', x, y: ratio(`storageModulus${v.label}`), color: EST[1 + k], marker: k === 0 ? 'diamond' : 'square', label: `r_g = ${v.rg.toFixed(3)}${v.rg === PAPER_RG ? ' (paper)' : ' (constant, Fig. 2e calibration)'}` });
  });
  const panel: PanelSpec = {
    title: `E' bin means / truth: ${o.config.analysis.rg} vs constant r_g; W1…W${ids.length} = ${ids.join(', ')}`,
    x: { label: 'window, depth bin (nm)', unit: '1', scale: 'category', categories: cats },
    y: { label: "E' estimate / local truth", unit: '1', scale: 'log' },
    layers,
    legend: 'bottom-left',
  };
  return svgArtifact('plots/rg-bias.svg', "E' bin means over the local truth with the analysis' r_g (default: the profile r_g(z_p)) and with constant r_g (the Fig. 2e calibration and the paper's 1.25), against the recovery tolerances", figure({ panels: [panel], caption: caption(o), panelWidth: 760, panelHeight: 300 }));
}
