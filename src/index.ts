/**
 * faultline's public API (`import { ... } from 'faultline'`): everything needed to use faultline
 * from a program or a test suite instead of the command line. The CLI is built on the same
 * functions, and they return the same objects its `--json` prints. Docker-backed clusters are in
 * `faultline/docker`, so importing this entry never loads the Docker client. docs/library.md has
 * examples.
 *
 * - Check: `checkOperations`, `checkEvents`, `checkHistoryFile` (linearizability, with a built-in
 *   model by name, a model module's path, or a `defineModel` object); `checkSet`, `checkCounter`,
 *   `checkEventual` (the other checkers, on events).
 * - Histories: `readHistory` (faultline JSONL, Jepsen/Knossos EDN, Jepsen logs, Porcupine kv logs),
 *   `pairOperations` (events to operations under reading conventions), `HistoryWriter`, `toJepsenEdn`.
 * - Extend: `defineModel`, `defineAdapter`, `defineWorkload`, generators (Jepsen's combinators).
 * - Run: `test` (faultline test as a function), `prepareTest` + `runTest` (the same in two steps),
 *   `localBackend`; `writeReport` (the HTML report of a run or a history file).
 */

// The contracts.
export type { HistoryEvent, EventType, Process } from './core/event.js';
export type { Operation, OpStatus, Conventions } from './core/operation.js';
export { DEFAULT_CONVENTIONS } from './core/operation.js';
export type { Model, Inconsistent } from './core/model.js';
export { INCONSISTENT, defineModel } from './core/model.js';
export type { Adapter, Client, OpenOptions, OpRequest, Outcome } from './core/client.js';
export { defineAdapter } from './core/client.js';
export type { Capability, NodeInfo, Grudge, PacketFaults, StartedCluster } from './core/cluster.js';
export type { Verdict } from './core/verdict.js';
export { mergeVerdicts, verdictExitCode, verdictLabel } from './core/verdict.js';
export type { ErrorCode } from './core/errors.js';
export { FaultlineError, exitCodeFor } from './core/errors.js';
export type { LinearizabilityResult, PartResult, Counterexample, OpSummary } from './core/check-result.js';

// Checking.
export { checkOperations, checkEvents } from './api/check.js';
export type { CheckOptions, EventsOptions, EventsCheck, ModelChoice } from './api/check.js';
export { checkHistoryFile } from './check/check-history-file.js';
export type { CheckFileOptions, FileCheck } from './check/check-history-file.js';
export { getModel, MODEL_NAMES, isModelName } from '../checkers/linearizable/models/index.js';
export type { ModelName } from '../checkers/linearizable/models/index.js';
export { checkSet } from '../checkers/set.js';
export type { SetResult, SetKeyResult } from '../checkers/set.js';
export { checkCounter } from '../checkers/counter.js';
export type { CounterResult, CounterKeyResult } from '../checkers/counter.js';
export { checkEventual } from '../checkers/eventual/index.js';
export type { EventualOptions } from '../checkers/eventual/index.js';
export { countOutcomes, availability } from './history/outcome-counts.js';
export type { OutcomeTally } from './history/outcome-counts.js';

// Histories.
export { readAnyHistory as readHistory, CONVENTIONS_BY_FORMAT } from './history/read-any-history.js';
export type { AnyHistory, ReadAnyOptions } from './history/read-any-history.js';
export { HISTORY_FORMATS, detectFormat } from './history/detect-format.js';
export type { HistoryFormat } from './history/detect-format.js';
export { pairOperations, operationsByKey } from './history/pair.js';
export { HistoryWriter } from './history/history-writer.js';
export type { HistoryWriterOptions } from './history/history-writer.js';
export { formatEvent } from './history/format-event.js';
export { toJepsenEdn } from './history/to-jepsen-edn.js';

// Workloads and generators.
export { defineWorkload, buildWorkload, WORKLOAD_NAMES, registerWorkload, multiRegisterWorkload, setWorkload, counterWorkload } from '../workloads/index.js';
export type { Workload, WorkloadOptions, Checker, CheckerOutcome, CheckContext, FinalReads } from '../workloads/index.js';
export * as generators from './generator/index.js';
export type { Generator, GenLike, OpTemplate, GenContext } from './generator/generator.js';

// Running.
export { test } from './api/test.js';
export type { TestRunOptions, TestRun } from './api/test.js';
export { prepareTest } from './api/prepare-test.js';
export type { PrepareOptions, PreparedTest } from './api/prepare-test.js';
export type { TestConfig } from './config/index.js';
export { runTest } from './runner/run-test.js';
export type { RunDeps, RunResult } from './runner/run-test.js';
export type { RunOptions, Backend, RunEvent, RunPhase } from './runner/run-options.js';
export { localBackend } from './runner/local-backend.js';
export type { RunnerAdapter } from './adapters/adapter-extras.js';
export { writeReport } from './report/write-report.js';
export type { WrittenReport } from './report/write-report.js';
