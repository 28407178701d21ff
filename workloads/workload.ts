/**
 * Workload: what clients do in a test and how the result is judged — a generator for the main
 * phase, what the final phase reads (after every fault is healed), and the checkers to run.
 */
import type { HistoryEvent } from '../src/core/event.js';
import type { Verdict } from '../src/core/verdict.js';
import type { Generator } from '../src/generator/generator.js';
import type { KeyedHistory } from '../checkers/keyed-history.js';

/**
 * WorkloadOptions: how many keys a multi-key workload spreads over (≥ 1), and optionally the store's
 * replication mode (e.g. "lww"), which decides how register workloads' eventual checker orders writes.
 */
export interface WorkloadOptions {
  keys: number;
  mode?: string;
}

/** CheckContext: budgets for checkers (the linearizable search's time budget and worker threads). */
export interface CheckContext {
  timeoutMs: number;
  workers: number;
}

/** CheckerOutcome is any checker's answer: its name and verdict, plus whatever it reports. */
export interface CheckerOutcome {
  checker: string;
  valid: Verdict;
  reason?: string;
  [field: string]: unknown;
}

/**
 * Checker judges a whole history (client and nemesis events, in order). A checker that throws is
 * reported as "unknown" by the runner, never as a crash (Jepsen's rule).
 */
export interface Checker {
  readonly name: string;
  check(events: readonly HistoryEvent[], ctx: CheckContext): Promise<CheckerOutcome>;
  /**
   * checkKeyed (optional): the same check over a history already paired and grouped by key (the
   * runner's compact store, so a long run is checked without its events in memory); the same
   * outcome as `check` on the same history.
   */
  checkKeyed?(history: KeyedHistory, ctx: CheckContext): Promise<CheckerOutcome>;
}

/**
 * FinalReads: the keys the final phase reads on every node, each with a local read (`local: true`:
 * the node answers from its own state), in rounds until every node returns the same value for every
 * key or the convergence timeout passes. `valueIsSet`: values are sets, so element order does not
 * matter when nodes are compared.
 */
export interface FinalReads {
  readonly keys: readonly string[];
  readonly valueIsSet?: boolean;
}

/**
 * Workload: `generator` is unbounded (the runner adds rate and time limit); `final` says what the
 * runner reads on every node after the heal (src/runner/final-reads.ts); `checkers` are run on the
 * history in order.
 */
export interface Workload {
  readonly name: string;
  readonly description: string;
  readonly generator: Generator;
  readonly final: FinalReads;
  readonly checkers: readonly Checker[];
}

/** defineWorkload is an identity helper so workloads are typed plain objects. */
export function defineWorkload(w: Workload): Workload {
  return w;
}
