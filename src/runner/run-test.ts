/**
 * runTest: one whole Jepsen-style test — cluster up, clients and nemesis together, heal, recover,
 * final reads, tear down, check — recorded in `store/<name>/<timestamp>/`.
 *
 * Files: test.json (every option and the seed) first; history.jsonl streamed while the test runs
 * (flushed at least once a second); results.json at the end; `store/latest` then points at the run.
 * Cancellation: when `signal` aborts at any moment, the drivers stop, in-flight ops become info,
 * every fault is healed, the cluster is stopped, the history is kept, and a FaultlineError
 * ('interrupted', exit 130) is thrown.
 * A broken adapter (its program died, every open failed; see adapter-guard.ts) stops the run the same
 * way, with results.json saying why (valid "unknown", the reason and the error), and its
 * FaultlineError ('cluster', exit 6) is thrown. A run that ends with an unknown verdict says why.
 * Teardown (heal once, close clients and adapter, stop the cluster, close the history) runs on every
 * path; a step that fails is emitted as a `teardown-error` event and listed in results.json
 * (`teardownErrors`), which is also written when the run is interrupted or fails (with `error`). A
 * history that could not be written completely ends the run with an 'environment' error, no verdict.
 */
import { join } from 'node:path';
import type { Verdict } from '../core/verdict.js';
import { verdictLabel } from '../core/verdict.js';
import { FaultlineError } from '../core/errors.js';
import type { StartedCluster } from '../core/cluster.js';
import type { Generator } from '../generator/generator.js';
import { Random } from '../generator/random.js';
import { rate as rateLimit, timeLimit } from '../generator/stagger.js';
import type { HistoryEvent } from '../core/event.js';
import { HistoryWriter } from '../history/history-writer.js';
import { readHistoryFile } from '../history/read-history-file.js';
import { writeReportFile } from '../report/write-report.js';
import { loadRunHistory } from '../report/load-run-history.js';
import type { RunnerAdapter } from '../adapters/adapter-extras.js';
import { resolveNemeses } from '../../nemeses/registry.js';
import { nemesisSchedule } from '../../nemeses/schedule.js';
import type { CheckerOutcome, Workload } from '../../workloads/workload.js';
import { AdapterGuard } from './adapter-guard.js';
import { ClientWorkers } from './client-workers.js';
import { driveGenerator } from './drive-generator.js';
import { type FinalReadsOutcome, runFinalReads } from './final-reads.js';
import { NemesisWorker, type NemesisSkips } from './nemesis-worker.js';
import { type EventSink, type OutcomeCounts, Recorder } from './recorder.js';
import { OpStore } from './op-store.js';
import { TouchedKeys } from './touched-keys.js';
import { RunClock, sleepMs } from './run-clock.js';
import { createRunDir, linkLatest, writeJson } from './run-dir.js';
import { runCheckers } from './run-checkers.js';
import { failedRunResults, unknownReason } from './run-reasons.js';
import type { Backend, RunEvent, RunOptions } from './run-options.js';

/** RunDeps are the effectful parts a run is given (so tests can run it in-process). */
export interface RunDeps {
  backend: Backend;
  adapter: RunnerAdapter;
  workload: Workload;
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  /** Opens the history sink (default: HistoryWriter, flushed every second). */
  openSink?: (path: string) => Promise<EventSink>;
  /** Write report.html into the run directory at the end (default false). */
  report?: boolean;
  /**
   * Replaces the seeded fault schedule (nemesisSchedule over the nodes' names, every
   * nemesisIntervalMs) with a scripted one: its ops must name faults of options.nemesis (the demos
   * script theirs). Still cut at the time limit and healed at the end.
   */
  faultSchedule?: (nodes: readonly string[]) => Generator;
}

/** RunResult is the verdict and where everything is. */
export interface RunResult {
  dir: string;
  valid: Verdict;
  /** Why the verdict is unknown (set exactly when `valid` is "unknown"). */
  reason?: string;
  checkers: CheckerOutcome[];
  counts: OutcomeCounts;
  /** Client fails by reason (e.g. `not-leader`, `compare-failed`); absent in results made elsewhere. */
  failReasons?: Record<string, number>;
  /** Nemesis op lateness: count, p50, p99, max (ms). */
  nemesisLatenessMs: LatenessSummary;
  /** Fault ops that did not (fully) act: skipped, partly skipped, not started after the time limit. */
  nemesisSkips?: NemesisSkips;
  /** Teardown steps that failed (the verdict stands: the history is complete); empty when none did. */
  teardownErrors: TeardownError[];
  /** report.html's path when written; the reason when writing it failed (the verdict stands). */
  report?: { path: string; truncated?: string } | { error: string };
}

/** TeardownError is one teardown step that failed, with its error message. */
export interface TeardownError {
  step: 'heal' | 'close-clients' | 'close-adapter' | 'stop-cluster' | 'history';
  message: string;
}

/** LatenessSummary summarises how late ops ran relative to schedule, in ms. */
export interface LatenessSummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** runTest runs one test; see the file header. Throws FaultlineError for user-facing failures. */
export async function runTest(options: RunOptions, deps: RunDeps): Promise<RunResult> {
  const interrupt = deps.signal ?? new AbortController().signal;
  // `signal` stops the run: on an interrupt, or when the adapter breaks (guard.failure says how).
  const guard = new AdapterGuard(interrupt);
  const signal = guard.signal;
  const emit = deps.onEvent ?? (() => undefined);
  // Before anything starts: a fault this backend cannot inject is a usage error.
  const nemeses = resolveNemeses(
    options.nemesis,
    { partitionKinds: options.partition, nodeCount: options.nodes, adapter: { name: deps.adapter.name, findsLeader: deps.adapter.findLeader !== undefined } },
    deps.backend.capabilities,
    deps.backend.name,
  );

  const startedAt = new Date();
  const dir = await createRunDir(options.store, options.name, startedAt);
  const testJson = { ...options, startedAt: startedAt.toISOString(), faultline: '0.1.0' };
  await writeJson(join(dir, 'test.json'), testJson);
  const sink = await (deps.openSink ?? ((p) => HistoryWriter.open(p, { flushIntervalMs: 1000 })))(join(dir, 'history.jsonl'));
  // The keys the clients touched: what a 'touched' final phase reads, and test.json's keysTouched.
  const touched = new TouchedKeys();
  // The checkers read the compact store, never an array of every event (a long run's memory would
  // grow with it); a store that cannot take an event (never, for the runner's own events) leaves
  // them to read the history file instead.
  let store: OpStore | undefined = new OpStore();
  const recorder = new Recorder(touched.sink(sink), (e) => {
    try {
      store?.add(e);
    } catch {
      store = undefined;
    }
  });
  let fileEvents: Promise<readonly HistoryEvent[]> | undefined;
  const historyEvents = (): Promise<readonly HistoryEvent[]> => (fileEvents ??= readHistoryFile(join(dir, 'history.jsonl')).then((r) => r.events));
  const phase = (p: Parameters<typeof emit>[0] & { kind: 'phase' }): void => emit(p);

  let cluster: StartedCluster | undefined;
  let workers: ClientWorkers | undefined;
  let nemesisWorker: NemesisWorker | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let finalReads: FinalReadsOutcome | undefined;
  let healed = false;
  let failure: { error: unknown } | undefined;
  const teardownErrors: TeardownError[] = [];
  try {
    phase({ kind: 'phase', phase: 'cluster', dir });
    cluster = await deps.backend.start({ logDir: join(dir, 'logs'), signal, seed: options.seed });
    if (signal.aborted) throw interrupted(dir, []);
    const clock = new RunClock();
    const cl = cluster;
    const clients = new ClientWorkers(options.threads, cl.nodes, deps.adapter, recorder, clock, options.opTimeoutMs, signal, guard.broken);
    workers = clients;
    // Before the workload: the adapter starts (its own log in logs/) and every client opens. An
    // adapter that cannot (no open succeeds, its program dies) stops the run here, nothing recorded.
    await guard.setup(deps.adapter.name, async () => {
      await deps.adapter.start?.({ logDir: join(dir, 'logs'), broken: guard.broken });
      await clients.openAll();
    });
    if (guard.failure !== undefined) throw guard.failure;
    // The nemesis exists from here on only: a run stopped before the workload injected no fault, so
    // its teardown has nothing to heal and records no nemesis op.
    const env = deps.adapter.findLeader
      ? { cluster: cl, findLeader: () => deps.adapter.findLeader?.(cl.nodes) ?? Promise.resolve(undefined) }
      : { cluster: cl };
    nemesisWorker = new NemesisWorker(nemeses, env, recorder, clock, (current) => emit({ kind: 'fault', current }));

    phase({ kind: 'phase', phase: 'workload', dir });
    ticker = setInterval(() => emit({ kind: 'counts', ...recorder.counts }), 250);
    const [nemesisRng, clientRng] = Random.seeded(options.seed).split();
    const limitNs = options.timeLimitMs * 1e6;
    const clientGen = timeLimit(limitNs, rateLimit(options.rate, deps.workload.generator));
    const nodeNames = cl.nodes.map((n) => n.name);
    const nemesisGen = timeLimit(
      limitNs,
      deps.faultSchedule?.(nodeNames) ?? nemesisSchedule(nemeses, nodeNames, options.nemesisIntervalMs * 1e6),
    );
    // No fault op starts after the time limit (nor after an abort), however late its turn comes.
    nemesisWorker.stopAt(clock.nowNs() + limitNs, signal);
    await Promise.all([
      driveGenerator(clientGen, workers, clock, clientRng, signal),
      driveGenerator(nemesisGen, nemesisWorker, clock, nemesisRng, signal),
    ]);

    phase({ kind: 'phase', phase: 'heal', dir });
    healed = true;
    await healAndRecord(nemesisWorker, recorder, teardownErrors);
    if (!signal.aborted) {
      phase({ kind: 'phase', phase: 'recover', dir });
      await sleepMs(options.recoveryMs, signal);
    }
    if (!signal.aborted) {
      phase({ kind: 'phase', phase: 'final', dir });
      finalReads = await runFinalReads({
        nodes: cl.nodes,
        final: deps.workload.final,
        adapter: deps.adapter,
        recorder,
        clock,
        opTimeoutMs: options.opTimeoutMs,
        convergeTimeoutMs: options.convergeTimeoutMs,
        touchedKeys: touched.keys(),
        firstProcess: Math.max(...workers.all().filter((p): p is number => typeof p === 'number')) + 1,
        signal,
      });
    }
  } catch (err) {
    // Every error, a broken adapter's included, is reported after the teardown.
    failure = { error: err };
  }

  // Teardown always runs, each step even when an earlier one failed; a failing step is recorded
  // (results.json `teardownErrors`, and the command prints it), never swallowed. Faults are healed
  // once, before the cluster stops, so no nemesis op is recorded after it stopped.
  if (ticker !== undefined) clearInterval(ticker);
  emit({ kind: 'counts', ...recorder.counts });
  phase({ kind: 'phase', phase: 'teardown', dir });
  if (!healed && nemesisWorker !== undefined) await healAndRecord(nemesisWorker, recorder, teardownErrors);
  const step = async (name: TeardownError['step'], act: () => Promise<unknown> | undefined): Promise<void> => {
    try {
      await act();
    } catch (err) {
      teardownErrors.push({ step: name, message: messageOf(err) });
    }
  };
  await step('close-clients', () => workers?.closeAll());
  await step('close-adapter', () => deps.adapter.close?.());
  await step('stop-cluster', () => cluster?.stop());
  await step('history', () => sink.close());
  for (const e of teardownErrors) emit({ kind: 'teardown-error', ...e });
  // test.json again, now with what the run really did: how many keys its clients touched.
  await writeJson(join(dir, 'test.json'), { ...testJson, keysTouched: touched.size }).catch(() => undefined);
  const historyComplete = !teardownErrors.some((e) => e.step === 'history');
  const ended = { counts: recorder.counts, historyComplete, teardownErrors };

  // A broken adapter (not a Ctrl-C, which wins): results.json says why, its error is thrown (exit 6).
  if (guard.failure !== undefined && !interrupt.aborted) {
    const stats = { counts: recorder.counts, byF: recorder.countsByF(), events: recorder.eventCount };
    await writeJson(join(dir, 'results.json'), { ...failedRunResults(guard.failure, options.seed, stats), historyComplete, teardownErrors });
    await linkLatest(options.store, dir);
    throw guard.failure;
  }
  if (signal.aborted) {
    await writeJson(join(dir, 'results.json'), { interrupted: true, reason: abortReason(interrupt), valid: 'unknown', ...ended });
    await linkLatest(options.store, dir);
    throw interrupted(dir, teardownErrors);
  }
  if (failure !== undefined) {
    // The run's own error is what the user must see; results.json records it when it can be written.
    await writeJson(join(dir, 'results.json'), { error: describeError(failure.error), valid: 'unknown', ...ended }).catch(() => undefined);
    await linkLatest(options.store, dir);
    throw failure.error;
  }
  if (!historyComplete) {
    const reason = teardownErrors.find((e) => e.step === 'history')?.message ?? 'unknown';
    await writeJson(join(dir, 'results.json'), { error: { code: 'environment', message: reason }, valid: 'unknown', ...ended });
    await linkLatest(options.store, dir);
    throw new FaultlineError('environment', `the history in ${dir} is incomplete: ${reason}`, {
      hint: 'no verdict without the whole history; results.json records the run',
    });
  }

  phase({ kind: 'phase', phase: 'check', dir });
  const source = store === undefined ? { events: historyEvents } : { keyed: store, events: historyEvents };
  const { valid, results } = await runCheckers(deps.workload.checkers, source, {
    timeoutMs: options.checkTimeoutMs,
    workers: options.checkWorkers,
  });
  store = undefined;
  fileEvents = undefined;
  const nemesisLatenessMs = summarize((nemesisWorker?.latenessNs ?? []).map((ns) => ns / 1e6));
  const reason = unknownReason(valid, results);
  await writeJson(join(dir, 'results.json'), {
    valid,
    verdict: verdictLabel(valid),
    ...(reason === undefined ? {} : { reason }),
    seed: options.seed,
    checkers: results,
    stats: { counts: recorder.counts, byF: recorder.countsByF(), failReasons: recorder.failReasons, events: recorder.eventCount },
    nemesis: { ops: nemesisLatenessMs.count, latenessMs: nemesisLatenessMs, ...nemesisWorker?.skips },
    finalReads: { ...finalReads, convergeTimeoutMs: options.convergeTimeoutMs },
    historyComplete,
    teardownErrors,
  });
  await linkLatest(options.store, dir);
  const result: RunResult = { dir, valid, ...(reason === undefined ? {} : { reason }), checkers: results, counts: { ...recorder.counts }, failReasons: { ...recorder.failReasons }, nemesisLatenessMs, teardownErrors };
  if (nemesisWorker !== undefined) result.nemesisSkips = { ...nemesisWorker.skips };
  if (deps.report === true) {
    phase({ kind: 'phase', phase: 'report', dir });
    const path = join(dir, 'report.html');
    try {
      // Streamed in bounded memory: above REPORT_OP_CAP client ops only whole keys are kept (report/load-run-history.ts).
      const history = await loadRunHistory(join(dir, 'history.jsonl'), results);
      const written = await writeReportFile(
        {
          title: `${options.name}: ${verdictLabel(valid)}`,
          source: join(dir, 'history.jsonl'),
          events: history.events,
          results,
          test: { ...options },
          generatedAt: new Date().toISOString(),
          ...(history.note === undefined ? {} : { notes: [history.note] }),
          ...(history.totals === undefined ? {} : { totals: history.totals }),
        },
        path,
      );
      result.report = written.truncated === undefined ? { path } : { path, truncated: written.truncated };
    } catch (err) {
      result.report = { error: (err as Error).message ?? String(err) };
    }
  }
  phase({ kind: 'phase', phase: 'done', dir });
  return result;
}

/** interrupted is the error an aborted run ends with; its message says what teardown achieved. */
function interrupted(dir: string, teardownErrors: readonly TeardownError[]): FaultlineError {
  if (teardownErrors.length === 0) {
    return new FaultlineError('interrupted', `interrupted: faults healed, cluster stopped, history kept in ${dir}`);
  }
  const failed = teardownErrors.map((e) => `${e.step}: ${e.message}`).join('; ');
  const kept = teardownErrors.some((e) => e.step === 'history') ? 'history incomplete' : 'history kept';
  return new FaultlineError('interrupted', `interrupted: ${kept} in ${dir}; teardown failed: ${failed}`);
}

/**
 * healAndRecord heals every fault (recorded as one `heal` nemesis op). The nemesis worker records a
 * failed heal in the history as an info with an error; it is also a teardown error.
 */
async function healAndRecord(nemesis: NemesisWorker, recorder: Recorder, errors: TeardownError[]): Promise<void> {
  const before = recorder.eventCount;
  try {
    await nemesis.healEverything();
  } catch (err) {
    errors.push({ step: 'heal', message: messageOf(err) });
    return;
  }
  const last = recorder.lastHealDone;
  const done = last !== undefined && last.index >= before ? last : undefined;
  if (done?.error !== undefined) errors.push({ step: 'heal', message: typeof done.error === 'string' ? done.error : JSON.stringify(done.error) });
}

/** abortReason says why the run was aborted: the signal's reason (e.g. "SIGINT"), or "interrupted". */
function abortReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  if (typeof r === 'string') return r;
  if (r instanceof Error && r.name !== 'AbortError') return `internal error: ${r.message}`;
  return 'interrupted';
}

function describeError(err: unknown): { code: string; message: string } {
  return { code: err instanceof FaultlineError ? err.code : 'internal', message: messageOf(err) };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** summarize gives count, p50, p99 and max of a list of numbers (zeros when empty). */
export function summarize(xs: readonly number[]): LatenessSummary {
  if (xs.length === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
  const s = xs.slice().sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { count: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] as number };
}
