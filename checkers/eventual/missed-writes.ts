/**
 * missedWrites: for many reads at once, the acknowledged writes each read provably missed — those
 * invoked after the read's latest possible source finished and acknowledged before the read began —
 * reduced to the oldest and newest of their ack times. Pure; O((r + w) log w).
 */
import type { RegisterWrite } from './register-history.js';
import { countBelow } from './source-index.js';

/** MissQuery: a read that began at readCallNs whose latest possible source finished at sourceEndNs. */
export interface MissQuery {
  readCallNs: number;
  sourceEndNs: number;
}

/** Missed: ack times (ns) of the oldest and newest missed writes, or null when none was missed. */
export type Missed = { oldestAckNs: number; newestAckNs: number } | null;

/**
 * missedWrites answers each query (same order as given): among acknowledged writes w with
 * w.callNs > sourceEndNs and w.returnNs < readCallNs, the min and max w.returnNs. Offline sweep over
 * reads by start time, inserting writes by ack time into Fenwick trees indexed by (reversed) call
 * time, so "invoked after S" is a prefix query.
 */
export function missedWrites(writes: readonly RegisterWrite[], queries: readonly MissQuery[]): Missed[] {
  const acked = writes.filter((w) => w.acknowledged).sort((a, b) => a.returnNs - b.returnNs);
  const calls = acked.map((w) => w.callNs).sort((a, b) => a - b);
  const n = calls.length;
  const minTree = new Array<number>(n + 1).fill(Infinity);
  const maxTree = new Array<number>(n + 1).fill(-Infinity);
  // Reversed rank: writes invoked later get smaller positions, so "callNs > S" is a prefix.
  const position = (callNs: number): number => n - countBelow(calls, callNs);
  const insert = (callNs: number, ack: number): void => {
    for (let i = position(callNs); i <= n; i += i & -i) {
      if (ack < (minTree[i] as number)) minTree[i] = ack;
      if (ack > (maxTree[i] as number)) maxTree[i] = ack;
    }
  };
  const order = queries.map((_, i) => i).sort((a, b) => (queries[a] as MissQuery).readCallNs - (queries[b] as MissQuery).readCallNs);
  const out: Missed[] = new Array<Missed>(queries.length).fill(null);
  let next = 0;
  for (const qi of order) {
    const q = queries[qi] as MissQuery;
    while (next < acked.length && (acked[next] as RegisterWrite).returnNs < q.readCallNs) {
      const w = acked[next++] as RegisterWrite;
      insert(w.callNs, w.returnNs);
    }
    if (q.sourceEndNs === Infinity) continue;
    // Writes with callNs > S occupy positions 1 .. n - #(calls ≤ S).
    let i = n - countAtMost(calls, q.sourceEndNs);
    let lo = Infinity;
    let hi = -Infinity;
    for (; i > 0; i -= i & -i) {
      lo = Math.min(lo, minTree[i] as number);
      hi = Math.max(hi, maxTree[i] as number);
    }
    if (lo !== Infinity) out[qi] = { oldestAckNs: lo, newestAckNs: hi };
  }
  return out;
}

/** countAtMost: how many of the ascending `xs` are ≤ t. */
function countAtMost(xs: readonly number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
