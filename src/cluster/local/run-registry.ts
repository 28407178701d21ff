/**
 * Run registry: one directory per running cluster under `<tmpdir>/faultline/<run-id>/`, holding
 * `pids.json` (a RunRecord) and, when the caller gave none, the nodes' data directories. It lets
 * `faultline cluster down` find a cluster started in another terminal and `faultline clean` find
 * the leftovers of runs whose owner died. Effects: synchronous file I/O (small files, also usable
 * from exit paths).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** RunNodeRecord is one node of a registered run; `pid` is null while the node is down. */
export interface RunNodeRecord {
  name: string;
  pid: number | null;
  host: string;
  clientPort: number;
  peerPort: number;
}

/** RunRecord describes one cluster run: who owns it, what it started, what to remove. */
export interface RunRecord {
  runId: string;
  /** The faultline process that started the cluster and tears it down. */
  ownerPid: number;
  /**
   * When the owner process started (clock ticks since boot, from /proc/<pid>/stat), so a dead
   * owner's pid reused by another process is not taken for the owner; absent where /proc is missing.
   */
  ownerStartTicks?: number;
  /** `cluster-up` for `faultline cluster up` (what `cluster down` stops), else `library`. */
  kind: 'cluster-up' | 'library';
  startedAt: string;
  mode: string;
  /** The store program's path: a pid is only killed if its command line contains it. */
  storeEntry: string;
  logDir: string;
  nodes: RunNodeRecord[];
  /** Directories faultline created for this run and removes with it. */
  tempDirs: string[];
}

/** registryRoot is `<tmpdir>/faultline` (FAULTLINE_REGISTRY_DIR overrides it, for tests). */
export function registryRoot(): string {
  return process.env['FAULTLINE_REGISTRY_DIR'] ?? path.join(os.tmpdir(), 'faultline');
}

/** newRunId returns a fresh, time-sortable run id such as `m3x9k2a1-12345-9f2c`. */
export function newRunId(): string {
  return `${Date.now().toString(36)}-${process.pid}-${randomBytes(2).toString('hex')}`;
}

/** runDir is the registry directory of a run (not created). */
export function runDir(runId: string): string {
  return path.join(registryRoot(), runId);
}

/** writeRunRecord creates the run's directory if needed and replaces its pids.json atomically. */
export function writeRunRecord(record: RunRecord): void {
  const dir = runDir(record.runId);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `pids.json.${process.pid}.tmp`);
  fs.writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
  fs.renameSync(tmp, path.join(dir, 'pids.json'));
}

/**
 * readRunRecords lists every registered run, oldest first. A run directory whose pids.json is
 * missing or unreadable is returned with `record: null` so a cleaner can still remove it.
 */
export function readRunRecords(): { dir: string; record: RunRecord | null }[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(registryRoot());
  } catch {
    return [];
  }
  return entries.sort().map((name) => {
    const dir = path.join(registryRoot(), name);
    try {
      return { dir, record: JSON.parse(fs.readFileSync(path.join(dir, 'pids.json'), 'utf8')) as RunRecord };
    } catch {
      return { dir, record: null };
    }
  });
}

/** removeRun deletes a run's registry directory and its temp dirs; missing paths are fine. */
export function removeRun(record: RunRecord): void {
  for (const dir of record.tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(runDir(record.runId), { recursive: true, force: true });
}

/**
 * isAlive tells whether a pid exists (signal 0; EPERM counts as alive) and is not a zombie: a
 * killed orphan stays a zombie until init reaps it, which can take seconds, but holds nothing.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust signal 0
  }
}

/**
 * processStartTicks is when process `pid` started, in clock ticks since boot (field 22 of
 * /proc/<pid>/stat); undefined when the process or /proc is missing.
 */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start with field 3, the state.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ownerAlive tells whether the process that owns `record` is still running: its pid is alive and,
 * when both are known, started when the record says (a reused pid is another process).
 */
export function ownerAlive(record: RunRecord): boolean {
  if (!isAlive(record.ownerPid)) return false;
  if (record.ownerStartTicks === undefined) return true;
  const ticks = processStartTicks(record.ownerPid);
  return ticks === undefined || ticks === record.ownerStartTicks;
}

/**
 * runsStore tells whether `pid` is a live process whose command line contains `storeEntry`
 * (read from /proc; false where /proc is missing), so a reused pid is never killed by mistake.
 */
export function runsStore(pid: number, storeEntry: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return cmdline.includes(storeEntry);
  } catch {
    return false;
  }
}
