/**
 * registerHistory: the eventual checker's view of a history — per key, the writes (with the value
 * each puts in the register), the ok reads, the values only failed writes carried, and when the
 * final phase began and the final heal happened. Pure.
 */
import type { HistoryEvent } from '../../src/core/event.js';
import type { Operation } from '../../src/core/operation.js';
import { pairOperations, READ_FUNCTIONS } from '../../src/history/pair.js';
import { valueKey } from '../linearizable/models/value.js';
import type { KeyBatch } from '../keyed-history.js';

/** WRITE_FUNCTIONS put their value in the register; `cas` puts the second element of [from, to]. */
export const WRITE_FUNCTIONS: ReadonlySet<string> = new Set(['write', 'put', 'cas']);

/** HEAL_FUNCTIONS are nemesis ops that end every fault (faultline's final `heal`, Jepsen's names). */
export const HEAL_FUNCTIONS: ReadonlySet<string> = new Set(['heal', 'heal-all', 'stop-all']);

/** RegisterWrite is a write that may have happened: status ok (returnNs finite) or info (Infinity). */
export interface RegisterWrite {
  value: unknown;
  vkey: string;
  process: number;
  callNs: number;
  returnNs: number;
  acknowledged: boolean;
}

/** RegisterRead is an ok read: what it returned, when, which node served it ("?" when unknown), and by which process. */
export interface RegisterRead {
  value: unknown;
  vkey: string;
  callNs: number;
  returnNs: number;
  node: string;
  process: number;
}

/** KeyHistory is one key's writes and reads (each in invoke order), and failed-write values. */
export interface KeyHistory {
  key: string;
  writes: RegisterWrite[];
  reads: RegisterRead[];
  failedWriteValues: Set<string>;
}

/** RegisterHistory is the whole history split by key ("" for keyless ops), plus phase times. */
export interface RegisterHistory {
  keys: Map<string, KeyHistory>;
  /** Reads invoked at or after this are final reads. */
  finalFromNs: number;
  /** Completion time of the last heal nemesis op, or null. */
  healNs: number | null;
  /** Client ops whose f is neither a read nor a write (ignored by this checker). */
  ignoredOps: number;
}

/** UNKNOWN_NODE labels reads whose serving node the history does not record. */
export const UNKNOWN_NODE = '?';

/** writtenValue is what a write op puts in the register (cas: `to`; a malformed cas: undefined). */
export function writtenValue(f: string, input: unknown): unknown {
  if (f !== 'cas') return input;
  return Array.isArray(input) && input.length === 2 ? input[1] : undefined;
}

/**
 * registerHistory splits `events` (history order) by key. The final phase starts after the last
 * nemesis event and the last event of any client write (invoke or completion), so its reads are the
 * ones after the final heal and the quiet period. Throws FaultlineError('input') on a malformed
 * pairing (see pairOperations).
 */
export function registerHistory(events: readonly HistoryEvent[]): RegisterHistory {
  const keys = new Map<string, KeyHistory>();
  const keyOf = (k: string): KeyHistory => keyHistory(keys, k);
  let finalFromNs = 0;
  let healNs: number | null = null;
  const openWrites = new Map<number, HistoryEvent>();
  for (const e of events) {
    if (e.process === 'nemesis') {
      finalFromNs = Math.max(finalFromNs, e.time);
      if (HEAL_FUNCTIONS.has(e.f) && e.type !== 'invoke') healNs = e.time;
      continue;
    }
    if (!WRITE_FUNCTIONS.has(e.f)) continue;
    finalFromNs = Math.max(finalFromNs, e.time);
    // Values carried only by failed writes: a final value among them is reported as such.
    if (e.type === 'invoke') openWrites.set(e.process, e);
    else {
      const inv = openWrites.get(e.process);
      openWrites.delete(e.process);
      if (e.type === 'fail' && inv !== undefined) keyOf(inv.key ?? '').failedWriteValues.add(valueKey(writtenValue(inv.f, inv.value)));
    }
  }
  const byOps = addOperations(pairOperations(events), keys);
  return { keys, finalFromNs, healNs, ignoredOps: byOps };
}

/**
 * keyHistoriesOf: the per-key writes and reads of one batch of whole keys (KeyedHistory), with the
 * values only failed writes carried; the same KeyHistory registerHistory gives for those keys. Pure.
 */
export function keyHistoriesOf(batch: KeyBatch): { keys: Map<string, KeyHistory>; ignoredOps: number } {
  const keys = new Map<string, KeyHistory>();
  for (const op of batch.failed) {
    if (WRITE_FUNCTIONS.has(op.f)) keyHistory(keys, op.key ?? '').failedWriteValues.add(valueKey(writtenValue(op.f, op.input)));
  }
  return { keys, ignoredOps: addOperations(batch.ops, keys) };
}

function keyHistory(keys: Map<string, KeyHistory>, k: string): KeyHistory {
  let kh = keys.get(k);
  if (kh === undefined) keys.set(k, (kh = { key: k, writes: [], reads: [], failedWriteValues: new Set() }));
  return kh;
}

/** addOperations files each op's write or ok read under its key; returns how many ops were neither. */
function addOperations(ops: readonly Operation[], keys: Map<string, KeyHistory>): number {
  let ignoredOps = 0;
  for (const op of ops) {
    if (WRITE_FUNCTIONS.has(op.f)) {
      const kh = keyHistory(keys, op.key ?? '');
      const value = writtenValue(op.f, op.input);
      kh.writes.push({
        value,
        vkey: valueKey(value),
        process: op.process,
        callNs: op.callNs,
        returnNs: op.returnNs,
        acknowledged: op.status === 'ok',
      });
    } else if (READ_FUNCTIONS.has(op.f)) {
      if (op.status !== 'ok') continue;
      const kh = keyHistory(keys, op.key ?? '');
      const value = op.output === undefined ? null : op.output;
      kh.reads.push({ value, vkey: valueKey(value), callNs: op.callNs, returnNs: op.returnNs, node: op.node ?? UNKNOWN_NODE, process: op.process });
    } else {
      ignoredOps++;
    }
  }
  return ignoredOps;
}
