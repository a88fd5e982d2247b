/**
 * The 9-node axisymmetric element for the first Fourier harmonic in θ (semi-analytical Fourier
 * finite elements; Zienkiewicz, Taylor & Zhu, *The Finite Element Method: Its Basis and
 * Fundamentals*, 7th ed., §9.5 "axisymmetric solids with non-symmetric load"; Wilson 1965).
 *
 * Displacement field (harmonic n = 1, symmetric about the x–z plane):
 *
 *   u_r = U(r,z)·cosθ,   u_θ = −V(r,z)·sinθ,   u_z = W(r,z)·cosθ.
 *
 * With this sign choice a rigid translation by Δ along x is U = V = Δ, W = 0 (and a rotation
 * ω about y is U = V = ωz, W = −ωr), so both are exact null modes of the element. Strains:
 *
 *   ε_rr = U_,r cosθ,  ε_θθ = (U − V)/r cosθ,  ε_zz = W_,z cosθ,  γ_rz = (U_,z + W_,r) cosθ,
 *   γ_rθ = −[(U − V)/r + V_,r] sinθ,  γ_θz = −[V_,z + W/r] sinθ.
 *
 * Integrating the strain energy over θ (∫cos²θ = ∫sin²θ = π on [0, 2π], the cos/sin cross terms
 * vanish for an isotropic material) gives K = π ∫∫ Bᵀ D B r dr dz for the 6 amplitudes above.
 *
 * Near-incompressibility (ν → 0.5) is handled with the B-bar form of the Q9/P1 (Q2–P1) mixed
 * element: the energy splits into a deviatoric part 2μ e:e (full 3×3 Gauss) and a volumetric part
 * K ε̄_v² where ε̄_v is the L²(r dr dz)-projection of ε_v = U_,r + (U−V)/r + W_,z onto the
 * discontinuous pressure space {1, ξ, η} of the element (Hughes, *The Finite Element Method*,
 * §4.5; Q9/3 is LBB-stable). Condensed: K_vol = π Gᵀ M⁻¹ H M⁻¹ G with M = ∫P Pᵀ, G = ∫P b_vᵀ,
 * H = ∫K P Pᵀ (all with r dr dz). The material may vary inside an element (evaluated at each
 * Gauss point), and moduli are complex: μ* = E* /(2(1+ν)), K* = E* /(3(1−2ν)), ν real.
 */

/** A material-point evaluator: writes [E', E'', ν] at height z (m) into out. */
export type MaterialAt = (z: number, out: Float64Array) => void;

const G3 = [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)];
const W3 = [5 / 9, 8 / 9, 5 / 9];

function lag(x: number, out: Float64Array, dout: Float64Array): void {
  out[0] = 0.5 * x * (x - 1);
  out[1] = 1 - x * x;
  out[2] = 0.5 * x * (x + 1);
  dout[0] = x - 0.5;
  dout[1] = -2 * x;
  dout[2] = x + 0.5;
}

/** Q9 shape functions and natural derivatives at (ξ, η): N[k], Nx[k] = ∂N/∂ξ, Ne[k] = ∂N/∂η, k = 3b + a. */
export function shapeQ9(xi: number, eta: number, N: Float64Array, Nx: Float64Array, Ne: Float64Array): void {
  const lx = new Float64Array(3);
  const dlx = new Float64Array(3);
  const le = new Float64Array(3);
  const dle = new Float64Array(3);
  lag(xi, lx, dlx);
  lag(eta, le, dle);
  for (let bb = 0; bb < 3; bb++) {
    for (let aa = 0; aa < 3; aa++) {
      const k = 3 * bb + aa;
      N[k] = lx[aa] * le[bb];
      Nx[k] = dlx[aa] * le[bb];
      Ne[k] = lx[aa] * dle[bb];
    }
  }
}

interface GaussTable {
  readonly xi: Float64Array;
  readonly eta: Float64Array;
  readonly w: Float64Array;
  readonly N: Float64Array[];
  readonly Nx: Float64Array[];
  readonly Ne: Float64Array[];
}

const GAUSS: GaussTable = (() => {
  const xi = new Float64Array(9);
  const eta = new Float64Array(9);
  const w = new Float64Array(9);
  const N: Float64Array[] = [];
  const Nx: Float64Array[] = [];
  const Ne: Float64Array[] = [];
  let g = 0;
  for (let j = 0; j < 3; j++) {
    for (let i = 0; i < 3; i++) {
      xi[g] = G3[i];
      eta[g] = G3[j];
      w[g] = W3[i] * W3[j];
      const n = new Float64Array(9);
      const nx = new Float64Array(9);
      const ne = new Float64Array(9);
      shapeQ9(G3[i], G3[j], n, nx, ne);
      N.push(n);
      Nx.push(nx);
      Ne.push(ne);
      g++;
    }
  }
  return { xi, eta, w, N, Nx, Ne };
})();

/** Scratch arrays for one element evaluation (reuse across elements; not thread-shared). */
export interface ElementScratch {
  readonly B: Float64Array; // 6 × 27
  readonly DB: Float64Array; // 6 × 27
  readonly dNr: Float64Array;
  readonly dNz: Float64Array;
  readonly mat: Float64Array;
  readonly G: Float64Array; // 3 × 27
  readonly M: Float64Array; // 3 × 3
  readonly Hre: Float64Array;
  readonly Him: Float64Array;
  readonly geo: Float64Array;
  readonly Pv: Float64Array;
}

/** Allocate scratch space for {@link elementStiffness}. */
export function elementScratch(): ElementScratch {
  return {
    B: new Float64Array(6 * 27),
    DB: new Float64Array(6 * 27),
    dNr: new Float64Array(9),
    dNz: new Float64Array(9),
    mat: new Float64Array(3),
    G: new Float64Array(81),
    M: new Float64Array(9),
    Hre: new Float64Array(9),
    Him: new Float64Array(9),
    geo: new Float64Array(3),
    Pv: new Float64Array(3),
  };
}

/**
 * Fill the 6×27 strain–displacement matrix B (rows ε_rr, ε_θθ, ε_zz, γ_rz, γ_rθ, γ_θz amplitudes;
 * columns U_k, V_k, W_k of node k at 3k, 3k+1, 3k+2) at a point with shape values N and
 * physical derivatives dNr, dNz at radius r.
 */
export function fillB(B: Float64Array, N: Float64Array, dNr: Float64Array, dNz: Float64Array, r: number): void {
  B.fill(0);
  const ir = 1 / r;
  for (let k = 0; k < 9; k++) {
    const cU = 3 * k;
    const cV = cU + 1;
    const cW = cU + 2;
    const n = N[k] * ir;
    B[0 * 27 + cU] = dNr[k];
    B[1 * 27 + cU] = n;
    B[1 * 27 + cV] = -n;
    B[2 * 27 + cW] = dNz[k];
    B[3 * 27 + cU] = dNz[k];
    B[3 * 27 + cW] = dNr[k];
    B[4 * 27 + cU] = n;
    B[4 * 27 + cV] = dNr[k] - n;
    B[5 * 27 + cV] = dNz[k];
    B[5 * 27 + cW] = n;
  }
}

/**
 * Map natural derivatives to physical ones at a point; returns [r, z, detJ] (throws for
 * detJ ≤ 0, an inverted element).
 */
export function physicalDerivatives(
  xr: ArrayLike<number>,
  xz: ArrayLike<number>,
  N: Float64Array,
  Nx: Float64Array,
  Ne: Float64Array,
  dNr: Float64Array,
  dNz: Float64Array,
): [number, number, number] {
  const geo = new Float64Array(3);
  physicalDerivativesInto(xr, xz, N, Nx, Ne, dNr, dNz, geo);
  return [geo[0], geo[1], geo[2]];
}

/** As {@link physicalDerivatives}, writing [r, z, detJ] into `geo` (no allocation). */
export function physicalDerivativesInto(
  xr: ArrayLike<number>,
  xz: ArrayLike<number>,
  N: Float64Array,
  Nx: Float64Array,
  Ne: Float64Array,
  dNr: Float64Array,
  dNz: Float64Array,
  geo: Float64Array,
): void {
  let r = 0;
  let z = 0;
  let j11 = 0;
  let j12 = 0;
  let j21 = 0;
  let j22 = 0;
  for (let k = 0; k < 9; k++) {
    r += N[k] * xr[k];
    z += N[k] * xz[k];
    j11 += Nx[k] * xr[k];
    j12 += Nx[k] * xz[k];
    j21 += Ne[k] * xr[k];
    j22 += Ne[k] * xz[k];
  }
  const det = j11 * j22 - j12 * j21;
  if (!(det > 0)) throw new RangeError(`FEA element with non-positive Jacobian ${det} near r = ${r}, z = ${z}`);
  const i11 = j22 / det;
  const i12 = -j12 / det;
  const i21 = -j21 / det;
  const i22 = j11 / det;
  for (let k = 0; k < 9; k++) {
    dNr[k] = i11 * Nx[k] + i12 * Ne[k];
    dNz[k] = i21 * Nx[k] + i22 * Ne[k];
  }
  geo[0] = r;
  geo[1] = z;
  geo[2] = det;
}

function inv3(M: Float64Array, out: Float64Array): void {
  const [a, b, c, d, e, f, g, h, i] = M;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  out[0] = A / det;
  out[1] = -(b * i - c * h) / det;
  out[2] = (b * f - c * e) / det;
  out[3] = B / det;
  out[4] = (a * i - c * g) / det;
  out[5] = -(a * f - c * d) / det;
  out[6] = C / det;
  out[7] = -(a * h - b * g) / det;
  out[8] = (a * e - b * d) / det;
}

/**
 * Complex 27×27 stiffness of one Q9 element (row-major, dof 3k+c for node k, c ∈ {U,V,W}):
 * K = π∫[μ* Bᵀ D_dev B] r dr dz + π Gᵀ M⁻¹ H* M⁻¹ G (see module doc). `Kim` may be null when
 * all moduli are real (then only the real part is formed, using E' only).
 * @param xr,xz node coordinates r, z (m) in local order
 * @param material E', E'', ν at height z
 */
export function elementStiffness(
  xr: ArrayLike<number>,
  xz: ArrayLike<number>,
  material: MaterialAt,
  Kre: Float64Array,
  Kim: Float64Array | null,
  s: ElementScratch = elementScratch(),
): void {
  Kre.fill(0);
  if (Kim) Kim.fill(0);
  const { B, DB, dNr, dNz, mat, G, M, Hre, Him } = s;
  G.fill(0);
  M.fill(0);
  Hre.fill(0);
  Him.fill(0);
  const third = 1 / 3;
  const geo = s.geo;
  for (let g = 0; g < 9; g++) {
    physicalDerivativesInto(xr, xz, GAUSS.N[g], GAUSS.Nx[g], GAUSS.Ne[g], dNr, dNz, geo);
    const r = geo[0];
    const z = geo[1];
    const det = geo[2];
    material(z, mat);
    const Er = mat[0];
    const Ei = mat[1];
    const nu = mat[2];
    const gm = 1 / (2 * (1 + nu));
    const kb = 1 / (3 * (1 - 2 * nu));
    const dV = Math.PI * GAUSS.w[g] * det * r;
    fillB(B, GAUSS.N[g], dNr, dNz, r);
    // DB = D_dev B (unit shear modulus): normal rows 2(I − 11ᵀ/3), shear rows ×1
    for (let c = 0; c < 27; c++) {
      const b0 = B[c];
      const b1 = B[27 + c];
      const b2 = B[54 + c];
      const tr = (b0 + b1 + b2) * third;
      DB[c] = 2 * (b0 - tr);
      DB[27 + c] = 2 * (b1 - tr);
      DB[54 + c] = 2 * (b2 - tr);
      DB[81 + c] = B[81 + c];
      DB[108 + c] = B[108 + c];
      DB[135 + c] = B[135 + c];
    }
    const mr = Er * gm * dV;
    const mi = Ei * gm * dV;
    // lower triangle q ≤ p, using the sparsity of B's column p (U: rows 0,1,3,4; V: 1,4,5; W: 2,3,5)
    for (let p = 0; p < 27; p++) {
      const row = 27 * p;
      const c = p % 3;
      if (c === 0) {
        const x0 = B[p];
        const x1 = B[27 + p];
        const x3 = B[81 + p];
        const x4 = B[108 + p];
        for (let q = 0; q <= p; q++) {
          const v = x0 * DB[q] + x1 * DB[27 + q] + x3 * DB[81 + q] + x4 * DB[108 + q];
          Kre[row + q] += mr * v;
          if (Kim) Kim[row + q] += mi * v;
        }
      } else if (c === 1) {
        const x1 = B[27 + p];
        const x4 = B[108 + p];
        const x5 = B[135 + p];
        for (let q = 0; q <= p; q++) {
          const v = x1 * DB[27 + q] + x4 * DB[108 + q] + x5 * DB[135 + q];
          Kre[row + q] += mr * v;
          if (Kim) Kim[row + q] += mi * v;
        }
      } else {
        const x2 = B[54 + p];
        const x3 = B[81 + p];
        const x5 = B[135 + p];
        for (let q = 0; q <= p; q++) {
          const v = x2 * DB[54 + q] + x3 * DB[81 + q] + x5 * DB[135 + q];
          Kre[row + q] += mr * v;
          if (Kim) Kim[row + q] += mi * v;
        }
      }
    }
    // volumetric projection data, pressure basis P = [1, ξ, η]
    const P1 = GAUSS.xi[g];
    const P2 = GAUSS.eta[g];
    const Pv = s.Pv;
    Pv[0] = 1;
    Pv[1] = P1;
    Pv[2] = P2;
    for (let a = 0; a < 3; a++) {
      for (let c = 0; c < 3; c++) {
        const v = Pv[a] * Pv[c] * dV;
        M[3 * a + c] += v;
        Hre[3 * a + c] += Er * kb * v;
        Him[3 * a + c] += Ei * kb * v;
      }
      const pa = Pv[a] * dV;
      for (let c = 0; c < 27; c++) G[27 * a + c] += pa * (B[c] + B[27 + c] + B[54 + c]);
    }
  }
  // mirror the deviatoric lower triangle
  for (let p = 0; p < 27; p++) {
    for (let q = p + 1; q < 27; q++) {
      Kre[27 * p + q] = Kre[27 * q + p];
      if (Kim) Kim[27 * p + q] = Kim[27 * q + p];
    }
  }
  // K_vol = Gᵀ M⁻¹ H M⁻¹ G / π … dV already carries π in M, G, H: (πG)ᵀ(πM)⁻¹(πH)(πM)⁻¹(πG) = π Gᵀ M⁻¹ H M⁻¹ G
  const Mi = new Float64Array(9);
  inv3(M, Mi);
  const Cre = mul3(mul3(Mi, Hre), Mi);
  const Ci = Kim ? mul3(mul3(Mi, Him), Mi) : null;
  const CGr = new Float64Array(81);
  const CGi = Ci ? new Float64Array(81) : null;
  for (let a = 0; a < 3; a++) {
    for (let c = 0; c < 27; c++) {
      let sr = 0;
      let si = 0;
      for (let e = 0; e < 3; e++) {
        sr += Cre[3 * a + e] * G[27 * e + c];
        if (Ci) si += Ci[3 * a + e] * G[27 * e + c];
      }
      CGr[27 * a + c] = sr;
      if (CGi) CGi[27 * a + c] = si;
    }
  }
  for (let p = 0; p < 27; p++) {
    const g0 = G[p];
    const g1 = G[27 + p];
    const g2 = G[54 + p];
    const row = 27 * p;
    for (let q = 0; q < 27; q++) {
      Kre[row + q] += g0 * CGr[q] + g1 * CGr[27 + q] + g2 * CGr[54 + q];
      if (Kim && CGi) Kim[row + q] += g0 * CGi[q] + g1 * CGi[27 + q] + g2 * CGi[54 + q];
    }
  }
}

function mul3(A: Float64Array, B: Float64Array): Float64Array {
  const C = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) C[3 * i + j] = A[3 * i] * B[j] + A[3 * i + 1] * B[3 + j] + A[3 * i + 2] * B[6 + j];
  return C;
}

/**
 * Stress amplitudes at natural point (ξ, η) of an element from nodal displacement amplitudes
 * (complex, separate re/im arrays of length 27). Writes 6 complex components in the order
 * σ_rr, σ_θθ, σ_zz, σ_rz (∝ cosθ), σ_rθ, σ_θz (∝ −sinθ, same sign convention as u_θ),
 * using the B-bar volumetric strain. Returns [r, z]. Units Pa when u is in m and moduli in Pa.
 */
export function elementStress(
  xr: ArrayLike<number>,
  xz: ArrayLike<number>,
  material: MaterialAt,
  ure: ArrayLike<number>,
  uim: ArrayLike<number>,
  xi: number,
  eta: number,
  outRe: Float64Array,
  outIm: Float64Array,
): [number, number] {
  const s = elementScratch();
  // projected volumetric strain: ε̄_v(ξ,η) = P(ξ,η)ᵀ M⁻¹ G u
  const Mi = new Float64Array(9);
  const Gu = [0, 0, 0, 0, 0, 0];
  for (let g = 0; g < 9; g++) {
    const [r, , det] = physicalDerivatives(xr, xz, GAUSS.N[g], GAUSS.Nx[g], GAUSS.Ne[g], s.dNr, s.dNz);
    const dV = GAUSS.w[g] * det * r;
    fillB(s.B, GAUSS.N[g], s.dNr, s.dNz, r);
    const Pv = [1, GAUSS.xi[g], GAUSS.eta[g]];
    let evr = 0;
    let evi = 0;
    for (let c = 0; c < 27; c++) {
      const bv = s.B[c] + s.B[27 + c] + s.B[54 + c];
      evr += bv * ure[c];
      evi += bv * uim[c];
    }
    for (let a = 0; a < 3; a++) {
      for (let c = 0; c < 3; c++) s.M[3 * a + c] += Pv[a] * Pv[c] * dV;
      Gu[a] += Pv[a] * dV * evr;
      Gu[3 + a] += Pv[a] * dV * evi;
    }
  }
  inv3(s.M, Mi);
  const N = new Float64Array(9);
  const Nx = new Float64Array(9);
  const Ne = new Float64Array(9);
  shapeQ9(xi, eta, N, Nx, Ne);
  const [r, z] = physicalDerivatives(xr, xz, N, Nx, Ne, s.dNr, s.dNz);
  fillB(s.B, N, s.dNr, s.dNz, r);
  const Pv = [1, xi, eta];
  let evr = 0;
  let evi = 0;
  for (let a = 0; a < 3; a++) {
    for (let c = 0; c < 3; c++) {
      evr += Pv[a] * Mi[3 * a + c] * Gu[c];
      evi += Pv[a] * Mi[3 * a + c] * Gu[3 + c];
    }
  }
  const er = new Float64Array(6);
  const ei = new Float64Array(6);
  for (let row = 0; row < 6; row++) {
    let sr = 0;
    let si = 0;
    for (let c = 0; c < 27; c++) {
      sr += s.B[27 * row + c] * ure[c];
      si += s.B[27 * row + c] * uim[c];
    }
    er[row] = sr;
    ei[row] = si;
  }
  material(z, s.mat);
  const nu = s.mat[2];
  const muR = s.mat[0] / (2 * (1 + nu));
  const muI = s.mat[1] / (2 * (1 + nu));
  const kR = s.mat[0] / (3 * (1 - 2 * nu));
  const kI = s.mat[1] / (3 * (1 - 2 * nu));
  const trR = (er[0] + er[1] + er[2]) / 3;
  const trI = (ei[0] + ei[1] + ei[2]) / 3;
  // p-part: K ε̄_v (complex product)
  const pR = kR * evr - kI * evi;
  const pI = kR * evi + kI * evr;
  for (let c = 0; c < 6; c++) {
    const isNormal = c < 3;
    const dR = isNormal ? 2 * (er[c] - trR) : er[c];
    const dI = isNormal ? 2 * (ei[c] - trI) : ei[c];
    outRe[c] = muR * dR - muI * dI + (isNormal ? pR : 0);
    outIm[c] = muR * dI + muI * dR + (isNormal ? pI : 0);
  }
  return [r, z];
}

/**
 * Strain-energy density per unit Young's modulus at the 9 Gauss points of an element, for
 * complex displacement amplitudes u (re/im, 27 each): w_g = π·w·detJ·r·εᵀD(E = 1, ν(z))ε
 * (unconjugated, so that Σ_g E*(z_g)·w_g = uᵀK u) with the B-bar volumetric strain. Writes the
 * Gauss-point heights z (m) and w (m³·m²/m² = m³ per unit strain², i.e. J/Pa) into the outputs.
 * Used for the sensitivity kernel ∂F* /∂E*(z) = Σ_{z_g ∈ bin} w_g / A_l (Hellmann–Feynman: the
 * derivative of the minimum energy is the partial derivative at the optimum).
 */
export function elementGaussEnergies(
  xr: ArrayLike<number>,
  xz: ArrayLike<number>,
  material: MaterialAt,
  ure: ArrayLike<number>,
  uim: ArrayLike<number>,
  outZ: Float64Array,
  outRe: Float64Array,
  outIm: Float64Array,
): void {
  const s = elementScratch();
  const geo = s.geo;
  const evR = new Float64Array(9);
  const evI = new Float64Array(9);
  const dVs = new Float64Array(9);
  const eR = new Float64Array(54);
  const eI = new Float64Array(54);
  const Gu = new Float64Array(6);
  s.M.fill(0);
  for (let g = 0; g < 9; g++) {
    physicalDerivativesInto(xr, xz, GAUSS.N[g], GAUSS.Nx[g], GAUSS.Ne[g], s.dNr, s.dNz, geo);
    const r = geo[0];
    outZ[g] = geo[1];
    const dV = Math.PI * GAUSS.w[g] * geo[2] * r;
    dVs[g] = dV;
    fillB(s.B, GAUSS.N[g], s.dNr, s.dNz, r);
    for (let row = 0; row < 6; row++) {
      let a = 0;
      let b = 0;
      for (let c = 0; c < 27; c++) {
        a += s.B[27 * row + c] * ure[c];
        b += s.B[27 * row + c] * uim[c];
      }
      eR[6 * g + row] = a;
      eI[6 * g + row] = b;
    }
    evR[g] = eR[6 * g] + eR[6 * g + 1] + eR[6 * g + 2];
    evI[g] = eI[6 * g] + eI[6 * g + 1] + eI[6 * g + 2];
    const Pv = [1, GAUSS.xi[g], GAUSS.eta[g]];
    for (let a = 0; a < 3; a++) {
      for (let c = 0; c < 3; c++) s.M[3 * a + c] += Pv[a] * Pv[c] * dV;
      Gu[a] += Pv[a] * dV * evR[g];
      Gu[3 + a] += Pv[a] * dV * evI[g];
    }
  }
  const Mi = new Float64Array(9);
  inv3(s.M, Mi);
  const cR = [0, 0, 0];
  const cI = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    for (let c = 0; c < 3; c++) {
      cR[a] += Mi[3 * a + c] * Gu[c];
      cI[a] += Mi[3 * a + c] * Gu[3 + c];
    }
  }
  for (let g = 0; g < 9; g++) {
    material(outZ[g], s.mat);
    const nu = s.mat[2];
    const mu = 1 / (2 * (1 + nu));
    const kb = 1 / (3 * (1 - 2 * nu));
    const vbR = cR[0] + cR[1] * GAUSS.xi[g] + cR[2] * GAUSS.eta[g];
    const vbI = cI[0] + cI[1] * GAUSS.xi[g] + cI[2] * GAUSS.eta[g];
    const trR = evR[g] / 3;
    const trI = evI[g] / 3;
    let wR = kb * (vbR * vbR - vbI * vbI);
    let wI = kb * 2 * vbR * vbI;
    for (let c = 0; c < 6; c++) {
      const isN = c < 3;
      const dR = isN ? eR[6 * g + c] - trR : eR[6 * g + c];
      const dI = isN ? eI[6 * g + c] - trI : eI[6 * g + c];
      const f = isN ? 2 * mu : mu;
      wR += f * (dR * dR - dI * dI);
      wI += f * 2 * dR * dI;
    }
    outRe[g] = wR * dVs[g];
    outIm[g] = wI * dVs[g];
  }
}
