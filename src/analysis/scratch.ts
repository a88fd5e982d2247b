/**
 * Scrape-off force from a c-AFM scratch: rows scratched at increasing force, current where the tip
 * reaches the electrode (paper 000: "The moment of reaching carbon through the SEI was detected by
 * onset of electric current at 0.5 V electric bias"; "Numbers with arrows indicate force at which and
 * place where the SEI was scraped off, which corresponds to the current onset").
 *
 * Per force step, the conducting fraction of the pixels (current above a threshold set from the
 * noise of the non-conducting first rows and the conducting level). The scrape-off force is the
 * median threshold F₅₀: with local thresholds log-normal (interface pinning), Φ⁻¹(f) is linear in
 * ln F, so a probit least-squares line through all steps with 2 % < f < 98 % gives F₅₀ = e^{−a/b}
 * (Finney, *Probit Analysis*, 1971) — using every step, not just the two around ½; with fewer than
 * two such steps (a straight, peeled edge) F₅₀ is interpolated between the steps around ½; the edge width F(0.9) − F(0.1)
 * tells a smooth (peeled) from a rough (pinned) scratch edge (000: "smooth edge on the current maps,
 * while on the MCMB graphite the edge was rough").
 */
import { median } from './roughness.js';
import { normalQuantile } from './stats.js';

/** Result of the scratch analysis. */
export interface ScrapeOffResult {
  /** Median scrape-off threshold F₅₀: probit fit, or interpolation for a straight edge (N). */
  readonly force: number;
  /** First force step with any conducting pixel (N). */
  readonly firstConduction: number;
  /** F(0.9) − F(0.1) (N). */
  readonly edgeWidth: number;
  /** Force steps (N) and conducting fractions. */
  readonly steps: readonly { readonly force: number; readonly fraction: number }[];
  readonly currentThreshold: number;
}

function crossing(steps: readonly { force: number; fraction: number }[], level: number): number {
  let prevF = Number.NaN;
  let prevC = 0;
  let run = 0;
  for (const s of steps) {
    run = Math.max(run, s.fraction);
    if (run >= level) {
      if (!Number.isFinite(prevF)) return s.force;
      return prevF + ((level - prevC) / (run - prevC)) * (s.force - prevF);
    }
    prevF = s.force;
    prevC = run;
  }
  return Number.NaN;
}

/**
 * Analyse a current map (w × h, A) whose row r was scratched at force `rowForce[r]` (N).
 * The conducting fraction is made monotone (running maximum) before the crossings are read.
 */
export function scrapeOffForce(current: ArrayLike<number>, w: number, h: number, rowForce: ArrayLike<number>, options: { threshold?: number } = {}): ScrapeOffResult {
  if (current.length !== w * h || rowForce.length !== h) throw new RangeError(`scrapeOffForce: map ${current.length} ≠ ${w}×${h} or ${rowForce.length} row forces ≠ ${h}`);
  let thr = options.threshold;
  if (thr === undefined) {
    const first: number[] = [];
    for (let i = 0; i < Math.max(1, Math.floor(h / 10)) * w; i++) first.push(current[i]);
    const m0 = median(first);
    const s0 = 1.4826 * median(first.map((v) => Math.abs(v - m0)));
    const sorted = Array.from(current).sort((a, b) => a - b);
    const top = sorted[Math.floor(0.995 * (sorted.length - 1))];
    thr = Math.max(m0 + 10 * s0, m0 + 0.5 * (top - m0));
  }
  const steps: { force: number; fraction: number }[] = [];
  let r = 0;
  while (r < h) {
    const F = rowForce[r];
    let n = 0;
    let c = 0;
    while (r < h && rowForce[r] === F) {
      for (let x = 0; x < w; x++) {
        n++;
        if (current[r * w + x] > thr) c++;
      }
      r++;
    }
    steps.push({ force: F, fraction: c / n });
  }
  const firstStep = steps.find((s) => s.fraction > 0);
  // probit line Φ⁻¹(f) = a + b ln F over the partially conducting steps
  const pts = steps.filter((q) => q.fraction > 0.02 && q.fraction < 0.98 && q.force > 0);
  let force = crossing(steps, 0.5);
  if (pts.length >= 2) {
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (const q of pts) {
      const x = Math.log(q.force);
      const y = normalQuantile(q.fraction);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    const m = pts.length;
    const b = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    const a = (sy - b * sx) / m;
    if (b > 0) force = Math.exp(-a / b);
  }
  return {
    force,
    firstConduction: firstStep ? firstStep.force : Number.NaN,
    edgeWidth: crossing(steps, 0.9) - crossing(steps, 0.1),
    steps,
    currentThreshold: thr,
  };
}
