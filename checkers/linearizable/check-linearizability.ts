/**
 * checkLinearizability: the linearizable checker's entry point. Splits a history into parts
 * (partition-ops.ts), checks every part — on worker threads when it pays off, inline otherwise — under
 * one time budget and memory cap, and merges the verdicts (false > unknown > true). Every part is
 * decided or reported unknown with a reason; it never stops at the first invalid part.
 * Evidence before "valid" (evidence.ts, checkers/evidence.ts): a part that would be valid but has no
 * ok op observing its state or no op that could change it is `unknown` ("no evidence …",
 * `noEvidence: true`); such parts do not count in the merged verdict unless no part had evidence,
 * in which case the whole result is unknown with the reason.
 */
import { availableParallelism } from 'node:os';
import type { LinearizabilityResult, PartResult } from '../../src/core/check-result.js';
import type { Model } from '../../src/core/model.js';
import type { Operation } from '../../src/core/operation.js';
import { mergeWithEvidence } from '../evidence.js';
import type { SearchBudget } from './budget.js';
import { timeReason } from './budget.js';
import { checkPart } from './check-part.js';
import { evidenceGap } from './evidence.js';
import { shrinkCounterexample } from './minimise-window.js';
import { modelRefOf } from './models/model-ref.js';
import type { Part } from './partition-ops.js';
import { partitionOps } from './partition-ops.js';
import { runPartsOnWorkers, unknownPart } from './worker-pool.js';

/**
 * LinearizabilityOptions: `timeoutMs` for the whole check (default none), `memoryCapMb` for the
 * searches (default 2048), `workers` threads (default: os.availableParallelism()), `signal` to cancel,
 * `minimise` counterexamples (default true).
 */
export interface LinearizabilityOptions {
  timeoutMs?: number;
  memoryCapMb?: number;
  workers?: number;
  signal?: AbortSignal;
  minimise?: boolean;
}

/** INLINE_BELOW: histories with fewer ops are checked on the calling thread (workers cost ~50 ms to start). */
export const INLINE_BELOW = 5000;
/** DEFAULT_MEMORY_CAP_MB is the memory cap when none is given. */
export const DEFAULT_MEMORY_CAP_MB = 2048;

const MB = 1024 * 1024;
/** FIRST_ROUND_STEPS bounds each part's search in the first round (about 0.1–1 s of work). */
export const FIRST_ROUND_STEPS = 2_000_000;
const STEP_BUDGET_PREFIX = 'step budget';
/** INLINE_FIRST_ROUND_STEPS bounds round 1 when it runs on the calling thread before the workers. */
const INLINE_FIRST_ROUND_STEPS = 200_000;

/**
 * checkLinearizability checks `ops` against `model` and resolves with every part's verdict. A model
 * made by `getModel` or `loadModel` can run on workers; any other model object runs inline. Parts
 * left when the time budget runs out are `unknown` ("time budget of N ms exhausted"); a part whose
 * search outgrows the memory cap is `unknown` with the cap in its reason; a model that throws makes
 * its part `unknown` with the error. Never rejects for those. Local reads (`op.local`: one node's
 * own, possibly stale, state, as in faultline's final reads) are not checked.
 */
export async function checkLinearizability<S>(
  ops: readonly Operation[],
  model: Model<S>,
  options: LinearizabilityOptions = {},
): Promise<LinearizabilityResult> {
  const t0 = performance.now();
  // Local reads (one node's own, possibly stale, state: the final reads) promise no linearizability.
  const parts = partitionOps(ops.some((o) => o.local === true) ? ops.filter((o) => o.local !== true) : ops, model);
  const capMb = options.memoryCapMb ?? DEFAULT_MEMORY_CAP_MB;
  const ref = modelRefOf(model);
  // Small histories never start threads (nor ask the OS how many cores there are).
  const big = ops.length >= INLINE_BELOW && parts.length > 0;
  const wanted = big ? Math.max(1, options.workers ?? availableParallelism()) : 1;
  const useWorkers = ref !== undefined && wanted > 1 && big;
  const threads = useWorkers ? Math.min(wanted, parts.length) : 1;
  const budget: SearchBudget = { memoryCapBytes: Math.floor((capMb * MB) / threads) };
  if (options.timeoutMs !== undefined) {
    budget.timeoutMs = options.timeoutMs;
    budget.deadlineMs = Date.now() + options.timeoutMs;
  }
  const run = async (some: readonly Part[], b: SearchBudget): Promise<PartResult[]> => {
    if (useWorkers) {
      const poolOptions: Parameters<typeof runPartsOnWorkers>[2] = {
        workers: threads,
        budget: b,
        workerHeapMb: Math.max(256, Math.floor(capMb / threads)),
      };
      if (options.signal !== undefined) poolOptions.signal = options.signal;
      return runPartsOnWorkers(some, ref, poolOptions);
    }
    const inline = options.signal === undefined ? b : { ...b, signal: options.signal };
    return checkInline(some, model, inline);
  };
  // Round 1 gives every part a bounded number of steps, so one hard part cannot starve the easy
  // ones of the time budget; round 2 gives the parts that needed more everything that is left.
  const first: SearchBudget = { ...budget, maxSteps: FIRST_ROUND_STEPS };
  if (options.timeoutMs !== undefined) {
    first.sliceMs = Math.max(10, Math.floor(options.timeoutMs / 2 / Math.max(1, Math.ceil(parts.length / threads))));
  }
  // Round 1 runs on this thread: most parts are easy and copying them to workers costs more than
  // checking them (1M ops over 1,000 keys: 1.1 s inline, 1.9 s on two workers). Only the parts that
  // need more than the first round's steps go to the workers in round 2 (built-in models only).
  const firstInline = { ...first, memoryCapBytes: capMb * MB, maxSteps: INLINE_FIRST_ROUND_STEPS };
  // User models stay on workers from the start: a worker's heap limit contains a runaway model.
  const results = useWorkers && ref?.kind === 'builtin'
    ? await checkInline(parts, model, options.signal === undefined ? firstInline : { ...firstInline, signal: options.signal })
    : await run(parts, first);
  const again = results.map((r, i) => (r.reason?.startsWith(STEP_BUDGET_PREFIX) === true ? i : -1)).filter((i) => i >= 0);
  if (again.length > 0) {
    const second = await run(again.map((i) => parts[i]!), budget);
    again.forEach((i, k) => {
      const r = second[k]!;
      results[i] = { ...r, elapsedMs: r.elapsedMs + results[i]!.elapsedMs };
    });
  }
  results.forEach((r, i) => {
    if (r.valid !== true) return;
    const gap = evidenceGap(parts[i]!.ops, model);
    if (gap !== undefined) results[i] = { ...r, valid: 'unknown', reason: gap, noEvidence: true };
  });
  // Every part has its verdict now; shrinking the counterexamples comes after (worker parts arrive
  // already shrunk), so the verdict's time is reported apart from the counterexample's.
  const verdictMs = performance.now() - t0;
  if (options.minimise !== false) {
    const shrinkBudget = options.signal === undefined ? budget : { ...budget, signal: options.signal };
    results.forEach((r, i) => {
      if (r.valid === false && r.verdictMs === undefined) results[i] = shrinkCounterexample(r, parts[i]!.ops, model, shrinkBudget);
    });
  }
  const merged = mergeWithEvidence(results, 'part');
  const out: LinearizabilityResult = {
    checker: 'linearizable',
    model: model.name,
    valid: merged.valid,
    parts: results,
    elapsedMs: performance.now() - t0,
    verdictMs,
  };
  if (merged.reason !== undefined) out.reason = merged.reason;
  return out;
}

/**
 * checkInline decides parts on this thread, biggest first, yielding to the event loop now and then.
 * Verdicts only: counterexamples are shrunk once every part is decided (shrinkCounterexample).
 */
async function checkInline<S>(parts: readonly Part[], model: Model<S>, budget: SearchBudget): Promise<PartResult[]> {
  const results: PartResult[] = new Array(parts.length);
  const order = parts.map((_, i) => i).sort((a, b) => parts[b]!.ops.length - parts[a]!.ops.length);
  let lastYield = performance.now();
  for (const i of order) {
    const part = parts[i]!;
    if (performance.now() - lastYield > 50) {
      await new Promise<void>((r) => setImmediate(r));
      lastYield = performance.now();
    }
    if (budget.signal?.aborted === true) results[i] = unknownPart(part, 'check cancelled');
    else if (budget.deadlineMs !== undefined && Date.now() > budget.deadlineMs) results[i] = unknownPart(part, timeReason(budget));
    else {
      try {
        results[i] = checkPart(part.name, part.ops, model, budget, { minimise: false });
      } catch (err) {
        results[i] = unknownPart(part, `model error: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  return results;
}
