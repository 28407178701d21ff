/**
 * Cleaning up after crashed runs. `cleanLocalLeftovers` is the local backend's LeftoverCleaner:
 * for every registered run whose owner process is gone, it kills the run's node processes (only
 * pids whose command line still names the store program) and removes the run's temp and registry
 * directories (reap-dead-runs.ts does the work). Runs whose owner is alive are left alone: they
 * are not leftovers.
 *
 * Extension point: a backend that leaves other things behind (the docker backend: containers and
 * networks labelled with the run id) provides its own LeftoverCleaner; `faultline clean` runs each
 * cleaner in its CLEANERS table.
 */
import fs from 'node:fs';
import { FRESH_DIR_MS, claimedByLiveReaper, isDeadRun, liveNodePids, reapRun } from './reap-dead-runs.js';
import { readRunRecords } from './run-registry.js';

export { waitGone } from './reap-dead-runs.js';

/** CleanReport lists, for people, what a cleaner removed and what it left alone (and why). */
export interface CleanReport {
  removed: string[];
  skipped: string[];
}

/** LeftoverCleaner removes one backend's leftovers of earlier runs; `dryRun` only reports. */
export interface LeftoverCleaner {
  readonly name: string;
  clean(options: { dryRun: boolean }): Promise<CleanReport>;
}

/** cleanLocalLeftovers removes the leftovers of dead local runs (see the file header). */
export async function cleanLocalLeftovers(options: { dryRun: boolean }): Promise<CleanReport> {
  const report: CleanReport = { removed: [], skipped: [] };
  for (const { dir, record } of readRunRecords()) {
    if (record === null) {
      if (ageMs(dir) < FRESH_DIR_MS) continue;
      report.removed.push(`run directory ${dir} (no readable pids.json)`);
      if (!options.dryRun) fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (record.ownerPid === process.pid || claimedByLiveReaper(dir)) continue; // our own live cluster, or being reaped
    if (!isDeadRun(record)) {
      report.skipped.push(`run ${record.runId}: still running (owner pid ${record.ownerPid}); stop it with \`faultline cluster down\` or Ctrl-C`);
      continue;
    }
    const byPid = new Map(record.nodes.map((n) => [n.pid, n.name]));
    const victims = liveNodePids(record).map((pid) => `process ${pid} (node ${byPid.get(pid) ?? '?'} of run ${record.runId})`);
    if (options.dryRun) {
      report.removed.push(...victims, `run directory ${dir}`, ...record.tempDirs.map((d) => `temp directory ${d}`));
      continue;
    }
    const reaped = await reapRun(dir, record);
    if (reaped === null) continue; // another process reaped it meanwhile
    report.removed.push(...victims, `run directory ${dir}`);
    if (reaped.survivors.length > 0) report.skipped.push(`process(es) ${reaped.survivors.join(', ')} of run ${record.runId}: did not die of SIGKILL in time`);
  }
  return report;
}

/** localProcessCleaner is cleanLocalLeftovers as a LeftoverCleaner. */
export const localProcessCleaner: LeftoverCleaner = { name: 'local processes', clean: cleanLocalLeftovers };

function ageMs(dir: string): number {
  try {
    return Date.now() - fs.statSync(dir).mtimeMs;
  } catch {
    return 0;
  }
}
