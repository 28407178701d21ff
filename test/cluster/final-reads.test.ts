// Integration: final reads that see every node, on real clusters of the compiled built-in store
// (run `npx tsc -p tsconfig.build.json` first). Local reads (`GET /kv/:key?local=1`, the adapter's
// `local: true`) answer from the node's own state in every mode, and runTest's final phase reads
// every node. No test asserts a timing: each waits for the state it needs.
import fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtinStoreAdapter } from '../../src/adapters/builtin-store-adapter.js';
import { execAdapter } from '../../src/adapters/exec-adapter.js';
import type { RunnerAdapter } from '../../src/adapters/adapter-extras.js';
import type { Client, Outcome } from '../../src/core/client.js';
import type { HistoryEvent } from '../../src/core/event.js';
import { startLocalCluster, type StoreMode } from '../../src/cluster/local/start-local-cluster.js';
import type { LocalCluster } from '../../src/cluster/local/local-cluster.js';
import { defaultStoreEntry } from '../../src/cluster/local/store-entry.js';
import { localBackend, runTest, type RunOptions } from '../../src/runner/index.js';
import { buildWorkload } from '../../workloads/index.js';
import { eventually, isolateRegistry, tempDir } from './cluster-helpers.js';
import { clientsFor, type StoreClient, waitForLeader } from './store-client.js';

isolateRegistry();
let cluster: LocalCluster | undefined;
let clients: Record<string, StoreClient> = {};
const adapter = builtinStoreAdapter();

beforeAll(() => {
  if (!fs.existsSync(defaultStoreEntry())) throw new Error(`${defaultStoreEntry()} is missing: run npx tsc -p tsconfig.build.json first`);
});
afterEach(async () => {
  for (const c of Object.values(clients)) c.close();
  await cluster?.stop();
  cluster = undefined;
  clients = {};
});

async function start(mode: StoreMode, nodes: number): Promise<LocalCluster> {
  cluster = await startLocalCluster({ nodes, mode, logDir: tempDir(`faultline-final-${mode}-`), seed: 5 });
  clients = clientsFor(cluster.nodes);
  return cluster;
}

/** openAll opens one client per node, by name (the builtin adapter unless `using` says otherwise). */
async function openAll(c: LocalCluster, using: RunnerAdapter = adapter): Promise<Record<string, Client>> {
  const entries = await Promise.all(c.nodes.map(async (n) => [n.name, await using.open(n, { nodes: c.nodes, timeoutMs: 1000 })] as const));
  return Object.fromEntries(entries);
}

const localRead = (client: Client, key: string): Promise<Outcome> =>
  client.invoke({ f: 'read', key, value: null, local: true }, AbortSignal.timeout(3000));

describe('local reads (built-in store and its adapter)', () => {
  it.each<[StoreMode]>([['raft'], ['lease'], ['primary'], ['lww']])('%s: every node answers from its own state, naming itself', async (mode) => {
    const c = await start(mode, 3);
    const names = c.nodes.map((n) => n.name);
    // Write through whichever node accepts writes (any node in lww).
    const writer = mode === 'lww' ? 'n1' : await waitForLeader(clients, names);
    expect((await clients[writer]!.put('x', 'v1')).status).toBe(200);
    const opened = await openAll(c);
    // Every node, leader or not, eventually holds v1 and says so itself: no redirect, no forwarding.
    await eventually(async () => {
      for (const n of names) expect(await localRead(opened[n]!, 'x')).toEqual({ type: 'ok', value: 'v1', node: n });
    }, 10_000);
  });

  it('the exec adapter passes `local` on (the Python example answers from each node itself)', async () => {
    const c = await start('raft', 3);
    const names = c.nodes.map((n) => n.name);
    const leader = await waitForLeader(clients, names);
    expect((await clients[leader]!.put('x', 'v1')).status).toBe(200);
    const python = execAdapter('exec:python3 fixtures/adapters/builtin_store_adapter.py');
    try {
      const opened = await openAll(c, python);
      await eventually(async () => {
        for (const n of names) expect(await localRead(opened[n]!, 'x')).toEqual({ type: 'ok', value: 'v1', node: n });
      }, 10_000);
    } finally {
      await python.close?.();
    }
  });

  it('raft: a partitioned follower answers its own stale value; a normal read there is refused', async () => {
    const c = await start('raft', 5);
    const names = c.nodes.map((n) => n.name);
    const leader = await waitForLeader(clients, names);
    expect((await clients[leader]!.put('x', 'v1')).status).toBe(200);
    const opened = await openAll(c);
    await eventually(async () => {
      for (const n of names) expect(await localRead(opened[n]!, 'x')).toMatchObject({ type: 'ok', value: 'v1' });
    }, 10_000);

    const follower = names.find((n) => n !== leader)!;
    const others = names.filter((n) => n !== follower);
    await c.partition(Object.fromEntries([[follower, others], ...others.map((n) => [n, [follower]])]));
    // The majority side commits v2; the isolated follower never hears of it.
    await eventually(async () => expect((await clients[leader]!.put('x', 'v2')).status).toBe(200), 10_000);
    expect(await localRead(opened[follower]!, 'x')).toEqual({ type: 'ok', value: 'v1', node: follower });
    expect(await localRead(opened[leader]!, 'x')).toEqual({ type: 'ok', value: 'v2', node: leader });
    // Without `local`, the follower does not serve the read (it is not the leader).
    const normal = await opened[follower]!.invoke({ f: 'read', key: 'x', value: null }, AbortSignal.timeout(3000));
    expect(normal.type).not.toBe('ok');

    await c.healNetwork();
    await eventually(async () => expect(await localRead(opened[follower]!, 'x')).toEqual({ type: 'ok', value: 'v2', node: follower }), 15_000);
  });
});

function runOptions(mode: string, store: string, over: Partial<RunOptions> = {}): RunOptions {
  return {
    name: `final-${mode}`,
    db: 'builtin',
    mode,
    backend: 'local',
    nodes: 5,
    workload: 'register',
    keys: 1,
    nemesis: ['partition'],
    nemesisIntervalMs: 800,
    partition: ['random-halves'],
    timeLimitMs: 3000,
    concurrency: '2n',
    threads: 10,
    rate: 50,
    seed: 3,
    store,
    opTimeoutMs: 1000,
    recoveryMs: 300,
    convergeTimeoutMs: 10_000,
    checkTimeoutMs: 30_000,
    checkWorkers: 1,
    ...over,
  };
}

function history(dir: string): HistoryEvent[] {
  return fs
    .readFileSync(join(dir, 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as HistoryEvent);
}

describe('runTest: the final reads land on every node', () => {
  it.each<[string, string]>([
    ['raft', 'register'],
    ['primary', 'set'],
  ])('%s (%s): final-read events name n1..n5, all of them, and the checker says when they converged', async (mode, workload) => {
    const store = tempDir('faultline-final-run-');
    const o = runOptions(mode, store, { workload });
    const result = await runTest(o, { backend: localBackend(5, mode), adapter: builtinStoreAdapter(), workload: buildWorkload(workload, { keys: 1, mode }) });
    const events = history(result.dir);
    const lastNemesis = Math.max(...events.filter((e) => e.process === 'nemesis').map((e) => e.index));
    const finals = events.filter((e) => e.index > lastNemesis && e.type === 'ok' && e.f === 'read');
    expect(new Set(finals.map((e) => e.node))).toEqual(new Set(['n1', 'n2', 'n3', 'n4', 'n5']));
    const results = JSON.parse(fs.readFileSync(join(result.dir, 'results.json'), 'utf8')) as {
      finalReads: { converged: boolean; rounds: number; convergeTimeoutMs: number };
      checkers: { checker: string; convergence?: { converged: boolean; summary: string } }[];
    };
    expect(results.finalReads).toMatchObject({ converged: true, convergeTimeoutMs: 10_000 });
    const judged = results.checkers.find((ch) => ch.checker === (workload === 'set' ? 'set' : 'eventual'));
    expect(judged?.convergence?.converged).toBe(true);
    expect(judged?.convergence?.summary).toMatch(/^converged after \d+\.\d s$/);
  });
});
