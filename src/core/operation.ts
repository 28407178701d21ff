/**
 * Operations: a history's invoke/completion pairs, the unit every checker reasons about.
 *
 * Pairing turns events into operations: `ok` → status ok with the completion's value as output;
 * `info` or a missing completion → status info, `returnNs = Infinity` (it may take effect at any
 * time after its call, or never); `fail` → dropped (it did not happen), unless a reading convention
 * says otherwise (see `Conventions`).
 */

/** OpStatus: ok (happened, output known) or info (outcome unknown, output unknown). */
export type OpStatus = 'ok' | 'info';

/**
 * Operation is one client operation as the checkers see it. `input` is the invoke's value, `output`
 * the completion's value (undefined when status is info). Times are nanoseconds; `returnNs` is
 * Infinity for info ops. `id` is dense (0..n-1) within one checked part.
 */
export interface Operation {
  id: number;
  process: number;
  f: string;
  key?: string;
  input: unknown;
  output: unknown;
  status: OpStatus;
  callNs: number;
  returnNs: number;
  /** Index of the invoke event in the source history. */
  invokeIndex: number;
  /** Index of the completion event, or -1 when there was none. */
  completeIndex: number;
  node?: string;
  /** A local read (see HistoryEvent.local): skipped by the linearizable checker. */
  local?: boolean;
}

/**
 * Conventions say how a source's records are to be read where tools differ (LICENSES.md in fixtures).
 * - failedCas: `dropped` (Jepsen/Knossos: a failed op did not happen) or `compare-failed` (the
 *   etcd logs: the cas ran and its compare failed, so it observed a value other than `from`).
 * - failedRead: `dropped` or `unknown` (the etcd logs: a failed read timed out).
 * - nilRead: `strict` (a null read means never written) or `unconstrained` (Knossos: nil reads say nothing).
 */
export interface Conventions {
  failedCas: 'dropped' | 'compare-failed';
  failedRead: 'dropped' | 'unknown';
  nilRead: 'strict' | 'unconstrained';
}

/** DEFAULT_CONVENTIONS is faultline's own reading of its own histories. */
export const DEFAULT_CONVENTIONS: Conventions = {
  failedCas: 'dropped',
  failedRead: 'dropped',
  nilRead: 'strict',
};
