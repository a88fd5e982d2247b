/**
 * The lock-in amplifier of 1D nanorheology, solved exactly per depth step instead of sample by
 * sample.
 *
 * `002_bf87beaba622041e.txt` §4 records the in-phase and quadrature lateral force "using lock-in
 * amplifier (SRS830, Stanford research instruments)". An SR830 multiplies its input by the
 * reference, √2·cos(ωt + φ_r) for X and −√2·sin(ωt + φ_r) for Y, and low-pass filters both with a
 * cascade of n identical RC stages (6, 12, 18 or 24 dB/oct ⇒ n = 1…4, time constant τ); X and Y
 * are then RMS amplitudes (SR830 manual, ch. 3 "What does a lock-in measure?").
 *
 * **Exact per-step propagation (why no MHz sampling is needed).** Written as one complex signal
 * W = X + iY, the demodulator output fed to the filter is
 *   √2·V_in(t)·e^{−i(ωt+φ_r)}.
 * For an input V_in(t) = Re[V* e^{iωt}] + V_dc that is constant over one depth step this is a sum
 * of three complex exponentials: the baseband term u = V* e^{−iφ_r}/√2 (Ω = 0), the 2f ripple
 * conj(V*) e^{−iφ_r}/√2 · e^{−2iωt} (Ω = −2ω) and the leaked DC √2·V_dc e^{−iφ_r} · e^{−iωt}
 * (Ω = −ω). The RC cascade is the linear ODE ds/dt = (1/τ)(J s + e₁ w(t)) with J the
 * lower-bidiagonal matrix (−1 on the diagonal, +1 below). For w = c·e^{iΩt} its particular solution
 * is p_j(t) = c e^{iΩt}/(1 + iΩτ)^{j+1} (stage j = 0…n−1), so the exact state after a step of
 * length T is
 *   s(t₀+T) = Φ(T)·[s(t₀) − p(t₀)] + p(t₀+T),  Φ_jk = e^{−a} a^{j−k}/(j−k)!  (j ≥ k, a = T/τ),
 * the matrix exponential of the Jordan-type cascade (a lower-triangular Toeplitz matrix). This is
 * identical, up to round-off, to integrating the mixer output at any sampling rate: the only
 * approximation of a sampled lock-in (finite dt) is removed, not introduced.
 *
 * **Noise at the output bandwidth.** White input noise of one-sided PSD S (V²/Hz) at the reference
 * frequency becomes, after mixing, independent white noise in X and in Y of two-sided PSD q = S/2.
 * Driving the cascade with it, the exact discrete update adds a Gaussian vector with covariance
 *   Q_jk(T) = (q/τ) · γ(j+k+1, 2a) / (2^{j+k+1} j! k!),
 * γ the lower incomplete gamma function (the integral ∫₀^T e^{Js/τ}e₁e₁ᵀe^{Jᵀs/τ} ds/τ² in closed
 * form). As T → ∞ the last stage's variance tends to S·ENBW with the SR830 bandwidths
 * ENBW = 1/(4τ), 1/(8τ), 3/(32τ), 5/(64τ) for n = 1…4 (general: Γ(n−½)/(4√π τ Γ(n))). Starting
 * the state from the stationary covariance and adding these increments gives output samples with
 * exactly the variance and correlation of a real lock-in at any step length — noise is injected at
 * the output bandwidth with the correct variance, and the correlation between successive samples
 * (τ against the step) is kept too. Reference for the method: exact discretisation of linear
 * stochastic ODEs (Gillespie, Phys. Rev. E 54, 2084 (1996); Van Loan, IEEE TAC 23, 395 (1978)).
 */
import type { Rng } from '../rng.js';

/** Filter slopes of an SR830-type lock-in, dB/octave. */
export type FilterSlope = 6 | 12 | 18 | 24;
export const FILTER_SLOPES = [6, 12, 18, 24] as const satisfies readonly FilterSlope[];

/**
 * Number of RC stages n of a roll-off: n = slope/6 (each stage gives 6 dB/octave).
 * @example filterOrder(24) // 4
 */
export function filterOrder(slope: FilterSlope): number {
  switch (slope) {
    case 6:
      return 1;
    case 12:
      return 2;
    case 18:
      return 3;
    case 24:
      return 4;
    default: {
      const never: never = slope;
      throw new RangeError(`filterOrder: slope = ${String(never)} dB/oct, expected one of ${FILTER_SLOPES.join(', ')}`);
    }
  }
}

function checkTau(fn: string, tau: number): void {
  if (!(Number.isFinite(tau) && tau > 0)) throw new RangeError(`${fn}: timeConstant = ${tau} s must be finite and > 0`);
}
function checkOrder(fn: string, n: number): void {
  if (!(Number.isInteger(n) && n >= 1 && n <= 8)) throw new RangeError(`${fn}: order = ${n} must be an integer in [1, 8]`);
}

/**
 * Complex transfer function of n cascaded RC low-pass stages at frequency f (Hz):
 * H(f) = (1 + i2πfτ)^{−n}. Returns [re, im]. Units: dimensionless; τ in s.
 * @example lowPassTransfer(0, 1e-3, 4) // [1, 0]
 */
export function lowPassTransfer(f: number, timeConstant: number, order: number): [number, number] {
  checkTau('lowPassTransfer', timeConstant);
  checkOrder('lowPassTransfer', order);
  if (!Number.isFinite(f)) throw new RangeError(`lowPassTransfer: f = ${f} Hz must be finite`);
  // (1 + ix)^{-n} = r^{-n} e^{-inθ}, r = √(1+x²), θ = atan x
  const x = 2 * Math.PI * f * timeConstant;
  const mag = Math.pow(1 + x * x, -order / 2);
  const ph = -order * Math.atan(x);
  return [mag * Math.cos(ph), mag * Math.sin(ph)];
}

/**
 * One-sided equivalent noise bandwidth of n cascaded RC stages:
 * ENBW = ∫₀^∞ |H(f)|² df = Γ(n − ½)/(4√π τ Γ(n)) — 1/(4τ), 1/(8τ), 3/(32τ), 5/(64τ) for
 * 6, 12, 18, 24 dB/oct (SR830 manual, "Noise measurements"). Units: Hz (τ in s).
 * @example equivalentNoiseBandwidth(1e-3, 4) // 78.125
 */
export function equivalentNoiseBandwidth(timeConstant: number, order: number): number {
  checkTau('equivalentNoiseBandwidth', timeConstant);
  checkOrder('equivalentNoiseBandwidth', order);
  // Γ(n − ½)/Γ(n) by recurrence from Γ(½)/Γ(1) = √π
  let ratio = Math.sqrt(Math.PI);
  for (let k = 1; k < order; k++) ratio *= (k - 0.5) / k;
  return ratio / (4 * Math.sqrt(Math.PI) * timeConstant);
}

/**
 * Fraction of a step change still missing at the output of n stages a time t after the step:
 * 1 − P(n, t/τ) = e^{−t/τ} Σ_{m<n} (t/τ)^m/m! (the regularised upper incomplete gamma function).
 * Used to state how far the lock-in lags a depth step. Dimensionless.
 * @example stepResponseDeficit(5e-3, 1e-3, 1) // e^{-5} ≈ 0.0067
 */
export function stepResponseDeficit(t: number, timeConstant: number, order: number): number {
  checkTau('stepResponseDeficit', timeConstant);
  checkOrder('stepResponseDeficit', order);
  if (!(Number.isFinite(t) && t >= 0)) throw new RangeError(`stepResponseDeficit: t = ${t} s must be finite and >= 0`);
  const a = t / timeConstant;
  let term = 1;
  let s = 0;
  for (let m = 0; m < order; m++) {
    s += term;
    term *= a / (m + 1);
  }
  return Math.exp(-a) * s;
}

/** Lower incomplete gamma γ(m, x) for integer m ≥ 1: (m−1)!·[1 − e^{−x} Σ_{k<m} x^k/k!]. */
function lowerGammaInt(m: number, x: number): number {
  // For small x the difference cancels; use the series γ(m,x) = x^m e^{-x} Σ_k x^k / (m(m+1)…(m+k)).
  if (x < m + 1) {
    let term = 1 / m;
    let s = term;
    for (let k = 1; k < 200; k++) {
      term *= x / (m + k);
      s += term;
      if (term < 1e-17 * s) break;
    }
    return Math.pow(x, m) * Math.exp(-x) * s;
  }
  let fact = 1;
  for (let k = 2; k < m; k++) fact *= k;
  let term = 1;
  let s = 0;
  for (let k = 0; k < m; k++) {
    s += term;
    term *= x / (k + 1);
  }
  return fact * (1 - Math.exp(-x) * s);
}

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

/**
 * State-transition matrix Φ(T) = exp(T·J/τ) of n RC stages, row-major n×n lower triangular:
 * Φ_jk = e^{−a} a^{j−k}/(j−k)!, a = T/τ.
 */
export function cascadeTransition(order: number, timeConstant: number, duration: number): Float64Array {
  checkOrder('cascadeTransition', order);
  checkTau('cascadeTransition', timeConstant);
  if (!(Number.isFinite(duration) && duration >= 0)) throw new RangeError(`cascadeTransition: duration = ${duration} s must be finite and >= 0`);
  const a = duration / timeConstant;
  const e = Math.exp(-a);
  const phi = new Float64Array(order * order);
  for (let j = 0; j < order; j++) for (let k = 0; k <= j; k++) phi[j * order + k] = (e * Math.pow(a, j - k)) / factorial(j - k);
  return phi;
}

/**
 * Covariance of the state increment of n RC stages driven for a time T by white noise of
 * two-sided PSD q (units²/Hz): Q_jk = (q/τ)·γ(j+k+1, 2T/τ)/(2^{j+k+1} j! k!). T = ∞ gives the
 * stationary covariance (γ → (j+k)!). Row-major n×n, symmetric.
 */
export function cascadeNoiseCovariance(order: number, timeConstant: number, duration: number, twoSidedPsd: number): Float64Array {
  checkOrder('cascadeNoiseCovariance', order);
  checkTau('cascadeNoiseCovariance', timeConstant);
  if (!(duration >= 0)) throw new RangeError(`cascadeNoiseCovariance: duration = ${duration} s must be >= 0`);
  if (!(Number.isFinite(twoSidedPsd) && twoSidedPsd >= 0)) throw new RangeError(`cascadeNoiseCovariance: twoSidedPsd = ${twoSidedPsd} must be finite and >= 0`);
  const Q = new Float64Array(order * order);
  const x = 2 * (duration / timeConstant);
  for (let j = 0; j < order; j++) {
    for (let k = 0; k <= j; k++) {
      const m = j + k + 1;
      const g = Number.isFinite(x) ? lowerGammaInt(m, x) : factorial(m - 1);
      const v = ((twoSidedPsd / timeConstant) * g) / (Math.pow(2, m) * factorial(j) * factorial(k));
      Q[j * order + k] = v;
      Q[k * order + j] = v;
    }
  }
  return Q;
}

/** Lower Cholesky factor of a symmetric positive semi-definite n×n matrix (row-major); zero pivots give zero columns. */
export function choleskyLower(A: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let s = 0; s < j; s++) d -= L[j * n + s] * L[j * n + s];
    const ljj = d > 0 ? Math.sqrt(d) : 0;
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = A[i * n + j];
      for (let s = 0; s < j; s++) v -= L[i * n + s] * L[j * n + s];
      L[i * n + j] = ljj > 0 ? v / ljj : 0;
    }
  }
  return L;
}

/** Everything a lock-in needs per step, precomputed for a fixed step length (build once per run). */
export interface LockInPlan {
  /** Number of RC stages n. */
  readonly order: number;
  /** Time constant τ, s. */
  readonly timeConstant: number;
  /** Step (dwell) length T, s. */
  readonly stepDuration: number;
  /** Reference (dither) frequency f, Hz. */
  readonly frequency: number;
  /** Reference phase φ_r, rad. */
  readonly referencePhase: number;
  /** Φ(T), n×n row-major. */
  readonly transition: Float64Array;
  /** 1/(1 + iΩτ)^{j+1} for Ω = −2ω (2f ripple), interleaved re/im, length 2n. */
  readonly gain2f: Float64Array;
  /** 1/(1 + iΩτ)^{j+1} for Ω = −ω (leaked DC), interleaved re/im, length 2n. */
  readonly gain1f: Float64Array;
  /** Cholesky factor of the per-step noise increment covariance for unit two-sided PSD, n×n. */
  readonly noiseStep: Float64Array;
  /** Cholesky factor of the stationary noise covariance for unit two-sided PSD, n×n. */
  readonly noiseStationary: Float64Array;
  /** cos φ_r, sin φ_r. */
  readonly refCos: number;
  readonly refSin: number;
  /** cos ωT, sin ωT: rotation of the reference phasor over one step. */
  readonly stepCos: number;
  readonly stepSin: number;
}

/**
 * Precompute a lock-in's per-step propagators.
 *
 * @param frequency reference frequency f (Hz) > 0
 * @param timeConstant τ (s) > 0
 * @param slope roll-off, dB/oct
 * @param stepDuration T (s) ≥ 0, the time between successive output samples
 * @param referencePhase φ_r (rad)
 */
export function lockInPlan(frequency: number, timeConstant: number, slope: FilterSlope, stepDuration: number, referencePhase = 0): LockInPlan {
  if (!(Number.isFinite(frequency) && frequency > 0)) throw new RangeError(`lockInPlan: frequency = ${frequency} Hz must be finite and > 0`);
  if (!Number.isFinite(referencePhase)) throw new RangeError(`lockInPlan: referencePhase = ${referencePhase} rad must be finite`);
  const n = filterOrder(slope);
  const transition = cascadeTransition(n, timeConstant, stepDuration);
  const gains = (Omega: number): Float64Array => {
    const g = new Float64Array(2 * n);
    // 1/(1 + iΩτ) = (1 − iΩτ)/(1 + Ω²τ²)
    const x = Omega * timeConstant;
    const d = 1 + x * x;
    const br = 1 / d;
    const bi = -x / d;
    let re = 1;
    let im = 0;
    for (let j = 0; j < n; j++) {
      const r = re * br - im * bi;
      const i = re * bi + im * br;
      re = r;
      im = i;
      g[2 * j] = re;
      g[2 * j + 1] = im;
    }
    return g;
  };
  const w = 2 * Math.PI * frequency;
  return {
    order: n,
    timeConstant,
    stepDuration,
    frequency,
    referencePhase,
    transition,
    gain2f: gains(-2 * w),
    gain1f: gains(-w),
    noiseStep: choleskyLower(cascadeNoiseCovariance(n, timeConstant, stepDuration, 1), n),
    noiseStationary: choleskyLower(cascadeNoiseCovariance(n, timeConstant, Infinity, 1), n),
    refCos: Math.cos(referencePhase),
    refSin: Math.sin(referencePhase),
    stepCos: Math.cos(w * stepDuration),
    stepSin: Math.sin(w * stepDuration),
  };
}

/**
 * The filter state of one lock-in: n complex stages (re in `re`, im in `im`), X + iY = last stage.
 * Create with {@link lockInState}.
 */
export interface LockInState {
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Time (s) of the cached reference phasor, and cos ωt, sin ωt there (avoids trig per step). */
  clock: number;
  clockCos: number;
  clockSin: number;
}

/** A fresh lock-in state (all stages zero). */
export function lockInState(order: number): LockInState {
  checkOrder('lockInState', order);
  return { re: new Float64Array(order), im: new Float64Array(order), clock: NaN, clockCos: 1, clockSin: 0 };
}

/**
 * Inputs held constant during one step: the complex lateral phasor V* (peak volts, V_in ⊃
 * Re[V* e^{iωt}]) and the slowly varying (DC) part V_dc of the input, V.
 */
export interface LockInStepInput {
  readonly phasorRe: number;
  readonly phasorIm: number;
  readonly dc: number;
}

/**
 * Particular solution p(t) of the cascade for the step's inputs, written into (pr, pi); (cw, sw) =
 * (cos ωt, sin ωt) at the time t.
 */
function particular(plan: LockInPlan, inp: LockInStepInput, cw: number, sw: number, pr: Float64Array, pi: Float64Array): void {
  const n = plan.order;
  const c = plan.refCos;
  const s = plan.refSin;
  // baseband u = V* e^{−iφ_r}/√2
  const ur = (inp.phasorRe * c + inp.phasorIm * s) * Math.SQRT1_2;
  const ui = (inp.phasorIm * c - inp.phasorRe * s) * Math.SQRT1_2;
  // 2f: conj(V*) e^{−iφ_r}/√2 · e^{−2iωt}
  const c2r0 = (inp.phasorRe * c - inp.phasorIm * s) * Math.SQRT1_2;
  const c2i0 = (-inp.phasorIm * c - inp.phasorRe * s) * Math.SQRT1_2;
  const e2r = cw * cw - sw * sw;
  const e2i = -2 * cw * sw;
  const c2r = c2r0 * e2r - c2i0 * e2i;
  const c2i = c2r0 * e2i + c2i0 * e2r;
  // leaked DC: √2 V_dc e^{−i(ωt + φ_r)}
  const pr1 = cw * c - sw * s; // cos(ωt + φ_r)
  const pi1 = sw * c + cw * s; // sin(ωt + φ_r)
  const c1r = Math.SQRT2 * inp.dc * pr1;
  const c1i = -Math.SQRT2 * inp.dc * pi1;
  const g2 = plan.gain2f;
  const g1 = plan.gain1f;
  for (let j = 0; j < n; j++) {
    pr[j] = ur + (c2r * g2[2 * j] - c2i * g2[2 * j + 1]) + (c1r * g1[2 * j] - c1i * g1[2 * j + 1]);
    pi[j] = ui + (c2r * g2[2 * j + 1] + c2i * g2[2 * j]) + (c1r * g1[2 * j + 1] + c1i * g1[2 * j]);
  }
}

/** cos ωt, sin ωt at t, from the state's cached clock when t matches it (else by trig), cached. */
function clockAt(state: LockInState, plan: LockInPlan, t: number): void {
  if (t !== state.clock) {
    const ph = 2 * Math.PI * plan.frequency * t;
    state.clockCos = Math.cos(ph);
    state.clockSin = Math.sin(ph);
    state.clock = t;
  }
}

/** Scratch buffers for {@link lockInStep} (allocate once). */
export interface LockInScratch {
  readonly pr: Float64Array;
  readonly pi: Float64Array;
  readonly dr: Float64Array;
  readonly di: Float64Array;
  readonly zr: Float64Array;
  readonly zi: Float64Array;
}

/** Work arrays for `lockInStep` with an RC cascade of `order` stages (allocate once per curve, reuse per step). */
export function lockInScratch(order: number): LockInScratch {
  const f = () => new Float64Array(order);
  return { pr: f(), pi: f(), dr: f(), di: f(), zr: f(), zi: f() };
}

/**
 * Advance a lock-in over one step [t₀, t₀ + T] with inputs constant during the step, exactly:
 * s ← Φ(s − p(t₀)) + p(t₀+T) (deterministic part) + L_T·(ξ_x + iξ_y)·√q (noise part, if
 * `noisePsd` > 0 and an Rng is given). Returns nothing; the output X + iY is the last stage
 * (`state.re[n−1]`, `state.im[n−1]`, RMS volts).
 *
 * @param t0 start time of the step, s (the phase of the 2f ripple and leaked DC depend on it)
 * @param noisePsd one-sided PSD S of white input noise at the reference frequency, V²/Hz
 */
export function lockInStep(
  state: LockInState,
  plan: LockInPlan,
  inp: LockInStepInput,
  t0: number,
  noisePsd: number,
  rng: Rng | undefined,
  scratch: LockInScratch,
): void {
  const n = plan.order;
  const { pr, pi, dr, di } = scratch;
  clockAt(state, plan, t0);
  const cw = state.clockCos;
  const sw = state.clockSin;
  particular(plan, inp, cw, sw, pr, pi);
  for (let j = 0; j < n; j++) {
    dr[j] = state.re[j] - pr[j];
    di[j] = state.im[j] - pi[j];
  }
  // advance the clock by one step with the precomputed rotation e^{iωT}
  const ce = cw * plan.stepCos - sw * plan.stepSin;
  const se = sw * plan.stepCos + cw * plan.stepSin;
  state.clock = t0 + plan.stepDuration;
  state.clockCos = ce;
  state.clockSin = se;
  particular(plan, inp, ce, se, pr, pi);
  const P = plan.transition;
  for (let j = n - 1; j >= 0; j--) {
    let sr = 0;
    let si = 0;
    for (let k = 0; k <= j; k++) {
      sr += P[j * n + k] * dr[k];
      si += P[j * n + k] * di[k];
    }
    state.re[j] = sr + pr[j];
    state.im[j] = si + pi[j];
  }
  if (noisePsd > 0 && rng !== undefined) addNoise(state, plan.noiseStep, n, Math.sqrt(noisePsd / 2), rng, scratch);
}

function addNoise(state: LockInState, L: Float64Array, n: number, scale: number, rng: Rng, scratch: LockInScratch): void {
  const { zr, zi } = scratch;
  for (let j = 0; j < n; j++) {
    zr[j] = rng.normal();
    zi[j] = rng.normal();
  }
  for (let j = 0; j < n; j++) {
    let sr = 0;
    let si = 0;
    for (let k = 0; k <= j; k++) {
      sr += L[j * n + k] * zr[k];
      si += L[j * n + k] * zi[k];
    }
    state.re[j] += scale * sr;
    state.im[j] += scale * si;
  }
}

/**
 * Put a lock-in into its steady state for constant inputs held since long before t (the filter
 * settled on the input, no transient), plus a draw from the stationary noise distribution.
 */
export function lockInSettle(
  state: LockInState,
  plan: LockInPlan,
  inp: LockInStepInput,
  t: number,
  noisePsd: number,
  rng: Rng | undefined,
  scratch: LockInScratch,
): void {
  clockAt(state, plan, t);
  particular(plan, inp, state.clockCos, state.clockSin, scratch.pr, scratch.pi);
  state.re.set(scratch.pr);
  state.im.set(scratch.pi);
  if (noisePsd > 0 && rng !== undefined) addNoise(state, plan.noiseStationary, plan.order, Math.sqrt(noisePsd / 2), rng, scratch);
}
