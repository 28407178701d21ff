/**
 * StreamedTotals: what the report counts and charts about every client operation, computed one
 * event at a time in bounded memory, for histories too large to keep whole (see
 * load-run-history.ts). Pairs invokes and completions as buildTimelineOps does (an invoke replacing a
 * pending one, or never completed, is info drawn to the end; a completion with no pending invoke is
 * skipped) and counts the checked ops as pairOperations does under `conventions` (null when that
 * pairing would fail). Memory: one open op per process, one tally per node, key and fault window,
 * and the LatencyAccumulator's bins. Pure (no I/O, no clock).
 */
import type { HistoryEvent } from '../core/event.js';
import type { Conventions } from '../core/operation.js';
import { DEFAULT_CONVENTIONS } from '../core/operation.js';
import { READ_FUNCTIONS } from '../history/pair.js';
import type { Availability } from './availability.js';
import { AvailabilityTally, UNKNOWN_NODE } from './availability.js';
import type { FaultWindow } from './fault-windows.js';
import type { LatencySeries } from './latency-series.js';
import { LatencyAccumulator } from './latency-series.js';
import { STATUS_CODES } from './timeline-ops.js';

/** ReportTotals: the counts and charts over every client op, whatever the report keeps of them. */
export interface ReportTotals {
  /** First and last event time of the whole history, ns. */
  startNs: number;
  endNs: number;
  ops: number;
  ok: number;
  fail: number;
  info: number;
  checked: number | null;
  processes: number;
  keys: number;
  series: LatencySeries;
  availability: Availability;
}

interface Open {
  f: string;
  callNs: number;
  node: string | undefined;
}

/** TotalsAccumulator: `push` every event of the history in order, then `result()`. */
export class TotalsAccumulator {
  private readonly open = new Map<number, Open>();
  private readonly processes = new Set<number>();
  private readonly keys = new Set<string>();
  private readonly latency: LatencyAccumulator;
  private readonly availability: AvailabilityTally;
  private ops = 0;
  private ok = 0;
  private fail = 0;
  private checked = 0;
  private pairable = true;

  /** `startNs`/`endNs` span the whole history; `windows` are its fault windows (buildFaultWindows). */
  constructor(
    private readonly startNs: number,
    private readonly endNs: number,
    windows: readonly FaultWindow[],
    private readonly conventions: Conventions = DEFAULT_CONVENTIONS,
  ) {
    this.latency = new LatencyAccumulator(startNs, endNs);
    this.availability = new AvailabilityTally(windows);
  }

  push(e: HistoryEvent): void {
    if (typeof e.process !== 'number') return;
    const pending = this.open.get(e.process);
    if (e.type === 'invoke') {
      if (pending !== undefined) {
        this.pairable = false;
        this.finish(pending, 'info', -1, undefined);
      }
      this.ops++;
      this.processes.add(e.process);
      if (e.key !== undefined) this.keys.add(e.key);
      this.open.set(e.process, { f: e.f, callNs: e.time, node: e.node });
      return;
    }
    if (pending === undefined) {
      this.pairable = false;
      return;
    }
    this.open.delete(e.process);
    if (e.f !== pending.f) this.pairable = false;
    if (e.type === 'info') this.checked++;
    else if (e.type === 'fail') {
      if (pending.f === 'cas' && this.conventions.failedCas === 'compare-failed') this.checked++;
    } else if (!(READ_FUNCTIONS.has(pending.f) && e.value === null && this.conventions.nilRead === 'unconstrained')) this.checked++;
    this.finish(pending, e.type, e.time - pending.callNs, e.node);
  }

  result(): ReportTotals {
    for (const pending of this.open.values()) {
      this.checked++;
      this.finish(pending, 'info', -1, undefined);
    }
    this.open.clear();
    return {
      startNs: this.startNs,
      endNs: this.endNs,
      ops: this.ops,
      ok: this.ok,
      fail: this.fail,
      info: this.ops - this.ok - this.fail,
      checked: this.pairable ? this.checked : null,
      processes: this.processes.size,
      keys: this.keys.size,
      series: this.latency.result(),
      availability: this.availability.result(),
    };
  }

  private finish(op: Open, type: 'ok' | 'fail' | 'info', durNs: number, doneNode: string | undefined): void {
    const status = STATUS_CODES[type];
    if (type === 'ok') this.ok++;
    else if (type === 'fail') this.fail++;
    this.latency.add(op.callNs, durNs, status);
    this.availability.add(op.callNs, status, doneNode ?? op.node ?? UNKNOWN_NODE);
  }
}
