/**
 * Skyline (variable-band, "profile") storage and direct LDLᵀ solvers for symmetric real and
 * complex-symmetric (not Hermitian) matrices — the stiffness matrices of the FEA-lite.
 *
 * Row i stores the entries a_ij for j = first[i] … i contiguously (the lower profile). The
 * factorisation A = L·D·Lᵀ (unit lower L, diagonal D) is computed in place, row by row (Crout
 * form; Bathe, *Finite Element Procedures*, 2nd ed., §8.2.3, "active column" solver transposed
 * to rows):
 *
 *   g_ij = a_ij − Σ_{k=max(f_i,f_j)}^{j−1} g_ik·l_jk,   l_ij = g_ij / d_j,   d_i = a_ii − Σ_j g_ij·l_ij
 *
 * No pivoting. This is stable for symmetric positive definite matrices and for complex
 * symmetric matrices K' + iK'' with K' positive definite and K'' positive semi-definite
 * (viscoelastic stiffness with E' > 0, E'' ≥ 0): every leading block is then non-singular
 * (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §10.4). Cost ≈ Σ_i w_i²/2
 * multiply–adds for row widths w_i; memory Σ_i w_i numbers (×2 for complex).
 */

/** The shape of a skyline matrix: first stored column per row and row offsets. */
export interface SkylineProfile {
  /** Order n. */
  readonly n: number;
  /** first[i] = smallest column j with a_ij stored (≤ i). */
  readonly first: Int32Array;
  /** Entry a_ij is at index offset[i] + (j − first[i]); offset has n + 1 entries. */
  readonly offset: Int32Array;
}

/**
 * Build a profile from, per row, the smallest column index coupled to it (−1 ⇒ diagonal only).
 * @param firstCol firstCol[i] ≤ i, or ≥ i / negative for "diagonal only"
 */
export function makeProfile(firstCol: ArrayLike<number>): SkylineProfile {
  const n = firstCol.length;
  const first = new Int32Array(n);
  const offset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const f = firstCol[i];
    first[i] = f >= 0 && f <= i ? f : i;
    offset[i + 1] = offset[i] + (i - first[i] + 1);
  }
  return { n, first, offset };
}

/**
 * The profile of a dense n × n matrix stored row-major with row stride `stride` (≥ n): a_ij at
 * i·stride + j. Lets dense blocks (the surrogate's Schur complements) use the same factorisation.
 */
export function denseProfile(n: number, stride = n): SkylineProfile {
  const first = new Int32Array(n);
  const offset = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) offset[i] = i * stride;
  return { n, first, offset };
}

/** Number of stored entries (the profile size). */
export function profileSize(p: SkylineProfile): number {
  return p.offset[p.n];
}

/** A real symmetric skyline matrix. */
export interface SkylineReal {
  readonly profile: SkylineProfile;
  readonly a: Float64Array;
}

/** A complex symmetric skyline matrix; entry k has real part re[k], imaginary part im[k]. */
export interface SkylineComplex {
  readonly profile: SkylineProfile;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Allocate a zero real skyline matrix. */
export function skylineReal(profile: SkylineProfile): SkylineReal {
  return { profile, a: new Float64Array(profileSize(profile)) };
}

/** Allocate a zero complex skyline matrix. */
export function skylineComplex(profile: SkylineProfile): SkylineComplex {
  const m = profileSize(profile);
  return { profile, re: new Float64Array(m), im: new Float64Array(m) };
}

/** Index of a_ij (j ≤ i, j ≥ first[i]) in the storage; −1 when outside the profile. */
export function skylineIndex(p: SkylineProfile, i: number, j: number): number {
  if (j > i) [i, j] = [j, i];
  if (j < p.first[i]) return -1;
  return p.offset[i] + (j - p.first[i]);
}

/**
 * In-place LDLᵀ factorisation of a real symmetric skyline matrix (see module doc).
 * Throws a RangeError naming the row when a pivot is zero or not finite.
 */
export function factorReal(m: SkylineReal): void {
  const { n, first, offset } = m.profile;
  const a = m.a;
  for (let i = 0; i < n; i++) {
    const fi = first[i];
    const oi = offset[i] - fi; // a_ik at oi + k
    for (let j = fi; j < i; j++) {
      const fj = first[j];
      const oj = offset[j] - fj;
      const k0 = fi > fj ? fi : fj;
      let s = a[oi + j];
      for (let k = k0; k < j; k++) s -= a[oi + k] * a[oj + k];
      a[oi + j] = s; // g_ij
    }
    let d = a[oi + i];
    for (let j = fi; j < i; j++) {
      const g = a[oi + j];
      const l = g / a[offset[j] + (j - first[j])];
      a[oi + j] = l;
      d -= g * l;
    }
    if (!(Number.isFinite(d) && d !== 0)) throw new RangeError(`factorReal: zero or non-finite pivot ${d} at row ${i}`);
    a[oi + i] = d;
  }
}

/** Solve (L D Lᵀ) x = b in place (b overwritten by x) after {@link factorReal}. */
export function solveReal(m: SkylineReal, b: Float64Array): Float64Array {
  const { n, first, offset } = m.profile;
  const a = m.a;
  for (let i = 0; i < n; i++) {
    const oi = offset[i] - first[i];
    let s = b[i];
    for (let k = first[i]; k < i; k++) s -= a[oi + k] * b[k];
    b[i] = s;
  }
  for (let i = 0; i < n; i++) b[i] /= a[offset[i] + (i - first[i])];
  for (let i = n - 1; i >= 0; i--) {
    const oi = offset[i] - first[i];
    const xi = b[i];
    for (let k = first[i]; k < i; k++) b[k] -= a[oi + k] * xi;
  }
  return b;
}

/**
 * In-place LDLᵀ factorisation of a complex symmetric skyline matrix (A = Aᵀ, not Hermitian):
 * the same recurrences as {@link factorReal} in complex arithmetic, no conjugation.
 */
export function factorComplex(m: SkylineComplex): void {
  const { n, first, offset } = m.profile;
  const re = m.re;
  const im = m.im;
  for (let i = 0; i < n; i++) {
    const fi = first[i];
    const oi = offset[i] - fi;
    for (let j = fi; j < i; j++) {
      const fj = first[j];
      const oj = offset[j] - fj;
      const k0 = fi > fj ? fi : fj;
      let sr = re[oi + j];
      let si = im[oi + j];
      for (let k = k0; k < j; k++) {
        const ar = re[oi + k];
        const ai = im[oi + k];
        const br = re[oj + k];
        const bi = im[oj + k];
        sr -= ar * br - ai * bi;
        si -= ar * bi + ai * br;
      }
      re[oi + j] = sr;
      im[oi + j] = si;
    }
    let dr = re[oi + i];
    let di = im[oi + i];
    for (let j = fi; j < i; j++) {
      const gr = re[oi + j];
      const gi = im[oi + j];
      const pj = offset[j] + (j - first[j]);
      const pr = re[pj];
      const pi = im[pj];
      const den = pr * pr + pi * pi;
      const lr = (gr * pr + gi * pi) / den;
      const li = (gi * pr - gr * pi) / den;
      re[oi + j] = lr;
      im[oi + j] = li;
      dr -= gr * lr - gi * li;
      di -= gr * li + gi * lr;
    }
    if (!(Number.isFinite(dr) && Number.isFinite(di) && (dr !== 0 || di !== 0))) {
      throw new RangeError(`factorComplex: zero or non-finite pivot (${dr}, ${di}) at row ${i}`);
    }
    re[oi + i] = dr;
    im[oi + i] = di;
  }
}

/** Solve (L D Lᵀ) x = b in place for complex b = br + i·bi after {@link factorComplex}. */
export function solveComplex(m: SkylineComplex, br: Float64Array, bi: Float64Array): void {
  const { n, first, offset } = m.profile;
  const re = m.re;
  const im = m.im;
  for (let i = 0; i < n; i++) {
    const oi = offset[i] - first[i];
    let sr = br[i];
    let si = bi[i];
    for (let k = first[i]; k < i; k++) {
      const lr = re[oi + k];
      const li = im[oi + k];
      sr -= lr * br[k] - li * bi[k];
      si -= lr * bi[k] + li * br[k];
    }
    br[i] = sr;
    bi[i] = si;
  }
  for (let i = 0; i < n; i++) {
    const p = offset[i] + (i - first[i]);
    const dr = re[p];
    const di = im[p];
    const den = dr * dr + di * di;
    const xr = (br[i] * dr + bi[i] * di) / den;
    const xi = (bi[i] * dr - br[i] * di) / den;
    br[i] = xr;
    bi[i] = xi;
  }
  for (let i = n - 1; i >= 0; i--) {
    const oi = offset[i] - first[i];
    const xr = br[i];
    const xi = bi[i];
    for (let k = first[i]; k < i; k++) {
      const lr = re[oi + k];
      const li = im[oi + k];
      br[k] -= lr * xr - li * xi;
      bi[k] -= lr * xi + li * xr;
    }
  }
}
