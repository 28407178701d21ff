/**
 * kv: one key of a string key-value store (Porcupine's kv model): `get` → string, `put(s)`,
 * `append(s)`. The checker splits by key first, so the state is the key's string, initially "".
 * A get whose output is null read "" (the key was never written). Pure.
 */
import { INCONSISTENT } from '../../../src/core/model.js';
import type { Operation } from '../../../src/core/operation.js';
import type { HintedModel } from './checker-hints.js';
import { isReadF, isWriteF, suffixOf } from './op-kinds.js';
import { describeValue, hashString } from './value.js';

/** DEAD stands for every state no pending get can still observe (the checker canonicalises to it). */
const DEAD = '\u22a5(overwritten before any read)';

const asText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));

/** kvModel builds the kv model; `init` is each key's initial string (default ""). */
export function kvModel(init = ''): HintedModel<string> {
  return {
    name: 'kv',
    init: () => init,
    step(state, op) {
      if (isReadF(op.f)) {
        if (op.status === 'info') return state;
        return asText(op.output) === state ? state : INCONSISTENT;
      }
      if (isWriteF(op.f)) return asText(op.input);
      if (op.f === 'append') return state + asText(op.input);
      return INCONSISTENT;
    },
    equal: (a, b) => a === b,
    hash: hashString,
    readOnly: (op) => isReadF(op.f),
    observes: (op) => op.status === 'ok' && isReadF(op.f),
    describeOp(op: Operation) {
      const s = suffixOf(op.status);
      const k = op.key === undefined ? '' : `${op.key}, `;
      if (isReadF(op.f)) return op.status === 'info' ? `get(${op.key ?? ''})${s}` : `get(${op.key ?? ''}) → ${describeValue(asText(op.output))}`;
      return `${op.f}(${k}${describeValue(asText(op.input))})${s}`;
    },
    describeState: (s) => describeValue(s),
    valueDiscipline: {
      stateKey: (s) => s,
      required: (op) => (op.status === 'ok' && isReadF(op.f) ? asText(op.output) : undefined),
      produced: (op) => (isWriteF(op.f) ? asText(op.input) : undefined),
      compared: () => undefined,
      mayProduce: (op, key) => op.f === 'append' && key.endsWith(asText(op.input)),
      canReach: (from, to) => to.startsWith(from),
      deadState: DEAD,
    },
    explainInconsistent(state, op) {
      if (isReadF(op.f)) return `get() → ${describeValue(asText(op.output))} but the key holds ${describeValue(state)}`;
      return `unknown operation "${op.f}" for the kv model`;
    },
  };
}
