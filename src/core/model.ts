/**
 * Model: a sequential specification the linearizability checker searches against.
 *
 * A model is a record of small pure functions over immutable states (Porcupine's shape). `step`
 * applies one operation to a state and returns the next state, or `INCONSISTENT` when the operation's
 * recorded output is impossible in that state. For an info op (`op.status === 'info'`, output
 * unknown) `step` must return the state the op would leave if it took effect with whatever outcome
 * the store could have given; an info op that cannot take effect in a state may return INCONSISTENT
 * (the checker then linearizes it elsewhere, or never, which is always allowed).
 * States must be treated as values: `equal`/`hash` define identity for memoization.
 */
import type { Operation } from './operation.js';

/**
 * INCONSISTENT is what `step` returns when an operation cannot happen in a state. It is a registered
 * symbol, so a model module written without importing faultline can use
 * `Symbol.for('faultline.inconsistent')`.
 */
export const INCONSISTENT: unique symbol = Symbol.for('faultline.inconsistent');
export type Inconsistent = typeof INCONSISTENT;

/** Model describes a sequential object. All functions are pure. */
export interface Model<S = unknown> {
  /** Model name as used on the command line (`--model register`). */
  readonly name: string;
  /** init is the state before any operation. */
  init(): S;
  /**
   * step applies `op` to `state`. It may return several states when the op is nondeterministic
   * (an info dequeue could have removed any element); every returned state is explored.
   */
  step(state: S, op: Operation): S | Inconsistent | S[];
  /** equal tells whether two states are the same value. */
  equal(a: S, b: S): boolean;
  /** hash is consistent with `equal` (equal states hash alike). */
  hash(state: S): number;
  /**
   * partition splits a key's operations into parts that can be checked independently
   * (P-compositionality); absent means one part. Each part keeps its operations' order.
   */
  partition?(ops: readonly Operation[]): Operation[][];
  /**
   * readOnly tells whether `op` can never change any state (a read; a cas recorded as a failed
   * compare). The checker may linearize such an op eagerly; a wrong `true` gives wrong verdicts.
   */
  readOnly?(op: Operation): boolean;
  /** describeOp renders an operation for people, e.g. `write(3)` or `cas(1→2) ok`. */
  describeOp(op: Operation): string;
  /** describeState renders a state for people. */
  describeState(state: S): string;
}

/** defineModel is an identity helper so user model modules are typed plain objects. */
export function defineModel<S>(model: Model<S>): Model<S> {
  return model;
}
