import { describe, expect, it } from 'vitest';
import {
  addToEntry,
  compareStamps,
  incrementEntry,
  mergeEntries,
  readEntry,
  writeEntry,
  type LwwEntry,
} from '../../src/store/lww-merge.js';

const w = (value: unknown, ts: number, node: string, seq = 0): LwwEntry => writeEntry(undefined, value, { ts, node, seq });

describe('compareStamps', () => {
  it.each([
    [{ ts: 2, node: 'n1', seq: 0 }, { ts: 1, node: 'n9', seq: 9 }, 1],
    [{ ts: 1, node: 'n2', seq: 0 }, { ts: 1, node: 'n1', seq: 5 }, 1],
    [{ ts: 1, node: 'n1', seq: 1 }, { ts: 1, node: 'n1', seq: 2 }, -1],
    [{ ts: 1, node: 'n1', seq: 1 }, { ts: 1, node: 'n1', seq: 1 }, 0],
  ])('%j vs %j', (a, b, sign) => {
    expect(Math.sign(compareStamps(a, b))).toBe(sign);
  });
});

describe('mergeEntries', () => {
  it.each<[string, LwwEntry, LwwEntry, unknown]>([
    ['the later timestamp wins', w('old', 1, 'n1'), w('new', 2, 'n2'), 'new'],
    ['the later timestamp wins in either order', w('new', 2, 'n2'), w('old', 1, 'n1'), 'new'],
    ['a tie on time is broken by node name', w('a', 5, 'n1'), w('b', 5, 'n2'), 'b'],
    ['sets merge by union, sorted', addToEntry(addToEntry(undefined, 3), 1), addToEntry(addToEntry(undefined, 2), 3), [1, 2, 3]],
    ['counters keep every node\'s increments', incrementEntry(undefined, 'n1', 2), incrementEntry(incrementEntry(undefined, 'n2', 5), 'n2', -1), 6],
  ])('%s', (_name, a, b, value) => {
    expect(readEntry(mergeEntries(a, b))).toEqual(value);
  });

  const samples: LwwEntry[] = [
    w('x', 3, 'n1'),
    w('y', 3, 'n2'),
    addToEntry(w('z', 1, 'n3'), 'e'),
    incrementEntry(addToEntry(undefined, 1), 'n1', 4),
    incrementEntry(incrementEntry(undefined, 'n1', 7), 'n2', -2),
  ];
  it('is commutative, associative and idempotent on samples', () => {
    for (const a of samples) {
      expect(mergeEntries(a, a)).toEqual(a);
      for (const b of samples) {
        expect(mergeEntries(a, b)).toEqual(mergeEntries(b, a));
        for (const c of samples) {
          expect(mergeEntries(mergeEntries(a, b), c)).toEqual(mergeEntries(a, mergeEntries(b, c)));
        }
      }
    }
  });

  it('does not mutate its inputs', () => {
    const a = incrementEntry(undefined, 'n1', 1);
    const snapshot = JSON.stringify(a);
    mergeEntries(a, incrementEntry(undefined, 'n1', 9));
    incrementEntry(a, 'n1', 3);
    expect(JSON.stringify(a)).toBe(snapshot);
  });

  it('a write with an older (skewed) timestamp is lost: the documented LWW behaviour', () => {
    const later = writeEntry(w('first', 1000, 'n1'), 'second', { ts: 900, node: 'n2', seq: 0 });
    expect(readEntry(later)).toBe('first');
  });

  it('reads null for an absent key', () => {
    expect(readEntry(undefined)).toBeNull();
  });
});
