/**
 * RaftNode in one process over a simulated lossy network (delay with jitter, loss, duplication, so
 * also reordering), with real timers. Asserts safety and the client contract, not timings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineReply, PeerMessage } from '../../src/store/kv-command.js';
import { RaftNode } from '../../src/store/raft-node.js';
import { RaftStorage } from '../../src/store/raft-storage.js';
import { StoreClock, seededRandom } from '../../src/store/store-clock.js';

const running: RaftNode[] = [];
afterEach(() => {
  for (const n of running.splice(0)) n.stop();
});

interface Net {
  lossProbability: number;
  duplicateProbability: number;
  maxDelayMs: number;
}

function startCluster(size: number, net: Net, seed: number): Map<string, RaftNode> {
  const ids = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  const random = seededRandom(seed);
  const nodes = new Map<string, RaftNode>();
  for (const id of ids) {
    const send = (to: string, message: Record<string, unknown> & { type: string }): void => {
      // Serialise like the real transport, so nothing is shared between nodes by reference.
      const line = JSON.stringify({ ...message, from: id, to });
      const copies = random() < net.lossProbability ? 0 : random() < net.duplicateProbability ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        setTimeout(() => nodes.get(to)?.receive(JSON.parse(line) as PeerMessage), Math.floor(random() * net.maxDelayMs));
      }
    };
    const node = new RaftNode({
      id, peers: ids.filter((o) => o !== id), lease: false, electionTimeoutMs: 100, heartbeatMs: 20, leaseMs: 80,
      clock: new StoreClock(), random: seededRandom(seed + id.length + id.charCodeAt(1)), send,
      storage: RaftStorage.open(null).storage, initial: { term: 0, votedFor: null, entries: [] }, log: () => undefined,
    });
    nodes.set(id, node);
    running.push(node);
    node.start();
  }
  return nodes;
}

// Polls for a leader; the 30 s deadline is a safety net (elections churn on a loaded machine).
async function untilLeader(nodes: Map<string, RaftNode>): Promise<RaftNode> {
  for (const end = Date.now() + 30_000; Date.now() < end; ) {
    const leaders = [...nodes.values()].filter((n) => n.status().role === 'leader');
    if (leaders.length >= 1) return leaders.reduce((a, b) => (a.status().term >= b.status().term ? a : b));
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no leader');
}

describe('RaftNode over a lossy, duplicating, reordering network', () => {
  it('never elects two leaders in one term, and acked increments are neither lost nor doubled', async () => {
    const nodes = startCluster(3, { lossProbability: 0.1, duplicateProbability: 0.2, maxDelayMs: 8 }, 42);
    const leadersByTerm = new Map<number, Set<string>>();
    const watch = setInterval(() => {
      for (const [id, n] of nodes) {
        const s = n.status();
        if (s.role === 'leader') leadersByTerm.set(s.term, (leadersByTerm.get(s.term) ?? new Set()).add(id));
      }
    }, 2);
    let acked = 0;
    let unknown = 0;
    // Run for 1.5 s and until 30 increments were acknowledged (however long a loaded machine takes).
    const minEnd = Date.now() + 1500;
    while (Date.now() < minEnd || acked < 30) {
      const leader = await untilLeader(nodes);
      const reply: EngineReply = await leader.submit({ op: 'incr', key: 'c', value: 1 }, 200);
      if (reply.kind === 'done') acked += 1;
      else if (reply.kind === 'timeout') unknown += 1;
    }
    clearInterval(watch);
    let read: EngineReply = { kind: 'timeout' };
    for (const end = Date.now() + 30_000; read.kind !== 'done' && Date.now() < end; ) read = await (await untilLeader(nodes)).submit({ op: 'get', key: 'c' }, 500);
    expect(read.kind).toBe('done');
    const value = read.kind === 'done' ? (read.result.value as number) : -1;
    expect(value).toBeGreaterThanOrEqual(acked);
    expect(value).toBeLessThanOrEqual(acked + unknown);
    for (const [term, leaders] of leadersByTerm) expect([term, leaders.size]).toEqual([term, 1]);
  }, 180_000);

  it('followers forward to the leader: acked increments sent to any node are neither lost nor doubled', async () => {
    // Heavy duplication: a forwarded write run twice would show as a counter above acked + unknown.
    const nodes = startCluster(3, { lossProbability: 0.05, duplicateProbability: 0.5, maxDelayMs: 6 }, 9);
    const all = [...nodes.values()];
    let acked = 0;
    let unknown = 0;
    let forwardedOk = 0;
    for (let i = 0; acked < 40 || forwardedOk < 10; i++) {
      const leader = await untilLeader(nodes);
      const target = all[i % all.length]!;
      const viaFollower = target !== leader;
      const reply = await target.submit({ op: 'incr', key: 'c', value: 1 }, 300);
      if (reply.kind === 'done') {
        acked += 1;
        if (viaFollower) forwardedOk += 1;
      } else if (reply.kind === 'timeout') unknown += 1;
    }
    let read: EngineReply = { kind: 'timeout' };
    // A read through a follower goes through the leader's ReadIndex, so it sees every acked write.
    for (const end = Date.now() + 30_000; read.kind !== 'done' && Date.now() < end; ) {
      const leader = await untilLeader(nodes);
      read = await all.find((n) => n !== leader)!.submit({ op: 'get', key: 'c' }, 500);
    }
    expect(read.kind).toBe('done');
    const value = read.kind === 'done' ? (read.result.value as number) : -1;
    expect(value).toBeGreaterThanOrEqual(acked);
    expect(value).toBeLessThanOrEqual(acked + unknown);
    expect(forwardedOk).toBeGreaterThanOrEqual(10);
  }, 180_000);

  it('all replicas reach the same commit index once the network is quiet', async () => {
    const nodes = startCluster(5, { lossProbability: 0.05, duplicateProbability: 0.3, maxDelayMs: 5 }, 7);
    const leader = await untilLeader(nodes);
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => leader.submit({ op: 'put', key: `k${i % 5}`, value: i }, 2000)));
    expect(replies.filter((r) => r.kind === 'done').length).toBeGreaterThan(0);
    let indexes: number[] = [];
    for (const end = Date.now() + 30_000; Date.now() < end; ) {
      indexes = [...nodes.values()].map((n) => n.status().commitIndex);
      if (indexes.every((x) => x === indexes[0]) && indexes[0]! >= 51) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(new Set(indexes).size).toBe(1);
    expect(indexes[0]).toBeGreaterThanOrEqual(51);
  }, 180_000);
});
