/**
 * History events: the interop contract (see README "History format").
 *
 * One event per line of `history.jsonl`, in the order events happened. An `invoke` is followed by
 * exactly one completion of the same process: `ok` (it happened, with this value), `fail` (it
 * definitely did not happen) or `info` (unknown: it may take effect at any time after the invoke, or
 * never). An invoke with no completion is read as `info`. After an `info` a client's process id is
 * retired, so an indeterminate operation stays concurrent with everything after it.
 */

/** EventType is the kind of one history event. */
export type EventType = 'invoke' | 'ok' | 'fail' | 'info';

/** Process identifies a logical client (a non-negative integer) or the nemesis. */
export type Process = number | 'nemesis';

/**
 * HistoryEvent is one line of a history. `time` is integer nanoseconds since the test began
 * (monotonic); `index` is the event's position in the history (assigned on read when absent).
 * `key` is always a string once read (importers stringify numeric keys).
 */
export interface HistoryEvent {
  index: number;
  type: EventType;
  process: Process;
  f: string;
  value: unknown;
  time: number;
  key?: string;
  node?: string;
  error?: unknown;
  /**
   * true on a local read (both its events): one node answered from its own state (the final reads
   * do this to see every node). It promises no linearizability, so the linearizable checker skips it;
   * the eventual, set and counter checkers use it.
   */
  local?: boolean;
}

/** isClientEvent tells whether an event belongs to a client process (not the nemesis). */
export function isClientEvent(e: HistoryEvent): e is HistoryEvent & { process: number } {
  return typeof e.process === 'number';
}
