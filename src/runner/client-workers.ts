/**
 * ClientWorkers: one worker per thread, each with its own client and logical process id. The
 * worker builds the invoke and completion events itself; an op that throws or times out is info,
 * and the process is then retired (new id = old + threads, Jepsen's rule) with a new client.
 */
import { setMaxListeners } from 'node:events';
import type { NodeInfo } from '../core/cluster.js';
import type { Client, Outcome } from '../core/client.js';
import type { Process } from '../core/event.js';
import type { ScheduledOp } from '../generator/generator.js';
import type { RunnerAdapter } from '../adapters/adapter-extras.js';
import type { ProcessPool } from './drive-generator.js';
import type { Recorder } from './recorder.js';
import { type RunClock, sleepMs } from './run-clock.js';

interface Worker {
  process: number;
  node: NodeInfo;
  client: Client | undefined;
  busy: boolean;
}

/** ClientWorkers is the client-side ProcessPool. Thread t talks to node t mod nodes. */
export class ClientWorkers implements ProcessPool {
  /**
   * While set (the final phase), an op that does not come back ok is invoked again on the same
   * thread every 100 ms until it does or this time (ns) passes: final reads must get an answer.
   */
  retryUntilNs: number | undefined;
  private readonly workers: Worker[];
  private readonly byProcess = new Map<number, Worker>();

  constructor(
    readonly threads: number,
    private readonly nodes: readonly NodeInfo[],
    private readonly adapter: RunnerAdapter,
    private readonly recorder: Recorder,
    private readonly clock: RunClock,
    private readonly opTimeoutMs: number,
    private readonly signal: AbortSignal,
  ) {
    this.workers = Array.from({ length: threads }, (_, t) => ({
      process: t,
      node: nodes[t % nodes.length] as NodeInfo,
      client: undefined,
      busy: false,
    }));
    for (const w of this.workers) this.byProcess.set(w.process, w);
    // Every in-flight op listens for the run's abort: one listener per worker, plus the drivers'.
    setMaxListeners(threads + 16, signal);
  }

  all(): Process[] {
    return this.workers.map((w) => w.process);
  }

  free(): Process[] {
    return this.workers.filter((w) => !w.busy).map((w) => w.process);
  }

  async dispatch(op: ScheduledOp): Promise<void> {
    const w = typeof op.process === 'number' ? this.byProcess.get(op.process) : undefined;
    if (w === undefined || w.busy) throw new Error(`internal: process ${String(op.process)} is not a free client process`);
    w.busy = true;
    try {
      while (!(await this.run(w, op)) && this.retryUntilNs !== undefined && this.clock.nowNs() < this.retryUntilNs) {
        await sleepMs(100, this.signal);
        if (this.signal.aborted) break;
      }
    } finally {
      w.busy = false;
    }
  }

  /** run performs one op on `w`, recording both events; true when it came back ok. */
  private async run(w: Worker, op: ScheduledOp): Promise<boolean> {
    const base = op.key === undefined ? { f: op.f } : { f: op.f, key: op.key };
    this.recorder.record({ type: 'invoke', process: w.process, ...base, value: op.value, time: this.clock.nowNs() });
    const outcome = await this.invoke(w, op);
    const done: Parameters<Recorder['record']>[0] = {
      type: outcome.type,
      process: w.process,
      ...base,
      value: outcome.type === 'ok' ? (outcome.value === undefined ? op.value : outcome.value) : op.value,
      time: this.clock.nowNs(),
    };
    if (outcome.node !== undefined) done.node = outcome.node;
    if (outcome.type !== 'ok' && outcome.error !== undefined) done.error = errorText(outcome.error);
    this.recorder.record(done);
    if (outcome.type === 'info') this.retire(w);
    return outcome.type === 'ok';
  }

  private async invoke(w: Worker, op: ScheduledOp): Promise<Outcome> {
    if (w.client === undefined) {
      try {
        w.client = await this.adapter.open(w.node, { nodes: this.nodes, timeoutMs: this.opTimeoutMs });
      } catch (err) {
        return { type: 'fail', error: `could not open a client on ${w.node.name}: ${(err as Error).message}` };
      }
    }
    // A plain controller and timer rather than AbortSignal.any/timeout: those can be collected
    // before they fire when only the pending op refers to them, leaving the op hanging forever.
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), this.opTimeoutMs);
    const onRunAbort = (): void => ac.abort();
    this.signal.addEventListener('abort', onRunAbort, { once: true });
    if (this.signal.aborted) ac.abort();
    const request = op.key === undefined ? { f: op.f, value: op.value } : { f: op.f, key: op.key, value: op.value };
    try {
      return await raceAbort(w.client.invoke(request, ac.signal), ac.signal);
    } catch (err) {
      // An adapter that throws does not know whether the op happened: info, never fail.
      return { type: 'info', error: (err as Error).message ?? String(err) };
    } finally {
      clearTimeout(timer);
      this.signal.removeEventListener('abort', onRunAbort);
    }
  }

  private retire(w: Worker): void {
    this.byProcess.delete(w.process);
    w.process += this.threads;
    this.byProcess.set(w.process, w);
    const old = w.client;
    w.client = undefined;
    void old?.close().catch(() => undefined);
  }

  /** closeAll closes every open client (errors ignored: teardown must finish). */
  async closeAll(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.client?.close()));
    for (const w of this.workers) w.client = undefined;
  }
}

/** raceAbort settles with the op's outcome, or with info as soon as the signal fires. */
function raceAbort(p: Promise<Outcome>, signal: AbortSignal): Promise<Outcome> {
  if (signal.aborted) return Promise.resolve({ type: 'info', error: 'timeout' });
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve({ type: 'info', error: 'timeout' });
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function errorText(e: unknown): unknown {
  return typeof e === 'string' || (typeof e === 'object' && e !== null) ? e : String(e);
}
