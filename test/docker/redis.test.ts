// Redis primary + replicas + Sentinel in Docker: healthy; isolating the primary makes Sentinel
// promote a replica while a client beside the old primary keeps writing to it (split brain); after
// the heal those acknowledged writes are gone. Clock faults reach redis-server through the interposer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDockerCluster, type DockerCluster } from '../../src/cluster/docker/index.js';
import { redisAdapter } from '../../src/adapters/redis/index.js';
import type { Client } from '../../src/core/client.js';
import type { NodeInfo } from '../../src/core/cluster.js';
import { leftovers, op, until, valueOf } from './helpers.js';

let cluster: DockerCluster;
const adapter = redisAdapter({ refreshMs: 300 });

async function open(node: NodeInfo, timeoutMs = 10_000): Promise<Client> {
  return adapter.open(node, { nodes: cluster.nodes, timeoutMs });
}

beforeAll(async () => {
  cluster = await startDockerCluster('redis', { nodes: 3 });
});

afterAll(async () => {
  if (cluster === undefined) return;
  await cluster.stop();
  expect(await leftovers(cluster.runId)).toEqual({ containers: 0, networks: 0 });
});

describe('redis with sentinel in docker', () => {
  it('starts with n1 as primary; get/set/cas/sets work through any node', async () => {
    expect(await adapter.findLeader!(cluster.nodes)).toBe('n1');
    const c2 = await open(cluster.nodes[1]!);
    expect(await op(c2, { f: 'write', key: 'r', value: 1 })).toMatchObject({ type: 'ok', node: 'n1' });
    expect(await op(c2, { f: 'cas', key: 'r', value: [1, 2] })).toMatchObject({ type: 'ok' });
    expect(await op(c2, { f: 'cas', key: 'r', value: [1, 3] })).toMatchObject({ type: 'fail', error: 'compare-failed' });
    expect(await op(c2, { f: 'read', key: 'r', value: null })).toMatchObject({ type: 'ok', value: 2 });
    for (const v of [3, 1, 2]) expect(await op(c2, { f: 'add', key: 's', value: v })).toMatchObject({ type: 'ok' });
    expect(await op(c2, { f: 'read', key: 's', value: null })).toMatchObject({ type: 'ok', value: [1, 2, 3] });
    expect(await op(c2, { f: 'read', key: 'none', value: null })).toMatchObject({ type: 'ok', value: null });
    // A local read (the final reads' kind) is answered by the replica itself, not the primary.
    const c3 = await open(cluster.nodes[2]!);
    const onReplica = await until(async () => {
      const r = await op(c3, { f: 'read', key: 's', value: null, local: true });
      return r.type === 'ok' && JSON.stringify(r.value) === '[1,2,3]' ? r : undefined;
    }, 10_000);
    expect(onReplica).toEqual({ type: 'ok', value: [1, 2, 3], node: 'n3' });
  });

  it('isolated primary: Sentinel promotes a replica, both sides accept writes, the old side loses them', async () => {
    const [n1, n2] = cluster.nodes as [NodeInfo, NodeInfo, NodeInfo];
    const nearOld = await open(n1);
    const nearNew = await open(n2);
    expect(await op(nearNew, { f: 'add', key: 'lost', value: 0 })).toMatchObject({ type: 'ok', node: 'n1' });
    await cluster.partition({ n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] });
    const promoted = await until(async () => {
      const leader = await adapter.findLeader!([n2, cluster.nodes[2]!, n1]); // asks n2's Sentinel first
      return leader !== undefined && leader !== 'n1' ? leader : undefined;
    }, 30_000, 250);
    expect(promoted).toMatch(/^n[23]$/);
    // Split brain: the client beside n1 still writes to n1, the other to the new primary.
    const oldSide: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const o = await op(nearOld, { f: 'add', key: 'lost', value: i });
      if (o.type === 'ok') {
        expect(o.node).toBe('n1');
        oldSide.push(i);
      }
    }
    expect(oldSide.length).toBeGreaterThan(0);
    const newSide = await until(async () => (await op(nearNew, { f: 'add', key: 'lost', value: 100 })).type === 'ok', 60_000);
    expect(newSide).toBe(true);
    // Local reads see each side's own copy: n1 holds its lone writes, the new primary none of them.
    const onOld = await op(nearOld, { f: 'read', key: 'lost', value: null, local: true });
    expect(onOld).toMatchObject({ type: 'ok', node: 'n1' });
    expect(valueOf(onOld)).toEqual(expect.arrayContaining(oldSide));
    const onNew = await op(await open(cluster.nodes.find((n) => n.name === promoted)!), { f: 'read', key: 'lost', value: null, local: true });
    expect(onNew).toMatchObject({ type: 'ok', node: promoted });
    expect(valueOf(onNew)).toContain(100);
    expect((valueOf(onNew) as number[]).filter((v) => oldSide.includes(v))).toEqual([]);
    await cluster.healNetwork();
    // n1 rejoins as a replica of the new primary and drops what it accepted alone.
    const rejoined = await until(async () => (await cluster.exec('n1', ['redis-cli', 'info', 'replication'])).stdout.includes('role:slave'), 30_000, 500);
    expect(rejoined).toBe(true);
    const final = await until(async () => {
      const r = await op(nearOld, { f: 'read', key: 'lost', value: null });
      return r.type === 'ok' && r.node !== 'n1' ? (valueOf(r) as number[]) : undefined;
    }, 60_000);
    expect(final).toContain(100);
    const lost = oldSide.filter((v) => !final!.includes(v));
    expect(lost.length).toBeGreaterThan(0);
  });
  // Last: a clock jump sends the node's Sentinel into TILT mode for 30 s (it reads the same skewed clock).
  it('clock skew reaches redis-server (TIME) through the LD_PRELOAD interposer', async () => {
    expect(cluster.capabilities.has('clock')).toBe(true);
    const time = async (): Promise<number> => Number((await cluster.exec('n2', ['redis-cli', '-p', '6379', '--raw', 'TIME'])).stdout.split('\n')[0]);
    const before = await time();
    await cluster.setClockOffset('n2', 3_600_000);
    const shifted = await until(async () => (await time()) - before > 3500, 30_000, 100);
    expect(shifted).toBe(true);
    expect(Math.abs((await cluster.exec('n1', ['redis-cli', '--raw', 'TIME'])).stdout.split('\n').map(Number)[0]! - Date.now() / 1000)).toBeLessThan(60); // vs the 3600 s skew
    await cluster.setClockOffset('n2', 0);
    expect(await until(async () => Math.abs((await time()) - Date.now() / 1000) < 60, 30_000, 100)).toBe(true);
  });
});
