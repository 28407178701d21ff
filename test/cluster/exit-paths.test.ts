import fs from 'node:fs';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanLocalLeftovers } from '../../src/cluster/local/clean-local-leftovers.js';
import { readRunRecords, runDir } from '../../src/cluster/local/run-registry.js';
import { stopClusterUp } from '../../src/cluster/local/stop-cluster-up.js';
import { alive, isolateRegistry } from './cluster-helpers.js';
import { waitGone } from '../../src/cluster/local/clean-local-leftovers.js';

const registry = isolateRegistry();
const OWNER = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'owner.ts');
const OWNER_OPTIONS = { env: { FAULTLINE_REGISTRY_DIR: registry }, reject: false, buffer: false, stdout: 'pipe' } as const;
type Owner = ResultPromise<typeof OWNER_OPTIONS>;
const owners: Owner[] = [];
afterAll(() => {
  for (const o of owners) o.kill('SIGKILL');
});

// Start an owner process (through tsx, so no build is needed) and wait for its STARTED line.
async function startOwner(behaviour: string): Promise<{ owner: Owner; runId: string; pids: number[] }> {
  const owner = execa(process.execPath, ['--import', 'tsx', OWNER, behaviour], OWNER_OPTIONS);
  owners.push(owner);
  const started = await new Promise<{ runId: string; pids: number[] }>((resolve, reject) => {
    let out = '';
    owner.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /STARTED (.*)\n/.exec(out);
      if (m) resolve(JSON.parse(m[1]!));
    });
    void owner.then((r) => reject(new Error(`owner exited early: ${String(r.exitCode)}`)));
  });
  for (const pid of started.pids) expect(alive(pid)).toBe(true);
  return { owner, ...started };
}

describe('exit paths leave no node process', () => {
  it.each([
    { how: 'SIGINT (Ctrl-C)', behaviour: 'hold', act: (o: Owner) => o.kill('SIGINT'), expectSignal: 'SIGINT' },
    { how: 'SIGTERM', behaviour: 'hold', act: (o: Owner) => o.kill('SIGTERM'), expectSignal: 'SIGTERM' },
    { how: 'an uncaught exception', behaviour: 'crash', act: () => true, expectSignal: undefined },
  ])('on $how the owner dies and its nodes with it', async ({ behaviour, act, expectSignal }) => {
    const { owner, pids } = await startOwner(behaviour);
    act(owner);
    const result = await owner;
    if (expectSignal !== undefined) expect(result.signal).toBe(expectSignal);
    else expect(result.exitCode).not.toBe(0);
    expect(await waitGone(pids, 20_000)).toBe(true);
  }, 180_000);

  it('faultline clean kills the nodes of a SIGKILLed owner, removes its run, and spares live runs', async () => {
    const live = await startOwner('hold');
    const dead = await startOwner('hold');
    dead.owner.kill('SIGKILL');
    await dead.owner;
    for (const pid of dead.pids) expect(alive(pid)).toBe(true); // orphans: what clean is for

    const dry = await cleanLocalLeftovers({ dryRun: true });
    expect(dry.removed.some((l) => l.includes(`process ${dead.pids[0]}`))).toBe(true);
    for (const pid of dead.pids) expect(alive(pid)).toBe(true);

    const report = await cleanLocalLeftovers({ dryRun: false });
    expect(await waitGone(dead.pids, 20_000)).toBe(true);
    expect(fs.existsSync(runDir(dead.runId))).toBe(false);
    expect(report.removed.filter((l) => l.startsWith('process '))).toHaveLength(3);
    expect(report.skipped.some((l) => l.includes(live.runId))).toBe(true);
    for (const pid of live.pids) expect(alive(pid)).toBe(true);
    expect(fs.existsSync(runDir(live.runId))).toBe(true);

    live.owner.kill('SIGINT');
    await live.owner;
    expect(await waitGone(live.pids, 20_000)).toBe(true);
  }, 180_000);

  it('clean never kills a pid that no longer runs the store', async () => {
    const { owner, runId, pids } = await startOwner('hold');
    owner.kill('SIGKILL');
    await owner;
    // Pretend one pid was reused by an unrelated process: point it at ourselves.
    const file = path.join(runDir(runId), 'pids.json');
    const record = JSON.parse(fs.readFileSync(file, 'utf8'));
    record.nodes[0].pid = process.pid;
    fs.writeFileSync(file, JSON.stringify(record));
    const report = await cleanLocalLeftovers({ dryRun: false });
    expect(report.removed.filter((l) => l.startsWith('process '))).toHaveLength(2);
    expect(alive(process.pid)).toBe(true);
    for (const pid of pids.slice(1)) expect(alive(pid)).toBe(false);
    process.kill(pids[0]!, 'SIGKILL'); // the real node 1, which the record no longer named
  }, 180_000);

  it('cluster down stops a `cluster up` run through its owner', async () => {
    const { owner, runId, pids } = await startOwner('cluster-up');
    const stopped = await stopClusterUp();
    expect(stopped).toEqual([runId]);
    const result = await owner;
    expect(result.exitCode).toBe(0);
    expect(await waitGone(pids, 20_000)).toBe(true);
    expect(readRunRecords().filter((r) => r.record?.runId === runId)).toEqual([]);
    await expect(stopClusterUp()).rejects.toMatchObject({ code: 'usage' });
  }, 180_000);
});
