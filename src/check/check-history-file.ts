/**
 * checkHistoryFile: read any supported history file, pair it under the source's conventions (with
 * overrides), pick the model, and run the linearizability checker. The effectful edge of
 * `faultline check`; everything it calls is a library function usable without the CLI.
 */
import type { LinearizabilityResult } from '../core/check-result.js';
import type { Conventions } from '../core/operation.js';
import { FaultlineError } from '../core/errors.js';
import { readAnyHistory, pairOperations, eventLocator, type HistoryFormat } from '../history/index.js';
import { availability, countOutcomes, type OutcomeTally } from '../history/outcome-counts.js';
import { checkLinearizability, getModel, loadModel } from '../../checkers/linearizable/index.js';
import { inferModelName } from './infer-model.js';

/** CheckFileOptions: every field optional; unset means "detect" or the checker's default. */
export interface CheckFileOptions {
  format?: HistoryFormat;
  /** A built-in model name or a path to a model module. */
  model?: string;
  /** The initial state of a built-in model (e.g. `{"x":0,"y":0}` for multi-register). */
  init?: unknown;
  timeoutMs?: number;
  memoryCapMb?: number;
  workers?: number;
  conventions?: Partial<Conventions>;
  signal?: AbortSignal;
}

/**
 * FileCheck is one file's outcome. `parseMs` covers reading and pairing; the result has check time.
 * `ops` counts the operations checked (after pairing drops failed ones); `counts` are the client
 * outcomes as recorded (ok, fail, info; an invoke never completed is info) and `availability` is
 * ok / (ok + fail + info).
 */
export interface FileCheck {
  file: string;
  format: HistoryFormat;
  model: string;
  events: number;
  ops: number;
  counts: OutcomeTally;
  availability: number | null;
  conventions: Conventions;
  warnings: string[];
  parseMs: number;
  result: LinearizabilityResult;
}

/** isModelPath tells a model module path from a built-in model name. */
export function isModelPath(model: string): boolean {
  return /[\\/]/.test(model) || /\.(c|m)?(j|t)s$/.test(model);
}

/**
 * checkHistoryFile checks one file; throws FaultlineError('input') for unreadable or malformed input
 * (pairing errors name file and line) and for a history with no client operation at all (an empty
 * file is not evidence of anything).
 */
export async function checkHistoryFile(file: string, options: CheckFileOptions = {}): Promise<FileCheck> {
  const t0 = performance.now();
  const history = await readAnyHistory(file, options.format === undefined ? {} : { format: options.format });
  const counts = countOutcomes(history.events);
  if (counts.ok + counts.fail + counts.info === 0) {
    const what = history.events.length === 0 ? 'no events' : `${history.events.length} events but no client operation`;
    throw new FaultlineError('input', `${file}: the history is empty (${what}), so there is nothing to check`, {
      hint: 'pass the history.jsonl of a run, or a Jepsen/Knossos/Porcupine history with operations',
    });
  }
  const conventions: Conventions = { ...history.conventions, ...(options.conventions ?? {}) };
  const ops = pairOperations(history.events, conventions, eventLocator(history.file, history.lines));
  const parseMs = performance.now() - t0;
  const modelName = options.model ?? inferModelName(ops, history.format);
  if (isModelPath(modelName) && options.init !== undefined) {
    throw new FaultlineError('usage', '--init applies to built-in models only; a model module sets its own init()');
  }
  const model = isModelPath(modelName)
    ? await loadModel(modelName)
    : getModel(modelName, options.init === undefined ? {} : { init: options.init });
  const checkOptions: Parameters<typeof checkLinearizability>[2] = {};
  if (options.timeoutMs !== undefined) checkOptions.timeoutMs = options.timeoutMs;
  if (options.memoryCapMb !== undefined) checkOptions.memoryCapMb = options.memoryCapMb;
  if (options.workers !== undefined) checkOptions.workers = options.workers;
  if (options.signal !== undefined) checkOptions.signal = options.signal;
  const result = await checkLinearizability(ops, model, checkOptions);
  return {
    file,
    format: history.format,
    model: model.name,
    events: history.events.length,
    ops: ops.length,
    counts,
    availability: availability(counts),
    conventions,
    warnings: history.warnings,
    parseMs,
    result,
  };
}

/** parseDurationMs reads "500ms", "30s", "2m" or a bare number of seconds; throws a usage error. */
export function parseDurationMs(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) {
    throw new FaultlineError('usage', `${flag} must be a duration like 500ms, 30s or 2m, got "${text}"`);
  }
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
  return Math.round(n * factor);
}
