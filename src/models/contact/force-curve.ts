/**
 * Quasi-static mechanics of a force curve: a cantilever spring k in series with a tip–sample force
 * law, driven by the piezo. Finds the equilibrium deflection at each piezo position on approach and
 * on retract, including the mechanical instabilities that make the curves differ: snap-in when the
 * attractive force gradient exceeds k, and pull-off when the adhesive contact loses stability.
 *
 * Coordinates (all in m, positive toward the sample): u = Z − Z_c is the piezo position relative to
 * the position at which the undeflected tip would touch the surface; the deflection d = F/k is
 * positive when the lever bends away from the sample (repulsion); the indentation is δ = u − d
 * (negative: a gap). Equilibrium: δ + F(δ)/k = u; it is stable when k + dF/dδ > 0 (Israelachvili,
 * *Intermolecular and Surface Forces*, 3rd ed., §13.7; Butt, Cappella & Kappl, Surf. Sci. Rep. 59, 1
 * (2005), §2.4 and §4).
 *
 * Force laws (see ./analytic.ts for the closed forms and sources):
 *  - `hertz`, `sneddon-cone`, `pyramid`, `flat-punch`: repulsion only (F = 0 out of contact);
 *  - `dmt`: Hertz (with the thin-film factor if a film thickness is given) offset by −2πRW in contact,
 *    continued outside contact by the sphere–plane van der Waals force −HR/(6D²) with
 *    H = 12πD₀²W, D = D₀ − δ, so that the law is continuous at D₀ (the DMT–vdW model used for
 *    AFM simulations, e.g. García & San Paulo, Phys. Rev. B 60, 4961 (1999)). Snap-in happens at
 *    D_snap = (HR/3k)^{1/3}; on retract the contact holds down to δ = 0 where the force is −2πRW
 *    (the DMT pull-off), then jumps out;
 *  - `jkr`: the parametric JKR branch, no force out of contact; contact forms at δ = 0 with a jump to
 *    the JKR equilibrium; on retract the branch passes through its force minimum −(3/2)πRW at
 *    a_c (stable under any finite k, since dδ/da > 0 there), so the retract curve's minimum — the
 *    measured adhesion — is (3/2)πRW; the contact then breaks where k + dF/dδ = 0, at a force between
 *    −(5/6)πRW (k → ∞) and −(3/2)πRW (k → 0) (Maugis 1992; Johnson, Proc. R. Soc. A 453, 163 (1997)).
 */
import type { TipShape } from '../probe/tip.js';
import { validateTip } from '../probe/tip.js';
import {
  CONTACT_CUTOFF,
  dimitriadisCoefficients,
  dimitriadisFactor,
  dmtPullOff,
  flatPunchForce,
  hamakerFromAdhesionWork,
  jkrAtContactRadius,
  jkrMinIndentationContactRadius,
  jkrPullOffContactRadius,
  pyramidForce,
  sneddonConeForce,
  vdwSnapInDistance,
  type FilmAttachment,
} from './analytic.js';

/** Contact models a force curve can be simulated or fitted with. */
export const CONTACT_MODELS = ['hertz', 'dmt', 'jkr', 'sneddon-cone', 'pyramid', 'flat-punch'] as const;
export type ContactModel = (typeof CONTACT_MODELS)[number];

/** The tip kind each contact model needs. */
export function requiredTipKind(model: ContactModel): TipShape['kind'] {
  switch (model) {
    case 'hertz':
    case 'dmt':
    case 'jkr':
      return 'paraboloid';
    case 'sneddon-cone':
      return 'cone';
    case 'pyramid':
      return 'pyramid';
    case 'flat-punch':
      return 'cylinder';
    default: {
      const never: never = model;
      throw new Error(`unknown contact model ${String(never)}`);
    }
  }
}

/** A tip–sample force law (SI). */
export interface ContactLaw {
  readonly model: ContactModel;
  readonly tip: TipShape;
  /** E* [Pa]. */
  readonly reducedModulus: number;
  /** Work of adhesion W [J/m²] (used by `dmt` and `jkr`; must be 0 for the others). */
  readonly adhesionWork: number;
  /** Film thickness h on a rigid substrate [m]; Infinity for a half-space. Paraboloid `hertz`/`dmt` only. */
  readonly filmThickness: number;
  /** Poisson ratio ν of the film (enters the thin-film factor). */
  readonly filmPoissonRatio: number;
  readonly filmAttachment: FilmAttachment;
  /** Cutoff distance D₀ [m] of the DMT–vdW law (default 0.165 nm). */
  readonly cutoff?: number;
}

/** Check a contact law; throws a RangeError naming the parameter, value and expected range. */
export function validateContactLaw(law: ContactLaw): ContactLaw {
  validateTip(law.tip);
  const need = requiredTipKind(law.model);
  if (law.tip.kind !== need) throw new RangeError(`contact model '${law.model}' needs a ${need} tip, got '${law.tip.kind}'`);
  if (!Number.isFinite(law.reducedModulus) || law.reducedModulus <= 0) throw new RangeError(`contact: reducedModulus = ${law.reducedModulus} Pa must be finite and > 0`);
  if (!Number.isFinite(law.adhesionWork) || law.adhesionWork < 0) throw new RangeError(`contact: adhesionWork = ${law.adhesionWork} J/m² must be finite and >= 0`);
  if ((law.model === 'jkr' || law.model === 'dmt') === false && law.adhesionWork !== 0) {
    throw new RangeError(`contact: adhesionWork = ${law.adhesionWork} J/m² given for model '${law.model}', which has no adhesion (use 'dmt' or 'jkr')`);
  }
  if (!(law.filmThickness > 0)) throw new RangeError(`contact: filmThickness = ${law.filmThickness} m must be > 0 (Infinity for a half-space)`);
  if (Number.isFinite(law.filmThickness) && law.model !== 'hertz' && law.model !== 'dmt') {
    throw new RangeError(`contact: a finite filmThickness (bottom effect) is implemented for 'hertz' and 'dmt' only, not '${law.model}'`);
  }
  if (!Number.isFinite(law.filmPoissonRatio) || law.filmPoissonRatio <= -1 || law.filmPoissonRatio > 0.5) {
    throw new RangeError(`contact: filmPoissonRatio = ${law.filmPoissonRatio} must be in (-1, 0.5]`);
  }
  if (law.cutoff !== undefined && !(law.cutoff > 0)) throw new RangeError(`contact: cutoff = ${law.cutoff} m must be > 0`);
  return law;
}

/**
 * Repulsive (elastic) part of the force law in contact, and its stiffness dF/dδ, for δ ≥ 0.
 *
 * Equations: Hertz × Dimitriadis f(χ) (paraboloid), Sneddon cone, Bilodeau pyramid, flat punch
 * (./analytic.ts). Units: N and N/m.
 */
export function repulsiveForce(law: ContactLaw, indentation: number): { force: number; stiffness: number } {
  const d = indentation;
  if (d <= 0) {
    if (law.model === 'flat-punch' && law.tip.kind === 'cylinder') return { force: 0, stiffness: 2 * law.reducedModulus * law.tip.radius };
    return { force: 0, stiffness: 0 };
  }
  const tip = law.tip;
  switch (tip.kind) {
    case 'paraboloid': {
      const C = (4 / 3) * law.reducedModulus * Math.sqrt(tip.radius);
      const sq = Math.sqrt(d);
      if (!Number.isFinite(law.filmThickness)) return { force: C * d * sq, stiffness: 1.5 * C * sq };
      const chi = Math.sqrt(tip.radius * d) / law.filmThickness;
      const f = dimitriadisFactor(chi, dimitriadisCoefficients(law.filmPoissonRatio, law.filmAttachment));
      return { force: C * d * sq * f.value, stiffness: C * sq * (1.5 * f.value + 0.5 * chi * f.derivative) };
    }
    case 'cone':
      return { force: sneddonConeForce(law.reducedModulus, tip.halfAngle, d), stiffness: (4 / Math.PI) * law.reducedModulus * Math.tan(tip.halfAngle) * d };
    case 'pyramid':
      return { force: pyramidForce(law.reducedModulus, tip.faceAngle, d), stiffness: (2 * pyramidForce(law.reducedModulus, tip.faceAngle, d)) / d };
    case 'cylinder':
      return { force: flatPunchForce(law.reducedModulus, tip.radius, d), stiffness: 2 * law.reducedModulus * tip.radius };
    default: {
      const never: never = tip;
      throw new Error(`unknown tip ${JSON.stringify(never)}`);
    }
  }
}

/** Constants of a force law under a spring k, computed once per curve. */
interface Prepared {
  readonly law: ContactLaw;
  readonly k: number;
  readonly radius: number;
  /** DMT adhesion 2πRW [N] (0 unless dmt). */
  readonly fad: number;
  /** HR [J·m] of the vdW tail (0 unless dmt). */
  readonly hr: number;
  readonly d0: number;
  /** Piezo position u at which the approach jumps into contact. */
  readonly uIn: number;
  /** Piezo position u below which the retract leaves contact. */
  readonly uOff: number;
  /** JKR: contact radius at the stability limit. */
  readonly aStab: number;
}

function jkrU(law: ContactLaw, k: number, R: number, a: number): { u: number; du: number; force: number; indentation: number; stiffness: number } {
  const E = law.reducedModulus;
  const W = law.adhesionWork;
  const { force, indentation } = jkrAtContactRadius(E, R, W, a);
  const dF = (4 * E * a * a) / R - 1.5 * Math.sqrt(8 * Math.PI * W * E * a);
  const dd = (2 * a) / R - 0.5 * Math.sqrt((2 * Math.PI * W) / (E * a));
  return { u: indentation + force / k, du: dd + dF / k, force, indentation, stiffness: dF / dd };
}

function prepare(law: ContactLaw, k: number): Prepared {
  validateContactLaw(law);
  if (!Number.isFinite(k) || k <= 0) throw new RangeError(`force curve: springConstant = ${k} N/m must be finite and > 0`);
  const R = law.tip.kind === 'paraboloid' ? law.tip.radius : 0;
  const d0 = law.cutoff ?? CONTACT_CUTOFF;
  switch (law.model) {
    case 'dmt': {
      const fad = dmtPullOff(R, law.adhesionWork);
      const H = hamakerFromAdhesionWork(law.adhesionWork, d0);
      const hr = H * R;
      const uOff = -fad / k;
      let uIn = uOff;
      if (hr > 0) {
        const dSnap = vdwSnapInDistance(H, R, k);
        if (dSnap > d0) uIn = d0 - dSnap - hr / (6 * k * dSnap * dSnap);
      }
      return { law, k, radius: R, fad, hr, d0, uIn, uOff, aStab: 0 };
    }
    case 'jkr': {
      if (law.adhesionWork === 0) return { law, k, radius: R, fad: 0, hr: 0, d0, uIn: 0, uOff: 0, aStab: 0 };
      // stability limit: du/da = 0 between a_δ (rigid lever) and a_c (soft lever)
      let lo = jkrMinIndentationContactRadius(law.reducedModulus, R, law.adhesionWork);
      let hi = jkrPullOffContactRadius(law.reducedModulus, R, law.adhesionWork);
      for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
        const m = 0.5 * (lo + hi);
        if (jkrU(law, k, R, m).du < 0) lo = m;
        else hi = m;
      }
      const aStab = hi;
      return { law, k, radius: R, fad: 0, hr: 0, d0, uIn: 0, uOff: jkrU(law, k, R, aStab).u, aStab };
    }
    case 'hertz':
    case 'sneddon-cone':
    case 'pyramid':
    case 'flat-punch':
      return { law, k, radius: R, fad: 0, hr: 0, d0, uIn: 0, uOff: 0, aStab: 0 };
    default: {
      const never: never = law.model;
      throw new Error(`unknown contact model ${String(never)}`);
    }
  }
}

/** Equilibrium state at one piezo position. */
interface State {
  force: number;
  indentation: number;
  stiffness: number;
  /** Warm start for the next solve: the contact radius a (JKR) or δ (others). */
  param: number;
}

/** In-contact equilibrium (δ ≥ 0 for non-JKR; the stable JKR branch a > a_stab). */
function contactState(p: Prepared, u: number, guess: number): State {
  const law = p.law;
  if (law.model === 'jkr' && law.adhesionWork > 0) {
    // solve U(a) = u on (a_stab, ∞), U increasing there
    let lo = p.aStab;
    let hi = Math.max(2 * p.aStab, guess > p.aStab ? guess * 1.5 : 2 * p.aStab);
    while (jkrU(law, p.k, p.radius, hi).u < u) hi *= 2;
    let a = guess > lo && guess < hi ? guess : 0.5 * (lo + hi);
    for (let it = 0; it < 100; it++) {
      const s = jkrU(law, p.k, p.radius, a);
      const r = s.u - u;
      if (r > 0) hi = a;
      else lo = a;
      let next = a - r / s.du;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (Math.abs(next - a) <= 1e-14 * a) {
        a = next;
        break;
      }
      a = next;
    }
    const s = jkrU(law, p.k, p.radius, a);
    return { force: s.force, indentation: s.indentation, stiffness: s.stiffness, param: a };
  }
  if (law.model === 'flat-punch' && law.tip.kind === 'cylinder') {
    const kc = 2 * law.reducedModulus * law.tip.radius;
    const d = Math.max(0, u) / (1 + kc / p.k);
    return { force: kc * d, indentation: d, stiffness: kc, param: d };
  }
  // g(δ) = δ + (F_rep(δ) − F_ad)/k − u, increasing and convex: Newton from the right end of the bracket
  let lo = 0;
  let hi = Math.max(0, u + p.fad / p.k);
  let d = guess > lo && guess <= hi ? Math.min(hi, guess * 1.0000001 + 1e-18) : hi;
  for (let it = 0; it < 100; it++) {
    const rf = repulsiveForce(law, d);
    const g = d + (rf.force - p.fad) / p.k - u;
    if (g > 0) hi = d;
    else lo = d;
    const dg = 1 + rf.stiffness / p.k;
    let next = d - g / dg;
    if (!(next >= lo && next <= hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - d) <= 1e-13 * Math.max(d, 1e-12) || hi - lo < 1e-16) {
      d = next;
      break;
    }
    d = next;
  }
  const rf = repulsiveForce(law, d);
  return { force: rf.force - p.fad, indentation: d, stiffness: rf.stiffness, param: d };
}

/** Out-of-contact equilibrium: the vdW branch of `dmt`, zero force for the others. */
function freeState(p: Prepared, u: number): State {
  if (p.hr === 0) return { force: 0, indentation: u, stiffness: 0, param: 0 };
  // h(D) = D + HR/(6kD²) − (D₀ − u) = 0 on D > D_snap; convex, increasing: Newton from D₀ − u (right of the root)
  const c = p.d0 - u;
  const a = p.hr / (6 * p.k);
  let D = c;
  for (let it = 0; it < 100; it++) {
    const h = D + a / (D * D) - c;
    const dh = 1 - (2 * a) / (D * D * D);
    const next = D - h / dh;
    if (!(next > 0) || !(dh > 0)) break;
    if (Math.abs(next - D) <= 1e-14 * D) {
      D = next;
      break;
    }
    D = next;
  }
  const force = -p.hr / (6 * D * D);
  return { force, indentation: p.d0 - D, stiffness: -p.hr / (3 * D * D * D), param: 0 };
}

/** Output of {@link simulateForceCurve}: one branch (approach or retract). */
export interface ForceCurveBranch {
  /** Tip–sample force F = k d [N] (positive = repulsive). */
  readonly force: Float64Array;
  /** Indentation δ = u − d [m] (negative = gap). */
  readonly indentation: Float64Array;
  /** Contact stiffness dF/dδ [N/m] of the equilibrium at each point. */
  readonly contactStiffness: Float64Array;
  /** 1 where the tip is in contact. */
  readonly inContact: Uint8Array;
}

/** Result of {@link simulateForceCurve}. */
export interface ForceCurveMechanics {
  readonly approach: ForceCurveBranch;
  readonly retract: ForceCurveBranch;
  /** Piezo position u at which the approach jumps into contact, and the force just after [N]. */
  readonly snapIn: { readonly u: number; readonly forceBefore: number; readonly forceAfter: number } | undefined;
  /** Piezo position u at which the retract leaves contact, and the force at the instability [N]. */
  readonly pullOff: { readonly u: number; readonly force: number } | undefined;
  /** Least force on the retract branch [N] (−adhesion). */
  readonly minRetractForce: number;
  /** Largest thin-film parameter χ = √(Rδ)/h reached (NaN without a film); the Dimitriadis expansion holds for χ ≲ 1. */
  readonly maxFilmChi: number;
}

/**
 * Quasi-static force curve: equilibrium of cantilever spring and tip–sample force at each piezo
 * position, approach then retract, with snap-in and pull-off instabilities.
 *
 * Equations: δ + F(δ)/k = u, stable iff k + dF/dδ > 0 (module doc). Units: k [N/m], u [m] (piezo
 * position relative to the undeflected-contact position, increasing toward the sample on approach).
 * @param uApproach piezo positions of the approach (should increase)
 * @param uRetract piezo positions of the retract (should decrease), starting from the turnaround
 */
export function simulateForceCurve(law: ContactLaw, springConstant: number, uApproach: Float64Array, uRetract: Float64Array): ForceCurveMechanics {
  const p = prepare(law, springConstant);
  const branch = (n: number): ForceCurveBranch => ({
    force: new Float64Array(n),
    indentation: new Float64Array(n),
    contactStiffness: new Float64Array(n),
    inContact: new Uint8Array(n),
  });
  const app = branch(uApproach.length);
  const ret = branch(uRetract.length);
  let inContact = false;
  let guess = 0;
  let snapIn: ForceCurveMechanics['snapIn'];
  let pullOff: ForceCurveMechanics['pullOff'];
  let lastForce = 0;
  let maxChi = NaN;
  const R = p.radius;
  const h = law.filmThickness;
  const record = (b: ForceCurveBranch, i: number, s: State, contact: boolean): void => {
    b.force[i] = s.force;
    b.indentation[i] = s.indentation;
    b.contactStiffness[i] = s.stiffness;
    b.inContact[i] = contact ? 1 : 0;
    if (contact && Number.isFinite(h) && R > 0) {
      const chi = Math.sqrt(R * Math.max(0, s.indentation)) / h;
      if (!(chi <= maxChi)) maxChi = chi;
    }
  };
  const isJkr = law.model === 'jkr' && law.adhesionWork > 0;
  for (let i = 0; i < uApproach.length; i++) {
    const u = uApproach[i];
    if (!Number.isFinite(u)) throw new RangeError(`force curve: uApproach[${i}] = ${u} is not finite`);
    if (!inContact && u >= p.uIn) {
      inContact = true;
      snapIn = { u, forceBefore: lastForce, forceAfter: NaN };
      guess = isJkr ? 0 : Infinity;
    }
    const s = inContact ? contactState(p, u, guess) : freeState(p, u);
    if (snapIn && Number.isNaN(snapIn.forceAfter)) snapIn = { ...snapIn, forceAfter: s.force };
    if (inContact) guess = s.param;
    lastForce = s.force;
    record(app, i, s, inContact);
  }
  let minF = Infinity;
  for (let i = 0; i < uRetract.length; i++) {
    const u = uRetract[i];
    if (!Number.isFinite(u)) throw new RangeError(`force curve: uRetract[${i}] = ${u} is not finite`);
    if (!inContact && u >= p.uIn) {
      // the retract may start below the contact (a curve that never touched): approach-like jump
      inContact = true;
      guess = isJkr ? 0 : Infinity;
    }
    if (inContact && u < p.uOff) {
      inContact = false;
      pullOff = { u, force: lastForce };
    }
    const s = inContact ? contactState(p, u, guess) : freeState(p, u);
    if (inContact) guess = s.param;
    lastForce = s.force;
    if (s.force < minF) minF = s.force;
    record(ret, i, s, inContact);
  }
  // The extreme attraction is reached at the stability limit, which generally falls between samples.
  if (pullOff) {
    const limit = law.model === 'dmt' ? -p.fad : isJkr ? jkrU(law, p.k, R, p.aStab).force : pullOff.force;
    pullOff = { u: pullOff.u, force: limit };
  }
  return { approach: app, retract: ret, snapIn, pullOff, minRetractForce: minF, maxFilmChi: maxChi };
}

/**
 * Adhesion force a perfectly sampled retract curve shows: minus its least force. DMT: 2πRW (reached
 * at δ = 0 where the contact breaks); JKR: (3/2)πRW (the branch minimum at a_c, which is stable
 * under any finite spring, the contact breaking later); 0 for laws without adhesion. Units: N (> 0).
 *
 * Equations: Derjaguin et al. 1975; Johnson et al. 1971; Maugis 1992.
 */
export function adhesionForce(law: ContactLaw, springConstant: number): number {
  const p = prepare(law, springConstant);
  switch (law.model) {
    case 'dmt':
      return p.fad;
    case 'jkr':
      return law.adhesionWork > 0 ? -jkrAtContactRadius(law.reducedModulus, p.radius, law.adhesionWork, jkrPullOffContactRadius(law.reducedModulus, p.radius, law.adhesionWork)).force : 0;
    case 'hertz':
    case 'sneddon-cone':
    case 'pyramid':
    case 'flat-punch':
      return 0;
    default: {
      const never: never = law.model;
      throw new Error(`unknown contact model ${String(never)}`);
    }
  }
}

/**
 * Force at which the retracting contact jumps off (the stability limit k + dF/dδ = 0): −2πRW for
 * `dmt`; for `jkr` between −(5/6)πRW (k → ∞) and −(3/2)πRW (k → 0); 0 without adhesion. Units: N.
 */
export function jumpOffForce(law: ContactLaw, springConstant: number): number {
  const p = prepare(law, springConstant);
  if (law.model === 'dmt') return -p.fad;
  if (law.model === 'jkr' && law.adhesionWork > 0) return jkrU(law, p.k, p.radius, p.aStab).force;
  return 0;
}

/**
 * Piezo position (relative to the contact position) at which the contact force on the approach
 * reaches a target force F_t > 0 — what an ideal deflection trigger does. Units: N → m.
 *
 * Equation: u = δ_t + F_t/k with δ_t solving F(δ_t) = F_t on the contact branch.
 */
export function piezoPositionAtForce(law: ContactLaw, springConstant: number, targetForce: number): number {
  const p = prepare(law, springConstant);
  if (!Number.isFinite(targetForce) || targetForce <= 0) throw new RangeError(`piezoPositionAtForce: targetForce = ${targetForce} N must be finite and > 0`);
  if (law.model === 'jkr' && law.adhesionWork > 0) {
    // F(a) increasing for a > a_c: bisection
    let lo = jkrPullOffContactRadius(law.reducedModulus, p.radius, law.adhesionWork);
    let hi = 2 * lo;
    while (jkrAtContactRadius(law.reducedModulus, p.radius, law.adhesionWork, hi).force < targetForce) hi *= 2;
    for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
      const m = 0.5 * (lo + hi);
      if (jkrAtContactRadius(law.reducedModulus, p.radius, law.adhesionWork, m).force < targetForce) lo = m;
      else hi = m;
    }
    return jkrAtContactRadius(law.reducedModulus, p.radius, law.adhesionWork, hi).indentation + targetForce / p.k;
  }
  // repulsive part must equal F_t + F_ad: bisection on δ (F_rep increasing)
  const need = targetForce + p.fad;
  let lo = 0;
  let hi = 1e-9;
  while (repulsiveForce(law, hi).force < need) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const m = 0.5 * (lo + hi);
    if (repulsiveForce(law, m).force < need) lo = m;
    else hi = m;
  }
  return hi + targetForce / p.k;
}
