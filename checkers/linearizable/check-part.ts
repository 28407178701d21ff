/**
 * checkPart: decide one part and package the answer as a PartResult, with a minimised
 * counterexample when it is invalid. Synchronous; used inline and inside worker threads.
 */
import type { PartResult } from '../../src/core/check-result.js';
import type { Model } from '../../src/core/model.js';
import type { Operation } from '../../src/core/operation.js';
import type { SearchBudget } from './budget.js';
import { buildCounterexample } from './counterexample.js';
import { minimiseWindow, proofWindow } from './minimise-window.js';
import { checkOperations } from './wgl.js';
import type { HintedModel } from './models/checker-hints.js';
import { zoneOverlap } from './refute.js';

/** CheckPartOptions: `minimise` (default true) shrinks the counterexample to a short failing window. */
export interface CheckPartOptions {
  minimise?: boolean;
}

/**
 * checkPart checks `ops` (one part; ids dense 0..n-1) against `model` within `budget` and returns
 * its PartResult named `part`. Never throws for a budget; a model that throws propagates.
 */
export function checkPart<S>(
  part: string,
  ops: readonly Operation[],
  model: Model<S>,
  budget: SearchBudget,
  options: CheckPartOptions = {},
): PartResult {
  const t0 = performance.now();
  let outcome = checkOperations(ops, model, budget);
  // With minimise: false (the checker's own calls) this is left to shrinkCounterexample, after every
  // part has its verdict, so the verdict's time stays apart from the counterexample's.
  if (options.minimise !== false && outcome.valid === false && outcome.proofOps === undefined && outcome.witness !== undefined && outcome.steps > 0) {
    // A refutation by zones (refute.ts) names a few ops: a smaller window than the failing prefix.
    const zones = zoneOverlap(ops, model as HintedModel<S>);
    if (zones !== undefined) outcome = { ...outcome, witness: zones.witness, proofOps: zones.proofOps };
  }
  const result: PartResult = { part, ops: ops.length, valid: outcome.valid, elapsedMs: 0, steps: outcome.steps, cacheEntries: outcome.cacheEntries };
  if (outcome.reason !== undefined) result.reason = outcome.reason;
  if (outcome.valid === false && outcome.witness !== undefined) {
    let counterexample = buildCounterexample(ops, model, outcome.witness);
    const fromNs = ops.reduce((m, o) => Math.min(m, o.callNs), Infinity);
    const toNs = ops.reduce((m, o) => (Number.isFinite(o.returnNs) ? Math.max(m, o.returnNs) : m), fromNs);
    let window = { fromNs, toNs, ops: ops.length };
    const only = outcome.witness.prefix.length === 0 && outcome.witness.stuck.length === 1 ? ops[outcome.witness.stuck[0]!.op] : undefined;
    if (only !== undefined && Number.isFinite(only.returnNs)) window = { fromNs: only.callNs, toNs: only.returnNs, ops: 1 };
    // A refutation before the search names the ops that prove it: they are the window.
    if (outcome.proofOps !== undefined) window = proofWindow(ops, outcome.proofOps);
    if (options.minimise !== false && outcome.witness.prefix.length > 0 && outcome.proofOps === undefined) {
      const probeSteps = Math.max(100_000, 2 * outcome.steps);
      const w = minimiseWindow(ops, model, budget, probeSteps);
      if (w?.outcome.witness !== undefined) {
        const originals = w.originals;
        counterexample = buildCounterexample(w.ops, model, w.outcome.witness, (i) => originals[i]!);
        window = { fromNs: w.fromNs, toNs: w.toNs, ops: w.ops.length };
      }
    }
    counterexample.window = window;
    result.counterexample = counterexample;
  }
  result.elapsedMs = performance.now() - t0;
  return result;
}

