/**
 * Checker hints: optional extras a model can carry beyond the core `Model` contract, used by the
 * linearizability checker for speed and for readable counterexamples. Built-in models have them;
 * user models work without them.
 */
import type { Model } from '../../../src/core/model.js';
import type { Operation } from '../../../src/core/operation.js';

/** SEVERAL marks an array returned by `step` as a list of possible next states. */
export const SEVERAL: unique symbol = Symbol('several-states');

/** Several is a tagged list of possible next states (see `several`). */
export type Several<S> = S[] & { [SEVERAL]: true };

/** several tags `states` as "any of these" so that array-valued states stay unambiguous. */
export function several<S>(states: S[]): Several<S> {
  return Object.assign(states, { [SEVERAL]: true as const });
}

/** ImpossibleOp is an operation that cannot be linearized anywhere, with the reason. */
export interface ImpossibleOp {
  op: Operation;
  reason: string;
}

/**
 * CheckerHints are the extras. `taggedSeveral`: only arrays made by `several` are lists of states
 * (a model whose states may be arrays must set it). `findImpossible`: a cheap, sound pre-check over a
 * whole part that returns an op no linearization can contain (e.g. a read of a value nobody wrote),
 * or undefined. `explainInconsistent`: why `step(state, op)` is INCONSISTENT, for people.
 */
export interface CheckerHints<S> {
  // `valueDiscipline` (see ValueDiscipline) lets the search prune states that strand an op forever.
  readonly taggedSeveral?: boolean;
  /**
   * observes tells whether an ok op's outcome depended on the state (a read, a cas, a dequeue): the
   * evidence rule (checkers/linearizable/evidence.ts) needs one such op per part. Absent: every ok op.
   */
  observes?(op: Operation): boolean;
  findImpossible?(ops: readonly Operation[]): ImpossibleOp | undefined;
  explainInconsistent?(state: S, op: Operation): string;
  readonly valueDiscipline?: ValueDiscipline<S>;
}

/**
 * ValueDiscipline describes models whose state is one value (a register): `stateKey(state)` is the
 * state's canonical key; `required(op)` is the key an ok op can only be linearized at (a read's
 * output, a successful cas's `from`), or undefined; `produced(op)` is the key the state has after op
 * takes effect when it changes the state (a write's input, a cas's `to`), or undefined; `compared(op)`
 * is the key a cas compares with, whatever its status or outcome. Contract:
 * a state with key u is the initial state or was entered by linearizing an op that produces u.
 */
export interface ValueDiscipline<S> {
  stateKey(state: S): string;
  required(op: Operation): string | undefined;
  produced(op: Operation): string | undefined;
  /** compared is the key an op compares the state with whatever its status (a cas's `from`). */
  compared(op: Operation): string | undefined;
  /**
   * mayProduce, for ops whose result depends on the state (`produced` is undefined: an append), tells
   * whether the op can leave the state with key `key`. Absent: such ops never change the state.
   */
  mayProduce?(op: Operation, key: string): boolean;
  /**
   * exactProducers: every state change is a `produced` op or compares with the old value
   * (`compared`); no op changes the state in a way that depends on it otherwise (no append); and
   * an info op with `compared(op)` = k leaves every state whose key is not k unchanged (a cas).
   */
  readonly exactProducers?: boolean;
  /**
   * canReach tells whether ops other than `produced` ones (appends) can turn a state with key `from`
   * into one with key `to`; with `deadState`, a state from which no pending ok op's required key is
   * reachable is replaced by `deadState` (see wgl.ts, optimization g). `deadState` must not reach any
   * required key itself; `produced` ops must not depend on the state.
   */
  canReach?(from: string, to: string): boolean;
  readonly deadState?: S;
}

/** HintedModel is a model with checker hints. */
export type HintedModel<S = unknown> = Model<S> & CheckerHints<S>;

/**
 * nextStates normalises the result of `model.step` to a list of states (empty = inconsistent).
 * Pure. Untagged arrays count as several states only for models without `taggedSeveral`.
 */
export function nextStates<S>(model: HintedModel<S>, result: unknown, inconsistent: symbol): S[] {
  if (result === inconsistent) return [];
  if (Array.isArray(result) && ((result as Partial<Several<S>>)[SEVERAL] === true || model.taggedSeveral !== true)) {
    return result as S[];
  }
  return [result as S];
}
