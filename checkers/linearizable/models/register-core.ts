/**
 * registerCore: the shared implementation of the register and cas-register models (one value, reads
 * and writes, optionally compare-and-set). Pure; states are the register's value (JSON-like, compared
 * structurally), so arrays are values here and several states are tagged (`taggedSeveral`).
 */
import { INCONSISTENT } from '../../../src/core/model.js';
import type { Operation } from '../../../src/core/operation.js';
import type { HintedModel, ImpossibleOp } from './checker-hints.js';
import { isReadF, isWriteF, suffixOf } from './op-kinds.js';
import { describeValue, valueEqual, valueHash, valueKey } from './value.js';

/**
 * DEAD_REGISTER is the checker's canonical state for a register value no pending op mentions (see
 * value-tracking.ts, dead states); no history can contain it, so no read or compare matches it.
 */
export const DEAD_REGISTER: unique symbol = Symbol('a value no pending operation reads');

/** casParts extracts [from, to] from a cas input, or undefined when it is malformed. */
export function casParts(input: unknown): [unknown, unknown] | undefined {
  return Array.isArray(input) && input.length === 2 ? [input[0], input[1]] : undefined;
}

/** isFailedCompare tells whether an op is a cas recorded as a failed compare (ok, output false). */
function isFailedCompare(op: Operation): boolean {
  return op.status === 'ok' && op.output === false;
}

/**
 * registerCore builds a register model named `name` with initial value `init`; with `withCas` it
 * also accepts `cas` ops: input [from, to]; ok → the state must equal `from` and becomes `to`; ok with
 * output `false` → the compare failed: the state must differ from `from` and is unchanged; info →
 * `to` when the state equals `from`, else unchanged.
 */
export function registerCore(name: string, withCas: boolean, init: unknown): HintedModel<unknown> {
  const explain = (state: unknown, op: Operation): string => {
    const held = `the register holds ${describeValue(state)}`;
    if (isReadF(op.f)) return `read() → ${describeValue(op.output)} but ${held}`;
    if (withCas && op.f === 'cas') {
      const parts = casParts(op.input);
      if (parts === undefined) return `malformed cas input ${describeValue(op.input)} (expected [from, to])`;
      if (isFailedCompare(op)) return `cas(${describeValue(parts[0])}→${describeValue(parts[1])}) failed its compare but ${held}`;
      return `cas(${describeValue(parts[0])}→${describeValue(parts[1])}) succeeded but ${held}`;
    }
    return `unknown operation "${op.f}" for the ${name} model`;
  };
  return {
    name,
    taggedSeveral: true,
    init: () => init,
    step(state, op) {
      if (isReadF(op.f)) {
        if (op.status === 'info') return state;
        return valueEqual(state, op.output) ? state : INCONSISTENT;
      }
      if (isWriteF(op.f)) return op.input;
      if (withCas && op.f === 'cas') {
        const parts = casParts(op.input);
        if (parts === undefined) return INCONSISTENT;
        const matches = valueEqual(state, parts[0]);
        if (op.status === 'info') return matches ? parts[1] : state;
        if (isFailedCompare(op)) return matches ? INCONSISTENT : state;
        return matches ? parts[1] : INCONSISTENT;
      }
      return INCONSISTENT;
    },
    equal: valueEqual,
    hash: valueHash,
    readOnly: (op) => isReadF(op.f) || (withCas && op.f === 'cas' && isFailedCompare(op)),
    observes: (op) => op.status === 'ok' && (isReadF(op.f) || (withCas && op.f === 'cas')),
    describeOp(op) {
      const s = suffixOf(op.status);
      if (isReadF(op.f)) return op.status === 'info' ? `read()${s}` : `read() → ${describeValue(op.output)}`;
      if (isWriteF(op.f)) return `write(${describeValue(op.input)})${s}`;
      if (op.f === 'cas') {
        const parts = casParts(op.input);
        const args = parts === undefined ? describeValue(op.input) : `${describeValue(parts[0])}→${describeValue(parts[1])}`;
        if (op.status === 'info') return `cas(${args})${s}`;
        return `cas(${args}) ${isFailedCompare(op) ? 'compare failed' : 'ok'}`;
      }
      return `${op.f}(${describeValue(op.input)}) → ${describeValue(op.output)}${s}`;
    },
    describeState: describeValue,
    explainInconsistent: explain,
    findImpossible(ops) {
      return findUnwrittenRead(ops, init, withCas);
    },
    valueDiscipline: {
      exactProducers: true,
      deadState: DEAD_REGISTER,
      stateKey: valueKey,
      required(op) {
        if (op.status !== 'ok') return undefined;
        if (isReadF(op.f)) return valueKey(op.output);
        if (withCas && op.f === 'cas' && !isFailedCompare(op)) {
          const parts = casParts(op.input);
          return parts === undefined ? undefined : valueKey(parts[0]);
        }
        return undefined;
      },
      compared(op) {
        if (!withCas || op.f !== 'cas') return undefined;
        const parts = casParts(op.input);
        return parts === undefined ? undefined : valueKey(parts[0]);
      },
      produced(op) {
        if (isWriteF(op.f)) return valueKey(op.input);
        if (withCas && op.f === 'cas' && !isFailedCompare(op)) {
          const parts = casParts(op.input);
          return parts === undefined ? undefined : valueKey(parts[1]);
        }
        return undefined;
      },
    },
  };
}

/**
 * findUnwrittenRead returns an ok read (or successful cas) that observes a value that is neither the
 * initial value nor written by any op of the part (ok or info). Sound: a register only ever holds
 * its initial value or a written one, so no linearization can contain such an op.
 */
function findUnwrittenRead(ops: readonly Operation[], init: unknown, withCas: boolean): ImpossibleOp | undefined {
  const written = new Set<string>([valueKey(init)]);
  for (const op of ops) {
    if (isWriteF(op.f)) written.add(valueKey(op.input));
    else if (withCas && op.f === 'cas') {
      const parts = casParts(op.input);
      if (parts !== undefined) written.add(valueKey(parts[1]));
    }
  }
  for (const op of ops) {
    if (op.status !== 'ok') continue;
    let seen: unknown;
    if (isReadF(op.f)) seen = op.output;
    else if (withCas && op.f === 'cas' && op.output !== false) {
      const parts = casParts(op.input);
      if (parts === undefined) continue;
      seen = parts[0];
    } else continue;
    if (!written.has(valueKey(seen))) {
      const what = isReadF(op.f) ? `read() → ${describeValue(seen)}` : `cas from ${describeValue(seen)} succeeded`;
      return { op, reason: `${what} but no operation wrote ${describeValue(seen)} and the initial value is ${describeValue(init)}` };
    }
  }
  return undefined;
}
