/**
 * KeyedHistory: a history already paired into operations and grouped by key, handed to checkers one
 * batch of whole keys at a time, so a long run is checked without holding every event (or every
 * operation object) at once. The runner's compact store (src/runner/op-store.ts) is one; each
 * checker's `check…Keyed` gives the same result as its events form on the same history.
 */
import type { Operation } from '../src/core/operation.js';

/**
 * PhaseTimes are times (ns) computed over the whole history, which per-key checks need:
 * - lastNemesisNs: the last nemesis event's time (0 when none);
 * - lastWriteEventNs: the last client event (any type) whose f writes a register (write, put, cas);
 * - lastNonReadCompletionNs: the last client completion whose f is not `read`;
 * - lastHealNs: the last nemesis heal completion (heal, heal-all, stop-all), undefined when none.
 */
export interface PhaseTimes {
  lastNemesisNs: number;
  lastWriteEventNs: number;
  lastNonReadCompletionNs: number;
  lastHealNs: number | undefined;
}

/**
 * KeyBatch: every operation of some keys. `ops` are the operations pairing keeps under the default
 * conventions (ok and info; an invoke with no completion is info), key after key (in the order
 * `batches` gives the keys), each key's in invoke order, ids dense in the batch; `failed` are the failed non-read operations of the same keys (status "ok" is not
 * meaningful on them: they did not happen), in invoke order, for checkers that report what failed
 * writes carried (empty unless `batches` was asked for them). Every batch has fresh arrays: the
 * consumer may keep or empty them.
 */
export interface KeyBatch {
  ops: Operation[];
  failed: Operation[];
}

/** KeyedHistory: see the file header. */
export interface KeyedHistory {
  readonly phases: PhaseTimes;
  /**
   * batches yields every key exactly once, whole, in batches of about `maxOps` operations (a key
   * bigger than that alone). Keys come in the order of their first kept non-local operation (the
   * linearizable checker's part order), then keys with only local or failed operations. `failed`
   * is filled only when `withFailed` is true (otherwise empty: most checkers never look at it).
   */
  batches(maxOps: number, withFailed?: boolean): Iterable<KeyBatch>;
}
