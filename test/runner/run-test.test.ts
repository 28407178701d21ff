import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBackend, unitRunOptions } from './unit-run.js';
import type { HistoryEvent } from '../../src/core/event.js';
import { FaultlineError } from '../../src/core/errors.js';
import type { Backend, RunOptions } from '../../src/runner/index.js';
import { runTest } from '../../src/runner/index.js';
import { buildWorkload } from '../../workloads/index.js';

import { type Flaw, memoryAdapter } from './memory-adapter.js';

const options = (over: Partial<RunOptions> = {}): RunOptions => unitRunOptions('run', over);

const backend = (calls: string[] = []): Backend => fakeBackend((c) => (c.calls = calls));

function history(dir: string): HistoryEvent[] {
  return readFileSync(join(dir, 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as HistoryEvent);
}

describe('runTest end to end, in process', () => {
  it.each<[string, string, Flaw, boolean]>([
    ['register, correct store', 'register', 'none', true],
    ['register, stale reads', 'register', 'stale-reads', false],
    ['set, correct store', 'set', 'none', true],
    ['set, losing acknowledged adds', 'set', 'lose-adds', false],
    ['counter, correct store', 'counter', 'none', true],
    ['counter, overcounting reads', 'counter', 'overcount', false],
  ])('%s → %s', async (_name, workload, flaw, valid) => {
    const calls: string[] = [];
    const o = options({ workload });
    const result = await runTest(o, { backend: backend(calls), adapter: memoryAdapter(flaw), workload: buildWorkload(workload, { keys: 1 }) });
    expect(result.valid).toBe(valid);
    expect(result.counts.ok).toBeGreaterThan(50);
    // Files: test.json with the seed, a history with client and nemesis ops, results, latest link.
    const test = JSON.parse(readFileSync(join(result.dir, 'test.json'), 'utf8')) as RunOptions;
    expect(test.seed).toBe(7);
    const results = JSON.parse(readFileSync(join(result.dir, 'results.json'), 'utf8')) as { valid: unknown };
    expect(results.valid).toBe(valid);
    const events = history(result.dir);
    expect(events.some((e) => e.process === 'nemesis' && e.f === 'heal')).toBe(true);
    expect(events.some((e) => e.process === 'nemesis' && e.f !== 'heal')).toBe(true);
    expect(events.map((e) => e.index)).toEqual(events.map((_, i) => i));
    for (let i = 1; i < events.length; i++) expect((events[i] as HistoryEvent).time).toBeGreaterThanOrEqual((events[i - 1] as HistoryEvent).time);
    expect(readlinkSync(join(o.store, 'latest'))).toBe(join('unit', result.dir.split('/').pop() as string));
    // Everything healed at the end.
    expect(calls.slice(-2)).toEqual(['heal', 'stop']);
  });

  it('writes report.html when asked', async () => {
    const o = options({ workload: 'register', timeLimitMs: 300 });
    const r = await runTest(o, { backend: backend(), adapter: memoryAdapter(), workload: buildWorkload('register', { keys: 1 }), report: true });
    expect(r.report).toEqual({ path: join(r.dir, 'report.html') });
    expect(readFileSync(join(r.dir, 'report.html'), 'utf8')).toContain('<html');
  });

  it('retires the process of an op that times out and opens a new client', async () => {
    const adapter = memoryAdapter('hang-some');
    const o = options({ workload: 'register', nemesis: ['none'], timeLimitMs: 600, threads: 4, concurrency: '4' });
    const result = await runTest(o, { backend: backend(), adapter, workload: buildWorkload('register', { keys: 1 }) });
    const events = history(result.dir);
    const infos = events.filter((e) => e.type === 'info' && e.process !== 'nemesis');
    expect(infos.length).toBeGreaterThan(0);
    for (const info of infos) {
      // The retired process never invokes again; its thread continues as process + 4.
      const later = events.filter((e) => e.index > info.index && e.process === info.process);
      expect(later).toEqual([]);
    }
    expect(events.some((e) => typeof e.process === 'number' && e.process >= 4)).toBe(true);
    expect(adapter.opened).toBeGreaterThan(4);
    expect(result.valid).not.toBe(false);
  });

  it('a fault the backend lacks fails before anything starts', async () => {
    const o = options({ nemesis: ['clock'] });
    const err = await runTest(o, { backend: backend(), adapter: memoryAdapter(), workload: buildWorkload('register', { keys: 1 }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaultlineError);
    expect((err as FaultlineError).code).toBe('usage');
    expect(existsSync(join(o.store, 'unit'))).toBe(false);
  });

  it('abort heals, stops, keeps the history and throws interrupted', async () => {
    const calls: string[] = [];
    const ac = new AbortController();
    // The time limit is far away: the run ends only because it is aborted, mid-way (after 30 ops).
    const o = options({ timeLimitMs: 600_000 });
    const adapter = memoryAdapter('none', 2);
    const open = adapter.open.bind(adapter);
    let invoked = 0;
    adapter.open = async (node, openOptions) => {
      const client = await open(node, openOptions);
      const invoke = client.invoke.bind(client);
      client.invoke = (op, signal) => {
        if (++invoked === 30) ac.abort();
        return invoke(op, signal);
      };
      return client;
    };
    const err = await runTest(o, {
      backend: backend(calls),
      adapter,
      workload: buildWorkload('register', { keys: 1 }),
      signal: ac.signal,
    }).catch((e: unknown) => e);
    expect((err as FaultlineError).code).toBe('interrupted');
    expect(calls).toContain('heal');
    expect(calls.at(-1)).toBe('stop');
    const dir = join(o.store, 'unit', readlinkSync(join(o.store, 'latest')).split('/').pop() as string);
    expect(history(dir).length).toBeGreaterThan(10);
  });

  it('the same seed gives the same nemesis schedule', async () => {
    const faults = async (): Promise<string[]> => {
      const o = options({ nemesis: ['partition', 'kill', 'pause'], nemesisIntervalMs: 100, timeLimitMs: 700 });
      const r = await runTest(o, { backend: backend(), adapter: memoryAdapter(), workload: buildWorkload('register', { keys: 1 }) });
      return history(r.dir)
        .filter((e) => e.process === 'nemesis' && e.type === 'invoke' && e.f !== 'heal')
        .map((e) => `${e.f} ${JSON.stringify(e.value)}`);
    };
    // How many faults fit in the time limit depends on the machine's load; which faults, in which
    // order and with which values, depends only on the seed: the shorter run is a prefix of the other.
    const [a, b] = [await faults(), await faults()];
    const n = Math.min(a.length, b.length);
    expect(n).toBeGreaterThanOrEqual(4);
    expect(b.slice(0, n)).toEqual(a.slice(0, n));
  });
});
