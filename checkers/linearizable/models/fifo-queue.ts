/**
 * fifo-queue: a FIFO queue. `enqueue(v)` appends; `dequeue` → the head (removed), or null when the
 * queue is empty. The state is the queue's contents, head first, initially empty. An info dequeue
 * removed the head (or did nothing on an empty queue). Pure.
 */
import { INCONSISTENT } from '../../../src/core/model.js';
import type { HintedModel } from './checker-hints.js';
import { describeQueueOp, foundEmpty, isDequeueF, isEnqueueF } from './queue-ops.js';
import { describeValue, hashString, valueEqual, valueKey } from './value.js';

/** FifoState is the queue's contents, head first; treat as immutable. */
export type FifoState = readonly unknown[];

/** fifoQueueModel builds the fifo-queue model. */
export function fifoQueueModel(): HintedModel<FifoState> {
  return {
    name: 'fifo-queue',
    taggedSeveral: true,
    init: () => [],
    step(q, op) {
      if (isEnqueueF(op.f)) return [...q, op.input];
      if (isDequeueF(op.f)) {
        if (op.status === 'info') return q.length === 0 ? q : q.slice(1);
        if (foundEmpty(op)) return q.length === 0 ? q : INCONSISTENT;
        return q.length > 0 && valueEqual(q[0], op.output) ? q.slice(1) : INCONSISTENT;
      }
      return INCONSISTENT;
    },
    equal: (a, b) => a.length === b.length && valueEqual(a, b),
    hash: (q) => hashString(valueKey(q)),
    readOnly: (op) => isDequeueF(op.f) && foundEmpty(op),
    observes: (op) => op.status === 'ok' && isDequeueF(op.f),
    describeOp: describeQueueOp,
    describeState: (q) => `[${q.map(describeValue).join(', ')}]`,
    explainInconsistent(q, op) {
      const held = `the queue is [${q.map(describeValue).join(', ')}]`;
      if (isDequeueF(op.f)) return `${describeQueueOp(op)} but ${held}`;
      return `unknown operation "${op.f}" for the fifo-queue model`;
    },
  };
}
