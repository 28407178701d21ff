/**
 * report/: the self-contained HTML report (`faultline report`, `faultline serve`).
 *
 * Pure data (tested without a browser): timeline-ops.ts (column arrays of client ops; assign-lanes.ts,
 * op-text.ts), fault-windows.ts (nemesis start/stop → shaded windows), counterexample-overlay.ts
 * (failures mapped onto the timeline; set-overlays.ts and counter-final-overlay.ts for the set and
 * counter checkers, over client-ops.ts; format-elements.ts), latency-series.ts, availability.ts, normalize-results.ts and
 * verdict-summary.ts; build-report-data.ts assembles them into ReportData. Rendering (pure strings):
 * render-report-html.ts with render-sections.ts, report-style.ts, report-script.ts (the page's
 * script: page/*.ts bundled by bundle-report-page.ts) and html-escape.ts. I/O edges: load-report-input.ts (run dir or history file; runs the
 * checker when needed), write-report.ts (written-report-line.ts: the CLI's line), list-runs.ts + render-run-index.ts + serve-store.ts.
 */
export { buildReportData, encodeOps, decodeCallNs } from './build-report-data.js';
export type { ReportData, ReportInput, EncodedOps } from './build-report-data.js';
export { renderReportHtml } from './render-report-html.js';
export { writeReport, writeReportFile } from './write-report.js';
export { writtenReportLine } from './written-report-line.js';
export type { WrittenReport } from './write-report.js';
export { loadReportInput, checkEvents, defaultReportPath, RUN_FILES } from './load-report-input.js';
export type { LoadedReport, ReportSourceOptions } from './load-report-input.js';
export { normalizeResults } from './normalize-results.js';
export type { CheckerOutcomeLike } from './normalize-results.js';
export { listRuns } from './list-runs.js';
export type { RunEntry } from './list-runs.js';
export { serveStore, SERVE_HOST } from './serve-store.js';
export type { StartedServer } from './serve-store.js';
export { buildTimelineOps } from './timeline-ops.js';
export { buildFaultWindows } from './fault-windows.js';
export type { FaultWindow } from './fault-windows.js';
