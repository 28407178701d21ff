/**
 * Integration tests of the built-in store: real node processes on loopback, peers connected through
 * in-test link proxies (so links can be cut), every process SIGKILLed in afterEach. They assert the
 * behaviour each mode promises, not timings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, startStoreCluster, waitFor, type TestCluster } from './store-cluster.js';

let cluster: TestCluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

const ids = ['n1', 'n2', 'n3'];

/** leaderAmong waits until exactly one of `among` is leader (raft/lease) and the others agree. */
async function leaderAmong(c: TestCluster, among: string[], role = 'leader'): Promise<string> {
  return waitFor(async () => {
    const statuses = await Promise.all(among.map((id) => call(c.port(id), 'GET', '/status')));
    const leaders = statuses.filter((s) => s.body['role'] === role);
    if (leaders.length !== 1) return undefined;
    const leader = leaders[0]!.body['id'] as string;
    return statuses.every((s) => s.body['leader'] === leader) ? leader : undefined;
  }, 30_000, `one ${role} among ${among.join(',')}`);
}

describe('built-in store (integration)', () => {
  it('raft: elects one leader, replicates, forwards from a follower, refuses on the minority side', async () => {
    const c = (cluster = await startStoreCluster('raft', 3, { proxied: true }));
    const leader = await leaderAmong(c, ids);
    const follower = ids.find((id) => id !== leader)!;
    expect(await call(c.port(leader), 'PUT', '/kv/x', { value: 1 })).toMatchObject({ status: 200 });
    expect(await call(c.port(leader), 'GET', '/kv/x')).toEqual({ status: 200, body: { value: 1 } });
    // A follower that knows the leader forwards: the write commits and a read anywhere sees it.
    expect(await call(c.port(follower), 'PUT', '/kv/x', { value: 2 })).toEqual({ status: 200, body: { ok: true, value: 2 } });
    expect(await call(c.port(leader), 'GET', '/kv/x')).toEqual({ status: 200, body: { value: 2 } });
    expect(await call(c.port(follower), 'POST', '/kv/x/cas', { from: 2, to: 5 })).toEqual({ status: 200, body: { ok: true, value: 5 } });
    expect(await call(c.port(follower), 'GET', '/kv/x')).toEqual({ status: 200, body: { value: 5 } });

    c.proxies!.isolate(leader);
    const rest = ids.filter((id) => id !== leader);
    const next = await leaderAmong(c, rest);
    expect(await call(c.port(next), 'PUT', '/kv/x', { value: 3 })).toMatchObject({ status: 200 });
    const minorityWrite = await call(c.port(leader), 'PUT', '/kv/x?timeout_ms=300', { value: 4 });
    expect([503, 504]).toContain(minorityWrite.status);
    const minorityRead = await call(c.port(leader), 'GET', '/kv/x?timeout_ms=300');
    expect([503, 504]).toContain(minorityRead.status);
    // Once the cut-off node knows no leader, it refuses at once (not-leader, no leader named).
    await waitFor(async () => ((await call(c.port(leader), 'GET', '/status')).body['leader'] === null ? true : undefined), 30_000, 'the cut-off node to know no leader');
    expect(await call(c.port(leader), 'PUT', '/kv/x', { value: 6 })).toEqual({ status: 503, body: { error: 'not-leader', leader: null } });

    c.proxies!.heal();
    await waitFor(async () => ((await call(c.port(leader), 'GET', '/status')).body['role'] === 'follower' ? true : undefined), 30_000, 'old leader to step down');
    const final = await leaderAmong(c, ids);
    expect(await call(c.port(final), 'GET', '/kv/x')).toEqual({ status: 200, body: { value: 3 } });
  }, 180_000);

  it('lease: a leader whose clock is set back serves a stale read after losing leadership', async () => {
    const c = (cluster = await startStoreCluster('lease', 3, { proxied: true }));
    const leader = await leaderAmong(c, ids);
    expect(await call(c.port(leader), 'PUT', '/kv/x', { value: 1 })).toMatchObject({ status: 200 });
    expect(await call(c.port(leader), 'POST', '/control/clock', { offsetMs: -60_000 })).toMatchObject({ status: 200 });
    await new Promise((r) => setTimeout(r, 100)); // a heartbeat round on the skewed clock
    c.proxies!.isolate(leader);
    const next = await leaderAmong(c, ids.filter((id) => id !== leader));
    expect(await call(c.port(next), 'PUT', '/kv/x', { value: 2 })).toMatchObject({ status: 200 });
    expect(await call(c.port(leader), 'GET', '/kv/x')).toEqual({ status: 200, body: { value: 1 } });
  }, 180_000);

  it('lww: accepts writes on both sides of a partition and converges after the heal', async () => {
    const c = (cluster = await startStoreCluster('lww', 3, { proxied: true }));
    c.proxies!.partition(['n1']);
    for (const [id, v] of [['n1', 'a'], ['n2', 'b'], ['n3', 'c']] as const) {
      expect(await call(c.port(id), 'PUT', '/kv/x', { value: v })).toMatchObject({ status: 200 });
      expect(await call(c.port(id), 'POST', '/kv/s/add', { value: v })).toMatchObject({ status: 200 });
      expect(await call(c.port(id), 'POST', '/kv/c/incr', { value: 1 })).toMatchObject({ status: 200 });
    }
    c.proxies!.heal();
    const converged = await waitFor(async () => {
      const reads = await Promise.all(ids.map(async (id) => JSON.stringify([
        (await call(c.port(id), 'GET', '/kv/x')).body, (await call(c.port(id), 'GET', '/kv/s')).body, (await call(c.port(id), 'GET', '/kv/c')).body,
      ])));
      return reads.every((r) => r === reads[0]) ? (JSON.parse(reads[0]!) as Record<string, unknown>[]) : undefined;
    }, 30_000, 'lww replicas to converge');
    expect(['a', 'b', 'c']).toContain(converged[0]!['value']);
    expect(converged[1]).toEqual({ value: ['a', 'b', 'c'] });
    expect(converged[2]).toEqual({ value: 3 });
  }, 180_000);

  it('primary: an isolated primary acknowledges writes that are lost after failover', async () => {
    const c = (cluster = await startStoreCluster('primary', 3, { proxied: true }));
    expect(await call(c.port('n2'), 'PUT', '/kv/x', { value: 0 })).toEqual({ status: 503, body: { error: 'not-leader', leader: 'n1' } });
    expect(await call(c.port('n1'), 'PUT', '/kv/x', { value: 1 })).toMatchObject({ status: 200 });
    await waitFor(async () => ((await call(c.port('n2'), 'GET', '/status')).body['commitIndex'] === 1 ? true : undefined), 30_000, 'replication to n2');
    c.proxies!.isolate('n1');
    expect(await call(c.port('n1'), 'PUT', '/kv/x', { value: 2 })).toMatchObject({ status: 200 });
    const next = await leaderAmong(c, ['n2', 'n3'], 'primary');
    c.proxies!.heal();
    await waitFor(async () => ((await call(c.port('n1'), 'GET', '/status')).body['role'] === 'replica' ? true : undefined), 30_000, 'old primary to step down');
    expect(await call(c.port(next), 'GET', '/kv/x')).toEqual({ status: 200, body: { value: 1 } });
  }, 180_000);
});
