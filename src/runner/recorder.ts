/**
 * Recorder: the one place history events are made final — it numbers them, streams them to the
 * history file, hands each to an optional consumer (the runner's compact OpStore, which is what the
 * checkers read), and counts outcomes for progress. It keeps no event: a long run's memory does not
 * grow with its history (MemoryRecorder keeps them, for tests and small in-process uses).
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
  readonly counts: OutcomeCounts = { ok: 0, fail: 0, info: 0 };
  private readonly perF = new Map<string, OutcomeCounts>();
  /** Client fail completions by reason (`failReason` of their error), e.g. not-leader, compare-failed. */
  readonly failReasons: Record<string, number> = {};
  private n = 0;
  private heal: HistoryEvent | undefined;

  /** `consume` sees every event right after the sink (it must not keep a reference it does not need). */
  constructor(
    private readonly sink: EventSink | undefined,
    private readonly consume?: (e: HistoryEvent) => void,
  ) {}

  /** eventCount is the number of events recorded so far (the next event's index). */
  get eventCount(): number {
    return this.n;
  }

  /** lastHealDone is the last nemesis `heal` completion recorded, if any. */
  get lastHealDone(): HistoryEvent | undefined {
    return this.heal;
  }

  /** record numbers `e`, streams it, hands it on and counts client completions; returns the event. */
  record(e: Omit<HistoryEvent, 'index'>): HistoryEvent {
    const event = { index: this.n++, ...e } as HistoryEvent;
    this.sink?.append(event);
    this.consume?.(event);
    if (event.process === 'nemesis' && event.f === 'heal' && event.type === 'info') this.heal = event;
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

/** MemoryRecorder is a Recorder that also keeps every event in `events` (tests, small in-process runs). */
export class MemoryRecorder extends Recorder {
  readonly events: HistoryEvent[];

  constructor(sink?: EventSink) {
    const events: HistoryEvent[] = [];
    super(sink, (e) => events.push(e));
    this.events = events;
  }
}
