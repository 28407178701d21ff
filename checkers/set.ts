/**
 * checkSet: the set checker, in the spirit of Jepsen's set-full.
 *
 * The history holds `add` ops (value = the element) and `read` ops (ok value = every element present,
 * an array) on one or more keys; each key is its own set. Final reads are the ok reads invoked after
 * the last add completed and after the last nemesis op (the final phase's reads, after the heal).
 * Per element:
 * - ok: acknowledged and present in every final read;
 * - lost: acknowledged (add ok) but absent from some final read;
 * - recovered: the add's outcome was unknown (info) and the element is in the final reads;
 * - unexpected: read somewhere but never successfully or indeterminately added;
 * - stale: acknowledged and in the final reads, but some read invoked after the ack missed it.
 * The verdict is invalid when anything is lost or unexpected, unknown when there is no final read.
 */
import type { HistoryEvent } from '../src/core/event.js';
import type { Operation } from '../src/core/operation.js';
import type { Verdict } from '../src/core/verdict.js';
import { mergeVerdicts } from '../src/core/verdict.js';
import { pairOperations } from '../src/history/pair.js';
import { valueKey } from './linearizable/models/value.js';

/** SetKeyResult is the set checker's answer for one key; element lists are sorted and capped at 100. */
export interface SetKeyResult {
  key: string;
  valid: Verdict;
  attempted: number;
  acknowledged: number;
  finalReads: number;
  ok: number;
  lost: unknown[];
  lostCount: number;
  recovered: number;
  unexpected: unknown[];
  unexpectedCount: number;
  stale: number;
  /** Longest time (ns) from an add's ack to the invoke of a later read that still missed it. */
  worstStaleNs: number;
  /** Time (ns) from ack until every later read saw the element: median and maximum over ok elements. */
  stableLatencyNs: { p50: number; max: number };
  reason?: string;
}

/** SetResult is the set checker's whole answer. */
export interface SetResult {
  checker: 'set';
  valid: Verdict;
  keys: SetKeyResult[];
}

const LIST_CAP = 100;

/** checkSet checks a set history (pure; events in history order, invokes before their completions). */
export function checkSet(events: readonly HistoryEvent[]): SetResult {
  const ops = pairOperations(events);
  const finalFromNs = finalPhaseStart(events);
  const byKey = new Map<string, Operation[]>();
  for (const op of ops) {
    const k = op.key ?? '';
    const list = byKey.get(k) ?? [];
    list.push(op);
    byKey.set(k, list);
  }
  const keys = [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, keyOps]) => checkKey(key, keyOps, finalFromNs));
  return { checker: 'set', valid: mergeVerdicts(keys.map((k) => k.valid)), keys };
}

/** finalPhaseStart: the time after the last non-read client completion and the last nemesis event. */
export function finalPhaseStart(events: readonly HistoryEvent[]): number {
  let t = 0;
  for (const e of events) {
    if (e.process === 'nemesis') t = Math.max(t, e.time);
    else if (e.type !== 'invoke' && e.f !== 'read') t = Math.max(t, e.time);
  }
  return t;
}

interface Element {
  value: unknown;
  status: 'ok' | 'info';
  ackNs: number;
}

function checkKey(key: string, ops: readonly Operation[], finalFromNs: number): SetKeyResult {
  const elements = new Map<string, Element>();
  let attempted = 0;
  const reads: { callNs: number; returnNs: number; seen: Set<string> }[] = [];
  for (const op of ops) {
    if (op.f === 'add') {
      attempted++;
      elements.set(valueKey(op.input), { value: op.input, status: op.status, ackNs: op.returnNs });
    } else if (op.f === 'read' && op.status === 'ok') {
      const values = Array.isArray(op.output) ? op.output : [];
      reads.push({ callNs: op.callNs, returnNs: op.returnNs, seen: new Set(values.map(valueKey)) });
    }
  }
  const finals = reads.filter((r) => r.callNs >= finalFromNs);
  const lost: unknown[] = [];
  const unexpected: unknown[] = [];
  let ok = 0;
  let recovered = 0;
  let stale = 0;
  let worstStaleNs = 0;
  const stable: number[] = [];
  for (const [k, el] of elements) {
    const inAll = finals.every((r) => r.seen.has(k));
    const inAny = finals.some((r) => r.seen.has(k));
    if (el.status === 'info') {
      if (inAny) recovered++;
      continue;
    }
    if (!inAll) {
      lost.push(el.value);
      continue;
    }
    ok++;
    const later = reads.filter((r) => r.callNs > el.ackNs).sort((a, b) => a.callNs - b.callNs);
    const misses = later.filter((r) => !r.seen.has(k));
    if (misses.length > 0) {
      stale++;
      const lastMiss = misses[misses.length - 1] as { callNs: number };
      worstStaleNs = Math.max(worstStaleNs, lastMiss.callNs - el.ackNs);
      stable.push(lastMiss.callNs - el.ackNs);
    } else {
      stable.push(0);
    }
  }
  const seenAnywhere = new Set<string>();
  const sampleOf = new Map<string, unknown>();
  for (const op of ops) {
    if (op.f !== 'read' || op.status !== 'ok' || !Array.isArray(op.output)) continue;
    for (const v of op.output) {
      const k = valueKey(v);
      seenAnywhere.add(k);
      sampleOf.set(k, v);
    }
  }
  for (const k of seenAnywhere) if (!elements.has(k)) unexpected.push(sampleOf.get(k));
  const result: SetKeyResult = {
    key,
    valid: lost.length > 0 || unexpected.length > 0 ? false : finals.length === 0 ? 'unknown' : true,
    attempted,
    acknowledged: [...elements.values()].filter((e) => e.status === 'ok').length,
    finalReads: finals.length,
    ok,
    lost: sortValues(lost).slice(0, LIST_CAP),
    lostCount: lost.length,
    recovered,
    unexpected: sortValues(unexpected).slice(0, LIST_CAP),
    unexpectedCount: unexpected.length,
    stale,
    worstStaleNs,
    stableLatencyNs: summarize(stable),
  };
  if (finals.length === 0) result.reason = 'no final read succeeded, so no add can be confirmed or found lost';
  return result;
}

function sortValues(values: unknown[]): unknown[] {
  return values.slice().sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : valueKey(a) < valueKey(b) ? -1 : 1,
  );
}

function summarize(xs: number[]): { p50: number; max: number } {
  if (xs.length === 0) return { p50: 0, max: 0 };
  const sorted = xs.slice().sort((a, b) => a - b);
  return { p50: sorted[Math.floor((sorted.length - 1) / 2)] as number, max: sorted[sorted.length - 1] as number };
}
