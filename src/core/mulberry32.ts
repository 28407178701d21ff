/**
 * mulberry32 returns a seeded pseudo-random generator (Tommy Ettinger's mulberry32): each call
 * yields a float in [0, 1). Pure given its seed (truncated to 32 bits): the same seed always yields
 * the same sequence. The one small PRNG the store, the network layer and the tests share.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
