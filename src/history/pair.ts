/**
 * Pairing: turn a history's events into the operations the checkers reason about.
 *
 * Pure. Rules (see `Operation` and `Conventions` in src/core/operation.ts):
 * - nemesis events are skipped;
 * - an invoke is matched with the next completion of the same process;
 * - `ok` → status ok, output = the completion's value;
 * - `info`, or no completion at all → status info, output undefined, returnNs = Infinity;
 * - `fail` → dropped (it did not happen), except a failed `cas` under
 *   `failedCas: 'compare-failed'`, which becomes status ok with output `false`: the compare ran and
 *   failed, so the op happened and observed a value other than its `from`. A failed read is dropped
 *   under both `failedRead` conventions (an `unknown` read constrains nothing, so dropping is exact);
 * - under `nilRead: 'unconstrained'` an ok read whose value is null is dropped (it constrains nothing).
 * Ids are dense 0..n-1 in invoke order over the operations kept.
 * A completion must name the same `f` as its invoke; a mismatch, a completion with no pending invoke
 * and a second invoke of a busy process are input errors naming where the event is (file:line when
 * the reader gave lines, see eventLocator).
 */
import type { Conventions, Operation } from '../core/operation.js';
import type { HistoryEvent } from '../core/event.js';
import { DEFAULT_CONVENTIONS } from '../core/operation.js';
import { FaultlineError } from '../core/errors.js';

/** READ_FUNCTIONS are the `f` names treated as reads by the read conventions. */
export const READ_FUNCTIONS: ReadonlySet<string> = new Set(['read', 'get']);

/** EventLocator names where the event at a position of the events array is, e.g. "h.jsonl:12". */
export type EventLocator = (position: number) => string;

/** eventLocator names events by file and line; `lines[i]` is the 1-based line of event i. */
export function eventLocator(file: string, lines: readonly number[]): EventLocator {
  return (position) => {
    const line = lines[position];
    return line === undefined ? `${file}: event ${position}` : `${file}:${line}`;
  };
}

/**
 * pairOperations matches invokes with completions and returns the kept operations in invoke order
 * with dense ids. Pure; O(n). Throws FaultlineError('input'), naming the event with `locate`
 * (default: "event <index>"), when a completion has no pending invoke, names another `f` than its
 * invoke, or a process invokes while it already has a pending invoke. Operations with no completion
 * at the end of the history are info.
 */
export function pairOperations(
  events: readonly HistoryEvent[],
  conventions: Conventions = DEFAULT_CONVENTIONS,
  locate?: EventLocator,
): Operation[] {
  const where = locate ?? ((position: number) => `event ${events[position]?.index ?? position}`);
  const pairer = new OperationPairer(conventions, where);
  for (let i = 0; i < events.length; i++) pairer.push(events[i]!, i);
  return pairer.finish();
}

interface Pending {
  invoke: HistoryEvent;
  /** The invoke's position in the history (for messages). */
  position: number;
  /** The operation slot in invoke order. */
  slot: number;
}

/**
 * OperationPairer is pairOperations one event at a time, for readers that stream a history and
 * never hold its events: `push` every event with its 0-based position, then `finish` once. Same
 * rules, same errors (thrown by `push`); it keeps only the pending invokes and the operations.
 */
export class OperationPairer {
  private readonly slots: (Operation | null)[] = [];
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly conventions: Conventions,
    private readonly where: EventLocator,
  ) {}

  /** push pairs event `e` found at `position` (the index of an event without one). */
  push(e: HistoryEvent, position: number): void {
    if (typeof e.process !== 'number') return;
    const where = this.where;
    const open = this.pending.get(e.process);
    if (e.type === 'invoke') {
      if (open !== undefined) {
        throw new FaultlineError(
          'input',
          `${where(position)}: process ${e.process} invokes ${e.f} while its invoke at ${where(open.position)} is still pending`,
          { hint: 'every invoke must be completed (ok, fail or info) before the same process invokes again' },
        );
      }
      this.pending.set(e.process, { invoke: e, position, slot: this.slots.length });
      this.slots.push(null);
      return;
    }
    if (open === undefined) {
      throw new FaultlineError('input', `${where(position)}: ${e.type} completion of process ${e.process} has no pending invoke`, {
        hint: 'a completion must follow an invoke of the same process',
      });
    }
    const invoke = open.invoke;
    if (e.f !== invoke.f) {
      throw new FaultlineError(
        'input',
        `${where(position)}: ${e.type} completion of process ${e.process} is "${e.f}" but its invoke at ${where(open.position)} is "${invoke.f}" (field "f")`,
        { hint: 'a completion must name the same f as its invoke' },
      );
    }
    this.pending.delete(e.process);
    this.slots[open.slot] = completeOperation(invoke, invoke.index ?? open.position, e, e.index ?? position, this.conventions);
  }

  /** finish turns invokes still pending into info ops and returns the operations with dense ids. */
  finish(): Operation[] {
    for (const open of this.pending.values()) {
      this.slots[open.slot] = infoOperation(open.invoke, open.invoke.index ?? open.position, -1);
    }
    this.pending.clear();
    const ops: Operation[] = [];
    for (const op of this.slots) {
      if (op === null) continue;
      op.id = ops.length;
      ops.push(op);
    }
    this.slots.length = 0;
    return ops;
  }
}

/** completeOperation applies the pairing rules to one invoke/completion pair; null when dropped. */
function completeOperation(
  invoke: HistoryEvent,
  invokeIndex: number,
  done: HistoryEvent,
  doneIndex: number,
  conventions: Conventions,
): Operation | null {
  if (done.type === 'info') return infoOperation(invoke, invokeIndex, doneIndex);
  const isRead = READ_FUNCTIONS.has(invoke.f);
  if (done.type === 'fail') {
    if (invoke.f === 'cas' && conventions.failedCas === 'compare-failed') {
      return baseOperation(invoke, invokeIndex, done, doneIndex, 'ok', false, done.time);
    }
    return null;
  }
  // done.type === 'ok' (an 'invoke' never reaches here: pairOperations checks for it first).
  if (isRead && done.value === null && conventions.nilRead === 'unconstrained') return null;
  return baseOperation(invoke, invokeIndex, done, doneIndex, 'ok', done.value, done.time);
}

function infoOperation(invoke: HistoryEvent, invokeIndex: number, doneIndex: number): Operation {
  return baseOperation(invoke, invokeIndex, undefined, doneIndex, 'info', undefined, Infinity);
}

function baseOperation(
  invoke: HistoryEvent,
  invokeIndex: number,
  done: HistoryEvent | undefined,
  doneIndex: number,
  status: Operation['status'],
  output: unknown,
  returnNs: number,
): Operation {
  const op: Operation = {
    id: -1,
    process: invoke.process as number,
    f: invoke.f,
    input: invoke.value,
    output,
    status,
    callNs: invoke.time,
    returnNs,
    invokeIndex,
    completeIndex: doneIndex,
  };
  if (invoke.key !== undefined) op.key = invoke.key;
  const node = done?.node ?? invoke.node;
  if (node !== undefined) op.node = node;
  if (invoke.local === true || done?.local === true) op.local = true;
  return op;
}

/**
 * operationsByKey groups operations by key, keeping each group's order; keyless operations go under
 * the key "". Pure. Ids are not renumbered (a checker renumbers per part if it needs dense ids).
 */
export function operationsByKey(ops: readonly Operation[]): Map<string, Operation[]> {
  const byKey = new Map<string, Operation[]>();
  for (const op of ops) {
    const k = op.key ?? '';
    let group = byKey.get(k);
    if (group === undefined) {
      group = [];
      byKey.set(k, group);
    }
    group.push(op);
  }
  return byKey;
}
