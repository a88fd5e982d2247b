/**
 * Optical-lever detection: the inverse optical-lever sensitivity (InvOLS) of the normal (flexural)
 * and lateral (torsional) channels from the geometry of the beam, the laser path and a split
 * photodiode.
 *
 * Geometry (Meyer & Amer, Appl. Phys. Lett. 53, 1045 (1988)): a reflected beam turns by twice the
 * mirror's rotation; the spot moves by Δy = 2 D θ on a detector at distance D. For an end-loaded
 * beam the end slope is θ = 3z/(2L), so Δy = 3 D z / L. For a twist φ the spot moves sideways by
 * 2 D φ while the apex moves laterally by h_eff φ (Ogletree, Carpick & Salmeron, Rev. Sci. Instrum.
 * 67, 3298 (1996)). A quadrant photodiode with a Gaussian spot of 1/e² radius w_s reports
 * (A − B)/(A + B) = erf(√2 Δy / w_s), whose slope at the centre is 2√2/(√π w_s); with a full-scale
 * output V_fs, the detector gain is G = V_fs · 2√2/(√π w_s) [V/m].
 */
import { resolveParams, type ParamTable, type ParamValues } from '../params.js';

/** Optical-lever geometry (SI). Defaults give ≈ 87 nm/V for a 125 µm lever. */
export const OPTICAL_LEVER = {
  detectorDistance: { unit: 'm', min: 1e-3, max: 1, default: 0.03, doc: 'path length D from the lever to the photodiode' },
  spotRadius: { unit: 'm', min: 1e-5, max: 1e-2, default: 1e-3, doc: '1/e² radius w_s of the laser spot on the photodiode' },
  fullScaleVoltage: { unit: 'V', min: 1e-3, max: 100, default: 10, doc: 'output voltage V_fs for (A − B)/(A + B) = 1' },
} as const satisfies ParamTable;

/** Resolved optical-lever geometry. */
export type OpticalLever = ParamValues<typeof OPTICAL_LEVER>;

/** Validate an optical-lever geometry (throws a ParamError naming every problem). */
export function makeOpticalLever(values: Partial<OpticalLever> = {}): OpticalLever {
  return resolveParams(OPTICAL_LEVER, values);
}

/**
 * Photodiode gain: volts per metre of spot displacement at the detector centre.
 *
 * Equation: G = V_fs · 2√2 / (√π w_s) (slope of erf(√2Δy/w_s) at 0). Units: V/m.
 */
export function detectorGain(o: OpticalLever): number {
  return (o.fullScaleVoltage * 2 * Math.SQRT2) / (Math.sqrt(Math.PI) * o.spotRadius);
}

/**
 * Normal-channel InvOLS (tip deflection per volt) for a statically loaded beam.
 *
 * Equation: Δy = 3 D z / L ⇒ InvOLS = L / (3 D G) (Meyer & Amer 1988). Units: L [m] → m/V.
 * @param leverLength L [m]
 * @example normalInvOLS(125e-6, makeOpticalLever()) // ≈ 8.7e-8 m/V (87 nm/V)
 */
export function normalInvOLS(leverLength: number, o: OpticalLever): number {
  if (!Number.isFinite(leverLength) || leverLength <= 0) throw new RangeError(`normalInvOLS: leverLength = ${leverLength} must be finite and > 0`);
  return leverLength / (3 * o.detectorDistance * detectorGain(o));
}

/**
 * Lateral-channel InvOLS (lateral apex displacement from twist, per volt).
 *
 * Equation: Δx = 2 D φ, apex displacement h_eff φ ⇒ InvOLS_lat = h_eff / (2 D G) (Ogletree et al.
 * 1996). Units: h_eff [m] → m/V.
 * @param effectiveTipHeight h_eff = h_tip + t/2 [m]
 */
export function lateralInvOLS(effectiveTipHeight: number, o: OpticalLever): number {
  if (!Number.isFinite(effectiveTipHeight) || effectiveTipHeight <= 0) throw new RangeError(`lateralInvOLS: effectiveTipHeight = ${effectiveTipHeight} must be finite and > 0`);
  return effectiveTipHeight / (2 * o.detectorDistance * detectorGain(o));
}
