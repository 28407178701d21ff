/**
 * writeReport / writeReportFile: build the report and write report.html (the HTML writer, I/O only
 * here). `writeReportFile` is what the runner calls at the end of a run with the data it already has;
 * `writeReport` is `faultline report` (reads a run directory or a history file first).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FaultlineError } from '../core/errors.js';
import type { Verdict } from '../core/verdict.js';
import type { ReportInput } from './build-report-data.js';
import { buildReportData } from './build-report-data.js';
import type { ReportSourceOptions } from './load-report-input.js';
import { loadReportInput } from './load-report-input.js';
import { renderReportHtml } from './render-report-html.js';
import { TRUNCATION_PREFIX } from './select-report-keys.js';

/** WrittenReport says where the report went, how big it is, the verdict shown and the time taken. */
export interface WrittenReport {
  out: string;
  bytes: number;
  valid: Verdict;
  /** Client operations drawn (ok + fail + info). */
  ops: number;
  /** Operations the checkers see, as `faultline check` counts them (failed ops dropped); null when unpairable. */
  checkedOps: number | null;
  /** How many of `ops` failed (did not happen). */
  failedOps: number;
  failures: number;
  /** Client ops kept on the timeline (< ops when the history was above the report's op cap). */
  shownOps: number;
  /** What was left out, when something was (the notice shown in the page). */
  truncated?: string;
  /** Time to build the data and render the HTML (not reading nor checking), ms. */
  renderMs: number;
}

/**
 * writeReportFile renders `input` into `out` (parent directories created). Throws
 * FaultlineError('environment') when the file cannot be written.
 */
export async function writeReportFile(input: ReportInput, out: string): Promise<WrittenReport> {
  const t0 = performance.now();
  const data = buildReportData(input);
  const html = renderReportHtml(data);
  const renderMs = performance.now() - t0;
  const bytes = Buffer.byteLength(html);
  try {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, html);
  } catch (err) {
    throw new FaultlineError('environment', `cannot write ${out}: ${(err as Error).message}`, { cause: err });
  }
  const written: WrittenReport = { out, bytes, valid: data.summary.valid, ops: data.counts.ops, checkedOps: data.counts.checked, failedOps: data.counts.fail, failures: data.failures.length, shownOps: data.ops.count, renderMs };
  const truncated = data.notes.find((n) => n.startsWith(TRUNCATION_PREFIX));
  if (data.ops.count < data.counts.ops && truncated !== undefined) written.truncated = truncated;
  return written;
}

/** writeReport reads `target` (run directory or history file) and writes its report to `out` or the default place. */
export async function writeReport(target: string, options: ReportSourceOptions & { out?: string } = {}): Promise<WrittenReport> {
  const loaded = await loadReportInput(target, options);
  return writeReportFile(loaded.input, options.out ?? loaded.defaultOut);
}
