/**
 * Recorder: the one place history events are made final — it numbers them, streams them to the
 * history file, keeps them for the checkers, and counts outcomes for progress.
 */
import type { HistoryEvent } from '../core/event.js';
import { failReason } from '../history/outcome-counts.js';

/** EventSink is where events are streamed (HistoryWriter satisfies it). */
export interface EventSink {
  append(e: HistoryEvent): void;
  close(): Promise<void>;
}

/** OutcomeCounts are live client completion counts, and the fault in force (null when none). */
export interface OutcomeCounts {
  ok: number;
  fail: number;
  info: number;
}

/** Recorder appends events in the order they happen; `index` is assigned here. */
export class Recorder {
  readonly events: HistoryEvent[] = [];
  readonly counts: OutcomeCounts = { ok: 0, fail: 0, info: 0 };
  private readonly perF = new Map<string, OutcomeCounts>();
  /** Client fail completions by reason (`failReason` of their error), e.g. not-leader, compare-failed. */
  readonly failReasons: Record<string, number> = {};

  constructor(private readonly sink: EventSink | undefined) {}

  /** record numbers `e`, streams it, keeps it and counts client completions; returns the event. */
  record(e: Omit<HistoryEvent, 'index'>): HistoryEvent {
    const event = { index: this.events.length, ...e } as HistoryEvent;
    this.events.push(event);
    this.sink?.append(event);
    if (event.process !== 'nemesis' && event.type !== 'invoke') {
      this.counts[event.type]++;
      let c = this.perF.get(event.f);
      if (c === undefined) {
        c = { ok: 0, fail: 0, info: 0 };
        this.perF.set(event.f, c);
      }
      c[event.type]++;
      if (event.type === 'fail') {
        const reason = failReason(event.error);
        this.failReasons[reason] = (this.failReasons[reason] ?? 0) + 1;
      }
    }
    return event;
  }

  /** countsByF returns client outcome counts per operation name (a copy). */
  countsByF(): Record<string, OutcomeCounts> {
    return Object.fromEntries([...this.perF].map(([f, c]) => [f, { ...c }]));
  }
}
