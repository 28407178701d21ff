/**
 * Why a run's verdict is what it is, for results.json and RunResult: every "unknown" carries a reason
 * a person can act on. Pure.
 */
import type { FaultlineError } from '../core/errors.js';
import type { Verdict } from '../core/verdict.js';
import type { CheckerOutcome } from '../../workloads/workload.js';

/**
 * unknownReason says why `valid` is unknown: each undecided checker with its reason ("eventual: no
 * final reads"), joined by "; ". Undefined unless `valid` is "unknown"; never empty then.
 */
export function unknownReason(valid: Verdict, checkers: readonly CheckerOutcome[]): string | undefined {
  if (valid !== 'unknown') return undefined;
  const undecided = checkers.filter((c) => c.valid === 'unknown');
  if (undecided.length === 0) return 'no checker decided';
  return undecided.map((c) => `${c.checker}: ${c.reason !== undefined && c.reason !== '' ? c.reason : 'undecided (the checker gave no reason)'}`).join('; ');
}

/**
 * failedRunResults is results.json for a run stopped by a failure that is not a verdict (a broken
 * adapter): valid "unknown", the reason (the error's first line) and the error itself, with the
 * counts of what was recorded before it.
 */
export function failedRunResults(error: FaultlineError, seed: number, stats: Record<string, unknown>): Record<string, unknown> {
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const recorded: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.hint !== undefined) recorded['hint'] = error.hint;
  return { valid: 'unknown', verdict: 'unknown', reason: `the run stopped: ${firstLine}`, error: recorded, seed, stats };
}
