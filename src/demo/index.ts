/**
 * demo/: `faultline demo <chapter>`, the teaching demos. chapter.ts says what a chapter is (its
 * runs, its faults, its columns, its sentences) and turns the user's options into one RunOptions per
 * run (same seed, same faults); chapters/ holds cap, quorum, clocks and split-brain; fault-script.ts
 * scripts the faults of the chapters that need them at fixed times. cap-workload.ts (with
 * unique-register-ops.ts) is what the clients do and which checkers judge it; run-demo.ts runs each
 * variant with the runner's runTest and writes the summary; the pure rest turns results into the
 * table: availability-during-faults.ts and demo-row.ts (one row per run), demo-columns.ts (cells),
 * format-demo-table.ts (text), demo-summary.ts (summary.json) and render-demo-page.ts (index.html).
 * Every text goes through messages/ (en.ts and zh.ts, one catalog per language).
 */
export type { Chapter, ChapterName, DemoOptions, Variant, ExplainContext } from './chapter.js';
export { DEMO_RATE, checkDemoOptions, demoRunOptions, faultIntervalMs } from './chapter.js';
export { CHAPTERS } from './chapters/index.js';
export { CAP_CHAPTER, CAP_MODES, capWriteOrder, explainCapRow } from './chapters/cap.js';
export { CLOCKS_CHAPTER, clocksFaults, clockJumpMs, explainClocksRow } from './chapters/clocks.js';
export { SPLIT_BRAIN_CHAPTER, splitBrainFaults, explainSplitBrainRow } from './chapters/split-brain.js';
export { QUORUM_CHAPTER, QUORUM_SETTINGS, QUORUM_REPLICAS, quorumVariant, explainQuorumRow } from './chapters/quorum.js';
export { faultScript } from './fault-script.js';
export type { FaultStep } from './fault-script.js';
export { capWorkload, eventualChecker, CAP_WORKLOAD_DEFAULTS } from './cap-workload.js';
export type { CapWorkloadOptions } from './cap-workload.js';
export { uniqueRegisterOps } from './unique-register-ops.js';
export { availabilityDuringFaults } from './availability-during-faults.js';
export type { FaultAvailability } from './availability-during-faults.js';
export { demoRow } from './demo-row.js';
export type { DemoRow, RunSummaryInput } from './demo-row.js';
export { demoCell, demoCells, demoHeadings, COLUMN_HEADINGS } from './demo-columns.js';
export type { DemoColumn } from './demo-columns.js';
export { formatDemoTable } from './format-demo-table.js';
export { displayWidth, padEndDisplay } from './display-width.js';
export { buildDemoSummary } from './demo-summary.js';
export type { DemoSummary, DemoSchedule } from './demo-summary.js';
export { renderDemoPage } from './render-demo-page.js';
export { runDemo, chosenVariants } from './run-demo.js';
export type { DemoDeps, DemoResult, DemoProgress } from './run-demo.js';
export { CATALOGS, LANGS, parseLang, placeholders, translator } from './messages/catalog.js';
export type { Catalog, Lang, MessageKey, Translate } from './messages/catalog.js';
