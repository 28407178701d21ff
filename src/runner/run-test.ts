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
 */
import { join } from 'node:path';
import type { Verdict } from '../core/verdict.js';
import { verdictLabel } from '../core/verdict.js';
import { FaultlineError } from '../core/errors.js';
import type { StartedCluster } from '../core/cluster.js';
import { Random } from '../generator/random.js';
import { rate as rateLimit, timeLimit } from '../generator/stagger.js';
import { HistoryWriter } from '../history/history-writer.js';
import { writeReportFile } from '../report/write-report.js';
import type { RunnerAdapter } from '../adapters/adapter-extras.js';
import { resolveNemeses } from '../../nemeses/registry.js';
import { nemesisSchedule } from '../../nemeses/schedule.js';
import type { CheckerOutcome, Workload } from '../../workloads/workload.js';
import { AdapterGuard } from './adapter-guard.js';
import { ClientWorkers } from './client-workers.js';
import { driveGenerator } from './drive-generator.js';
import { type FinalReadsOutcome, runFinalReads } from './final-reads.js';
import { NemesisWorker } from './nemesis-worker.js';
import { type EventSink, type OutcomeCounts, Recorder } from './recorder.js';
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
}

/** RunResult is the verdict and where everything is. */
export interface RunResult {
  dir: string;
  valid: Verdict;
  /** Why the verdict is unknown (set exactly when `valid` is "unknown"). */
  reason?: string;
  checkers: CheckerOutcome[];
  counts: OutcomeCounts;
  /** Nemesis op lateness: count, p50, p99, max (ms). */
  nemesisLatenessMs: LatenessSummary;
  /** report.html's path when written; the reason when writing it failed (the verdict stands). */
  report?: { path: string } | { error: string };
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
  await writeJson(join(dir, 'test.json'), { ...options, startedAt: startedAt.toISOString(), faultline: '0.1.0' });
  const sink = await (deps.openSink ?? ((p) => HistoryWriter.open(p, { flushIntervalMs: 1000 })))(join(dir, 'history.jsonl'));
  const recorder = new Recorder(sink);
  const phase = (p: Parameters<typeof emit>[0] & { kind: 'phase' }): void => emit(p);

  let cluster: StartedCluster | undefined;
  let workers: ClientWorkers | undefined;
  let nemesisWorker: NemesisWorker | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let finalReads: FinalReadsOutcome | undefined;
  try {
    phase({ kind: 'phase', phase: 'cluster', dir });
    cluster = await deps.backend.start({ logDir: join(dir, 'logs'), signal, seed: options.seed });
    if (signal.aborted) throw interrupted(dir);
    const clock = new RunClock();
    const cl = cluster;
    const clients = new ClientWorkers(options.threads, cl.nodes, deps.adapter, recorder, clock, options.opTimeoutMs, signal, guard.broken);
    workers = clients;
    const env = deps.adapter.findLeader
      ? { cluster: cl, findLeader: () => deps.adapter.findLeader?.(cl.nodes) ?? Promise.resolve(undefined) }
      : { cluster: cl };
    nemesisWorker = new NemesisWorker(nemeses, env, recorder, clock, (current) => emit({ kind: 'fault', current }));

    // Before the workload: the adapter starts (its own log in logs/) and every client opens. An
    // adapter that cannot (no open succeeds, its program dies) stops the run here, nothing recorded.
    await guard.setup(deps.adapter.name, async () => {
      await deps.adapter.start?.({ logDir: join(dir, 'logs'), broken: guard.broken });
      await clients.openAll();
    });
    if (guard.failure !== undefined) throw guard.failure;

    phase({ kind: 'phase', phase: 'workload', dir });
    ticker = setInterval(() => emit({ kind: 'counts', ...recorder.counts }), 250);
    const [nemesisRng, clientRng] = Random.seeded(options.seed).split();
    const limitNs = options.timeLimitMs * 1e6;
    const clientGen = timeLimit(limitNs, rateLimit(options.rate, deps.workload.generator));
    const nemesisGen = timeLimit(
      limitNs,
      nemesisSchedule(nemeses, cl.nodes.map((n) => n.name), options.nemesisIntervalMs * 1e6),
    );
    // No fault op starts after the time limit (nor after an abort), however late its turn comes.
    nemesisWorker.stopAt(clock.nowNs() + limitNs, signal);
    await Promise.all([
      driveGenerator(clientGen, workers, clock, clientRng, signal),
      driveGenerator(nemesisGen, nemesisWorker, clock, nemesisRng, signal),
    ]);

    phase({ kind: 'phase', phase: 'heal', dir });
    await nemesisWorker.healEverything();
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
        firstProcess: Math.max(...workers.all().filter((p): p is number => typeof p === 'number')) + 1,
        signal,
      });
    }
  } catch (err) {
    // A broken adapter is reported below, after the teardown, like one that breaks mid-run.
    if (err !== guard.failure) throw err;
  } finally {
    if (ticker !== undefined) clearInterval(ticker);
    emit({ kind: 'counts', ...recorder.counts });
    phase({ kind: 'phase', phase: 'teardown', dir });
    // Teardown always runs, and each step even when an earlier one failed.
    if (signal.aborted && nemesisWorker !== undefined) await nemesisWorker.healEverything().catch(() => undefined);
    await workers?.closeAll().catch(() => undefined);
    await deps.adapter.close?.().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
    await sink.close().catch(() => undefined);
  }
  if (guard.failure !== undefined && !interrupt.aborted) {
    const stats = { counts: recorder.counts, byF: recorder.countsByF(), events: recorder.events.length };
    await writeJson(join(dir, 'results.json'), failedRunResults(guard.failure, options.seed, stats));
    await linkLatest(options.store, dir);
    throw guard.failure;
  }
  if (signal.aborted) {
    await writeJson(join(dir, 'results.json'), { interrupted: true, valid: 'unknown', reason: 'interrupted before the check', counts: recorder.counts });
    await linkLatest(options.store, dir);
    throw interrupted(dir);
  }

  phase({ kind: 'phase', phase: 'check', dir });
  const { valid, results } = await runCheckers(deps.workload.checkers, recorder.events, {
    timeoutMs: options.checkTimeoutMs,
    workers: options.checkWorkers,
  });
  const nemesisLatenessMs = summarize((nemesisWorker?.latenessNs ?? []).map((ns) => ns / 1e6));
  const reason = unknownReason(valid, results);
  await writeJson(join(dir, 'results.json'), {
    valid,
    verdict: verdictLabel(valid),
    ...(reason === undefined ? {} : { reason }),
    seed: options.seed,
    checkers: results,
    stats: { counts: recorder.counts, byF: recorder.countsByF(), events: recorder.events.length },
    nemesis: { ops: nemesisLatenessMs.count, latenessMs: nemesisLatenessMs, ...nemesisWorker?.skips },
    finalReads: { ...finalReads, convergeTimeoutMs: options.convergeTimeoutMs },
  });
  await linkLatest(options.store, dir);
  const result: RunResult = { dir, valid, ...(reason === undefined ? {} : { reason }), checkers: results, counts: { ...recorder.counts }, nemesisLatenessMs };
  if (deps.report === true) {
    phase({ kind: 'phase', phase: 'report', dir });
    const path = join(dir, 'report.html');
    try {
      await writeReportFile(
        {
          title: `${options.name}: ${verdictLabel(valid)}`,
          source: join(dir, 'history.jsonl'),
          events: recorder.events,
          results,
          test: { ...options },
          generatedAt: new Date().toISOString(),
        },
        path,
      );
      result.report = { path };
    } catch (err) {
      result.report = { error: (err as Error).message ?? String(err) };
    }
  }
  phase({ kind: 'phase', phase: 'done', dir });
  return result;
}

function interrupted(dir: string): FaultlineError {
  return new FaultlineError('interrupted', `interrupted: faults healed, cluster stopped, history kept in ${dir}`);
}

/** summarize gives count, p50, p99 and max of a list of numbers (zeros when empty). */
export function summarize(xs: readonly number[]): LatenessSummary {
  if (xs.length === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
  const s = xs.slice().sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { count: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] as number };
}
