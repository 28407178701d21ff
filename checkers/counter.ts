/**
 * checkCounter: every read of a counter lies within [acknowledged sum, attempted sum] at its time.
 *
 * The history holds `incr` ops (value = a non-negative amount; `add` is accepted as a synonym) and
 * `read` ops (ok value = the counter) on one or more keys, each key its own counter starting at 0.
 * For a read invoked at c and completed at r: the lower bound is the sum of increments acknowledged
 * before c; the upper bound is the sum of increments invoked before r that did not fail (ok or
 * unknown). A read outside the bounds is an error; the verdict is invalid when there is one.
 */
import type { HistoryEvent } from '../src/core/event.js';
import type { Operation } from '../src/core/operation.js';
import type { Verdict } from '../src/core/verdict.js';
import { mergeVerdicts } from '../src/core/verdict.js';
import { pairOperations } from '../src/history/pair.js';

/** CounterError is one read outside its bounds. */
export interface CounterError {
  key: string;
  process: number;
  value: number;
  lower: number;
  upper: number;
  callNs: number;
  returnNs: number;
}

/** CounterKeyResult is the counter checker's answer for one key. */
export interface CounterKeyResult {
  key: string;
  valid: Verdict;
  reads: number;
  /** Final acknowledged and attempted sums. */
  acknowledged: number;
  attempted: number;
  errors: CounterError[];
  errorCount: number;
}

/** CounterResult is the counter checker's whole answer. */
export interface CounterResult {
  checker: 'counter';
  valid: Verdict;
  keys: CounterKeyResult[];
}

const INCREMENTS = new Set(['incr', 'add']);

/** checkCounter checks a counter history (pure). Reads whose value is not a number are errors too. */
export function checkCounter(events: readonly HistoryEvent[]): CounterResult {
  const byKey = new Map<string, Operation[]>();
  for (const op of pairOperations(events)) {
    const k = op.key ?? '';
    const list = byKey.get(k) ?? [];
    list.push(op);
    byKey.set(k, list);
  }
  const keys = [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, ops]) => checkKey(key, ops));
  return { checker: 'counter', valid: mergeVerdicts(keys.map((k) => k.valid)), keys };
}

function checkKey(key: string, ops: readonly Operation[]): CounterKeyResult {
  const incs = ops.filter((o) => INCREMENTS.has(o.f));
  const amount = (o: Operation): number => (typeof o.input === 'number' ? o.input : 1);
  // Sorted event lists for O((n + reads) log n) bound computation with two cursors.
  const acked = incs.filter((o) => o.status === 'ok').map((o) => [o.returnNs, amount(o)] as const).sort((a, b) => a[0] - b[0]);
  const invoked = incs.map((o) => [o.callNs, amount(o)] as const).sort((a, b) => a[0] - b[0]);
  const invokedTimes = invoked.map(([t]) => t);
  const prefix = [0];
  for (const [, a] of invoked) prefix.push((prefix[prefix.length - 1] as number) + a);
  const reads = ops.filter((o) => o.f === 'read' && o.status === 'ok').sort((a, b) => a.callNs - b.callNs);
  const errors: CounterError[] = [];
  let ai = 0;
  let lower = 0;
  for (const r of reads) {
    while (ai < acked.length && (acked[ai] as readonly [number, number])[0] < r.callNs) lower += (acked[ai++] as readonly [number, number])[1];
    const upper = prefix[countBefore(invokedTimes, r.returnNs)] as number;
    const value = r.output;
    if (typeof value !== 'number' || value < lower || value > upper) {
      errors.push({ key, process: r.process, value: value as number, lower, upper, callNs: r.callNs, returnNs: r.returnNs });
    }
  }
  return {
    key,
    valid: errors.length === 0,
    reads: reads.length,
    acknowledged: acked.reduce((s, [, a]) => s + a, 0),
    attempted: invoked.reduce((s, [, a]) => s + a, 0),
    errors: errors.slice(0, 100),
    errorCount: errors.length,
  };
}

/** countBefore: how many of the ascending `times` are < t (binary search). */
function countBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
