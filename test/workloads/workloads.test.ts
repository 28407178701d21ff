import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { limit, simulate } from '../../src/generator/index.js';
import { WORKLOAD_NAMES, buildWorkload, linearizableChecker } from '../../workloads/index.js';

describe('workload generators', () => {
  it.each(WORKLOAD_NAMES)('%s is deterministic for a seed and only uses its ops', (name) => {
    const w = buildWorkload(name, { keys: 4 });
    const run = (seed: number) => simulate(limit(300, w.generator), { threads: 5, seed }).ops;
    const ops = run(1);
    expect(ops).toHaveLength(300);
    expect(run(1)).toEqual(ops);
    const allowed = new Set(['read', 'write', 'cas', 'add', 'incr']);
    for (const o of ops) expect(allowed.has(o.f)).toBe(true);
  });

  it('register ops are well formed', () => {
    const { ops } = simulate(limit(500, buildWorkload('register', { keys: 1, opsPerKey: 1000 }).generator), { threads: 3, seed: 2 });
    for (const o of ops) {
      expect(o.key).toBe('k0');
      if (o.f === 'read') expect(o.value).toBeNull();
      if (o.f === 'write') expect(typeof o.value).toBe('number');
      if (o.f === 'cas') expect(o.value).toHaveLength(2);
    }
    expect(new Set(ops.map((o) => o.f))).toEqual(new Set(['read', 'write', 'cas']));
  });

  it('multi-register spreads over the requested keys', () => {
    const { ops } = simulate(limit(400, buildWorkload('multi-register', { keys: 4 }).generator), { threads: 3, seed: 2 });
    expect(new Set(ops.map((o) => o.key))).toEqual(new Set(['k0', 'k1', 'k2', 'k3']));
  });

  it('register works on `keys` keys at once (it used to put everything on one key "r")', () => {
    const { ops } = simulate(limit(300, buildWorkload('register', { keys: 3 }).generator), { threads: 6, seed: 2 });
    expect(new Set(ops.map((o) => o.key))).toEqual(new Set(['k0', 'k1', 'k2']));
  });

  it.each(['register', 'multi-register'])('%s moves to fresh keys: no key gets more than opsPerKey ops', (name) => {
    const { ops } = simulate(limit(1000, buildWorkload(name, { keys: 2, opsPerKey: 100 }).generator), { threads: 4, seed: 2 });
    const counts = new Map<string, number>();
    for (const o of ops) counts.set(o.key as string, (counts.get(o.key as string) ?? 0) + 1);
    expect(counts.size).toBeGreaterThanOrEqual(10);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(100);
  });

  it('set adds every element once', () => {
    const { ops } = simulate(limit(400, buildWorkload('set', { keys: 1 }).generator), { threads: 7, seed: 3 });
    const adds = ops.filter((o) => o.f === 'add').map((o) => o.value as number);
    expect(new Set(adds).size).toBe(adds.length);
    expect(Math.max(...adds)).toBe(adds.length - 1);
    expect(ops.some((o) => o.f === 'read')).toBe(true);
  });

  it('final phase reads every key of the workload; set values compare as sets', () => {
    expect(buildWorkload('multi-register', { keys: 3 }).final).toEqual({ keys: 'touched' });
    expect(buildWorkload('register', { keys: 3 }).final).toEqual({ keys: 'touched' });
    expect(buildWorkload('set', { keys: 1 }).final).toEqual({ keys: ['s'], valueIsSet: true });
    expect(buildWorkload('counter', { keys: 1 }).final).toEqual({ keys: ['c'] });
  });

  it('unknown workload is a usage error', () => {
    expect(() => buildWorkload('queue', { keys: 1 })).toThrow(FaultlineError);
    expect(() => buildWorkload('queue', { keys: 1 })).toThrow(/unknown workload "queue"/);
  });
});

describe('linearizableChecker', () => {
  it('pairs the history and hands the ops and model to the search', async () => {
    let seen: { n: number; model: string } | undefined;
    const checker = linearizableChecker('cas-register', async (ops, model) => {
      seen = { n: ops.length, model: model.name };
      return { checker: 'linearizable', model: model.name, valid: true, parts: [], elapsedMs: 0 };
    });
    const out = await checker.check(
      [
        { index: 0, type: 'invoke', process: 0, f: 'write', key: 'r', value: 1, time: 0 },
        { index: 1, type: 'ok', process: 0, f: 'write', key: 'r', value: 1, time: 5 },
      ],
      { timeoutMs: 1000, workers: 1 },
    );
    expect(out.valid).toBe(true);
    expect(seen).toEqual({ n: 1, model: 'cas-register' });
  });
});
