// Issue 5's acceptance runs, with the driver in driver.ts and the real checkers:
// - etcd, 3 nodes, registers, partitions + kill + pause, 30 s → valid;
// - etcd with serializable reads under partitions → invalid, with a stale read as counterexample;
// - Redis + Sentinel, the primary isolated → the set workload finds lost acknowledged writes, and the
//   register workload is invalid.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDockerCluster, type DockerCluster } from '../../src/cluster/docker/index.js';
import { etcdAdapter } from '../../src/adapters/etcd/index.js';
import { redisAdapter } from '../../src/adapters/redis/index.js';
import type { RunnerAdapter } from '../../src/adapters/adapter-extras.js';
import type { OpRequest } from '../../src/core/client.js';
import type { LinearizabilityResult } from '../../src/core/check-result.js';
import { linearizableChecker } from '../../workloads/linearizable-checker.js';
import { checkSet, type SetResult } from '../../checkers/set.js';
import { drive, type NemesisStep, type Rng } from './driver.js';
import { leftovers } from './helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-docker-acceptance-'));
const started: DockerCluster[] = [];

afterAll(async () => {
  for (const c of started) {
    await c.stop();
    expect(await leftovers(c.runId)).toEqual({ containers: 0, networks: 0 });
  }
});

async function start(spec: string): Promise<DockerCluster> {
  const c = await startDockerCluster(spec, { nodes: 3 });
  started.push(c);
  return c;
}

function registerOp(keys: readonly string[]) {
  return (rng: Rng): OpRequest => {
    const key = keys[Math.floor(rng() * keys.length)]!;
    const which = Math.floor(rng() * 3);
    const v = (): number => Math.floor(rng() * 5);
    if (which === 0) return { f: 'read', key, value: null };
    if (which === 1) return { f: 'write', key, value: v() };
    return { f: 'cas', key, value: [v(), v()] };
  };
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

function isolate(cluster: DockerCluster, node: string): NemesisStep[] {
  const others = cluster.nodes.map((n) => n.name).filter((n) => n !== node);
  const grudge = { [node]: others, ...Object.fromEntries(others.map((o) => [o, [node]])) };
  return [
    { f: 'start-partition', value: grudge, run: () => cluster.partition(grudge) },
    { f: 'stop-partition', value: null, run: () => cluster.healNetwork() },
  ];
}

async function healAll(cluster: DockerCluster): Promise<void> {
  await cluster.healNetwork();
  for (const n of cluster.nodes) {
    if (cluster.stateOf(n.name) === 'paused') await cluster.resume(n.name);
    if (cluster.stateOf(n.name) === 'down') await cluster.restart(n.name);
  }
}

function mixedNemesis(cluster: DockerCluster) {
  // The kinds take turns (partition, kill, pause, …) so that every run of 30 s has each of them;
  // only the node is drawn. A random kind left a run without a kill now and then.
  return (rng: Rng, cycle: number): NemesisStep[] => {
    const node = pick(rng, cluster.nodes).name;
    const kind = (['partition', 'kill', 'pause'] as const)[cycle % 3]!;
    if (kind === 'partition') return isolate(cluster, node);
    if (kind === 'kill') {
      return [
        { f: 'kill', value: node, run: () => cluster.kill(node) },
        { f: 'start', value: node, run: () => cluster.restart(node) },
      ];
    }
    return [
      { f: 'pause', value: node, run: () => cluster.pause(node) },
      { f: 'resume', value: node, run: () => cluster.resume(node) },
    ];
  };
}

const finalReads = (keys: readonly string[]): OpRequest[] => keys.map((key) => ({ f: 'read', key, value: null }));

describe('acceptance: etcd', () => {
  const keys = ['r0', 'r1', 'r2'];

  it('3 nodes, registers, partitions + kill + pause for 30 s: valid', async () => {
    const cluster = await start('etcd');
    const adapter: RunnerAdapter = etcdAdapter();
    const result = await drive({
      cluster,
      adapter,
      historyPath: path.join(dir, 'etcd-valid.jsonl'),
      durationMs: 30_000,
      concurrency: 6,
      opTimeoutMs: 1000,
      thinkMs: 20,
      seed: 1,
      nextOp: registerOp(keys),
      finalOps: finalReads(keys),
      nemesis: mixedNemesis(cluster),
      nemesisEveryMs: 6000,
      healAll: () => healAll(cluster),
      quietMs: 2000,
      checkers: [linearizableChecker('cas-register')],
    });
    await adapter.close?.();
    const lin = result.outcomes[0] as unknown as LinearizabilityResult;
    console.log('etcd valid run:', result.counts, lin.parts.map((p) => `${p.part}:${String(p.valid)}`));
    expect(result.counts['write:ok'] ?? 0).toBeGreaterThan(100);
    expect(result.events.some((e) => e.process === 'nemesis' && e.f === 'kill')).toBe(true);
    expect(lin.valid).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'etcd-valid.jsonl'), 'utf8').split('\n').length).toBe(result.events.length + 1);
    await cluster.stop();
  });

  it('serializable reads under partitions: invalid, with a counterexample', async () => {
    const serialKeys = ['r0', 'r1', 'r2', 'r3'];
    const cluster = await start('etcd');
    const adapter: RunnerAdapter = etcdAdapter({ serializable: true });
    const result = await drive({
      cluster,
      adapter,
      historyPath: path.join(dir, 'etcd-serializable.jsonl'),
      durationMs: 15_000,
      concurrency: 6,
      opTimeoutMs: 1000,
      thinkMs: 10,
      seed: 2,
      // Several keys keep each part small: info ops (timed-out writes) make the search costly.
      nextOp: registerOp(serialKeys),
      finalOps: finalReads(serialKeys),
      nemesis: (rng) => isolate(cluster, pick(rng, cluster.nodes).name),
      nemesisEveryMs: 5000,
      healAll: () => healAll(cluster),
      quietMs: 2000,
      checkers: [linearizableChecker('cas-register')],
    });
    await adapter.close?.();
    const lin = result.outcomes[0] as unknown as LinearizabilityResult;
    const bad = lin.parts.find((p) => p.valid === false);
    console.log('etcd serializable run:', result.counts, bad?.counterexample?.stuck.map((s) => `${s.op.text}: ${s.reason}`));
    expect(lin.valid).toBe(false);
    // Usually the stuck op is the stale read itself; the search may also get stuck on a later op.
    expect(bad?.counterexample?.stuck.length ?? 0).toBeGreaterThan(0);
    await cluster.stop();
  });
});

describe('acceptance: redis with sentinel', () => {
  let cluster: DockerCluster;
  const adapter = redisAdapter({ refreshMs: 300 });

  const isolatePrimary = async (): Promise<NemesisStep[]> => {
    const primary = (await adapter.findLeader!(cluster.nodes)) ?? 'n1';
    return isolate(cluster, primary).map((s, i) => (i === 0 ? { ...s, value: { isolated: primary, grudge: s.value } } : s));
  };

  it('set workload, primary isolated: lost acknowledged writes', async () => {
    cluster = await start('redis');
    let next = 0;
    const result = await drive({
      cluster,
      adapter,
      historyPath: path.join(dir, 'redis-set.jsonl'),
      durationMs: 20_000,
      concurrency: 6,
      opTimeoutMs: 1000,
      thinkMs: 10,
      seed: 3,
      nextOp: (rng) => (rng() < 0.2 ? { f: 'read', key: 's', value: null } : { f: 'add', key: 's', value: next++ }),
      finalOps: finalReads(['s']),
      nemesis: isolatePrimary,
      nemesisEveryMs: 16_000,
      healAll: () => healAll(cluster),
      quietMs: 5000,
      checkers: [{ name: 'set', check: async (events) => ({ ...checkSet(events) }) }],
    });
    const set = result.outcomes[0] as unknown as SetResult;
    console.log('redis set run:', result.counts, set.keys.map((k) => ({ acknowledged: k.acknowledged, lost: k.lostCount, finalReads: k.finalReads })));
    expect(set.valid).toBe(false);
    // Acknowledged adds gone from every final read (lost) or from some nodes' (divergent).
    expect(set.keys[0]!.lostCount + (set.keys[0]!.divergentCount ?? 0)).toBeGreaterThan(0);
  });

  it('register workload, primary isolated: not linearizable', async () => {
    const result = await drive({
      cluster,
      adapter,
      historyPath: path.join(dir, 'redis-register.jsonl'),
      durationMs: 20_000,
      concurrency: 6,
      opTimeoutMs: 1000,
      thinkMs: 10,
      seed: 4,
      nextOp: registerOp(['r']),
      finalOps: finalReads(['r']),
      nemesis: isolatePrimary,
      nemesisEveryMs: 16_000,
      healAll: () => healAll(cluster),
      quietMs: 5000,
      checkers: [linearizableChecker('cas-register')],
    });
    const lin = result.outcomes[0] as unknown as LinearizabilityResult;
    console.log('redis register run:', result.counts, lin.parts.map((p) => `${p.part}:${String(p.valid)}`));
    expect(lin.valid).toBe(false);
  });
});
