/**
 * stopClusterUp stops clusters started by `faultline cluster up` in another terminal: it sends
 * SIGTERM to each owner process (which tears its cluster down as on Ctrl-C) and waits up to
 * `timeoutMs` (default 5000) for the run to disappear from the registry; if the owner does not
 * manage, it kills the run's nodes itself and removes the run. `runId` selects one run; otherwise
 * every running `cluster up` is stopped. Throws a `usage` FaultlineError when there is none.
 * Returns the run ids stopped.
 */
import fs from 'node:fs';
import { FaultlineError } from '../../core/errors.js';
import { waitGone } from './reap-dead-runs.js';
import { isAlive, ownerAlive, readRunRecords, removeRun, runDir, runsStore } from './run-registry.js';

export async function stopClusterUp(options: { runId?: string; timeoutMs?: number } = {}): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const runs = readRunRecords()
    .map((r) => r.record)
    .filter((r) => r !== null && r.kind === 'cluster-up' && ownerAlive(r))
    .filter((r) => options.runId === undefined || r!.runId === options.runId);
  if (runs.length === 0) {
    throw new FaultlineError(
      'usage',
      options.runId === undefined ? 'no cluster started by `faultline cluster up` is running' : `no running cluster with run id ${options.runId}`,
      { hint: 'leftovers of crashed runs are removed by `faultline clean`' },
    );
  }
  const stopped: string[] = [];
  for (const run of runs) {
    if (run === null) continue;
    try {
      process.kill(run.ownerPid, 'SIGTERM');
    } catch {
      // owner gone meanwhile
    }
    const end = Date.now() + timeoutMs;
    while (fs.existsSync(runDir(run.runId)) && isAlive(run.ownerPid) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 25));
    }
    if (fs.existsSync(runDir(run.runId))) {
      const pids = run.nodes.map((n) => n.pid).filter((p): p is number => p !== null && runsStore(p, run.storeEntry));
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      await waitGone(pids, 2000);
      removeRun(run);
    }
    stopped.push(run.runId);
  }
  return stopped;
}
