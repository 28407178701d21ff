/**
 * SourceIndex: for a value read from a register, the latest point at which a write of that value
 * could have finished — the read's most favourable source. Pure after construction.
 */
import type { RegisterWrite } from './register-history.js';

/** INITIAL_KEY is the value key of the register's initial value (null: never written). */
export const INITIAL_KEY = 'null';

interface ByValue {
  /** Call times ascending. */
  callNs: number[];
  /** prefixMaxReturn[i] = max returnNs over the first i+1 writes (Infinity for info). */
  prefixMaxReturn: number[];
}

/**
 * SourceIndex answers: among the writes of value v invoked before time t (and the initial value when
 * v is null), what is the latest return time? A read of v that returned at t can only have observed
 * one of those writes; if the latest of them finished at S, every acknowledged write invoked after S
 * certainly followed the read's source in real time. Info writes finish at Infinity (they may take
 * effect at any time), so a read of an info write's value is never provably stale.
 */
export class SourceIndex {
  private readonly byValue = new Map<string, ByValue>();

  constructor(writes: readonly RegisterWrite[]) {
    const groups = new Map<string, RegisterWrite[]>();
    for (const w of writes) {
      const g = groups.get(w.vkey);
      if (g === undefined) groups.set(w.vkey, [w]);
      else g.push(w);
    }
    for (const [vkey, g] of groups) {
      g.sort((a, b) => a.callNs - b.callNs);
      const prefixMaxReturn: number[] = [];
      let m = -Infinity;
      for (const w of g) prefixMaxReturn.push((m = Math.max(m, w.returnNs)));
      this.byValue.set(vkey, { callNs: g.map((w) => w.callNs), prefixMaxReturn });
    }
  }

  /**
   * latestSourceEnd is the latest return time (ns) of a write of `vkey` invoked strictly before
   * `beforeNs`; -Infinity for the initial value with no such write; undefined when no write could be
   * the source (a phantom value). O(log w).
   */
  latestSourceEnd(vkey: string, beforeNs: number): number | undefined {
    const g = this.byValue.get(vkey);
    const n = g === undefined ? 0 : countBelow(g.callNs, beforeNs);
    if (g !== undefined && n > 0) return g.prefixMaxReturn[n - 1] as number;
    return vkey === INITIAL_KEY ? -Infinity : undefined;
  }

  /** written tells whether any write (ok or info, at any time) carried `vkey`. */
  written(vkey: string): boolean {
    return this.byValue.has(vkey);
  }
}

/** countBelow: how many of the ascending `xs` are < t (binary search). */
export function countBelow(xs: readonly number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
