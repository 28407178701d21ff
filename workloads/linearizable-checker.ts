/**
 * linearizableChecker: the Checker that pairs a history into operations and runs the WGL search
 * (checkers/linearizable) against a named model, every key checked on its own.
 */
import type { LinearizabilityResult } from '../src/core/check-result.js';
import type { Model } from '../src/core/model.js';
import type { Operation } from '../src/core/operation.js';
import { pairOperations } from '../src/history/pair.js';
import { getModel } from '../checkers/linearizable/models/index.js';
import type { CheckContext, Checker, CheckerOutcome } from './workload.js';

/** CheckLinearizability is the linearizable checker's entry point (checkers/linearizable). */
export type CheckLinearizability = (
  ops: readonly Operation[],
  model: Model<unknown>,
  options: { timeoutMs: number; workers: number },
) => Promise<LinearizabilityResult>;

// The checker is built in parallel with this file; it is looked up by the names it may export.
const CANDIDATES = ['../checkers/linearizable/index.js', '../checkers/linearizable/check-linearizability.js'];

/** loadLinearizabilityChecker finds `checkLinearizability`, or undefined while it is not built. */
export async function loadLinearizabilityChecker(): Promise<CheckLinearizability | undefined> {
  for (const path of CANDIDATES) {
    try {
      const mod = (await import(path)) as { checkLinearizability?: CheckLinearizability };
      if (typeof mod.checkLinearizability === 'function') return mod.checkLinearizability;
    } catch {
      // not there (yet): try the next name
    }
  }
  return undefined;
}

/**
 * linearizableChecker checks the history against `modelName` (e.g. "cas-register"). `impl` replaces
 * the real search (tests); without one and without the real checker the verdict is "unknown".
 */
export function linearizableChecker(modelName: string, impl?: CheckLinearizability): Checker {
  return {
    name: 'linearizable',
    async check(events, ctx: CheckContext): Promise<CheckerOutcome> {
      const check = impl ?? (await loadLinearizabilityChecker());
      if (check === undefined) {
        return { checker: 'linearizable', valid: 'unknown', reason: 'the linearizability checker is not available in this build' };
      }
      const ops = pairOperations(events);
      const result = await check(ops, getModel(modelName) as Model<unknown>, { timeoutMs: ctx.timeoutMs, workers: ctx.workers });
      return { ...result } as unknown as CheckerOutcome;
    },
  };
}
