/**
 * set: a grow-only set. `add(v)` inserts v; `read` → the whole set as an array (order and duplicates
 * ignored). The state is the sorted list of members' canonical keys (`valueKey`), initially empty.
 * Pure.
 */
import { INCONSISTENT } from '../../../src/core/model.js';
import type { HintedModel } from './checker-hints.js';
import { isAddF, isReadF, suffixOf } from './op-kinds.js';
import { describeValue, hashString, valueKey } from './value.js';

/** SetState is the sorted array of members' canonical keys; treat as immutable. */
export type SetState = readonly string[];

/** canonicalMembers turns a read's output into a SetState, or undefined when it is not an array. */
function canonicalMembers(output: unknown): SetState | undefined {
  if (!Array.isArray(output)) return output === null ? [] : undefined;
  return [...new Set(output.map(valueKey))].sort();
}

const sameMembers = (a: SetState, b: SetState): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** setModel builds the set model. */
export function setModel(): HintedModel<SetState> {
  return {
    name: 'set',
    taggedSeveral: true,
    init: () => [],
    step(state, op) {
      if (isAddF(op.f)) {
        const k = valueKey(op.input);
        if (state.includes(k)) return state;
        return [...state, k].sort();
      }
      if (isReadF(op.f)) {
        if (op.status === 'info') return state;
        const seen = canonicalMembers(op.output);
        return seen !== undefined && sameMembers(seen, state) ? state : INCONSISTENT;
      }
      return INCONSISTENT;
    },
    equal: sameMembers,
    hash: (s) => hashString(s.join('\u0000')),
    readOnly: (op) => isReadF(op.f),
    observes: (op) => op.status === 'ok' && isReadF(op.f),
    describeOp(op) {
      if (isReadF(op.f)) return op.status === 'info' ? `read()${suffixOf(op.status)}` : `read() → ${describeValue(op.output)}`;
      return `${op.f}(${describeValue(op.input)})${suffixOf(op.status)}`;
    },
    describeState: (s) => `{${s.join(', ')}}`,
    explainInconsistent(state, op) {
      if (isReadF(op.f)) return `read() → ${describeValue(op.output)} but the set is {${state.join(', ')}}`;
      return `unknown operation "${op.f}" for the set model`;
    },
  };
}
