// Integration: `faultline demo clocks` on real local clusters (3 nodes, 8 s per mode, fixed seed):
// one scripted clock jump on the leader, then a partition. Needs the built store (`npm test` builds first).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/event.js';
import { type DemoRow, type DemoSummary, CLOCKS_CHAPTER, runDemo } from '../../src/demo/index.js';

describe('faultline demo clocks (real clusters, fixed seed)', () => {
  let store: string | undefined;
  afterAll(async () => {
    if (store !== undefined) await rm(store, { recursive: true, force: true });
  });

  it('lease serves stale reads and lww loses acknowledged writes after the leader clock jumps; raft is unaffected', async () => {
    store = await mkdtemp(join(tmpdir(), 'faultline-demo-clocks-'));
    const result = await runDemo(CLOCKS_CHAPTER, { timeLimitMs: 8_000, seed: 1, nodes: 3, store, lang: 'en' });
    const by = new Map(result.summary.rows.map((r) => [r.mode, r]));
    expect([...by.keys()]).toEqual(['raft', 'lease', 'lww']);
    const raft = by.get('raft') as DemoRow;
    const lease = by.get('lease') as DemoRow;
    const lww = by.get('lww') as DemoRow;

    expect(raft.linearizable).toBe(true);
    expect(raft.lostWrites).toBe(0);
    expect(raft.eventual).toBe(true);

    expect(lease.linearizable).toBe(false);
    expect(lease.staleReads).toBeGreaterThan(0);

    // Judged by real time: the writes made after the clock was set right lost to the future-stamped ones.
    expect(lww.lostWrites).toBeGreaterThan(0);
    expect(lww.eventual).toBe(false);
    expect(lww.linearizable).toBe(false);

    // The faults were the script, the same in every run: the leader's clock 10 s ahead at 2 s, then set right and cut off at 4 s.
    for (const r of result.summary.rows) {
      const history = (await readFile(join(r.dir, 'history.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as HistoryEvent);
      const faults = history.filter((e) => e.process === 'nemesis' && e.type === 'invoke').map((e) => [e.f, Math.round(e.time / 1e9)]);
      expect(faults.slice(0, 3)).toEqual([
        ['bump-clock', 2],
        ['reset-clock', 4],
        ['start-partition', 4],
      ]);
      // The final heal, once the last operations have returned (each within the 1 s op timeout).
      expect(faults.slice(3).map(([f]) => f)).toEqual(['heal']);
      expect(faults[3]?.[1]).toBeGreaterThanOrEqual(8);
    }

    const onDisk = JSON.parse(await readFile(result.summaryPath, 'utf8')) as DemoSummary;
    expect(onDisk.demo).toBe('clocks');
    expect(onDisk.schedule.script).toHaveLength(3);
    expect(onDisk.table[0]).toMatch(/^mode +\| available during faults +\| linearizable\? +\| worst staleness +\| lost writes +\| eventually consistent\?$/);
    expect(onDisk.sentences[1]).toMatch(/^lease trusted the leader's clock/);
    const page = await readFile(result.pagePath, 'utf8');
    for (const r of result.summary.rows) expect(page).toContain(`demo-clocks-${r.mode}/`);
  }, 150_000);
});
