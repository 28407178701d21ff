/**
 * ClientWorkers: one worker per thread, each with its own client and logical process id. The
 * worker builds the invoke and completion events itself; an op that throws or times out is info,
 * and the process is then retired (new id = old + threads, Jepsen's rule) with a new client.
 * Clients are opened before the workload (`openAll`); an adapter that breaks its contract (see
 * adapter-guard.ts) is reported through `onBroken`, and the op concerned is recorded as info.
 */
import { setMaxListeners } from 'node:events';
import type { NodeInfo } from '../core/cluster.js';
import type { Client, Outcome } from '../core/client.js';
import type { Process } from '../core/event.js';
import { FaultlineError } from '../core/errors.js';
import type { ScheduledOp } from '../generator/generator.js';
import type { RunnerAdapter } from '../adapters/adapter-extras.js';
import type { ProcessPool } from './drive-generator.js';
import type { Recorder } from './recorder.js';
import { BUG_STREAK, BugStreaks, isAdapterBug } from './adapter-guard.js';
import type { RunClock } from './run-clock.js';

interface Worker {
  process: number;
  node: NodeInfo;
  client: Client | undefined;
  busy: boolean;
}

/** ClientWorkers is the client-side ProcessPool. Thread t talks to node t mod nodes. */
export class ClientWorkers implements ProcessPool {
  private readonly workers: Worker[];
  private readonly byProcess = new Map<number, Worker>();
  private readonly bugs = new BugStreaks();

  constructor(
    readonly threads: number,
    private readonly nodes: readonly NodeInfo[],
    private readonly adapter: RunnerAdapter,
    private readonly recorder: Recorder,
    private readonly clock: RunClock,
    private readonly opTimeoutMs: number,
    private readonly signal: AbortSignal,
    /** Called when the adapter is broken (not when the store is down); the runner then stops. */
    private readonly onBroken: (error: FaultlineError) => void = () => undefined,
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
      await this.run(w, op);
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
        w.client = await this.open(w.node);
      } catch (err) {
        // Nothing was sent: fail. (A store that is down refuses connections; that is data.)
        return { type: 'fail', error: `could not open a client on ${w.node.name}: ${(err as Error)?.message ?? String(err)}` };
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
      const outcome: unknown = await raceAbort(w.client.invoke(request, ac.signal), ac.signal);
      this.bugs.record(op.f, false);
      if (isOutcome(outcome)) return outcome;
      this.onBroken(
        new FaultlineError('cluster', `adapter "${this.adapter.name}" is broken: its invoke returned ${show(outcome)} for a ${op.f} (expected {type: "ok" | "fail" | "info"})`, {
          hint: ADAPTER_HINT,
        }),
      );
      return { type: 'info', error: `adapter returned no outcome: ${show(outcome)}` };
    } catch (err) {
      // An adapter that throws does not know whether the op happened: info, never fail. Programming
      // errors that repeat mean the adapter itself is broken: the run stops, naming the error.
      const bug = isAdapterBug(err);
      if (this.bugs.record(op.f, bug) >= BUG_STREAK && bug) {
        this.onBroken(
          new FaultlineError('cluster', `adapter "${this.adapter.name}" is broken: its invoke threw ${err.name}: ${err.message} on ${BUG_STREAK} ${op.f} operations in a row`, {
            hint: ADAPTER_HINT,
            cause: err,
          }),
        );
      }
      const text = (err as Error)?.message ?? String(err);
      return { type: 'info', error: bug ? `${(err as Error).name}: ${text}` : text };
    } finally {
      clearTimeout(timer);
      this.signal.removeEventListener('abort', onRunAbort);
    }
  }

  /**
   * openAll opens every worker's client before the workload, all at once (see `open`); a
   * worker whose open failed opens again at its first op. Throws FaultlineError('cluster') when not
   * one open succeeded (the adapter cannot reach the store at all), naming the adapter and the first
   * error; nothing is recorded in the history.
   */
  async openAll(): Promise<void> {
    const results = await Promise.allSettled(
      this.workers.map(async (w) => {
        w.client = await this.open(w.node);
      }),
    );
    if (this.signal.aborted || results.some((r) => r.status === 'fulfilled')) return;
    const first = results.findIndex((r) => r.status === 'rejected');
    const reason = (results[first] as PromiseRejectedResult).reason as Error;
    const nodes = new Set(this.workers.map((w) => w.node.name));
    throw new FaultlineError(
      'cluster',
      `adapter "${this.adapter.name}" could not open a client on any node (${results.length} tries on ${nodes.size} node${nodes.size === 1 ? '' : 's'}); first error, on ${this.workers[first]?.node.name}: ${reason?.message ?? String(reason)}`,
      { hint: 'is the store up and the adapter right for it? An adapter answers "fail" for an op on a down node, but open must succeed somewhere' },
    );
  }

  /**
   * open opens a client on `node`, giving up after OPEN_TIMEOUT_MS (or the op timeout, if longer) or
   * when the run stops; an open that answers later is closed. Something that is not a client is a
   * broken adapter (reported, and thrown).
   */
  private async open(node: NodeInfo): Promise<Client> {
    const limitMs = Math.max(this.opTimeoutMs, OPEN_TIMEOUT_MS);
    const opening = Promise.resolve().then(() => this.adapter.open(node, { nodes: this.nodes, timeoutMs: this.opTimeoutMs }));
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const giveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`open did not answer within ${limitMs} ms`)), limitMs);
      onAbort = () => reject(new Error('the run stopped'));
      if (this.signal.aborted) onAbort();
      else this.signal.addEventListener('abort', onAbort, { once: true });
    });
    let client: unknown;
    try {
      client = await Promise.race([opening, giveUp]);
    } catch (err) {
      void opening.then((late) => (isClient(late) ? late.close() : undefined)).catch(() => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
      if (onAbort !== undefined) this.signal.removeEventListener('abort', onAbort);
    }
    if (isClient(client)) return client;
    const error = new FaultlineError('cluster', `adapter "${this.adapter.name}" is broken: its open on ${node.name} returned ${show(client)}, not a client (an object with invoke and close methods)`, {
      hint: ADAPTER_HINT,
    });
    this.onBroken(error);
    throw error;
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

/** OPEN_TIMEOUT_MS: the least time an adapter's open may take (the op timeout, when longer, is used instead). */
const OPEN_TIMEOUT_MS = 5000;

const ADAPTER_HINT = 'an adapter answers {type: "fail" | "info"} when the store is down; see the README ("Testing your own store")';

function isClient(x: unknown): x is Client {
  return typeof x === 'object' && x !== null && typeof (x as Client).invoke === 'function' && typeof (x as Client).close === 'function';
}

function isOutcome(x: unknown): x is Outcome {
  const type = (x as { type?: unknown } | null)?.type;
  return typeof x === 'object' && x !== null && (type === 'ok' || type === 'fail' || type === 'info');
}

/** show is a value for a message, at most 80 characters. */
function show(x: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(x) ?? String(x);
  } catch {
    text = String(x);
  }
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
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
