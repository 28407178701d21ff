/** Helpers for the report tests: compact history event builders. */
import type { HistoryEvent, Process } from '../../src/core/event.js';

/** ev builds one event; index is filled by `history`. */
export function ev(type: HistoryEvent['type'], process: Process, f: string, value: unknown, time: number, extra: Partial<HistoryEvent> = {}): HistoryEvent {
  return { index: -1, type, process, f, value, time, ...extra };
}

/** history numbers events by position. */
export function history(...events: HistoryEvent[]): HistoryEvent[] {
  return events.map((e, index) => ({ ...e, index }));
}
