/**
 * Minimal complex arithmetic for the hydrodynamic function (no classes, no allocation beyond the
 * returned pair). Complex numbers are `{ re, im }` records.
 */

/** A complex number re + i·im. */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

/** c(re, im) — construct a complex number. */
export const c = (re: number, im = 0): Complex => ({ re, im });

/** a + b. */
export const cadd = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });

/** a − b. */
export const csub = (a: Complex, b: Complex): Complex => ({ re: a.re - b.re, im: a.im - b.im });

/** a · b. */
export const cmul = (a: Complex, b: Complex): Complex => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });

/** a / b (Smith's algorithm, avoids overflow). */
export function cdiv(a: Complex, b: Complex): Complex {
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const d = b.re + b.im * r;
    return { re: (a.re + a.im * r) / d, im: (a.im - a.re * r) / d };
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return { re: (a.re * r + a.im) / d, im: (a.im * r - a.re) / d };
}

/** s · a for real s. */
export const cscale = (a: Complex, s: number): Complex => ({ re: a.re * s, im: a.im * s });

/** |a|. */
export const cabs = (a: Complex): number => Math.hypot(a.re, a.im);

/** Principal square root √a (branch cut on the negative real axis). */
export function csqrt(a: Complex): Complex {
  const m = cabs(a);
  if (m === 0) return { re: 0, im: 0 };
  const re = Math.sqrt((m + a.re) / 2);
  const im = Math.sqrt(Math.max(0, (m - a.re) / 2));
  return { re, im: a.im < 0 ? -im : im };
}

/** exp(a). */
export function cexp(a: Complex): Complex {
  const e = Math.exp(a.re);
  return { re: e * Math.cos(a.im), im: e * Math.sin(a.im) };
}
