// Reaping at start: a real faultline process (bin/run.js, built) is SIGKILLed while its nodes are
// SIGSTOPped; the next `faultline cluster up` or `faultline test` kills them, removes the dead run's
// directories and prints what it reaped. Run `npm run build` first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { reapDeadRuns } from '../../src/cluster/local/reap-dead-runs.js';
import { readRunRecords, runDir, type RunRecord } from '../../src/cluster/local/run-registry.js';
import { alive, isolateRegistry, tempDir } from './cluster-helpers.js';

const registry = isolateRegistry();
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/run.js');
const ENV = { FAULTLINE_REGISTRY_DIR: registry };

/** startClusterUp runs `faultline cluster up` and resolves with its output once it says it is running. */
function startClusterUp(args: string[]) {
  const up = execa(process.execPath, [BIN, 'cluster', 'up', '--log-dir', tempDir('faultline-reap-logs-'), ...args], {
    env: ENV,
    reject: false,
    all: true,
  });
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    up.all.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('running;')) resolve(out);
    });
    void up.then((r) => reject(new Error(`cluster up exited early (${String(r.exitCode)}): ${r.all}`)));
  });
  return { up, ready };
}

/** processState is the state letter of /proc/<pid>/stat (R, S, T = stopped, Z, ...), '' if gone. */
function processState(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return '';
  }
}

async function until(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * orphanPausedRun leaves what a SIGKILLed faultline leaves during a pause fault: a run whose owner
 * is dead and whose `nodes` node processes are SIGSTOPped.
 */
async function orphanPausedRun(nodes: number): Promise<{ record: RunRecord; pids: number[] }> {
  const { up, ready } = startClusterUp(['--mode', 'raft', '--nodes', String(nodes)]);
  const out = await ready;
  const runId = /run (\S+):/.exec(out)![1]!;
  const record = readRunRecords().find((r) => r.record?.runId === runId)!.record!;
  const pids = record.nodes.map((n) => n.pid!);
  expect(pids.every((p) => alive(p))).toBe(true);
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  await until('the nodes to stop', () => pids.every((p) => processState(p) === 'T'));
  up.kill('SIGKILL');
  expect((await up).signal).toBe('SIGKILL');
  for (const pid of pids) expect(processState(pid)).toBe('T'); // orphans, still stopped
  expect(fs.existsSync(runDir(runId))).toBe(true);
  return { record, pids };
}

function expectReaped(record: RunRecord, pids: number[]): void {
  for (const pid of pids) expect(alive(pid)).toBe(false);
  expect(fs.existsSync(runDir(record.runId))).toBe(false);
  for (const dir of record.tempDirs) expect(fs.existsSync(dir)).toBe(false);
  expect(readRunRecords().some((r) => r.record?.runId === record.runId)).toBe(false);
}

describe('reaping the leftovers of dead runs at start', () => {
  it('cluster up kills the SIGSTOPped nodes of a SIGKILLed faultline, removes its data dir and says so', async () => {
    const { record, pids } = await orphanPausedRun(5);
    expect(record.tempDirs.length).toBeGreaterThan(0);
    expect(fs.existsSync(record.tempDirs[0]!)).toBe(true);

    const { up, ready } = startClusterUp(['--mode', 'lww', '--nodes', '3']);
    const out = await ready;
    expect(out).toContain(`reaped 5 node processes of dead run ${record.runId} (owner pid`);
    expectReaped(record, pids);

    up.kill('SIGINT');
    expect((await up).exitCode).toBe(0);
  }, 60_000);

  it('faultline test reaps them too, before its cluster starts', async () => {
    const { record, pids } = await orphanPausedRun(3);
    const run = await execa(
      process.execPath,
      [BIN, 'test', '--nodes', '3', '--time-limit', '1s', '--nemesis', 'none', '--store', tempDir('faultline-reap-store-'), '--no-report'],
      { env: ENV, reject: false },
    );
    expect(run.stderr).toContain(`faultline: reaped 3 node processes of dead run ${record.runId} (owner pid`);
    expectReaped(record, pids);
    expect(run.exitCode).toBe(0);
  }, 90_000);

  it('two faultline processes starting at once: exactly one of them reaps (and reports) the dead run', async () => {
    const { record, pids } = await orphanPausedRun(3);
    const a = startClusterUp(['--mode', 'lww', '--nodes', '2']);
    const b = startClusterUp(['--mode', 'lww', '--nodes', '2']);
    const outs = await Promise.all([a.ready, b.ready]);
    const line = `reaped 3 node processes of dead run ${record.runId}`;
    expect(outs.filter((o) => o.includes(line))).toHaveLength(1);
    expect(outs.join('\n')).not.toContain('reaped dead run');
    expectReaped(record, pids);
    a.up.kill('SIGINT');
    b.up.kill('SIGINT');
    expect((await a.up).exitCode).toBe(0);
    expect((await b.up).exitCode).toBe(0);
  }, 90_000);

  it('never touches a run whose owner is alive, and reports nothing when nothing is dead', async () => {
    const { up, ready } = startClusterUp(['--mode', 'lww', '--nodes', '2']);
    const out = await ready;
    const runId = /run (\S+):/.exec(out)![1]!;
    const record = readRunRecords().find((r) => r.record?.runId === runId)!.record!;
    expect(await reapDeadRuns()).toEqual([]);
    for (const n of record.nodes) expect(alive(n.pid!)).toBe(true);
    expect(fs.existsSync(runDir(runId))).toBe(true);
    up.kill('SIGINT');
    expect((await up).exitCode).toBe(0);
  }, 60_000);

  it('a dead owner whose pid now belongs to another process is still dead', async () => {
    const { record: orphaned, pids } = await orphanPausedRun(2);
    const runId = orphaned.runId;
    // Pretend the owner's pid was reused: point it at a live process that started at another time.
    const file = path.join(runDir(runId), 'pids.json');
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as RunRecord;
    expect(record.ownerStartTicks).toBeTypeOf('number');
    record.ownerPid = process.pid === 1 ? process.ppid : 1;
    fs.writeFileSync(file, JSON.stringify(record));
    const lines = await reapDeadRuns();
    expect(lines).toEqual([expect.stringContaining(`reaped 2 node processes of dead run ${runId}`)]);
    expectReaped(record, pids);
  }, 60_000);
});
