/**
 * InfoPool: the search's unlinearized info ops, kept apart from the list of ok entries so that a walk
 * over the candidates does not pass every info op pending since the start of the history (an info op
 * never returns, so it stays a candidate to the end).
 *
 * Info ops sit in buckets, each a doubly linked list sorted by call position (dancing links: lift and
 * unlift must be LIFO, as the search's stack guarantees):
 * - ANY: ops that may change any state (writes whose value some op needs);
 * - KEY(k): ops that can change only a state whose key is k (a cas comparing with k; the model's
 *   ValueDiscipline contract for `compared`), so in any other state their step is a no-op, which
 *   optimization (b) skips anyway — not visiting them is exact;
 * - LEAVE: ops that are useful only where a pending failed compare needs the state to change
 *   (optimization h: `useless` is true elsewhere), visited only in such states.
 * A walk (`begin`, then `next` until -1) visits, for the current state, ANY, then its KEY bucket, then
 * LEAVE when wanted, each up to `limit` (the call position of the first unlinearized return entry:
 * an info op called later cannot come next). `resumeAfter(i)` continues a walk after op i in i's
 * bucket, for backtracking. Not pure (mutable lists); one pool per search.
 */

/** Bucket ids of `bucketOf`: ANY, LEAVE, or KEY_BASE + k for key bucket k. */
export const ANY = 0;
export const LEAVE = 1;
export const KEY_BASE = 2;

/** InfoPool is the set of unlinearized info ops, walked per state; see the file header. */
export interface InfoPool {
  lift(i: number): void;
  unlift(i: number): void;
  /** begin starts a walk over the candidates in `state` whose call position is below `limit`. */
  begin(state: number, limit: number): void;
  /** resumeAfter continues a walk in `state` after op i (which must be back in its bucket). */
  resumeAfter(i: number, state: number, limit: number): void;
  /** next returns the walk's next op, or -1 when it is done. */
  next(): number;
}

/**
 * makeInfoPool builds the pool over the info ops of `callOrder` (op indices sorted by call position,
 * `pos[i]` their positions). `bucketOf[i]` is i's bucket; `keyBucketOf(state)` is the key bucket of a
 * state (-1: none); `leaveWanted(state)` tells whether LEAVE is worth visiting in that state.
 */
export function makeInfoPool(
  n: number,
  callOrder: readonly number[],
  pos: Int32Array,
  bucketOf: Int32Array,
  buckets: number,
  keyBucketOf: (state: number) => number,
  leaveWanted: (state: number) => boolean,
): InfoPool {
  // Nodes 0..n-1 are ops; n + b is the head (sentinel) of bucket b; lists are circular.
  const next = new Int32Array(n + buckets);
  const prev = new Int32Array(n + buckets);
  for (let b = 0; b < buckets; b++) next[n + b] = prev[n + b] = n + b;
  for (const i of callOrder) {
    const h = n + bucketOf[i]!;
    const tail = prev[h]!;
    next[tail] = i;
    prev[i] = tail;
    next[i] = h;
    prev[h] = i;
  }
  // The walk: the buckets still to visit (at most three) and the node before the next one.
  const plan = [0, 0, 0];
  let planLen = 0;
  let planAt = 0;
  let cursor = -1;
  let lim = 0;
  const planFor = (state: number): void => {
    planLen = 0;
    plan[planLen++] = ANY;
    const k = keyBucketOf(state);
    if (k >= 0) plan[planLen++] = KEY_BASE + k;
    if (leaveWanted(state)) plan[planLen++] = LEAVE;
  };
  return {
    lift(i) {
      next[prev[i]!] = next[i]!;
      prev[next[i]!] = prev[i]!;
    },
    unlift(i) {
      prev[next[i]!] = i;
      next[prev[i]!] = i;
    },
    begin(state, limit) {
      planFor(state);
      lim = limit;
      planAt = 0;
      cursor = n + plan[0]!;
    },
    resumeAfter(i, state, limit) {
      planFor(state);
      lim = limit;
      const b = bucketOf[i]!;
      planAt = plan.indexOf(b);
      if (planAt < 0 || planAt >= planLen) {
        // The op's bucket is not visited in this state (cannot happen for ops the walk returned).
        planAt = planLen;
        cursor = -1;
        return;
      }
      cursor = i;
    },
    next() {
      while (planAt < planLen) {
        const x = next[cursor]!;
        if (x < n && pos[x]! < lim) {
          cursor = x;
          return x;
        }
        planAt++;
        if (planAt < planLen) cursor = n + plan[planAt]!;
      }
      return -1;
    },
  };
}
