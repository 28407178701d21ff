/**
 * loadReportInput: the effectful edge that gathers what a report shows from disk — a run directory
 * (`history.jsonl`, `test.json`, `results.json` as src/runner writes them) or a bare history file in
 * any supported format, for which the linearizability checker is run here (model from `--model` or
 * inferred from the ops, as `faultline check` does).
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { HistoryEvent } from '../core/event.js';
import { FaultlineError, inputError } from '../core/errors.js';
import { type EventLocator, eventLocator, pairOperations, readAnyHistory } from '../history/index.js';
import type { HistoryFormat } from '../history/index.js';
import { inferModelName } from '../check/infer-model.js';
import { checkLinearizability, getModel, isModelName, loadModel } from '../../checkers/linearizable/index.js';
import type { Conventions } from '../core/operation.js';
import { DEFAULT_CONVENTIONS } from '../core/operation.js';
import type { ReportInput } from './build-report-data.js';
import { loadRunHistory } from './load-run-history.js';
import type { ReportTotals } from './streamed-totals.js';
import type { CheckerOutcomeLike } from './normalize-results.js';
import { normalizeResults } from './normalize-results.js';

/** ReportSourceOptions: model (name or module path) and check budget for histories without results. */
export interface ReportSourceOptions {
  model?: string;
  format?: HistoryFormat;
  timeoutMs?: number;
  workers?: number;
  /** The generation time shown in the report (default: now). */
  now?: Date;
  /** Client ops a run directory's report keeps whole (default REPORT_OP_CAP; see loadRunHistory). */
  opCap?: number;
}

/** LoadedReport is a report's input plus where its report.html goes by default. */
export interface LoadedReport {
  input: ReportInput;
  defaultOut: string;
}

/** RUN_FILES: the files of a run directory the report reads. */
export const RUN_FILES = { history: 'history.jsonl', test: 'test.json', results: 'results.json', report: 'report.html' } as const;

/**
 * loadReportInput reads `target` (a run directory or a history file). Throws FaultlineError:
 * `input` for a missing path, a run directory without history.jsonl, malformed JSON (naming the
 * file), or a malformed history; `usage` for an unknown model name.
 */
export async function loadReportInput(target: string, options: ReportSourceOptions = {}): Promise<LoadedReport> {
  const info = await stat(target).catch((err: unknown) => {
    throw new FaultlineError('input', `${target}: no such run directory or history file`, {
      hint: 'pass a run directory (store/<test>/<timestamp>) or a history file',
      cause: err,
    });
  });
  const now = (options.now ?? new Date()).toISOString();
  return info.isDirectory() ? loadRunDir(target, options, now) : loadHistoryFile(target, options, now);
}

async function loadRunDir(given: string, options: ReportSourceOptions, now: string): Promise<LoadedReport> {
  // store/latest is a symlink: name the run by its real directory (test name and timestamp).
  const dir = await realpath(given).catch(() => given);
  const historyPath = join(dir, RUN_FILES.history);
  if (!(await exists(historyPath))) {
    throw new FaultlineError('input', `${given}: not a run directory (no ${RUN_FILES.history})`, {
      hint: 'a run directory is store/<test-name>/<timestamp>/ as written by `faultline test`',
    });
  }
  const testJson = await readJsonIfPresent(join(dir, RUN_FILES.test));
  const resultsPath = join(dir, RUN_FILES.results);
  const resultsJson = await readJsonIfPresent(resultsPath);
  let results: CheckerOutcomeLike[] = resultsJson === undefined ? [] : normalizeResults(resultsJson, resultsPath);
  const checkNow = results.length === 0 || (options.model !== undefined && !results.some((r) => r.checker === 'linearizable'));
  const notes: string[] = [];
  let events: HistoryEvent[];
  let conventions: Conventions = DEFAULT_CONVENTIONS;
  let totals: ReportTotals | undefined;
  if (!checkNow && (options.format === undefined || options.format === 'jsonl')) {
    // The usual case: results recorded, so the report need not keep every op (bounded memory).
    const history = await loadRunHistory(historyPath, results, { ...(options.opCap === undefined ? {} : { cap: options.opCap }) });
    events = history.events;
    totals = history.totals;
    notes.push(...history.warnings);
    if (history.note !== undefined) notes.push(history.note);
  } else {
    // Checking now needs the whole history in memory anyway.
    const history = await readAnyHistory(historyPath, options.format === undefined ? { format: 'jsonl' } : { format: options.format });
    events = history.events;
    conventions = history.conventions;
    notes.push(...history.warnings);
    if (checkNow) {
      const checked = await checkEvents(history.events, history.format, history.conventions, options, eventLocator(history.file, history.lines));
      results = [...results, checked.result];
      notes.push(`${resultsJson === undefined ? 'no results.json: ' : ''}linearizability checked now with model ${checked.model}`);
    }
  }
  if (isRecord(resultsJson) && resultsJson['interrupted'] === true) notes.push('the run was interrupted: results are partial');
  const test = isRecord(testJson) ? testJson : undefined;
  const name = test !== undefined && typeof test['name'] === 'string' ? test['name'] : basename(dirname(dir)) || basename(dir);
  const input: ReportInput = { title: `${name} · ${basename(dir)}`, source: dir, events, results, generatedAt: now, notes, conventions };
  if (totals !== undefined) input.totals = totals;
  if (test !== undefined) input.test = test;
  return { input, defaultOut: join(dir, RUN_FILES.report) };
}

async function loadHistoryFile(file: string, options: ReportSourceOptions, now: string): Promise<LoadedReport> {
  const history = await readAnyHistory(file, options.format === undefined ? {} : { format: options.format });
  const checked = await checkEvents(history.events, history.format, history.conventions, options, eventLocator(history.file, history.lines));
  const notes = [...history.warnings, `${history.format} history checked for linearizability with model ${checked.model}`];
  const input: ReportInput = { title: basename(file), source: file, events: history.events, results: [checked.result], generatedAt: now, notes, conventions: history.conventions };
  return { input, defaultOut: defaultReportPath(file) };
}

/** defaultReportPath: `report.html` next to a `history.jsonl`, else `<name>.report.html` next to the file. */
export function defaultReportPath(historyFile: string): string {
  const base = basename(historyFile);
  if (base === RUN_FILES.history) return join(dirname(historyFile), RUN_FILES.report);
  const stem = extname(base) === '' ? base : base.slice(0, -extname(base).length);
  return join(dirname(historyFile), `${stem}.report.html`);
}

/**
 * checkEvents runs the linearizability checker on `events` read under `conventions`, with the model
 * given (a built-in name or a module path) or inferred. Resolves with the result as a checker outcome.
 * `locate` names events by file:line in pairing errors (default: by position).
 */
export async function checkEvents(
  events: readonly HistoryEvent[],
  format: string,
  conventions: Conventions = DEFAULT_CONVENTIONS,
  options: ReportSourceOptions = {},
  locate?: EventLocator,
): Promise<{ model: string; result: CheckerOutcomeLike }> {
  const ops = pairOperations(events, conventions, locate);
  const name = options.model ?? inferModelName(ops, format);
  const isPath = /[\\/]/.test(name) || /\.(c|m)?(j|t)s$/.test(name);
  if (!isPath && !isModelName(name)) {
    throw new FaultlineError('usage', `unknown model "${name}"`, { hint: 'use a built-in model name (see `faultline check --help`) or a path to a model module' });
  }
  const model = isPath ? await loadModel(name) : getModel(name);
  const checkOptions: Parameters<typeof checkLinearizability>[2] = {};
  if (options.timeoutMs !== undefined) checkOptions.timeoutMs = options.timeoutMs;
  if (options.workers !== undefined) checkOptions.workers = options.workers;
  const result = await checkLinearizability(ops, model, checkOptions);
  return { model: model.name, result: result as unknown as CheckerOutcomeLike };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function readJsonIfPresent(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw inputError(path, undefined, `cannot read: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw inputError(path, undefined, `not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
