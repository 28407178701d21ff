/**
 * Raft's decision rules as pure functions (Ongaro & Ousterhout, "In Search of an Understandable
 * Consensus Algorithm", §5.2–5.4, plus the thesis' §4.2.3 "leader stickiness").
 */

/**
 * isLogUpToDate tells whether a candidate's log (lastTerm, lastIndex) is at least as up to date as
 * ours: a later last term wins; with equal last terms the longer log wins (§5.4.1).
 */
export function isLogUpToDate(candLastTerm: number, candLastIndex: number, ourLastTerm: number, ourLastIndex: number): boolean {
  if (candLastTerm !== ourLastTerm) return candLastTerm > ourLastTerm;
  return candLastIndex >= ourLastIndex;
}

/** VoterState is what a node knows when a RequestVote arrives. */
export interface VoterState {
  currentTerm: number;
  votedFor: string | null;
  lastLogTerm: number;
  lastLogIndex: number;
  /** True when this node is leader or heard from a live leader less than an election timeout ago. */
  leaderIsFresh: boolean;
}

/** VoteRequest is a RequestVote's content. */
export interface VoteRequest {
  term: number;
  candidate: string;
  lastLogTerm: number;
  lastLogIndex: number;
}

/**
 * VoteDecision says whether to grant, and the (term, votedFor) to persist afterwards. `stepDown` is true
 * when the request's higher term demotes us to follower.
 */
export interface VoteDecision {
  granted: boolean;
  term: number;
  votedFor: string | null;
  stepDown: boolean;
}

/**
 * decideVote applies the RequestVote receiver rules. A request from an older term is refused. A
 * request with a newer term is ignored entirely (term not adopted) while our leader is fresh, so a
 * partitioned node cannot depose a working leader and a lease stays safe. A newer term is otherwise
 * adopted (clearing our vote). The vote is granted when we have not voted in that term or voted for
 * this candidate already (duplicates are idempotent), and the candidate's log is up to date.
 */
export function decideVote(state: VoterState, req: VoteRequest): VoteDecision {
  if (req.term < state.currentTerm) {
    return { granted: false, term: state.currentTerm, votedFor: state.votedFor, stepDown: false };
  }
  if (req.term > state.currentTerm && state.leaderIsFresh) {
    return { granted: false, term: state.currentTerm, votedFor: state.votedFor, stepDown: false };
  }
  const newer = req.term > state.currentTerm;
  const term = req.term;
  const votedFor = newer ? null : state.votedFor;
  const canVote = votedFor === null || votedFor === req.candidate;
  const granted = canVote && isLogUpToDate(req.lastLogTerm, req.lastLogIndex, state.lastLogTerm, state.lastLogIndex);
  return { granted, term, votedFor: granted ? req.candidate : votedFor, stepDown: newer };
}

/**
 * majorityIndex is the largest index replicated on a majority of the cluster, given every member's
 * match index (the leader's own last persisted index included). Pure; `matchIndexes` is not mutated.
 */
export function majorityIndex(matchIndexes: readonly number[]): number {
  if (matchIndexes.length === 0) return 0;
  const sorted = [...matchIndexes].sort((a, b) => b - a);
  return sorted[Math.floor(matchIndexes.length / 2)]!;
}

/**
 * advanceCommitIndex returns the new commit index for a leader: the majority-replicated index if it
 * is beyond `commitIndex` and its entry is from `currentTerm` (§5.4.2: a leader never commits an
 * older term's entry by counting replicas); otherwise `commitIndex` unchanged.
 */
export function advanceCommitIndex(
  matchIndexes: readonly number[],
  commitIndex: number,
  currentTerm: number,
  termAt: (index: number) => number | undefined,
): number {
  const n = majorityIndex(matchIndexes);
  if (n > commitIndex && termAt(n) === currentTerm) return n;
  return commitIndex;
}

/** quorumSize is the number of votes that make a majority of `clusterSize` nodes. */
export function quorumSize(clusterSize: number): number {
  return Math.floor(clusterSize / 2) + 1;
}

/**
 * randomElectionTimeoutMs draws an election timeout uniformly in [baseMs, 2·baseMs) from `random`
 * (a function returning [0,1)), so that split votes resolve (§5.2).
 */
export function randomElectionTimeoutMs(baseMs: number, random: () => number): number {
  return baseMs + Math.floor(random() * baseMs);
}
