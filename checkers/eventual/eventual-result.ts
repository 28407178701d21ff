/**
 * EventualResult: what the eventual-consistency checker returns (results.json, `--json`, the report's
 * eventual panel, `faultline demo cap`). Times are nanoseconds of the history's clock; fields ending
 * in `Ns` are durations the report shows as such.
 */
import type { Verdict } from '../../src/core/verdict.js';
import type { Convergence } from './convergence.js';

/** WriteOrder says which writes may supersede an acknowledged write (see check-eventual.ts). */
export type WriteOrder = 'real-time' | 'store-order';

/** WriteSummary is one write as shown to people: its value, process and times (returnNs null: info). */
export interface WriteSummary {
  value: unknown;
  process: number;
  callNs: number;
  returnNs: number | null;
}

/** NodeFinal is a node's last final read of a key: the value it settled on. */
export interface NodeFinal {
  /** The serving node, or "?" when the history does not say. */
  node: string;
  value: unknown;
  readAtNs: number;
}

/** Distribution summarises durations in ns: nearest-rank quantiles of the values (zeros when empty). */
export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** TVisibilityPoint: probability that a read started ≥ tNs after a write's ack saw it or newer. */
export interface TVisibilityPoint {
  tNs: number;
  probability: number;
}

/** EventualKeyResult is the checker's answer for one key. */
export interface EventualKeyResult {
  key: string;
  valid: Verdict;
  /** Writes attempted and not failed (ok or info), and of those acknowledged (ok). */
  writes: number;
  acknowledgedWrites: number;
  /** Ok reads during the test (before the final phase) and in the final phase. */
  reads: number;
  finalReads: number;
  /** Each node's last final read, sorted by node name. */
  finals: NodeFinal[];
  /** null when there was no final read. */
  converged: boolean | null;
  /** The value every node agreed on (absent unless converged). */
  agreedValue?: unknown;
  /** The agreed value was never written by any invoke (ok or info). */
  phantom: boolean;
  /** Reads (during the test or final) of a value nobody wrote before the read returned. */
  phantomReads: number;
  /** Acknowledged writes that followed the survivor in real time yet are gone (capped at 20). */
  lostWrites: WriteSummary[];
  lostWriteCount: number;
  /** Reads during the test that returned a value older than an acknowledged write they missed. */
  staleReads: number;
  /** Largest staleness (read start − ack of the newest write it missed) of this key, ns. */
  worstStalenessNs: number;
  /** Heal (or final-phase start) → every node settled on the agreed value; null unless converged. */
  convergenceNs: number | null;
  /** "converged after X s" or "not converged within N s" (how long the nodes were watched), with the numbers. */
  convergence: Convergence;
  reason?: string;
  /** True when the key would be valid but was never written (see checkers/evidence.ts). */
  noEvidence?: boolean;
}

/**
 * EventualResult is the whole answer. `valid` is false when a key did not converge, a phantom value
 * was read, or (with writeOrder real-time) an acknowledged write was lost; unknown when a key had no
 * final read; staleness and convergence time are informative.
 */
export interface EventualResult {
  checker: 'eventual';
  valid: Verdict;
  writeOrder: WriteOrder;
  keyCount: number;
  converged: boolean;
  divergentKeys: number;
  phantomKeys: number;
  phantomReads: number;
  lostWriteCount: number;
  reads: number;
  staleReads: number;
  /** staleReads / reads (0 when there were no reads). */
  staleFraction: number;
  /** Staleness of the stale reads: read start − ack time of the newest write the read missed. */
  staleness: Distribution;
  worstStalenessNs: number;
  /** How long the value a stale read returned had been out of date: read start − ack of the oldest write it missed. */
  outdatedFor: Distribution;
  /** PBS t-visibility over all test reads, from `outdatedFor`. */
  tVisibility: TVisibilityPoint[];
  /** Time of the final heal (the last nemesis `heal`), or null when the history has none. */
  healNs: number | null;
  /** Final-phase start: after the last nemesis event and the last client write event. */
  finalFromNs: number;
  /** Slowest key's convergence (ns after healNs, or after finalFromNs with no heal); null when none converged. */
  convergenceNs: number | null;
  /**
   * `observed`: some final read still disagreed, so convergence was seen happening (resolution: the
   * gap between final-read rounds); `at-most`: every final read agreed from the first, so convergence
   * happened no later than convergenceNs; `none`: nothing converged.
   */
  convergenceMeasure: 'observed' | 'at-most' | 'none';
  /** Over all keys: "converged after X s" (the slowest key) or "not converged within N s". */
  convergence: Convergence;
  keys: EventualKeyResult[];
  reason?: string;
}
