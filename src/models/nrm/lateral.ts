/**
 * The lateral stiffness K*(z_p) = F_l*(z_p)/A_l of a layered film on a tip at depth z_p, as a
 * table per location, by one of three fidelity levels:
 *
 * - `'fea'`: the axisymmetric FEA-lite of src/models/fea (exact for the tip geometry, slow);
 * - `'surrogate'`: its fast forward model (src/models/fea/surrogate.ts), the default;
 * - `'eq4'`: the paper's own closed form, `002_bf87beaba622041e.txt` Eq. 4 applied slice by slice,
 *   K*(z_p) = 4 r_g ∫_{z_p}^{h} E*(z) dz — local by construction (no apex or substrate effect), so
 *   with the same r_g Eq. 5 inverts it exactly; useful as a reference and a stand-in.
 */
import { eq4LateralStiffness, type ModulusIntegralTable } from './forces.js';

/** Fidelity of the lateral-force model. */
export type LateralFidelity = 'fea' | 'surrogate' | 'eq4';
export const LATERAL_FIDELITIES = ['fea', 'surrogate', 'eq4'] as const satisfies readonly LateralFidelity[];

/** K*(z) tabulated at z_i = i·spacing, i = 0…N, z_N = h (N/m per metre of dither amplitude → N/m). */
export interface LateralStiffnessTable {
  readonly spacing: number;
  /** Film thickness h, m (K = 0 above). */
  readonly thickness: number;
  /** K'(z_i), N/m. */
  readonly storage: Float64Array;
  /** K''(z_i), N/m. */
  readonly loss: Float64Array;
}

/** The Eq. 4 table: K*(z_i) = 4 r_g I*(z_i) on the grid of a modulus integral table. */
export function eq4StiffnessTable(integral: ModulusIntegralTable, rg: number): LateralStiffnessTable {
  if (!(Number.isFinite(rg) && rg > 0)) throw new RangeError(`eq4StiffnessTable: rg = ${rg} must be finite and > 0`);
  const n = integral.storage.length;
  const storage = new Float64Array(n);
  const loss = new Float64Array(n);
  const tmp = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    eq4LateralStiffness(integral, rg, i * integral.spacing, tmp);
    storage[i] = tmp[0];
    loss[i] = tmp[1];
  }
  return { spacing: integral.spacing, thickness: integral.thickness, storage, loss };
}

/**
 * K*(z_p) by linear interpolation in a table; z_p ≥ h gives 0, z_p ≤ 0 the value at the hard
 * surface (whole film embedded). Writes K', K'' (N/m) into out[0], out[1].
 */
export function stiffnessAt(table: LateralStiffnessTable, zp: number, out: Float64Array | number[]): void {
  if (zp >= table.thickness) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const x = Math.max(0, zp) / table.spacing;
  const last = table.storage.length - 1;
  const i = Math.min(last - 1, Math.floor(x));
  const t = Math.min(1, x - i);
  out[0] = table.storage[i] + t * (table.storage[i + 1] - table.storage[i]);
  out[1] = table.loss[i] + t * (table.loss[i + 1] - table.loss[i]);
}
