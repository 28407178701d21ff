/**
 * StoreClock is a node's wall clock: `now()` is Date.now() plus an offset set at run time through
 * `POST /control/clock`. Every clock read whose skew should matter (lease expiry, LWW timestamps) goes
 * through `now()`; election and heartbeat timers use `monotonicMs()`, which the offset never touches.
 */
import { mulberry32 } from '../core/mulberry32.js';
export class StoreClock {
  private offset = 0;

  /** now is the skewed wall-clock time in ms since the epoch. */
  now(): number {
    return Date.now() + this.offset;
  }

  /** offsetMs is the current offset in ms (0 = real time). */
  get offsetMs(): number {
    return this.offset;
  }

  /** setOffsetMs replaces the offset (ms, may be negative). */
  setOffsetMs(offsetMs: number): void {
    this.offset = offsetMs;
  }
}

/** monotonicMs is real monotonic time in ms (performance.now()), immune to clock offsets. */
export function monotonicMs(): number {
  return performance.now();
}

/**
 * seededRandom returns a deterministic generator of floats in [0,1) (mulberry32) for `seed`, so a
 * node's election timeouts repeat under the same --seed.
 */
export const seededRandom: (seed: number) => () => number = mulberry32;
