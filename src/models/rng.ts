/**
 * The random-number interface the models receive. Models own no randomness: an `Rng` is passed
 * in (src/sim/rng.ts creates the root stream from the run's seed and forks named streams), so that
 * results depend on the seed alone and adding one noise source never shifts another's stream.
 */
export interface Rng {
  /** Fork path from the root, e.g. `'nrm/lateral-noise'`. */
  readonly name: string;
  /** Uniform deviate in [0, 1). */
  uniform(): number;
  /** Standard normal deviate N(0, 1). */
  normal(): number;
  /** An independent stream whose seed is derived from this stream's seed and `name` only. */
  fork(name: string): Rng;
}

/** Fill `out` with N(mean, sigma²) deviates (output-first, no allocation). */
export function fillNormal(rng: Rng, out: Float64Array, sigma = 1, mean = 0): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = mean + sigma * rng.normal();
  return out;
}

/** Poisson deviate with mean `lambda` (Knuth for small λ, normal approximation above 500). */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`poisson: lambda = ${lambda} must be finite and >= 0`);
  if (lambda > 500) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
  const L = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.uniform();
  } while (p > L);
  return k - 1;
}
