/**
 * buildReportData: everything the HTML report shows, computed from a run's history and checker
 * results — the one place that calls the report's pure data functions. Pure: no clock, no I/O
 * (`generatedAt` is passed in).
 *
 * The ops travel as column arrays with call times delta-encoded (`callDeltaNs[i]` = call of op i −
 * call of op i−1, the first relative to `startNs`), so 100,000 ops stay a few MB of JSON.
 */
import type { HistoryEvent } from '../core/event.js';
import type { LinearizabilityResult } from '../core/check-result.js';
import type { Conventions } from '../core/operation.js';
import { DEFAULT_CONVENTIONS } from '../core/operation.js';
import { pairOperations } from '../history/pair.js';
import type { Availability } from './availability.js';
import { computeAvailability } from './availability.js';
import type { FailureOverlay, CounterErrorLike } from './counterexample-overlay.js';
import { counterOverlays, linearizableOverlays, makeOpLocator, sortFailures } from './counterexample-overlay.js';
import type { CounterKeyLike } from './counter-final-overlay.js';
import { counterFinalOverlays } from './counter-final-overlay.js';
import type { FaultWindow } from './fault-windows.js';
import { buildFaultWindows } from './fault-windows.js';
import type { LatencySeries } from './latency-series.js';
import { buildLatencySeries } from './latency-series.js';
import type { CheckerOutcomeLike } from './normalize-results.js';
import type { SetKeyLike } from './set-overlays.js';
import { setOverlays } from './set-overlays.js';
import type { ReportTotals } from './streamed-totals.js';
import { buildTimelineOps } from './timeline-ops.js';
import type { TimelineOps } from './timeline-ops.js';
import type { VerdictSummary } from './verdict-summary.js';
import { summarizeVerdicts } from './verdict-summary.js';

/** ReportInput is what a report is made of. `test` is the run's test.json, when there is one. */
export interface ReportInput {
  title: string;
  /** Where the history came from, as shown to people. */
  source: string;
  events: readonly HistoryEvent[];
  results: readonly CheckerOutcomeLike[];
  test?: Record<string, unknown>;
  /** ISO time of generation (passed in to keep this function pure). */
  generatedAt: string;
  /** Remarks shown under the header (warnings from reading, how the verdict was obtained). */
  notes?: readonly string[];
  /** The source's reading conventions (how `faultline check` pairs it); default: faultline JSONL's. */
  conventions?: Conventions;
  /**
   * Counts, charts and availability over every client op, when `events` keep only some of them
   * (loadRunHistory above its cap); the page then draws `events`' ops and counts `totals`.
   */
  totals?: ReportTotals;
}

/** EncodedOps is TimelineOps as embedded in the page (see the module comment); times relative to `startNs`. */
export interface EncodedOps {
  count: number;
  lane: number[];
  process: number[];
  callDeltaNs: number[];
  durNs: number[];
  status: number[];
  key: number[];
  node: number[];
  text: string[];
  keys: string[];
  nodes: string[];
  lanes: { label: string; processes: number[] }[];
}

/** ReportData is the JSON embedded in report.html. All times are ns relative to `startNs`. */
export interface ReportData {
  version: 1;
  title: string;
  source: string;
  generatedAt: string;
  notes: string[];
  test: [string, string][];
  startNs: number;
  spanNs: number;
  summary: VerdictSummary;
  counts: ReportCounts;
  ops: EncodedOps;
  faults: FaultWindow[];
  failures: FailureOverlay[];
  series: LatencySeries;
  availability: Availability;
}

/**
 * ReportCounts says what the report counts. `ops` are the client operations drawn on the timeline
 * (every invoke of a client process, failed ones included: ok + fail + info). `checked` is the number
 * of operations the checkers reason about, the number `faultline check` prints for the same file: the
 * same ops paired under the source's reading conventions, so a failed op (it did not happen) is not
 * among them, except a failed cas read as "compare failed"; null when the history cannot be paired.
 * Above the report's op cap the counts cover every op of the history while the timeline draws the
 * kept ones (`ops.count` ≤ `counts.ops`; a note says so).
 */
export interface ReportCounts {
  ops: number;
  ok: number;
  fail: number;
  info: number;
  checked: number | null;
  processes: number;
  keys: number;
}

/** TEST_FIELDS_SHOWN bounds the test.json fields shown in the header table. */
export const TEST_FIELDS_SHOWN = 24;

/** buildReportData computes the report's data; see ReportData. Throws nothing for odd input. */
export function buildReportData(input: ReportInput): ReportData {
  const ops = buildTimelineOps(input.events);
  const totals = input.totals;
  if (totals !== undefined) {
    // The kept events may start later or end earlier than the whole history: span the whole of it.
    ops.startNs = Math.min(ops.startNs, totals.startNs);
    ops.endNs = Math.max(ops.endNs, totals.endNs);
  }
  const faults = buildFaultWindows(input.events, ops.endNs);
  const locate = makeOpLocator(ops);
  const failures: FailureOverlay[] = [];
  for (const r of input.results) {
    if (r.checker === 'linearizable' && Array.isArray(r['parts'])) failures.push(...linearizableOverlays(r as unknown as LinearizabilityResult, locate));
    if (r.checker === 'counter' && Array.isArray(r['keys'])) {
      const keys = r['keys'] as { key?: unknown; errors?: unknown; errorCount?: unknown }[];
      const errors = keys.flatMap((k) => (Array.isArray(k.errors) ? (k.errors as CounterErrorLike[]) : []));
      const errorCounts = new Map(keys.map((k) => [String(k.key ?? ''), typeof k.errorCount === 'number' ? k.errorCount : 0]));
      failures.push(...counterOverlays(errors, locate, ops, errorCounts));
      failures.push(...counterFinalOverlays(r['keys'] as CounterKeyLike[], input.events, ops, locate));
    }
    if (r.checker === 'set' && Array.isArray(r['keys'])) failures.push(...setOverlays(r['keys'] as SetKeyLike[], input.events, ops, locate));
  }
  const t0 = ops.startNs;
  const rel = sortFailures(failures).map((f) => relativeFailure(f, t0));
  const series = totals?.series ?? buildLatencySeries(ops);
  let ok = 0;
  let fail = 0;
  for (const s of ops.status) s === 0 ? ok++ : s === 1 ? fail++ : 0;
  const counts: ReportCounts =
    totals === undefined
      ? { ops: ops.count, ok, fail, info: ops.count - ok - fail, checked: checkedOpCount(input.events, input.conventions), processes: new Set(ops.process).size, keys: ops.keys.length }
      : { ops: totals.ops, ok: totals.ok, fail: totals.fail, info: totals.info, checked: totals.checked, processes: totals.processes, keys: totals.keys };
  return {
    version: 1,
    title: input.title,
    source: input.source,
    generatedAt: input.generatedAt,
    notes: [...(input.notes ?? [])],
    test: testFields(input.test),
    startNs: t0,
    spanNs: Math.max(0, ops.endNs - t0),
    summary: summarizeVerdicts(input.results),
    counts,
    ops: encodeOps(ops),
    faults: faults.map((w) => ({ ...w, fromNs: w.fromNs - t0, toNs: w.toNs - t0 })),
    failures: rel,
    series: { ...series, startNs: series.startNs - t0 },
    availability: totals?.availability ?? computeAvailability(ops, faults),
  };
}

/** checkedOpCount: how many operations the checkers see (pairOperations under `conventions`); null when pairing fails. */
export function checkedOpCount(events: readonly HistoryEvent[], conventions: Conventions = DEFAULT_CONVENTIONS): number | null {
  try {
    return pairOperations(events, conventions).length;
  } catch {
    return null;
  }
}

/** encodeOps turns TimelineOps into the embedded form (delta-encoded call times relative to startNs). */
export function encodeOps(ops: TimelineOps): EncodedOps {
  const callDeltaNs = new Array<number>(ops.count);
  let prev = ops.startNs;
  for (let i = 0; i < ops.count; i++) {
    const c = ops.callNs[i]!;
    callDeltaNs[i] = c - prev;
    prev = c;
  }
  return {
    count: ops.count,
    lane: ops.lane,
    process: ops.process,
    callDeltaNs,
    durNs: ops.durNs,
    status: ops.status,
    key: ops.key,
    node: ops.node,
    text: ops.text,
    keys: ops.keys,
    nodes: ops.nodes,
    lanes: ops.lanes,
  };
}

/** decodeCallNs inverts the delta encoding: absolute call times (relative to startNs). */
export function decodeCallNs(ops: EncodedOps): number[] {
  const out = new Array<number>(ops.count);
  let t = 0;
  for (let i = 0; i < ops.count; i++) out[i] = t += ops.callDeltaNs[i]!;
  return out;
}

function relativeFailure(f: FailureOverlay, t0: number): FailureOverlay {
  const shift = <T extends { callNs: number; returnNs: number | null }>(o: T): T => ({ ...o, callNs: o.callNs - t0, returnNs: o.returnNs === null ? null : o.returnNs - t0 });
  return {
    ...f,
    stuck: f.stuck.map(shift),
    prefixTail: f.prefixTail.map(shift),
    concurrent: f.concurrent.map(shift),
    window: f.window === null ? null : { ...f.window, fromNs: f.window.fromNs - t0, toNs: f.window.toNs - t0 },
    focusNs: f.focusNs - t0,
  };
}

/** testFields flattens test.json one level into [name, value] rows for people (scalars and short lists). */
export function testFields(test: Record<string, unknown> | undefined): [string, string][] {
  if (test === undefined) return [];
  const rows: [string, string][] = [];
  const visit = (prefix: string, v: unknown, depth: number): void => {
    if (rows.length >= TEST_FIELDS_SHOWN) return;
    if (v === null || typeof v !== 'object') {
      rows.push([prefix, String(v)]);
    } else if (Array.isArray(v)) {
      const text = JSON.stringify(v);
      rows.push([prefix, text.length > 80 ? `${text.slice(0, 79)}…` : text]);
    } else if (depth < 2) {
      for (const [k, x] of Object.entries(v)) visit(prefix === '' ? k : `${prefix}.${k}`, x, depth + 1);
    } else {
      const text = JSON.stringify(v);
      rows.push([prefix, text.length > 80 ? `${text.slice(0, 79)}…` : text]);
    }
  };
  visit('', test, 0);
  return rows;
}
