/**
 * Cleaning up after crashed runs. `cleanLocalLeftovers` is the local backend's LeftoverCleaner:
 * for every registered run whose owner process is gone, it kills the run's node processes (only
 * pids whose command line still names the store program) and removes the run's temp and registry
 * directories. Runs whose owner is alive are left alone: they are not leftovers.
 *
 * Extension point: a backend that leaves other things behind (the docker backend: containers and
 * networks labelled with the run id) provides its own LeftoverCleaner; `faultline clean` runs each
 * cleaner in its CLEANERS table.
 */
import fs from 'node:fs';
import { isAlive, readRunRecords, removeRun, runsStore } from './run-registry.js';

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

/** A run directory without a readable record younger than this may be one being created right now. */
const FRESH_DIR_MS = 60_000;
const KILL_WAIT_MS = 2000;

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
    if (record.ownerPid !== process.pid && isAlive(record.ownerPid)) {
      report.skipped.push(`run ${record.runId}: still running (owner pid ${record.ownerPid}); stop it with \`faultline cluster down\` or Ctrl-C`);
      continue;
    }
    if (record.ownerPid === process.pid) continue; // our own live cluster
    const victims = record.nodes.filter((n) => n.pid !== null && runsStore(n.pid, record.storeEntry));
    for (const n of victims) {
      report.removed.push(`process ${n.pid} (node ${n.name} of run ${record.runId})`);
      if (!options.dryRun) {
        try {
          process.kill(n.pid!, 'SIGCONT');
          process.kill(n.pid!, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
    if (options.dryRun) {
      report.removed.push(`run directory ${dir}`, ...record.tempDirs.map((d) => `temp directory ${d}`));
      continue;
    }
    await waitGone(victims.map((n) => n.pid!), KILL_WAIT_MS);
    removeRun(record);
    report.removed.push(`run directory ${dir}`);
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

/** waitGone polls until no pid is alive or `timeoutMs` passed (killed children of a dead owner are reaped by init). */
export async function waitGone(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (pids.every((p) => !isAlive(p))) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}
