/**
 * multi-register: several registers changed atomically by transactions (Knossos' multi-register).
 * An op has f "txn" and input `[[f, k, v], ...]` with f "r"/"read" or "w"/"write"; an ok op's output
 * is the same list with the reads' values filled in (an info op is checked on its input: its writes
 * may have happened, its reads say nothing). The state maps each register to its value; a register
 * absent from the state holds null. Keys are compared structurally. Pure.
 */
import { INCONSISTENT } from '../../../src/core/model.js';
import type { Operation } from '../../../src/core/operation.js';
import type { HintedModel } from './checker-hints.js';
import { isReadF, isWriteF, suffixOf } from './op-kinds.js';
import { describeValue, hashString, valueEqual, valueKey } from './value.js';

/** MultiState maps `valueKey(register)` to its value; treat as immutable. */
export type MultiState = Readonly<Record<string, unknown>>;

type MicroOp = readonly [unknown, unknown, unknown];

/** microOps returns the micro-ops an op is checked against (output when ok, else input), or undefined. */
function microOps(op: Operation): MicroOp[] | undefined {
  const list = op.status === 'ok' && Array.isArray(op.output) ? op.output : op.input;
  if (!Array.isArray(list)) return undefined;
  for (const m of list) if (!Array.isArray(m) || m.length !== 3) return undefined;
  return list as MicroOp[];
}

const keyName = (k: string): string => {
  try {
    const v: unknown = JSON.parse(k);
    return typeof v === 'string' ? v : k;
  } catch {
    return k;
  }
};

/** describeMulti renders a state like `{x=1, y=nil}` (registers in key order). */
function describeMulti(s: MultiState): string {
  return `{${Object.keys(s).sort().map((k) => `${keyName(k)}=${describeValue(s[k])}`).join(', ')}}`;
}

/**
 * multiRegisterModel builds the model. `init` gives the initial registers, as an object
 * (`{x: 0, y: 0}`) or a list of [register, value] pairs; absent registers start as null.
 */
export function multiRegisterModel(init: unknown = {}): HintedModel<MultiState> {
  const start: Record<string, unknown> = {};
  const pairs = Array.isArray(init) ? (init as unknown[]) : Object.entries((init ?? {}) as object);
  for (const p of pairs) if (Array.isArray(p) && p.length === 2) start[valueKey(p[0])] = p[1];
  const get = (s: MultiState, k: string): unknown => (Object.hasOwn(s, k) ? s[k] : null);
  return {
    name: 'multi-register',
    taggedSeveral: true,
    init: () => start,
    step(state, op) {
      if (op.f !== 'txn') return INCONSISTENT;
      const mops = microOps(op);
      if (mops === undefined) return INCONSISTENT;
      let next: Record<string, unknown> | undefined;
      for (const [f, k, v] of mops) {
        const key = valueKey(k);
        if (isReadF(f)) {
          if (op.status === 'info') continue;
          if (!valueEqual(get(next ?? state, key), v)) return INCONSISTENT;
        } else if (isWriteF(f)) {
          next ??= { ...state };
          next[key] = v;
        } else return INCONSISTENT;
      }
      return next ?? state;
    },
    equal: (a, b) => a === b || valueKey(a) === valueKey(b),
    hash: (s) => hashString(valueKey(s)),
    readOnly(op) {
      const mops = microOps(op);
      return op.f === 'txn' && mops !== undefined && mops.every((m) => isReadF(m[0]));
    },
    observes(op) {
      const mops = microOps(op);
      return op.status === 'ok' && op.f === 'txn' && mops !== undefined && mops.some((m) => isReadF(m[0]));
    },
    describeOp(op) {
      const mops = microOps(op);
      if (mops === undefined) return `${op.f}(${describeValue(op.input)})${suffixOf(op.status)}`;
      const parts = mops.map(([f, k, v]) => {
        const name = typeof k === 'string' ? k : describeValue(k);
        if (isReadF(f)) return op.status === 'info' ? `r ${name}` : `r ${name}→${describeValue(v)}`;
        return `w ${name}=${describeValue(v)}`;
      });
      return `txn[${parts.join(', ')}]${suffixOf(op.status)}`;
    },
    describeState: describeMulti,
    explainInconsistent(state, op) {
      const mops = microOps(op);
      if (op.f !== 'txn' || mops === undefined) return `malformed multi-register op ${op.f}(${describeValue(op.input)})`;
      let s: MultiState = state;
      for (const [f, k, v] of mops) {
        const key = valueKey(k);
        if (isReadF(f) && !valueEqual(get(s, key), v)) {
          return `txn reads ${typeof k === 'string' ? k : describeValue(k)}=${describeValue(v)} but the state is ${describeMulti(s)}`;
        }
        if (isWriteF(f)) s = { ...s, [key]: v };
      }
      return `txn cannot happen in state ${describeMulti(state)}`;
    },
  };
}
