import { mulberry32 } from '../core/mulberry32.js';

/**
 * createPrng returns a seeded pseudo-random generator (mulberry32): each call yields a float in
 * [0, 1). Pure given its seed: two generators with the same seed yield the same sequence. Seeds are
 * truncated to 32 bits. Used for packet loss and duplication so a faulty run can be repeated.
 */
export const createPrng: (seed: number) => () => number = mulberry32;
