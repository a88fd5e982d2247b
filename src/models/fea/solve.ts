/**
 * FEA-lite for the NRM lateral force: a rigid tip held still in a layered viscoelastic film whose
 * electrode (and far field) is dithered laterally by A_l — `002_bf87beaba622041e.txt` §4, Fig. 2.
 *
 * Problem (frequency domain, quasi-static, linear viscoelastic — inertia is negligible at 1 kHz
 * for a 100 nm film: ω²ρh² / G ~ 10⁻¹⁰):
 *
 *   ∇·σ = 0 in the film,  σ = 2μ*(ω) ε_dev + K*(ω) tr(ε) I,
 *   u = A_l e_x on the electrode z = 0 (bonded; or roller u_z = 0 for verification),
 *   u = A_l e_x on r = b (far field moves with the electrode; or traction-free),
 *   σ·n = 0 on the top z = h outside the tip (or roller for verification),
 *   u = 0 on the tip–film interface (rigid tip held still, bonded).
 *
 * Equivalently the tip is displaced by −A_l in a film held at rest. The load is a pure first
 * Fourier harmonic in θ, so the 3D field is exactly u_r = U cosθ, u_θ = −V sinθ, u_z = W cosθ
 * (element.ts) and a 2D mesh in (r, z) suffices. The lateral force on the tip (N, along +x, the
 * dither direction, complex: in-phase + i·out-of-phase) is
 *
 *   F_l* = −Σ_{tip nodes} (R_U + R_V),   R = K u  (nodal reactions; K already carries the
 *                                                   factor π = ∫cos²θ dθ = ∫sin²θ dθ)
 *
 * because the generalised force conjugate to a rigid x-translation (U = V = Δ) is
 * F_x = π∫(T_r + T_θ) r ds = Σ(R_U + R_V). Check: F_l*·A_l = uᵀK u (twice the strain energy).
 */
import { type Complex } from '../complex.js';
import { checkFilm, filmProfile, type Film, type FilmProfile, hasUniformLossAngle } from '../film/film.js';
import { FREQUENCY_PARAM } from '../film/modulus.js';
import { checkParam, ParamError, type ParamProblem, type ParamTable } from '../params.js';
import { elementGaussEnergies, elementScratch, elementStiffness, elementStress, type MaterialAt } from './element.js';
import { buildMesh, type FeaMesh, type MeshOptions, NODE_AXIS, NODE_ELECTRODE, NODE_FAR, NODE_TIP, NODE_TOP } from './mesh.js';
import { factorComplex, factorReal, makeProfile, profileSize, skylineComplex, skylineReal, solveComplex, solveReal } from './skyline.js';
import { checkTip, type TipGeometry } from './tip.js';

/** The lateral dither of the NRM sample (002 §4: d_l(t) = A_l cos(2πft)). */
export interface Dither {
  /** Dither amplitude A_l, m. */
  readonly amplitude: number;
  /** Dither frequency f, Hz. */
  readonly frequency: number;
}

/** Far-field boundary r = b: moves with the electrode, or is traction-free. */
export type FarFieldCondition = 'moving' | 'free';
/** Electrode (bottom) condition: bonded (moves by A_l), or frictionless roller (u_z = 0). */
export type ElectrodeCondition = 'bonded' | 'roller';
/** Top-surface condition outside the tip: traction-free, or roller (u_z = 0; verification only). */
export type TopCondition = 'free' | 'roller';

/** Boundary/domain options of the FEA-lite. */
export interface FeaOptions {
  /** Domain radius b, m (default 300 nm, the calculator default). */
  readonly domainRadius?: number;
  readonly farField?: FarFieldCondition;
  readonly electrode?: ElectrodeCondition;
  readonly top?: TopCondition;
  readonly mesh?: MeshOptions;
  /** Keep the displacement field in the result (default true). */
  readonly keepFields?: boolean;
  /**
   * `'auto'` (default): real arithmetic when every layer has the same loss angle (then
   * F* = F(E')·(1 + i tanδ) exactly, by the correspondence principle), complex otherwise;
   * `'complex'`: always complex (used by the tests to verify that shortcut).
   */
  readonly arithmetic?: 'auto' | 'complex';
}

/** FEA-lite parameter table (SI). */
export const FEA_PARAMS = {
  amplitude: { unit: 'm', min: 0, exclusiveMin: true, max: 1e-6, default: 2e-9, doc: 'lateral dither amplitude A_l', source: '002_bf87beaba622041e.txt §4 (2 nm; 0.5–2 nm used)' },
  frequency: FREQUENCY_PARAM,
  domainRadius: { unit: 'm', min: 0, exclusiveMin: true, max: 1e-3, default: 300e-9, doc: 'radius b of the simulated film disc (far boundary)' },
  depth: { unit: 'm', min: 0, exclusiveMin: true, max: 1e-5, doc: 'apex depth z_p of the tip below the film top' },
  refinement: { unit: '1', min: 1, max: 16, integer: true, default: 1, doc: 'mesh refinement m (each base element split m × m)' },
  tipElementSize: { unit: '1', min: 0.005, max: 1, default: 0.25, doc: 'base element size at the tip / min(r_t, h)' },
  growth: { unit: '1', min: 1, max: 3, default: 1.7, doc: 'geometric growth ratio of base element sizes' },
} as const satisfies ParamTable;

/** One solved lateral-force problem. */
export interface LateralSolution {
  /** Complex lateral force on the tip along the dither direction +x, N. */
  readonly force: Complex;
  /** Apex depth below the film top, m. */
  readonly depth: number;
  readonly mesh: FeaMesh;
  /** Nodal displacement amplitudes (m): u_r = U cosθ, u_θ = −V sinθ, u_z = W cosθ; re/im parts. */
  readonly U?: { readonly re: Float64Array; readonly im: Float64Array };
  readonly V?: { readonly re: Float64Array; readonly im: Float64Array };
  readonly W?: { readonly re: Float64Array; readonly im: Float64Array };
  /** Solver statistics: free DOFs, skyline profile size, whether real arithmetic sufficed. */
  readonly stats: {
    readonly dofs: number;
    readonly profile: number;
    readonly realArithmetic: boolean;
    readonly elements: number;
    /**
     * |F_tip − F_bnd| / |F_tip| where F_bnd = Σ(R_U + R_V) over the dithered boundary nodes
     * (electrode, far field): global equilibrium, an independent check of the force (≈ 1e-12).
     */
    readonly equilibriumResidual: number;
  };
  /** Context for post-processing (stress fields). */
  readonly context: { readonly film: Film; readonly frequency: number; readonly amplitude: number };
}

/** Check all inputs of {@link solveLateral}; returns every problem. */
export function checkLateralInputs(film: Film, tip: TipGeometry, dither: Dither, depth: number, options: FeaOptions = {}): ParamProblem[] {
  const out: ParamProblem[] = [...checkFilm(film), ...checkTip(tip)];
  const push = (p: ParamProblem | undefined): void => {
    if (p) out.push(p);
  };
  push(checkParam('dither.amplitude', dither?.amplitude, FEA_PARAMS.amplitude));
  push(checkParam('dither.frequency', dither?.frequency, FEA_PARAMS.frequency));
  push(checkParam('depth', depth, FEA_PARAMS.depth));
  if (options.domainRadius !== undefined) push(checkParam('domainRadius', options.domainRadius, FEA_PARAMS.domainRadius));
  const m = options.mesh ?? {};
  if (m.refinement !== undefined) push(checkParam('mesh.refinement', m.refinement, FEA_PARAMS.refinement));
  if (m.tipElementSize !== undefined) push(checkParam('mesh.tipElementSize', m.tipElementSize, FEA_PARAMS.tipElementSize));
  if (m.growth !== undefined) push(checkParam('mesh.growth', m.growth, FEA_PARAMS.growth));
  if (out.length === 0) {
    let h = 0;
    for (const l of film.layers) h += l.thickness;
    const maxDepth = tip.shape === 'flat' ? h : h * (1 - 1e-3);
    if (depth > maxDepth) out.push({ path: 'depth', value: depth, message: tip.shape === 'flat' ? 'deeper than the film' : 'a round/cone tip must stay above the electrode', expected: `(0, ${maxDepth}] m` });
    const b = options.domainRadius ?? FEA_PARAMS.domainRadius.default;
    const rTop = tip.shape === 'cone' ? tip.radius + depth * Math.tan(tip.coneHalfAngle ?? 0) : tip.radius;
    if (b < 2 * rTop) out.push({ path: 'domainRadius', value: b, message: 'domain radius too small for the tip', expected: `>= ${2 * rTop} m (2 × contact radius)` });
  }
  return out;
}

function materialFor(profile: FilmProfile, realOnly: boolean): MaterialAt {
  return (z: number, out: Float64Array) => {
    profile.at(z, out);
    if (realOnly) out[1] = 0;
  };
}

/** DOF numbering: eq[3n + c] ≥ 0 free equation (shared for V at axis nodes), −1 constrained with value val. */
interface DofMap {
  readonly eq: Int32Array;
  readonly val: Float64Array;
  readonly n: number;
}

function numberDofs(mesh: FeaMesh, A: number, o: Required<Pick<FeaOptions, 'farField' | 'electrode' | 'top'>>, order: Int32Array): DofMap {
  const N = mesh.nodeCount;
  const eq = new Int32Array(3 * N);
  const val = new Float64Array(3 * N);
  const free = new Uint8Array(3 * N).fill(1);
  for (let k = 0; k < N; k++) {
    const f = mesh.flags[k];
    const fix = (c: number, v: number): void => {
      free[3 * k + c] = 0;
      val[3 * k + c] = v;
    };
    if (f & NODE_TIP) {
      fix(0, 0);
      fix(1, 0);
      fix(2, 0);
      continue;
    }
    if (f & NODE_ELECTRODE) {
      if (o.electrode === 'bonded') {
        fix(0, A);
        fix(1, A);
      }
      fix(2, 0);
    }
    if (f & NODE_FAR && o.farField === 'moving') {
      fix(0, A);
      fix(1, A);
      fix(2, 0);
    }
    if (f & NODE_TOP && o.top === 'roller') fix(2, 0);
    if (f & NODE_AXIS) fix(2, 0);
  }
  let n = 0;
  eq.fill(-1);
  for (let s = 0; s < N; s++) {
    const k = order[s];
    const axis = (mesh.flags[k] & NODE_AXIS) !== 0;
    for (let c = 0; c < 3; c++) {
      if (!free[3 * k + c]) continue;
      if (axis && c === 1 && free[3 * k]) {
        eq[3 * k + 1] = eq[3 * k]; // V ≡ U on the axis (regularity of the n = 1 harmonic)
        continue;
      }
      eq[3 * k + c] = n++;
    }
  }
  return { eq, val, n };
}

function firstColumns(mesh: FeaMesh, dm: DofMap): Int32Array {
  const first = new Int32Array(dm.n).fill(-1);
  for (let i = 0; i < dm.n; i++) first[i] = i;
  const E = mesh.elements;
  for (let e = 0; e < mesh.elementCount; e++) {
    let mn = Infinity;
    for (let k = 0; k < 9; k++) {
      const nd = E[9 * e + k];
      for (let c = 0; c < 3; c++) {
        const q = dm.eq[3 * nd + c];
        if (q >= 0 && q < mn) mn = q;
      }
    }
    for (let k = 0; k < 9; k++) {
      const nd = E[9 * e + k];
      for (let c = 0; c < 3; c++) {
        const q = dm.eq[3 * nd + c];
        if (q >= 0 && mn < first[q]) first[q] = mn;
      }
    }
  }
  return first;
}

function profileOf(first: Int32Array): number {
  let s = 0;
  for (let i = 0; i < first.length; i++) s += i - first[i] + 1;
  return s;
}

/** Node orders along grid rows (r fastest) and along grid columns (z fastest). */
function gridOrders(mesh: FeaMesh): [Int32Array, Int32Array] {
  const rowMajor: number[] = [];
  const colMajor: number[] = [];
  for (let j = 0; j < mesh.NJ; j++) for (let i = 0; i < mesh.NI; i++) {
    const n = mesh.grid[j * mesh.NI + i];
    if (n >= 0) rowMajor.push(n);
  }
  for (let i = 0; i < mesh.NI; i++) for (let j = 0; j < mesh.NJ; j++) {
    const n = mesh.grid[j * mesh.NI + i];
    if (n >= 0) colMajor.push(n);
  }
  return [Int32Array.from(rowMajor), Int32Array.from(colMajor)];
}

/**
 * Solve the FEA-lite lateral-force problem for one apex depth (see module doc).
 *
 * Inputs in SI: film (layers, heights from the electrode), tip (radius m, half-angle rad),
 * dither (A_l in m, f in Hz), depth z_p (m, apex below the film top). Returns the complex force
 * F_l* (N) on the tip along +x and, unless `keepFields: false`, the nodal displacement amplitudes.
 * Validates first and throws a ParamError naming every bad input.
 * Implements `002_bf87beaba622041e.txt` §4 (FEA behind Eq. 4–5, Fig. 2a–e).
 */
export function solveLateral(film: Film, tip: TipGeometry, dither: Dither, depth: number, options: FeaOptions = {}): LateralSolution {
  const problems = checkLateralInputs(film, tip, dither, depth, options);
  if (problems.length > 0) throw new ParamError(problems);
  const profile = filmProfile(film, dither.frequency);
  return solvePrepared(profile, film, tip, dither, depth, options);
}

/** Solve with an already validated and evaluated film profile (internal fast path). */
export function solvePrepared(profile: FilmProfile, film: Film, tip: TipGeometry, dither: Dither, depth: number, options: FeaOptions = {}): LateralSolution {
  const A = dither.amplitude;
  const bc = { farField: options.farField ?? 'moving', electrode: options.electrode ?? 'bonded', top: options.top ?? 'free' } as const;
  const mesh = buildMesh({ thickness: profile.thickness, domainRadius: options.domainRadius ?? FEA_PARAMS.domainRadius.default, tip, depth, breakpoints: profile.boundaries }, options.mesh ?? {});
  const realOnly = (options.arithmetic ?? 'auto') === 'auto' && hasUniformLossAngle(profile);
  const tanDelta = realOnly ? profile.layerModuli[0].im / profile.layerModuli[0].re : 0;
  const material = materialFor(profile, realOnly);

  // choose the node order with the smaller skyline
  const [o1, o2] = gridOrders(mesh);
  let dm = numberDofs(mesh, A, bc, o1);
  let first = firstColumns(mesh, dm);
  const dm2 = numberDofs(mesh, A, bc, o2);
  const first2 = firstColumns(mesh, dm2);
  if (profileOf(first2) < profileOf(first)) {
    dm = dm2;
    first = first2;
  }
  const prof = makeProfile(first);
  const n = dm.n;
  const rhsR = new Float64Array(n);
  const rhsI = new Float64Array(n);
  const Kr = new Float64Array(729);
  const Ki = realOnly ? null : new Float64Array(729);
  const scratch = elementScratch();
  const xr = new Float64Array(9);
  const xz = new Float64Array(9);
  const eqs = new Int32Array(27);
  const vals = new Float64Array(27);
  const tipElements: { e: number; Kr: Float64Array; Ki: Float64Array | null }[] = [];
  const E = mesh.elements;
  const skR = realOnly ? skylineReal(prof) : null;
  const skC = realOnly ? null : skylineComplex(prof);
  const { first: fst, offset } = prof;
  for (let e = 0; e < mesh.elementCount; e++) {
    let touchesTip = false;
    for (let k = 0; k < 9; k++) {
      const nd = E[9 * e + k];
      xr[k] = mesh.r[nd];
      xz[k] = mesh.z[nd];
      if (mesh.flags[nd] & (NODE_TIP | NODE_ELECTRODE | NODE_FAR)) touchesTip = true;
      for (let c = 0; c < 3; c++) {
        eqs[3 * k + c] = dm.eq[3 * nd + c];
        vals[3 * k + c] = dm.val[3 * nd + c];
      }
    }
    elementStiffness(xr, xz, material, Kr, Ki, scratch);
    if (touchesTip) tipElements.push({ e, Kr: Kr.slice(), Ki: Ki ? Ki.slice() : null });
    for (let p = 0; p < 27; p++) {
      const ip = eqs[p];
      if (ip < 0) continue;
      const base = offset[ip] - fst[ip];
      for (let q = 0; q < 27; q++) {
        const iq = eqs[q];
        const kr = Kr[27 * p + q];
        if (iq >= 0) {
          if (iq > ip) continue;
          if (skR) skR.a[base + iq] += kr;
          else if (skC && Ki) {
            skC.re[base + iq] += kr;
            skC.im[base + iq] += Ki[27 * p + q];
          }
        } else if (vals[q] !== 0) {
          rhsR[ip] -= kr * vals[q];
          if (Ki) rhsI[ip] -= Ki[27 * p + q] * vals[q];
        }
      }
    }
  }
  if (skR) {
    factorReal(skR);
    solveReal(skR, rhsR);
  } else if (skC) {
    factorComplex(skC);
    solveComplex(skC, rhsR, rhsI);
  }
  // nodal displacement amplitudes
  const N = mesh.nodeCount;
  const Ur = new Float64Array(N);
  const Vr = new Float64Array(N);
  const Wr = new Float64Array(N);
  const Ui = new Float64Array(N);
  const Vi = new Float64Array(N);
  const Wi = new Float64Array(N);
  const comp = [
    [Ur, Ui],
    [Vr, Vi],
    [Wr, Wi],
  ] as const;
  for (let k = 0; k < N; k++) {
    for (let c = 0; c < 3; c++) {
      const q = dm.eq[3 * k + c];
      comp[c][0][k] = q >= 0 ? rhsR[q] : dm.val[3 * k + c];
      comp[c][1][k] = q >= 0 ? rhsI[q] : 0;
    }
  }
  // reactions at the tip nodes → lateral force on the tip
  let Fr = 0;
  let Fi = 0;
  let Br = 0;
  let Bi = 0;
  for (const t of tipElements) {
    const base = 9 * t.e;
    for (let p = 0; p < 27; p++) {
      const nd = E[base + Math.floor(p / 3)];
      const c = p % 3;
      const isTip = (mesh.flags[nd] & NODE_TIP) !== 0;
      const isDithered = !isTip && dm.eq[3 * nd + c] < 0 && dm.val[3 * nd + c] !== 0;
      if (!(isTip || isDithered) || c === 2) continue;
      let rr = 0;
      let ri = 0;
      for (let q = 0; q < 27; q++) {
        const nq = E[base + Math.floor(q / 3)];
        const cq = q % 3;
        const ur = comp[cq][0][nq];
        const ui = comp[cq][1][nq];
        const kr = t.Kr[27 * p + q];
        const ki = t.Ki ? t.Ki[27 * p + q] : 0;
        rr += kr * ur - ki * ui;
        ri += kr * ui + ki * ur;
      }
      if (isTip) {
        Fr -= rr;
        Fi -= ri;
      } else {
        Br += rr;
        Bi += ri;
      }
    }
  }
  const equilibriumResidual = Math.hypot(Fr - Br, Fi - Bi) / Math.hypot(Fr, Fi);
  let force: Complex = { re: Fr, im: Fi };
  if (realOnly) force = { re: Fr, im: Fr * tanDelta };
  const keep = options.keepFields ?? true;
  return {
    force,
    depth,
    mesh,
    ...(keep ? { U: { re: Ur, im: Ui }, V: { re: Vr, im: Vi }, W: { re: Wr, im: Wi } } : {}),
    stats: { dofs: n, profile: profileSize(prof), realArithmetic: realOnly, elements: mesh.elementCount, equilibriumResidual },
    context: { film, frequency: dither.frequency, amplitude: A },
  };
}

/**
 * Gather element e's node coordinates (r, z) and its nodal displacement amplitudes
 * (U, V, W per node, interleaved: 3k, 3k+1, 3k+2) into the caller's scratch arrays.
 */
export function gatherElement(sol: LateralSolution, e: number, xr: Float64Array, xz: Float64Array, ure: Float64Array, uim: Float64Array): void {
  const { mesh, U, V, W } = sol;
  if (!U || !V || !W) throw new Error('gatherElement: the solution was computed with keepFields: false');
  for (let k = 0; k < 9; k++) {
    const nd = mesh.elements[9 * e + k];
    xr[k] = mesh.r[nd];
    xz[k] = mesh.z[nd];
    ure[3 * k] = U.re[nd];
    ure[3 * k + 1] = V.re[nd];
    ure[3 * k + 2] = W.re[nd];
    uim[3 * k] = U.im[nd];
    uim[3 * k + 1] = V.im[nd];
    uim[3 * k + 2] = W.im[nd];
  }
}

/**
 * Nodal-averaged stress amplitudes (Pa) of a solution, for teaching plots (002 Fig. 2c–d):
 * σ_rr, σ_θθ, σ_zz, σ_rz (multiply by cosθ) and σ_rθ, σ_θz (multiply by −sinθ), each complex
 * (re/im arrays per node). In the x–z plane θ = 0: σ_xx = σ_rr, σ_yy = σ_θθ, σ_xz = σ_rz.
 */
export function stressField(sol: LateralSolution): { names: readonly string[]; re: Float64Array[]; im: Float64Array[] } {
  if (!sol.U || !sol.V || !sol.W) throw new Error('stressField: the solution was computed with keepFields: false');
  const { mesh } = sol;
  const profile = filmProfile(sol.context.film, sol.context.frequency);
  const material = materialFor(profile, false);
  const N = mesh.nodeCount;
  const re = Array.from({ length: 6 }, () => new Float64Array(N));
  const im = Array.from({ length: 6 }, () => new Float64Array(N));
  const count = new Float64Array(N);
  const xr = new Float64Array(9);
  const xz = new Float64Array(9);
  const ure = new Float64Array(27);
  const uim = new Float64Array(27);
  const sr = new Float64Array(6);
  const si = new Float64Array(6);
  const nat = [-1, 0, 1];
  for (let e = 0; e < mesh.elementCount; e++) {
    gatherElement(sol, e, xr, xz, ure, uim);
    for (let k = 0; k < 9; k++) {
      const nd = mesh.elements[9 * e + k];
      // evaluate just inside the element at nodes on the axis (the 1/r terms)
      const xi = mesh.r[nd] === 0 ? -0.999 : nat[k % 3];
      const eta = nat[Math.floor(k / 3)];
      elementStress(xr, xz, material, ure, uim, xi, eta, sr, si);
      for (let c = 0; c < 6; c++) {
        re[c][nd] += sr[c];
        im[c][nd] += si[c];
      }
      count[nd] += 1;
    }
  }
  for (let c = 0; c < 6; c++) for (let k = 0; k < N; k++) {
    re[c][k] /= count[k];
    im[c][k] /= count[k];
  }
  return { names: ['sigma_rr', 'sigma_thth', 'sigma_zz', 'sigma_rz', 'sigma_rth', 'sigma_thz'], re, im };
}

/**
 * Sensitivity kernel of the lateral force to the film modulus, binned in height:
 * k_j = ∂F_l* /∂E*_j for a perturbation of E* that is uniform in the height bin
 * [edges[j], edges[j+1]) (m), so that Σ_j E*_j·k_j = F_l* for a film whose E* is constant
 * in each bin (Euler's theorem for the degree-1 homogeneous F(E)). Units: N/Pa per bin.
 * Computed from Gauss-point energies (element.ts, `elementGaussEnergies`): ∂(F·A_l)/∂E(z) is the
 * strain-energy density per unit modulus at z (Hellmann–Feynman). Requires keepFields.
 */
export function heightSensitivity(sol: LateralSolution, edges: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  if (!sol.U || !sol.V || !sol.W) throw new Error('heightSensitivity: the solution was computed with keepFields: false');
  const nb = edges.length - 1;
  const re = new Float64Array(nb);
  const im = new Float64Array(nb);
  const profile = filmProfile(sol.context.film, sol.context.frequency);
  const material = materialFor(profile, false);
  const { mesh } = sol;
  const xr = new Float64Array(9);
  const xz = new Float64Array(9);
  const ure = new Float64Array(27);
  const uim = new Float64Array(27);
  const gz = new Float64Array(9);
  const wr = new Float64Array(9);
  const wi = new Float64Array(9);
  const A = sol.context.amplitude;
  for (let e = 0; e < mesh.elementCount; e++) {
    gatherElement(sol, e, xr, xz, ure, uim);
    elementGaussEnergies(xr, xz, material, ure, uim, gz, wr, wi);
    for (let g = 0; g < 9; g++) {
      // bin search (edges ascending)
      let lo = 0;
      let hi = nb;
      const z = gz[g];
      if (z < edges[0] || z >= edges[nb]) {
        if (z === edges[nb]) lo = nb - 1;
        else continue;
      } else {
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (z >= edges[mid]) lo = mid;
          else hi = mid;
        }
      }
      re[lo] += wr[g] / A;
      im[lo] += wi[g] / A;
    }
  }
  return { re, im };
}
