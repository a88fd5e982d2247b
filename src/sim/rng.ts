/**
 * Seeded, forkable random streams (seedrandom's Alea generator).
 *
 * A stream's seed is the root seed plus its fork path (`"42/nrm/lateral-noise"`), so each named
 * stream is independent of the order in which streams are created or drawn from.
 */
import seedrandom from 'seedrandom';
import type { Rng } from '../models/rng.js';

class AleaRng implements Rng {
  private readonly prng: seedrandom.PRNG;
  private spare: number | undefined;

  constructor(
    private readonly rootSeed: string,
    readonly name: string,
  ) {
    this.prng = seedrandom.alea(name === '' ? rootSeed : `${rootSeed}/${name}`);
  }

  uniform(): number {
    return this.prng.double();
  }

  /** Marsaglia polar method; caches the second deviate. */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.prng.double() - 1;
      v = 2 * this.prng.double() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  fork(name: string): Rng {
    if (name === '' || name.includes('/')) throw new Error(`rng fork name '${name}' must be non-empty and contain no '/'`);
    return new AleaRng(this.rootSeed, this.name === '' ? name : `${this.name}/${name}`);
  }
}

/** The root stream of a run. `seed` is kept as a string so that any seed round-trips exactly. */
export function createRng(seed: string | number): Rng {
  return new AleaRng(String(seed), '');
}

/**
 * A fresh seed for runs that give none: derived from the OS entropy pool (not the clock), printed
 * and recorded in the manifest so the run can be replayed.
 */
export async function freshSeed(): Promise<string> {
  const { randomInt } = await import('node:crypto');
  return String(randomInt(0, 2 ** 48 - 1));
}
