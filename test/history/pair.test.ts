import { describe, expect, it } from 'vitest';
import type { HistoryEvent, EventType, Process } from '../../src/core/event.js';
import type { Conventions } from '../../src/core/operation.js';
import { DEFAULT_CONVENTIONS } from '../../src/core/operation.js';
import { FaultlineError } from '../../src/core/errors.js';
import { eventLocator, operationsByKey, pairOperations } from '../../src/history/pair.js';

/** ev builds a history from compact tuples [type, process, f, value, key?]; time = index*10. */
function ev(rows: [EventType, Process, string, unknown, string?][]): HistoryEvent[] {
  return rows.map(([type, process, f, value, key], index) => {
    const e: HistoryEvent = { index, type, process, f, value, time: index * 10 };
    if (key !== undefined) e.key = key;
    return e;
  });
}

const ETCD: Conventions = { failedCas: 'compare-failed', failedRead: 'unknown', nilRead: 'strict' };
const KNOSSOS: Conventions = { failedCas: 'dropped', failedRead: 'dropped', nilRead: 'unconstrained' };

type Summary = [string, string, unknown, unknown, number, number, number];
/** sum renders an op as [status, f, input, output, callNs, returnNs, completeIndex]. */
const sum = (h: HistoryEvent[], c: Conventions): Summary[] =>
  pairOperations(h, c).map((o) => [o.status, o.f, o.input, o.output, o.callNs, o.returnNs, o.completeIndex]);

describe('pairOperations', () => {
  it.each<[string, HistoryEvent[], Conventions, Summary[]]>([
    ['ok write', ev([['invoke', 0, 'write', 1], ['ok', 0, 'write', 1]]), DEFAULT_CONVENTIONS, [['ok', 'write', 1, 1, 0, 10, 1]]],
    ['ok read takes completion value', ev([['invoke', 0, 'read', null], ['ok', 0, 'read', 3]]), DEFAULT_CONVENTIONS, [['ok', 'read', null, 3, 0, 10, 1]]],
    ['info → unknown output, infinite return', ev([['invoke', 0, 'write', 1], ['info', 0, 'write', 1]]), DEFAULT_CONVENTIONS, [['info', 'write', 1, undefined, 0, Infinity, 1]]],
    ['no completion → info', ev([['invoke', 0, 'write', 1]]), DEFAULT_CONVENTIONS, [['info', 'write', 1, undefined, 0, Infinity, -1]]],
    ['fail dropped', ev([['invoke', 0, 'write', 1], ['fail', 0, 'write', 1]]), DEFAULT_CONVENTIONS, []],
    ['failed cas dropped by default', ev([['invoke', 0, 'cas', [1, 2]], ['fail', 0, 'cas', [1, 2]]]), DEFAULT_CONVENTIONS, []],
    ['failed cas is a failed compare under etcd', ev([['invoke', 0, 'cas', [1, 2]], ['fail', 0, 'cas', [1, 2]]]), ETCD, [['ok', 'cas', [1, 2], false, 0, 10, 1]]],
    ['failed read dropped under etcd (unknown)', ev([['invoke', 0, 'read', null], ['fail', 0, 'read', null]]), ETCD, []],
    ['failed write still dropped under etcd', ev([['invoke', 0, 'write', 1], ['fail', 0, 'write', 1]]), ETCD, []],
    ['nil read kept when strict', ev([['invoke', 0, 'read', null], ['ok', 0, 'read', null]]), DEFAULT_CONVENTIONS, [['ok', 'read', null, null, 0, 10, 1]]],
    ['nil read dropped when unconstrained', ev([['invoke', 0, 'read', null], ['ok', 0, 'read', null]]), KNOSSOS, []],
    ['non-nil read kept when unconstrained', ev([['invoke', 0, 'read', null], ['ok', 0, 'read', 0]]), KNOSSOS, [['ok', 'read', null, 0, 0, 10, 1]]],
    [
      'nemesis skipped, interleaved processes matched per process',
      ev([
        ['invoke', 0, 'write', 1],
        ['invoke', 1, 'read', null],
        ['info', 'nemesis', 'partition', null],
        ['ok', 1, 'read', 0],
        ['ok', 0, 'write', 1],
      ]),
      DEFAULT_CONVENTIONS,
      [
        ['ok', 'write', 1, 1, 0, 40, 4],
        ['ok', 'read', null, 0, 10, 30, 3],
      ],
    ],
  ])('%s', (_name, history, conventions, expected) => {
    expect(sum(history, conventions)).toEqual(expected);
  });

  it('numbers ids densely in invoke order after dropping', () => {
    const h = ev([
      ['invoke', 0, 'write', 1],
      ['fail', 0, 'write', 1],
      ['invoke', 1, 'write', 2],
      ['invoke', 0, 'read', null],
      ['ok', 0, 'read', 2],
      ['ok', 1, 'write', 2],
    ]);
    const ops = pairOperations(h);
    expect(ops.map((o) => [o.id, o.invokeIndex, o.completeIndex])).toEqual([
      [0, 2, 5],
      [1, 3, 4],
    ]);
  });

  it('keeps key from the invoke and node from the completion', () => {
    const h = ev([['invoke', 4, 'write', 1, 'k'], ['ok', 4, 'write', 1]]);
    h[1]!.node = 'n2';
    const [op] = pairOperations(h);
    expect(op).toMatchObject({ key: 'k', node: 'n2', process: 4 });
  });

  it.each<[string, HistoryEvent[], RegExp]>([
    ['completion without invoke', ev([['ok', 0, 'write', 1]]), /^event 0: ok completion of process 0 has no pending invoke/],
    [
      'second invoke while pending',
      ev([['invoke', 2, 'write', 1], ['invoke', 2, 'read', null]]),
      /^event 1: process 2 invokes read while its invoke at event 0 is still pending/,
    ],
    [
      'completion whose f differs from its invoke',
      ev([['invoke', 3, 'write', 1], ['ok', 3, 'read', 1]]),
      /^event 1: ok completion of process 3 is "read" but its invoke at event 0 is "write" \(field "f"\)/,
    ],
  ])('rejects %s naming the event index', (_name, history, message) => {
    let caught: unknown;
    try {
      pairOperations(history);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FaultlineError);
    expect((caught as FaultlineError).code).toBe('input');
    expect((caught as FaultlineError).message).toMatch(message);
  });
});

describe('pairOperations with a file locator', () => {
  // Lines as a reader reports them: blank and comment lines make them differ from event positions.
  const at = eventLocator('h.jsonl', [3, 7, 12]);
  it.each<[string, HistoryEvent[], string]>([
    ['f mismatch', ev([['invoke', 0, 'write', 1], ['invoke', 1, 'read', null], ['info', 0, 'cas', [1, 2]]]), 'h.jsonl:12: info completion of process 0 is "cas" but its invoke at h.jsonl:3 is "write"'],
    ['no pending invoke', ev([['invoke', 0, 'write', 1], ['ok', 0, 'write', 1], ['ok', 0, 'write', 1]]), 'h.jsonl:12: ok completion of process 0 has no pending invoke'],
    ['second invoke', ev([['invoke', 0, 'write', 1], ['invoke', 0, 'write', 2]]), 'h.jsonl:7: process 0 invokes write while its invoke at h.jsonl:3 is still pending'],
  ])('%s names file and line', (_name, history, message) => {
    expect(() => pairOperations(history, DEFAULT_CONVENTIONS, at)).toThrow(message);
  });
});

describe('operationsByKey', () => {
  it('groups by key in order, keyless under ""', () => {
    const h = ev([
      ['invoke', 0, 'write', 1, 'a'],
      ['ok', 0, 'write', 1],
      ['invoke', 0, 'write', 2],
      ['ok', 0, 'write', 2],
      ['invoke', 0, 'write', 3, 'a'],
      ['ok', 0, 'write', 3],
    ]);
    const groups = operationsByKey(pairOperations(h));
    expect([...groups.keys()]).toEqual(['a', '']);
    expect(groups.get('a')!.map((o) => o.input)).toEqual([1, 3]);
    expect(groups.get('')!.map((o) => o.input)).toEqual([2]);
  });
});
