/**
 * Descriptive statistics and confidence intervals for the NRM ensemble profiles.
 *
 * The paper's Fig. 4b shows, per voltage window, the mean depth profile of dF_l/dz_p over all
 * locations with the 95 % confidence interval of the mean as a shaded band
 * (`002_bf87beaba622041e.txt` Section 5, Fig. 4b: "the shaded regions represent the 95 %
 * confidence interval of the mean"). {@link columnMeanCI} computes exactly that from curves
 * resampled on a common depth grid (rows = curves, columns = depths), ignoring the NaN a curve has
 * where it does not reach a depth. The Student-t quantile is computed from the inverse regularised
 * incomplete beta function (no table, any real df > 0).
 *
 * Special functions follow Press et al., *Numerical Recipes* 3rd ed. (2007) §6.1 (ln Γ, Lanczos),
 * §6.2 (incomplete gamma), §6.4 (incomplete beta, continued fraction with modified Lentz) and the
 * Halley inversion of §6.14 (`invbetai`).
 */
import type { Rng } from '../models/rng.js';

// ---------------------------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------------------------

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Natural log of the gamma function, ln Γ(x), for x > 0 (Lanczos approximation, g = 7, 9 terms;
 * relative error ≈ 1e-15). Reference: Lanczos (1964) SIAM J. Numer. Anal. B 1, 86; coefficients as
 * in Numerical Recipes 3rd ed. §6.1 / Godfrey's table.
 * @example lnGamma(5) // ln 24 = 3.1780538303479458
 */
export function lnGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`lnGamma: x = ${x} must be finite and > 0`);
  if (x < 0.5) {
    // reflection: Γ(x)Γ(1−x) = π / sin(πx)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  }
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < LANCZOS_G + 2; i++) s += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Stirling remainder δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], x ≥ 10 (error < 1e-16). */
function stirlingRemainder(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  // Bernoulli-number series B_{2k}/(2k(2k−1) x^{2k−1}), Abramowitz & Stegun 6.1.41
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))));
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0, without the cancellation that the
 * three-term form suffers when one argument is large (e.g. the Student-t B(½, ν/2) at ν = 10⁶).
 * For max(a, b) ≥ 10 the difference ln Γ(q) − ln Γ(q + p) is evaluated as
 * −p ln q − (q + p − ½) log1p(p/q) + p + δ(q) − δ(q + p) with the Stirling remainder δ
 * (the approach of Didonato & Morris, ACM TOMS 18 (1992) 360, `algdiv`).
 */
export function lnBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError(`lnBeta: a = ${a}, b = ${b} must be finite and > 0`);
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (q < 10) return lnGamma(p) + lnGamma(q) - lnGamma(p + q);
  const diff = -p * Math.log(q) - (q + p - 0.5) * Math.log1p(p / q) + p + stirlingRemainder(q) - stirlingRemainder(q + p);
  if (p < 10) return lnGamma(p) + diff;
  // both large: ln Γ(p) by Stirling as well
  return (p - 0.5) * Math.log(p) - p + 0.5 * Math.log(2 * Math.PI) + stirlingRemainder(p) + diff;
}

const FPMIN = 1e-300;
const CF_EPS = 1e-16;

/** Continued fraction of the incomplete beta function (modified Lentz), NR 3rd ed. §6.4 `betacf`. */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= CF_EPS) return h;
  }
  throw new Error(`incomplete beta continued fraction did not converge (a = ${a}, b = ${b}, x = ${x})`);
}

/**
 * I_x(a, b) and its complement 1 − I_x(a, b) = I_{1−x}(b, a), each to full relative accuracy, from
 * x, x_c = 1 − x and their logarithms supplied by the caller (so that x near 1 loses nothing when
 * the caller can form 1 − x and ln x exactly, e.g. x = ν/(ν+t²), ln x = −log1p(t²/ν)).
 * Continued fraction (NR 3rd ed. §6.4, Eq. 6.4.5) on whichever side converges fast.
 */
function incompleteBetaPair(x: number, xc: number, lnx: number, lnxc: number, a: number, b: number): { I: number; Ic: number } {
  if (x <= 0) return { I: 0, Ic: 1 };
  if (xc <= 0) return { I: 1, Ic: 0 };
  const bt = Math.exp(a * lnx + b * lnxc - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const I = (bt * betaContinuedFraction(a, b, x)) / a;
    return { I, Ic: 1 - I };
  }
  const Ic = (bt * betaContinuedFraction(b, a, xc)) / b;
  return { I: 1 - Ic, Ic };
}

/**
 * Regularised incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b), for a, b > 0, 0 ≤ x ≤ 1.
 * Continued fraction (NR 3rd ed. §6.4, Eq. 6.4.5) on whichever of x, 1 − x converges fast, using
 * I_x(a, b) = 1 − I_{1−x}(b, a); ln B(a, b) by {@link lnBeta}. Relative accuracy ≈ 1e-14.
 * @example regularizedIncompleteBeta(0.5, 2, 3) // 0.6875
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`regularizedIncompleteBeta: a = ${a}, b = ${b} must be finite and > 0`);
  }
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedIncompleteBeta: x = ${x} must lie in [0, 1]`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  return incompleteBetaPair(x, 1 - x, Math.log(x), Math.log1p(-x), a, b).I;
}

/**
 * Inverse of the regularised incomplete beta function: x with I_x(a, b) = p.
 * Initial guess and Halley iteration of Numerical Recipes 3rd ed. §6.14 (`invbetai`, after
 * Abramowitz & Stegun 26.5.22), iterated to |Δx| < 1e-14 x.
 */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`inverseRegularizedIncompleteBeta: p = ${p} must lie in [0, 1]`);
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`inverseRegularizedIncompleteBeta: a = ${a}, b = ${b} must be finite and > 0`);
  }
  if (p === 0) return 0;
  if (p === 1) return 1;
  const a1 = a - 1;
  const b1 = b - 1;
  let x: number;
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
  } else {
    const lna = Math.log(a / (a + b));
    const lnb = Math.log(b / (a + b));
    const t = Math.exp(a * lna) / a;
    const u = Math.exp(b * lnb) / b;
    const w = t + u;
    x = p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
  }
  const afac = -lnBeta(a, b);
  for (let j = 0; j < 40; j++) {
    if (x === 0 || x === 1) return x;
    const err = regularizedIncompleteBeta(x, a, b) - p;
    let t = Math.exp(a1 * Math.log(x) + b1 * Math.log1p(-x) + afac);
    const u = err / t;
    t = u / (1 - 0.5 * Math.min(1, u * (a1 / x - b1 / (1 - x))));
    x -= t;
    if (x <= 0) x = 0.5 * (x + t);
    if (x >= 1) x = 0.5 * (x + t + 1);
    if (Math.abs(t) < 1e-14 * x && j > 0) break;
  }
  return x;
}

/**
 * Regularised lower incomplete gamma P(a, x) and upper Q(a, x) = 1 − P, for a > 0, x ≥ 0.
 * Series for x < a + 1, continued fraction otherwise (NR 3rd ed. §6.2, `gser`/`gcf`).
 */
export function regularizedGamma(a: number, x: number): { P: number; Q: number } {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`regularizedGamma: a = ${a} must be finite and > 0`);
  if (!(x >= 0)) throw new RangeError(`regularizedGamma: x = ${x} must be >= 0`);
  if (x === 0) return { P: 0, Q: 1 };
  if (x === Infinity) return { P: 1, Q: 0 };
  const gln = lnGamma(a);
  const pre = Math.exp(-x + a * Math.log(x) - gln);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 100000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    const P = sum * pre;
    return { P, Q: 1 - P };
  }
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= 1e-16) break;
  }
  const Q = pre * h;
  return { P: 1 - Q, Q };
}

/**
 * Standard normal CDF Φ(z) = ½ erfc(−z/√2), via the regularised incomplete gamma function
 * (erfc(u) = Q(½, u²), erf(u) = P(½, u²)), accurate in relative terms in both tails.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const q = 0.5 * regularizedGamma(0.5, 0.5 * z * z).Q; // upper tail of |z|
  return z < 0 ? q : 1 - q;
}

/**
 * Standard normal quantile z_p = Φ⁻¹(p). Start from Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4),
 * then Halley steps on ½ P(½, z²/2) = |p − ½| near the median or on the tail ½ Q(½, z²/2) =
 * min(p, 1 − p) otherwise (each side computed without cancellation), to |Δz| < 1e-15 |z|.
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p = ${p} must lie in [0, 1]`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const central = Math.abs(p - 0.5) < 0.25; // p − ½ is exact there (Sterbenz)
  const target = central ? Math.abs(p - 0.5) : Math.min(p, 1 - p);
  const q = Math.min(p, 1 - p);
  const t = Math.sqrt(-2 * Math.log(q));
  // |z| > 0; work with the positive root and flip at the end
  let z = t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
  if (!(z > 0)) z = Math.sqrt(2 * Math.PI) * Math.abs(p - 0.5);
  for (let i = 0; i < 60; i++) {
    const g = regularizedGamma(0.5, 0.5 * z * z);
    // central: h(z) = ½P − target, h' = φ; tail: h(z) = ½Q − target, h' = −φ; h'' = ∓zφ
    const pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    const f = central ? 0.5 * g.P - target : target - 0.5 * g.Q; // sign chosen so that f' = +φ
    const u = f / pdf;
    const dz = u / (1 + 0.5 * z * u); // Halley with f'' = −zφ
    let next = z - dz;
    if (!(next > 0)) next = 0.5 * z;
    const done = Math.abs(next - z) < 1e-15 * next;
    z = next;
    if (done) break;
  }
  return p < 0.5 ? -z : z;
}

/**
 * Two-sided pieces of the Student-t distribution at |t|: `central` = P(|T| < |t|) = I_y(½, ν/2)
 * and `tail` = P(|T| > |t|) = I_{1−y}(ν/2, ½), y = t²/(ν + t²), both to full relative accuracy
 * (ln(1 − y) = −log1p(t²/ν)). Reference: Abramowitz & Stegun 26.7.1, 26.5.27.
 */
function studentTTwoSided(t: number, df: number): { central: number; tail: number } {
  const t2 = t * t;
  const y = t2 / (df + t2);
  const yc = df / (df + t2);
  const lnyc = -Math.log1p(t2 / df);
  const lny = t2 === 0 ? -Infinity : Math.log(t2) - Math.log(df) + lnyc;
  const r = incompleteBetaPair(y, yc, lny, lnyc, 0.5, 0.5 * df);
  return { central: r.I, tail: r.Ic };
}

/** Student-t density f_ν(t) = (1 + t²/ν)^{−(ν+1)/2} / (√ν B(½, ν/2)). */
export function studentTPdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTPdf: df = ${df} must be > 0`);
  if (df === Infinity) return Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  return Math.exp(-0.5 * (df + 1) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - lnBeta(0.5, 0.5 * df));
}

/**
 * Student-t cumulative distribution function F_ν(t), ν > 0 (real); ν = ∞ gives Φ(t).
 * Relative accuracy ≈ 1e-14 up to ν ≈ 1e4, degrading to ≈ 1e-9 at ν = 1e9 (continued fraction
 * with O(√ν) terms); for ν that large Φ(t) differs by O(1/ν) anyway.
 * F = ½ + ½ sign(t) I_{t²/(ν+t²)}(½, ν/2), the tail ½ I_{ν/(ν+t²)}(ν/2, ½) being computed directly
 * so that both tails keep full relative accuracy. Reference: Abramowitz & Stegun 26.7.1.
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTCdf: df = ${df} must be > 0`);
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalCdf(t);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  if (t === 0) return 0.5;
  const r = studentTTwoSided(t, df);
  return t < 0 ? 0.5 * r.tail : r.tail < 0.5 ? 1 - 0.5 * r.tail : 0.5 + 0.5 * r.central;
}

/**
 * Cornish–Fisher expansion of the Student-t quantile in powers of 1/ν (Abramowitz & Stegun 26.7.5):
 * t ≈ z + g₁/ν + g₂/ν² + g₃/ν³ + g₄/ν⁴, g₁ = (z³+z)/4, g₂ = (5z⁵+16z³+3z)/96,
 * g₃ = (3z⁷+19z⁵+17z³−15z)/384, g₄ = (79z⁹+776z⁷+1482z⁵−1920z³−945z)/92160.
 */
function cornishFisherT(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const r = 1 / df;
  return z + r * (g1 + r * (g2 + r * (g3 + r * g4)));
}

/**
 * Student-t quantile t_{p, ν}: the t with F_ν(t) = p, for real ν > 0 (ν = ∞ → normal quantile).
 *
 * Closed forms for ν = 1 (tan π(p − ½)) and ν = 2 ((2p − 1)/√(2p(1 − p))). Otherwise a start from
 * the inverse regularised incomplete beta function (x = I⁻¹_α(ν/2, ½), t = √(ν(1 − x)/x), with
 * α = 2 min(p, 1 − p), NR 3rd ed. §6.14), polished by Newton steps on the two-sided tail
 * P(|T| > t) = α (or on P(|T| < t) = |2p − 1| near the median), each evaluated without
 * cancellation, to |Δt| < 1e-15 t. Above ν = 1e4 the four-term Cornish–Fisher expansion
 * (Abramowitz & Stegun 26.7.5; truncation error O(ν⁻⁵), < 1e-14 relative there for p ≥ 1e-10, where
 * the continued fraction of the incomplete beta function starts to lose digits) is used. Reference values (Student's t table, e.g.
 * NIST/SEMATECH e-Handbook §1.3.6.7.2): t_{0.975,1} = 12.7062, t_{0.975,2} = 4.3027,
 * t_{0.975,10} = 2.2281, t_{0.975,30} = 2.0423, t_{0.975,∞} = 1.95996.
 * @example studentTQuantile(0.975, 10) // 2.228138851986274
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile: p = ${p} must lie in [0, 1]`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: df = ${df} must be > 0 (or Infinity)`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  if (df === 1) {
    // tan π(p − ½): direct near the median (p − ½ exact there), −cot(πp) / cot(π(1 − p)) in the tails
    if (Math.abs(p - 0.5) <= 0.25) return Math.tan(Math.PI * (p - 0.5));
    return p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
  }
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (df > 1e4) return cornishFisherT(normalQuantile(p), df);
  const central = Math.abs(p - 0.5) < 0.25;
  const alpha = 2 * Math.min(p, 1 - p);
  const beta = central ? Math.abs(2 * p - 1) : NaN; // exact for p ∈ (¼, ¾)
  // starting value
  let t: number;
  if (alpha < 0.5) {
    const x = inverseRegularizedIncompleteBeta(alpha, 0.5 * df, 0.5);
    t = Math.sqrt((df * (1 - x)) / x);
  } else {
    const y = inverseRegularizedIncompleteBeta(1 - alpha, 0.5, 0.5 * df);
    t = Math.sqrt((df * y) / (1 - y));
  }
  if (!(t > 0) || !Number.isFinite(t)) t = Math.abs(normalQuantile(p));
  // Newton polish: d/dt P(|T| < t) = 2 f(t)
  for (let i = 0; i < 8; i++) {
    const r = studentTTwoSided(t, df);
    const f = central ? r.central - beta : alpha - r.tail;
    const step = f / (2 * studentTPdf(t, df));
    let next = t - step;
    if (!(next > 0)) next = 0.5 * t;
    const done = Math.abs(next - t) <= 1e-15 * next;
    t = next;
    if (done) break;
  }
  return p < 0.5 ? -t : t;
}

// ---------------------------------------------------------------------------------------------
// Descriptive statistics
// ---------------------------------------------------------------------------------------------

/** Arithmetic mean Σx/n; NaN propagates (like numpy.mean). Empty input gives NaN. */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/**
 * Unbiased sample variance s² = Σ(x − x̄)²/(n − 1) (two-pass, with the compensated correction
 * term of Chan, Golub & LeVeque 1983, Am. Stat. 37, 242); NaN propagates; n < 2 gives NaN.
 */
export function sampleVariance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return NaN;
  const m = mean(x);
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    ss += d * d;
    comp += d;
  }
  return (ss - (comp * comp) / n) / (n - 1);
}

/** Sample standard deviation s = √s² (n − 1 denominator, numpy `std(ddof=1)`). */
export function sampleStd(x: ArrayLike<number>): number {
  return Math.sqrt(sampleVariance(x));
}

/** Summary of the finite entries of an array (non-finite entries are ignored, like numpy's nan*). */
export interface FiniteSummary {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1); NaN if n < 2. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/**
 * n, mean, sample std, min and max of the finite entries of `x` (NaN and ±∞ are skipped, as a
 * curve that does not reach a depth bin contributes NaN there). Empty → n = 0 and NaN statistics.
 */
export function finiteSummary(x: ArrayLike<number>): FiniteSummary {
  let n = 0;
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) continue;
    n++;
    s += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return { n: 0, mean: NaN, std: NaN, min: NaN, max: NaN };
  const m = s / n;
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) continue;
    const d = v - m;
    ss += d * d;
    comp += d;
  }
  const std = n > 1 ? Math.sqrt((ss - (comp * comp) / n) / (n - 1)) : NaN;
  return { n, mean: m, std, min, max };
}

/** Mean of the finite entries (numpy `nanmean`, also skipping ±∞). */
export function nanMean(x: ArrayLike<number>): number {
  return finiteSummary(x).mean;
}

/** Sample std (n − 1) of the finite entries (numpy `nanstd(ddof=1)`, also skipping ±∞). */
export function nanSampleStd(x: ArrayLike<number>): number {
  return finiteSummary(x).std;
}

/**
 * Quantile of already sorted, NaN-free data by Hyndman & Fan (1996) definition 7 (the default of
 * numpy.quantile, R's quantile(type = 7) and Excel's PERCENTILE.INC):
 * h = (n − 1)p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) (0-based order statistics).
 * Reference: Hyndman & Fan, Am. Stat. 50 (1996) 361.
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.25) // 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p = ${p} must lie in [0, 1]`);
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/** Finite entries of x, copied and sorted ascending. */
export function sortedFinite(x: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) out[k++] = x[i];
  return out.sort();
}

/** Hyndman–Fan type-7 quantiles of the finite entries of x (copies and sorts once). */
export function quantiles(x: ArrayLike<number>, ps: ArrayLike<number>): Float64Array {
  const s = sortedFinite(x);
  const out = new Float64Array(ps.length);
  for (let i = 0; i < ps.length; i++) out[i] = quantileSorted(s, ps[i]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Weighted statistics
// ---------------------------------------------------------------------------------------------

/** Kinds of weights: frequency (integer counts) or reliability (relative precision, ∝ 1/σ²). */
export type WeightKind = 'frequency' | 'reliability';

function checkWeights(fn: string, x: ArrayLike<number>, w: ArrayLike<number>): void {
  if (x.length !== w.length) throw new RangeError(`${fn}: x.length = ${x.length} differs from w.length = ${w.length}`);
  for (let i = 0; i < w.length; i++) {
    if (!Number.isFinite(w[i]) || w[i] < 0) throw new RangeError(`${fn}: weight w[${i}] = ${w[i]} must be finite and >= 0`);
  }
}

/** Weighted mean Σwx/Σw (non-negative weights; NaN in x propagates). */
export function weightedMean(x: ArrayLike<number>, w: ArrayLike<number>): number {
  checkWeights('weightedMean', x, w);
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i];
    swx += w[i] * x[i];
  }
  return swx / sw;
}

/**
 * Unbiased weighted variance.
 * - `'frequency'`: Σw(x − x̄)²/(Σw − 1) (w are counts; equals the variance of the expanded sample).
 * - `'reliability'`: Σw(x − x̄)²/(V₁ − V₂/V₁), V₁ = Σw, V₂ = Σw² (unbiased for i.i.d. data with
 *   arbitrary positive weights; GNU Scientific Library `gsl_stats_wvariance`).
 * Exhaustive over {@link WeightKind}.
 */
export function weightedVariance(x: ArrayLike<number>, w: ArrayLike<number>, kind: WeightKind = 'reliability'): number {
  const m = weightedMean(x, w);
  let v1 = 0;
  let v2 = 0;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    v1 += w[i];
    v2 += w[i] * w[i];
    ss += w[i] * d * d;
  }
  switch (kind) {
    case 'frequency':
      return ss / (v1 - 1);
    case 'reliability':
      return ss / (v1 - v2 / v1);
    default: {
      const never: never = kind;
      throw new Error(`weightedVariance: unknown weight kind ${String(never)}`);
    }
  }
}

/** Kish's effective sample size n_eff = (Σw)²/Σw² (Kish, *Survey Sampling*, 1965). */
export function effectiveSampleSize(w: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < w.length; i++) {
    s += w[i];
    s2 += w[i] * w[i];
  }
  return (s * s) / s2;
}

// ---------------------------------------------------------------------------------------------
// Confidence intervals
// ---------------------------------------------------------------------------------------------

/** A confidence interval of a mean. */
export interface MeanCI {
  readonly n: number;
  readonly mean: number;
  readonly std: number;
  /** Lower bound of the interval (units of x). */
  readonly lower: number;
  /** Upper bound of the interval (units of x). */
  readonly upper: number;
}

function checkLevel(fn: string, level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`${fn}: level = ${level} must lie in (0, 1)`);
}

/**
 * Student-t confidence interval of the mean of the finite entries of x:
 * x̄ ± t_{(1+level)/2, n−1} · s/√n. n < 2 gives NaN bounds.
 * Reference: any statistics text, e.g. Wasserman, *All of Statistics* (2004) §10.
 */
export function meanCI(x: ArrayLike<number>, level = 0.95): MeanCI {
  checkLevel('meanCI', level);
  const s = finiteSummary(x);
  if (s.n < 2) return { n: s.n, mean: s.mean, std: s.std, lower: NaN, upper: NaN };
  const half = (studentTQuantile(0.5 + 0.5 * level, s.n - 1) * s.std) / Math.sqrt(s.n);
  return { n: s.n, mean: s.mean, std: s.std, lower: s.mean - half, upper: s.mean + half };
}

/** Options of {@link bootstrapCI}. */
export interface BootstrapOptions {
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /** Number of bootstrap resamples B, default 2000. */
  readonly resamples?: number;
  /** Statistic of a resample; default the mean. Receives a scratch array it may reorder. */
  readonly statistic?: (sample: Float64Array) => number;
}

/**
 * Percentile bootstrap confidence interval (Efron & Tibshirani, *An Introduction to the Bootstrap*,
 * 1993, §13.3) of a statistic (default the mean) of the finite entries of x: B resamples with
 * replacement drawn with `rng`, bounds are the type-7 quantiles (1 − level)/2 and (1 + level)/2 of
 * the B statistics. Deterministic for a given Rng state. n < 2 gives NaN bounds.
 */
export function bootstrapCI(x: ArrayLike<number>, rng: Rng, options: BootstrapOptions = {}): MeanCI {
  const level = options.level ?? 0.95;
  const B = options.resamples ?? 2000;
  checkLevel('bootstrapCI', level);
  if (!(Number.isInteger(B) && B >= 10)) throw new RangeError(`bootstrapCI: resamples = ${B} must be an integer >= 10`);
  const data = sortedFinite(x);
  const n = data.length;
  const summary = finiteSummary(data);
  if (n < 2) return { n, mean: summary.mean, std: summary.std, lower: NaN, upper: NaN };
  const stat = options.statistic;
  const sample = new Float64Array(n);
  const stats = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    if (stat === undefined) {
      let s = 0;
      for (let i = 0; i < n; i++) s += data[Math.floor(rng.uniform() * n)];
      stats[b] = s / n;
    } else {
      for (let i = 0; i < n; i++) sample[i] = data[Math.floor(rng.uniform() * n)];
      stats[b] = stat(sample);
    }
  }
  stats.sort();
  return {
    n,
    mean: summary.mean,
    std: summary.std,
    lower: quantileSorted(stats, 0.5 - 0.5 * level),
    upper: quantileSorted(stats, 0.5 + 0.5 * level),
  };
}

/** Interval method for {@link columnMeanCI}. */
export type CIMethod = 't' | 'bootstrap';

/** Options of {@link columnMeanCI}. */
export interface ColumnCIOptions {
  /** Confidence level, default 0.95 (the paper's Fig. 4b). */
  readonly level?: number;
  /** `'t'` (default): Student-t interval; `'bootstrap'`: percentile bootstrap (needs `rng`). */
  readonly method?: CIMethod;
  /** Random stream for the bootstrap (e.g. `rng.fork('analysis.bootstrap')`). */
  readonly rng?: Rng;
  /** Bootstrap resamples per column, default 1000. */
  readonly resamples?: number;
}

/** Per-column mean ± CI of a rows × cols matrix (e.g. curves × depth grid). */
export interface ColumnCI {
  /** Number of finite entries in each column. */
  readonly n: Int32Array;
  readonly mean: Float64Array;
  /** Sample std (n − 1) per column. */
  readonly std: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/**
 * Mean and confidence interval of every column of a row-major matrix `data[r·cols + c]`
 * (rows = curves/locations, columns = points of a common depth grid), using only the finite
 * entries of each column; columns with fewer than 2 finite entries get NaN bounds (and NaN mean
 * if empty). This is the mean ± 95 % CI depth profile of `002_bf87beaba622041e.txt` Fig. 4b.
 * t method: x̄ ± t_{(1+level)/2, n−1} s/√n. Bootstrap: see {@link bootstrapCI}.
 */
export function columnMeanCI(data: Float64Array, rows: number, cols: number, options: ColumnCIOptions = {}): ColumnCI {
  if (!(Number.isInteger(rows) && rows >= 0 && Number.isInteger(cols) && cols >= 0)) {
    throw new RangeError(`columnMeanCI: rows = ${rows}, cols = ${cols} must be non-negative integers`);
  }
  if (data.length !== rows * cols) throw new RangeError(`columnMeanCI: data.length = ${data.length} differs from rows·cols = ${rows * cols}`);
  const level = options.level ?? 0.95;
  checkLevel('columnMeanCI', level);
  const method: CIMethod = options.method ?? 't';
  const n = new Int32Array(cols);
  const m = new Float64Array(cols);
  const sd = new Float64Array(cols);
  const lo = new Float64Array(cols);
  const hi = new Float64Array(cols);
  // pass 1: counts and sums; pass 2: squared deviations (row-major, cache-friendly)
  for (let r = 0; r < rows; r++) {
    const off = r * cols;
    for (let c = 0; c < cols; c++) {
      const v = data[off + c];
      if (Number.isFinite(v)) {
        n[c]++;
        m[c] += v;
      }
    }
  }
  for (let c = 0; c < cols; c++) m[c] = n[c] > 0 ? m[c] / n[c] : NaN;
  for (let r = 0; r < rows; r++) {
    const off = r * cols;
    for (let c = 0; c < cols; c++) {
      const v = data[off + c];
      if (Number.isFinite(v)) {
        const d = v - m[c];
        sd[c] += d * d;
      }
    }
  }
  for (let c = 0; c < cols; c++) sd[c] = n[c] > 1 ? Math.sqrt(sd[c] / (n[c] - 1)) : NaN;
  switch (method) {
    case 't': {
      let lastN = -1;
      let tq = NaN;
      for (let c = 0; c < cols; c++) {
        if (n[c] < 2) {
          lo[c] = NaN;
          hi[c] = NaN;
          continue;
        }
        if (n[c] !== lastN) {
          tq = studentTQuantile(0.5 + 0.5 * level, n[c] - 1);
          lastN = n[c];
        }
        const half = (tq * sd[c]) / Math.sqrt(n[c]);
        lo[c] = m[c] - half;
        hi[c] = m[c] + half;
      }
      break;
    }
    case 'bootstrap': {
      if (options.rng === undefined) throw new RangeError(`columnMeanCI: method 'bootstrap' needs an rng`);
      const col = new Float64Array(rows);
      for (let c = 0; c < cols; c++) {
        for (let r = 0; r < rows; r++) col[r] = data[r * cols + c];
        const ci = bootstrapCI(col, options.rng, { level, resamples: options.resamples ?? 1000 });
        lo[c] = ci.lower;
        hi[c] = ci.upper;
      }
      break;
    }
    default: {
      const never: never = method;
      throw new Error(`columnMeanCI: unknown method ${String(never)}`);
    }
  }
  return { n, mean: m, std: sd, lower: lo, upper: hi };
}
