/**
 * Outcome counts: how many client operations completed ok, fail or info, and the availability they
 * imply. Printed next to every verdict, so a "valid" over nothing but failures cannot pass unseen.
 */
import type { HistoryEvent } from '../core/event.js';

/** OutcomeTally is a count of client operations by outcome. */
export interface OutcomeTally {
  ok: number;
  fail: number;
  info: number;
}

/**
 * countOutcomes counts the client completions of a history (nemesis events are not counted); an
 * invoke still pending at the end counts as info, as pairing reads it. Pure; O(n).
 */
export function countOutcomes(events: readonly HistoryEvent[]): OutcomeTally {
  const tally: OutcomeTally = { ok: 0, fail: 0, info: 0 };
  const pending = new Set<number>();
  for (const e of events) {
    if (typeof e.process !== 'number') continue;
    if (e.type === 'invoke') {
      pending.add(e.process);
      continue;
    }
    pending.delete(e.process);
    tally[e.type]++;
  }
  tally.info += pending.size;
  return tally;
}

/** availability is ok / (ok + fail + info), or null when there was no operation. */
export function availability(t: OutcomeTally): number | null {
  const total = t.ok + t.fail + t.info;
  return total === 0 ? null : t.ok / total;
}

/**
 * formatOutcomes renders a tally for people: "ok 300 · fail 50 · info 34 · availability 78.1%"
 * (availability "n/a" with no operation). Pure.
 */
export function formatOutcomes(t: OutcomeTally): string {
  const a = availability(t);
  return `ok ${t.ok} · fail ${t.fail} · info ${t.info} · availability ${a === null ? 'n/a' : `${(a * 100).toFixed(1)}%`}`;
}

/**
 * failReason names why a `fail` completion failed, for counting: its `error` when a string, else the
 * object's `error`, `code` or `kind` string field, else "unspecified". Pure.
 */
export function failReason(error: unknown): string {
  if (typeof error === 'string' && error !== '') return error;
  if (typeof error === 'object' && error !== null) {
    for (const field of ['error', 'code', 'kind']) {
      const v = (error as Record<string, unknown>)[field];
      if (typeof v === 'string' && v !== '') return v;
    }
  }
  return 'unspecified';
}

/**
 * formatFailReasons renders fail counts by reason, most frequent first (ties by name), e.g.
 * "compare-failed 311 · not-leader 258"; "" when there is none. Pure.
 */
export function formatFailReasons(reasons: Readonly<Record<string, number>>): string {
  return Object.entries(reasons)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([reason, n]) => `${reason} ${n}`)
    .join(' · ');
}
