/**
 * Seeded pseudo-random numbers for synthetic histories (splitmix32 → mulberry-style mixing).
 * Pure: the same seed always yields the same sequence.
 */

/** Rng is a seeded source of uniform numbers in [0, 1) and helpers over it. */
export interface Rng {
  next(): number;
  int(maxExclusive: number): number;
  chance(p: number): boolean;
}

/** createRng returns a deterministic generator for a 32-bit seed. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296;
  };
  return {
    next,
    int: (maxExclusive) => Math.floor(next() * maxExclusive),
    chance: (p) => next() < p,
  };
}
