/**
 * Workload: what clients do in a test and how the result is judged — a generator for the main
 * phase, what the final phase reads (after every fault is healed), and the checkers to run.
 */
import type { HistoryEvent } from '../src/core/event.js';
import type { Verdict } from '../src/core/verdict.js';
import type { Generator } from '../src/generator/generator.js';
import type { KeyedHistory } from '../checkers/keyed-history.js';

/** ValuesMode: 'unique' — every write/cas' new value is new on its key; 'small' — drawn from 0..4. */
export type ValuesMode = 'unique' | 'small';

/** VALUES_MODES lists what `--values` accepts. */
export const VALUES_MODES: readonly ValuesMode[] = ['unique', 'small'];

/**
 * DEFAULT_OPS_PER_KEY: a register key is left for a fresh one after this many ops. 200 keeps a key's
 * history small enough that the linearizability search decides it in milliseconds even with
 * several info ops (the search grows with the ops and the info ops on one key, not with the
 * number of keys), while a key still sees dozens of writes, cas and reads from every process of its
 * group: enough for stale reads and lost writes to show up (Jepsen's etcd tests use a few hundred).
 */
export const DEFAULT_OPS_PER_KEY = 200;

/**
 * WorkloadOptions: how many keys register workloads work on at once (≥ 1; register needs one
 * worker thread per key at least), how many ops each key gets before a fresh key replaces it
 * (default DEFAULT_OPS_PER_KEY), the values mode (default 'unique'), and optionally the store's
 * replication mode (e.g. "lww"), which decides how register workloads' eventual checker orders writes.
 */
export interface WorkloadOptions {
  keys: number;
  opsPerKey?: number;
  values?: ValuesMode;
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
 * key or the convergence timeout passes. `keys: 'touched'`: every key a client op of the run named
 * (workloads whose keys are chosen while they run). `valueIsSet`: values are sets, so element order
 * does not matter when nodes are compared.
 */
export interface FinalReads {
  readonly keys: readonly string[] | 'touched';
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
