import { describe, expect, it } from 'vitest';
import {
  advanceCommitIndex,
  decideVote,
  isLogUpToDate,
  majorityIndex,
  quorumSize,
  randomElectionTimeoutMs,
  type VoterState,
} from '../../src/store/raft-rules.js';

describe('isLogUpToDate', () => {
  it.each([
    [3, 1, 2, 9, true, 'a later last term wins even if shorter'],
    [2, 9, 3, 1, false, 'an earlier last term loses even if longer'],
    [2, 5, 2, 5, true, 'equal logs are up to date'],
    [2, 4, 2, 5, false, 'same term, shorter loses'],
    [0, 0, 0, 0, true, 'two empty logs'],
  ])('candidate (%i,%i) vs ours (%i,%i) → %s: %s', (ct, ci, ot, oi, expected) => {
    expect(isLogUpToDate(ct, ci, ot, oi)).toBe(expected);
  });
});

describe('decideVote', () => {
  const base: VoterState = { currentTerm: 5, votedFor: null, lastLogTerm: 4, lastLogIndex: 10, leaderIsFresh: false };
  const req = { term: 5, candidate: 'n2', lastLogTerm: 4, lastLogIndex: 10 };
  it.each<[string, Partial<VoterState>, Partial<typeof req>, { granted: boolean; term: number; votedFor: string | null; stepDown: boolean }]>([
    ['grants in the current term when not yet voted', {}, {}, { granted: true, term: 5, votedFor: 'n2', stepDown: false }],
    ['refuses an older term', {}, { term: 4 }, { granted: false, term: 5, votedFor: null, stepDown: false }],
    ['refuses a second candidate in the same term', { votedFor: 'n3' }, {}, { granted: false, term: 5, votedFor: 'n3', stepDown: false }],
    ['grants again to the same candidate (duplicate request)', { votedFor: 'n2' }, {}, { granted: true, term: 5, votedFor: 'n2', stepDown: false }],
    ['adopts a newer term and clears the old vote', { votedFor: 'n3' }, { term: 6 }, { granted: true, term: 6, votedFor: 'n2', stepDown: true }],
    ['adopts a newer term but refuses a stale log', {}, { term: 6, lastLogTerm: 3, lastLogIndex: 50 }, { granted: false, term: 6, votedFor: null, stepDown: true }],
    ['refuses a shorter log of the same last term', {}, { lastLogIndex: 9 }, { granted: false, term: 5, votedFor: null, stepDown: false }],
    ['ignores a newer term while the leader is fresh', { leaderIsFresh: true }, { term: 9 }, { granted: false, term: 5, votedFor: null, stepDown: false }],
  ])('%s', (_name, state, request, expected) => {
    expect(decideVote({ ...base, ...state }, { ...req, ...request })).toEqual(expected);
  });
});

describe('commit index advancement', () => {
  it.each([
    [[5, 5, 5], 5],
    [[9, 3, 7, 1, 7], 7],
    [[9, 3, 7, 1], 3],
    [[4], 4],
  ])('majorityIndex(%j) = %i', (matches, expected) => {
    expect(majorityIndex(matches)).toBe(expected);
  });

  const termAt = (i: number): number | undefined => [0, 1, 1, 2, 3, 3][i];
  it.each([
    ['advances to a majority-replicated entry of the current term', [5, 5, 4, 1, 0], 2, 3, 4],
    ['advances to the highest majority index', [5, 5, 5, 1, 0], 2, 3, 5],
    ['does not commit an older term by counting replicas', [3, 3, 3, 1, 0], 1, 3, 1],
    ['never moves backwards', [1, 1, 1, 0, 0], 4, 3, 4],
    ['stays without a majority', [5, 5, 0, 0, 0], 2, 3, 2],
  ])('%s', (_name, matches, commit, term, expected) => {
    expect(advanceCommitIndex(matches as number[], commit as number, term as number, termAt)).toBe(expected);
  });
});

describe('cluster arithmetic and timeouts', () => {
  it.each([[1, 1], [2, 2], [3, 2], [4, 3], [5, 3]])('quorumSize(%i) = %i', (n, q) => {
    expect(quorumSize(n)).toBe(q);
  });
  it('draws election timeouts in [base, 2·base)', () => {
    expect(randomElectionTimeoutMs(300, () => 0)).toBe(300);
    expect(randomElectionTimeoutMs(300, () => 0.999999)).toBe(599);
  });
});
