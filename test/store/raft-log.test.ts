import { describe, expect, it } from 'vitest';
import { RaftLog, type LogEntry } from '../../src/store/raft-log.js';

/** logOf builds a log whose entries have the given terms (commands are no-ops). */
function logOf(terms: number[]): RaftLog {
  const log = new RaftLog();
  log.append(...terms.map((term) => ({ term, command: null })));
  return log;
}

const e = (term: number, v = 0): LogEntry => ({ term, command: { op: 'put', key: 'k', value: v } });
const terms = (log: RaftLog): number[] => Array.from({ length: log.lastIndex }, (_, i) => log.termAt(i + 1)!);

describe('RaftLog', () => {
  it('has a term-0 sentinel at index 0 and nothing past the end', () => {
    const log = logOf([1, 1, 2]);
    expect([log.termAt(0), log.termAt(3), log.termAt(4), log.lastIndex, log.lastTerm]).toEqual([0, 2, undefined, 3, 2]);
  });

  it.each<{ name: string; log: number[]; prevIndex: number; prevTerm: number; entries: number[]; after: number[]; outcome: object }>([
    { name: 'appends to an empty log', log: [], prevIndex: 0, prevTerm: 0, entries: [1, 1], after: [1, 1],
      outcome: { ok: true, lastNewIndex: 2, truncatedFrom: null, writtenFrom: 1 } },
    { name: 'rejects when prevIndex is past the end, hinting lastIndex+1', log: [1], prevIndex: 3, prevTerm: 1, entries: [1], after: [1],
      outcome: { ok: false, hint: 2 } },
    { name: 'rejects on a prevTerm mismatch, hinting the first index of the conflicting term', log: [1, 2, 2, 2], prevIndex: 4, prevTerm: 3, entries: [3], after: [1, 2, 2, 2],
      outcome: { ok: false, hint: 2 } },
    { name: 'a duplicate message changes nothing', log: [1, 1, 1], prevIndex: 1, prevTerm: 1, entries: [1, 1], after: [1, 1, 1],
      outcome: { ok: true, lastNewIndex: 3, truncatedFrom: null, writtenFrom: 4 } },
    { name: 'a stale shorter message never truncates matching entries', log: [1, 1, 1, 1], prevIndex: 0, prevTerm: 0, entries: [1], after: [1, 1, 1, 1],
      outcome: { ok: true, lastNewIndex: 1, truncatedFrom: null, writtenFrom: 2 } },
    { name: 'truncates from the first conflict and appends', log: [1, 1, 2, 2], prevIndex: 2, prevTerm: 1, entries: [3, 3, 3], after: [1, 1, 3, 3, 3],
      outcome: { ok: true, lastNewIndex: 5, truncatedFrom: 3, writtenFrom: 3 } },
    { name: 'an empty heartbeat that matches succeeds', log: [1, 2], prevIndex: 2, prevTerm: 2, entries: [], after: [1, 2],
      outcome: { ok: true, lastNewIndex: 2, truncatedFrom: null, writtenFrom: 3 } },
  ])('$name', ({ log: start, prevIndex, prevTerm, entries, after, outcome }) => {
    const log = logOf(start);
    const out = log.offer(prevIndex, prevTerm, entries.map((t) => e(t)));
    expect(out).toMatchObject(outcome);
    expect(terms(log)).toEqual(after);
  });

  it('returns exactly the entries it wrote, for persistence', () => {
    const log = logOf([1, 1]);
    const out = log.offer(1, 1, [e(1), e(2, 7), e(2, 8)]);
    expect(out.ok && out.written.map((x) => x.command)).toEqual([
      { op: 'put', key: 'k', value: 7 },
      { op: 'put', key: 'k', value: 8 },
    ]);
  });
});
