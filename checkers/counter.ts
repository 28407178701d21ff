/**
 * checkCounter: every read of a counter lies within [acknowledged sum, attempted sum] at its time,
 * and after the final heal every node reads the same count.
 *
 * The history holds `incr` ops (value = a non-negative amount; `add` is accepted as a synonym) and
 * `read` ops (ok value = the counter) on one or more keys, each key its own counter starting at 0.
 * For a read invoked at c and completed at r: the lower bound is the sum of increments acknowledged
 * before c; the upper bound is the sum of increments invoked before r that did not fail (ok or
 * unknown). A read outside the bounds, or whose value is not a number, is an error.
 * Final reads are the ok reads invoked after the last nemesis event and the last non-read client
 * completion (finalPhaseStart, shared with the set checker); a node's final value is its last final
 * read (a read with no recorded node is its process's view), so final reads repeated until the nodes
 * agree judge where they ended. Different final values are a divergence; `convergence` says
 * "converged after X s" (from the heal) or "not converged within N s" (eventual/convergence.ts).
 * Malformed increments: an ok or info increment whose value is not a finite number ≥ 0 (negative,
 * non-numeric, null) makes the bounds meaningless, so that key is `unknown` (not invalid: the
 * history, not the store, is at fault) with a reason naming the first such op; its reads are not
 * judged. Failed increments are dropped before this check, whatever their value.
 * Verdict per key: invalid when a read is out of bounds or the final values diverged; unknown when
 * an increment is malformed; otherwise valid. Evidence (checkers/evidence.ts): a key that would be
 * valid with no ok read, or with no increment that did not fail, is unknown, "no evidence", and set
 * aside in the merged verdict unless no key had evidence.
 */
import type { HistoryEvent } from '../src/core/event.js';
import type { Operation } from '../src/core/operation.js';
import type { Verdict } from '../src/core/verdict.js';
import { mergeWithEvidence, NO_EVIDENCE } from './evidence.js';
import type { KeyedHistory } from './keyed-history.js';
import { operationsByKey, pairOperations } from '../src/history/pair.js';
import { finalPhaseStart, finalViewOf, lastHealNs } from './set.js';
import { valueKey } from './linearizable/models/value.js';
import { type Convergence, convergenceOverall, groupFinalViews, judgeConvergence } from './eventual/convergence.js';

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
  /** Each node's last final read (key: node, or `process <p>` when the read names no node). */
  finalValues: Record<string, unknown>;
  /** True when the final values disagree. */
  diverged: boolean;
  /** "converged after X s" or "not converged within N s" (see eventual/convergence.ts). */
  convergence: Convergence;
  reason?: string;
  /** True when the key would be valid but was never read or never incremented (see checkers/evidence.ts). */
  noEvidence?: boolean;
}

/** CounterResult is the counter checker's whole answer. */
export interface CounterResult {
  checker: 'counter';
  valid: Verdict;
  /** Over all keys (the slowest, or the longest watched without agreement). */
  convergence: Convergence;
  /** Why the verdict is unknown when no key had evidence. */
  reason?: string;
  keys: CounterKeyResult[];
}

const INCREMENTS = new Set(['incr', 'add']);

/** checkCounter checks a counter history (pure). Reads whose value is not a number are errors too. */
export function checkCounter(events: readonly HistoryEvent[]): CounterResult {
  const finalFromNs = finalPhaseStart(events);
  const refNs = lastHealNs(events) ?? finalFromNs;
  const byKey = operationsByKey(pairOperations(events));
  return counterResult([...byKey.entries()].map(([key, ops]) => checkKey(key, ops, finalFromNs, refNs)));
}

/**
 * checkCounterKeyed is checkCounter over a KeyedHistory, one batch of keys at a time (the same result
 * on the same history); the final phase and the heal are the history's PhaseTimes.
 */
export function checkCounterKeyed(history: KeyedHistory, batchOps = 100_000): CounterResult {
  const p = history.phases;
  const finalFromNs = Math.max(p.lastNemesisNs, p.lastNonReadCompletionNs);
  const refNs = p.lastHealNs ?? finalFromNs;
  const keys: CounterKeyResult[] = [];
  for (const batch of history.batches(batchOps)) {
    for (const [key, ops] of operationsByKey(batch.ops)) keys.push(checkKey(key, ops, finalFromNs, refNs));
  }
  return counterResult(keys);
}

/** counterResult merges per-key results (any order: sorted by key here). */
function counterResult(unsorted: CounterKeyResult[]): CounterResult {
  const keys = unsorted.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const merged = mergeWithEvidence(keys);
  const result: CounterResult = { checker: 'counter', valid: merged.valid, convergence: convergenceOverall(keys.map((k) => k.convergence)), keys };
  if (merged.reason !== undefined) result.reason = merged.reason;
  return result;
}

function checkKey(key: string, ops: readonly Operation[], finalFromNs: number, refNs: number): CounterKeyResult {
  const incs = ops.filter((o) => INCREMENTS.has(o.f));
  const reads = ops.filter((o) => o.f === 'read' && o.status === 'ok').sort((a, b) => a.callNs - b.callNs);
  const finalValues = finalValuesOf(reads, finalFromNs);
  const views = groupFinalViews(
    reads.filter((r) => r.callNs >= finalFromNs).map((r) => ({ callNs: r.callNs, returnNs: r.returnNs, vkey: valueKey(r.output), view: finalViewOf(r) })),
    (r) => r.view,
  );
  const { observed: _o, agreedKey: _a, ...convergence } = judgeConvergence(views, refNs);
  const diverged = convergence.converged === false;
  const bad = incs.find((o) => !isAmount(o.input));
  if (bad !== undefined) {
    return {
      key,
      valid: 'unknown',
      reads: reads.length,
      acknowledged: 0,
      attempted: 0,
      errors: [],
      errorCount: 0,
      finalValues,
      diverged,
      convergence,
      reason: `${bad.f} by process ${bad.process} (history event ${bad.invokeIndex}) has value ${JSON.stringify(bad.input) ?? 'undefined'}: increments must be numbers ≥ 0, so reads cannot be bounded`,
    };
  }
  const amount = (o: Operation): number => o.input as number;
  // Sorted event lists for O((n + reads) log n) bound computation with two cursors.
  const acked = incs.filter((o) => o.status === 'ok').map((o) => [o.returnNs, amount(o)] as const).sort((a, b) => a[0] - b[0]);
  const invoked = incs.map((o) => [o.callNs, amount(o)] as const).sort((a, b) => a[0] - b[0]);
  const invokedTimes = invoked.map(([t]) => t);
  const prefix = [0];
  for (const [, a] of invoked) prefix.push((prefix[prefix.length - 1] as number) + a);
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
  const result: CounterKeyResult = {
    key,
    valid: errors.length === 0 && !diverged,
    reads: reads.length,
    acknowledged: acked.reduce((s, [, a]) => s + a, 0),
    attempted: invoked.reduce((s, [, a]) => s + a, 0),
    errors: errors.slice(0, 100),
    errorCount: errors.length,
    finalValues,
    diverged,
    convergence,
  };
  const reasons: string[] = [];
  if (errors.length > 0) reasons.push(`${errors.length} read(s) outside [acknowledged, attempted]`);
  if (diverged) reasons.push(`diverged: ${convergence.summary}, final reads disagree (${Object.entries(finalValues).map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(', ')})`);
  if (reasons.length > 0) result.reason = reasons.join('; ');
  if (result.valid === true && (reads.length === 0 || incs.length === 0)) {
    result.valid = 'unknown';
    result.noEvidence = true;
    result.reason = `${NO_EVIDENCE}: ${reads.length === 0 ? 'no ok read of this counter' : 'no increment (ok or info) of this counter'}`;
  }
  return result;
}

/** isAmount: a valid increment is a finite number ≥ 0. */
function isAmount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** finalValuesOf: each view's last final read (reads ascending by call); key = node or `process <p>`. */
function finalValuesOf(reads: readonly Operation[], finalFromNs: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of reads) if (r.callNs >= finalFromNs) out[finalViewOf(r)] = r.output;
  return out;
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
