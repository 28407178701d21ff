// runTest's teardown (issue 11, items 4 and 12): heal once before the cluster stops, every failing
// teardown step recorded in results.json (never swallowed), and a history that could not be written
// is an error, not a verdict. In process, with the fake cluster and the in-memory adapter; the
// history writer is the real one.
import { readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBackend, unitRunOptions } from './unit-run.js';
import type { HistoryEvent } from '../../src/core/event.js';
import { FaultlineError } from '../../src/core/errors.js';
import { HistoryWriter } from '../../src/history/history-writer.js';
import type { RunEvent, RunOptions } from '../../src/runner/index.js';
import { runTest } from '../../src/runner/index.js';
import { buildWorkload } from '../../workloads/index.js';

import { memoryAdapter } from './memory-adapter.js';

const options = (over: Partial<RunOptions> = {}): RunOptions => unitRunOptions('teardown', { nemesisIntervalMs: 100, timeLimitMs: 600, ...over });

const backend = fakeBackend;

function latestDir(store: string): string {
  return join(store, readlinkSync(join(store, 'latest')));
}

function history(dir: string): HistoryEvent[] {
  return readFileSync(join(dir, 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as HistoryEvent);
}

function results(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Record<string, unknown>;
}

describe('runTest teardown', () => {
  it('an abort heals exactly once, before the cluster stops, and records no nemesis op after it', async () => {
    const ac = new AbortController();
    const b = backend();
    const o = options({ timeLimitMs: 60_000 });
    // Abort mid-workload once some ops completed (an event, not a time).
    const onEvent = (e: RunEvent): void => {
      if (e.kind === 'counts' && e.ok >= 30 && !ac.signal.aborted) ac.abort('SIGINT');
    };
    const err = await runTest(o, { backend: b, adapter: memoryAdapter('none', 2), workload: buildWorkload('register', { keys: 1 }), signal: ac.signal, onEvent }).catch(
      (e: unknown) => e,
    );
    expect((err as FaultlineError).code).toBe('interrupted');
    const calls = b.cluster?.calls ?? [];
    expect(calls.at(-1)).toBe('stop');
    expect(calls.lastIndexOf('heal')).toBeLessThan(calls.indexOf('stop'));
    const dir = latestDir(o.store);
    const nemesis = history(dir).filter((e) => e.process === 'nemesis');
    expect(nemesis.filter((e) => e.f === 'heal').map((e) => e.type)).toEqual(['invoke', 'info']);
    expect(nemesis.at(-1)).toMatchObject({ f: 'heal', type: 'info', value: 'healed' });
    expect(results(dir)).toMatchObject({ interrupted: true, reason: 'SIGINT', historyComplete: true, teardownErrors: [] });
  });

  it('a failing heal and a cluster that cannot be stopped are recorded in results.json and the result', async () => {
    const b = backend((c) => {
      c.healNetwork = async () => {
        throw new Error('iptables: resource busy');
      };
      c.stop = async () => {
        c.calls.push('stop');
        throw new FaultlineError('cluster', 'cannot remove a container: conflict');
      };
    });
    const o = options({ nemesis: ['partition'] });
    const r = await runTest(o, { backend: b, adapter: memoryAdapter(), workload: buildWorkload('register', { keys: 1 }) });
    expect(r.teardownErrors).toEqual([
      { step: 'heal', message: 'iptables: resource busy' },
      { step: 'stop-cluster', message: 'cannot remove a container: conflict' },
    ]);
    expect(results(r.dir)).toMatchObject({ historyComplete: true, teardownErrors: r.teardownErrors });
    expect(r.valid).toBe(true); // the history is whole: the verdict stands
  });

  it('a history that cannot be written (disk full) is an error with results.json, not a verdict', async () => {
    const o = options({ nemesis: ['partition'], timeLimitMs: 300 });
    const err = await runTest(o, {
      backend: backend(),
      adapter: memoryAdapter(),
      workload: buildWorkload('register', { keys: 1 }),
      openSink: () => HistoryWriter.open('/dev/full'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaultlineError);
    expect((err as FaultlineError).code).toBe('environment');
    expect((err as FaultlineError).message).toMatch(/history .*(incomplete|cannot write).*ENOSPC|ENOSPC/);
    const saved = results(latestDir(o.store));
    expect(saved).toMatchObject({ valid: 'unknown', historyComplete: false });
    expect(saved['teardownErrors']).toEqual([expect.objectContaining({ step: 'history', message: expect.stringMatching(/ENOSPC/) })]);
  });
});
