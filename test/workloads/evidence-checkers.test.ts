// Evidence before "valid" in the set, counter and eventual checkers: nothing observed, or nothing
// that could have changed, is "unknown: no evidence", never valid; such keys are set aside when
// other keys had evidence.
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/event.js';
import { checkCounter } from '../../checkers/counter.js';
import { checkSet } from '../../checkers/set.js';
import { checkEventual } from '../../checkers/eventual/index.js';

type Row = [type: HistoryEvent['type'], process: number | 'nemesis', f: string, value: unknown, time: number, key?: string];

function h(rows: Row[]): HistoryEvent[] {
  return rows.map(([type, process, f, value, time, key], index) => {
    const e: HistoryEvent = { index, type, process, f, value, time };
    if (process !== 'nemesis') e.key = key ?? 's';
    return e;
  });
}

const heal: Row[] = [
  ['invoke', 'nemesis', 'heal', null, 40],
  ['info', 'nemesis', 'heal', null, 41],
];

describe('set: evidence', () => {
  it('every add failed, the final read is empty: unknown, not valid', () => {
    const r = checkSet(h([['invoke', 0, 'add', 1, 0], ['fail', 0, 'add', 1, 10], ...heal, ['invoke', 0, 'read', null, 50], ['ok', 0, 'read', [], 51]]));
    expect(r.valid).toBe('unknown');
    expect(r.keys[0]).toMatchObject({ valid: 'unknown', noEvidence: true });
    expect(r.keys[0]!.reason).toBe('no evidence: no add (ok or info) on this key');
    expect(r.reason).toMatch(/^no evidence: no key had/);
  });

  it('only info adds, never seen: unknown (nothing was confirmed)', () => {
    const r = checkSet(h([['invoke', 0, 'add', 1, 0], ['info', 0, 'add', 1, 10], ...heal, ['invoke', 1, 'read', null, 50], ['ok', 1, 'read', [], 51]]));
    expect(r.valid).toBe('unknown');
    expect(r.keys[0]!.reason).toMatch(/none of the 1 add\(s\) was acknowledged or seen/);
  });

  it('a key without evidence beside one with evidence: valid', () => {
    const r = checkSet(
      h([
        ['invoke', 0, 'add', 1, 0, 'a'],
        ['ok', 0, 'add', 1, 10, 'a'],
        ...heal,
        ['invoke', 0, 'read', null, 50, 'a'],
        ['ok', 0, 'read', [1], 51, 'a'],
        ['invoke', 1, 'read', null, 50, 'b'],
        ['ok', 1, 'read', [], 51, 'b'],
      ]),
    );
    expect(r.valid).toBe(true);
    expect(r.keys.find((k) => k.key === 'b')).toMatchObject({ valid: 'unknown', noEvidence: true });
  });
});

describe('counter: evidence', () => {
  it('increments but no read: unknown, not valid', () => {
    const r = checkCounter(h([['invoke', 0, 'incr', 1, 0], ['ok', 0, 'incr', 1, 10]]));
    expect(r.valid).toBe('unknown');
    expect(r.keys[0]!.reason).toBe('no evidence: no ok read of this counter');
  });

  it('reads of 0 but every increment failed: unknown', () => {
    const r = checkCounter(h([['invoke', 0, 'incr', 1, 0], ['fail', 0, 'incr', 1, 10], ['invoke', 0, 'read', null, 20], ['ok', 0, 'read', 0, 30]]));
    expect(r.valid).toBe('unknown');
    expect(r.keys[0]!.reason).toBe('no evidence: no increment (ok or info) of this counter');
  });

  it('an out-of-bounds read is still invalid', () => {
    const r = checkCounter(h([['invoke', 0, 'read', null, 20], ['ok', 0, 'read', 3, 30]]));
    expect(r.valid).toBe(false);
  });
});

describe('eventual: evidence', () => {
  it('a key never written whose nodes all read null: unknown, not valid', () => {
    const r = checkEventual(h([...heal, ['invoke', 0, 'read', null, 50], ['ok', 0, 'read', null, 51]]));
    expect(r.valid).toBe('unknown');
    expect(r.keys[0]).toMatchObject({ noEvidence: true });
    expect(r.reason).toMatch(/^no evidence/);
  });

  it('a never-written key beside a written one does not make the run unknown', () => {
    const r = checkEventual(
      h([
        ['invoke', 0, 'write', 1, 0, 'a'],
        ['ok', 0, 'write', 1, 10, 'a'],
        ...heal,
        ['invoke', 0, 'read', null, 50, 'a'],
        ['ok', 0, 'read', 1, 51, 'a'],
        ['invoke', 1, 'read', null, 50, 'b'],
        ['ok', 1, 'read', null, 51, 'b'],
      ]),
    );
    expect(r.valid).toBe(true);
    expect(r.reason).toBeUndefined();
  });
});
