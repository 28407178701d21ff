import { describe, expect, it } from 'vitest';
import {
  Random,
  delay,
  eachProcess,
  independentKeys,
  limit,
  mix,
  once,
  phases,
  rate,
  repeat,
  seq,
  simulate,
  sleep,
  stagger,
  timeLimit,
  generate,
} from '../../src/generator/index.js';

const MS = 1_000_000;
const S = 1_000_000_000;
const read = { f: 'read', value: null };
const write = { f: 'write', value: 1 };

describe('Random', () => {
  it('repeats a sequence for the same seed and differs for another', () => {
    const draw = (seed: number): number[] => {
      let r = Random.seeded(seed);
      const out: number[] = [];
      for (let i = 0; i < 20; i++) {
        const [u, next] = r.uint32();
        out.push(u);
        r = next;
      }
      return out;
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws ints uniformly in range', () => {
    let r = Random.seeded(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const [v, next] = r.int(4);
      counts[v] = (counts[v] ?? 0) + 1;
      r = next;
    }
    for (const c of counts) expect(c).toBeGreaterThan(9_400);
    for (const c of counts) expect(c).toBeLessThan(10_600);
  });
});

describe('counting combinators', () => {
  it.each([
    ['once', once(read), 1],
    ['limit 5', limit(5, read), 5],
    ['limit 0', limit(0, read), 0],
    ['repeat 3 of a template', repeat(read, 3), 3],
    ['repeat a generator 3 rounds', repeat(limit(2, read), 3), 6],
    ['seq', seq(once(read), limit(2, write)), 3],
  ])('%s emits the right number of ops', (_name, gen, n) => {
    const { ops, stop } = simulate(gen, { threads: 3, seed: 1 });
    expect(ops).toHaveLength(n);
    expect(stop).toBe('done');
  });

  it('seq keeps order', () => {
    const { ops } = simulate(seq(once(read), once(write), once(read)), { threads: 1, seed: 1 });
    expect(ops.map((o) => o.f)).toEqual(['read', 'write', 'read']);
  });

  it('only uses free processes: one thread means strictly sequential ops', () => {
    const { ops } = simulate(limit(4, read), { threads: 1, seed: 1, latencyNs: 5 * MS });
    expect(ops.map((o) => o.timeNs)).toEqual([0, 5 * MS, 10 * MS, 15 * MS]);
    expect(new Set(ops.map((o) => o.process))).toEqual(new Set([0]));
  });
});

describe('time combinators on a simulated clock', () => {
  it.each([10, 100, 1000])('rate %i ops/s over 10 s gives about that many', (r) => {
    const { ops } = simulate(timeLimit(10 * S, rate(r, read)), { threads: 10, seed: 3, latencyNs: MS });
    expect(ops.length).toBeGreaterThan(r * 10 * 0.85);
    expect(ops.length).toBeLessThan(r * 10 * 1.15);
  });

  it('timeLimit stops ops at the deadline', () => {
    const { ops } = simulate(timeLimit(1 * S, delay(100 * MS, read)), { threads: 2, seed: 1 });
    expect(ops.map((o) => o.timeNs / MS)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
  });

  it('stagger keeps gaps within [0, 2dt) with mean near dt', () => {
    const { ops } = simulate(limit(2000, stagger(10 * MS, read)), { threads: 50, seed: 9, latencyNs: 1 });
    const gaps = ops.slice(1).map((o, i) => o.timeNs - (ops[i] as { timeNs: number }).timeNs);
    expect(Math.max(...gaps)).toBeLessThan(20 * MS);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(9 * MS);
    expect(mean).toBeLessThan(11 * MS);
  });

  it('sleep delays what follows it', () => {
    const { ops } = simulate(seq(once(read), sleep(2 * S), once(write)), { threads: 1, seed: 1 });
    expect(ops.map((o) => [o.f, o.timeNs])).toEqual([
      ['read', 0],
      ['write', 2 * S],
    ]);
  });
});

describe('phases', () => {
  it('waits for every in-flight op before the next phase', () => {
    // Three threads each do one slow write (1 s); the read phase must start only after all finish.
    const { ops } = simulate(phases(eachProcess(once(write)), once(read)), { threads: 3, seed: 1, latencyNs: S });
    expect(ops.map((o) => o.f)).toEqual(['write', 'write', 'write', 'read']);
    expect(ops[3]?.timeNs).toBe(S);
  });
});

describe('eachProcess', () => {
  it('gives each thread its own copy', () => {
    const { ops } = simulate(eachProcess(limit(2, read)), { threads: 4, seed: 1 });
    expect(ops).toHaveLength(8);
    const perProcess = new Map<unknown, number>();
    for (const o of ops) perProcess.set(o.process, (perProcess.get(o.process) ?? 0) + 1);
    expect([...perProcess.values()]).toEqual([2, 2, 2, 2]);
  });
});

describe('mix and keys', () => {
  it('mixes roughly evenly and from the seed alone', () => {
    const run = (seed: number) =>
      simulate(limit(1000, mix([read, write])), { threads: 5, seed }).ops.map((o) => o.f).join(',');
    const reads = run(4).split(',').filter((f) => f === 'read').length;
    expect(reads).toBeGreaterThan(430);
    expect(reads).toBeLessThan(570);
    expect(run(4)).toBe(run(4));
    expect(run(4)).not.toBe(run(5));
  });

  it('mix ends when all its generators are done', () => {
    const { ops, stop } = simulate(mix([limit(3, read), limit(2, write)]), { threads: 2, seed: 1 });
    expect(ops).toHaveLength(5);
    expect(stop).toBe('done');
  });

  it('independentKeys draws keys from the list only', () => {
    const keys = ['a', 'b', 'c'];
    const { ops } = simulate(limit(300, independentKeys(keys, read)), { threads: 4, seed: 2 });
    const seen = new Set(ops.map((o) => o.key));
    expect(seen).toEqual(new Set(keys));
  });
});

describe('determinism', () => {
  it('same seed → same schedule; generate draws values from the Random', () => {
    const gen = timeLimit(
      5 * S,
      rate(
        200,
        generate((rng) => {
          const [v, next] = rng.int(5);
          return [{ f: 'write', value: v }, next];
        }),
      ),
    );
    const a = simulate(gen, { threads: 7, seed: 42, latencyNs: (op) => ((op.value as number) + 1) * MS });
    const b = simulate(gen, { threads: 7, seed: 42, latencyNs: (op) => ((op.value as number) + 1) * MS });
    const c = simulate(gen, { threads: 7, seed: 43, latencyNs: (op) => ((op.value as number) + 1) * MS });
    expect(a).toEqual(b);
    expect(a.ops).not.toEqual(c.ops);
  });

  it('polling a pending generator does not change the schedule', () => {
    // A rate-limited generator asked many times while waiting must give the same ops as asked once.
    const gen = limit(50, rate(100, mix([read, write])));
    const a = simulate(gen, { threads: 2, seed: 11 });
    const b = simulate(gen, { threads: 2, seed: 11, pollNs: 100_000 });
    expect(a.ops.map((o) => [o.f, o.timeNs])).toEqual(b.ops.map((o) => [o.f, o.timeNs]));
  });
});
