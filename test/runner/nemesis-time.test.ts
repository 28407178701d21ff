// The nemesis keeps time (issue 11, item 6): no fault op starts after the time limit, ops never pile
// up behind a slow restart, a fault aimed at a restarting node is skipped and recorded, restarts have
// a bounded wait, and the final heal waits for restarts in flight (bounded). The fake cluster's
// restarts are held by promises the tests release on events, never by sleeps.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinStoreAdapter } from '../../src/adapters/index.js';
import type { HistoryEvent } from '../../src/core/event.js';
import type { Generator } from '../../src/generator/generator.js';
import { Random } from '../../src/generator/random.js';
import { timeLimit } from '../../src/generator/stagger.js';
import { killNemesis, nemesisSchedule, NodeStates, pauseNemesis, RESTART_TIMEOUT_MS } from '../../nemeses/index.js';
import { driveGenerator, localBackend, MemoryRecorder, NemesisWorker, RunClock, runTest } from '../../src/runner/index.js';
import { buildWorkload } from '../../workloads/index.js';
import { type FakeCluster, fakeCluster } from './fake-cluster.js';

const MS = 1_000_000;

/** A promise with its resolve, for events the test waits on or releases. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** gatedRestarts makes the cluster's restarts wait until released; `started` resolves when the first restart begins. */
function gatedRestarts(cluster: FakeCluster): { started: Promise<string>; release: () => void; restarts: string[] } {
  const started = deferred<string>();
  const gate = deferred();
  const restarts: string[] = [];
  cluster.restart = async (n) => {
    restarts.push(n);
    started.resolve(n);
    await gate.promise;
    cluster.calls.push(`restart ${n}`);
    cluster.down.delete(n);
  };
  return { started: started.promise, release: () => gate.resolve(), restarts };
}

/** onDone wraps a generator to call `done` once it ends (the nemesis schedule reached its time limit). */
function onDone(gen: Generator, done: () => void): Generator {
  return {
    op(ctx) {
      const r = gen.op(ctx);
      if (r.type === 'done') {
        done();
        return r;
      }
      return { ...r, next: onDone(r.next, done) };
    },
  };
}

const nemesisEvents = (r: MemoryRecorder, type?: string): HistoryEvent[] =>
  r.events.filter((e) => e.process === 'nemesis' && (type === undefined || e.type === type));

describe('the nemesis keeps time', () => {
  it('a restart slower than the interval: no fault op starts after the time limit, nothing piles up', async () => {
    const cluster = fakeCluster(['n1', 'n2', 'n3']);
    const { release, restarts } = gatedRestarts(cluster);
    const recorder = new MemoryRecorder();
    const clock = new RunClock();
    const worker = new NemesisWorker([killNemesis()], { cluster }, recorder, clock);
    const limitNs = 300 * MS;
    const stopAtNs = clock.nowNs() + limitNs;
    worker.stopAt(stopAtNs);
    const scheduleEnded = deferred();
    const gen = onDone(timeLimit(limitNs, nemesisSchedule([killNemesis()], ['n1', 'n2', 'n3'], 20 * MS)), () => scheduleEnded.resolve());
    // The first restart is held until the schedule has ended and the time limit has passed: kill/start
    // pairs queue behind it all along, and their turn comes only after the limit.
    void scheduleEnded.promise
      .then(async () => {
        while (clock.nowNs() <= stopAtNs) await clock.sleepUntilNs(stopAtNs + MS, new AbortController().signal);
      })
      .then(release);
    await driveGenerator(gen, worker, clock, Random.seeded(3), new AbortController().signal);
    await worker.healEverything();

    const invokes = nemesisEvents(recorder, 'invoke');
    const faults = invokes.filter((e) => e.f !== 'heal');
    expect(faults.length).toBeGreaterThan(0);
    for (const e of faults) expect(e.time).toBeLessThan(stopAtNs);
    // Only the one restart in flight at the limit ran; every op due after it was dropped.
    expect(restarts).toHaveLength(1);
    expect(worker.skips.notStarted).toBeGreaterThan(0);
    // The heal waited for the restart in flight: it comes after the start's completion.
    const startDone = recorder.events.findIndex((e) => e.process === 'nemesis' && e.type === 'info' && e.f === 'start');
    const heal = recorder.events.findIndex((e) => e.f === 'heal' && e.type === 'invoke');
    expect(startDone).toBeGreaterThan(-1);
    expect(heal).toBeGreaterThan(startDone);
    expect(cluster.down.size).toBe(0);
  });

  it('a fault whose window passed while its kind waited for a slow restart is skipped as late', async () => {
    const cluster = fakeCluster(['n1', 'n2', 'n3']);
    const { started, release } = gatedRestarts(cluster);
    const recorder = new MemoryRecorder();
    const clock = new RunClock();
    const w = new NemesisWorker([killNemesis()], { cluster }, recorder, clock);
    const op = (f: string, value: unknown) => w.dispatch({ f, value, process: 'nemesis', timeNs: clock.nowNs() });
    const ops = [op('kill', ['n1']), op('start', null)];
    await started;
    // Due while the restart of n1 holds the kill nemesis up: the next window, start and stop.
    ops.push(op('kill', ['n3']), op('start', null));
    release();
    await Promise.all(ops);
    expect(cluster.calls).toEqual(['kill n1', 'restart n1']);
    const infos = nemesisEvents(recorder, 'info');
    expect(infos.map((e) => e.f)).toEqual(['kill', 'start', 'kill', 'start']);
    expect(infos[2]?.value).toMatchObject({ skipped: expect.stringMatching(/^late: /) });
    expect(infos[3]?.value).toEqual([]);
    expect(w.skips.skipped).toBe(1);
    expect(w.current).toBeNull();
  });

  it('a pause aimed at a node that is restarting is skipped and recorded; once it is up, it can be paused', async () => {
    const cluster = fakeCluster(['n1', 'n2', 'n3']);
    const { started, release } = gatedRestarts(cluster);
    const recorder = new MemoryRecorder();
    const clock = new RunClock();
    const w = new NemesisWorker([killNemesis(), pauseNemesis()], { cluster }, recorder, clock);
    const op = (f: string, value: unknown) => w.dispatch({ f, value, process: 'nemesis', timeNs: clock.nowNs() });
    await op('kill', ['n2']);
    const restart = op('start', null);
    await started;
    await op('pause', ['n1', 'n2']);
    expect(cluster.calls).toEqual(['kill n2', 'pause n1']);
    const pauseDone = nemesisEvents(recorder, 'info').find((e) => e.f === 'pause');
    expect(pauseDone?.value).toEqual({ nodes: ['n1'], skipped: { n2: 'n2 is restarting' } });
    await op('resume', null);
    await op('pause', ['n2']);
    const whole = nemesisEvents(recorder, 'info').filter((e) => e.f === 'pause')[1];
    expect(whole?.value).toEqual({ skipped: 'n2 is restarting' });
    expect(w.skips).toMatchObject({ skipped: 1, partlySkipped: 1 });
    release();
    await restart;
    await op('resume', null);
    await op('pause', ['n2']);
    expect(cluster.calls.at(-1)).toBe('pause n2');
    await w.healEverything();
    expect(cluster.down.size).toBe(0);
  });

  it('a restart that never finishes: bounded, recorded, the node marked unknown and skipped, the heal bounded', async () => {
    const cluster = fakeCluster(['n1', 'n2', 'n3']);
    const { started, release, restarts } = gatedRestarts(cluster);
    const recorder = new MemoryRecorder();
    const clock = new RunClock();
    const nodes = new NodeStates();
    const w = new NemesisWorker([killNemesis({ restartTimeoutMs: 50 }), pauseNemesis()], { cluster, nodes }, recorder, clock, undefined, {
      healTimeoutMs: 10_000,
    });
    const op = (f: string, value: unknown) => w.dispatch({ f, value, process: 'nemesis', timeNs: clock.nowNs() });
    await op('kill', ['n2']);
    await op('start', null);
    await started;
    const startDone = nemesisEvents(recorder, 'info').find((e) => e.f === 'start');
    expect(startDone?.error).toBe('start failed for n2: restart not finished within 50 ms');
    expect(nodes.conditionOf('n2')).toBe('unknown');
    await op('pause', ['n2']);
    expect(nemesisEvents(recorder, 'info').at(-1)?.value).toEqual({ skipped: 'n2 is in an unknown state (restart not finished within 50 ms)' });
    await op('kill', ['n2']);
    expect(nemesisEvents(recorder, 'info').at(-1)?.value).toMatchObject({ skipped: expect.stringContaining('n2 is in an unknown state') });
    // The heal waits for the restart still in flight, at most its bound, and says what it could not do.
    await w.healEverything();
    const heal = nemesisEvents(recorder, 'info').at(-1);
    expect(heal?.f).toBe('heal');
    expect(String(heal?.error)).toMatch(/n2/);
    expect(cluster.calls.filter((c) => c.startsWith('pause'))).toEqual([]);
    // When the restart finally completes the node is up again.
    release();
    await new Promise((r) => setImmediate(r));
    expect(nodes.conditionOf('n2')).toBeUndefined();
    // ... and the next start does not restart it a second time.
    await op('start', null);
    expect(nemesisEvents(recorder, 'info').at(-1)?.value).toEqual([]);
    expect(restarts).toEqual(['n2']);
  });

  it('after the time limit or an abort no op starts, and none is recorded', async () => {
    const cluster = fakeCluster(['n1', 'n2', 'n3']);
    const recorder = new MemoryRecorder();
    const clock = new RunClock();
    const w = new NemesisWorker([killNemesis(), pauseNemesis()], { cluster }, recorder, clock);
    const abort = new AbortController();
    w.stopAt(Number.MAX_SAFE_INTEGER, abort.signal);
    await w.dispatch({ f: 'pause', value: ['n1'], process: 'nemesis', timeNs: clock.nowNs() });
    abort.abort();
    await w.dispatch({ f: 'resume', value: null, process: 'nemesis', timeNs: clock.nowNs() });
    w.stopAt(clock.nowNs());
    await w.dispatch({ f: 'kill', value: ['n2'], process: 'nemesis', timeNs: clock.nowNs() });
    expect(cluster.calls).toEqual(['pause n1']);
    expect(nemesisEvents(recorder).map((e) => `${e.type} ${e.f}`)).toEqual(['invoke pause', 'info pause']);
    expect(w.skips.notStarted).toBe(2);
    // The final heal still runs (it is not a scheduled op): it resumes n1.
    await w.healEverything();
    expect(cluster.calls).toEqual(['pause n1', 'resume n1', 'heal']);
  });
});

describe('a real run on the local backend', () => {
  it('kill every 20 ms (restarts take far longer): no fault op starts after the time limit, the heal is bounded', async () => {
    const timeLimitMs = 1500;
    const result = await runTest(
      {
        name: 'nemesis-time',
        db: 'builtin',
        mode: 'raft',
        backend: 'local',
        nodes: 3,
        workload: 'register',
        keys: 1,
        nemesis: ['kill', 'pause'],
        nemesisIntervalMs: 20,
        partition: ['halves'],
        timeLimitMs,
        concurrency: '3',
        threads: 3,
        rate: 50,
        seed: 5,
        store: mkdtempSync(join(tmpdir(), 'fl-nemesis-time-')),
        opTimeoutMs: 500,
        recoveryMs: 0,
        convergeTimeoutMs: 3000,
        checkTimeoutMs: 10_000,
        checkWorkers: 1,
      },
      { backend: localBackend(3, 'raft'), adapter: builtinStoreAdapter(), workload: buildWorkload('register', { keys: 1, mode: 'raft' }) },
    );
    const events = readFileSync(join(result.dir, 'history.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as HistoryEvent);
    const faults = events.filter((e) => e.process === 'nemesis' && e.type === 'invoke' && e.f !== 'heal');
    expect(faults.length).toBeGreaterThan(2);
    // The limit is counted from just after the run clock starts: a few ms of slack, not seconds.
    for (const e of faults) expect(e.time).toBeLessThan((timeLimitMs + 250) * MS);
    const heal = events.find((e) => e.f === 'heal' && e.type === 'invoke') as HistoryEvent;
    expect(heal.time).toBeLessThan((timeLimitMs + RESTART_TIMEOUT_MS) * MS);
    const results = JSON.parse(readFileSync(join(result.dir, 'results.json'), 'utf8')) as { nemesis: { skipped: number; notStarted: number } };
    expect(results.nemesis.skipped + results.nemesis.notStarted).toBeGreaterThan(0);
    // Nothing landed on a restarting node: every restart the history records succeeded.
    const starts = events.filter((e) => e.process === 'nemesis' && e.type === 'info' && e.f === 'start');
    for (const e of starts) expect(e.error).toBeUndefined();
  }, 120_000);
});
