/**
 * Potential programs of a potentiostat: linear sweeps, holds at a set potential, rests at open
 * circuit; cyclic voltammetry built from them (paper 000: "cyclic voltammetry (CV) … at 2 mV/s
 * cycling rate vs Li+/Li"; Bard & Faulkner, *Electrochemical Methods*, 2nd ed., §6.1).
 */

/** One segment of a program. Potentials in V (vs the program's reference), times in s, rates V/s. */
export type ProgramSegment =
  | { readonly kind: 'sweep'; readonly from: number; readonly to: number; readonly rate: number }
  | { readonly kind: 'hold'; readonly potential: number; readonly duration: number }
  | { readonly kind: 'ocv'; readonly potential: number; readonly duration: number };

/** Segment kinds, for exhaustive switches. */
export type SegmentKind = ProgramSegment['kind'];

/** A validated program: its segments with start times, cycle numbers and total duration. */
export interface PotentialProgram {
  readonly segments: readonly ProgramSegment[];
  /** Start time of each segment (s). */
  readonly startTimes: readonly number[];
  /** Cycle number (1-based) each segment belongs to; 0 for segments before the first cycle. */
  readonly cycles: readonly number[];
  /** Total duration (s). */
  readonly duration: number;
}

/** Duration of one segment (s): |to − from|/rate for a sweep. */
export function segmentDuration(seg: ProgramSegment): number {
  switch (seg.kind) {
    case 'sweep':
      return Math.abs(seg.to - seg.from) / seg.rate;
    case 'hold':
    case 'ocv':
      return seg.duration;
    default: {
      const never: never = seg;
      throw new Error(`unknown segment ${JSON.stringify(never)}`);
    }
  }
}

function checkSegment(seg: ProgramSegment, i: number): void {
  const bad = (name: string, v: number, exp: string): never => {
    throw new RangeError(`program.segments[${i}].${name} = ${v}: expected ${exp}`);
  };
  switch (seg.kind) {
    case 'sweep':
      if (!Number.isFinite(seg.from)) bad('from', seg.from, 'a finite potential (V)');
      if (!Number.isFinite(seg.to)) bad('to', seg.to, 'a finite potential (V)');
      if (!Number.isFinite(seg.rate) || seg.rate <= 0) bad('rate', seg.rate, 'a finite sweep rate > 0 V/s');
      return;
    case 'hold':
    case 'ocv':
      if (!Number.isFinite(seg.potential)) bad('potential', seg.potential, 'a finite potential (V)');
      if (!Number.isFinite(seg.duration) || seg.duration < 0) bad('duration', seg.duration, 'a finite duration ≥ 0 s');
      return;
    default: {
      const never: never = seg;
      throw new Error(`unknown segment ${JSON.stringify(never)}`);
    }
  }
}

/** Build a program from segments (validated; potentials must be continuous between segments). */
export function makeProgram(segments: readonly ProgramSegment[], cycles?: readonly number[]): PotentialProgram {
  if (segments.length === 0) throw new RangeError('program.segments: expected at least one segment');
  const startTimes: number[] = [];
  let t = 0;
  segments.forEach((s, i) => {
    checkSegment(s, i);
    if (i > 0) {
      const prevEnd = segmentEndPotential(segments[i - 1]);
      const start = segmentStartPotential(s);
      if (Math.abs(prevEnd - start) > 1e-9) throw new RangeError(`program.segments[${i}] starts at ${start} V but segment ${i - 1} ends at ${prevEnd} V`);
    }
    startTimes.push(t);
    t += segmentDuration(s);
  });
  if (!(t > 0)) throw new RangeError('program: total duration must be > 0 s');
  return { segments, startTimes, cycles: cycles ?? segments.map(() => 1), duration: t };
}

function segmentStartPotential(s: ProgramSegment): number {
  return s.kind === 'sweep' ? s.from : s.potential;
}
function segmentEndPotential(s: ProgramSegment): number {
  return s.kind === 'sweep' ? s.to : s.potential;
}

/** A cyclic voltammogram: start → vertices[0] → vertices[1] → … repeated `cycles` times. */
export interface CvSpec {
  /** Start potential E_i (V), e.g. the open-circuit potential. */
  readonly start: number;
  /** Vertex potentials visited in order in every cycle (V); at least one. */
  readonly vertices: readonly number[];
  /** Sweep rate v (V/s), > 0. */
  readonly rate: number;
  /** Number of cycles (integer ≥ 1). */
  readonly cycles: number;
  /** Rest at open circuit at the start potential before the first sweep (s), default 0. */
  readonly restBefore?: number;
}

/**
 * Cyclic voltammetry as a program: E_i → V₁ → V₂ → … (one cycle), repeated; segments carry their
 * cycle number. With E_i = V₂ every cycle is the same triangle.
 *
 * @example cyclicVoltammetry({ start: 3, vertices: [0.01, 3], rate: 2e-3, cycles: 2 }).duration // 5980 s
 */
export function cyclicVoltammetry(spec: CvSpec): PotentialProgram {
  if (!Number.isFinite(spec.start)) throw new RangeError(`cv.start = ${spec.start}: expected a finite potential (V)`);
  if (!Number.isInteger(spec.cycles) || spec.cycles < 1) throw new RangeError(`cv.cycles = ${spec.cycles}: expected an integer ≥ 1`);
  if (!Number.isFinite(spec.rate) || spec.rate <= 0) throw new RangeError(`cv.rate = ${spec.rate}: expected a finite sweep rate > 0 V/s`);
  if (spec.vertices.length === 0) throw new RangeError('cv.vertices: expected at least one vertex');
  spec.vertices.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`cv.vertices[${i}] = ${v}: expected a finite potential (V)`);
  });
  const rest = spec.restBefore ?? 0;
  const segs: ProgramSegment[] = [];
  const cyc: number[] = [];
  if (rest > 0) {
    segs.push({ kind: 'ocv', potential: spec.start, duration: rest });
    cyc.push(0);
  }
  let e = spec.start;
  for (let c = 1; c <= spec.cycles; c++) {
    for (const v of spec.vertices) {
      if (v === e) continue;
      segs.push({ kind: 'sweep', from: e, to: v, rate: spec.rate });
      cyc.push(c);
      e = v;
    }
  }
  return makeProgram(segs, cyc);
}

/** Index of the segment active at time t (the later one at a boundary; the last at the end). */
export function segmentIndexAt(program: PotentialProgram, t: number): number {
  const st = program.startTimes;
  let lo = 0;
  let hi = st.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (st[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Applied potential at time t (V): linear within a sweep, constant in holds and rests.
 * Equation: E(t) = E_from ± v (t − t_seg) for a sweep.
 */
export function potentialAt(program: PotentialProgram, t: number): number {
  if (!Number.isFinite(t)) throw new RangeError(`potentialAt: t = ${t} s is not finite`);
  const tc = Math.min(Math.max(t, 0), program.duration);
  const i = segmentIndexAt(program, tc);
  const s = program.segments[i];
  const dt = tc - program.startTimes[i];
  switch (s.kind) {
    case 'sweep': {
      const sign = s.to >= s.from ? 1 : -1;
      const e = s.from + sign * s.rate * dt;
      return sign > 0 ? Math.min(e, s.to) : Math.max(e, s.to);
    }
    case 'hold':
    case 'ocv':
      return s.potential;
    default: {
      const never: never = s;
      throw new Error(`unknown segment ${JSON.stringify(never)}`);
    }
  }
}

/** The program sampled on a time grid. */
export interface SampledProgram {
  /** Node times t_n (s), t_0 = 0, t_N = duration; uniform spacing dt except possibly the last step. */
  readonly t: Float64Array;
  /** Applied potential at the nodes (V). */
  readonly E: Float64Array;
  /** Segment index at the midpoint of each interval [t_{n−1}, t_n] (length N+1; entry 0 = segment 0). */
  readonly segment: Int32Array;
  /** Cycle number of each interval (as `segment`). */
  readonly cycle: Int32Array;
  /** 1 where the interval is at open circuit (no current may flow), else 0. */
  readonly openCircuit: Uint8Array;
}

/** Sample a program at nodes t_n = n·dt (last node at the program's end). */
export function sampleProgram(program: PotentialProgram, dt: number): SampledProgram {
  if (!Number.isFinite(dt) || dt <= 0) throw new RangeError(`sampleProgram: dt = ${dt} s: expected finite and > 0`);
  const N = Math.ceil(program.duration / dt - 1e-9);
  if (N > 5e6) throw new RangeError(`sampleProgram: ${N} steps (duration ${program.duration} s / dt ${dt} s) is too many`);
  const t = new Float64Array(N + 1);
  const E = new Float64Array(N + 1);
  const segment = new Int32Array(N + 1);
  const cycle = new Int32Array(N + 1);
  const openCircuit = new Uint8Array(N + 1);
  for (let n = 0; n <= N; n++) {
    t[n] = Math.min(n * dt, program.duration);
    E[n] = potentialAt(program, t[n]);
    const tm = n === 0 ? 0 : 0.5 * (t[n - 1] + t[n]);
    const si = segmentIndexAt(program, tm);
    segment[n] = si;
    cycle[n] = program.cycles[si];
    openCircuit[n] = program.segments[si].kind === 'ocv' ? 1 : 0;
  }
  return { t, E, segment, cycle, openCircuit };
}

/** Linear interpolation of node values v(t_n) at time t (clamped to the ends). */
export function interpolateNodes(t: Float64Array, v: Float64Array, time: number): number {
  const N = t.length - 1;
  if (time <= t[0]) return v[0];
  if (time >= t[N]) return v[N];
  let lo = 0;
  let hi = N;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t[mid] <= time) lo = mid;
    else hi = mid;
  }
  const w = (time - t[lo]) / (t[hi] - t[lo]);
  return v[lo] + w * (v[hi] - v[lo]);
}
