/**
 * The project's one source of randomness: a seeded generator passed explicitly to whatever needs it.
 *
 * Built on seedrandom's `alea` (fast, small state, exact state snapshots). The platform's unseeded generator is banned by
 * lint; every random draw in the project goes through an `Rng` so that the same seed gives the same
 * bytes out.
 */
import seedrandom from 'seedrandom';

/** Name recorded in traces and JSON output so a reader knows which generator a seed belongs to. */
export const RNG_ALGORITHM = 'seedrandom-alea';

/** JSON-serialisable generator state: alea's registers and carry, plus a pending normal draw. */
export type RngState = { readonly alea: object; readonly spareNormal: number | null };

interface AleaPrng {
  (): number;
  int32(): number;
  double(): number;
  state(): object;
}

export class Rng {
  private readonly prng: AleaPrng;
  private spareNormal: number | null = null;

  private constructor(prng: AleaPrng) {
    this.prng = prng;
  }

  /** A generator for a seed; numbers and strings are both accepted and give distinct streams. */
  static fromSeed(seed: number | string): Rng {
    return new Rng(seedrandom.alea(String(seed), { state: true }) as unknown as AleaPrng);
  }

  /** Restore a generator from `state()`; it continues exactly where the original was. */
  static fromState(state: RngState): Rng {
    const prng = seedrandom.alea('', { state: state.alea as seedrandom.State.Alea }) as unknown as AleaPrng;
    const rng = new Rng(prng);
    rng.spareNormal = state.spareNormal;
    return rng;
  }

  /** A snapshot of the state, for saving and later `Rng.fromState`. */
  state(): RngState {
    return { alea: this.prng.state(), spareNormal: this.spareNormal };
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng();
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.prng();
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  /** Standard normal (Marsaglia polar method; the second draw of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.prng() - 1;
      v = 2 * this.prng() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + sd * u * f;
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** An independent child generator, derived deterministically (for sub-tasks that must not share a stream). */
  fork(label: string): Rng {
    return Rng.fromSeed(`${this.prng.int32()}:${label}`);
  }
}
