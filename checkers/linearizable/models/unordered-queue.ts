/**
 * unordered-queue: a queue that may deliver in any order (a multiset). `enqueue(v)` adds v;
 * `dequeue` → some element (removed), or null when empty. The state is the sorted list of elements'
 * canonical keys. An info dequeue may have removed any element: `step` returns every such state.
 * Pure.
 */
import { INCONSISTENT } from '../../../src/core/model.js';
import type { HintedModel } from './checker-hints.js';
import { several } from './checker-hints.js';
import { describeQueueOp, foundEmpty, isDequeueF, isEnqueueF } from './queue-ops.js';
import { hashString, valueKey } from './value.js';

/** BagState is the sorted array of elements' canonical keys (with repeats); treat as immutable. */
export type BagState = readonly string[];

const without = (b: BagState, i: number): BagState => [...b.slice(0, i), ...b.slice(i + 1)];

/** unorderedQueueModel builds the unordered-queue model. */
export function unorderedQueueModel(): HintedModel<BagState> {
  return {
    name: 'unordered-queue',
    taggedSeveral: true,
    init: () => [],
    step(bag, op) {
      if (isEnqueueF(op.f)) return [...bag, valueKey(op.input)].sort();
      if (isDequeueF(op.f)) {
        if (op.status === 'info') {
          if (bag.length === 0) return bag;
          const out: BagState[] = [];
          for (let i = 0; i < bag.length; i++) if (i === 0 || bag[i] !== bag[i - 1]) out.push(without(bag, i));
          return several(out);
        }
        if (foundEmpty(op)) return bag.length === 0 ? bag : INCONSISTENT;
        const i = bag.indexOf(valueKey(op.output));
        return i < 0 ? INCONSISTENT : without(bag, i);
      }
      return INCONSISTENT;
    },
    equal: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
    hash: (b) => hashString(b.join('\u0000')),
    readOnly: (op) => isDequeueF(op.f) && foundEmpty(op),
    observes: (op) => op.status === 'ok' && isDequeueF(op.f),
    describeOp: describeQueueOp,
    describeState: (b) => `{${b.join(', ')}}`,
    explainInconsistent(bag, op) {
      if (isDequeueF(op.f)) return `${describeQueueOp(op)} but the queue holds {${bag.join(', ')}}`;
      return `unknown operation "${op.f}" for the unordered-queue model`;
    },
  };
}
