/**
 * Model references: how a model object is recreated inside a worker thread. Built-in models are
 * named (with their options); user models are a module path. A model with no reference is checked
 * on the calling thread only.
 */

/** ModelRef names a model a worker can rebuild: a built-in by name and options, or a user module. */
export type ModelRef =
  | { kind: 'builtin'; name: string; options?: ModelOptions }
  | { kind: 'module'; path: string; exportName?: string };

/** ModelOptions configure built-in models: `init` is the initial value/state where a model has one. */
export interface ModelOptions {
  init?: unknown;
}

const refs = new WeakMap<object, ModelRef>();

/** rememberModelRef records how to rebuild `model` elsewhere; returns the model. */
export function rememberModelRef<M extends object>(model: M, ref: ModelRef): M {
  refs.set(model, ref);
  return model;
}

/** modelRefOf returns how to rebuild `model`, or undefined when it cannot leave this thread. */
export function modelRefOf(model: object): ModelRef | undefined {
  return refs.get(model);
}
