/**
 * Check results: what checkers return and what `--json`, results.json and the report consume.
 */
import type { Verdict } from './verdict.js';

/** OpSummary is an operation as shown to people and drawn by the report. */
export interface OpSummary {
  id: number;
  process: number;
  f: string;
  key?: string;
  /** Human rendering, e.g. `write(3) ok` or `read() → 4`. */
  text: string;
  status: 'ok' | 'info';
  callNs: number;
  /** null for an op that never returned (info). */
  returnNs: number | null;
  invokeIndex: number;
  completeIndex: number;
}

/**
 * Counterexample explains why a part is not linearizable: the longest prefix (in linearization order)
 * that the search could linearize, the state it reached, the ops that could not come next in that
 * state (each with the state it needed), and the ops concurrent with them. `window` is the smallest
 * time window [fromNs, toNs] of the history that still fails on its own, when it could be computed.
 */
export interface Counterexample {
  linearized: OpSummary[];
  stateAfterPrefix: string;
  stuck: { op: OpSummary; reason: string }[];
  concurrent: OpSummary[];
  window?: { fromNs: number; toNs: number; ops: number };
}

/** PartResult is the verdict on one independently-checked part (usually one key). */
export interface PartResult {
  /** The key, or `key#n` when a model's partition split it further; "" for keyless histories. */
  part: string;
  ops: number;
  valid: Verdict;
  /** Why a part is unknown (time budget, memory cap, worker crash, no evidence). */
  reason?: string;
  /** True when the part would be valid but observed nothing (see checkers/evidence.ts). */
  noEvidence?: boolean;
  elapsedMs: number;
  /** Time to the verdict alone, when shrinking the counterexample took part of `elapsedMs`. */
  verdictMs?: number;
  /** Search work, for benchmarks: model steps and cache entries. */
  steps?: number;
  cacheEntries?: number;
  counterexample?: Counterexample;
}

/** LinearizabilityResult is the linearizable checker's whole answer. */
export interface LinearizabilityResult {
  checker: 'linearizable';
  model: string;
  valid: Verdict;
  /** Why the whole result is unknown when no part had evidence. */
  reason?: string;
  parts: PartResult[];
  elapsedMs: number;
  /**
   * Time until every part had its verdict; `elapsedMs − verdictMs` is spent shrinking the
   * counterexamples of invalid parts (which runs after all verdicts are known).
   */
  verdictMs?: number;
}
