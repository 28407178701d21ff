import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/generator/simulate.js';
import { FaultlineError } from '../../src/core/errors.js';
import {
  type DemoOptions,
  type DemoRow,
  type DemoColumn,
  CAP_CHAPTER,
  CAP_MODES,
  availabilityDuringFaults,
  buildDemoSummary,
  capWriteOrder,
  demoCell,
  demoRow,
  demoRunOptions,
  faultIntervalMs,
  renderDemoPage,
  translator,
  uniqueRegisterOps,
} from '../../src/demo/index.js';

const en = translator('en');
const capRunOptions = (mode: string, o: Omit<DemoOptions, 'lang'>) =>
  demoRunOptions(CAP_CHAPTER, CAP_CHAPTER.variants.find((v) => v.mode === mode)!, { ...o, lang: 'en' });
const capCells = (r: DemoRow) => [r.variant, ...CAP_CHAPTER.columns.map((c: DemoColumn) => demoCell(c, r, en))];
const explainCap = (rows: readonly DemoRow[]) => CAP_CHAPTER.explain(rows, en, { timeLimitMs: 20_000, nodes: 3 });
const capSummary = (rows: DemoRow[]) =>
  buildDemoSummary(CAP_CHAPTER, {
    lang: 'en',
    seed: 7,
    nodes: 3,
    timeLimitMs: 20_000,
    schedule: { nemesis: ['partition', 'clock'], partition: ['leader'], intervalMs: 5_000, rate: 50 },
    startedAt: '2026-01-01T00:00:00.000Z',
    elapsedMs: 90_000,
    rows,
  });
const formatCapTable = (rows: DemoRow[]) => capSummary(rows).table;
import { events, heal, op, read, type Row } from '../eventual/history-rows.js';

describe('uniqueRegisterOps', () => {
  it('spreads ops over the free processes (a retired process, with a higher id, is not starved)', () => {
    const { ops } = simulate(uniqueRegisterOps(['a'], 0.5), { threads: 6, seed: 5, maxOps: 600 });
    const perThread = new Map<number, number>();
    for (const o of ops) perThread.set((o.process as number) % 6, (perThread.get((o.process as number) % 6) ?? 0) + 1);
    expect(perThread.size).toBe(6);
    for (const n of perThread.values()) expect(n).toBeGreaterThan(50);
  });

  it('writes 1, 2, 3, … once each, reads carry null, keys come from the list', () => {
    const { ops } = simulate(uniqueRegisterOps(['a', 'b'], 0.5), { threads: 4, seed: 3, maxOps: 400 });
    const writes = ops.filter((o) => o.f === 'write').map((o) => o.value);
    expect(writes).toEqual(writes.map((_, i) => i + 1));
    expect(ops.filter((o) => o.f === 'read').every((o) => o.value === null)).toBe(true);
    expect(new Set(ops.map((o) => o.key))).toEqual(new Set(['a', 'b']));
    const reads = ops.length - writes.length;
    expect(reads / ops.length).toBeGreaterThan(0.4);
    expect(reads / ops.length).toBeLessThan(0.6);
  });

  it('is the same schedule for the same seed', () => {
    const a = simulate(uniqueRegisterOps(['a', 'b', 'c']), { threads: 3, seed: 9, maxOps: 50 }).ops;
    const b = simulate(uniqueRegisterOps(['a', 'b', 'c']), { threads: 3, seed: 9, maxOps: 50 }).ops;
    expect(a).toEqual(b);
  });
});

describe('capRunOptions', () => {
  const base = { timeLimitMs: 20_000, seed: 42, nodes: 3, store: 'store' };

  it('gives every mode the same run but for mode and name', () => {
    const runs = CAP_MODES.map((m) => capRunOptions(m, base));
    const strip = ({ mode: _m, name: _n, ...rest }: (typeof runs)[number]) => rest;
    for (const r of runs) expect(strip(r)).toEqual(strip(runs[0]!));
    expect(runs.map((r) => r.name)).toEqual(['demo-cap-raft', 'demo-cap-lease', 'demo-cap-primary', 'demo-cap-lww']);
    expect(runs[0]).toMatchObject({ nemesis: ['partition', 'clock'], partition: ['leader'], nemesisIntervalMs: 5_000, threads: 6, seed: 42 });
  });

  it('judges lost writes by timestamp order for lww only', () => {
    expect(CAP_MODES.map((m) => [m, capWriteOrder(m)])).toEqual([
      ['raft', 'real-time'],
      ['lease', 'real-time'],
      ['primary', 'real-time'],
      ['lww', 'store-order'],
    ]);
  });

  it.each([
    [4_000, 1_000],
    [20_000, 5_000],
    [120_000, 10_000],
  ])('fault interval for %i ms is %i ms', (limit, interval) => {
    expect(faultIntervalMs(limit)).toBe(interval);
  });

  it.each([
    [{ nodes: 4 }, /--nodes must be 3 or 5/],
    [{ timeLimitMs: 2_000 }, /--time-limit must be at least 4s/],
    [{ seed: -1 }, /--seed must be an integer/],
    [{ seed: 2 ** 32 }, /--seed must be an integer/],
  ])('rejects %o', (bad, message) => {
    const err = (() => {
      try {
        capRunOptions('raft', { ...base, ...bad });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(FaultlineError);
    expect((err as FaultlineError).code).toBe('usage');
    expect((err as FaultlineError).message).toMatch(message);
  });
});

describe('availabilityDuringFaults', () => {
  const nem = (f: string, t: number, value: unknown = null): Row[] => [
    ['invoke', 'nemesis', f, value, t],
    ['info', 'nemesis', f, value, t + 1],
  ];
  it('counts ops invoked inside fault windows (overlapping windows merged), ok over attempted', () => {
    const rows: Row[] = [
      ...op(0, 'write', 1, 0, 5), // before any fault: not counted
      ...nem('start-partition', 10, { kind: 'leader' }),
      ...op(0, 'write', 2, 12, 15), // in the partition, ok
      ...nem('bump-clock', 16, { nodes: ['n1'], offsetMs: 100 }),
      ...op(1, 'write', 3, 20, 25, 'fail'), // in both: fail
      ...nem('stop-partition', 30),
      ...op(2, 'write', 4, 35, 40, 'info'), // still in the clock window: info
      ...nem('reset-clock', 50),
      ...op(3, 'read', null, 60, 61, 'ok', 4), // after: not counted
      ...heal(70),
    ];
    const a = availabilityDuringFaults(events(rows));
    expect(a).toEqual({ ok: 1, attempted: 3, fraction: 1 / 3, faultNs: 51 - 10 });
  });

  it('has no fraction when nothing was tried during a fault', () => {
    expect(availabilityDuringFaults(events([...op(0, 'write', 1, 0, 5), ...heal(10)])).fraction).toBeNull();
  });
});

const row = (over: Partial<DemoRow>): DemoRow => ({
  variant: over.mode ?? 'raft',
  mode: 'raft',
  dir: '/s/demo-cap-raft/1',
  availability: { ok: 30, attempted: 100, fraction: 0.3, faultNs: 1e10 },
  linearizable: true,
  eventual: true,
  converged: true,
  lostWrites: 0,
  writeOrder: 'real-time',
  reads: 50,
  staleReads: 0,
  worstStalenessNs: 0,
  worstOutdatedNs: 0,
  convergenceNs: 263e6,
  convergenceMeasure: 'at-most',
  ...over,
});

const ROWS: DemoRow[] = [
  row({}),
  row({ mode: 'lease', linearizable: false, eventual: true, availability: { ok: 40, attempted: 100, fraction: 0.4, faultNs: 1e10 } }),
  row({ mode: 'primary', linearizable: false, eventual: false, lostWrites: 41, staleReads: 3, worstStalenessNs: 306e6, availability: { ok: 98, attempted: 100, fraction: 0.98, faultNs: 1e10 } }),
  row({ mode: 'lww', linearizable: false, eventual: true, staleReads: 48, worstStalenessNs: 1.5e9, convergenceNs: 526e6, convergenceMeasure: 'observed', availability: { ok: 184, attempted: 184, fraction: 1, faultNs: 1e10 } }),
];

describe('formatCapTable', () => {
  it('renders the heading, a rule and one aligned line per mode', () => {
    expect(formatCapTable(ROWS)).toEqual([
      'mode    | available during faults | linearizable? | eventually consistent? | lost writes | worst staleness   | convergence',
      '--------|-------------------------|---------------|------------------------|-------------|-------------------|------------',
      'raft    | 30% (30/100)            | yes           | yes                    | 0           | none              | ≤ 263 ms',
      'lease   | 40% (40/100)            | no            | yes                    | 0           | none              | ≤ 263 ms',
      'primary | 98% (98/100)            | no            | no (lost writes)       | 41          | 306 ms (3 stale)  | ≤ 263 ms',
      'lww     | 100% (184/184)          | no            | yes                    | 0           | 1.50 s (48 stale) | 526 ms',
    ]);
  });

  it.each<[Partial<DemoRow>, number, string]>([
    [{ eventual: false, converged: false, convergenceNs: null, convergenceMeasure: 'none' }, 3, 'no (diverged)'],
    [{ eventual: false, converged: false, convergenceNs: null, convergenceMeasure: 'none' }, 6, 'never'],
    [{ eventual: false, lostWrites: 0 }, 3, 'no (phantom)'],
    [{ eventual: 'unknown', converged: null, convergenceNs: null, convergenceMeasure: 'none' }, 6, 'n/a'],
    [{ availability: { ok: 0, attempted: 0, fraction: null, faultNs: 0 } }, 1, 'n/a (no faults)'],
    [{ linearizable: 'unknown' }, 2, 'unknown'],
    [{ lostWrites: 5, writeOrder: 'store-order' }, 4, '5 (by timestamp)'],
    [{ lostWrites: 5, eventual: false }, 4, '5'],
  ])('cell for %o at column %i is %s', (over, column, text) => {
    expect(capCells(row(over))[column]).toBe(text);
  });
});

describe('explainCap', () => {
  it('says who chose consistency and who chose availability, with the numbers', () => {
    const [raft, lease, primary, lww, cap] = explainCap(ROWS);
    expect(raft).toMatch(/raft chose consistency \(CP\).*stayed linearizable.*only 30%/);
    expect(lease).toMatch(/lease .*was not linearizable/);
    expect(primary).toMatch(/41 acknowledged write\(s\) vanished/);
    expect(lww).toMatch(/lww chose availability \(AP\): 100%.*worst 1\.50 s.*converged.*in 526 ms/);
    expect(lww).not.toMatch(/overwritten/);
    expect(cap).toMatch(/^CAP:/);
  });

  it('tells when a run did not show the expected flaw, and lww losing writes to clocks', () => {
    const [lease, primary, lww, lwwStore] = explainCap([
      row({ mode: 'lease' }),
      row({ mode: 'primary', lostWrites: 0 }),
      row({ mode: 'lww', lostWrites: 3, eventual: false }),
      row({ mode: 'lww', lostWrites: 3, writeOrder: 'store-order' }),
    ]);
    expect(lease).toMatch(/try another --seed/);
    expect(primary).toMatch(/no acknowledged write was lost.*try another --seed/);
    const [quiet] = explainCap([row({ mode: 'primary', lostWrites: 7, linearizable: true })]);
    expect(quiet).toMatch(/7 acknowledged write\(s\) vanished.*stayed linearizable\): the loss shows only in the final reads/);
    expect(lww).toMatch(/3 acknowledged write\(s\) were silently overwritten/);
    expect(lww).not.toMatch(/its own rule/);
    expect(lwwStore).toMatch(/by its own rule \(latest timestamp wins\) that is allowed/);
  });
});

describe('capRow', () => {
  it('reads the checkers and the history; a missing checker is unknown', () => {
    const rows: Row[] = [
      ['invoke', 'nemesis', 'start-partition', { kind: 'leader' }, 0],
      ['info', 'nemesis', 'start-partition', { kind: 'leader' }, 1],
      ...op(0, 'write', 1, 5, 9),
      ...op(1, 'write', 2, 6, 10, 'fail'),
      ...heal(20),
      ...read(2, 1, 30, 31),
    ];
    const r = demoRow(
      'lww',
      'lww',
      {
        dir: '/d',
        report: { path: '/d/report.html' },
        checkers: [{ checker: 'eventual', valid: true, writeOrder: 'store-order', converged: true, lostWriteCount: 2, reads: 7, staleReads: 1, worstStalenessNs: 5, outdatedFor: { max: 9 }, convergenceNs: 11, convergenceMeasure: 'observed' }],
      },
      events(rows),
    );
    expect(r).toEqual({
      variant: 'lww',
      mode: 'lww',
      dir: '/d',
      report: '/d/report.html',
      availability: { ok: 1, attempted: 2, fraction: 0.5, faultNs: 21 },
      linearizable: 'unknown',
      eventual: true,
      converged: true,
      lostWrites: 2,
      writeOrder: 'store-order',
      reads: 7,
      staleReads: 1,
      worstStalenessNs: 5,
      worstOutdatedNs: 9,
      convergenceNs: 11,
      convergenceMeasure: 'observed',
    });
  });

  it('notes why a checker was unknown and links the run dir when the report failed', () => {
    const r = demoRow('raft', 'raft', { dir: '/d', report: { error: 'disk full' }, checkers: [{ checker: 'linearizable', valid: 'unknown', reason: 'time budget' }] }, []);
    expect(r.report).toBeUndefined();
    expect(r.note).toBe('linearizable: time budget');
    expect(r.converged).toBeNull();
  });
});

describe('summary and page', () => {
  const summary = capSummary([row({ report: '/s/demo-cap-raft/1/report.html' }), row({ mode: '<lww>', dir: '/s/demo-cap-lww/1' })]);

  it('derives the table and the sentences from the rows', () => {
    expect(summary.cells).toEqual(summary.rows.map(capCells));
    expect(summary.sentences).toEqual(explainCap(summary.rows));
    expect(summary.schedule.description).toBe('partition + clock (partition: leader), a fault change every 5 s, 50 ops/s');
  });

  it('renders a self-contained page linking each mode’s report (or its run dir), escaped', () => {
    const html = renderDemoPage(CAP_CHAPTER, summary, (p) => `rel:${p}`);
    expect(html).toContain('href="rel:/s/demo-cap-raft/1/report.html"');
    expect(html).toContain('href="rel:/s/demo-cap-lww/1">run directory');
    expect(html).toContain('&lt;lww&gt;');
    expect(html).not.toContain('<lww>');
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(html).toContain('seed 7');
  });
});
