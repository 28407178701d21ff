/**
 * runDemo: the effectful part of every `faultline demo <chapter>` — run the built-in store once per
 * variant through the same seeded test with `runTest` (what `faultline test` runs), one after the
 * other, then write the combined summary (summary.json and index.html) to
 * `<store>/demo-<chapter>/<timestamp>/`.
 */
import { relative, join, dirname } from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { HistoryEvent } from '../core/event.js';
import { FaultlineError } from '../core/errors.js';
import { builtinStoreAdapter } from '../adapters/builtin-store-adapter.js';
import type { RunnerAdapter } from '../adapters/adapter-extras.js';
import { HistoryWriter } from '../history/history-writer.js';
import { quorumStoreArgs } from '../cluster/local/quorum-options.js';
import { localBackend } from '../runner/local-backend.js';
import { createRunDir, writeJson } from '../runner/run-dir.js';
import type { Backend, RunEvent } from '../runner/run-options.js';
import { runTest, type RunDeps } from '../runner/run-test.js';
import type { EventSink } from '../runner/recorder.js';
import { capWorkload } from './cap-workload.js';
import { type Chapter, type DemoOptions, type Variant, checkDemoOptions, demoRunOptions } from './chapter.js';
import { type DemoRow, demoRow } from './demo-row.js';
import { type DemoSummary, buildDemoSummary } from './demo-summary.js';
import { faultScript } from './fault-script.js';
import { renderDemoPage } from './render-demo-page.js';

/** DemoProgress is what the demo tells its caller while it runs (the command draws it). */
export type DemoProgress =
  | { kind: 'variant-start'; variant: string; index: number; of: number }
  | { kind: 'run'; variant: string; event: RunEvent }
  | { kind: 'variant-done'; variant: string; row: DemoRow; elapsedMs: number };

/** DemoDeps: the effectful parts, replaceable in tests; defaults run the local backend. */
export interface DemoDeps {
  signal?: AbortSignal;
  onProgress?: (p: DemoProgress) => void;
  backendFor?: (variant: Variant, nodes: number) => Backend;
  adapterFor?: (variant: Variant) => RunnerAdapter;
  /** Write each run's report.html (default true). */
  report?: boolean;
  /** Run only these variants (by id), in this order (default: all of the chapter's). */
  variants?: readonly string[];
}

/** DemoResult: the summary and where it was written. */
export interface DemoResult {
  summary: DemoSummary;
  dir: string;
  summaryPath: string;
  pagePath: string;
}

/** chosenVariants: the chapter's variants, or those named (an unknown id is a usage error). */
export function chosenVariants(chapter: Chapter, ids?: readonly string[]): Variant[] {
  if (ids === undefined) return [...chapter.variants];
  return ids.map((id) => {
    const v = chapter.variants.find((x) => x.id === id);
    if (v === undefined) throw new FaultlineError('usage', `demo ${chapter.name} has no run "${id}" (it has ${chapter.variants.map((x) => x.id).join(', ')})`);
    return v;
  });
}

/**
 * runDemo runs `chapter`'s variants and writes the summary. Options are all validated before
 * anything starts (FaultlineError 'usage'); a run that fails or is interrupted throws its
 * FaultlineError after its own teardown (the runs already done stay on disk).
 */
export async function runDemo(chapter: Chapter, options: DemoOptions, deps: DemoDeps = {}): Promise<DemoResult> {
  checkDemoOptions(chapter, options);
  const plans = chosenVariants(chapter, deps.variants).map((variant) => ({ variant, run: demoRunOptions(chapter, variant, options) }));
  const first = plans[0]?.run;
  if (first === undefined) throw new FaultlineError('usage', 'no run to make');
  const script = chapter.faults?.(options.timeLimitMs);
  const startedAt = new Date();
  const t0 = Date.now();
  const rows: DemoRow[] = [];
  for (const [index, { variant, run }] of plans.entries()) {
    if (deps.signal?.aborted) throw new FaultlineError('interrupted', `interrupted before the ${variant.id} run`);
    deps.onProgress?.({ kind: 'variant-start', variant: variant.label, index, of: plans.length });
    const started = Date.now();
    const events: HistoryEvent[] = [];
    const runDeps: RunDeps = {
      backend: deps.backendFor?.(variant, options.nodes) ?? localBackend(options.nodes, variant.mode, quorumStoreArgs(variant.quorum)),
      adapter: deps.adapterFor?.(variant) ?? builtinStoreAdapter(),
      workload: capWorkload(options.workload, variant.writeOrder),
      onEvent: (event: RunEvent) => deps.onProgress?.({ kind: 'run', variant: variant.label, event }),
      openSink: (path: string) => teeSink(path, events),
      report: deps.report ?? true,
    };
    if (script !== undefined) runDeps.faultSchedule = () => faultScript(script);
    if (deps.signal !== undefined) runDeps.signal = deps.signal;
    const result = await runTest(run, runDeps);
    const row = demoRow(variant.label, variant.mode, result, events);
    rows.push(row);
    deps.onProgress?.({ kind: 'variant-done', variant: variant.label, row, elapsedMs: Date.now() - started });
  }
  const schedule = { nemesis: first.nemesis, partition: first.partition, intervalMs: first.nemesisIntervalMs, rate: first.rate };
  const summary = buildDemoSummary(chapter, {
    lang: options.lang,
    seed: options.seed,
    nodes: options.nodes,
    timeLimitMs: options.timeLimitMs,
    schedule: script === undefined ? schedule : { ...schedule, script },
    startedAt: startedAt.toISOString(),
    elapsedMs: Date.now() - t0,
    rows,
  });
  const dir = await createRunDir(options.store, `demo-${chapter.name}`, startedAt);
  const summaryPath = join(dir, 'summary.json');
  const pagePath = join(dir, 'index.html');
  await writeJson(summaryPath, summary);
  await writeFile(pagePath, renderDemoPage(chapter, summary, (p) => relative(dirname(pagePath), p) || '.'));
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
