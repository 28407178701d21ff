/**
 * counter: `add(n)` / `incr(n)` adds n (1 when the input is not a number); `read` → the count.
 * The state is the count, initially 0. Pure.
 */
import { INCONSISTENT } from '../../../src/core/model.js';
import type { HintedModel } from './checker-hints.js';
import { isAddF, isReadF, suffixOf } from './op-kinds.js';
import { describeValue, hashNumber } from './value.js';

const amount = (input: unknown): number => (typeof input === 'number' ? input : 1);

/** counterModel builds the counter model. */
export function counterModel(): HintedModel<number> {
  return {
    name: 'counter',
    init: () => 0,
    step(n, op) {
      if (isAddF(op.f)) return n + amount(op.input);
      if (isReadF(op.f)) {
        if (op.status === 'info') return n;
        return op.output === n ? n : INCONSISTENT;
      }
      return INCONSISTENT;
    },
    equal: (a, b) => a === b,
    hash: hashNumber,
    readOnly: (op) => isReadF(op.f),
    observes: (op) => op.status === 'ok' && isReadF(op.f),
    describeOp(op) {
      if (isReadF(op.f)) return op.status === 'info' ? `read()${suffixOf(op.status)}` : `read() → ${describeValue(op.output)}`;
      return `${op.f}(${amount(op.input)})${suffixOf(op.status)}`;
    },
    describeState: String,
    explainInconsistent(n, op) {
      if (isReadF(op.f)) return `read() → ${describeValue(op.output)} but the counter is ${n}`;
      return `unknown operation "${op.f}" for the counter model`;
    },
  };
}
