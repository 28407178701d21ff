/**
 * Evidence for one linearizability part (see checkers/evidence.ts for the shared rule).
 *
 * A part has evidence when some ok op observed the state (`observes`) and some op, ok or info, may
 * have changed it (`mayChange`). Built-in models say what observes through the `observes` hint:
 * register and cas-register: an ok read or cas (a failed compare too); kv: an ok get;
 * multi-register: an ok txn that reads; mutex: an ok acquire or release (each needs the lock in one
 * state); set and counter: an ok read; the queues: an ok dequeue. An op may change the state unless
 * the model's `readOnly` says it cannot (reads, failed compares, read-only txns, empty dequeues).
 * A user model without the hint counts every ok op as observing, and without `readOnly` every op
 * as changing, so only a part with no ok op at all lacks evidence.
 */
import type { Model } from '../../src/core/model.js';
import type { Operation } from '../../src/core/operation.js';
import { NO_EVIDENCE } from '../evidence.js';
import type { CheckerHints } from './models/checker-hints.js';

/** observesState tells whether `op` is an ok op whose outcome depended on the state. */
export function observesState<S>(model: Model<S>, op: Operation): boolean {
  if (op.status !== 'ok') return false;
  const hint = (model as Model<S> & CheckerHints<S>).observes;
  return hint === undefined ? true : hint(op);
}

/** mayChangeState tells whether `op` (ok or info) could have changed the state. */
export function mayChangeState<S>(model: Model<S>, op: Operation): boolean {
  return model.readOnly === undefined ? true : !model.readOnly(op);
}

/**
 * evidenceGap returns why a part's ops are no evidence (a reason starting "no evidence"), or
 * undefined when they are. Pure; O(n), stops at the first op of each kind.
 */
export function evidenceGap<S>(ops: readonly Operation[], model: Model<S>): string | undefined {
  let observed = false;
  let changed = false;
  for (const op of ops) {
    if (!observed && observesState(model, op)) observed = true;
    if (!changed && mayChangeState(model, op)) changed = true;
    if (observed && changed) return undefined;
  }
  if (ops.length === 0) return `${NO_EVIDENCE}: no operation`;
  if (!observed && !changed) return `${NO_EVIDENCE}: no ok operation observed the state and none could change it`;
  if (!observed) return `${NO_EVIDENCE}: no ok operation observed the state (${ops.length} ops, none an ok read or similar)`;
  return `${NO_EVIDENCE}: no operation (ok or info) could have changed the state (${ops.length} ops, all reads or similar)`;
}
