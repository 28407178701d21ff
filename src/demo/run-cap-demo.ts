/**
 * runCapDemo: the effectful part of `faultline demo cap` — run the built-in store in each mode
 * through the same seeded test with `runTest` (what `faultline test` runs), one mode after the other,
 * then write the combined summary (summary.json and index.html) to `<store>/demo-cap/<timestamp>/`.
 */
import { relative, join, dirname } from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { HistoryEvent } from '../core/event.js';
import { FaultlineError } from '../core/errors.js';
import { builtinStoreAdapter } from '../adapters/builtin-store-adapter.js';
import type { RunnerAdapter } from '../adapters/adapter-extras.js';
import { HistoryWriter } from '../history/history-writer.js';
import type { StoreMode } from '../cluster/local/start-local-cluster.js';
import { localBackend } from '../runner/local-backend.js';
import { createRunDir, writeJson } from '../runner/run-dir.js';
import type { Backend, RunEvent } from '../runner/run-options.js';
import { runTest } from '../runner/run-test.js';
import type { EventSink } from '../runner/recorder.js';
import { CAP_MODES, type CapDemoOptions, capRunOptions, capWriteOrder } from './cap-plan.js';
import { type CapRow, capRow } from './cap-row.js';
import { type CapSummary, buildCapSummary } from './cap-summary.js';
import { capWorkload } from './cap-workload.js';
import { renderCapPage } from './render-cap-page.js';

/** CapProgress is what the demo tells its caller while it runs (the command draws it). */
export type CapProgress =
  | { kind: 'mode-start'; mode: StoreMode; index: number; of: number }
  | { kind: 'run'; mode: StoreMode; event: RunEvent }
  | { kind: 'mode-done'; mode: StoreMode; row: CapRow; elapsedMs: number };

/** CapDemoDeps: the effectful parts, replaceable in tests; defaults run the local backend. */
export interface CapDemoDeps {
  signal?: AbortSignal;
  onProgress?: (p: CapProgress) => void;
  backendFor?: (mode: StoreMode, nodes: number) => Backend;
  adapterFor?: (mode: StoreMode) => RunnerAdapter;
  /** Write each mode's report.html (default true). */
  report?: boolean;
  modes?: readonly StoreMode[];
}

/** CapDemoResult: the summary and where it was written. */
export interface CapDemoResult {
  summary: CapSummary;
  dir: string;
  summaryPath: string;
  pagePath: string;
}

/**
 * runCapDemo runs every mode (CAP_MODES unless deps.modes) and writes the summary. Options are all
 * validated before anything starts (FaultlineError 'usage'); a run that fails or is interrupted
 * throws its FaultlineError after its own teardown (the runs already done stay on disk).
 */
export async function runCapDemo(options: CapDemoOptions, deps: CapDemoDeps = {}): Promise<CapDemoResult> {
  const modes = deps.modes ?? CAP_MODES;
  const plans = modes.map((mode) => ({ mode, run: capRunOptions(mode, options) }));
  const first = plans[0]?.run;
  if (first === undefined) throw new FaultlineError('usage', 'no mode to run');
  const startedAt = new Date();
  const t0 = Date.now();
  const rows: CapRow[] = [];
  for (const [index, { mode, run }] of plans.entries()) {
    if (deps.signal?.aborted) throw new FaultlineError('interrupted', `interrupted before the ${mode} run`);
    deps.onProgress?.({ kind: 'mode-start', mode, index, of: plans.length });
    const started = Date.now();
    const events: HistoryEvent[] = [];
    const deps2 = {
      backend: deps.backendFor?.(mode, options.nodes) ?? localBackend(options.nodes, mode),
      adapter: deps.adapterFor?.(mode) ?? builtinStoreAdapter(),
      workload: capWorkload(options.workload, capWriteOrder(mode)),
      onEvent: (event: RunEvent) => deps.onProgress?.({ kind: 'run', mode, event }),
      openSink: (path: string) => teeSink(path, events),
      report: deps.report ?? true,
    };
    const result = await runTest(run, deps.signal === undefined ? deps2 : { ...deps2, signal: deps.signal });
    const row = capRow(mode, result, events);
    rows.push(row);
    deps.onProgress?.({ kind: 'mode-done', mode, row, elapsedMs: Date.now() - started });
  }
  const summary = buildCapSummary({
    seed: options.seed,
    nodes: options.nodes,
    timeLimitMs: options.timeLimitMs,
    schedule: { nemesis: first.nemesis, partition: first.partition, intervalMs: first.nemesisIntervalMs, rate: first.rate },
    startedAt: startedAt.toISOString(),
    elapsedMs: Date.now() - t0,
    rows,
  });
  const dir = await createRunDir(options.store, 'demo-cap', startedAt);
  const summaryPath = join(dir, 'summary.json');
  const pagePath = join(dir, 'index.html');
  await writeJson(summaryPath, summary);
  await writeFile(pagePath, renderCapPage(summary, (p) => relative(dirname(pagePath), p) || '.'));
  return { summary, dir, summaryPath, pagePath };
}

/** teeSink streams events to history.jsonl (as the runner does by default) and keeps them in `into`. */
async function teeSink(path: string, into: HistoryEvent[]): Promise<EventSink> {
  const writer = await HistoryWriter.open(path, { flushIntervalMs: 1000 });
  return {
    append(e) {
      into.push(e);
      writer.append(e);
    },
    close: () => writer.close(),
  };
}
