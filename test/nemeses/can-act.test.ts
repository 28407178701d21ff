// Faults that cannot act are errors (issue 11, item 7): too few nodes for a partition or packet
// fault, or `--partition leader` with an adapter that cannot name the leader, are usage errors
// before the run; a leader nobody can name at fault time is never recorded as the leader.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { Random } from '../../src/generator/random.js';
import {
  PARTITION_KINDS,
  PARTITION_MIN_NODES,
  type PartitionKind,
  clockNemesis,
  grudgeFor,
  partitionNemesis,
  resolveNemeses,
} from '../../nemeses/index.js';
import { runCli } from '../cli/run-cli.js';
import { fakeCluster } from '../runner/fake-cluster.js';

const ALL = new Set(['partition', 'kill', 'pause', 'clock', 'packet-loss'] as const);
const namesOf = (n: number) => Array.from({ length: n }, (_, i) => `n${i + 1}`);
const cutsSomething = (g: Record<string, string[]>) => Object.values(g).some((hated) => hated.length > 0);

function usage(run: () => unknown): FaultlineError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(FaultlineError);
    expect((err as FaultlineError).code).toBe('usage');
    return err as FaultlineError;
  }
  throw new Error('expected a usage error');
}

describe('the fewest nodes each partition kind needs', () => {
  it.each(PARTITION_KINDS.map((k) => [k]))('%s cuts something from its minimum on, for every seed', (kind: PartitionKind) => {
    const min = PARTITION_MIN_NODES[kind];
    for (let n = min; n <= 7; n++) {
      for (let seed = 0; seed < 20; seed++) {
        const [g] = grudgeFor(kind, namesOf(n), Random.seeded(seed), 'n1');
        expect(cutsSomething(g), `${kind} on ${n} nodes, seed ${seed}`).toBe(true);
      }
    }
  });

  it.each(PARTITION_KINDS.filter((k) => k !== 'bridge').map((k) => [k]))('%s below its minimum cuts nothing', (kind: PartitionKind) => {
    const [g] = grudgeFor(kind, namesOf(PARTITION_MIN_NODES[kind] - 1), Random.seeded(1), 'n1');
    expect(cutsSomething(g)).toBe(false);
  });
});

describe('resolveNemeses rejects faults that could not act, before the run', () => {
  const resolve = (names: string[], kinds: PartitionKind[], nodeCount: number, findsLeader = true) =>
    resolveNemeses(names, { partitionKinds: kinds, nodeCount, adapter: { name: 'memory', findsLeader } }, ALL, 'local');

  it.each<[string[], PartitionKind[], number, RegExp]>([
    [['partition'], ['halves'], 1, /^--nemesis partition needs at least 2 nodes \(--nodes 1\): a partition of one node cuts nothing$/],
    [['kill', 'partition'], ['one'], 1, /^--nemesis partition needs at least 2 nodes/],
    [['partition'], ['halves', 'majorities-ring'], 2, /^--partition majorities-ring needs at least 3 nodes \(--nodes 2\): /],
    [['partition'], ['bridge'], 2, /^--partition bridge needs at least 3 nodes \(--nodes 2\): a bridge is a node between/],
    [['packet'], ['halves'], 1, /^--nemesis packet needs at least 2 nodes \(--nodes 1\): packet faults act on traffic between nodes$/],
  ])('%j %j on %i nodes', (names, kinds, n, message) => {
    expect(usage(() => resolve(names, kinds, n)).message).toMatch(message);
  });

  it('kill, pause and clock act on a single node; every kind runs from its minimum', () => {
    expect(resolve(['kill', 'pause', 'clock'], ['halves'], 1)).toHaveLength(3);
    for (const kind of PARTITION_KINDS) expect(resolve(['partition'], [kind], PARTITION_MIN_NODES[kind])).toHaveLength(1);
  });

  it('--partition leader with an adapter that cannot name the leader', () => {
    const err = usage(() => resolve(['partition'], ['halves', 'leader'], 3, false));
    expect(err.message).toBe('--partition leader needs an adapter that can name the leader; the memory adapter cannot');
    expect(resolve(['partition'], ['leader'], 3, true)).toHaveLength(1);
    // Without the leader kind the adapter's abilities do not matter.
    expect(resolve(['partition', 'clock'], ['halves'], 3, false)).toHaveLength(2);
  });
});

describe('a leader nobody can name at fault time is never recorded as the leader', () => {
  it('with an adapter that cannot name leaders at all, nothing is cut and the op is skipped', async () => {
    const cluster = fakeCluster(['n1', 'n2', 'n3']);
    const n = partitionNemesis(['leader']);
    const [start] = n.startOp(['n1', 'n2', 'n3'], Random.seeded(1));
    expect(await n.apply(start, { cluster })).toEqual({ kind: 'leader', skipped: 'leader unknown: the adapter cannot name the leader' });
    expect(cluster.calls).toEqual([]);
  });

  it.each<[string, () => Promise<string | undefined>, string]>([
    ['no node says who leads', async () => undefined, 'no node said who leads'],
    ['the adapter names a stranger', async () => 'n9', 'the adapter named "n9", which is not a node'],
    ['the adapter throws', async () => Promise.reject(new Error('boom')), 'boom'],
  ])('when %s: the first node is isolated, recorded as kind "one" with the reason', async (_what, findLeader, why) => {
    const cluster = fakeCluster(['n1', 'n2', 'n3']);
    const n = partitionNemesis(['leader']);
    const [start] = n.startOp(['n1', 'n2', 'n3'], Random.seeded(1));
    const grudge = { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] };
    expect(await n.apply(start, { cluster, findLeader })).toEqual({
      kind: 'one',
      requested: 'leader',
      fallback: `leader unknown (${why}): aimed at n1, the first node, instead`,
      grudge,
    });
    expect(cluster.grudge).toEqual(grudge);
  });

  it('clock skews aimed at the leader say when they fell back, and are not drawn when the adapter cannot name one', async () => {
    const cluster = fakeCluster(['n1', 'n2', 'n3']);
    const n = clockNemesis(undefined, async () => undefined);
    const op = { f: 'bump-clock', value: { nodes: 'leader', offsetMs: 500 } };
    expect(await n.apply(op, { cluster, findLeader: async () => undefined })).toEqual({
      nodes: ['n1'],
      offsetMs: 500,
      fallback: 'leader unknown (no node said who leads): aimed at n1, the first node, instead',
    });
    expect(await n.apply(op, { cluster, findLeader: async () => 'n2' })).toEqual({ nodes: ['n2'], offsetMs: 500 });
    expect(await n.apply(op, { cluster })).toEqual({ skipped: 'leader unknown: the adapter cannot name the leader' });
    expect(cluster.calls).toEqual(['clock n1 500', 'clock n2 500']);
    const blind = clockNemesis(undefined, async () => undefined, { leader: false });
    let rng = Random.seeded(4);
    for (let i = 0; i < 40; i++) {
      const [o, next] = blind.startOp(['n1', 'n2', 'n3'], rng);
      rng = next;
      expect((o.value as { nodes: unknown }).nodes).not.toBe('leader');
    }
  });
});

describe('faultline test refuses such faults with exit 3 and one line naming the flag', () => {
  it.each<[string[], RegExp]>([
    [['--nodes', '1', '--nemesis', 'partition'], /^faultline: --nemesis partition needs at least 2 nodes \(--nodes 1\)/m],
    [['--nodes', '2', '--partition', 'bridge'], /^faultline: --partition bridge needs at least 3 nodes \(--nodes 2\)/m],
    [
      ['--nodes', '3', '--partition', 'leader', '--adapter', 'fixtures/adapters/memory-adapter.mjs'],
      /^faultline: --partition leader needs an adapter that can name the leader; the memory adapter cannot$/m,
    ],
  ])('%j', async (args, message) => {
    const store = mkdtempSync(join(tmpdir(), 'fl-can-act-'));
    const r = await runCli(['test', '--time-limit', '1s', '--store', store, ...args]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
