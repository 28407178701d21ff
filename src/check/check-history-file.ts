/**
 * checkHistoryFile: read any supported history file, pair it under the source's conventions (with
 * overrides), pick the model, and run the linearizability checker. The effectful edge of
 * `faultline check`; everything it calls is a library function usable without the CLI.
 */
import type { LinearizabilityResult } from '../core/check-result.js';
import type { Conventions } from '../core/operation.js';
import { FaultlineError } from '../core/errors.js';
import type { Operation } from '../core/operation.js';
import { readAnyHistory, pairOperations, eventLocator, pairJsonlFile, CONVENTIONS_BY_FORMAT, type HistoryFormat } from '../history/index.js';
import { detectFormat } from '../history/detect-format.js';
import { readHead } from '../history/line-source.js';
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
 * EventsCheck is the outcome of checking events: the model used, how many events and operations
 * were read (`ops` counts the operations checked, after pairing drops failed ones), the client
 * outcomes as recorded (ok, fail, info; an invoke never completed is info) with the availability
 * ok / (ok + fail + info), the conventions they were read under, and the checker's result.
 */
export interface EventsCheck {
  model: string;
  events: number;
  ops: number;
  counts: OutcomeTally;
  availability: number | null;
  conventions: Conventions;
  result: LinearizabilityResult;
}

/** FileCheck is one file's outcome: an EventsCheck with the file, its format, reader warnings and `parseMs` (reading and pairing). */
export interface FileCheck extends EventsCheck {
  file: string;
  format: HistoryFormat;
  warnings: string[];
  parseMs: number;
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
  const read = await readAndPair(file, options);
  const { counts, ops, conventions, format, warnings, events } = read;
  const parseMs = performance.now() - t0;
  const modelName = options.model ?? inferModelName(ops, format);
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
    format,
    model: model.name,
    events,
    ops: ops.length,
    counts,
    availability: availability(counts),
    conventions,
    warnings,
    parseMs,
    result,
  };
}

interface ReadAndPaired {
  format: HistoryFormat;
  events: number;
  counts: OutcomeTally;
  ops: Operation[];
  conventions: Conventions;
  warnings: string[];
}

/**
 * readAndPair reads the file and pairs it. JSONL is paired while it streams (pairJsonlFile: the
 * events are never all in memory); other formats are read whole, then paired. Errors in the same
 * order either way: unreadable or malformed input, then "the history is empty", then pairing.
 */
async function readAndPair(file: string, options: CheckFileOptions): Promise<ReadAndPaired> {
  const format = options.format ?? detectFormat(await readHead(file), file);
  if (format === 'jsonl') {
    const conventions: Conventions = { ...CONVENTIONS_BY_FORMAT.jsonl, ...(options.conventions ?? {}) };
    const h = await pairJsonlFile(file, conventions);
    refuseEmpty(file, h.events, h.counts);
    if (h.pairingError !== undefined) throw h.pairingError;
    return { format, events: h.events, counts: h.counts, ops: h.ops, conventions, warnings: h.warnings };
  }
  const history = await readAnyHistory(file, { format });
  const counts = countOutcomes(history.events);
  refuseEmpty(file, history.events.length, counts);
  const conventions: Conventions = { ...history.conventions, ...(options.conventions ?? {}) };
  const ops = pairOperations(history.events, conventions, eventLocator(history.file, history.lines));
  return { format, events: history.events.length, counts, ops, conventions, warnings: history.warnings };
}

/** refuseEmpty throws the input error for a history with no client operation at all. */
function refuseEmpty(file: string, events: number, counts: OutcomeTally): void {
  if (counts.ok + counts.fail + counts.info > 0) return;
  const what = events === 0 ? 'no events' : `${events} events but no client operation`;
  throw new FaultlineError('input', `${file}: the history is empty (${what}), so there is nothing to check`, {
    hint: 'pass the history.jsonl of a run, or a Jepsen/Knossos/Porcupine history with operations',
  });
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
