// Adapters that fail loudly: runTest in process against a fake cluster, with real adapter programs
// (test/fixtures/adapters/faulty-exec-adapter.mjs as a child process) and real adapter modules.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBackend, unitRunOptions } from './unit-run.js';
import type { HistoryEvent } from '../../src/core/event.js';
import { FaultlineError, exitCodeFor } from '../../src/core/errors.js';
import { resolveAdapter } from '../../src/adapters/resolve-adapter.js';
import type { RunnerAdapter } from '../../src/adapters/adapter-extras.js';
import type { Backend, RunOptions } from '../../src/runner/index.js';
import { runTest } from '../../src/runner/index.js';
import { buildWorkload } from '../../workloads/index.js';


const fixtures = resolve(import.meta.dirname, '../fixtures/adapters');
const faulty = (mode: string): string => `exec:node ${join(fixtures, 'faulty-exec-adapter.mjs')} ${mode}`;

const options = (over: Partial<RunOptions> = {}): RunOptions =>
  // A long time limit on purpose: a run stopped by its adapter ends long before it.
  unitRunOptions('adapter', { nemesis: ['partition'], nemesisIntervalMs: 100, timeLimitMs: 60_000, concurrency: '4', threads: 4, rate: 200, seed: 3, opTimeoutMs: 500, ...over });

const backend = (calls: string[]): Backend => fakeBackend((c) => (c.calls = calls));

function history(dir: string): HistoryEvent[] {
  const text = readFileSync(join(dir, 'history.jsonl'), 'utf8').trim();
  return text === '' ? [] : text.split('\n').map((l) => JSON.parse(l) as HistoryEvent);
}

/** run runs a test that is expected to stop with an error; returns it, the run dir and the time it took. */
async function failingRun(adapter: RunnerAdapter, over: Partial<RunOptions> = {}) {
  const calls: string[] = [];
  const o = options(over);
  const started = Date.now();
  const err = await runTest(o, { backend: backend(calls), adapter, workload: buildWorkload('register', { keys: 1 }) }).then(
    () => undefined,
    (e: unknown) => e,
  );
  const elapsedMs = Date.now() - started;
  const dir = join(o.store, 'latest');
  return { err: err as FaultlineError, dir, calls, elapsedMs, o };
}

const clientEvents = (events: HistoryEvent[]): HistoryEvent[] => events.filter((e) => typeof e.process === 'number');

describe('an exec adapter whose program dies mid-run', () => {
  it('stops the run long before its time limit: exit 6, history kept, faults healed, stderr shown and logged', async () => {
    const { err, dir, calls, elapsedMs, o } = await failingRun(await resolveAdapter(faulty('crash-after 40')));
    // Ended before the 60 s time limit: only the adapter's death can have stopped it.
    expect(elapsedMs).toBeLessThan(o.timeLimitMs / 2);
    expect(err).toBeInstanceOf(FaultlineError);
    expect(exitCodeFor(err.code)).toBe(6);
    expect(err.message.split('\n')[0]).toMatch(/^exec adapter "node .*faulty-exec-adapter\.mjs crash-after 40" exited with code 3 before the test was over$/);
    // Its last ten stderr lines are in the message; everything it wrote is in logs/adapter.log.
    expect(err.message).toContain(`last lines of its stderr (${join(o.store, 'unit')}`);
    expect(err.message).toMatch(/^ {2}\| dying line 12$/m);
    expect(err.message).toMatch(/^ {2}\| dying line 3$/m);
    expect(err.message).not.toMatch(/^ {2}\| dying line 2$/m);
    const log = readFileSync(join(dir, 'logs', 'adapter.log'), 'utf8');
    expect(log).toContain('faulty adapter starting in mode crash-after');
    expect(log).toContain('dying line 1\n');
    expect(log).toContain('dying line 12\n');
    // The history so far is kept, every invoke has its completion (in-flight ops are info).
    const events = clientEvents(history(dir));
    expect(events.filter((e) => e.type === 'ok').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'ok' || e.type === 'fail').length).toBeGreaterThanOrEqual(20);
    const invokes = events.filter((e) => e.type === 'invoke').length;
    expect(events.length - invokes).toBe(invokes);
    // Faults healed, then the cluster stopped.
    expect(calls.some((c) => c.startsWith('partition'))).toBe(true);
    expect(calls).toContain('heal');
    expect(calls.at(-1)).toBe('stop');
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Record<string, unknown>;
    expect(results).toMatchObject({ valid: 'unknown', error: { code: 'cluster' } });
    expect(results['reason']).toMatch(/^the run stopped: exec adapter .* exited with code 3/);
  });

  it('a program that writes a line that is not JSON on stdout is a protocol error, named', async () => {
    const { err, dir, elapsedMs, o } = await failingRun(await resolveAdapter(faulty('garbage-after 30')));
    expect(elapsedMs).toBeLessThan(o.timeLimitMs / 2);
    expect(err.code).toBe('cluster');
    expect(err.message.split('\n')[0]).toMatch(/ broke the protocol: stdout line \d+ is not JSON: "this is not json"$/);
    expect(err.message).toContain('faulty adapter starting in mode garbage-after');
    expect(clientEvents(history(dir)).filter((e) => e.type === 'ok').length).toBeGreaterThan(0);
  });

  it('a reply with a type that is not ok, fail or info is a protocol error; that op is info', async () => {
    const { err, dir } = await failingRun(await resolveAdapter(faulty('bad-type-after 30')));
    expect(err.code).toBe('cluster');
    expect(err.message).toMatch(/broke the protocol: stdout line \d+ answers request \d+ with "type" "maybe" \(expected "ok", "fail" or "info"\)/);
    const info = clientEvents(history(dir)).find((e) => e.type === 'info');
    expect(info?.error).toMatch(/^protocol violation: /);
  });
});

describe('an adapter that cannot open a client anywhere', () => {
  it.each([
    ['exec program answering fail to every open', faulty('open-fails'), /^adapter "exec:node .*open-fails" could not open a client on any node \(4 tries on 3 nodes\); first error, on n1: open answered fail: "connection refused \(test\)"$/],
    ['module whose open throws', join(fixtures, 'open-throws-adapter.mjs'), /^adapter "open-throws" could not open a client on any node \(4 tries on 3 nodes\); first error, on n1: connect ECONNREFUSED 127\.0\.0\.1:9000 \(test\)$/],
  ])('%s: a setup error before the workload, no client op recorded', async (_name, spec, message) => {
    const { err, dir, calls, elapsedMs, o } = await failingRun(await resolveAdapter(spec));
    expect(elapsedMs).toBeLessThan(o.timeLimitMs / 2);
    expect(err).toBeInstanceOf(FaultlineError);
    expect(exitCodeFor(err.code)).toBe(6);
    expect(err.message).toMatch(message);
    expect(clientEvents(history(dir))).toEqual([]);
    expect(calls.filter((c) => c.startsWith('partition'))).toEqual([]);
    expect(calls.at(-1)).toBe('stop');
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'))).toMatchObject({ valid: 'unknown', error: { code: 'cluster' } });
  });

  it('a program that exits as it starts: its end and its stderr, no client op recorded', async () => {
    const { err, dir } = await failingRun(await resolveAdapter(faulty('exit-at-start')));
    expect(err.code).toBe('cluster');
    expect(err.message).toMatch(/^exec adapter ".*exit-at-start" exited with code 1 before the test was over\nlast lines of its stderr \(.*adapter\.log\):\n {2}\| faulty adapter starting in mode exit-at-start\n {2}\| Error: Cannot find module 'kv-client' \(test\)$/);
    expect(clientEvents(history(dir))).toEqual([]);
  });

  it('a program that cannot be started is a setup error naming it', async () => {
    const { err, dir } = await failingRun(await resolveAdapter('exec:./no-such-adapter-program --flag'));
    expect(err.code).toBe('cluster');
    expect(err.message.split('\n')[0]).toMatch(/^exec adapter "\.\/no-such-adapter-program --flag" could not be started \(.*ENOENT.*\)$/);
    expect(clientEvents(history(dir))).toEqual([]);
  });
});

describe('module adapters: broken adapter versus store down', () => {
  it('an invoke that keeps throwing a TypeError stops the run with its message', async () => {
    const { err, dir, elapsedMs, o } = await failingRun(await resolveAdapter(join(fixtures, 'type-error-adapter.mjs')));
    expect(elapsedMs).toBeLessThan(o.timeLimitMs / 2);
    expect(err.code).toBe('cluster');
    expect(err.message).toMatch(/^adapter "type-error" is broken: its invoke threw TypeError: Cannot read properties of undefined \(reading 'value'\) on 3 \w+ operations in a row$/);
    // The ops it threw on are unknown (info), never fail.
    const done = clientEvents(history(dir)).filter((e) => e.type !== 'invoke');
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done.every((e) => e.type === 'info')).toBe(true);
  });

  it('a store that is down (network errors thrown) is data: the run goes on to its verdict, with a reason', async () => {
    const o = options({ timeLimitMs: 600, nemesis: ['none'], convergeTimeoutMs: 300 });
    const r = await runTest(o, { backend: backend([]), adapter: await resolveAdapter(join(fixtures, 'unreachable-store-adapter.mjs')), workload: buildWorkload('register', { keys: 1 }) });
    expect(r.counts.info).toBeGreaterThan(10);
    expect(r.counts.ok).toBe(0);
    expect(r.valid).toBe('unknown');
    expect(r.reason).toMatch(/\S/);
    const results = JSON.parse(readFileSync(join(r.dir, 'results.json'), 'utf8')) as { reason?: string };
    expect(results.reason).toBe(r.reason);
  });
});

describe('a good exec adapter', () => {
  it('runs to a valid verdict with its stderr in logs/adapter.log', async () => {
    const o = options({ timeLimitMs: 800 });
    const r = await runTest(o, { backend: backend([]), adapter: await resolveAdapter(faulty('good')), workload: buildWorkload('register', { keys: 1 }) });
    expect(r.valid).toBe(true);
    expect(r.reason).toBeUndefined();
    expect(readFileSync(join(r.dir, 'logs', 'adapter.log'), 'utf8')).toBe('faulty adapter starting in mode good\n');
  });
});
