/**
 * A small Levenberg–Marquardt least-squares solver for problems with a handful of parameters and
 * many residuals (PSD fits, force-curve fits), with an optional analytic Jacobian, box bounds and
 * the parameter covariance at the solution.
 *
 * Why not `ml-levenberg-marquardt` (installed): it takes (x, y) data and a scalar model only, always
 * differentiates numerically, and returns no covariance; the PSD fit needs per-point weights that
 * change between iterations (Whittle likelihood by iteratively reweighted least squares) and the
 * thermal calibration needs the covariance for its error bar. The tests check that both solvers agree
 * on a common problem (test/thermal-fit.test.ts).
 *
 * Method: Marquardt's scaled damping (J^T J + λ diag(J^T J)) Δ = −J^T r, λ ×/÷ 10 on rejection /
 * acceptance (Marquardt, J. SIAM 11, 431 (1963); Press et al., *Numerical Recipes* 3rd ed., §15.5.2).
 * Covariance at the minimum: C = s² (J^T J)^{−1}, s² = Σr²/(n − m) when `scaleCovariance` (the
 * residuals' scale unknown), else (J^T J)^{−1} (residuals already divided by their σ).
 */

/** A least-squares problem: minimise Σ r_i(p)² over p ∈ ℝ^m. */
export interface LeastSquaresProblem {
  /** Number of residuals n. */
  readonly residualCount: number;
  /** Fill `out` (length n) with the residuals at parameters `p` (length m). */
  residuals(p: Float64Array, out: Float64Array): void;
  /** Optional analytic Jacobian ∂r_i/∂p_j, row-major n × m, written into `out`. */
  jacobian?(p: Float64Array, out: Float64Array): void;
}

/** Options of {@link levenbergMarquardt}. */
export interface LmOptions {
  /** Iteration limit (default 200). */
  readonly maxIterations?: number;
  /** Stop when the relative decrease of Σr² is below this (default 1e-12). */
  readonly costTolerance?: number;
  /** Stop when every relative parameter step is below this (default 1e-10). */
  readonly stepTolerance?: number;
  /** Initial damping λ₀ (default 1e-3). */
  readonly initialDamping?: number;
  /** Lower bounds (−Infinity for none). */
  readonly lower?: readonly number[];
  /** Upper bounds (+Infinity for none). */
  readonly upper?: readonly number[];
  /** Relative step of the forward-difference Jacobian (default 1e-7). */
  readonly differenceStep?: number;
  /** Scale the covariance by the residual variance Σr²/(n − m) (default true). */
  readonly scaleCovariance?: boolean;
}

/** Result of {@link levenbergMarquardt}. */
export interface LmResult {
  readonly params: Float64Array;
  /** Σ r² at the solution. */
  readonly cost: number;
  /** m × m covariance, row-major (NaN if J^T J is singular). */
  readonly covariance: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Cholesky solve of the symmetric positive-definite m × m system A x = b; returns false if not SPD. */
function choleskySolve(A: Float64Array, b: Float64Array, m: number, x: Float64Array, L: Float64Array): boolean {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * m + j];
      for (let k = 0; k < j; k++) s -= L[i * m + k] * L[j * m + k];
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * m + i] = Math.sqrt(s);
      } else L[i * m + j] = s / L[j * m + j];
    }
  }
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * m + k] * x[k];
    x[i] = s / L[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < m; k++) s -= L[k * m + i] * x[k];
    x[i] = s / L[i * m + i];
  }
  return true;
}

/** Inverse of an SPD matrix (NaN-filled if singular). */
function invertSpd(A: Float64Array, m: number): Float64Array {
  const inv = new Float64Array(m * m);
  const L = new Float64Array(m * m);
  const e = new Float64Array(m);
  const x = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    e.fill(0);
    e[j] = 1;
    if (!choleskySolve(A, e, m, x, L)) return inv.fill(NaN);
    for (let i = 0; i < m; i++) inv[i * m + j] = x[i];
  }
  return inv;
}

/**
 * Minimise Σ r_i(p)² by Levenberg–Marquardt (Marquardt 1963; Numerical Recipes 3rd ed. §15.5).
 *
 * @param problem residuals (and optionally their Jacobian)
 * @param initial starting parameters p₀ (length m ≥ 1), finite and inside the bounds
 * @example
 * // fit y = a·exp(−b x)
 * levenbergMarquardt({ residualCount: xs.length, residuals: (p, r) => xs.forEach((x, i) => (r[i] = p[0] * Math.exp(-p[1] * x) - ys[i])) }, [1, 1])
 */
export function levenbergMarquardt(problem: LeastSquaresProblem, initial: readonly number[], options: LmOptions = {}): LmResult {
  const m = initial.length;
  const n = problem.residualCount;
  if (m < 1) throw new RangeError('levenbergMarquardt: need at least one parameter');
  if (!Number.isInteger(n) || n < m) throw new RangeError(`levenbergMarquardt: residualCount = ${n} must be an integer >= number of parameters ${m}`);
  const lower = options.lower ?? new Array<number>(m).fill(-Infinity);
  const upper = options.upper ?? new Array<number>(m).fill(Infinity);
  for (let j = 0; j < m; j++) {
    if (!Number.isFinite(initial[j])) throw new RangeError(`levenbergMarquardt: initial[${j}] = ${initial[j]} is not finite`);
    if (initial[j] < lower[j] || initial[j] > upper[j]) throw new RangeError(`levenbergMarquardt: initial[${j}] = ${initial[j]} outside [${lower[j]}, ${upper[j]}]`);
  }
  const maxIt = options.maxIterations ?? 200;
  const costTol = options.costTolerance ?? 1e-12;
  const stepTol = options.stepTolerance ?? 1e-10;
  const hStep = options.differenceStep ?? 1e-7;
  let lambda = options.initialDamping ?? 1e-3;

  const p = Float64Array.from(initial);
  const trial = new Float64Array(m);
  const r = new Float64Array(n);
  const rTrial = new Float64Array(n);
  const J = new Float64Array(n * m);
  const JtJ = new Float64Array(m * m);
  const Jtr = new Float64Array(m);
  const A = new Float64Array(m * m);
  const L = new Float64Array(m * m);
  const delta = new Float64Array(m);
  const rhs = new Float64Array(m);

  const cost = (res: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += res[i] * res[i];
    return s;
  };
  const computeJacobian = (): void => {
    if (problem.jacobian) {
      problem.jacobian(p, J);
      return;
    }
    for (let j = 0; j < m; j++) {
      const pj = p[j];
      let h = hStep * Math.max(Math.abs(pj), 1e-8);
      if (pj + h > upper[j]) h = -h;
      p[j] = pj + h;
      problem.residuals(p, rTrial);
      p[j] = pj;
      for (let i = 0; i < n; i++) J[i * m + j] = (rTrial[i] - r[i]) / h;
    }
  };
  const normalEquations = (): void => {
    JtJ.fill(0);
    Jtr.fill(0);
    for (let i = 0; i < n; i++) {
      const ri = r[i];
      const row = i * m;
      for (let a = 0; a < m; a++) {
        const ja = J[row + a];
        Jtr[a] += ja * ri;
        for (let b = 0; b <= a; b++) JtJ[a * m + b] += ja * J[row + b];
      }
    }
    for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) JtJ[b * m + a] = JtJ[a * m + b];
  };

  problem.residuals(p, r);
  let c = cost(r);
  if (!Number.isFinite(c)) throw new RangeError('levenbergMarquardt: residuals at the initial parameters are not finite');
  computeJacobian();
  normalEquations();
  let it = 0;
  let converged = false;
  while (it < maxIt) {
    it++;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) A[a * m + b] = JtJ[a * m + b];
      A[a * m + a] += lambda * (JtJ[a * m + a] > 0 ? JtJ[a * m + a] : 1);
      rhs[a] = -Jtr[a];
    }
    if (!choleskySolve(A, rhs, m, delta, L)) {
      lambda *= 10;
      if (lambda > 1e16) break;
      continue;
    }
    let maxRel = 0;
    for (let j = 0; j < m; j++) {
      trial[j] = Math.min(upper[j], Math.max(lower[j], p[j] + delta[j]));
      maxRel = Math.max(maxRel, Math.abs(trial[j] - p[j]) / Math.max(Math.abs(p[j]), 1e-12));
    }
    problem.residuals(trial, rTrial);
    const cTrial = cost(rTrial);
    if (Number.isFinite(cTrial) && cTrial <= c) {
      const rel = (c - cTrial) / Math.max(c, 1e-300);
      p.set(trial);
      r.set(rTrial);
      c = cTrial;
      lambda = Math.max(lambda / 10, 1e-12);
      computeJacobian();
      normalEquations();
      if (rel < costTol || maxRel < stepTol) {
        converged = true;
        break;
      }
    } else {
      lambda *= 10;
      if (lambda > 1e16 || maxRel < stepTol) {
        converged = maxRel < stepTol;
        break;
      }
    }
  }
  const cov = invertSpd(JtJ, m);
  if (options.scaleCovariance ?? true) {
    const s2 = n > m ? c / (n - m) : NaN;
    for (let i = 0; i < cov.length; i++) cov[i] *= s2;
  }
  return { params: p, cost: c, covariance: cov, iterations: it, converged };
}
