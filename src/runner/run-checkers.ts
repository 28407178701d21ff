/**
 * runCheckers: every checker of a workload on the history; a checker that throws is "unknown".
 * A checker with `checkKeyed` reads the compact keyed history (the runner's OpStore); any other
 * reads the events, loaded once, only if some checker needs them (from the history file in a run).
 */
import type { HistoryEvent } from '../core/event.js';
import type { Verdict } from '../core/verdict.js';
import { mergeVerdicts } from '../core/verdict.js';
import type { KeyedHistory } from '../../checkers/keyed-history.js';
import type { CheckContext, Checker, CheckerOutcome } from '../../workloads/workload.js';

/**
 * CheckSource is the history as checkers may read it: `keyed` (when present) for checkers that take
 * it, `events` (called at most once) for the others.
 */
export interface CheckSource {
  keyed?: KeyedHistory;
  events: () => Promise<readonly HistoryEvent[]>;
}

/** runCheckers runs `checkers` in order and merges their verdicts (false > unknown > true). */
export async function runCheckers(
  checkers: readonly Checker[],
  source: readonly HistoryEvent[] | CheckSource,
  ctx: CheckContext,
): Promise<{ valid: Verdict; results: CheckerOutcome[] }> {
  const from: CheckSource = Array.isArray(source) ? { events: async () => source as readonly HistoryEvent[] } : (source as CheckSource);
  let events: Promise<readonly HistoryEvent[]> | undefined;
  const results: CheckerOutcome[] = [];
  for (const checker of checkers) {
    try {
      if (from.keyed !== undefined && checker.checkKeyed !== undefined) results.push(await checker.checkKeyed(from.keyed, ctx));
      else results.push(await checker.check(await (events ??= from.events()), ctx));
    } catch (err) {
      results.push({ checker: checker.name, valid: 'unknown', reason: `checker failed: ${(err as Error).message ?? String(err)}` });
    }
  }
  return { valid: mergeVerdicts(results.map((r) => r.valid)), results };
}
