/**
 * selectReportKeys: which keys a report of a very large history keeps whole. Pure.
 *
 * Above the cap the report cannot embed every op (a browser cannot draw millions, and the builder's
 * memory grows ~1 KB per op), so it keeps whole keys: first the keys a checker did not find valid
 * (invalid or unknown, in the results' order), then the other keys in natural key order, while their
 * ops fit under the cap. At least one failing key is kept even when it alone exceeds the cap, so a
 * failure is always drawn. Nemesis ops are not client ops and are always kept (by the caller).
 */
import type { CheckerOutcomeLike } from './normalize-results.js';

/** REPORT_OP_CAP: client ops a report embeds before it keeps whole keys only (see docs/report.md "Large runs"). */
export const REPORT_OP_CAP = 250_000;

/** KeySelection: the keys kept, how many client ops they hold, and how they were chosen. */
export interface KeySelection {
  keep: Set<string>;
  shownOps: number;
  /** Failing (invalid or unknown) keys kept / found in the results. */
  failingKept: number;
  failing: number;
  /** Other keys kept (the first ones in key order). */
  otherKept: number;
  /** Keys with client ops in the history. */
  totalKeys: number;
}

/**
 * failingKeys lists the keys the results did not find valid: linearizable parts (a part `k#n` of a
 * split key names key `k`) and the per-key results of other checkers (`keys[].key`), first-seen order.
 */
export function failingKeys(results: readonly CheckerOutcomeLike[]): string[] {
  const out = new Set<string>();
  for (const r of results) {
    const parts = r['parts'];
    if (Array.isArray(parts)) {
      for (const p of parts as { part?: unknown; valid?: unknown }[]) {
        if (p.valid !== true && typeof p.part === 'string') out.add(p.part.replace(/#\d+$/, ''));
      }
    }
    const keys = r['keys'];
    if (Array.isArray(keys)) {
      for (const k of keys as { key?: unknown; valid?: unknown }[]) {
        if (k.valid !== true && (typeof k.key === 'string' || typeof k.key === 'number')) out.add(String(k.key));
      }
    }
  }
  return [...out];
}

const byKey = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** selectReportKeys picks the keys to keep from `opsPerKey` (client invokes per key, "" for keyless ops). */
export function selectReportKeys(opsPerKey: ReadonlyMap<string, number>, failing: readonly string[], cap: number): KeySelection {
  const keep = new Set<string>();
  let shownOps = 0;
  let failingKept = 0;
  let failingPresent = 0;
  for (const k of failing) {
    const n = opsPerKey.get(k);
    if (n === undefined || keep.has(k)) continue;
    failingPresent++;
    if (shownOps + n > cap && failingKept > 0) continue;
    keep.add(k);
    shownOps += n;
    failingKept++;
  }
  let otherKept = 0;
  for (const k of [...opsPerKey.keys()].sort(byKey)) {
    if (keep.has(k)) continue;
    const n = opsPerKey.get(k)!;
    if (shownOps + n > cap) break;
    keep.add(k);
    shownOps += n;
    otherKept++;
  }
  return { keep, shownOps, failingKept, failing: failingPresent, otherKept, totalKeys: opsPerKey.size };
}

/** TRUNCATION_PREFIX starts every truncation note (writeReportFile finds the note by it). */
export const TRUNCATION_PREFIX = 'showing ';

/** truncationNote: the notice shown in the page and printed by `faultline report` when ops were left out. */
export function truncationNote(sel: KeySelection, totalOps: number, historyName: string): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const failing =
    sel.failing === 0 ? 'no failing keys' : sel.failingKept === sel.failing ? `the ${n(sel.failing)} failing or unknown key${sel.failing === 1 ? '' : 's'}` : `${n(sel.failingKept)} of the ${n(sel.failing)} failing or unknown keys`;
  return (
    `${TRUNCATION_PREFIX}${n(sel.shownOps)} of ${n(totalOps)} client operations (${n(sel.keep.size)} of ${n(sel.totalKeys)} keys: ${failing} and the first ${n(sel.otherKept)} other keys in key order; ` +
    `every nemesis op is kept); counts, charts and availability cover all operations; the full history is ${historyName}`
  );
}
