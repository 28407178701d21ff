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
      'an acknowledged add in one final read but not another is divergent, not lost',
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
      { ok: 1, lostCount: 0, divergent: [2], divergentCount: 1 },
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
      { finalReads: 0, ok: 0, lostCount: 0 },
    ],
    [
      'an acked add, and an info add a read saw, both absent from every final read are lost',
      [
        ['invoke', 0, 'add', 1, 0],
        ['ok', 0, 'add', 1, 10],
        ['invoke', 1, 'add', 2, 0],
        ['info', 1, 'add', 2, 10],
        ['invoke', 2, 'read', null, 11],
        ['ok', 2, 'read', [2], 12],
        ['invoke', 3, 'add', 3, 0],
        ['info', 3, 'add', 3, 13],
        ['invoke', 2, 'read', null, 20],
        ['ok', 2, 'read', [], 30],
        ['invoke', 4, 'read', null, 20],
        ['ok', 4, 'read', [], 30],
      ],
      false,
      { lost: [1, 2], lostCount: 2, divergentCount: 0, ok: 0, recovered: 0, reason: '2 lost' },
    ],
    [
      'no final read: unknown and every count 0, even with reads during the test',
      [
        ['invoke', 0, 'add', 1, 0],
        ['ok', 0, 'add', 1, 10],
        ['invoke', 1, 'read', null, 5],
        ['ok', 1, 'read', [1], 12],
        ['invoke', 2, 'read', null, 6],
        ['ok', 2, 'read', [], 13],
      ],
      'unknown',
      { finalReads: 0, ok: 0, lostCount: 0, divergentCount: 0, recovered: 0, stale: 0, stableLatencyNs: { count: 0, max: 0 } },
    ],
    [
      'no final read but an element nobody added is still invalid',
      [
        ['invoke', 0, 'add', 1, 0],
        ['ok', 0, 'add', 1, 10],
        ['invoke', 1, 'read', null, 5],
        ['ok', 1, 'read', [9], 12],
      ],
      false,
      { finalReads: 0, ok: 0, unexpected: [9], reason: '1 unexpected, no final read' },
    ],
    [
      'an info add is known from the first read that saw it (stale when a later read misses it)',
      [
        ['invoke', 0, 'add', 1, 0],
        ['info', 0, 'add', 1, 1],
        ['invoke', 1, 'read', null, 5],
        ['ok', 1, 'read', [1], 8],
        ['invoke', 2, 'read', null, 9],
        ['ok', 2, 'read', [], 10],
        ['invoke', 'nemesis', 'heal', null, 15],
        ['info', 'nemesis', 'heal', null, 16],
        ['invoke', 1, 'read', null, 20],
        ['ok', 1, 'read', [1], 21],
      ],
      true,
      { recovered: 1, ok: 0, stale: 1, worstStaleNs: 1, stableLatencyNs: { count: 1, p50: 1, max: 1 } },
    ],
    [
      'an element added twice keeps its earliest ack',
      [
        ['invoke', 0, 'add', 1, 0],
        ['ok', 0, 'add', 1, 10],
        ['invoke', 1, 'read', null, 20],
        ['ok', 1, 'read', [], 21],
        ['invoke', 0, 'add', 1, 40],
        ['ok', 0, 'add', 1, 50],
        ['invoke', 1, 'read', null, 60],
        ['ok', 1, 'read', [1], 61],
      ],
      true,
      { attempted: 2, acknowledged: 1, ok: 1, stale: 1, worstStaleNs: 10 },
    ],
  ])('%s', (_name, rows, valid, fields) => {
    const result = checkSet(h(rows));
    expect(result.valid).toBe(valid);
    expect(result.keys[0]).toMatchObject(fields);
  });

  it('summarises stable times as count/p50/p95/p99/max over elements in every final read', () => {
    // Elements 0..19 acked at 10·i+1; a read at 300 misses elements 0..4 (stable 300 − ack); after
    // the heal at 500 the final read at 1000 sees all of them.
    const rows: Row[] = [];
    for (let i = 0; i < 20; i++) rows.push(['invoke', i, 'add', i, 10 * i], ['ok', i, 'add', i, 10 * i + 1]);
    rows.push(['invoke', 30, 'read', null, 300], ['ok', 30, 'read', Array.from({ length: 15 }, (_, i) => i + 5), 301]);
    rows.push(['invoke', 'nemesis', 'heal', null, 500], ['info', 'nemesis', 'heal', null, 501]);
    rows.push(['invoke', 31, 'read', null, 1000], ['ok', 31, 'read', Array.from({ length: 20 }, (_, i) => i), 1001]);
    const key = checkSet(h(rows)).keys[0];
    // Stable times: 0 ×15, then 259, 269, 279, 289, 299 (elements 4..0).
    expect(key?.stableLatencyNs).toEqual({ count: 20, p50: 0, p95: 289, p99: 299, max: 299 });
    expect(key).toMatchObject({ ok: 20, stale: 5, worstStaleNs: 299 });
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

describe('checkCounter: malformed increments and divergence', () => {
  /** withNodes sets `node` on events by index (a read's completion names the node that served it). */
  const withNodes = (events: HistoryEvent[], nodes: Record<number, string>): HistoryEvent[] =>
    events.map((e) => (nodes[e.index] === undefined ? e : { ...e, node: nodes[e.index] as string }));

  it.each<[string, unknown]>([
    ['negative', -1],
    ['a string', '2'],
    ['null', null],
    ['NaN', Number.NaN],
  ])('an ok or info increment by %s is unknown, naming the op', (_name, value) => {
    const r = checkCounter(
      h([
        ['invoke', 0, 'incr', 1, 0],
        ['ok', 0, 'incr', 1, 10],
        ['invoke', 1, 'incr', value, 11],
        ['info', 1, 'incr', value, 12],
        ['invoke', 0, 'read', null, 13],
        ['ok', 0, 'read', 99, 14],
      ]),
    );
    expect(r.valid).toBe('unknown');
    expect(r.keys[0]).toMatchObject({ valid: 'unknown', errorCount: 0 });
    expect(r.keys[0]?.reason).toContain('incr by process 1 (history event 2) has value');
  });

  it('a failed increment with a bad value is ignored', () => {
    const r = checkCounter(
      h([
        ['invoke', 2, 'incr', 1, 0],
        ['ok', 2, 'incr', 1, 1],
        ['invoke', 1, 'incr', -5, 1],
        ['fail', 1, 'incr', -5, 1],
        ['invoke', 0, 'read', null, 2],
        ['ok', 0, 'read', 1, 3],
      ]),
    );
    expect(r.valid).toBe(true);
    expect(r.keys[0]!.reason).toBeUndefined();
  });

  const base: Row[] = [
    ['invoke', 0, 'incr', 2, 0],
    ['ok', 0, 'incr', 2, 10],
    ['invoke', 'nemesis', 'heal', null, 11],
    ['info', 'nemesis', 'heal', null, 12],
    ['invoke', 0, 'read', null, 20],
    ['ok', 0, 'read', 2, 21],
    ['invoke', 1, 'read', null, 20],
  ];
  it.each<[string, number, Record<number, string>, boolean, Record<string, unknown>]>([
    ['final reads on different nodes that agree', 2, { 5: 'n1', 7: 'n2' }, true, { n1: 2, n2: 2 }],
    ['final reads on different nodes that disagree', 0, { 5: 'n1', 7: 'n2' }, false, { n1: 2, n2: 0 }],
    ['final reads with no node are one view per process', 0, {}, false, { 'process 0': 2, 'process 1': 0 }],
  ])('%s', (_name, second, nodes, valid, finalValues) => {
    const r = checkCounter(withNodes(h([...base, ['ok', 1, 'read', second, 22]]), nodes));
    expect(r.valid).toBe(valid);
    expect(r.keys[0]).toMatchObject({ finalValues, diverged: !valid, errorCount: second === 0 ? 1 : 0 });
    if (!valid) expect(r.keys[0]?.reason).toContain('diverged');
  });

  it("divergence compares each node's last final read (an earlier stale one is a bounds error only)", () => {
    const events = withNodes(
      h([
        ...base,
        ['ok', 1, 'read', 0, 22],
        ['invoke', 1, 'read', null, 30],
        ['ok', 1, 'read', 2, 31],
      ]),
      { 5: 'n1', 7: 'n2', 9: 'n2' },
    );
    expect(checkCounter(events).keys[0]).toMatchObject({ valid: false, errorCount: 1, diverged: false, finalValues: { n1: 2, n2: 2 } });
  });
});
