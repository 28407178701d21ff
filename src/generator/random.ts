/**
 * Random: faultline's one seeded PRNG (xoshiro128**, seeded through splitmix32), as an immutable value.
 *
 * Every draw returns the value and the next generator state, so a generator that is asked for an op
 * and answers "pending" consumes no randomness: the same seed gives the same schedule however often
 * a real-time driver polls.
 */

/** Random is an immutable xoshiro128** state; draws return `[value, nextRandom]`. */
export class Random {
  private constructor(
    private readonly a: number,
    private readonly b: number,
    private readonly c: number,
    private readonly d: number,
  ) {}

  /** Random.seeded builds a state from any integer seed (same seed → same sequence). */
  static seeded(seed: number): Random {
    let s = seed >>> 0;
    const next = (): number => {
      // splitmix32: spreads a small seed over the 128-bit state.
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    const a = next();
    const b = next();
    const c = next();
    const d = next();
    // An all-zero state would only ever yield zeros.
    return new Random(a | 1, b, c, d);
  }

  /** uint32 draws a uniform unsigned 32-bit integer. */
  uint32(): [number, Random] {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    let { a, b, c, d } = this;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return [result, new Random(a, b, c, d)];
  }

  /** float draws a uniform number in [0, 1). */
  float(): [number, Random] {
    const [u, next] = this.uint32();
    return [u / 4294967296, next];
  }

  /** int draws a uniform integer in [0, n); n must be a positive integer (n ≤ 2^32). */
  int(n: number): [number, Random] {
    const [f, next] = this.float();
    return [Math.floor(f * n), next];
  }

  /** pick draws one element of a non-empty array uniformly. */
  pick<T>(items: readonly T[]): [T, Random] {
    if (items.length === 0) throw new RangeError('Random.pick: empty array');
    const [i, next] = this.int(items.length);
    return [items[i] as T, next];
  }

  /** split derives an independent generator (for a sub-schedule) and advances this one. */
  split(): [Random, Random] {
    const [u, next] = this.uint32();
    return [Random.seeded(u), next];
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
