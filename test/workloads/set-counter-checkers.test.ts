import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/event.js';
import { checkCounter } from '../../checkers/counter.js';
import { checkSet } from '../../checkers/set.js';

type Row = [type: HistoryEvent['type'], process: number | 'nemesis', f: string, value: unknown, time: number];

/** h builds a history from compact rows (key "s" for clients). */
function h(rows: Row[]): HistoryEvent[] {
  return rows.map(([type, process, f, value, time], index) => {
    const e: HistoryEvent = { index, type, process, f, value, time };
    if (process !== 'nemesis') e.key = 's';
    return e;
  });
}

describe('checkSet', () => {
  it.each<[string, Row[], boolean | 'unknown', Record<string, unknown>]>([
    [
      'every acknowledged add read at the end',
      [
        ['invoke', 0, 'add', 1, 0],
        ['ok', 0, 'add', 1, 10],
        ['invoke', 1, 'add', 2, 5],
        ['ok', 1, 'add', 2, 15],
        ['invoke', 0, 'read', null, 20],
        ['ok', 0, 'read', [1, 2], 30],
        ['invoke', 1, 'read', null, 21],
        ['ok', 1, 'read', [1, 2], 31],
      ],
      true,
      { ok: 2, lostCount: 0, finalReads: 2 },
    ],
    [
      'an acknowledged add missing from one final read is lost',
      [
        ['invoke', 0, 'add', 1, 0],
        ['ok', 0, 'add', 1, 10],
        ['invoke', 1, 'add', 2, 5],
        ['ok', 1, 'add', 2, 15],
        ['invoke', 0, 'read', null, 20],
        ['ok', 0, 'read', [1, 2], 30],
        ['invoke', 1, 'read', null, 21],
        ['ok', 1, 'read', [1], 31],
      ],
      false,
      { ok: 1, lost: [2], lostCount: 1 },
    ],
    [
      'an element nobody added is unexpected',
      [
        ['invoke', 0, 'add', 1, 0],
        ['ok', 0, 'add', 1, 10],
        ['invoke', 0, 'read', null, 20],
        ['ok', 0, 'read', [1, 7], 30],
      ],
      false,
      { unexpected: [7] },
    ],
    [
      'an info add that shows up is recovered, a failed one that is absent is fine',
      [
        ['invoke', 0, 'add', 1, 0],
        ['info', 0, 'add', 1, 10],
        ['invoke', 1, 'add', 2, 0],
        ['fail', 1, 'add', 2, 10],
        ['invoke', 2, 'read', null, 20],
        ['ok', 2, 'read', [1], 30],
      ],
      true,
      { recovered: 1, ok: 0 },
    ],
    [
      'a read during the test missing an acked add is stale, not lost',
      [
        ['invoke', 0, 'add', 1, 0],
        ['ok', 0, 'add', 1, 10],
        ['invoke', 1, 'read', null, 12],
        ['ok', 1, 'read', [], 14],
        ['invoke', 'nemesis', 'start-partition', null, 15],
        ['info', 'nemesis', 'start-partition', null, 16],
        ['invoke', 1, 'read', null, 20],
        ['ok', 1, 'read', [1], 30],
      ],
      true,
      { stale: 1, worstStaleNs: 2, finalReads: 1 },
    ],
    [
      'no final read is unknown',
      [
        ['invoke', 0, 'add', 1, 0],
        ['ok', 0, 'add', 1, 10],
        ['invoke', 0, 'read', null, 20],
        ['info', 0, 'read', null, 30],
      ],
      'unknown',
      { finalReads: 0 },
    ],
  ])('%s', (_name, rows, valid, fields) => {
    const result = checkSet(h(rows));
    expect(result.valid).toBe(valid);
    expect(result.keys[0]).toMatchObject(fields);
  });
});

describe('checkCounter', () => {
  it.each<[string, Row[], boolean, number]>([
    [
      'reads within bounds, including a concurrent increment either way',
      [
        ['invoke', 0, 'incr', 1, 0],
        ['ok', 0, 'incr', 1, 10],
        ['invoke', 1, 'incr', 2, 12],
        ['invoke', 0, 'read', null, 13],
        ['ok', 0, 'read', 3, 14],
        ['ok', 1, 'incr', 2, 20],
        ['invoke', 0, 'read', null, 21],
        ['ok', 0, 'read', 3, 22],
      ],
      true,
      0,
    ],
    [
      'a read below the acknowledged sum',
      [
        ['invoke', 0, 'incr', 5, 0],
        ['ok', 0, 'incr', 5, 10],
        ['invoke', 0, 'read', null, 11],
        ['ok', 0, 'read', 4, 12],
      ],
      false,
      1,
    ],
    [
      'a read above the attempted sum (a failed increment does not count)',
      [
        ['invoke', 0, 'incr', 5, 0],
        ['fail', 0, 'incr', 5, 10],
        ['invoke', 1, 'incr', 1, 0],
        ['info', 1, 'incr', 1, 10],
        ['invoke', 0, 'read', null, 11],
        ['ok', 0, 'read', 6, 12],
      ],
      false,
      1,
    ],
    [
      'an info increment may or may not count',
      [
        ['invoke', 1, 'incr', 1, 0],
        ['info', 1, 'incr', 1, 10],
        ['invoke', 0, 'read', null, 11],
        ['ok', 0, 'read', 1, 12],
        ['invoke', 0, 'read', null, 13],
        ['ok', 0, 'read', 0, 14],
      ],
      true,
      0,
    ],
  ])('%s', (_name, rows, valid, errors) => {
    const result = checkCounter(h(rows));
    expect(result.valid).toBe(valid);
    expect(result.keys[0]?.errorCount).toBe(errors);
  });

  it('reports the bounds of a bad read', () => {
    const r = checkCounter(
      h([
        ['invoke', 0, 'incr', 2, 0],
        ['ok', 0, 'incr', 2, 10],
        ['invoke', 0, 'read', null, 11],
        ['ok', 0, 'read', 9, 12],
      ]),
    );
    expect(r.keys[0]?.errors[0]).toMatchObject({ value: 9, lower: 2, upper: 2 });
  });
});
