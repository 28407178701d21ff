// etcd, 3 nodes, in Docker: healthy; a partitioned follower (minority) cannot serve linearizable
// reads or writes while the majority still writes, and its serializable reads are stale; kill,
// restart, pause and resume; nothing of the run is left afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDockerCluster, type DockerCluster } from '../../src/cluster/docker/index.js';
import { etcdAdapter } from '../../src/adapters/etcd/index.js';
import type { Client } from '../../src/core/client.js';
import type { NodeInfo } from '../../src/core/cluster.js';
import { bridgeName, hostRules, leftovers, op, until, valueOf } from './helpers.js';

let cluster: DockerCluster;
let bridge: string;
const linearizable = etcdAdapter();
const serializable = etcdAdapter({ serializable: true });

async function open(adapter: typeof linearizable, node: NodeInfo, timeoutMs = 10_000): Promise<Client> {
  return adapter.open(node, { nodes: cluster.nodes, timeoutMs });
}

beforeAll(async () => {
  cluster = await startDockerCluster('etcd', { nodes: 3 });
  bridge = await bridgeName(cluster.runId);
});

afterAll(async () => {
  await linearizable.close?.();
  await serializable.close?.();
  if (cluster === undefined) return;
  await cluster.stop();
  expect(await leftovers(cluster.runId)).toEqual({ containers: 0, networks: 0 });
  expect(await hostRules()).not.toContain(bridge);
});

describe('etcd in docker', () => {
  it('starts healthy with the honest capabilities', async () => {
    expect(cluster.nodes.map((n) => n.name)).toEqual(['n1', 'n2', 'n3']);
    expect(cluster.capabilities.has('partition')).toBe(true);
    expect(cluster.capabilities.has('clock')).toBe(false);
    expect(cluster.unavailable.get('clock')).toMatch(/vDSO/);
    await expect(cluster.setClockOffset('n1', 1000)).rejects.toThrow(/clock.*not available/);
    const c = await open(linearizable, cluster.nodes[0]!);
    expect(await op(c, { f: 'write', key: 'k', value: 1 })).toMatchObject({ type: 'ok', node: 'n1' });
    for (const node of cluster.nodes) {
      expect(await op(await open(linearizable, node), { f: 'read', key: 'k', value: null })).toMatchObject({ type: 'ok', value: 1 });
    }
    expect(await op(c, { f: 'cas', key: 'k', value: [1, 2] })).toMatchObject({ type: 'ok' });
    expect(await op(c, { f: 'cas', key: 'k', value: [1, 3] })).toMatchObject({ type: 'fail', error: 'compare-failed' });
    expect(await op(c, { f: 'read', key: 'missing', value: null })).toMatchObject({ type: 'ok', value: null });
  });

  it('partition: majority writes, minority linearizable reads time out (info), serializable reads are stale', async () => {
    const leader = await linearizable.findLeader!(cluster.nodes);
    expect(leader).toBeDefined();
    const minority = cluster.nodes.find((n) => n.name !== leader)!;
    const majority = cluster.nodes.filter((n) => n.name !== minority.name);
    const onMajority = await open(linearizable, majority[0]!);
    expect(await op(onMajority, { f: 'write', key: 'p', value: 1 })).toMatchObject({ type: 'ok' });
    // Wait until the minority has applied the old value, so a stale read means exactly 1.
    const staleReader = await open(serializable, minority);
    await until(async () => (await op(staleReader, { f: 'read', key: 'p', value: null })).type === 'ok', 30_000);

    const others = majority.map((n) => n.name);
    // How fast a partition applies is measured by `npm run bench` (bench/docker-bench.ts), not here.
    await cluster.partition({ [minority.name]: others, ...Object.fromEntries(others.map((o) => [o, [minority.name]])) });
    const rules = await cluster.exec(minority.name, ['iptables', '-S', 'INPUT']);
    expect(rules.stdout).toContain(`-A INPUT -s ${cluster.ipOf(others[0]!)}/32 -j DROP`);

    const written = await until(async () => (await op(onMajority, { f: 'write', key: 'p', value: 2 }, 10_000)).type === 'ok', 60_000);
    expect(written).toBe(true);
    const minorityRead = await op(await open(linearizable, minority, 1500), { f: 'read', key: 'p', value: null }, 5000);
    expect(minorityRead.type).toBe('info');
    const stale = await op(staleReader, { f: 'read', key: 'p', value: null });
    expect(stale).toMatchObject({ type: 'ok', value: 1, node: minority.name });
    // A local read (the final reads' kind) is serializable even through the linearizable adapter.
    const local = await op(await open(linearizable, minority), { f: 'read', key: 'p', value: null, local: true });
    expect(local).toEqual({ type: 'ok', value: 1, node: minority.name });
    const minorityWrite = await op(await open(linearizable, minority, 1500), { f: 'write', key: 'q', value: 9 }, 5000);
    expect(minorityWrite.type).toBe('info');

    await cluster.healNetwork();
    expect((await cluster.exec(minority.name, ['iptables', '-S', 'INPUT'])).stdout).not.toContain('DROP');
    const caughtUp = await until(async () => valueOf(await op(staleReader, { f: 'read', key: 'p', value: null })) === 2, 60_000);
    expect(caughtUp).toBe(true);
  });

  it('kill and restart keep the data; pause and resume', async () => {
    const n3 = cluster.nodes[2]!;
    const c = await open(linearizable, cluster.nodes[0]!);
    expect(await op(c, { f: 'write', key: 'kr', value: 7 })).toMatchObject({ type: 'ok' });
    await cluster.kill('n3');
    expect(cluster.stateOf('n3')).toBe('down');
    // The address is gone: the connection attempt times out (info) or is refused (fail); never ok.
    expect((await op(await open(linearizable, n3, 800), { f: 'read', key: 'kr', value: null })).type).not.toBe('ok');
    await cluster.restart('n3');
    expect(cluster.stateOf('n3')).toBe('running');
    const back = await until(async () => valueOf(await op(await open(linearizable, n3), { f: 'read', key: 'kr', value: null })) === 7, 60_000);
    expect(back).toBe(true);

    await cluster.pause('n2');
    expect((await op(await open(linearizable, cluster.nodes[1]!, 800), { f: 'read', key: 'kr', value: null })).type).toBe('info');
    await cluster.resume('n2');
    const resumed = await until(async () => valueOf(await op(await open(linearizable, cluster.nodes[1]!), { f: 'read', key: 'kr', value: null })) === 7, 60_000);
    expect(resumed).toBe(true);
  });
});
