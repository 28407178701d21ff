/**
 * TouchedKeys: which keys a run's client ops named, collected as events stream to the history (so
 * the final phase can read every key a workload with rotating keys used, and test.json can say how
 * many there were) without keeping or rescanning the history.
 */
import type { HistoryEvent } from '../core/event.js';
import type { EventSink } from './recorder.js';

/** TouchedKeys collects the keys of client invocations (nemesis events, local final reads and key-less ops ignored). */
export class TouchedKeys {
  private readonly seen = new Set<string>();

  /** sink wraps `inner`: every event is noted, then passed on unchanged. */
  sink(inner: EventSink): EventSink {
    return {
      append: (e: HistoryEvent) => {
        this.note(e);
        inner.append(e);
      },
      close: () => inner.close(),
    };
  }

  /** note records `e`'s key when it is a client invocation naming one (not a local final read). */
  note(e: HistoryEvent): void {
    if (e.type === 'invoke' && e.process !== 'nemesis' && e.local !== true && typeof e.key === 'string') this.seen.add(e.key);
  }

  /** keys lists the keys seen, in first-use order (a copy). */
  keys(): string[] {
    return [...this.seen];
  }

  /** size is how many distinct keys were seen. */
  get size(): number {
    return this.seen.size;
  }
}
