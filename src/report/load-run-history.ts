/**
 * loadRunHistory: the effectful edge that reads a run's history.jsonl for the report in bounded
 * memory. Streams the file (src/history's reader); while it holds at most `cap` client ops every
 * event is kept and the report is exactly as for a small run. Above the cap a second streaming pass
 * keeps only the events of the keys selectReportKeys chooses (failing and unknown keys first) and
 * every nemesis event, and computes the counts, charts and availability over all ops (ReportTotals);
 * the note says what was left out. Memory: the kept events (≤ cap client ops, or one failing key)
 * plus per-key op counts and the nemesis events.
 */
import type { HistoryEvent } from '../core/event.js';
import { streamHistory } from '../history/read-history-file.js';
import { buildFaultWindows } from './fault-windows.js';
import type { CheckerOutcomeLike } from './normalize-results.js';
import { failingKeys, REPORT_OP_CAP, selectReportKeys, truncationNote } from './select-report-keys.js';
import type { ReportTotals } from './streamed-totals.js';
import { TotalsAccumulator } from './streamed-totals.js';

/** RunHistory: the events the report keeps; `totals` and `note` only when some were left out. */
export interface RunHistory {
  events: HistoryEvent[];
  warnings: string[];
  totals?: ReportTotals;
  note?: string;
}

/** LoadRunHistoryOptions: `cap` client ops kept whole (default REPORT_OP_CAP); `name` names the file in messages and the note. */
export interface LoadRunHistoryOptions {
  cap?: number;
  name?: string;
}

/**
 * loadRunHistory reads `path` (faultline JSONL) for a report of `results`. Throws
 * FaultlineError('input') as streamHistory does (missing file, malformed line).
 */
export async function loadRunHistory(path: string, results: readonly CheckerOutcomeLike[], options: LoadRunHistoryOptions = {}): Promise<RunHistory> {
  const cap = options.cap ?? REPORT_OP_CAP;
  const name = options.name ?? path;
  const warnings: string[] = [];
  let all: HistoryEvent[] | undefined = [];
  const nemesis: HistoryEvent[] = [];
  const opsPerKey = new Map<string, number>();
  let ops = 0;
  let startNs = Infinity;
  let endNs = -Infinity;
  for await (const batch of streamHistory(path, { name, onWarning: (w) => warnings.push(w) })) {
    for (const e of batch) {
      if (e.time < startNs) startNs = e.time;
      if (e.time > endNs) endNs = e.time;
      if (typeof e.process !== 'number') nemesis.push(e);
      else if (e.type === 'invoke') {
        ops++;
        const k = e.key ?? '';
        opsPerKey.set(k, (opsPerKey.get(k) ?? 0) + 1);
      }
      if (all !== undefined) {
        all.push(e);
        if (ops > cap) all = undefined;
      }
    }
  }
  if (all !== undefined) return { events: all, warnings };

  const selection = selectReportKeys(opsPerKey, failingKeys(results), cap);
  const totals = new TotalsAccumulator(startNs, endNs, buildFaultWindows(nemesis, endNs));
  const kept: HistoryEvent[] = [];
  const keptProcess = new Map<number, boolean>();
  for await (const batch of streamHistory(path, { name })) {
    for (const e of batch) {
      totals.push(e);
      if (typeof e.process !== 'number') kept.push(e);
      else if (e.type === 'invoke') {
        const keep = selection.keep.has(e.key ?? '');
        keptProcess.set(e.process, keep);
        if (keep) kept.push(e);
      } else if (keptProcess.get(e.process) === true) {
        kept.push(e);
        keptProcess.delete(e.process);
      }
    }
  }
  return { events: kept, warnings, totals: totals.result(), note: truncationNote(selection, ops, name) };
}
