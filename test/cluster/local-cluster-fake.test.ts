import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { startLocalCluster, type LocalClusterOptions } from '../../src/cluster/local/start-local-cluster.js';
import type { LocalCluster } from '../../src/cluster/local/local-cluster.js';
import { readRunRecords } from '../../src/cluster/local/run-registry.js';
import { FAKE_NODE, alive, eventually, httpJson, isolateRegistry, tempDir } from './cluster-helpers.js';

isolateRegistry();
let cluster: LocalCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

function start(extra: Partial<LocalClusterOptions> = {}): Promise<LocalCluster> {
  return startLocalCluster({ nodes: 3, mode: 'raft', logDir: tempDir('faultline-logs-'), storeEntry: FAKE_NODE, readyTimeoutMs: 5000, ...extra });
}
const url = (c: LocalCluster, node: string, p: string): string => {
  const n = c.nodes.find((x) => x.name === node)!;
  return `http://${n.host}:${n.port}${p}`;
};
async function receivedBy(c: LocalCluster, node: string): Promise<string[]> {
  const r = await httpJson(url(c, node, '/received'));
  return (r.body as { from: string; text: string }[]).map((m) => `${m.from}:${m.text}`);
}

describe('startLocalCluster (fake node)', () => {
  it('starts N nodes, registers their pids, routes peer messages, and stop leaves no process', async () => {
    const c = (cluster = await start());
    expect(c.nodes.map((n) => n.name)).toEqual(['n1', 'n2', 'n3']);
    expect([...c.capabilities].sort()).toEqual(['clock', 'kill', 'packet-delay', 'packet-duplicate', 'packet-loss', 'partition', 'pause']);
    const pids = c.nodes.map((n) => c.pidOf(n.name)!);
    for (const pid of pids) expect(alive(pid)).toBe(true);
    for (const n of c.nodes) expect((await httpJson(url(c, n.name, '/status'))).body).toMatchObject({ id: n.name });
    const runs = readRunRecords().filter((r) => r.record?.runId === c.runId);
    expect(runs[0]?.record?.nodes.map((n) => n.pid)).toEqual(pids);
    // peer traffic flows through the router
    await httpJson(url(c, 'n1', '/send'), { method: 'POST', body: { to: 'n2', text: 'hello' } });
    await eventually(async () => expect(await receivedBy(c, 'n2')).toEqual(['n1:hello']));
    expect(c.network.stats('n1', 'n2').delivered).toBe(1);
    expect(fs.readFileSync(path.join(c.logDir!, 'n1.log'), 'utf8')).toMatch(/READY n1/);

    await c.stop();
    await c.stop(); // idempotent
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(readRunRecords().filter((r) => r.record?.runId === c.runId)).toEqual([]);
    await expect(c.kill('n1')).rejects.toThrow(/stopped/);
  });

  it('partitions by grudge and heals', async () => {
    const c = (cluster = await start());
    await c.partition({ n2: ['n1'] });
    await httpJson(url(c, 'n1', '/send'), { method: 'POST', body: { to: 'n2', text: 'lost' } });
    await httpJson(url(c, 'n2', '/send'), { method: 'POST', body: { to: 'n1', text: 'back' } });
    await eventually(async () => expect(await receivedBy(c, 'n1')).toEqual(['n2:back']));
    await eventually(async () => expect(c.network.stats('n1', 'n2').dropped).toBe(1));
    await c.healNetwork();
    await httpJson(url(c, 'n1', '/send'), { method: 'POST', body: { to: 'n2', text: 'found' } });
    await eventually(async () => expect(await receivedBy(c, 'n2')).toEqual(['n1:found']));
  });

  it('pauses and resumes, kills and restarts with the same port, and keeps clock offsets', async () => {
    const c = (cluster = await start());
    await c.setClockOffset('n1', 1500);
    expect((await httpJson(url(c, 'n1', '/status'))).body).toMatchObject({ clockOffsetMs: 1500 });

    await c.pause('n2');
    expect(c.stateOf('n2')).toBe('paused');
    await expect(httpJson(url(c, 'n2', '/status'), { timeoutMs: 300 })).rejects.toThrow();
    await c.setClockOffset('n2', -700); // recorded, applied on resume
    await c.resume('n2');
    expect(c.stateOf('n2')).toBe('running');
    expect((await httpJson(url(c, 'n2', '/status'))).body).toMatchObject({ clockOffsetMs: -700 });

    const oldPid = c.pidOf('n1')!;
    await c.kill('n1');
    expect(alive(oldPid)).toBe(false);
    expect(c.stateOf('n1')).toBe('down');
    expect(c.pidOf('n1')).toBeUndefined();
    await c.pause('n1'); // no-op on a down node
    await c.restart('n1');
    const newPid = c.pidOf('n1')!;
    expect(newPid).not.toBe(oldPid);
    expect((await httpJson(url(c, 'n1', '/status'))).body).toMatchObject({ id: 'n1', pid: newPid, clockOffsetMs: 1500 });
    const record = readRunRecords().find((r) => r.record?.runId === c.runId)?.record;
    expect(record?.nodes[0]?.pid).toBe(newPid);
    expect(fs.readFileSync(path.join(c.logDir!, 'n1.log'), 'utf8').match(/READY n1/g)).toHaveLength(2);
  });

  it('disposes with await using', async () => {
    let pids: number[] = [];
    {
      await using c = await start({ nodes: 2 });
      pids = c.nodes.map((n) => c.pidOf(n.name)!);
      for (const pid of pids) expect(alive(pid)).toBe(true);
    }
    for (const pid of pids) expect(alive(pid)).toBe(false);
  });

  it('stop kills paused nodes too', async () => {
    const c = (cluster = await start());
    await c.pause('n1');
    await c.pause('n3');
    const pids = c.nodes.map((n) => c.pidOf(n.name)!);
    await c.stop();
    for (const pid of pids) expect(alive(pid)).toBe(false);
  });

  it('uses --base-port for client ports', async () => {
    const base = 20000 + Math.floor(Math.random() * 20000);
    const c = (cluster = await start({ basePort: base }));
    expect(c.nodes.map((n) => n.port)).toEqual([base, base + 1, base + 2]);
    expect((await httpJson(url(c, 'n3', '/status'))).status).toBe(200);
  });

  // The exiting node's failure is its exit (the ready window is a safety net far beyond it). The
  // never-ready node's failure is the ready window itself: 5 s leaves a loaded machine ample time
  // to boot a node and log its "listening" line before the window closes.
  it.each([
    { name: 'a node that exits', args: ['--fail-start', 'x'], readyTimeoutMs: 60_000, msg: /node n\d exited before it was ready \(exit code 1\).*\n.*failing on purpose/ },
    { name: 'a node that never gets ready', args: ['--never-ready', 'x'], readyTimeoutMs: 5000, msg: /node n\d was not ready within 5000 ms.*\n.*listening/ },
  ])('fails with a cluster error for $name, leaving no process', async ({ args, readyTimeoutMs, msg }) => {
    const before = readRunRecords().length;
    let caught: unknown;
    try {
      await start({ storeArgs: args, readyTimeoutMs });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FaultlineError);
    expect((caught as FaultlineError).code).toBe('cluster');
    expect((caught as Error).message).toMatch(msg);
    expect((caught as FaultlineError).hint).toMatch(/n\d\.log/);
    expect(readRunRecords().length).toBe(before);
  });

  it('aborting the signal while starting stops everything', async () => {
    // The nodes never get ready, so the start can only end by the abort (not by a race with READY).
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    await expect(start({ storeArgs: ['--never-ready', 'x'], readyTimeoutMs: 600_000, signal: ac.signal })).rejects.toMatchObject({ code: 'interrupted' });
  });

  it.each([
    { opts: { nodes: 0 }, code: 'usage', msg: /--nodes/ },
    { opts: { nodes: 2.5 }, code: 'usage', msg: /--nodes/ },
    { opts: { mode: 'paxos' as never }, code: 'usage', msg: /--mode must be one of raft, lease, primary, lww, quorum/ },
    { opts: { basePort: 80 }, code: 'usage', msg: /--base-port/ },
    { opts: { storeEntry: '/nonexistent/main.js' }, code: 'environment', msg: /does not exist/ },
  ])('rejects $opts with a $code error', async ({ opts, code, msg }) => {
    await expect(start(opts)).rejects.toMatchObject({ code, message: expect.stringMatching(msg) });
  });

  it('rejects unknown nodes in fault calls', async () => {
    const c = (cluster = await start());
    await expect(c.kill('n9')).rejects.toMatchObject({ code: 'usage' });
    await expect(c.partition({ n1: ['n7'] })).rejects.toMatchObject({ code: 'usage' });
  });
});
