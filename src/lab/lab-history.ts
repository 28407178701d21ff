/**
 * LabHistory: the lab's history, kept in memory while the page is open. Events get their index (their
 * position) and time (ns since the history began, monotonic) here, so the page, the periodic check
 * and a saved history.jsonl all see the same numbers. Listeners hear every event as it is appended.
 * Process ids are handed out per lane (a lane is one line of the timeline: "you → n1", "w2 → n3");
 * after an `info` the process is retired and the lane's next op gets a fresh id (Jepsen's rule).
 */
import type { HistoryEvent } from '../core/event.js';
import { formatEvent } from '../history/format-event.js';

/** NewEvent is an event before the history numbers and times it. */
export type NewEvent = Omit<HistoryEvent, 'index' | 'time'>;

/** LabHistory is one lab session's append-only history (a mode switch starts a new one). */
export class LabHistory {
  readonly events: HistoryEvent[] = [];
  private readonly t0 = process.hrtime.bigint();
  private nextProcess = 0;
  /** Per lane: its current process id, and whether an op of that process is in flight. */
  private readonly lanes = new Map<string, { process: number; busy: boolean }>();
  private readonly laneOf = new Map<number, string>();
  private readonly listeners = new Set<(event: HistoryEvent, lane: string | undefined) => void>();

  /** nowNs is the time since the history began, in ns. */
  nowNs(): number {
    return Number(process.hrtime.bigint() - this.t0);
  }

  /** append numbers and times `e`, stores it and tells every listener. */
  append(e: NewEvent): HistoryEvent {
    const event: HistoryEvent = { ...e, index: this.events.length, time: this.nowNs() } as HistoryEvent;
    this.events.push(event);
    const lane = typeof event.process === 'number' ? this.laneOf.get(event.process) : undefined;
    for (const fn of this.listeners) fn(event, lane);
    return event;
  }

  /**
   * claimProcess returns a process id for one op on `lane`: the lane's own while it is idle and not
   * retired, else a fresh one (ops of one lane may overlap when a person clicks twice).
   */
  claimProcess(lane: string): number {
    const current = this.lanes.get(lane);
    if (current !== undefined && !current.busy) {
      current.busy = true;
      return current.process;
    }
    const process = this.nextProcess++;
    this.laneOf.set(process, lane);
    if (current === undefined) this.lanes.set(lane, { process, busy: true });
    return process;
  }

  /** releaseProcess ends an op of `process`; after an info the id is retired (never used again). */
  releaseProcess(process: number, type: 'ok' | 'fail' | 'info'): void {
    const lane = this.laneOf.get(process);
    if (lane === undefined) return;
    const current = this.lanes.get(lane);
    if (current === undefined || current.process !== process) return;
    if (type === 'info') this.lanes.delete(lane);
    else current.busy = false;
  }

  /** lane names the timeline line of a client process (undefined for the nemesis). */
  lane(process: number): string | undefined {
    return this.laneOf.get(process);
  }

  /** onEvent calls `fn` for every event appended from now on; returns the unsubscribe. */
  onEvent(fn: (event: HistoryEvent, lane: string | undefined) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** toJsonl renders the whole history in faultline's history format (one event per line). */
  toJsonl(): string {
    return this.events.map((e) => formatEvent(e)).join('\n') + (this.events.length > 0 ? '\n' : '');
  }
}
