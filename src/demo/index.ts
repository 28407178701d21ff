/**
 * demo/: `faultline demo cap`, the teaching demo. cap-plan.ts turns the user's options into one
 * RunOptions per mode (same seed, same faults); cap-workload.ts (with unique-register-ops.ts) is what
 * the clients do and which checkers judge it; run-cap-demo.ts runs each mode with the runner's
 * runTest and writes the summary; the pure rest turns results into the table: availability-during-
 * faults.ts and cap-row.ts (one row per mode), format-cap-table.ts (text), explain-cap.ts (the
 * sentences), cap-summary.ts (summary.json) and render-cap-page.ts (index.html).
 */
export { CAP_MODES, CAP_DEFAULTS, CAP_NODE_COUNTS, MIN_TIME_LIMIT_MS, capRunOptions, capWriteOrder, faultIntervalMs } from './cap-plan.js';
export type { CapDemoOptions } from './cap-plan.js';
export { capWorkload, eventualChecker, CAP_WORKLOAD_DEFAULTS } from './cap-workload.js';
export type { CapWorkloadOptions } from './cap-workload.js';
export { uniqueRegisterOps } from './unique-register-ops.js';
export { availabilityDuringFaults } from './availability-during-faults.js';
export type { FaultAvailability } from './availability-during-faults.js';
export { capRow } from './cap-row.js';
export type { CapRow, RunSummaryInput } from './cap-row.js';
export { formatCapTable, capCells, CAP_COLUMNS } from './format-cap-table.js';
export { explainCap, explainRow } from './explain-cap.js';
export { buildCapSummary } from './cap-summary.js';
export type { CapSummary } from './cap-summary.js';
export { renderCapPage } from './render-cap-page.js';
export { runCapDemo } from './run-cap-demo.js';
export type { CapDemoDeps, CapDemoResult, CapProgress } from './run-cap-demo.js';
