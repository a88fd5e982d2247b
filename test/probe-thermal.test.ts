/**
 * SHO thermal noise: PSD normalisation, exact discretisation, equipartition with the Butt–Jaschke
 * factors; optical lever; tip geometry.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BOLTZMANN,
  contactRadius,
  equivalentConeHalfAngle,
  lateralInvOLS,
  makeOpticalLever,
  detectorGain,
  modeOneVariance,
  normalInvOLS,
  opticalModeOneVariance,
  projectedContactArea,
  shoPsd,
  shoPsdAliased,
  shoTransition,
  springConstantFromVariance,
  thermalCalibrationFactor,
  tipProfile,
  validateTip,
  type ShoMode,
} from '../src/models/probe/index.js';
import { createRng } from '../src/sim/rng.js';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

/** ∫₀^∞ S df by the substitution f = f0 tan(θ) (maps [0, ∞) to [0, π/2); the integrand stays bounded). */
function integrateSho(m: ShoMode): number {
  const n = 400000;
  let s = 0;
  const h = Math.PI / 2 / n;
  for (let i = 1; i < n; i++) {
    const th = i * h;
    const f = m.frequency * Math.tan(th);
    const w = i % 2 ? 4 : 2;
    s += w * shoPsd(f, m) * (m.frequency / Math.cos(th) ** 2);
  }
  // endpoints: f = 0 term, and 0 at θ = π/2 (S ~ f⁻⁴ beats sec²)
  s += shoPsd(0, m) * m.frequency;
  return (s * h) / 3;
}

describe('SHO PSD normalisation (∫₀^∞ S df = k_BT/k for any Q)', () => {
  it('over random k, f0, Q in [0.6, 1000] (fast-check seed 20250604), Simpson error < 1e-6', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 100, noNaN: true }),
        fc.double({ min: 1e3, max: 1e6, noNaN: true }),
        fc.double({ min: 0.6, max: 1000, noNaN: true }),
        (k, f0, q) => {
          const m = { stiffness: k, frequency: f0, qualityFactor: q, temperature: 298.15 };
          expect(rel(integrateSho(m), (BOLTZMANN * 298.15) / k)).toBeLessThan(1e-6);
        },
      ),
      { seed: 20250604, numRuns: 25 },
    );
  });

  it('peak value 2k_BT Q/(π f0 k) at f = f0; low-frequency plateau 2k_BT/(π f0 Q k)', () => {
    const m = { stiffness: 2, frequency: 1e5, qualityFactor: 50, temperature: 300 };
    expect(rel(shoPsd(1e5, m), (2 * BOLTZMANN * 300 * 50) / (Math.PI * 1e5 * 2))).toBeLessThan(1e-14);
    expect(rel(shoPsd(0, m), (2 * BOLTZMANN * 300) / (Math.PI * 1e5 * 50 * 2))).toBeLessThan(1e-14);
  });

  it('aliased PSD ≥ continuous, and equal to it when f_s → ∞', () => {
    const m = { stiffness: 2, frequency: 1e5, qualityFactor: 5, temperature: 300 };
    for (const f of [1e3, 5e4, 1e5, 2e5]) {
      expect(shoPsdAliased(f, m, 1e6)).toBeGreaterThan(shoPsd(f, m));
      expect(rel(shoPsdAliased(f, m, 1e12), shoPsd(f, m))).toBeLessThan(1e-12);
    }
  });
});

describe('equipartition with the mode and optical-lever factors (Butt & Jaschke 1995)', () => {
  it('⟨z*²⟩ = 0.8174 k_BT/k, ⟨z1²⟩ = 0.9707 k_BT/k, and k is recovered exactly from ⟨z*²⟩', () => {
    const k = 6;
    const T = 298.15;
    expect(rel(opticalModeOneVariance(k, T), (0.8174347867 * BOLTZMANN * T) / k)).toBeLessThan(1e-9);
    expect(rel(modeOneVariance(k, T), (0.9706881801 * BOLTZMANN * T) / k)).toBeLessThan(1e-9);
    expect(rel(springConstantFromVariance(opticalModeOneVariance(k, T), T), k)).toBeLessThan(1e-14);
    expect(rel(springConstantFromVariance(modeOneVariance(k, T), T, 0.9706881801213992), k)).toBeLessThan(1e-12);
    expect(thermalCalibrationFactor(1)).toBeLessThan(1);
    expect(() => springConstantFromVariance(0, T)).toThrow(/variance = 0/);
  });
});

describe('exact discretisation of the thermally driven SHO', () => {
  it('stationarity: Φ Φᵀ + L Lᵀ = I (to 1e-12) for random f0, Q, Δt (seed 20250605)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e3, max: 1e6, noNaN: true }),
        fc.oneof(fc.double({ min: 0.51, max: 1e4, noNaN: true }), fc.double({ min: 0.05, max: 0.49, noNaN: true })),
        fc.double({ min: 1e-8, max: 1e-4, noNaN: true }),
        (f0, q, dt) => {
          const { phi, chol } = shoTransition(f0, q, dt);
          const [a, b, c, d] = phi;
          const [l11, l21, l22] = chol;
          expect(Math.abs(a * a + b * b + l11 * l11 - 1)).toBeLessThan(1e-12);
          expect(Math.abs(a * c + b * d + l11 * l21)).toBeLessThan(1e-12);
          expect(Math.abs(c * c + d * d + l21 * l21 + l22 * l22 - 1)).toBeLessThan(1e-12);
        },
      ),
      { seed: 20250605, numRuns: 200 },
    );
  });

  it('lag-1 autocovariance of the sampled series equals Φ11 (the SHO correlation e^{−aΔt}(cos + (a/ω_d) sin)) within 4σ', () => {
    const f0 = 1e5;
    const q = 20;
    const dt = 1e-6;
    const { phi, chol } = shoTransition(f0, q, dt);
    const rng = createRng('sho-acf');
    const n = 400000;
    let x = rng.normal();
    let y = rng.normal();
    let s0 = 0;
    let s1 = 0;
    let prev = x;
    for (let i = 0; i < n; i++) {
      const e1 = rng.normal();
      const e2 = rng.normal();
      const xn = phi[0] * x + phi[1] * y + chol[0] * e1;
      const yn = phi[2] * x + phi[3] * y + chol[1] * e1 + chol[2] * e2;
      x = xn;
      y = yn;
      s0 += x * x;
      s1 += x * prev;
      prev = x;
    }
    // variance of the sample mean of x² for a correlated series: 2τ/(nΔt) with τ = Q/(πf0) → σ ≈ 0.025
    const sigma = Math.sqrt((2 * q) / (Math.PI * f0) / (n * dt));
    expect(Math.abs(s0 / n - 1)).toBeLessThan(4 * sigma);
    expect(Math.abs(s1 / n - phi[0])).toBeLessThan(4 * sigma);
  });

  it('rejects critical damping and non-positive inputs', () => {
    expect(() => shoTransition(1e5, 0.5, 1e-6)).toThrow(/critical/);
    expect(() => shoTransition(-1, 3, 1e-6)).toThrow(/frequency = -1/);
  });
});

describe('optical lever (Meyer & Amer 1988; Ogletree et al. 1996)', () => {
  it('InvOLS_normal = L/(3 D G), G = V_fs 2√2/(√π w_s); lateral = h_eff/(2 D G)', () => {
    const o = makeOpticalLever({ detectorDistance: 0.02, spotRadius: 5e-4, fullScaleVoltage: 10 });
    const G = (10 * 2 * Math.SQRT2) / (Math.sqrt(Math.PI) * 5e-4);
    expect(rel(detectorGain(o), G)).toBeLessThan(1e-14);
    expect(rel(normalInvOLS(125e-6, o), 125e-6 / (3 * 0.02 * G))).toBeLessThan(1e-14);
    expect(rel(lateralInvOLS(13e-6, o), 13e-6 / (2 * 0.02 * G))).toBeLessThan(1e-14);
  });
  it('a longer lever is less sensitive (InvOLS ∝ L); a longer optical path more sensitive (∝ 1/D)', () => {
    const o = makeOpticalLever();
    expect(rel(normalInvOLS(250e-6, o), 2 * normalInvOLS(125e-6, o))).toBeLessThan(1e-14);
    expect(rel(normalInvOLS(125e-6, makeOpticalLever({ detectorDistance: 0.06 })), normalInvOLS(125e-6, o) / 2)).toBeLessThan(1e-14);
    expect(() => normalInvOLS(0, o)).toThrow(/leverLength = 0/);
  });
});

describe('tip geometry', () => {
  it('contact radius: paraboloid √(Rδ), cone 2δ tanθ/π, flat punch a; area πa²', () => {
    expect(rel(contactRadius({ kind: 'paraboloid', radius: 8e-9 }, 2e-9), 4e-9)).toBeLessThan(1e-14);
    expect(rel(contactRadius({ kind: 'cone', halfAngle: Math.PI / 4 }, 3e-9), (2 * 3e-9) / Math.PI)).toBeLessThan(1e-14);
    expect(contactRadius({ kind: 'cylinder', radius: 1e-6 }, 1e-9)).toBe(1e-6);
    expect(rel(projectedContactArea({ kind: 'paraboloid', radius: 8e-9 }, 2e-9), Math.PI * 16e-18)).toBeLessThan(1e-14);
    expect(contactRadius({ kind: 'paraboloid', radius: 8e-9 }, -1e-9)).toBe(0);
  });
  it("pyramid ↔ equivalent cone: (2/π) tan θ_eq = 0.7453 tan α (Bilodeau 1992); profiles", () => {
    const a = (35 * Math.PI) / 180;
    expect(rel((2 / Math.PI) * Math.tan(equivalentConeHalfAngle(a)), 0.7453 * Math.tan(a))).toBeLessThan(1e-14);
    expect(rel(tipProfile({ kind: 'paraboloid', radius: 10e-9 }, 10e-9), 5e-9)).toBeLessThan(1e-14);
    expect(tipProfile({ kind: 'cylinder', radius: 1e-6 }, 2e-6)).toBe(Infinity);
  });
  it('rejects impossible tips', () => {
    expect(() => validateTip({ kind: 'cone', halfAngle: Math.PI / 2 })).toThrow(/halfAngle/);
    expect(() => validateTip({ kind: 'paraboloid', radius: NaN })).toThrow(/radius = NaN/);
  });
});
