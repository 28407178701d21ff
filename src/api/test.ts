/**
 * test: `faultline test` as a function. It starts the cluster, runs the workload under the nemeses,
 * checks the history and resolves with the verdict and the run directory, printing nothing and
 * never exiting the process. Options are faultline.config.json's (e.g. `{ db: 'builtin', mode: 'lww',
 * nemesis: ['partition'], timeLimit: '10s', seed: 1 }`); a config file in `cwd` is merged unless
 * `configFile: false`.
 */
import type { TestConfig } from '../config/index.js';
import { runTest, type RunResult } from '../runner/run-test.js';
import type { RunEvent } from '../runner/run-options.js';
import { prepareTest, type PrepareOptions } from './prepare-test.js';

/** TestRunOptions: how to run, beside what to test. */
export interface TestRunOptions extends PrepareOptions {
  /** Abort the run: faultline heals, stops the cluster and keeps the history (verdict from what ran). */
  signal?: AbortSignal;
  /** Progress: phases, outcome counts, the current fault. */
  onEvent?: (e: RunEvent) => void;
}

/** TestRun is runTest's result plus the seed used (to repeat the run). */
export type TestRun = RunResult & { seed: number };

/** test runs one test; rejects with FaultlineError for bad options or a cluster that cannot start. */
export async function test(config: TestConfig, options: TestRunOptions = {}): Promise<TestRun> {
  const { run, output, backend, adapter, workload } = await prepareTest(config, options);
  const result = await runTest(run, {
    backend,
    adapter,
    workload,
    report: output.report,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
  });
  return { ...result, seed: run.seed };
}
