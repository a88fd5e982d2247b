/**
 * Closed forms of the SEI model, kept in the library so tests and calibrations reuse them.
 *
 * - JMAK coverage with time-dependent nucleation and growth (Kolmogorov 1937; Johnson & Mehl 1939;
 *   Avrami 1939–41): θ(t) = 1 − exp(−X(t)), X(t) = Σ_s f_s ∫₀ᵗ J_s(t′) π (G(t) − G(t′))² dt′ for
 *   nuclei born as a Poisson process of rate J_s on a fraction f_s of the surface and growing as
 *   discs of radius G(t) − G(t′), G = ∫v dt.
 * - Passivating thickness: dH/dt = κ(t) e^{−H/λ} ⇒ H = λ ln(1 + ΔK/λ), ΔK = ∫κ dt since coverage;
 *   with a limiting thickness H_c (kinetics.ts), dH/dK = e^{−H/λ} − a, a = e^{−H_c/λ}: with
 *   u = e^{H/λ}, λ du/dK = 1 − a u, u(0) = 1 ⇒ u = (1 − (1 − a) e^{−aΔK/λ})/a, i.e.
 *   H = λ ln(e^{−x} − expm1(−x)/a), x = aΔK/λ — λ ln(1 + ΔK/λ) for a → 0, H_c for ΔK → ∞.
 * - Reduced product per area: ∫ e^{−H/λ} dK = H + aΔK (film plus the soluble share aΔK).
 * - Mean thickness of a progressively covered surface: ⟨H⟩(tₙ) = Σ_b Δθ_b H(Kₙ − K_b).
 */
import { cumulativeGrowth, nucleationRate, type SeiProcess } from './kinetics.js';
import type { SiteClass } from '../substrate/sites.js';

/**
 * Thickness grown since coverage under self-passivation (m); 0 for ΔK ≤ 0. Without a limit
 * (a = 0): H = λ ln(1 + ΔK/λ); with soluble share a = e^{−H_c/λ} (`solubleShare`):
 * H = λ ln(e^{−x} − expm1(−x)/a), x = aΔK/λ (module doc), which tends to H_c.
 */
export function passivatedThickness(deltaK: number, passivationLength: number, solubleShare = 0): number {
  if (!(deltaK > 0)) return 0;
  const r = deltaK / passivationLength;
  if (solubleShare === 0) return passivationLength * Math.log1p(r);
  const x = solubleShare * r;
  return passivationLength * Math.log(Math.exp(-x) - Math.expm1(-x) / solubleShare);
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
 * Thickness of a pixel covered for ΔK of thickening and ΔG of lateral growth (m):
 * min(H(ΔK), s ΔG) with H the {@link passivatedThickness} and s the island flank slope
 * (`Infinity`: no cap). 0 for ΔK ≤ 0.
 */
export function islandThickness(deltaK: number, deltaG: number, passivationLength: number, solubleShare = 0, flankSlope = Number.POSITIVE_INFINITY): number {
  const H = passivatedThickness(deltaK, passivationLength, solubleShare);
  if (flankSlope === Number.POSITIVE_INFINITY) return H;
  return Math.min(H, flankSlope * Math.max(0, deltaG));
}

/**
 * Mean thickness ⟨H⟩(tₙ) (m) of a surface covered progressively with coverage θ(tₙ) at the nodes,
 * every pixel thickening from its coverage node b as H(Kₙ − K_b) ({@link passivatedThickness}).
 */
export function meanPassivatedThickness(theta: Float64Array, K: Float64Array, passivationLength: number, solubleShare = 0): Float64Array {
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
    for (let j = 0; j < bins.length; j++) s += weights[j] * passivatedThickness(K[b] - K[bins[j]], passivationLength, solubleShare);
    out[b] = s;
  }
  return out;
}
