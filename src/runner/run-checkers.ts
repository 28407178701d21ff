/**
 * runCheckers: every checker of a workload on the history; a checker that throws is "unknown".
 */
import type { HistoryEvent } from '../core/event.js';
import type { Verdict } from '../core/verdict.js';
import { mergeVerdicts } from '../core/verdict.js';
import type { CheckContext, Checker, CheckerOutcome } from '../../workloads/workload.js';

/** runCheckers runs `checkers` in order and merges their verdicts (false > unknown > true). */
export async function runCheckers(
  checkers: readonly Checker[],
  events: readonly HistoryEvent[],
  ctx: CheckContext,
): Promise<{ valid: Verdict; results: CheckerOutcome[] }> {
  const results: CheckerOutcome[] = [];
  for (const checker of checkers) {
    try {
      results.push(await checker.check(events, ctx));
    } catch (err) {
      results.push({ checker: checker.name, valid: 'unknown', reason: `checker failed: ${(err as Error).message ?? String(err)}` });
    }
  }
  return { valid: mergeVerdicts(results.map((r) => r.valid)), results };
}
