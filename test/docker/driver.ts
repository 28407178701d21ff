// A small Jepsen-style driver for the docker acceptance tests, standing in for the runner
// (src/runner) until `faultline test --backend docker` exists: concurrent workers (one client per
// logical process, a fresh process id after every info), a nemesis on its own schedule recorded as
// `process: "nemesis"` events, a final heal + quiet period + final reads, the history streamed with
// HistoryWriter, and the workload's real checkers.
import type { RunnerAdapter } from '../../src/adapters/adapter-extras.js';
import type { Client, OpRequest, Outcome } from '../../src/core/client.js';
import type { StartedCluster } from '../../src/core/cluster.js';
import type { HistoryEvent } from '../../src/core/event.js';
import { HistoryWriter } from '../../src/history/history-writer.js';
import type { Checker, CheckerOutcome } from '../../workloads/workload.js';
import { mulberry32 } from '../../src/core/mulberry32.js';

/** Rng is a seeded mulberry32 draw in [0, 1). */
export type Rng = () => number;

export const seededRng: (seed: number) => Rng = mulberry32;

/** NemesisStep is one fault action: its history f and value, and what it does. */
export interface NemesisStep {
  f: string;
  value: unknown;
  run: () => Promise<unknown>;
}

export interface DriveOptions {
  cluster: StartedCluster;
  adapter: RunnerAdapter;
  historyPath: string;
  durationMs: number;
  concurrency: number;
  opTimeoutMs: number;
  /** Pause between one worker's ops (ms). */
  thinkMs: number;
  seed: number;
  nextOp: (rng: Rng, worker: number) => OpRequest;
  finalOps: OpRequest[];
  /** Called every `nemesisEveryMs`: returns the steps of one fault window (start, …, stop). */
  nemesis: (rng: Rng, cycle: number) => Promise<NemesisStep[]> | NemesisStep[];
  nemesisEveryMs: number;
  /** Undo every fault (called after the main phase, recorded as one nemesis op). */
  healAll: () => Promise<void>;
  quietMs: number;
  checkers: readonly Checker[];
}

export interface DriveResult {
  events: HistoryEvent[];
  outcomes: CheckerOutcome[];
  counts: Record<string, number>;
}

/** drive runs one test and returns the history and every checker's outcome. */
export async function drive(o: DriveOptions): Promise<DriveResult> {
  const writer = await HistoryWriter.open(o.historyPath);
  const events: HistoryEvent[] = [];
  const t0 = process.hrtime.bigint();
  const now = (): number => Number(process.hrtime.bigint() - t0);
  const record = (e: Omit<HistoryEvent, 'index' | 'time'>): void => {
    const ev = { ...e, index: events.length, time: now() } as HistoryEvent;
    events.push(ev);
    writer.append(ev);
  };
  const counts: Record<string, number> = {};
  const rng = seededRng(o.seed);
  // The nemesis draws from its own stream so that its choices do not depend on how many ops the
  // clients happened to draw first.
  const nemesisRng = seededRng(o.seed ^ 0x5bd1e995);
  let nextProcess = o.concurrency;

  const invoke = async (client: Client, process: number, req: OpRequest): Promise<Outcome> => {
    record({ type: 'invoke', process, f: req.f, value: req.value, ...(req.key === undefined ? {} : { key: req.key }) });
    const signal = AbortSignal.timeout(o.opTimeoutMs + 500);
    let out: Outcome;
    try {
      out = await client.invoke(req, signal);
    } catch (err) {
      out = { type: 'info', error: (err as Error).message };
    }
    const value = out.type === 'ok' ? (out.value ?? req.value) : req.value;
    record({
      type: out.type,
      process,
      f: req.f,
      value: req.f === 'read' && out.type !== 'ok' ? null : value,
      ...(req.key === undefined ? {} : { key: req.key }),
      ...(out.node === undefined ? {} : { node: out.node }),
      ...(out.type !== 'ok' && out.error !== undefined ? { error: String(out.error) } : {}),
    });
    counts[`${req.f}:${out.type}`] = (counts[`${req.f}:${out.type}`] ?? 0) + 1;
    return out;
  };

  const nodes = o.cluster.nodes;
  const workers = Array.from({ length: o.concurrency }, (_, w) => ({ w, process: w, client: undefined as Client | undefined }));
  const openFor = async (w: number): Promise<Client> => o.adapter.open(nodes[w % nodes.length]!, { nodes, timeoutMs: o.opTimeoutMs });
  const runPhase = async (ops: (w: number) => OpRequest | undefined, untilMs: number | undefined): Promise<void> => {
    await Promise.all(
      workers.map(async (wk) => {
        for (;;) {
          if (untilMs !== undefined && Number(process.hrtime.bigint() - t0) / 1e6 > untilMs) return;
          const req = ops(wk.w);
          if (req === undefined) return;
          wk.client ??= await openFor(wk.w);
          const out = await invoke(wk.client, wk.process, req);
          if (out.type === 'info') {
            await wk.client.close();
            wk.client = undefined;
            wk.process = nextProcess++;
          }
          if (o.thinkMs > 0) await new Promise((r) => setTimeout(r, o.thinkMs * (0.5 + rng())));
        }
      }),
    );
  };

  let mainDone = false;
  const nemesisLoop = (async () => {
    for (let cycle = 0; !mainDone; cycle++) {
      const steps = await o.nemesis(nemesisRng, cycle);
      for (const step of steps) {
        if (mainDone) break;
        record({ type: 'invoke', process: 'nemesis', f: step.f, value: step.value });
        let result: unknown;
        try {
          result = await step.run();
        } catch (err) {
          result = `error: ${(err as Error).message}`;
        }
        record({ type: 'info', process: 'nemesis', f: step.f, value: result ?? step.value });
        await new Promise((r) => setTimeout(r, o.nemesisEveryMs / Math.max(1, steps.length)));
      }
    }
  })();
  await runPhase((w) => o.nextOp(rng, w), o.durationMs);
  mainDone = true;
  await nemesisLoop;
  record({ type: 'invoke', process: 'nemesis', f: 'heal', value: null });
  await o.healAll();
  record({ type: 'info', process: 'nemesis', f: 'heal', value: null });
  await new Promise((r) => setTimeout(r, o.quietMs));
  const finals = new Map(workers.map((wk) => [wk.w, [...o.finalOps]]));
  await runPhase((w) => finals.get(w)!.shift(), undefined);
  for (const wk of workers) await wk.client?.close();
  await writer.close();
  const outcomes: CheckerOutcome[] = [];
  for (const c of o.checkers) outcomes.push(await c.check(events, { timeoutMs: 60_000, workers: 2 }));
  return { events, outcomes, counts };
}
