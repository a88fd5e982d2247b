/**
 * Quasi-static force-curve mechanics: equilibrium, stability, snap-in and pull-off of the DMT–vdW
 * and JKR laws, convergence of the sampled adhesion, Hertz limit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  adhesionForce,
  dmtPullOff,
  hamakerFromAdhesionWork,
  jkrPullOff,
  jumpOffForce,
  piezoPositionAtForce,
  repulsiveForce,
  simulateForceCurve,
  vdwSnapInDistance,
  CONTACT_CUTOFF,
  type ContactLaw,
} from '../src/models/contact/index.js';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

function law(model: ContactLaw['model'], E = 1.5e9, W = 0.3, R = 8e-9, film = Infinity): ContactLaw {
  return { model, tip: { kind: 'paraboloid', radius: R }, reducedModulus: E, adhesionWork: model === 'dmt' || model === 'jkr' ? W : 0, filmThickness: film, filmPoissonRatio: 0.3, filmAttachment: 'bonded' };
}

function ramps(uTop: number, span: number, n: number): [Float64Array, Float64Array] {
  const a = new Float64Array(n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = uTop - span + (span * i) / (n - 1);
    r[i] = uTop - (span * i) / (n - 1);
  }
  return [a, r];
}

describe('equilibrium and stability of every recorded state', () => {
  it.each(['hertz', 'dmt', 'jkr'] as const)('%s: δ + F/k = u to 1e-12 (relative to the ramp) and k + dF/dδ > 0', (model) => {
    const k = 6;
    const l = law(model);
    const [ua, ur] = ramps(piezoPositionAtForce(l, k, 10e-9), 30e-9, 400);
    const m = simulateForceCurve(l, k, ua, ur);
    for (const [u, b] of [
      [ua, m.approach],
      [ur, m.retract],
    ] as const) {
      for (let i = 0; i < u.length; i++) {
        expect(Math.abs(b.indentation[i] + b.force[i] / k - u[i])).toBeLessThan(1e-12 * 30e-9);
        expect(k + b.contactStiffness[i]).toBeGreaterThan(0);
      }
    }
  });

  it('the trigger: at u = piezoPositionAtForce(F_t) the approach ends at F_t (1e-10)', () => {
    for (const model of ['hertz', 'dmt', 'jkr'] as const) {
      const l = law(model);
      const [ua, ur] = ramps(piezoPositionAtForce(l, 6, 10e-9), 30e-9, 100);
      const m = simulateForceCurve(l, 6, ua, ur);
      expect(rel(m.approach.force[99], 10e-9)).toBeLessThan(1e-10);
    }
  });
});

describe('DMT–vdW law: snap-in and pull-off (Israelachvili §13.7; DMT 1975)', () => {
  it('snap-in at u = D0 − D_snap − HR/(6kD_snap²), with D_snap = (HR/3k)^{1/3}; a jump to a more attractive force', () => {
    const k = 2;
    const l = law('dmt');
    const [ua, ur] = ramps(piezoPositionAtForce(l, k, 5e-9), 20e-9, 4000);
    const m = simulateForceCurve(l, k, ua, ur);
    const H = hamakerFromAdhesionWork(0.3);
    const Ds = vdwSnapInDistance(H, 8e-9, k);
    const uSnap = CONTACT_CUTOFF - Ds - (H * 8e-9) / (6 * k * Ds * Ds);
    expect(m.snapIn).toBeDefined();
    const step = 20e-9 / 3999;
    expect(m.snapIn!.u - uSnap).toBeGreaterThanOrEqual(0);
    expect(m.snapIn!.u - uSnap).toBeLessThan(step + 1e-18);
    expect(m.snapIn!.forceAfter).toBeLessThan(m.snapIn!.forceBefore);
  });

  it('the retract minimum → −2πRW as the sampling refines (error ≤ Hertz force of one step), and pull-off is reported at −2πRW', () => {
    const k = 6;
    const l = law('dmt');
    let prevErr = Infinity;
    for (const n of [200, 800, 3200]) {
      const [ua, ur] = ramps(piezoPositionAtForce(l, k, 10e-9), 30e-9, n);
      const m = simulateForceCurve(l, k, ua, ur);
      const err = m.minRetractForce + dmtPullOff(8e-9, 0.3);
      expect(err).toBeGreaterThanOrEqual(0);
      expect(err).toBeLessThan(repulsiveForce(l, 30e-9 / (n - 1)).force + 1e-15);
      expect(err).toBeLessThan(prevErr);
      prevErr = err;
      expect(m.pullOff!.force).toBe(-dmtPullOff(8e-9, 0.3));
    }
    expect(adhesionForce(l, k)).toBe(dmtPullOff(8e-9, 0.3));
  });

  it('W → 0: the DMT curve converges to the Hertz curve (max difference ∝ W)', () => {
    const k = 6;
    const base = law('hertz');
    const [ua, ur] = ramps(piezoPositionAtForce(base, k, 10e-9), 20e-9, 300);
    const h = simulateForceCurve(base, k, ua, ur);
    const diffs = [1e-2, 1e-3, 1e-4].map((W) => {
      const m = simulateForceCurve(law('dmt', 1.5e9, W), k, ua, ur);
      let d = 0;
      for (let i = 0; i < ua.length; i++) d = Math.max(d, Math.abs(m.approach.force[i] - h.approach.force[i]), Math.abs(m.retract.force[i] - h.retract.force[i]));
      return d;
    });
    expect(diffs[1]).toBeLessThan(diffs[0] / 5);
    expect(diffs[2]).toBeLessThan(diffs[1] / 5);
    expect(diffs[2]).toBeLessThan(1.5 * dmtPullOff(8e-9, 1e-4));
  });
});

describe('JKR under a spring (Maugis 1992)', () => {
  it('the retract minimum → −(3/2)πRW for any k (seed 20250615)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 200, noNaN: true }), fc.double({ min: 0.05, max: 0.6, noNaN: true }), (k, W) => {
        const l = law('jkr', 1.5e9, W);
        // the ramp must cover the deflections at the trigger and at pull-off: (F_t + 2F_c)/k, plus the indentation
        const span = (2 * (10e-9 + 2 * jkrPullOff(8e-9, W))) / k + 20e-9;
        const [ua, ur] = ramps(piezoPositionAtForce(l, k, 10e-9), span, Math.max(6000, Math.ceil(span / 5e-12)));
        const m = simulateForceCurve(l, k, ua, ur);
        const Fc = jkrPullOff(8e-9, W);
        expect(rel(-m.minRetractForce, Fc)).toBeLessThan(2e-3);
        expect(rel(adhesionForce(l, k), Fc)).toBeLessThan(1e-9);
      }),
      { seed: 20250615, numRuns: 12 },
    );
  });

  it('the jump-off force lies in [(5/6)πRW, (3/2)πRW], → (5/6)πRW for a stiff lever and (3/2)πRW for a soft one', () => {
    const R = 8e-9;
    const W = 0.3;
    const l = law('jkr', 1.5e9, W, R);
    const lo = (5 / 6) * Math.PI * R * W;
    const hi = 1.5 * Math.PI * R * W;
    for (const k of [0.01, 0.1, 1, 10, 100, 1e4]) {
      const f = -jumpOffForce(l, k);
      expect(f).toBeGreaterThanOrEqual(lo * (1 - 1e-9));
      expect(f).toBeLessThanOrEqual(hi * (1 + 1e-9));
    }
    expect(rel(-jumpOffForce(l, 1e6), lo)).toBeLessThan(1e-2);
    expect(rel(-jumpOffForce(l, 1e-4), hi)).toBeLessThan(1e-2);
  });

  it('contact forms at u = 0 with a jump to an attractive force (JKR has no long-range attraction)', () => {
    const l = law('jkr');
    const [ua, ur] = ramps(piezoPositionAtForce(l, 6, 10e-9), 20e-9, 2000);
    const m = simulateForceCurve(l, 6, ua, ur);
    expect(m.snapIn!.u).toBeGreaterThanOrEqual(0);
    expect(m.snapIn!.forceBefore).toBe(0);
    expect(m.snapIn!.forceAfter).toBeLessThan(0);
  });
});

describe('thin film', () => {
  it('a thinner film is stiffer at the same indentation; maxFilmChi is reported', () => {
    const k = 6;
    const thick = law('dmt', 1e9, 0.2, 8e-9, 100e-9);
    const thin = law('dmt', 1e9, 0.2, 8e-9, 10e-9);
    expect(repulsiveForce(thin, 3e-9).force).toBeGreaterThan(repulsiveForce(thick, 3e-9).force);
    const [ua, ur] = ramps(piezoPositionAtForce(thin, k, 10e-9), 20e-9, 200);
    const m = simulateForceCurve(thin, k, ua, ur);
    expect(m.maxFilmChi).toBeGreaterThan(0.1);
    expect(m.maxFilmChi).toBeLessThan(1);
  });
  it('rejects a film with models that have no bottom-effect correction, and adhesion for non-adhesive models', () => {
    expect(() => simulateForceCurve(law('jkr', 1e9, 0.2, 8e-9, 10e-9), 6, new Float64Array(2), new Float64Array(2))).toThrow(/filmThickness/);
    expect(() => simulateForceCurve({ ...law('hertz'), adhesionWork: 0.1 }, 6, new Float64Array(2), new Float64Array(2))).toThrow(/no adhesion/);
    expect(() => simulateForceCurve({ ...law('hertz'), tip: { kind: 'cone', halfAngle: 0.5 } }, 6, new Float64Array(2), new Float64Array(2))).toThrow(/needs a paraboloid/);
  });
});
