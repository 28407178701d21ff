/**
 * lab-check-worker: the worker-thread entry of the lab's periodic check. Answers each message (a
 * snapshot of the history's events) with checkLabHistory's verdict, or `{error}`. Started by
 * lab-checker.ts; not an API.
 */
import { parentPort } from 'node:worker_threads';
import type { HistoryEvent } from '../core/event.js';
import { checkLabHistory } from './check-lab-history.js';

const port = parentPort;
if (port !== null) {
  port.on('message', (events: HistoryEvent[]) => {
    checkLabHistory(events).then(
      (verdict) => port.postMessage({ verdict }),
      (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) }),
    );
  });
}
