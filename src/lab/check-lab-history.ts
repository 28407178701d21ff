/**
 * checkLabHistory: the lab's periodic verdict. Pairs the history so far (an op still in flight counts
 * as info: it may yet take effect), checks it per key against the cas-register model with a time
 * budget, and boils the result down to what the page shows: the verdict, each key's verdict, and for
 * the first key that is not linearizable its counterexample (the ops that cannot be linearized, the
 * end of the linearized prefix, the concurrent ops, by invoke index so the page can mark them).
 * Runs the search on the calling thread: the lab calls it on a worker (lab-checker.ts).
 */
import type { Counterexample } from '../core/check-result.js';
import type { HistoryEvent } from '../core/event.js';
import type { Verdict } from '../core/verdict.js';
import { pairOperations } from '../history/pair.js';
import { checkLinearizability, getModel } from '../../checkers/linearizable/index.js';

/** LabVerdict is one check of the lab's history (`valid: null` before anything was checked). */
export interface LabVerdict {
  valid: Verdict | null;
  /** Events of the history that were checked (its length at the time). */
  events: number;
  /** Client operations checked (failed ops are dropped by pairing). */
  ops: number;
  elapsedMs: number;
  reason?: string;
  keys: { key: string; valid: Verdict; ops: number; reason?: string }[];
  failure?: LabFailure;
}

/** LabFailure is a counterexample as the page draws it (ops named by their invoke's index). */
export interface LabFailure {
  key: string;
  stuck: { invokeIndex: number; text: string; reason: string }[];
  /** The last ops of the linearized prefix, oldest first (at most PREFIX_SHOWN). */
  prefix: { invokeIndex: number; text: string }[];
  prefixLength: number;
  concurrent: number[];
  state: string;
}

/** PREFIX_SHOWN: how many ops of the linearized prefix the page lists. */
export const PREFIX_SHOWN = 6;

/** LAB_CHECK_TIMEOUT_MS bounds one periodic check; parts not decided by then are unknown. */
export const LAB_CHECK_TIMEOUT_MS = 3000;

/** checkLabHistory checks `events` (a snapshot); never throws for a hard history (unknown instead). */
export async function checkLabHistory(events: readonly HistoryEvent[], timeoutMs = LAB_CHECK_TIMEOUT_MS): Promise<LabVerdict> {
  const t0 = performance.now();
  const ops = pairOperations(events);
  if (ops.length === 0) return { valid: null, events: events.length, ops: 0, elapsedMs: performance.now() - t0, keys: [] };
  const result = await checkLinearizability(ops, getModel('cas-register'), { workers: 1, timeoutMs });
  const keys = result.parts.map((p) => ({ key: p.part, valid: p.valid, ops: p.ops, ...(p.reason === undefined ? {} : { reason: p.reason }) }));
  const failing = result.parts.find((p) => p.valid === false && p.counterexample !== undefined);
  const verdict: LabVerdict = {
    valid: result.valid,
    events: events.length,
    ops: ops.length,
    elapsedMs: performance.now() - t0,
    keys,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
  };
  if (failing !== undefined) verdict.failure = toFailure(failing.part, failing.counterexample!);
  return verdict;
}

function toFailure(key: string, cx: Counterexample): LabFailure {
  return {
    key,
    stuck: cx.stuck.map((s) => ({ invokeIndex: s.op.invokeIndex, text: s.op.text, reason: s.reason })),
    prefix: cx.linearized.slice(-PREFIX_SHOWN).map((o) => ({ invokeIndex: o.invokeIndex, text: o.text })),
    prefixLength: cx.linearized.length,
    concurrent: cx.concurrent.map((o) => o.invokeIndex),
    state: cx.stateAfterPrefix,
  };
}
