/**
 * Budgets for one search: a wall-clock deadline, a step limit, a memory cap and a cancel signal.
 * Searches poll them every ~1000 model steps; running out makes a part `unknown` with `reason`.
 */

/** SearchBudget bounds one search. All fields optional; absent means unbounded. */
export interface SearchBudget {
  /** Absolute deadline, `Date.now()` milliseconds (comparable across worker threads). */
  deadlineMs?: number;
  /** The whole check's time budget in ms, only for the message ("time budget of N ms exhausted"). */
  timeoutMs?: number;
  /** Maximum model steps for this search. */
  maxSteps?: number;
  /** Maximum wall-clock ms for this search alone (a time slice); reported like a step budget. */
  sliceMs?: number;
  /** Set by the search from `sliceMs` when it starts (Date.now() ms); callers leave it unset. */
  sliceEndMs?: number;
  /** Memory cap in bytes for the search's own tables (cache + states), estimated. */
  memoryCapBytes?: number;
  /** Cancels the search (the part becomes unknown). */
  signal?: AbortSignal;
}

/** BudgetExceeded says which budget ran out, as a sentence for people. */
export type BudgetExceeded = string | undefined;

/** timeReason is the message for an exhausted time budget. */
export function timeReason(budget: SearchBudget): string {
  return budget.timeoutMs === undefined ? 'time budget exhausted' : `time budget of ${budget.timeoutMs} ms exhausted`;
}

/** memoryReason is the message for an exceeded memory cap. */
export function memoryReason(capBytes: number): string {
  return `memory cap of ${Math.round(capBytes / (1024 * 1024))} MB reached (search cache too large)`;
}

/**
 * overBudget checks the deadline, signal and step limit (not memory: the search tracks its own).
 * Returns the reason when one ran out, else undefined. Reads the clock; otherwise pure.
 */
export function overBudget(budget: SearchBudget, steps: number): BudgetExceeded {
  if (budget.signal?.aborted === true) return 'check cancelled';
  if (budget.deadlineMs !== undefined && Date.now() > budget.deadlineMs) return timeReason(budget);
  if (budget.maxSteps !== undefined && steps > budget.maxSteps) return `step budget of ${budget.maxSteps} model steps exhausted`;
  if (budget.sliceEndMs !== undefined && Date.now() > budget.sliceEndMs) return `step budget (time slice of ${budget.sliceMs} ms) exhausted`;
  return undefined;
}
