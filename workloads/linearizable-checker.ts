/**
 * linearizableChecker: the Checker that pairs a history into operations and runs the WGL search
 * (checkers/linearizable) against a named model, every key checked on its own.
 */
import type { LinearizabilityResult } from '../src/core/check-result.js';
import type { Model } from '../src/core/model.js';
import type { Operation } from '../src/core/operation.js';
import { pairOperations } from '../src/history/pair.js';
import { checkLinearizability } from '../checkers/linearizable/check-linearizability.js';
import { checkLinearizabilityKeyed } from '../checkers/linearizable/check-keyed.js';
import { getModel } from '../checkers/linearizable/models/index.js';
import type { CheckContext, Checker, CheckerOutcome } from './workload.js';

/** CheckLinearizability is the linearizable checker's entry point (checkers/linearizable). */
export type CheckLinearizability = (
  ops: readonly Operation[],
  model: Model<unknown>,
  options: { timeoutMs: number; workers: number },
) => Promise<LinearizabilityResult>;

/**
 * linearizableChecker checks the history against `modelName` (e.g. "cas-register") with the time
 * budget and worker threads of the CheckContext. `impl` replaces the real search (tests); only the
 * real search also checks a KeyedHistory (checkKeyed).
 */
export function linearizableChecker(modelName: string, impl: CheckLinearizability = checkLinearizability): Checker {
  const checker: Checker = {
    name: 'linearizable',
    async check(events, ctx: CheckContext): Promise<CheckerOutcome> {
      const ops = pairOperations(events);
      const result = await impl(ops, getModel(modelName) as Model<unknown>, { timeoutMs: ctx.timeoutMs, workers: ctx.workers });
      return { ...result };
    },
  };
  // Keyed checking (the runner's compact store) is the real search's; a replaced `impl` sees events.
  if (impl === checkLinearizability) {
    checker.checkKeyed = async (history, ctx) => {
      const result = await checkLinearizabilityKeyed(history, getModel(modelName) as Model<unknown>, { timeoutMs: ctx.timeoutMs, workers: ctx.workers });
      return { ...result };
    };
  }
  return checker;
}
