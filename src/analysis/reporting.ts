/**
 * The methods block that `004_267c2b1eb0f141f1.txt` (§7, Summary and Outlook, first recommendation)
 * asks every quantitative force-curve study to report: "The software used, tip-sample interaction
 * model (e.g., Hertz, Sneddon, DMT, etc.) and calibration methods for the tip radius, spring constant,
 * and deflection sensitivity should be reported in order to maximize reproducibility. If automatic
 * fitting software such as AtomicJ was used, this should also be reported along with the relevant
 * processing parameters. Additionally, sample force curves or all force curves overlaid upon each
 * other should be shown with the data."
 */
import type { ContactModel } from '../models/contact/force-curve.js';

/** How a calibrated quantity was obtained. */
export type CalibrationMethod =
  | 'thermal-noise'
  | 'sader'
  | 'nominal'
  | 'hard-surface-contact'
  | 'tip-check-sample'
  | 'electron-microscopy'
  | 'reference-sample'
  | 'assumed';

/** One calibrated quantity: value, unit, method and a free-text detail. */
export interface CalibratedQuantity {
  readonly value: number;
  readonly unit: string;
  readonly method: CalibrationMethod;
  /** e.g. `'β = 0.8174 (Butt & Jaschke 1995), T = 298.15 K, SHO fit 125–174 kHz'`. */
  readonly detail?: string;
  /** Relative standard uncertainty, if known. */
  readonly relativeUncertainty?: number;
}

/** The reporting block (004 §7). */
export interface MethodsReport {
  readonly software: string;
  readonly contactModel: ContactModel | 'none';
  readonly contactModelDetail: string;
  readonly springConstant: CalibratedQuantity;
  readonly deflectionSensitivity: CalibratedQuantity;
  /** Tip radius (omit when no contact model uses it, e.g. a thermal calibration). */
  readonly tipRadius?: CalibratedQuantity;
  /** Processing parameters (fit window, baseline fraction, Poisson ratios, …). */
  readonly processing: Readonly<Record<string, string | number | boolean>>;
  /** Files that show example or all force curves with their fits. */
  readonly curvesShown: readonly string[];
}

/** Text of the human-readable contact model descriptions. */
export function contactModelDescription(model: ContactModel | 'none'): string {
  switch (model) {
    case 'hertz':
      return 'Hertz, paraboloidal tip: F = (4/3) E* √R δ^{3/2} (approach branch)';
    case 'dmt':
      return 'DMT on the retract branch: F + F_adh = (4/3) E* √R δ^{3/2}, F_adh = −min F (Derjaguin, Muller & Toporov 1975)';
    case 'jkr':
      return 'JKR (retract branch, parametric in the contact radius; Johnson, Kendall & Roberts 1971)';
    case 'sneddon-cone':
      return 'Sneddon, conical tip: F = (2/π) E* tan θ δ² (approach branch)';
    case 'pyramid':
      return 'Bilodeau four-sided pyramid: F = 0.7453 E* tan α δ² (approach branch)';
    case 'flat-punch':
      return 'Flat punch: F = 2 E* a δ (approach branch)';
    case 'none':
      return 'no contact model (calibration only)';
    default: {
      const never: never = model;
      throw new Error(`unknown contact model ${String(never)}`);
    }
  }
}

function quantityLine(name: string, q: CalibratedQuantity): string {
  const u = q.relativeUncertainty !== undefined && Number.isFinite(q.relativeUncertainty) ? ` ± ${(100 * q.relativeUncertainty).toFixed(1)} %` : '';
  return `- ${name}: ${q.value.toPrecision(4)} ${q.unit}${u} — ${q.method}${q.detail ? ` (${q.detail})` : ''}`;
}

/**
 * Render the methods block as Markdown text (for results/ and the manifest summary).
 *
 * @example methodsReportMarkdown(report) // "## Force-curve methods (reporting per 004 §7)\n- Software: seisim 0.1.0 …"
 */
export function methodsReportMarkdown(r: MethodsReport): string {
  const lines = [
    '## Force-curve methods (reporting as recommended by 004_267c2b1eb0f141f1.txt §7)',
    `- Software: ${r.software}`,
    `- Tip–sample interaction model: ${r.contactModelDetail}`,
    quantityLine('Spring constant k', r.springConstant),
    quantityLine('Deflection sensitivity (InvOLS)', r.deflectionSensitivity),
    r.tipRadius ? quantityLine('Tip radius R', r.tipRadius) : '- Tip radius R: not used',
    `- Processing parameters: ${Object.entries(r.processing)
      .map(([k, v]) => `${k} = ${String(v)}`)
      .join('; ')}`,
    `- Force curves shown: ${r.curvesShown.length > 0 ? r.curvesShown.join(', ') : 'none'}`,
  ];
  return lines.join('\n') + '\n';
}

/** Build a methods report, checking that every calibrated value is finite and positive. */
export function methodsReport(r: MethodsReport): MethodsReport {
  for (const [name, q] of [
    ['springConstant', r.springConstant],
    ['deflectionSensitivity', r.deflectionSensitivity],
    ['tipRadius', r.tipRadius],
  ] as const) {
    if (q === undefined) continue;
    if (!Number.isFinite(q.value) || q.value <= 0) throw new RangeError(`methods report: ${name} = ${q.value} ${q.unit} must be finite and > 0`);
  }
  return { ...r, contactModelDetail: r.contactModelDetail || contactModelDescription(r.contactModel) };
}
