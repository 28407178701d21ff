/**
 * Built-in models for the linearizability checker, by name. Each file holds one model as a record
 * of pure functions (src/core/model.ts) plus checker hints (checker-hints.ts); value.ts has the
 * structural equality and hashing they share.
 */
import { FaultlineError } from '../../../src/core/errors.js';
import type { HintedModel } from './checker-hints.js';
import { casRegisterModel } from './cas-register.js';
import { counterModel } from './counter.js';
import { fifoQueueModel } from './fifo-queue.js';
import { kvModel } from './kv.js';
import type { ModelOptions } from './model-ref.js';
import { rememberModelRef } from './model-ref.js';
import { multiRegisterModel } from './multi-register.js';
import { mutexModel } from './mutex.js';
import { registerModel } from './register.js';
import { setModel } from './set.js';
import { unorderedQueueModel } from './unordered-queue.js';

/** MODEL_NAMES lists the built-in models' names, as accepted by `getModel` and `--model`. */
export const MODEL_NAMES = [
  'register',
  'cas-register',
  'kv',
  'multi-register',
  'mutex',
  'set',
  'counter',
  'fifo-queue',
  'unordered-queue',
] as const;

/** ModelName is one of MODEL_NAMES. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** isModelName tells whether `name` is a built-in model's name. */
export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

function build(name: ModelName, options: ModelOptions): HintedModel<never> {
  const has = Object.hasOwn(options, 'init');
  switch (name) {
    case 'register':
      return registerModel(has ? options.init : null) as HintedModel<never>;
    case 'cas-register':
      return casRegisterModel(has ? options.init : null) as HintedModel<never>;
    case 'kv':
      return kvModel(has ? String(options.init) : '') as HintedModel<never>;
    case 'multi-register':
      return multiRegisterModel(has ? options.init : {}) as HintedModel<never>;
    case 'mutex':
      return mutexModel() as HintedModel<never>;
    case 'set':
      return setModel() as HintedModel<never>;
    case 'counter':
      return counterModel() as HintedModel<never>;
    case 'fifo-queue':
      return fifoQueueModel() as HintedModel<never>;
    case 'unordered-queue':
      return unorderedQueueModel() as HintedModel<never>;
  }
}

/**
 * getModel returns a fresh built-in model by name. `options.init` sets the initial value of the
 * register models, kv (each key's string) and multi-register (`{x: 0, y: 0}` or [[k, v], ...]).
 * Throws FaultlineError('usage') naming the known models when `name` is unknown. The model can be
 * sent to worker threads (it remembers its name and options).
 */
export function getModel(name: string, options: ModelOptions = {}): HintedModel<unknown> {
  if (!isModelName(name)) {
    throw new FaultlineError('usage', `unknown model "${name}"`, {
      hint: `use one of: ${MODEL_NAMES.join(', ')}, or a path to a module exporting a model (./my-model.js)`,
    });
  }
  const ref = Object.keys(options).length === 0 ? { kind: 'builtin' as const, name } : { kind: 'builtin' as const, name, options };
  return rememberModelRef(build(name, options), ref) as HintedModel<unknown>;
}
