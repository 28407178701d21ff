import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { simulate, timeLimit } from '../../src/generator/index.js';
import { Random } from '../../src/generator/random.js';
import {
  clockNemesis,
  healAll,
  killNemesis,
  nemesisSchedule,
  packetNemesis,
  partitionNemesis,
  pauseNemesis,
  resolveNemeses,
} from '../../nemeses/index.js';
import { fakeCluster } from '../runner/fake-cluster.js';

const S = 1_000_000_000;
const names = ['n1', 'n2', 'n3', 'n4', 'n5'];

describe('resolveNemeses', () => {
  it('rejects a fault the backend lacks, naming it', () => {
    const run = () => resolveNemeses(['partition', 'clock'], { partitionKinds: ['halves'] }, new Set(['partition']), 'docker');
    expect(run).toThrow(FaultlineError);
    expect(run).toThrow(/docker backend cannot inject "clock"/);
  });

  it('rejects unknown names and accepts none', () => {
    expect(() => resolveNemeses(['flood'], { partitionKinds: ['halves'] }, new Set(), 'local')).toThrow(/unknown nemesis "flood"/);
    expect(resolveNemeses(['none'], { partitionKinds: ['halves'] }, new Set(), 'local')).toEqual([]);
  });

  it('packet needs any one packet capability', () => {
    expect(() => resolveNemeses(['packet'], { partitionKinds: ['halves'] }, new Set(['partition']), 'x')).toThrow(/any of/);
    expect(resolveNemeses(['packet'], { partitionKinds: ['halves'] }, new Set(['packet-delay']), 'x')).toHaveLength(1);
  });
});

describe('nemesis apply and heal on a cluster', () => {
  it('partition applies the drawn grudge and heals', async () => {
    const cluster = fakeCluster();
    const n = partitionNemesis(['halves']);
    const [start] = n.startOp(names, Random.seeded(1));
    await n.apply(start, { cluster });
    expect(cluster.grudge).toEqual((start.value as { grudge: unknown }).grudge);
    await n.apply(n.stopOp(), { cluster });
    expect(cluster.grudge).toEqual({});
  });

  it('leader partition isolates the leader found at apply time', async () => {
    const cluster = fakeCluster();
    const n = partitionNemesis(['leader']);
    const [start] = n.startOp(names, Random.seeded(1));
    const result = (await n.apply(start, { cluster, findLeader: async () => 'n4' })) as { grudge: Record<string, string[]> };
    expect(result.grudge['n4']).toEqual(['n1', 'n2', 'n3', 'n5']);
  });

  it.each([
    ['kill', killNemesis(), 'kill', 'restart'],
    ['pause', pauseNemesis(), 'pause', 'resume'],
  ])('%s takes a minority down and brings every one back (also via healAll)', async (_name, n, down, up) => {
    const cluster = fakeCluster();
    const [start] = n.startOp(names, Random.seeded(7));
    const chosen = start.value as string[];
    expect(chosen.length).toBeGreaterThanOrEqual(1);
    expect(chosen.length).toBeLessThanOrEqual(2);
    await n.apply(start, { cluster });
    expect([...cluster.down].sort()).toEqual(chosen);
    expect(cluster.calls).toContain(`${down} ${chosen[0]}`);
    await healAll([n], { cluster });
    expect(cluster.down.size).toBe(0);
    expect(cluster.calls).toContain(`${up} ${chosen[0]}`);
  });

  it('clock bumps then resets every node', async () => {
    const cluster = fakeCluster();
    const n = clockNemesis({ maxBumpMs: 1000, strobeMs: 500, strobePeriodMs: 1, strobeDurationMs: 4 }, async () => {});
    let rng = Random.seeded(2);
    for (let i = 0; i < 6; i++) {
      const [op, next] = n.startOp(names, rng);
      rng = next;
      await n.apply(op, { cluster });
      if (op.f === 'bump-clock') expect(Math.abs((op.value as { offsetMs: number }).offsetMs)).toBeGreaterThanOrEqual(100);
    }
    await n.apply(n.stopOp(), { cluster });
    expect([...cluster.offsets.values()].every((v) => v === 0)).toBe(true);
    expect(cluster.offsets.size).toBe(5);
  });

  it('packet picks only available behaviours', async () => {
    const cluster = fakeCluster(names, ['packet-delay']);
    const n = packetNemesis(cluster.capabilities);
    const [op] = n.startOp(names, Random.seeded(3));
    await n.apply(op, { cluster });
    expect(cluster.packet).toEqual({ delayMs: 100, jitterMs: 50 });
    await healAll([n], { cluster });
    expect(cluster.packet).toEqual({});
  });
});

describe('nemesisSchedule', () => {
  it('runs one staggered start/stop cycle per fault kind, from the seed', () => {
    const gen = timeLimit(60 * S, nemesisSchedule([partitionNemesis(['random-halves']), killNemesis()], names, 10 * S));
    const run = (seed: number) => simulate(gen, { threads: 0, seed, nemesis: true, latencyNs: 1000 }).ops;
    const ops = run(5);
    expect(ops.map((o) => o.timeNs / S)).toEqual([10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
    expect(ops.every((o) => o.process === 'nemesis')).toBe(true);
    expect(ops.filter((o) => o.f.includes('partition')).map((o) => o.f)).toEqual([
      'start-partition',
      'stop-partition',
      'start-partition',
      'stop-partition',
      'start-partition',
    ]);
    expect(ops.filter((o) => o.f === 'kill' || o.f === 'start').map((o) => o.f)).toEqual(['kill', 'start', 'kill', 'start', 'kill']);
    expect(run(5)).toEqual(ops);
    const other = [6, 7, 8].map((s) => JSON.stringify(run(s)));
    expect(other.some((o) => o !== JSON.stringify(ops))).toBe(true);
  });

  it('a strobe runs in the background until the clocks are reset', async () => {
    const cluster = fakeCluster();
    const n = clockNemesis({ maxBumpMs: 1000, strobeMs: 500, strobePeriodMs: 5, strobeDurationMs: 10_000 });
    const strobe = { f: 'strobe-clock', value: { nodes: 'leader', offsetMs: 500, periodMs: 5, durationMs: 10_000 } };
    const flipsOf = (): number => cluster.calls.filter((c) => c.startsWith('clock n1')).length;
    // apply returns at once: the 2000 flips (10 s) go on in the background.
    expect(await n.apply(strobe, { cluster, findLeader: async () => 'n1' })).toMatchObject({ nodes: ['n1'], flips: 2000 });
    expect(flipsOf()).toBeLessThan(2000);
    while (flipsOf() <= 2) await new Promise((r) => setTimeout(r, 5));
    await n.apply(n.stopOp(), { cluster });
    const flips = cluster.calls.filter((c) => c.startsWith('clock n1')).length;
    expect(flips).toBeGreaterThan(2);
    expect(cluster.offsets.get('n1')).toBe(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(cluster.calls.filter((c) => c.startsWith('clock n1')).length).toBe(flips);
  });
});
