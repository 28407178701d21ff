/**
 * checkLinearizabilityKeyed: the linearizable checker over a KeyedHistory (a long run's compact
 * store), one batch of whole keys at a time, so only a batch's operations are ever objects. Each
 * batch goes through checkLinearizability (workers, rounds, budgets, evidence); the parts come back
 * in the order checkLinearizability gives for the whole history (keys by first non-local op), and
 * the verdicts merge the same way, so the result equals checkLinearizability's on the same history
 * except for times (and a time budget running out at a different part).
 */
import type { LinearizabilityResult, PartResult } from '../../src/core/check-result.js';
import type { Model } from '../../src/core/model.js';
import { mergeWithEvidence } from '../evidence.js';
import type { KeyedHistory } from '../keyed-history.js';
import { timeReason } from './budget.js';
import { checkLinearizability, DEFAULT_MEMORY_CAP_MB } from './check-linearizability.js';

/** KeyedOptions: as LinearizabilityOptions; `batchOps` bounds the operations held at once. */
export interface KeyedOptions {
  timeoutMs?: number;
  workers?: number;
  memoryCapMb?: number;
  /** Operations per batch, and the most held by batches in flight together (default 100,000). */
  batchOps?: number;
}

/**
 * DEFAULT_BATCH_OPS: ~100k operation objects (~15 MB, plus the parts' copies) per batch; a key with
 * more ops is one batch of its own (a 5-minute run peaked at 1,034 MB RSS in the check with 300k).
 */
export const DEFAULT_BATCH_OPS = 100_000;

/**
 * checkLinearizabilityKeyed checks every key of `history` against `model`; see the file header. Up
 * to `workers` batches are checked at once while their operations together stay within `batchOps`
 * (a bigger batch runs alone), each with an equal share of the memory cap; a batch of one key is
 * checked on this thread. Never rejects for a
 * budget: parts left when the time budget runs out are unknown, as in checkLinearizability.
 */
export async function checkLinearizabilityKeyed<S>(history: KeyedHistory, model: Model<S>, options: KeyedOptions = {}): Promise<LinearizabilityResult> {
  const t0 = performance.now();
  const batchOps = options.batchOps ?? DEFAULT_BATCH_OPS;
  const concurrency = Math.max(1, options.workers ?? 1);
  const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
  const capMb = Math.max(256, Math.floor((options.memoryCapMb ?? DEFAULT_MEMORY_CAP_MB) / concurrency));
  const results: PartResult[][] = [];
  const running = new Set<Promise<void>>();
  let inFlightOps = 0;
  let n = 0;
  let verdictMsSum = 0;
  for (const batch of history.batches(batchOps)) {
    const ops = batch.ops.some((o) => o.local === true) ? batch.ops.filter((o) => o.local !== true) : batch.ops;
    if (ops.length === 0) continue;
    while (running.size > 0 && (running.size >= concurrency || inFlightOps + ops.length > batchOps)) await Promise.race(running);
    const slot = n++;
    const remaining = deadline === undefined ? undefined : Math.max(1, deadline - Date.now());
    const one: Parameters<typeof checkLinearizability>[2] = { memoryCapMb: capMb };
    // One key alone is checked on this thread: a worker would first need a copy of every op
    // (measured: 185k ops, 2.5 s inline against 4.5 s on a worker, most of it the copy).
    if (options.workers !== undefined) one.workers = singleKey(ops) ? 1 : options.workers;
    if (remaining !== undefined) one.timeoutMs = remaining;
    inFlightOps += ops.length;
    const p = checkLinearizability(ops, model, one).then((r) => {
      inFlightOps -= ops.length;
      verdictMsSum += r.verdictMs ?? r.elapsedMs;
      // A batch's budget is what was left of the whole check's: say the whole budget, as the
      // in-memory check does (the reason's numbers after the first words stay the batch's own).
      const batchBudget = remaining === undefined ? undefined : timeReason({ timeoutMs: remaining });
      results[slot] = r.parts.map((part) =>
        batchBudget !== undefined && part.reason?.startsWith(batchBudget) === true ? { ...part, reason: timeReason(options) + part.reason.slice(batchBudget.length) } : part,
      );
      running.delete(p);
    });
    running.add(p);
  }
  await Promise.all(running);
  const parts = results.flat();
  const merged = mergeWithEvidence(parts, 'part');
  const elapsedMs = performance.now() - t0;
  // Batches may overlap in time, so the sum of their verdict times can exceed the wall time.
  const out: LinearizabilityResult = { checker: 'linearizable', model: model.name, valid: merged.valid, parts, verdictMs: Math.min(elapsedMs, verdictMsSum), elapsedMs };
  if (merged.reason !== undefined) out.reason = merged.reason;
  return out;
}

/** singleKey tells whether every op has the same key. */
function singleKey(ops: readonly { key?: string }[]): boolean {
  const k = ops[0]?.key;
  return ops.every((o) => o.key === k);
}
