// Integration: real clusters of the compiled built-in store (run `npx tsc -p tsconfig.build.json`
// first). Each test shows one mode's promised behaviour under a fault; none asserts a timing.
import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCluster, type StoreMode } from '../../src/cluster/local/start-local-cluster.js';
import type { LocalCluster } from '../../src/cluster/local/local-cluster.js';
import { defaultStoreEntry } from '../../src/cluster/local/store-entry.js';
import { alive, eventually, isolateRegistry, tempDir } from './cluster-helpers.js';
import { clientsFor, waitForLeader, type StoreClient } from './store-client.js';

isolateRegistry();
let cluster: LocalCluster | undefined;
let clients: Record<string, StoreClient> = {};
let pids: number[] = [];

beforeAll(() => {
  if (!fs.existsSync(defaultStoreEntry())) throw new Error(`${defaultStoreEntry()} is missing: run npx tsc -p tsconfig.build.json first`);
});
afterEach(async () => {
  for (const c of Object.values(clients)) c.close();
  await cluster?.stop();
  for (const pid of pids) expect(alive(pid)).toBe(false); // no node process left after stop
  cluster = undefined;
  clients = {};
  pids = [];
});

async function start(mode: StoreMode, nodes: number, storeArgs: string[] = []): Promise<LocalCluster> {
  cluster = await startLocalCluster({ nodes, mode, logDir: tempDir(`faultline-${mode}-logs-`), seed: 11, storeArgs });
  clients = clientsFor(cluster.nodes);
  pids = cluster.nodes.map((n) => cluster!.pidOf(n.name)!);
  return cluster;
}
const names = (c: LocalCluster): string[] => c.nodes.map((n) => n.name);
/** isolate returns the grudge that cuts `side` from every other node, both ways. */
function isolate(c: LocalCluster, side: readonly string[]): Record<string, string[]> {
  const other = names(c).filter((n) => !side.includes(n));
  return Object.fromEntries([...side.map((n) => [n, other]), ...other.map((n) => [n, [...side]])]);
}

describe('built-in store on the local backend', () => {
  it('raft (5 nodes): elects one leader, replicates, followers forward, and the minority side of a partition refuses or times out', async () => {
    const c = await start('raft', 5);
    const leader = await waitForLeader(clients, names(c));
    const write = await clients[leader]!.put('x', 'v0');
    expect(write).toMatchObject({ status: 200, body: { ok: true, value: 'v0' } });
    // A follower forwards to the leader (through the router, like every peer message).
    const follower = names(c).find((n) => n !== leader)!;
    expect(await clients[follower]!.put('x', 'v1')).toMatchObject({ status: 200, body: { ok: true, value: 'v1' } });
    expect(await clients[leader]!.get('x')).toMatchObject({ status: 200, body: { value: 'v1' } });

    // Replicated: with the leader killed, the others elect a new one that still has the write.
    await c.kill(leader);
    const rest = names(c).filter((n) => n !== leader);
    const second = await waitForLeader(clients, rest);
    expect(second).not.toBe(leader);
    expect(await clients[second]!.get('x')).toMatchObject({ status: 200, body: { value: 'v1' } });
    await c.restart(leader);

    // Partition: the current leader and one follower (a minority) against three.
    const minority = [second, rest.find((n) => n !== second)!];
    const majority = names(c).filter((n) => !minority.includes(n));
    await c.partition(isolate(c, minority));
    const refused = await Promise.all(minority.map((n) => clients[n]!.put('x', `minority-${n}`, 1500)));
    for (const r of refused) expect([503, 504]).toContain(r.status);
    const third = await waitForLeader(clients, majority);
    const majorityFollower = majority.find((n) => n !== third)!;
    expect(await clients[majorityFollower]!.put('x', 'v2')).toMatchObject({ status: 200 });
    for (const n of minority) expect([503, 504]).toContain((await clients[n]!.get('x', 500)).status);
    // Not-leader only when no leader is known: the minority, once it knows none, says so at once.
    await eventually(async () => {
      for (const n of minority) expect((await clients[n]!.status()).body['leader']).toBeNull();
    });
    for (const n of minority) expect((await clients[n]!.put('x', 'nope', 300)).body).toEqual({ error: 'not-leader', leader: null });

    await c.healNetwork();
    const healed = await waitForLeader(clients, names(c));
    expect(await clients[healed]!.get('x')).toMatchObject({ status: 200, body: { value: 'v2' } });
  }, 180_000);

  it('primary (3 nodes): loses an acknowledged write after a failover', async () => {
    const c = await start('primary', 3);
    const primary = await waitForLeader(clients, names(c));
    expect(await clients[primary]!.put('k', 'replicated')).toMatchObject({ status: 200 });
    await eventually(async () => {
      for (const n of names(c)) expect((await clients[n]!.status()).body['commitIndex']).toBe(1);
    });
    await c.partition(isolate(c, [primary]));
    // The isolated primary still acknowledges writes that can never reach a replica.
    expect(await clients[primary]!.put('k', 'doomed')).toMatchObject({ status: 200, body: { ok: true } });
    const others = names(c).filter((n) => n !== primary);
    const next = await waitForLeader(clients, others);
    expect(next).not.toBe(primary);
    await c.healNetwork();
    const after = await waitForLeader(clients, names(c));
    expect(after).toBe(next);
    await eventually(async () => {
      expect(await clients[next]!.get('k')).toMatchObject({ status: 200, body: { value: 'replicated' } });
      expect((await clients[primary]!.status()).body).toMatchObject({ role: 'replica', leader: next });
    });
  }, 180_000);

  it('lww (3 nodes): accepts writes on both sides of a partition and converges after the heal', async () => {
    const c = await start('lww', 3);
    await c.partition(isolate(c, ['n1']));
    expect(await clients['n1']!.put('k', 'left')).toMatchObject({ status: 200 });
    expect(await clients['n2']!.put('k', 'right')).toMatchObject({ status: 200 });
    // Each side sees its own write: the partition really split the store.
    expect((await clients['n1']!.get('k')).body['value']).toBe('left');
    await eventually(async () => expect((await clients['n3']!.get('k')).body['value']).toBe('right'));
    expect((await clients['n1']!.get('k')).body['value']).toBe('left');
    await c.healNetwork();
    await eventually(async () => {
      const values = await Promise.all(names(c).map(async (n) => (await clients[n]!.get('k')).body['value']));
      expect(new Set(values).size).toBe(1);
      expect(['left', 'right']).toContain(values[0]);
    });
  }, 180_000);

  // The leader's lease is measured on its own clock (read in the store: leaseUntil = sentAt + leaseMs
  // on the skewed clock, so the sign that stretches a lease is a clock set back, a negative offset).
  // Check-quorum (on monotonic time) deposes a leader that hears no majority for an election timeout,
  // so the old leader must keep hearing acknowledgements: the links into it are slowed step by step
  // (each step half an election timeout) to 10 s, then the others stop hearing it. For
  // the next 10 s it still receives the acks sent before, stays leader, and — only with its clock set
  // back — answers reads from its lease while the others have elected a new leader and written.
  // The election timeout is 2 s (not the default 300 ms) so that a loaded machine, where a process
  // can stall for hundreds of ms, does not depose the leader during the ramp.
  it.each([
    { skewMs: -60_000, stale: true },
    { skewMs: 0, stale: false },
  ])('lease (3 nodes): with clock offset $skewMs the deposed leader serves a stale read: $stale', async ({ skewMs, stale }) => {
    const c = await start('lease', 3, ['--election-timeout-ms', '2000', '--heartbeat-ms', '100', '--lease-ms', '1500']);
    const leader = await waitForLeader(clients, names(c));
    expect(await clients[leader]!.put('k', 'old')).toMatchObject({ status: 200 });
    await c.setClockOffset(leader, skewMs);
    for (let delayMs = 1000; delayMs <= 10_000; delayMs += 1000) {
      await c.setPacketFaults({ delayMs }, [leader]);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await clients[leader]!.status()).body['role']).toBe('leader');
    const others = names(c).filter((n) => n !== leader);
    await c.partition(Object.fromEntries(others.map((n) => [n, [leader]])));
    const next = await waitForLeader(clients, others);
    expect(await clients[next]!.put('k', 'new')).toMatchObject({ status: 200 });
    const reply = await clients[leader]!.get('k', 500);
    if (stale) expect(reply).toMatchObject({ status: 200, body: { value: 'old' } });
    else expect(reply.status).not.toBe(200);
  }, 180_000);
});
