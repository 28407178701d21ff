/**
 * runPartsOnWorkers: check parts on worker threads, biggest first, one part per worker at a time.
 *
 * Every part gets an answer: a worker that crashes or runs out of heap (workers run with
 * `resourceLimits`, so a runaway search kills its worker, not the process) turns its part into
 * `unknown` and a fresh worker takes the remaining parts; at the deadline (plus a short grace for
 * results in flight) or on abort, running workers are terminated and unfinished parts are `unknown`.
 * Worker file: part-worker.js next to this file when running compiled, part-worker.ts (started with
 * `--import tsx`) when running from TypeScript sources under vitest/tsx.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PartResult } from '../../src/core/check-result.js';
import type { SearchBudget } from './budget.js';
import { timeReason } from './budget.js';
import type { ModelRef } from './models/model-ref.js';
import type { WorkerTask } from './part-worker.js';
import type { Part } from './partition-ops.js';

/** PoolOptions: worker count, the per-part search budget, the worker heap limit and a cancel signal. */
export interface PoolOptions {
  workers: number;
  budget: Omit<SearchBudget, 'signal'>;
  /** Heap limit per worker (old generation), MB. */
  workerHeapMb: number;
  signal?: AbortSignal;
}

const GRACE_MS = 2000;

/** unknownPart is the result of a part that got no verdict. */
export function unknownPart(part: Part, reason: string, elapsedMs = 0): PartResult {
  return { part: part.name, ops: part.ops.length, valid: 'unknown', reason, elapsedMs };
}

/**
 * workerSource returns how to start a worker: the compiled part-worker.js, or — when running from
 * TypeScript sources — a small bootstrap that registers tsx's loader in the worker and then imports
 * part-worker.ts (an `--import tsx` in the worker's execArgv does not reach workers on Node 20).
 */
function workerSource(): { entry: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./part-worker.js', import.meta.url), eval: false };
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const target = new URL('./part-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`;
  return { entry: code, eval: true };
}

/**
 * runPartsOnWorkers checks `parts` on up to `options.workers` threads with the model `ref` names and
 * resolves with one PartResult per part, in the order of `parts`. Never rejects for a worker failure.
 */
export function runPartsOnWorkers(parts: readonly Part[], ref: ModelRef, options: PoolOptions): Promise<PartResult[]> {
  const results: (PartResult | undefined)[] = new Array(parts.length).fill(undefined);
  const order = parts.map((_, i) => i).sort((a, b) => parts[b]!.ops.length - parts[a]!.ops.length);
  const source = workerSource();
  let next = 0;
  let remaining = parts.length;
  interface Slot {
    worker: Worker;
    task: number;
    started: number;
    /** Parts this worker finished; a worker that fails before its first cannot start at all. */
    finished: number;
  }
  const slots = new Set<Slot>();

  return new Promise((resolveAll) => {
    if (parts.length === 0) return resolveAll([]);
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => stopAll('check cancelled');
    const settle = (): void => {
      if (settled || remaining > 0) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      for (const s of slots) void s.worker.terminate();
      slots.clear();
      resolveAll(results.map((r, i) => r ?? unknownPart(parts[i]!, 'no result')));
    };
    const give = (i: number, r: PartResult): void => {
      if (results[i] !== undefined) return;
      results[i] = r;
      remaining--;
    };
    const stopAll = (reason: string): void => {
      for (const s of slots) {
        if (s.task >= 0) give(s.task, unknownPart(parts[s.task]!, reason, performance.now() - s.started));
        s.task = -1;
        void s.worker.terminate();
      }
      slots.clear();
      while (next < order.length) {
        const i = order[next++]!;
        give(i, unknownPart(parts[i]!, reason));
      }
      settle();
    };
    const assign = (slot: Slot): void => {
      const deadline = options.budget.deadlineMs;
      if (deadline !== undefined && Date.now() > deadline) return stopAll(timeReason(options.budget));
      if (next >= order.length) {
        slots.delete(slot);
        void slot.worker.terminate();
        return settle();
      }
      const i = order[next++]!;
      slot.task = i;
      slot.started = performance.now();
      const msg: WorkerTask = { task: i, part: parts[i]!, budget: options.budget };
      slot.worker.postMessage(msg);
    };
    const failed = (slot: Slot, reason: string): void => {
      if (!slots.has(slot)) return;
      slots.delete(slot);
      if (slot.task >= 0) give(slot.task, unknownPart(parts[slot.task]!, reason, performance.now() - slot.started));
      slot.task = -1;
      void slot.worker.terminate();
      if (slot.finished === 0 && !/out of memory/.test(reason)) return stopAll(reason);
      if (next < order.length) spawn();
      settle();
    };
    const spawn = (): void => {
      const worker = new Worker(source.entry, {
        eval: source.eval,
        workerData: { modelRef: ref },
        resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb },
      });
      const slot: Slot = { worker, task: -1, started: 0, finished: 0 };
      slots.add(slot);
      worker.on('message', (m: { task: number; result?: PartResult; error?: string }) => {
        if (m.result !== undefined) give(m.task, m.result);
        else give(m.task, unknownPart(parts[m.task]!, `checker error: ${m.error ?? 'unknown'}`));
        slot.task = -1;
        slot.finished++;
        if (remaining === 0) return settle();
        assign(slot);
      });
      worker.on('error', (err: Error & { code?: string }) => {
        const reason =
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `worker ran out of memory (heap limit ${options.workerHeapMb} MB): the part needs more than the memory cap allows`
            : `worker failed: ${err.message}`;
        failed(slot, reason);
      });
      worker.on('exit', (code) => failed(slot, `worker exited unexpectedly (code ${code})`));
      assign(slot);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted === true) return stopAll('check cancelled');
    if (options.budget.deadlineMs !== undefined) {
      timer = setTimeout(() => stopAll(timeReason(options.budget)), Math.max(0, options.budget.deadlineMs - Date.now()) + GRACE_MS);
    }
    const n = Math.max(1, Math.min(options.workers, parts.length));
    for (let k = 0; k < n; k++) spawn();
  });
}
