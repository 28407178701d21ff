/**
 * Runner: drives a test on the real clock. `run-test.ts` orchestrates; `drive-generator.ts` runs a
 * generator against a ProcessPool (`client-workers.ts` for clients, `nemesis-worker.ts` for faults);
 * `final-reads.ts` reads every node after the heal until they agree; `recorder.ts` numbers and streams events; `run-dir.ts` lays out store/<name>/<timestamp>/;
 * `op-store.ts` (with `chunked-column.ts`, `value-column.ts`) keeps the history paired in typed
 * columns for the checkers, so no event is kept in memory; `run-checkers.ts` judges the history; `local-backend.ts` and `docker-backend.ts` are the Backends. The runner emits RunEvents; it never draws.
 */
export { runTest, summarize } from './run-test.js';
export type { RunDeps, RunResult, LatenessSummary } from './run-test.js';
export type { RunOptions, Backend, RunEvent, RunPhase } from './run-options.js';
export { MemoryRecorder, Recorder } from './recorder.js';
export type { EventSink, OutcomeCounts } from './recorder.js';
export { RunClock, sleepMs } from './run-clock.js';
export { driveGenerator } from './drive-generator.js';
export type { ProcessPool } from './drive-generator.js';
export { ClientWorkers } from './client-workers.js';
export { NemesisWorker } from './nemesis-worker.js';
export { createRunDir, linkLatest, runTimestamp, writeJson } from './run-dir.js';
export { runCheckers } from './run-checkers.js';
export { localBackend } from './local-backend.js';
export { dockerBackend, checkNemesesOn, connectDockerEngine, DOCKER_SETUP_HINT } from './docker-backend.js';
export type { DockerBackend, DockerBackendOptions } from './docker-backend.js';
export { junitXml } from './junit-xml.js';
