/**
 * LabChecker: checks the lab's history every `intervalMs` (default 1 s) when it has grown, on a
 * worker thread so the page stays responsive (inline when running from TypeScript sources, where the
 * compiled worker does not exist). Only one check runs at a time. Once a check finds the history not
 * linearizable the verdict is final — a history that is not linearizable stays so however it grows
 * (ops in flight were checked as info, which constrains least) — and checking stops. A slow check
 * (a long history with many timeouts) spaces the next one out by twice its time, so the checks
 * never take more than about a third of one core.
 */
import { Worker } from 'node:worker_threads';
import type { HistoryEvent } from '../core/event.js';
import { checkLabHistory, type LabVerdict } from './check-lab-history.js';
import type { LabHistory } from './lab-history.js';

/** LAB_CHECK_INTERVAL_MS: how often the lab looks for new events to check. */
export const LAB_CHECK_INTERVAL_MS = 1000;

export class LabChecker {
  private timer: NodeJS.Timeout | undefined;
  private worker: Worker | undefined;
  private running = false;
  private checked = 0;
  private final = false;
  private stopped = false;
  private notBefore = 0;
  private waiting: ((reply: { verdict?: LabVerdict; error?: string }) => void) | undefined;

  constructor(
    private readonly history: LabHistory,
    private readonly onVerdict: (verdict: LabVerdict) => void,
    private readonly intervalMs = LAB_CHECK_INTERVAL_MS,
  ) {}

  /** start arms the timer (idempotent). */
  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** stop ends the timer and the worker; a check in flight is dropped. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.waiting?.({ error: 'stopped' });
    await this.worker?.terminate();
  }

  private async tick(): Promise<void> {
    const length = this.history.events.length;
    if (this.running || this.final || this.stopped || length === this.checked || Date.now() < this.notBefore) return;
    this.running = true;
    const t0 = Date.now();
    try {
      const snapshot = this.history.events.slice(0, length);
      const reply = await this.check(snapshot);
      if (this.stopped) return;
      this.checked = length;
      if (reply.verdict === undefined) {
        this.onVerdict({ valid: 'unknown', events: length, ops: 0, elapsedMs: 0, keys: [], reason: `the check failed: ${reply.error ?? 'no answer'}` });
        return;
      }
      if (reply.verdict.valid === false) this.final = true;
      this.onVerdict(reply.verdict);
    } finally {
      this.running = false;
      this.notBefore = Date.now() + 2 * (Date.now() - t0);
    }
  }

  private async check(events: HistoryEvent[]): Promise<{ verdict?: LabVerdict; error?: string }> {
    const worker = this.ensureWorker();
    if (worker === undefined) return { verdict: await checkLabHistory(events) };
    return new Promise((resolve) => {
      this.waiting = resolve;
      worker.postMessage(events);
    });
  }

  private ensureWorker(): Worker | undefined {
    if (import.meta.url.endsWith('.ts')) return undefined;
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(new URL('./lab-check-worker.js', import.meta.url));
    worker.unref();
    worker.on('message', (reply: { verdict?: LabVerdict; error?: string }) => {
      const done = this.waiting;
      this.waiting = undefined;
      done?.(reply);
    });
    worker.on('error', (err) => {
      // A crashed worker: answer the check in flight; the next tick starts a new worker.
      this.worker = undefined;
      const done = this.waiting;
      this.waiting = undefined;
      done?.({ error: err.message });
    });
    this.worker = worker;
    return worker;
  }
}
