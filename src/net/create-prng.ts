/**
 * createPrng returns a seeded pseudo-random generator (mulberry32): each call yields a float in
 * [0, 1). Pure given its seed: two generators with the same seed yield the same sequence. Seeds are
 * truncated to 32 bits. Used for packet loss and duplication so a faulty run can be repeated.
 */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
