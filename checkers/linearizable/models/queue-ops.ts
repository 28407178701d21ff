/**
 * Queue operation names shared by the queue models: enqueue (`enqueue`, `push`, `offer`) and dequeue
 * (`dequeue`, `pop`, `poll`); a dequeue whose output is null (or undefined when ok) found the queue empty.
 */
import type { Operation } from '../../../src/core/operation.js';
import { suffixOf } from './op-kinds.js';
import { describeValue } from './value.js';

/** isEnqueueF tells whether `f` names an enqueue. */
export const isEnqueueF = (f: string): boolean => f === 'enqueue' || f === 'push' || f === 'offer';

/** isDequeueF tells whether `f` names a dequeue. */
export const isDequeueF = (f: string): boolean => f === 'dequeue' || f === 'pop' || f === 'poll';

/** foundEmpty tells whether an ok dequeue reported an empty queue. */
export const foundEmpty = (op: Operation): boolean => op.status === 'ok' && (op.output === null || op.output === undefined);

/** describeQueueOp renders a queue op for people. */
export function describeQueueOp(op: Operation): string {
  if (isDequeueF(op.f)) return op.status === 'info' ? `${op.f}()${suffixOf(op.status)}` : `${op.f}() → ${describeValue(op.output ?? null)}`;
  return `${op.f}(${describeValue(op.input)})${suffixOf(op.status)}`;
}
