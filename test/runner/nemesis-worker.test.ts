import { describe, expect, it } from 'vitest';
import { killNemesis, partitionNemesis } from '../../nemeses/index.js';
import { MemoryRecorder, NemesisWorker, RunClock } from '../../src/runner/index.js';
import { fakeCluster } from './fake-cluster.js';

describe('NemesisWorker', () => {
  it('applies different fault kinds side by side, each kind in order, and records every op', async () => {
    const cluster = fakeCluster();
    // The kill is slow: it finishes only when the test releases it, after the partition is done.
    let releaseKill = (): void => {};
    const killHeld = new Promise<void>((r) => (releaseKill = r));
    cluster.kill = async (n) => {
      await killHeld;
      cluster.calls.push(`kill ${n}`);
    };
    const recorder = new MemoryRecorder();
    const clock = new RunClock();
    const w = new NemesisWorker([killNemesis(), partitionNemesis(['halves'])], { cluster }, recorder, clock);
    const now = clock.nowNs();
    const kill = w.dispatch({ f: 'kill', value: ['n1'], process: 'nemesis', timeNs: now });
    const start = w.dispatch({ f: 'start', value: null, process: 'nemesis', timeNs: now });
    const part = w.dispatch({ f: 'start-partition', value: { kind: 'halves', grudge: { n1: ['n2'] } }, process: 'nemesis', timeNs: now });
    await part;
    // The partition did not wait for the slow kill.
    expect(cluster.calls).toEqual([`partition {"n1":["n2"]}`]);
    expect(w.current?.f).toBe('start-partition');
    const partitionDoneNs = clock.nowNs() - now;
    await new Promise((r) => setTimeout(r, 5)); // the kill is held a little longer than the partition took
    const killReleasedNs = clock.nowNs() - now;
    releaseKill();
    await Promise.all([kill, start]);
    // Same kind in order: the restart came after the kill finished.
    expect(cluster.calls.slice(1)).toEqual(['kill n1', 'restart n1']);
    // kill and partition started before the partition was done; only the restart queued behind its
    // own kind's slow kill, so it started after the kill was released.
    expect(w.latenessNs).toHaveLength(3);
    expect(w.latenessNs.filter((ns) => ns <= partitionDoneNs)).toHaveLength(2);
    expect(w.latenessNs.filter((ns) => ns >= killReleasedNs)).toHaveLength(1);
    const fs = recorder.events.map((e) => `${e.type} ${e.f}`);
    expect(fs.filter((x) => x.startsWith('invoke'))).toHaveLength(3);
    expect(fs.filter((x) => x.startsWith('info'))).toHaveLength(3);
    await w.healEverything();
    expect(recorder.events.at(-1)).toMatchObject({ type: 'info', process: 'nemesis', f: 'heal' });
    expect(w.current).toBeNull();
  });
});
