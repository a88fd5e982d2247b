/**
 * Contact-point recovery (src/analysis/contact-point.ts) on synthetic approach curves built the way
 * `002_bf87beaba622041e.txt` Section 5 / Fig. 3c describes them: a flat, tilted baseline far from the
 * surface, a soft SEI layer that pushes the tip back before solid contact, and the hard-contact line
 * whose slope is the optical-lever sensitivity; surface heights vary by hundreds of nm between curves.
 *
 * Synthetic model (force balance on the cantilever, tip radius folded into the layer stiffness A):
 * ζ = s(Z − Z_c) is the distance of the undeflected tip from the solid surface, δ ≥ 0 the deflection
 * (tip pushed away), d = ζ + δ the tip–solid separation. Soft layer of thickness t:
 * k δ = A (t − d)^{3/2} for d < t (Hertz-like), and d ≥ 0 (hard solid). Hence δ = max(−ζ, δ_soft(ζ)),
 * δ_soft the root of kδ = A(t − ζ − δ)^{3/2} in [0, t − ζ]. Signal D = c₀ + c₁Z + σ S δ + noise.
 *
 * Tolerance: both lines are exactly linear in this model, so the estimator is unbiased once its
 * windows exclude the soft layer; its error is then Gaussian with the σ propagated from the fits.
 * We compute that σ from the TRUE noise level and the estimator's windows,
 * σ_pred² = σ_n² [1/n_b + (Z_c − Z̄_b)²/Sxx_b + 1/n_h + (Z_c − Z̄_h)²/Sxx_h]/(b_h − b_b)²,
 * and accept |error| ≤ 5σ_pred (two-sided Gaussian tail 5.7e-7 per curve).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflectionMetres, findContactPoint, referencedPosition, tipSurfaceDistance } from '../src/analysis/contact-point.js';
import { createRng } from '../src/sim/rng.js';
import type { Rng } from '../src/models/rng.js';

interface CurveSpec {
  n: number;
  zStart: number; // first Z of the ramp (m)
  step: number; // Z increment (m), sign = direction of travel
  contactZ: number; // true Z_c (m)
  farSign: 1 | -1;
  thickness: number; // soft layer t (m)
  softFraction: number; // max soft deflection A t^1.5 / k as a fraction of the final hard deflection
  sensitivity: number; // S (V/m), signal per m of deflection
  polarity: 1 | -1;
  offset: number; // c0 (V)
  tilt: number; // c1 (V/m)
  noise: number; // σ_n (V)
}

function deflectionOf(zeta: number, t: number, a: number): number {
  // returns δ (m) for k = 1 (a = A/k)
  if (zeta >= t) return 0;
  let lo = 0;
  let hi = t - zeta;
  for (let k = 0; k < 64; k++) { // bisection to 2^-64 of t
    const mid = 0.5 * (lo + hi);
    if (mid < a * Math.pow(t - zeta - mid, 1.5)) lo = mid;
    else hi = mid;
  }
  return Math.max(-zeta, 0.5 * (lo + hi));
}

function makeCurve(c: CurveSpec, rng: Rng): { Z: Float64Array; D: Float64Array; delta: Float64Array } {
  const Z = new Float64Array(c.n);
  const D = new Float64Array(c.n);
  const delta = new Float64Array(c.n);
  let zetaMin = Infinity;
  for (let i = 0; i < c.n; i++) zetaMin = Math.min(zetaMin, c.farSign * (c.zStart + i * c.step - c.contactZ));
  const deepest = -zetaMin; // final hard deflection
  const a = (c.softFraction * deepest) / Math.pow(c.thickness, 1.5);
  for (let i = 0; i < c.n; i++) {
    const z = c.zStart + i * c.step;
    const zeta = c.farSign * (z - c.contactZ);
    const d = deflectionOf(zeta, c.thickness, a);
    Z[i] = z;
    delta[i] = d;
    D[i] = c.offset + c.tilt * z + c.polarity * c.sensitivity * d + c.noise * rng.normal();
  }
  return { Z, D, delta };
}

/** σ_pred from the true noise and the estimator's windows (see header). */
function predictedStd(cp: ReturnType<typeof findContactPoint>, noise: number, contactZ: number): number {
  const b = cp.baseline;
  const h = cp.hardContact;
  const v = noise * noise * (1 / b.n + (contactZ - b.xMean) ** 2 / b.sxx + 1 / h.n + (contactZ - h.xMean) ** 2 / h.sxx);
  return Math.sqrt(v) / Math.abs(h.slope - b.slope);
}

/** A random curve: heights ±500 nm, ramp 400 points of 0.5 nm, contact 45–70 % along the ramp. */
function randomSpec(rng: Rng, over: Partial<CurveSpec> = {}): CurveSpec {
  const n = 400;
  const step0 = 0.5e-9;
  const farSign: 1 | -1 = rng.uniform() < 0.5 ? 1 : -1;
  const direction = rng.uniform() < 0.5 ? 1 : -1; // order in which points are stored
  const height = (rng.uniform() - 0.5) * 1e-6; // ±500 nm surface height
  const frac = 0.45 + 0.25 * rng.uniform(); // contact position along the approach
  // approach: ζ goes from far to deep; Z_far − Z_c = frac·range on the far side
  const range = (n - 1) * step0;
  const zFar = height + farSign * frac * range;
  const zDeep = zFar - farSign * range;
  const zStart = direction === 1 ? zFar : zDeep;
  const step = direction === 1 ? -farSign * step0 : farSign * step0;
  const sensitivity = 5e6 + 4.5e7 * rng.uniform(); // 20–200 nm/V InvOLS
  return {
    n,
    zStart,
    step,
    contactZ: height,
    farSign,
    thickness: 5e-9 + 25e-9 * rng.uniform(),
    softFraction: 0.05 + 0.3 * rng.uniform(),
    sensitivity,
    polarity: rng.uniform() < 0.5 ? 1 : -1,
    offset: (rng.uniform() - 0.5) * 4,
    tilt: (rng.uniform() - 0.5) * 0.04 * sensitivity,
    noise: sensitivity * (0.02e-9 + 0.5e-9 * rng.uniform()), // 0.02–0.52 nm deflection noise
    ...over,
  };
}

describe('findContactPoint on synthetic approach curves', () => {
  it('recovers Z_c within 5σ_pred over random heights (±500 nm), slopes, offsets, tilts, soft layers and noise (fast-check seed 20260)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), (seed) => {
        const rng = createRng(`cp-${seed}`);
        const spec = randomSpec(rng);
        const { Z, D } = makeCurve(spec, rng.fork('noise'));
        const cp = findContactPoint(Z, D);
        const err = cp.contactZ - spec.contactZ;
        const sp = predictedStd(cp, spec.noise, spec.contactZ);
        return cp.farSign === spec.farSign && Math.abs(err) <= 5 * sp && Math.abs(cp.sensitivity / (spec.polarity * spec.sensitivity * -spec.farSign) - 1) < 0.05;
      }),
      { seed: 20260, numRuns: 200 },
    );
  });

  it('its own σ (from the fitted residuals) is calibrated: z-scores over 300 curves have std 1 ± 0.15', () => {
    // std of 300 N(0,1) z-scores has standard error 1/√600 = 0.041; the band ±0.15 (3.7 SE) also
    // absorbs the ≈ 5 % efficiency loss of the bisquare baseline fit.
    const rng = createRng('cp-calib');
    const z = new Float64Array(300);
    let worstRatio = 0;
    for (let r = 0; r < z.length; r++) {
      const spec = randomSpec(rng.fork(`spec${r}`));
      const { Z, D } = makeCurve(spec, rng.fork(`noise${r}`));
      const cp = findContactPoint(Z, D);
      z[r] = (cp.contactZ - spec.contactZ) / cp.contactZStd;
      worstRatio = Math.max(worstRatio, Math.abs(Math.log(cp.contactZStd / predictedStd(cp, spec.noise, spec.contactZ))));
    }
    let m = 0;
    for (const v of z) m += v;
    m /= z.length;
    let ss = 0;
    for (const v of z) ss += (v - m) ** 2;
    const sd = Math.sqrt(ss / (z.length - 1));
    expect(sd).toBeGreaterThan(0.85);
    expect(sd).toBeLessThan(1.15);
    expect(Math.abs(m)).toBeLessThan(4 / Math.sqrt(z.length)); // unbiased: |mean z| < 4 SE
    // estimated vs true-noise σ differ only by the residual-variance estimate (n ≥ 50: < 35 %)
    expect(worstRatio).toBeLessThan(Math.log(1.35));
  });

  it('contact error stays far inside the depth resolution (0.5 nm steps) at realistic noise (0.1 nm)', () => {
    const rng = createRng('cp-depthres');
    let worst = 0;
    for (let r = 0; r < 100; r++) {
      const spec = randomSpec(rng.fork(`s${r}`));
      spec.noise = 0.1e-9 * spec.sensitivity;
      const { Z, D } = makeCurve(spec, rng.fork(`n${r}`));
      worst = Math.max(worst, Math.abs(findContactPoint(Z, D).contactZ - spec.contactZ));
    }
    expect(worst).toBeLessThan(0.25e-9);
  });

  it('narrows the hard-contact window when a stiff soft layer reaches above the 50 % level', () => {
    // soft-layer deflection up to 70 % of the final deflection: the u ≥ 0.5U points include the
    // curved soft response; the saturation check must raise λ, and Z_c stays unbiased
    const rng = createRng('cp-stiff');
    let raised = 0;
    for (let r = 0; r < 40; r++) {
      const spec = randomSpec(rng.fork(`s${r}`), { softFraction: 0.7, thickness: 25e-9 });
      spec.noise = 0.05e-9 * spec.sensitivity;
      const { Z, D } = makeCurve(spec, rng.fork(`n${r}`));
      const cp = findContactPoint(Z, D);
      if (cp.hardContactLevel > 0.5) raised++;
      expect(Math.abs(cp.contactZ - spec.contactZ)).toBeLessThan(5 * predictedStd(cp, spec.noise, spec.contactZ));
    }
    expect(raised).toBeGreaterThan(30);
  });

  it('a fixed λ = 0.5 without the saturation check would be biased on the same curves (the check matters)', () => {
    const rng = createRng('cp-stiff');
    const spec = randomSpec(rng.fork('s0'), { softFraction: 0.7, thickness: 25e-9 });
    spec.noise = 0.05e-9 * spec.sensitivity;
    const { Z, D } = makeCurve(spec, rng.fork('n0'));
    const naive = findContactPoint(Z, D, { slopeTolerance: 0.99 }); // check disabled in practice
    const good = findContactPoint(Z, D);
    expect(Math.abs(naive.contactZ - spec.contactZ)).toBeGreaterThan(10 * predictedStd(good, spec.noise, spec.contactZ));
  });

  it('tolerates deflection spikes in the baseline (bisquare fit)', () => {
    const rng = createRng('cp-spikes');
    const spec = randomSpec(rng, { noise: 0 });
    spec.noise = 0.1e-9 * spec.sensitivity;
    const { Z, D } = makeCurve(spec, rng.fork('n'));
    const cp0 = findContactPoint(Z, D);
    for (let i = 0; i < Z.length; i++) {
      const zeta = spec.farSign * (Z[i] - spec.contactZ);
      if (zeta > 90e-9 && i % 9 === 0) D[i] += spec.polarity * 30 * spec.noise; // 30σ spikes
    }
    const cp = findContactPoint(Z, D);
    expect(cp.baseline.rejected).toBeGreaterThan(5);
    expect(Math.abs(cp.contactZ - spec.contactZ)).toBeLessThan(5 * predictedStd(cp0, spec.noise, spec.contactZ));
  });
});

describe('z_p referencing (002 Fig. 3d: tip–electrode distance, solid contact at the origin, z_p > 0 above)', () => {
  it('z_p equals the true tip–solid separation ζ + δ within the contact and deflection errors', () => {
    const rng = createRng('zp');
    const spec = randomSpec(rng);
    spec.noise = 0.05e-9 * spec.sensitivity;
    const { Z, D, delta } = makeCurve(spec, rng.fork('n'));
    const cp = findContactPoint(Z, D);
    const zp = tipSurfaceDistance(Z, D, cp);
    const zr = referencedPosition(Z, cp);
    const dm = deflectionMetres(Z, D, cp);
    let worst = 0;
    let worstDelta = 0;
    for (let i = 0; i < Z.length; i++) {
      const zeta = spec.farSign * (Z[i] - spec.contactZ);
      const sep = zeta + delta[i];
      worst = Math.max(worst, Math.abs(zp[i] - sep));
      worstDelta = Math.max(worstDelta, Math.abs(dm[i] - delta[i]));
      expect(zr[i] - zp[i]).toBeCloseTo(-dm[i], 15);
    }
    // each z_p carries the point's deflection noise (0.05 nm, ≤ 5σ = 0.25 nm) plus the contact
    // error and the sensitivity error times the deflection (≤ 1 % of ≤ 120 nm)
    expect(worst).toBeLessThan(0.25e-9 + 5 * cp.contactZStd + 0.01 * 120e-9);
    expect(worstDelta).toBeLessThan(0.25e-9 + 0.01 * 120e-9);
    // far side positive, hard contact ≈ 0
    const iFar = spec.farSign * (Z[0] - Z[Z.length - 1]) > 0 ? 0 : Z.length - 1;
    const iDeep = Z.length - 1 - iFar;
    expect(zp[iFar]).toBeGreaterThan(50e-9);
    expect(Math.abs(zp[iDeep])).toBeLessThan(0.5e-9);
  });

  it('rejects bad input with a message naming the parameter', () => {
    const Z = Float64Array.from({ length: 60 }, (_, i) => i * 1e-9);
    const D = new Float64Array(60);
    D[5] = NaN;
    expect(() => findContactPoint(Z, D)).toThrow(/deflection\[5\] = NaN/);
    expect(() => findContactPoint(Z, new Float64Array(59))).toThrow(/differs/);
    expect(() => findContactPoint(Z, new Float64Array(60))).toThrow(/no deflection excursion/);
    expect(() => findContactPoint(Z, Float64Array.from(Z, (z) => -z), { hardContactLevel: 1.2 })).toThrow(/hardContactLevel = 1.2/);
  });
});
