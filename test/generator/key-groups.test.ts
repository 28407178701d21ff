// keyGroups (Jepsen's independent concurrent generator) and the register workloads' per-key ops, on
// the simulated clock: groups of processes per key, a fresh key after N ops, unique values per key.
import { describe, expect, it } from 'vitest';
import type { ScheduledOp } from '../../src/generator/index.js';
import { groupOfThread, groupSizes, keyGroups, limit, simulate } from '../../src/generator/index.js';
import { buildWorkload, registerKeyOps } from '../../workloads/index.js';

const MS = 1_000_000;

function byKey(ops: readonly ScheduledOp[]): Map<string, ScheduledOp[]> {
  const m = new Map<string, ScheduledOp[]>();
  for (const o of ops) {
    const k = o.key as string;
    m.set(k, [...(m.get(k) ?? []), o]);
  }
  return m;
}

const keyIndex = (k: string): number => Number(k.slice(1));

describe('keyGroups', () => {
  it('splits the threads into contiguous groups, one per key', () => {
    expect(groupSizes(10, 2)).toEqual([5, 5]);
    expect(groupSizes(10, 3)).toEqual([4, 3, 3]);
    expect(groupSizes(4, 4)).toEqual([1, 1, 1, 1]);
    expect([0, 1, 2, 3, 4, 5].map((t) => groupOfThread(t, 6, 2))).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('each group of processes works on its own keys, moving to a fresh key after opsPerKey ops', () => {
    const gen = keyGroups({ keys: 3, opsPerKey: 20, access: 'groups' }, (key) => registerKeyOps(key));
    // Random latencies, so groups progress at different speeds; info-style retirement is not simulated.
    const { ops } = simulate(limit(600, gen), { threads: 9, seed: 4, latencyNs: (op) => ((op.process as number) % 4) * MS + MS });
    expect(ops).toHaveLength(600);
    const keys = byKey(ops);
    for (const [key, kops] of keys) {
      const slot = keyIndex(key) % 3;
      // Every op on a key comes from that key's group (threads 3s..3s+2), and several of them take part.
      for (const o of kops) expect(groupOfThread((o.process as number) % 9, 9, 3)).toBe(slot);
      expect(new Set(kops.map((o) => o.process)).size).toBeGreaterThan(1);
      expect(kops.length).toBeLessThanOrEqual(20);
    }
    // Each group walks k{slot}, k{slot+3}, k{slot+6}, …: all but its last key got exactly 20 ops.
    for (let slot = 0; slot < 3; slot++) {
      const mine = [...keys.keys()].filter((k) => keyIndex(k) % 3 === slot).map(keyIndex).sort((a, b) => a - b);
      expect(mine).toEqual(mine.map((_, j) => slot + 3 * j));
      for (const k of mine.slice(0, -1)) expect(keys.get(`k${k}`)).toHaveLength(20);
      // A group never goes back: its ops' keys are non-decreasing in dispatch order.
      const seq = ops.filter((o) => keyIndex(o.key as string) % 3 === slot).map((o) => keyIndex(o.key as string));
      expect(seq).toEqual([...seq].sort((a, b) => a - b));
    }
    // Three keys are worked on at once: every group is active early on.
    expect(new Set(ops.slice(0, 30).map((o) => keyIndex(o.key as string) % 3))).toEqual(new Set([0, 1, 2]));
  });

  it('shared access: any process may touch any live key; keys still rotate after opsPerKey ops', () => {
    const gen = keyGroups({ keys: 2, opsPerKey: 50, access: 'shared' }, (key) => registerKeyOps(key));
    const { ops } = simulate(limit(400, gen), { threads: 4, seed: 9 });
    const keys = byKey(ops);
    expect(keys.size).toBeGreaterThanOrEqual(8);
    for (const kops of keys.values()) expect(kops.length).toBeLessThanOrEqual(50);
    expect(new Set(keys.get('k0')?.map((o) => o.process))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('is deterministic for a seed and independent of polling', () => {
    const gen = (): ReturnType<typeof keyGroups> => keyGroups({ keys: 2, opsPerKey: 7, access: 'groups' }, (key) => registerKeyOps(key));
    const a = simulate(limit(200, gen()), { threads: 4, seed: 3 }).ops;
    expect(simulate(limit(200, gen()), { threads: 4, seed: 3 }).ops).toEqual(a);
    expect(simulate(limit(200, gen()), { threads: 4, seed: 3, pollNs: 100_000 }).ops).toEqual(a);
    expect(simulate(limit(200, gen()), { threads: 4, seed: 4 }).ops).not.toEqual(a);
  });
});

describe('register values', () => {
  it('unique (default): every write and cas new value is new on its key; cas compares with a recent one', () => {
    const { ops } = simulate(limit(2000, buildWorkload('register', { keys: 2, opsPerKey: 100 }).generator), { threads: 6, seed: 5 });
    for (const kops of byKey(ops).values()) {
      const issued: number[] = [];
      for (const o of kops) {
        if (o.f === 'write') issued.push(o.value as number);
        if (o.f === 'cas') {
          const [from, to] = o.value as [number, number];
          expect(issued.slice(-3)).toContain(from);
          issued.push(to);
        }
      }
      expect(new Set(issued).size).toBe(issued.length);
      // A counter per key: 1, 2, 3, … in issue order.
      expect(issued).toEqual(issued.map((_, i) => i + 1));
      expect(kops.some((o) => o.f === 'cas')).toBe(true);
    }
  });

  it('small: values drawn from 0..4, as before', () => {
    const { ops } = simulate(limit(500, buildWorkload('register', { keys: 1, values: 'small' }).generator), { threads: 3, seed: 2 });
    const values = ops.flatMap((o) => (o.f === 'write' ? [o.value as number] : o.f === 'cas' ? (o.value as number[]) : []));
    expect(new Set(values)).toEqual(new Set([0, 1, 2, 3, 4]));
  });
});
