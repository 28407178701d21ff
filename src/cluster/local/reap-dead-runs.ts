/**
 * Reaping dead runs: a run in the registry whose owner (the faultline process that started it) is
 * gone — SIGKILLed, or crashed past every exit path — may have left node processes running, or
 * SIGSTOPped by a pause fault, and a data directory. `reapDeadRuns` kills those nodes, waits
 * (bounded) for them to die and removes the run's directories. `faultline test` and `faultline
 * cluster up` call it before starting a cluster; `faultline clean` (clean-local-leftovers.ts) uses
 * `reapRun` too. Runs whose owner is alive are never touched. Effects: signals, file removal.
 */
import fs from 'node:fs';
import { isAlive, ownerAlive, readRunRecords, runsStore, type RunRecord } from './run-registry.js';

/** How long to wait for killed nodes to disappear; a stopped process dies of SIGKILL at once. */
export const KILL_WAIT_MS = 2000;

/** A run directory without a readable record younger than this may be one being created right now. */
export const FRESH_DIR_MS = 60_000;

/** isDeadRun tells whether `record` belongs to a run whose owner is gone (never our own runs). */
export function isDeadRun(record: RunRecord): boolean {
  return record.ownerPid !== process.pid && !ownerAlive(record);
}

/** liveNodePids lists the run's recorded node pids that still run the store program. */
export function liveNodePids(record: RunRecord): number[] {
  return record.nodes.map((n) => n.pid).filter((p): p is number => p !== null && runsStore(p, record.storeEntry));
}

/** ReapedRun is what reapRun did: the pids it killed, and those still alive after the wait. */
export interface ReapedRun {
  killed: number[];
  survivors: number[];
}

/**
 * reapRun kills a dead run's node processes (SIGKILL, which also ends a SIGSTOPped process; then
 * SIGCONT, harmless), waits at most `killWaitMs` for them to die — it never hangs — and removes
 * the run's registry directory `dir` and its temp dirs. Returns null when another process claimed
 * the run first: the directory is claimed by renaming it, so two faultline processes starting at
 * once never both reap (or report) the same run.
 */
export async function reapRun(dir: string, record: RunRecord, killWaitMs = KILL_WAIT_MS): Promise<ReapedRun | null> {
  const claimed = `${dir}.reaping-${process.pid}`;
  try {
    fs.renameSync(dir, claimed);
  } catch {
    return null; // gone, or claimed by another reaper
  }
  const pids = liveNodePids(record);
  for (const pid of pids) {
    for (const signal of ['SIGKILL', 'SIGCONT'] as const) {
      try {
        process.kill(pid, signal);
      } catch {
        // gone meanwhile
      }
    }
  }
  await waitGone(pids, killWaitMs);
  for (const d of record.tempDirs) fs.rmSync(d, { recursive: true, force: true });
  fs.rmSync(claimed, { recursive: true, force: true });
  return { killed: pids, survivors: pids.filter(isAlive) };
}

/**
 * reapDeadRuns reaps every dead run in the registry (see the file header) and returns one line per
 * thing reaped, for people: e.g. `reaped 5 node processes of dead run <id> (owner pid 1234 is gone)`.
 * Returns [] when there was nothing to reap.
 */
export async function reapDeadRuns(killWaitMs = KILL_WAIT_MS): Promise<string[]> {
  const lines: string[] = [];
  for (const { dir, record } of readRunRecords()) {
    if (record === null) {
      if (ageMs(dir) < FRESH_DIR_MS) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      lines.push(`removed run directory ${dir} (no readable pids.json)`);
      continue;
    }
    if (!isDeadRun(record) || claimedByLiveReaper(dir)) continue;
    const reaped = await reapRun(dir, record, killWaitMs);
    if (reaped === null) continue;
    const n = reaped.killed.length;
    lines.push(
      n === 0
        ? `reaped dead run ${record.runId} (owner pid ${record.ownerPid} is gone; no node process was left)`
        : `reaped ${n} node process${n === 1 ? '' : 'es'} of dead run ${record.runId} (owner pid ${record.ownerPid} is gone)`,
    );
    if (reaped.survivors.length > 0) {
      lines.push(`node process(es) ${reaped.survivors.join(', ')} of dead run ${record.runId} did not die within ${killWaitMs} ms`);
    }
  }
  return lines;
}

/** waitGone polls until no pid is alive or `timeoutMs` passed; true when all are gone. */
export async function waitGone(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (pids.every((p) => !isAlive(p))) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * claimedByLiveReaper tells whether `dir` is a run that a live process (this one included) is
 * reaping right now; a claim left by a reaper that died is free to take again.
 */
export function claimedByLiveReaper(dir: string): boolean {
  const m = /\.reaping-(\d+)$/.exec(dir);
  return m !== null && isAlive(Number(m[1]));
}

function ageMs(dir: string): number {
  try {
    return Date.now() - fs.statSync(dir).mtimeMs;
  } catch {
    return 0;
  }
}
