/**
 * A small immutable complex-number helper for viscoelastic moduli and phasors.
 *
 * Convention (used throughout seisim): a harmonic quantity x(t) = Re[X* e^{iωt}], so a complex
 * modulus E* = E' + iE'' with loss modulus E'' ≥ 0 makes the stress lead the strain by
 * δ = atan(E''/E'') (Ferry, *Viscoelastic Properties of Polymers*, 3rd ed., ch. 1). Hot loops
 * (src/models/fea) keep real and imaginary parts in separate Float64Arrays and do not use this
 * module; it is for model parameters and results.
 */

/** A complex number `re + i·im` (plain data, JSON-serialisable as `{ "re": …, "im": … }`). */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

/**
 * Build a complex number.
 * @example complex(1, 2) // { re: 1, im: 2 }
 */
export function complex(re: number, im = 0): Complex {
  return { re, im };
}

/** Complex from polar form r·e^{iφ} (φ in rad). @example fromPolar(2, Math.PI / 2) // ≈ { re: 0, im: 2 } */
export function fromPolar(r: number, phi: number): Complex {
  return { re: r * Math.cos(phi), im: r * Math.sin(phi) };
}

/** Sum a + b. */
export function cadd(a: Complex, b: Complex): Complex {
  return { re: a.re + b.re, im: a.im + b.im };
}

/** Difference a − b. */
export function csub(a: Complex, b: Complex): Complex {
  return { re: a.re - b.re, im: a.im - b.im };
}

/** Product a·b = (a'b' − a''b'') + i(a'b'' + a''b'). */
export function cmul(a: Complex, b: Complex): Complex {
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

/** Real scaling s·a. */
export function cscale(a: Complex, s: number): Complex {
  return { re: a.re * s, im: a.im * s };
}

/**
 * Quotient a / b (Smith's algorithm, robust against overflow; Smith 1962, CACM 5:435).
 * Throws a RangeError for b = 0.
 */
export function cdiv(a: Complex, b: Complex): Complex {
  if (b.re === 0 && b.im === 0) throw new RangeError('cdiv: division by complex zero');
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const d = b.re + b.im * r;
    return { re: (a.re + a.im * r) / d, im: (a.im - a.re * r) / d };
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return { re: (a.re * r + a.im) / d, im: (a.im * r - a.re) / d };
}

/** Complex conjugate. */
export function cconj(a: Complex): Complex {
  return { re: a.re, im: -a.im };
}

/** Modulus |a| (hypot, no overflow). */
export function cabs(a: Complex): number {
  return Math.hypot(a.re, a.im);
}

/** Argument arg(a) in (−π, π] (rad); for a modulus this is the loss angle δ. */
export function carg(a: Complex): number {
  return Math.atan2(a.im, a.re);
}

/** Principal square root. */
export function csqrt(a: Complex): Complex {
  const r = cabs(a);
  if (r === 0) return { re: 0, im: 0 };
  const re = Math.sqrt((r + a.re) / 2);
  const im = Math.sign(a.im || 1) * Math.sqrt(Math.max(0, (r - a.re) / 2));
  return { re, im };
}

/** True when both parts are finite numbers. */
export function cisFinite(a: Complex): boolean {
  return Number.isFinite(a.re) && Number.isFinite(a.im);
}

/** Relative distance |a − b| / max(|a|, |b|) (0 when both are zero). */
export function crelDiff(a: Complex, b: Complex): number {
  const d = cabs(csub(a, b));
  const s = Math.max(cabs(a), cabs(b));
  return s === 0 ? 0 : d / s;
}

/** exp(a) = e^{Re a}(cos Im a + i sin Im a). */
export function cexp(a: Complex): Complex {
  const e = Math.exp(a.re);
  return { re: e * Math.cos(a.im), im: e * Math.sin(a.im) };
}
