/**
 * Sampling of the FEA-lite fields on a regular grid of the x–z cross-section through the tip axis,
 * for teaching plots like Fig. 2a–d of `002_bf87beaba622041e.txt` (amplitude of the displacement
 * and of the stresses around the tip).
 *
 * In the plane y = 0 (θ = 0 for x > 0, θ = π for x < 0) the first-harmonic fields are
 * u_x = U(r, z), u_y = 0, u_z = W(r, z)·sign(x), σ_xx = σ_rr, σ_zz, σ_xz = σ_rz·sign(x), σ_yy = σ_θθ
 * (the sinθ components vanish there). Values are complex amplitudes in the frame of the tip (the
 * electrode and far field move by A_l, the tip is still); plots usually show |·|.
 */
import { elementStress, shapeQ9 } from './element.js';
import { gatherElement, type LateralSolution } from './solve.js';
import { filmProfile } from '../film/film.js';

/** Fields on a grid: row-major arrays of length nz·nx (index iz·nx + ix); NaN outside the film (e.g. in the tip). */
export interface CrossSection {
  readonly x_m: Float64Array;
  readonly z_m: Float64Array;
  /** |u| = √(|u_x|² + |u_z|²), m. */
  readonly displacement_m: Float64Array;
  /** |u_x|, |u_z|, m. */
  readonly ux_m: Float64Array;
  readonly uz_m: Float64Array;
  /** |σ_xz| and |σ_xx|, Pa. */
  readonly sigmaXZ_Pa: Float64Array;
  readonly sigmaXX_Pa: Float64Array;
}

/** Locate (r, z) in an element: returns [element, ξ, η] or null (Newton on the isoparametric map). */
function locate(sol: LateralSolution, r: number, z: number, boxes: Float64Array): [number, number, number] | null {
  const { mesh } = sol;
  const N = new Float64Array(9);
  const Nx = new Float64Array(9);
  const Ne = new Float64Array(9);
  for (let e = 0; e < mesh.elementCount; e++) {
    const tol = 1e-9 * (boxes[4 * e + 1] - boxes[4 * e] + boxes[4 * e + 3] - boxes[4 * e + 2]);
    if (r < boxes[4 * e] - tol || r > boxes[4 * e + 1] + tol || z < boxes[4 * e + 2] - tol || z > boxes[4 * e + 3] + tol) continue;
    let xi = 0;
    let eta = 0;
    for (let it = 0; it < 25; it++) {
      shapeQ9(xi, eta, N, Nx, Ne);
      let fr = -r;
      let fz = -z;
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      for (let k = 0; k < 9; k++) {
        const nd = mesh.elements[9 * e + k];
        fr += N[k] * mesh.r[nd];
        fz += N[k] * mesh.z[nd];
        a += Nx[k] * mesh.r[nd];
        b += Ne[k] * mesh.r[nd];
        c += Nx[k] * mesh.z[nd];
        d += Ne[k] * mesh.z[nd];
      }
      const det = a * d - b * c;
      const dxi = (d * fr - b * fz) / det;
      const deta = (-c * fr + a * fz) / det;
      xi -= dxi;
      eta -= deta;
      if (Math.abs(dxi) + Math.abs(deta) < 1e-12) break;
    }
    if (Math.abs(xi) <= 1 + 1e-9 && Math.abs(eta) <= 1 + 1e-9) return [e, Math.max(-1, Math.min(1, xi)), Math.max(-1, Math.min(1, eta))];
  }
  return null;
}

/**
 * Sample displacement and stress amplitudes of a solved problem (`keepFields` must have been
 * true) on the grid xs × zs of the y = 0 plane (m; z = height above the electrode). Points inside
 * the tip or outside the film give NaN. Cost ~ (points × elements); intended for plots (≤ 10⁴ points).
 */
export function crossSection(sol: LateralSolution, xs: ArrayLike<number>, zs: ArrayLike<number>): CrossSection {
  if (!sol.U || !sol.V || !sol.W) throw new Error('crossSection: the solution was computed with keepFields: false');
  const { mesh } = sol;
  const nx = xs.length;
  const nz = zs.length;
  const out = {
    x_m: Float64Array.from(xs),
    z_m: Float64Array.from(zs),
    displacement_m: new Float64Array(nx * nz).fill(Number.NaN),
    ux_m: new Float64Array(nx * nz).fill(Number.NaN),
    uz_m: new Float64Array(nx * nz).fill(Number.NaN),
    sigmaXZ_Pa: new Float64Array(nx * nz).fill(Number.NaN),
    sigmaXX_Pa: new Float64Array(nx * nz).fill(Number.NaN),
  };
  const boxes = new Float64Array(4 * mesh.elementCount);
  for (let e = 0; e < mesh.elementCount; e++) {
    let r0 = Infinity;
    let r1 = -Infinity;
    let z0 = Infinity;
    let z1 = -Infinity;
    for (let k = 0; k < 9; k++) {
      const nd = mesh.elements[9 * e + k];
      r0 = Math.min(r0, mesh.r[nd]);
      r1 = Math.max(r1, mesh.r[nd]);
      z0 = Math.min(z0, mesh.z[nd]);
      z1 = Math.max(z1, mesh.z[nd]);
    }
    boxes.set([r0, r1, z0, z1], 4 * e);
  }
  const profile = filmProfile(sol.context.film, sol.context.frequency);
  const material = (z: number, o: Float64Array): void => profile.at(z, o);
  const N = new Float64Array(9);
  const Nx = new Float64Array(9);
  const Ne = new Float64Array(9);
  const xr = new Float64Array(9);
  const xz = new Float64Array(9);
  const ure = new Float64Array(27);
  const uim = new Float64Array(27);
  const sr = new Float64Array(6);
  const si = new Float64Array(6);
  for (let iz = 0; iz < nz; iz++) {
    for (let ix = 0; ix < nx; ix++) {
      const x = xs[ix];
      const r = Math.abs(x);
      const hit = locate(sol, r, zs[iz], boxes);
      if (!hit) continue;
      const [e, xi, eta] = hit;
      shapeQ9(xi, eta, N, Nx, Ne);
      gatherElement(sol, e, xr, xz, ure, uim);
      let uxr = 0;
      let uxi = 0;
      let uzr = 0;
      let uzi = 0;
      for (let k = 0; k < 9; k++) {
        uxr += N[k] * ure[3 * k];
        uxi += N[k] * uim[3 * k];
        uzr += N[k] * ure[3 * k + 2];
        uzi += N[k] * uim[3 * k + 2];
      }
      // stresses: evaluate slightly inside when on the axis (1/r terms)
      const onAxis = r < 1e-12 * mesh.domainRadius;
      elementStress(xr, xz, material, ure, uim, onAxis ? Math.max(-0.999, xi) : xi, eta, sr, si);
      const p = iz * nx + ix;
      out.ux_m[p] = Math.hypot(uxr, uxi);
      out.uz_m[p] = Math.hypot(uzr, uzi);
      out.displacement_m[p] = Math.hypot(uxr, uxi, uzr, uzi);
      out.sigmaXX_Pa[p] = Math.hypot(sr[0], si[0]);
      out.sigmaXZ_Pa[p] = Math.hypot(sr[3], si[3]);
    }
  }
  return out;
}
