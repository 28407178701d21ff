/**
 * checkSet: the set checker, in the spirit of Jepsen's set-full.
 *
 * The history holds `add` ops (value = the element) and `read` ops (ok value = every element present,
 * an array) on one or more keys; each key is its own set. Final reads are the ok reads invoked after
 * the last add completed and after the last nemesis op (the final phase's reads, after the heal).
 * Final reads may be repeated until the nodes agree: each node's last final read is its final set
 * (a read that names no node stands for its process), and "the final reads" below are those. The
 * nodes converged when their final sets are equal (`convergence`: "converged after X s" from the
 * heal, or "not converged within N s"; see eventual/convergence.ts).
 * An element is known once its add was acknowledged or any ok read returned it (even when its add
 * was info); its known time is the earlier of its first ack and the return of the first read that saw
 * it. An element added twice keeps its earliest ack. Per element:
 * - ok: acknowledged and present in every final read;
 * - recovered: its add's outcome was unknown (info) and it is present in every final read;
 * - divergent: present in some final reads and absent from others (the replicas did not converge);
 * - lost: known, yet absent from every final read;
 * - unexpected: read somewhere but never successfully or indeterminately added;
 * - stale: present in every final read, but some read invoked after its known time missed it.
 * An info add never seen by any read is neither (it may never have happened).
 * Stable time (ns) of an element present in every final read: from its known time to the invoke of
 * the last read that missed it (0 when none did); summarised as count/p50/p95/p99/max.
 * The verdict is invalid when anything is lost, divergent or unexpected. With no final read it is
 * unknown and ok/recovered/divergent/lost/stale are all 0 (nothing can be confirmed or found
 * missing); an unexpected element still makes it invalid, since no final read can excuse it.
 * Evidence (checkers/evidence.ts): a key that would be valid but has no element confirmed by the
 * final reads (ok + recovered = 0: no add was acknowledged or seen) is unknown, "no evidence", and
 * set aside in the merged verdict unless no key had evidence.
 */
import type { HistoryEvent } from '../src/core/event.js';
import type { Operation } from '../src/core/operation.js';
import type { Verdict } from '../src/core/verdict.js';
import { mergeWithEvidence, NO_EVIDENCE } from './evidence.js';
import type { KeyedHistory } from './keyed-history.js';
import { operationsByKey, pairOperations } from '../src/history/pair.js';
import { valueKey } from './linearizable/models/value.js';
import { distribution } from './eventual/distribution.js';
import type { Distribution } from './eventual/eventual-result.js';
import { type Convergence, convergenceOverall, groupFinalViews, judgeConvergence } from './eventual/convergence.js';
import { HEAL_FUNCTIONS } from './eventual/register-history.js';

/** SetKeyResult is the set checker's answer for one key; element lists are sorted and capped at 100. */
export interface SetKeyResult {
  key: string;
  valid: Verdict;
  attempted: number;
  acknowledged: number;
  /** Final sets judged: one per node (its last final read; earlier rounds only count for staleness). */
  finalReads: number;
  ok: number;
  lost: unknown[];
  lostCount: number;
  recovered: number;
  /** Elements present in some final reads and absent from others. */
  divergent: unknown[];
  divergentCount: number;
  unexpected: unknown[];
  unexpectedCount: number;
  stale: number;
  /** Longest time (ns) from an element's known time to the invoke of a later read that still missed it. */
  worstStaleNs: number;
  /** Stable time (ns): known time until every later read saw the element, over elements in every final read. */
  stableLatencyNs: Distribution;
  /** Did the nodes' final sets end equal: "converged after X s" or "not converged within N s". */
  convergence: Convergence;
  reason?: string;
  /** True when the key would be valid but no element was confirmed (see checkers/evidence.ts). */
  noEvidence?: boolean;
}

/** SetResult is the set checker's whole answer. */
export interface SetResult {
  checker: 'set';
  valid: Verdict;
  /** Over all keys (the slowest, or the longest watched without agreement). */
  convergence: Convergence;
  /** Why the verdict is unknown when no key had evidence. */
  reason?: string;
  keys: SetKeyResult[];
}

const LIST_CAP = 100;

/** checkSet checks a set history (pure; events in history order, invokes before their completions). */
export function checkSet(events: readonly HistoryEvent[]): SetResult {
  const ops = pairOperations(events);
  const finalFromNs = finalPhaseStart(events);
  const refNs = lastHealNs(events) ?? finalFromNs;
  const byKey = operationsByKey(ops);
  return setResult([...byKey.entries()].map(([key, keyOps]) => checkKey(key, keyOps, finalFromNs, refNs)));
}

/**
 * checkSetKeyed is checkSet over a KeyedHistory, one batch of keys at a time (the same result on the
 * same history); the final phase and the heal are the history's PhaseTimes.
 */
export function checkSetKeyed(history: KeyedHistory, batchOps = 100_000): SetResult {
  const p = history.phases;
  const finalFromNs = Math.max(p.lastNemesisNs, p.lastNonReadCompletionNs);
  const refNs = p.lastHealNs ?? finalFromNs;
  const keys: SetKeyResult[] = [];
  for (const batch of history.batches(batchOps)) {
    for (const [key, keyOps] of operationsByKey(batch.ops)) keys.push(checkKey(key, keyOps, finalFromNs, refNs));
  }
  return setResult(keys);
}

/** setResult merges per-key results (any order: sorted by key here). */
function setResult(unsorted: SetKeyResult[]): SetResult {
  const keys = unsorted.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const merged = mergeWithEvidence(keys);
  const result: SetResult = { checker: 'set', valid: merged.valid, convergence: convergenceOverall(keys.map((k) => k.convergence)), keys };
  if (merged.reason !== undefined) result.reason = merged.reason;
  return result;
}

/** lastHealNs: the completion time of the last nemesis heal (convergence is counted from it), or undefined. */
export function lastHealNs(events: readonly HistoryEvent[]): number | undefined {
  let t: number | undefined;
  for (const e of events) if (e.process === 'nemesis' && e.type !== 'invoke' && HEAL_FUNCTIONS.has(e.f)) t = e.time;
  return t;
}

/** finalViewOf names a final read's view: its node, or its process when the history names no node. */
export function finalViewOf(r: { node?: string | undefined; process: number }): string {
  return r.node ?? `process ${r.process}`;
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
  /** Earliest ack (ns), Infinity when no add of it was acknowledged. */
  ackNs: number;
  /** Return (ns) of the first ok read that saw it, Infinity when none did. */
  firstSeenNs: number;
}

interface Read {
  callNs: number;
  returnNs: number;
  seen: Set<string>;
  /** The set as one canonical text (sorted element keys), to compare nodes. */
  vkey: string;
  node?: string | undefined;
  process: number;
}

function checkKey(key: string, ops: readonly Operation[], finalFromNs: number, refNs: number): SetKeyResult {
  const elements = new Map<string, Element>();
  let attempted = 0;
  const reads: Read[] = [];
  for (const op of ops) {
    if (op.f === 'add') {
      attempted++;
      const k = valueKey(op.input);
      const el = elements.get(k) ?? { value: op.input, ackNs: Infinity, firstSeenNs: Infinity };
      if (op.status === 'ok') el.ackNs = Math.min(el.ackNs, op.returnNs);
      elements.set(k, el);
    } else if (op.f === 'read' && op.status === 'ok') {
      const values = Array.isArray(op.output) ? op.output : [];
      const seen = new Set(values.map(valueKey));
      reads.push({ callNs: op.callNs, returnNs: op.returnNs, seen, vkey: JSON.stringify([...seen].sort()), node: op.node, process: op.process });
    }
  }
  reads.sort((a, b) => a.callNs - b.callNs);
  for (const r of reads) {
    for (const k of r.seen) {
      const el = elements.get(k);
      if (el !== undefined) el.firstSeenNs = Math.min(el.firstSeenNs, r.returnNs);
    }
  }
  const views = groupFinalViews(
    reads.filter((r) => r.callNs >= finalFromNs),
    finalViewOf,
  );
  const convergence = judgeConvergence(views, refNs);
  const finals = views.map((v) => v.reads[v.reads.length - 1] as Read);
  const lost: unknown[] = [];
  const divergent: unknown[] = [];
  let ok = 0;
  let recovered = 0;
  let stale = 0;
  let worstStaleNs = 0;
  const stable: number[] = [];
  if (finals.length > 0) {
    for (const [k, el] of elements) {
      const knownNs = Math.min(el.ackNs, el.firstSeenNs);
      const present = finals.filter((r) => r.seen.has(k)).length;
      if (present === 0) {
        if (knownNs !== Infinity) lost.push(el.value);
        continue;
      }
      if (present < finals.length) {
        divergent.push(el.value);
        continue;
      }
      if (el.ackNs !== Infinity) ok++;
      else recovered++;
      const stableNs = stableTime(k, knownNs, reads);
      if (stableNs > 0) stale++;
      worstStaleNs = Math.max(worstStaleNs, stableNs);
      stable.push(stableNs);
    }
  }
  const unexpected = unexpectedElements(ops, elements);
  const valid: Verdict =
    lost.length > 0 || divergent.length > 0 || unexpected.length > 0 ? false : finals.length === 0 ? 'unknown' : true;
  const result: SetKeyResult = {
    key,
    valid,
    attempted,
    acknowledged: [...elements.values()].filter((e) => e.ackNs !== Infinity).length,
    finalReads: finals.length,
    ok,
    lost: sortValues(lost).slice(0, LIST_CAP),
    lostCount: lost.length,
    recovered,
    divergent: sortValues(divergent).slice(0, LIST_CAP),
    divergentCount: divergent.length,
    unexpected: sortValues(unexpected).slice(0, LIST_CAP),
    unexpectedCount: unexpected.length,
    stale,
    worstStaleNs,
    stableLatencyNs: distribution(stable),
    convergence: { converged: convergence.converged, ns: convergence.ns, summary: convergence.summary },
  };
  const reason = reasonFor(result);
  if (reason !== undefined) result.reason = reason;
  if (result.valid === true && ok + recovered === 0) {
    result.valid = 'unknown';
    result.noEvidence = true;
    result.reason =
      attempted === 0
        ? `${NO_EVIDENCE}: no add (ok or info) on this key`
        : `${NO_EVIDENCE}: none of the ${attempted} add(s) was acknowledged or seen by a read, so the final reads confirmed nothing`;
  }
  return result;
}

/**
 * stableTime: from `knownNs` to the invoke of the last read invoked after it that missed `k` (0 if
 * none). This is Jepsen's set-full stable latency (stable time − known time, at least 0): a read
 * concurrent with the add may miss it without counting, and a store whose reads all see every
 * acknowledged add (all served by one leader or primary) gives 0 for every element; only stale
 * reads make it positive.
 */
function stableTime(k: string, knownNs: number, reads: readonly Read[]): number {
  let lastMissNs: number | undefined;
  for (const r of reads) if (r.callNs > knownNs && !r.seen.has(k)) lastMissNs = r.callNs;
  return lastMissNs === undefined ? 0 : lastMissNs - knownNs;
}

/** unexpectedElements: values some ok read returned that no ok or info add put there (one sample each). */
function unexpectedElements(ops: readonly Operation[], elements: ReadonlyMap<string, Element>): unknown[] {
  const sampleOf = new Map<string, unknown>();
  for (const op of ops) {
    if (op.f !== 'read' || op.status !== 'ok' || !Array.isArray(op.output)) continue;
    for (const v of op.output) {
      const k = valueKey(v);
      if (!elements.has(k) && !sampleOf.has(k)) sampleOf.set(k, v);
    }
  }
  return [...sampleOf.values()];
}

/** reasonFor says in one line why a key is not valid (undefined when it is). */
function reasonFor(r: SetKeyResult): string | undefined {
  if (r.finalReads === 0 && r.unexpectedCount === 0) return 'no final read succeeded, so no add can be confirmed or found lost';
  const parts: string[] = [];
  if (r.lostCount > 0) parts.push(`${r.lostCount} lost`);
  if (r.divergentCount > 0) parts.push(`${r.divergentCount} divergent (in some final reads only; ${r.convergence.summary})`);
  if (r.unexpectedCount > 0) parts.push(`${r.unexpectedCount} unexpected`);
  if (r.finalReads === 0) parts.push('no final read');
  return parts.length === 0 ? undefined : parts.join(', ');
}

function sortValues(values: unknown[]): unknown[] {
  return values.slice().sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : valueKey(a) < valueKey(b) ? -1 : 1,
  );
}
