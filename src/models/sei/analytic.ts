/**
 * Closed forms of the SEI model, kept in the library so tests and calibrations reuse them.
 *
 * - JMAK coverage with time-dependent nucleation and growth (Kolmogorov 1937; Johnson & Mehl 1939;
 *   Avrami 1939–41): θ(t) = 1 − exp(−X(t)), X(t) = Σ_s f_s ∫₀ᵗ J_s(t′) π (G(t) − G(t′))² dt′ for
 *   nuclei born as a Poisson process of rate J_s on a fraction f_s of the surface and growing as
 *   discs of radius G(t) − G(t′), G = ∫v dt.
 * - Passivating thickness: dH/dt = κ(t) e^{−H/λ} ⇒ H = λ ln(1 + ΔK/λ), ΔK = ∫κ dt since coverage.
 * - Mean thickness of a progressively covered surface: ⟨H⟩(tₙ) = Σ_b Δθ_b λ ln(1 + (Kₙ − K_b)/λ).
 */
import { cumulativeGrowth, nucleationRate, type SeiProcess } from './kinetics.js';
import type { SiteClass } from '../substrate/sites.js';

/** Thickness grown since coverage under self-passivation, H = λ ln(1 + ΔK/λ) (m); 0 for ΔK ≤ 0. */
export function passivatedThickness(deltaK: number, passivationLength: number): number {
  return deltaK > 0 ? passivationLength * Math.log1p(deltaK / passivationLength) : 0;
}

/**
 * JMAK coverage θ(tₙ) of one process on the nodes of a sampled program (closed form, O(N)).
 *
 * With J constant on each interval (midpoint potential) and G linear in time within it, the
 * interval's contribution to X(t_m) is exactly π J Δt [G_m² − G_m(2G₀ + ΔG) + G₀² + G₀ΔG + ΔG²/3]
 * (G₀ = G at the interval start, ΔG its increment), so X(t_m) = π(G_m² S₀ − G_m S₁ + S₂) with
 * running sums S₀, S₁, S₂. `siteFractions` f_s: area fraction of each site class. Dimensionless.
 */
export function jmakCoverage(
  process: SeiProcess,
  t: Float64Array,
  E: Float64Array,
  siteFractions: Partial<Record<SiteClass, number>>,
  openCircuit?: Uint8Array,
): { theta: Float64Array; extended: Float64Array; G: Float64Array } {
  const { G } = cumulativeGrowth(process, t, E, openCircuit);
  const N = t.length;
  const theta = new Float64Array(N);
  const X = new Float64Array(N);
  let S0 = 0;
  let S1 = 0;
  let S2 = 0;
  for (let n = 1; n < N; n++) {
    const dt = t[n] - t[n - 1];
    const Em = 0.5 * (E[n - 1] + E[n]);
    let fJ = 0;
    if (!(openCircuit && openCircuit[n])) for (const law of process.nucleation) fJ += (siteFractions[law.site] ?? 0) * nucleationRate(law, Em);
    const G0 = G[n - 1];
    const dG = G[n] - G[n - 1];
    const w = fJ * dt;
    S0 += w;
    S1 += w * (2 * G0 + dG);
    S2 += w * (G0 * G0 + G0 * dG + (dG * dG) / 3);
    const Gm = G[n];
    X[n] = Math.PI * Math.max(0, Gm * Gm * S0 - Gm * S1 + S2);
    theta[n] = -Math.expm1(-X[n]);
  }
  return { theta, extended: X, G };
}

/**
 * Mean thickness ⟨H⟩(tₙ) (m) of a surface covered progressively with coverage θ(tₙ) at the nodes,
 * every pixel thickening from its coverage node b as λ ln(1 + (Kₙ − K_b)/λ).
 */
export function meanPassivatedThickness(theta: Float64Array, K: Float64Array, passivationLength: number): Float64Array {
  const N = theta.length;
  const out = new Float64Array(N);
  const bins: number[] = [];
  const weights: number[] = [];
  for (let b = 0; b < N; b++) {
    const dth = theta[b] - (b > 0 ? theta[b - 1] : 0);
    if (dth > 0) {
      bins.push(b);
      weights.push(dth);
    }
    let s = 0;
    for (let j = 0; j < bins.length; j++) s += weights[j] * passivatedThickness(K[b] - K[bins[j]], passivationLength);
    out[b] = s;
  }
  return out;
}
