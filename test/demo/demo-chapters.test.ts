// The chapters as data: their fault scripts, their runs' options, their sentences in both languages,
// the CJK-aware table, and the runner's scripted-fault hook (in process, on the fake cluster).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/event.js';
import { simulate } from '../../src/generator/simulate.js';
import { runTest } from '../../src/runner/index.js';
import { buildWorkload } from '../../workloads/index.js';
import {
  type DemoRow,
  CHAPTERS,
  CLOCKS_CHAPTER,
  QUORUM_CHAPTER,
  SPLIT_BRAIN_CHAPTER,
  buildDemoSummary,
  chosenVariants,
  clocksFaults,
  demoRunOptions,
  displayWidth,
  faultScript,
  formatDemoTable,
  splitBrainFaults,
  translator,
} from '../../src/demo/index.js';
import { quorumStoreArgs } from '../../src/cluster/local/quorum-options.js';
import { memoryAdapter } from '../runner/memory-adapter.js';
import { fakeBackend, unitRunOptions } from '../runner/unit-run.js';

const row = (over: Partial<DemoRow>): DemoRow => ({
  variant: over.mode ?? 'raft',
  mode: 'raft',
  dir: '/s/d/1',
  availability: { ok: 60, attempted: 100, fraction: 0.6, faultNs: 1e10 },
  linearizable: true,
  eventual: true,
  converged: true,
  lostWrites: 0,
  writeOrder: 'real-time',
  reads: 50,
  staleReads: 0,
  worstStalenessNs: 0,
  worstOutdatedNs: 0,
  convergenceNs: 200e6,
  convergenceMeasure: 'at-most',
  ...over,
});

describe('faultScript', () => {
  it('emits each step on the nemesis process at its time from the start, then is done', () => {
    const steps = [
      { atMs: 500, f: 'reset-clock', value: null },
      { atMs: 250, f: 'bump-clock', value: { nodes: 'leader', offsetMs: 10_000 } },
      { atMs: 500, f: 'start-partition', value: { kind: 'leader' } },
    ];
    const r = simulate(faultScript(steps), { threads: 0, seed: 1, nemesis: true, latencyNs: 0 });
    expect(r.stop).toBe('done');
    expect(r.ops.map((o) => [o.process, o.f, o.timeNs / 1e6])).toEqual([
      ['nemesis', 'bump-clock', 250],
      ['nemesis', 'reset-clock', 500],
      ['nemesis', 'start-partition', 500],
    ]);
  });

  it('clocks: the leader jumps ahead at a quarter, is set right and cut off at half time; the jump outlasts the run', () => {
    expect(clocksFaults(8_000)).toEqual([
      { atMs: 2_000, f: 'bump-clock', value: { nodes: 'leader', offsetMs: 10_000 } },
      { atMs: 4_000, f: 'reset-clock', value: null },
      { atMs: 4_000, f: 'start-partition', value: { kind: 'leader' } },
    ]);
    expect(clocksFaults(40_000)[0]?.value).toEqual({ nodes: 'leader', offsetMs: 40_000 });
    expect(splitBrainFaults(16_000)).toEqual([{ atMs: 4_000, f: 'start-partition', value: { kind: 'leader' } }]);
  });

  it('replaces the seeded schedule of a real runTest: the history holds the script and the final heal only', async () => {
    const o = unitRunOptions('demo-script', { nemesis: ['partition', 'clock'], partition: ['leader'], nemesisIntervalMs: 100, timeLimitMs: 700 });
    const backend = { ...fakeBackend(), capabilities: new Set(['partition', 'kill', 'pause', 'clock'] as const) };
    const r = await runTest(o, {
      backend,
      adapter: { ...memoryAdapter(), findLeader: async () => 'n2' },
      workload: buildWorkload('register', { keys: 1 }),
      faultSchedule: () => faultScript([{ atMs: 200, f: 'bump-clock', value: { nodes: 'leader', offsetMs: 10_000 } }, { atMs: 400, f: 'reset-clock', value: null }]),
    });
    const events = readFileSync(join(r.dir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as HistoryEvent);
    const faults = events.filter((e) => e.process === 'nemesis' && e.type === 'info').map((e) => [e.f, e.value]);
    expect(faults).toEqual([
      ['bump-clock', { nodes: ['n2'], offsetMs: 10_000 }],
      ['reset-clock', ['n1', 'n2', 'n3']],
      ['heal', 'healed'],
    ]);
  });
});

describe('chapters', () => {
  it('name their runs demo-<chapter>-<variant> and give every variant the same faults and seed', () => {
    for (const chapter of Object.values(CHAPTERS)) {
      const o = { timeLimitMs: chapter.defaults.timeLimitMs, seed: 9, nodes: chapter.defaults.nodes, store: 's', lang: 'en' as const };
      const runs = chapter.variants.map((v) => demoRunOptions(chapter, v, o));
      expect(runs.map((r) => r.name)).toEqual(chapter.variants.map((v) => `demo-${chapter.name}-${v.id}`));
      for (const r of runs) expect([r.nemesis, r.partition, r.seed, r.timeLimitMs]).toEqual([chapter.nemesis, chapter.partition, 9, chapter.defaults.timeLimitMs]);
    }
  });

  it('quorum: N=3 and the four settings as store flags', () => {
    const o = { timeLimitMs: 8_000, seed: 1, nodes: 5, store: 's', lang: 'en' as const };
    expect(QUORUM_CHAPTER.variants.map((v) => [v.id, v.label, demoRunOptions(QUORUM_CHAPTER, v, o).mode, quorumStoreArgs(demoRunOptions(QUORUM_CHAPTER, v, o).quorum).join(' ')])).toEqual([
      ['r1w1', 'R=1 W=1', 'quorum', '--replicas 3 --r 1 --w 1 --sloppy false'],
      ['r2w2', 'R=2 W=2', 'quorum', '--replicas 3 --r 2 --w 2 --sloppy false'],
      ['r3w1', 'R=3 W=1', 'quorum', '--replicas 3 --r 3 --w 1 --sloppy false'],
      ['r2w2-sloppy', 'R=2 W=2 sloppy', 'quorum', '--replicas 3 --r 2 --w 2 --sloppy true'],
    ]);
  });

  it('rejects an unknown variant', () => {
    expect(() => chosenVariants(SPLIT_BRAIN_CHAPTER, ['lww'])).toThrow(/demo split-brain has no run "lww" \(it has primary, raft\)/);
  });

  it('clocks explains each row from its numbers, and says when a run did not show the flaw', () => {
    const t = translator('en');
    const [raft, lease, lww, lesson] = CLOCKS_CHAPTER.explain(
      [row({}), row({ mode: 'lease', linearizable: false, staleReads: 4, worstOutdatedNs: 2.5e9 }), row({ mode: 'lww', linearizable: false, lostWrites: 91, eventual: false })],
      t,
      { timeLimitMs: 8_000, nodes: 3 },
    );
    expect(raft).toMatch(/^raft ignored the clock.*stayed linearizable.*\(60% during faults\)/);
    expect(lease).toMatch(/ran 10 s ahead.*4 stale read\(s\), returning values overwritten up to 2\.50 s before, so it was not linearizable/);
    expect(lww).toMatch(/91 acknowledged write\(s\) silently overwritten/);
    expect(lesson).toMatch(/^Clocks:/);
    const [lease2, lww2] = CLOCKS_CHAPTER.explain([row({ mode: 'lease' }), row({ mode: 'lww' })], t, { timeLimitMs: 8_000, nodes: 3 });
    expect(lease2).toMatch(/try another --seed/);
    expect(lww2).toMatch(/no acknowledged write was lost/);
  });

  it('split-brain tells lost writes with and without a linearizability violation', () => {
    const t = translator('en');
    const [a, b, raft] = SPLIT_BRAIN_CHAPTER.explain(
      [row({ mode: 'primary', lostWrites: 139, eventual: false }), row({ mode: 'primary', lostWrites: 3, linearizable: false }), row({})],
      t,
      { timeLimitMs: 8_000, nodes: 3 },
    );
    expect(a).toMatch(/139 acknowledged write\(s\) lost.*the loss shows only at the heal/);
    expect(b).toMatch(/3 acknowledged write\(s\) lost.*saw different values at once/);
    expect(raft).toMatch(/^raft fences by terms and majorities.*no acknowledged write lost.*only 60%/);
  });
});

describe('tables in Chinese', () => {
  it('count a CJK character as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('线性一致？')).toBe(10);
    expect(displayWidth('≤ 5 ms')).toBe(6);
  });

  it('line up by terminal columns', () => {
    const lines = formatDemoTable(['模式', '线性一致？'], [['raft', '是'], ['lease', '否']]);
    expect(lines).toEqual(['模式  | 线性一致？', '------|-----------', 'raft  | 是', 'lease | 否']);
  });

  it('a whole summary in zh: headings, cells and sentences come from the zh catalog', () => {
    const s = buildDemoSummary(CLOCKS_CHAPTER, {
      lang: 'zh',
      seed: 1,
      nodes: 3,
      timeLimitMs: 8_000,
      schedule: { nemesis: ['clock', 'partition'], partition: ['leader'], intervalMs: 2_000, rate: 50, script: clocksFaults(8_000) },
      startedAt: '2026-01-01T00:00:00.000Z',
      elapsedMs: 1,
      rows: [row({}), row({ mode: 'lease', linearizable: false, staleReads: 2 })],
    });
    expect(s.headings).toEqual(['模式', '故障期间可用性', '线性一致？', '最大读滞后', '丢失的写入', '最终一致？']);
    expect(s.cells[1]).toEqual(['lease', '60%（60/100）', '否', '0 ms（2 次陈旧读）', '0', '是']);
    expect(s.schedule.description).toMatch(/^第 2 秒，领导者的时钟向前跳 10 秒/);
    expect(s.sentences.join('')).toContain('租约读');
  });
});
