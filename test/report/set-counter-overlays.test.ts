/**
 * The report shows the set and counter checkers' failures: lost / divergent / unexpected elements
 * (their adds or reads highlighted, the lists with "and N more"), a counter's final values when they
 * diverge or lie outside its bounds, and how many of its out-of-bounds reads are shown. Built from
 * real recorded histories (test/report/fixtures/README.md) checked by the real checkers.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { HistoryEvent } from '../../src/core/event.js';
import { readAnyHistory } from '../../src/history/index.js';
import { checkSet } from '../../checkers/set.js';
import { checkCounter } from '../../checkers/counter.js';
import { buildReportData } from '../../src/report/build-report-data.js';
import type { ReportData } from '../../src/report/build-report-data.js';
import { COUNTER_ERRORS_SHOWN } from '../../src/report/counterexample-overlay.js';
import { formatElements } from '../../src/report/format-elements.js';
import type { CheckerOutcomeLike } from '../../src/report/normalize-results.js';
import { ev, history } from './helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

function report(events: readonly HistoryEvent[], results: readonly unknown[]): ReportData {
  return buildReportData({ title: 't', source: 's', events, results: results as CheckerOutcomeLike[], generatedAt: '2026-01-01T00:00:00.000Z' });
}

/** okAddInvokes: element → invoke index of its acknowledged add, found directly from the events. */
function okAddInvokes(events: readonly HistoryEvent[]): Map<unknown, number> {
  const pending = new Map<unknown, HistoryEvent>();
  const out = new Map<unknown, number>();
  for (const e of events) {
    if (typeof e.process !== 'number') continue;
    if (e.type === 'invoke') pending.set(e.process, e);
    else {
      const inv = pending.get(e.process)!;
      pending.delete(e.process);
      if (inv.f === 'add' && e.type === 'ok' && !out.has(inv.value)) out.set(inv.value, inv.index!);
    }
  }
  return out;
}

describe('formatElements', () => {
  it.each<[unknown[], number, number | undefined, string]>([
    [[1, 2, 3, 4, 7, 9, 10], 7, undefined, '1–4, 7, 9, 10'],
    [[1, 2, 3, 4, 7, 9, 10], 206, undefined, '1–4, 7, 9, 10 and 199 more'],
    [['a', { x: 1 }], 2, undefined, '"a", {"x":1}'],
    [[1, 3, 5, 7], 4, 2, '1, 3 and 2 more'],
    [[], 5, undefined, '5 not listed'],
  ])('%j of %i (max %s items) → %s', (values, total, max, text) => {
    expect(formatElements(values, total, max)).toBe(text);
  });
});

describe('set failures in the report (a real primary-mode run that lost 73 acknowledged adds)', async () => {
  const { events } = await readAnyHistory(join(FIXTURES, 'set-primary-lost.jsonl'));
  const result = checkSet(events);
  const key = result.keys[0]!;
  const data = report(events, [result]);

  it('the checker finds the loss (precondition)', () => {
    expect(result.valid).toBe(false);
    expect(key.lostCount).toBe(73);
  });
  it('is one failure whose highlighted ops are exactly the acknowledged adds of the lost elements', () => {
    expect(data.failures).toHaveLength(1);
    const f = data.failures[0]!;
    expect(f).toMatchObject({ checker: 'set', part: 's', title: 'key s: 73 elements lost', more: 0 });
    const adds = okAddInvokes(events);
    expect(f.stuck.map((s) => s.invokeIndex)).toEqual(key.lost.map((v) => adds.get(v)));
    expect(f.stuck.every((s) => s.op >= 0 && data.ops.text[s.op]!.startsWith('add '))).toBe(true);
    // This run's final reads all landed on one node (recorded before final reads went to every node).
    expect(key.finalReads).toBe(1);
    expect(f.stuck[0]!.reason).toMatch(/^acknowledged at [\d.]+ s; absent from the final read$/);
    expect(f.legend).toEqual({ stuck: 'lost add', context: 'final read' });
  });
  it('outlines the final reads and lists the elements as ranges', () => {
    const f = data.failures[0]!;
    expect(f.concurrent).toHaveLength(key.finalReads);
    expect(f.concurrent.every((o) => /^read → \d+ elements/.test(o.text) && o.op >= 0)).toBe(true);
    expect(f.state).toBe('40–77, 108–142');
    expect(f.window!.fromNs).toBe(f.stuck[0]!.callNs);
  });
  it('names the lost elements in the verdict table', () => {
    const detail = data.summary.checkers[0]!.keys[0]!.detail;
    expect(detail).toContain('lost 73: 40–77, 108–142');
  });
});

describe('set failures: the checker caps its lists, the report says "and N more"', () => {
  // 150 acknowledged adds, a final read that sees none of them.
  const rows: HistoryEvent[] = [];
  for (let i = 0; i < 150; i++) rows.push(ev('invoke', i, 'add', i, 10 * i, { key: 's' }), ev('ok', i, 'add', i, 10 * i + 5, { key: 's' }));
  rows.push(ev('invoke', 'nemesis', 'heal', null, 2000), ev('info', 'nemesis', 'heal', null, 2001));
  rows.push(ev('invoke', 500, 'read', null, 3000, { key: 's' }), ev('ok', 500, 'read', [], 3001, { key: 's', node: 'n1' }));
  const events = history(...rows);
  const data = report(events, [checkSet(events)]);
  it('highlights the 100 listed adds and counts the other 50', () => {
    const f = data.failures[0]!;
    expect(f.stuck).toHaveLength(100);
    expect(f.more).toBe(50);
    expect(f.state).toBe('0–99 and 50 more');
    expect(data.summary.checkers[0]!.keys[0]!.detail).toContain('lost 150: 0–99 and 50 more');
  });
});

describe('set failures: divergent and unexpected elements', () => {
  const s = { key: 's' };
  const events = history(
    ev('invoke', 0, 'add', 1, 0, s),
    ev('ok', 0, 'add', 1, 10, s),
    ev('invoke', 1, 'add', 2, 0, s),
    ev('ok', 1, 'add', 2, 10, s),
    ev('invoke', 2, 'read', null, 12, s),
    ev('ok', 2, 'read', [1, 9], 14, { ...s, node: 'n3' }),
    ev('invoke', 'nemesis', 'heal', null, 15),
    ev('info', 'nemesis', 'heal', null, 16),
    ev('invoke', 0, 'read', null, 20, s),
    ev('ok', 0, 'read', [1, 2], 30, { ...s, node: 'n1' }),
    ev('invoke', 1, 'read', null, 21, s),
    ev('ok', 1, 'read', [1], 31, { ...s, node: 'n2' }),
  );
  const data = report(events, [checkSet(events)]);
  it('draws the add of the divergent element with the final reads that have it', () => {
    const f = data.failures.find((x) => x.title === 'key s: 1 element divergent')!;
    expect(f.stuck.map((o) => o.invokeIndex)).toEqual([2]);
    expect(f.stuck[0]!.reason).toBe('in 1 of 2 final reads (n1), absent from the others');
    expect(f.state).toBe('2');
  });
  it('draws the read that returned the unexpected element', () => {
    const f = data.failures.find((x) => x.title === 'key s: 1 element unexpected')!;
    expect(f.stuck.map((o) => o.invokeIndex)).toEqual([4]);
    expect(f.stuck[0]!.reason).toBe('returned 9, which no client added');
  });
});

describe('counter failures in the report (a real primary-mode run that lost increments)', async () => {
  const { events } = await readAnyHistory(join(FIXTURES, 'counter-primary-lost.jsonl'));
  const result = checkCounter(events);
  const key = result.keys[0]!;
  const data = report(events, [result]);

  it('the checker finds reads out of bounds (precondition)', () => {
    expect(result.valid).toBe(false);
    expect(key.errorCount).toBeGreaterThan(COUNTER_ERRORS_SHOWN);
    expect(key.finalValues).toEqual({ n1: 88 });
  });
  it('shows the final values, below the acknowledged sum, as a failure on the final reads', () => {
    const f = data.failures.find((x) => x.title.startsWith('key c: final value outside'))!;
    expect(f).toBeDefined();
    expect(f.state).toBe('n1=88');
    expect(f.note).toContain(`outside [acknowledged sum ${key.acknowledged}, attempted sum ${key.attempted}]`);
    expect(f.stuck).toHaveLength(1);
    expect(f.stuck[0]!.reason).toBe('final value on n1: 88');
    expect(data.ops.text[f.stuck[0]!.op]).toBe('read → 88');
    expect(f.stuck.length + f.concurrent.length).toBe(10);
  });
  it('says how many reads out of bounds there were beyond those shown', () => {
    const bounds = data.failures.filter((x) => x.title === 'key c: read out of bounds');
    expect(bounds).toHaveLength(COUNTER_ERRORS_SHOWN);
    const rest = key.errorCount - COUNTER_ERRORS_SHOWN;
    expect(bounds[0]!.note).toBe(`read 1 of ${key.errorCount} out of bounds; the first ${COUNTER_ERRORS_SHOWN} are shown, and ${rest} more`);
  });
  it('puts the final values in the verdict table', () => {
    expect(data.summary.checkers[0]!.keys[0]!.detail).toContain('final values n1=88');
  });
});

describe('counter failures: final reads that disagree', () => {
  const c = { key: 'c' };
  const events = history(
    ev('invoke', 0, 'incr', 1, 0, c),
    ev('ok', 0, 'incr', 1, 10, c),
    ev('invoke', 'nemesis', 'heal', null, 15),
    ev('info', 'nemesis', 'heal', null, 16),
    ev('invoke', 0, 'read', null, 20, c),
    ev('ok', 0, 'read', 1, 30, { ...c, node: 'n1' }),
    ev('invoke', 1, 'read', null, 21, c),
    ev('ok', 1, 'read', 0, 31, { ...c, node: 'n2' }),
  );
  const result = checkCounter(events);
  const data = report(events, [result]);
  it('highlights each node\'s last final read with the values', () => {
    const f = data.failures.find((x) => x.title === 'key c: final reads disagree')!;
    expect(f.state).toBe('n1=1, n2=0');
    expect(f.stuck.map((o) => o.invokeIndex).sort()).toEqual([4, 6]);
  });
});
