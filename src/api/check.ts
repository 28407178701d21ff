/**
 * The checking half of the public API (src/index.ts): check operations, events or a history file
 * against a model given by name or as an object. Every function returns the result objects that
 * `faultline check --json` prints, and none of them prints or exits.
 */
import type { LinearizabilityResult } from '../core/check-result.js';
import type { HistoryEvent } from '../core/event.js';
import type { Model } from '../core/model.js';
import { DEFAULT_CONVENTIONS, type Conventions, type Operation } from '../core/operation.js';
import { FaultlineError } from '../core/errors.js';
import { pairOperations } from '../history/pair.js';
import { availability, countOutcomes } from '../history/outcome-counts.js';
import { checkLinearizability, getModel, isModelName, loadModel } from '../../checkers/linearizable/index.js';
import { inferModelName } from '../check/infer-model.js';
import { isModelPath, type EventsCheck } from '../check/check-history-file.js';

export type { EventsCheck };

/**
 * ModelChoice names a model: a built-in name (`'cas-register'`, see MODEL_NAMES), a path to a model
 * module (`'./queue-model.js'`), or a model object made with `defineModel`.
 */
export type ModelChoice = string | Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** CheckOptions: every field optional. */
export interface CheckOptions {
  /** The model (default: inferred from the operations, as `faultline check` does). */
  model?: ModelChoice;
  /** The initial state of a built-in model given by name (e.g. `{ x: 0 }` for multi-register). */
  init?: unknown;
  /** Time budget for the whole check; parts left when it runs out are `unknown`. */
  timeoutMs?: number;
  /** Memory cap of the search in MB (default 2048). */
  memoryCapMb?: number;
  /** Worker threads (default: the number of cores; built-in and module models only). */
  workers?: number;
  /** Stop early: parts not yet decided become `unknown`. */
  signal?: AbortSignal;
}

/** EventsOptions adds how to read the events: the reading conventions (default: faultline's own). */
export interface EventsOptions extends CheckOptions {
  conventions?: Partial<Conventions>;
}

/** resolveModelChoice turns a ModelChoice into a model; throws FaultlineError('usage'|'input'). */
export async function resolveModelChoice(choice: ModelChoice, init?: unknown): Promise<Model<unknown>> {
  if (typeof choice !== 'string') {
    if (init !== undefined) throw new FaultlineError('usage', 'init applies to built-in models given by name; a model object has its own init()');
    return choice as Model<unknown>;
  }
  if (isModelPath(choice)) {
    if (init !== undefined) throw new FaultlineError('usage', 'init applies to built-in models only; a model module sets its own init()');
    return loadModel(choice);
  }
  if (!isModelName(choice)) {
    throw new FaultlineError('usage', `unknown model "${choice}"`, { hint: 'use a built-in name (MODEL_NAMES), a module path, or a defineModel object' });
  }
  return getModel(choice, init === undefined ? {} : { init });
}

/**
 * checkOperations checks paired operations (see `pairOperations`) against a model and resolves with
 * the linearizability result: `valid` is true, false or 'unknown', with every part's verdict and,
 * for a violation, a counterexample. Never rejects for a hard or invalid history.
 */
export async function checkOperations(ops: readonly Operation[], options: CheckOptions = {}): Promise<LinearizabilityResult> {
  const model = await resolveModelChoice(options.model ?? inferModelName(ops, 'jsonl'), options.init);
  const o: Parameters<typeof checkLinearizability>[2] = {};
  if (options.timeoutMs !== undefined) o.timeoutMs = options.timeoutMs;
  if (options.memoryCapMb !== undefined) o.memoryCapMb = options.memoryCapMb;
  if (options.workers !== undefined) o.workers = options.workers;
  if (options.signal !== undefined) o.signal = options.signal;
  return checkLinearizability(ops, model, o);
}

/**
 * checkEvents pairs history events (invoke and completion, as faultline records them or as
 * `readHistory` returns them) and checks them. A history with no client operation is an input
 * error (FaultlineError 'input'): nothing observed is not "valid".
 */
export async function checkEvents(events: readonly HistoryEvent[], options: EventsOptions = {}): Promise<EventsCheck> {
  const counts = countOutcomes(events);
  if (counts.ok + counts.fail + counts.info === 0) {
    throw new FaultlineError('input', `the history is empty (${events.length} events, no client operation), so there is nothing to check`);
  }
  const conventions: Conventions = { ...DEFAULT_CONVENTIONS, ...(options.conventions ?? {}) };
  const ops = pairOperations(events, conventions);
  const result = await checkOperations(ops, options);
  return { model: result.model, events: events.length, ops: ops.length, counts, availability: availability(counts), conventions, result };
}
