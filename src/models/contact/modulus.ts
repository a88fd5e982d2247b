/**
 * Reduced (effective) modulus of a tip–sample contact and its inverse.
 *
 * Equation: 1/E* = (1 − ν_s²)/E_s + (1 − ν_t²)/E_t (Johnson, *Contact Mechanics*, 1985, Eq. 4.22;
 * `001_dcd3febb321b6196.txt` §2.1, the DMT paragraph: "When the Poisson's ratio is known, … assuming
 * that the tip modulus (Etip) is infinite").
 */

function check(name: string, v: number, lo: number, hi: number, loOpen: boolean, hiOpen: boolean, fn: string): void {
  const ok = Number.isFinite(v) && (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
  if (!ok) throw new RangeError(`${fn}: ${name} = ${v} must be in ${loOpen ? '(' : '['}${lo}, ${hi}${hiOpen ? ')' : ']'}`);
}

/**
 * Reduced modulus of the contact.
 *
 * Equation: 1/E* = (1 − ν_s²)/E_s + (1 − ν_t²)/E_t; a rigid tip is E_t = Infinity. Units: Pa.
 * @param sampleModulus E_s [Pa] > 0
 * @param samplePoisson ν_s in (−1, 0.5]
 * @param tipModulus E_t [Pa] > 0 (Infinity for a rigid tip)
 * @param tipPoisson ν_t in (−1, 0.5]
 * @example reducedModulus(1.41e9, 0.3, 169e9, 0.22) // 1.535e9
 */
export function reducedModulus(sampleModulus: number, samplePoisson: number, tipModulus = Infinity, tipPoisson = 0.22): number {
  check('sampleModulus', sampleModulus, 0, Infinity, true, true, 'reducedModulus');
  check('samplePoisson', samplePoisson, -1, 0.5, true, false, 'reducedModulus');
  if (!(tipModulus > 0)) throw new RangeError(`reducedModulus: tipModulus = ${tipModulus} must be > 0 (Infinity for a rigid tip)`);
  check('tipPoisson', tipPoisson, -1, 0.5, true, false, 'reducedModulus');
  const tipTerm = Number.isFinite(tipModulus) ? (1 - tipPoisson * tipPoisson) / tipModulus : 0;
  return 1 / ((1 - samplePoisson * samplePoisson) / sampleModulus + tipTerm);
}

/**
 * Sample Young's modulus from the reduced modulus (inverse of {@link reducedModulus}).
 *
 * Equation: E_s = (1 − ν_s²) / (1/E* − (1 − ν_t²)/E_t). Throws when E* ≥ E_t/(1 − ν_t²) (the tip
 * would have to be softer than the contact). Units: Pa.
 * @example sampleModulusFromReduced(reducedModulus(1.41e9, 0.3, 169e9, 0.22), 0.3, 169e9, 0.22) // 1.41e9
 */
export function sampleModulusFromReduced(reduced: number, samplePoisson: number, tipModulus = Infinity, tipPoisson = 0.22): number {
  check('reduced', reduced, 0, Infinity, true, true, 'sampleModulusFromReduced');
  check('samplePoisson', samplePoisson, -1, 0.5, true, false, 'sampleModulusFromReduced');
  check('tipPoisson', tipPoisson, -1, 0.5, true, false, 'sampleModulusFromReduced');
  const tipTerm = Number.isFinite(tipModulus) ? (1 - tipPoisson * tipPoisson) / tipModulus : 0;
  const rest = 1 / reduced - tipTerm;
  if (!(rest > 0)) throw new RangeError(`sampleModulusFromReduced: E* = ${reduced} Pa is not below the tip's own E_t/(1 − ν_t²) = ${1 / tipTerm} Pa`);
  return (1 - samplePoisson * samplePoisson) / rest;
}
