import { randomUUID } from 'node:crypto';
import { applyCommand } from './apply-command.js';
import { isEngineReply, isKvCommand } from './forward-wire.js';
import type { EngineReply, EngineStatus, KvCommand, PeerMessage, StoreEngine } from './kv-command.js';
import { RaftLog, type LogEntry } from './raft-log.js';
import { advanceCommitIndex, decideVote, majorityIndex, quorumSize, randomElectionTimeoutMs } from './raft-rules.js';
import type { LoadedRaftState, RaftStorage } from './raft-storage.js';
import { monotonicMs, type StoreClock } from './store-clock.js';

/** RaftNodeOptions configures one Raft node; times in ms. */
export interface RaftNodeOptions {
  id: string;
  peers: readonly string[];
  /** Lease mode: the leader serves reads locally while its lease (on the skewed clock) lasts. */
  lease: boolean;
  electionTimeoutMs: number;
  heartbeatMs: number;
  leaseMs: number;
  clock: StoreClock;
  random: () => number;
  send: (to: string, message: Record<string, unknown> & { type: string }) => void;
  storage: RaftStorage;
  initial: LoadedRaftState;
  log: (line: string) => void;
}

type Role = 'follower' | 'candidate' | 'leader';

interface PendingWrite {
  term: number;
  deadline: number;
  resolve: (reply: EngineReply) => void;
}

interface PendingRead {
  key: string;
  deadline: number;
  resolve: (reply: EngineReply) => void;
  /** The heartbeat round that must be acknowledged by a majority before this read is served. */
  round: number;
  /** The commit index this read must see applied (ReadIndex). */
  readIndex: number;
}

/** A request that came while no leader was known, waiting (briefly) for an election to end. */
interface WaitingForLeader {
  command: KvCommand;
  deadline: number;
  /** When to give up waiting and answer not-leader: min(half the timeout, two election timeouts). */
  waitUntil: number;
  resolve: (reply: EngineReply) => void;
}

interface PendingForward {
  command: KvCommand;
  deadline: number;
  /** The leader it was last sent to, and how many times it was sent. */
  to: string;
  attempts: number;
  resolve: (reply: EngineReply) => void;
}

/** Most entries sent in one AppendEntries message. */
const MAX_BATCH = 500;
/** How many times a follower sends one request on (a first leader, then a newer one it learns of). */
const MAX_FORWARD_ATTEMPTS = 2;
/** How many forwarded request ids a leader remembers to drop duplicates (the router may duplicate). */
const MAX_SEEN_FORWARDS = 10_000;

/**
 * RaftNode is the raft and lease modes: leader election with randomised timeouts, log replication
 * with pipelined, batched AppendEntries (fast backtracking on rejection), commit by majority of
 * current-term entries, and in-order apply to the key-value state machine.
 *
 * Client contract: a write is acknowledged once committed and applied; if the log entry it was
 * given is overwritten by another it answers `unavailable` (it can never commit), and past its
 * deadline `timeout` (it may still commit). Reads use ReadIndex: the leader waits until an entry of
 * its term is committed, records the commit index, confirms it is still leader by a heartbeat round
 * acknowledged by a majority, waits to have applied that index, then reads. In lease mode a leader
 * whose lease (extended to sentAt + leaseMs whenever a majority acknowledges a round sent at sentAt,
 * both read on the skewed clock) is valid reads locally without a round: a clock set back makes it
 * serve stale reads, which is the point of the mode.
 *
 * Forwarding (like etcd): a follower that knows a live leader (it heard from it within an election
 * timeout) sends the client's command to it over the peer channel (`fwd`, answered by `fwdr`), and
 * the leader runs it exactly as its own client's: writes through the log, reads through ReadIndex (or
 * the lease). So the client's reply means the same wherever it was addressed, and `not-leader` is
 * answered only when no leader is known: a request that arrives during an election waits for its
 * end (at most half its timeout, and two election timeouts) before it is refused. Each forward carries a request id unique to this process
 * and the sender's term: the leader answers only in that term and runs each id at most once, so a
 * duplicated or delayed message can never apply a write twice (a leader that restarts needs a new
 * term to lead again). A forward whose answer does not come back in time is `timeout` (unknown);
 * a `not-leader` answer (certainly no effect) is sent on once more if a newer leader is known.
 *
 * Safety extras: a node that heard from a live leader less than an election timeout ago ignores vote
 * requests (leader stickiness, which is what makes a lease shorter than the election timeout safe),
 * and a leader that has not heard from a majority for an election timeout steps down (check quorum),
 * so the minority side of a partition answers not-leader instead of timing out; in lease mode only
 * once its lease has expired on its own clock.
 *
 * Clock faults in lease mode: setting the leader's clock back by D keeps a lease valid D ms too long;
 * a bump ahead by D followed by a reset does the same (rounds sent while ahead carry sentAt + D). A
 * bump ahead alone only shortens the lease (safe). Followers' clocks do not matter (their election
 * timers use monotonic time).
 */
export class RaftNode implements StoreEngine {
  private role: Role = 'follower';
  private term: number;
  private votedFor: string | null;
  private leader: string | null = null;
  private readonly raftLog = new RaftLog();
  private commitIndex = 0;
  private lastApplied = 0;
  private readonly data = new Map<string, unknown>();

  private electionDeadline = 0;
  private lastLeaderContact = -Infinity;
  private readonly votes = new Set<string>();

  private readonly nextIndex = new Map<string, number>();
  private readonly matchIndex = new Map<string, number>();
  private readonly lastAckAt = new Map<string, number>();
  private readonly roundAck = new Map<string, number>();
  private persistedIndex = 0;
  private round = 0;
  private confirmedRound = 0;
  private readonly roundSentAt = new Map<number, number>();
  private leaseUntil = -Infinity;
  private termStartIndex = Infinity;
  private leaderSince = 0;
  private lastHeartbeat = 0;

  private readonly pendingWrites = new Map<number, PendingWrite>();
  private readonly pendingForwards = new Map<string, PendingForward>();
  private waitingForLeader: WaitingForLeader[] = [];
  /** Unique to this process, so request ids never repeat across restarts. */
  private readonly incarnation = randomUUID();
  private forwardSeq = 0;
  /** Forwarded request ids this leader already ran (insertion order: oldest first). */
  private readonly seenForwards = new Set<string>();
  /** Reads waiting for a round to be sent (or for an entry of this term to commit). */
  private readsUnsent: PendingRead[] = [];
  /** Reads whose round was sent, waiting for majority confirmation and then for apply. */
  private readsSent: PendingRead[] = [];
  private flushScheduled = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: RaftNodeOptions) {
    this.term = o.initial.term;
    this.votedFor = o.initial.votedFor;
    this.raftLog.append(...o.initial.entries);
    this.persistedIndex = this.raftLog.lastIndex;
  }

  /** start arms the election timer and the periodic tick. */
  start(): void {
    this.resetElectionDeadline();
    this.timer = setInterval(() => this.tick(), Math.max(1, Math.min(10, this.o.heartbeatMs)));
    this.o.log(`raft${this.o.lease ? ' (lease)' : ''} node ${this.o.id} starting at term ${this.term} with ${this.raftLog.lastIndex} log entries`);
  }

  /** stop clears timers and closes the storage. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.o.storage.close();
  }

  /** status reports role, term, known leader and commit index. */
  status(): EngineStatus {
    return { role: this.role, term: this.term, leader: this.leader, commitIndex: this.commitIndex };
  }

  /** readLocal: the key in this node's applied state machine (entries up to lastApplied), on any role. */
  readLocal(key: string): unknown {
    return this.data.get(key) ?? null;
  }

  /** submit runs one client command; see the class comment for what each reply means. */
  submit(command: KvCommand, timeoutMs: number): Promise<EngineReply> {
    if (this.role === 'leader') return this.submitAsLeader(command, timeoutMs);
    const now = monotonicMs();
    return new Promise((resolve) => {
      const waiting: WaitingForLeader = {
        command,
        deadline: now + timeoutMs,
        waitUntil: now + Math.min(timeoutMs / 2, 2 * this.o.electionTimeoutMs),
        resolve,
      };
      if (!this.routeWaiting(waiting, now)) this.waitingForLeader.push(waiting);
    });
  }

  /**
   * routeWaiting runs a request that arrived while this node is not leader: as leader if it has
   * become one, forwarded if a live leader is known, refused (not-leader, nothing was sent) once its
   * wait is over; returns false while it must keep waiting for an election to end.
   */
  private routeWaiting(w: WaitingForLeader, now: number): boolean {
    if (this.role === 'leader') {
      void this.submitAsLeader(w.command, Math.max(1, w.deadline - now)).then(w.resolve);
      return true;
    }
    const leader = this.liveLeader();
    if (leader !== null) {
      const id = `${this.incarnation}:${++this.forwardSeq}`;
      const pending: PendingForward = { command: w.command, deadline: w.deadline, to: leader, attempts: 0, resolve: w.resolve };
      this.pendingForwards.set(id, pending);
      this.sendForward(id, pending);
      return true;
    }
    if (now >= w.waitUntil) {
      w.resolve({ kind: 'not-leader', leader: null });
      return true;
    }
    return false;
  }

  private submitAsLeader(command: KvCommand, timeoutMs: number): Promise<EngineReply> {
    if (this.role !== 'leader') return Promise.resolve({ kind: 'not-leader', leader: this.leader });
    const deadline = monotonicMs() + timeoutMs;
    if (command.op === 'get') {
      if (this.leaseIsValid()) return Promise.resolve({ kind: 'done', result: applyCommand(this.data, command) });
      return new Promise((resolve) => {
        this.readsUnsent.push({ key: command.key, deadline, resolve, round: 0, readIndex: 0 });
        this.scheduleFlush();
      });
    }
    return new Promise((resolve) => {
      const index = this.raftLog.append({ term: this.term, command });
      this.pendingWrites.set(index, { term: this.term, deadline, resolve });
      this.scheduleFlush();
    });
  }

  /** receive handles one peer message; anything malformed or stale is ignored. */
  receive(m: PeerMessage): void {
    if (!this.o.peers.includes(m.from) || typeof m['term'] !== 'number') return;
    switch (m.type) {
      case 'rv':
        return this.onRequestVote(m);
      case 'rvr':
        return this.onVoteReply(m);
      case 'ae':
        return this.onAppend(m);
      case 'aer':
        return this.onAppendReply(m);
      case 'fwd':
        return this.onForward(m);
      case 'fwdr':
        return this.onForwardReply(m);
      default:
        return;
    }
  }

  // ---- forwarding ----

  /** liveLeader is the leader this follower heard from within an election timeout, else null. */
  private liveLeader(): string | null {
    if (this.role !== 'follower' || this.leader === null || this.leader === this.o.id) return null;
    return monotonicMs() - this.lastLeaderContact < this.o.electionTimeoutMs ? this.leader : null;
  }

  private sendForward(id: string, p: PendingForward): void {
    p.attempts += 1;
    const timeoutMs = Math.max(1, Math.floor(p.deadline - monotonicMs()));
    this.o.send(p.to, { type: 'fwd', term: this.term, id, command: p.command, timeoutMs });
  }

  /** onForward (leader side) runs a follower's command once, in the term it was sent for. */
  private onForward(m: PeerMessage): void {
    const id = m['id'];
    const command = m['command'];
    const timeoutMs = m['timeoutMs'];
    if (typeof id !== 'string' || !isKvCommand(command) || typeof timeoutMs !== 'number' || !(timeoutMs > 0)) return;
    const answer = (reply: EngineReply): void => this.o.send(m.from, { type: 'fwdr', term: this.term, id, reply });
    if (this.role !== 'leader' || m['term'] !== this.term) return answer({ kind: 'not-leader', leader: this.leader });
    const seenKey = `${m.from}/${id}`;
    if (this.seenForwards.has(seenKey)) return; // a duplicate: the first copy answers
    this.seenForwards.add(seenKey);
    if (this.seenForwards.size > MAX_SEEN_FORWARDS) this.seenForwards.delete(this.seenForwards.values().next().value!);
    void this.submitAsLeader(command, Math.min(timeoutMs, 60_000)).then(answer);
  }

  /** onForwardReply (follower side) answers the waiting client, or sends the command on once more. */
  private onForwardReply(m: PeerMessage): void {
    const id = m['id'];
    const reply = m['reply'];
    if (typeof id !== 'string' || !isEngineReply(reply)) return;
    const p = this.pendingForwards.get(id);
    if (p === undefined || m.from !== p.to) return;
    if (reply.kind === 'not-leader' && p.attempts < MAX_FORWARD_ATTEMPTS) {
      const next = this.liveLeader();
      if (next !== null && next !== p.to && monotonicMs() < p.deadline) {
        p.to = next;
        return this.sendForward(id, p);
      }
    }
    this.pendingForwards.delete(id);
    p.resolve(reply.kind === 'not-leader' ? { kind: 'not-leader', leader: this.liveLeader() ?? reply.leader } : reply);
  }

  // ---- timers ----

  private tick(): void {
    const now = monotonicMs();
    if (this.role === 'leader') {
      if (now - this.lastHeartbeat >= this.o.heartbeatMs) this.heartbeat(now);
    } else if (now >= this.electionDeadline) {
      this.startElection();
    }
    this.expire(now);
  }

  private expire(now: number): void {
    if (this.waitingForLeader.length > 0) this.waitingForLeader = this.waitingForLeader.filter((w) => !this.routeWaiting(w, now));
    for (const [id, f] of this.pendingForwards) {
      if (now >= f.deadline) {
        this.pendingForwards.delete(id);
        f.resolve({ kind: 'timeout' });
      }
    }
    for (const [index, w] of this.pendingWrites) {
      if (now >= w.deadline) {
        this.pendingWrites.delete(index);
        w.resolve({ kind: 'timeout' });
      }
    }
    const alive = (r: PendingRead): boolean => {
      if (now < r.deadline) return true;
      r.resolve({ kind: 'timeout' });
      return false;
    };
    if (this.readsUnsent.length > 0) this.readsUnsent = this.readsUnsent.filter(alive);
    if (this.readsSent.length > 0) this.readsSent = this.readsSent.filter(alive);
  }

  private resetElectionDeadline(): void {
    this.electionDeadline = monotonicMs() + randomElectionTimeoutMs(this.o.electionTimeoutMs, this.o.random);
  }

  // ---- elections ----

  private startElection(): void {
    this.term += 1;
    this.votedFor = this.o.id;
    this.o.storage.saveHardState(this.term, this.votedFor);
    this.role = 'candidate';
    this.leader = null;
    this.votes.clear();
    this.votes.add(this.o.id);
    this.resetElectionDeadline();
    this.o.log(`${this.o.id} candidate for term ${this.term}`);
    if (this.votes.size >= quorumSize(this.o.peers.length + 1)) return this.becomeLeader();
    for (const peer of this.o.peers) {
      this.o.send(peer, { type: 'rv', term: this.term, lastLogIndex: this.raftLog.lastIndex, lastLogTerm: this.raftLog.lastTerm });
    }
  }

  private onRequestVote(m: PeerMessage): void {
    const lastLogIndex = m['lastLogIndex'];
    const lastLogTerm = m['lastLogTerm'];
    if (typeof lastLogIndex !== 'number' || typeof lastLogTerm !== 'number') return;
    const now = monotonicMs();
    const decision = decideVote(
      {
        currentTerm: this.term,
        votedFor: this.votedFor,
        lastLogTerm: this.raftLog.lastTerm,
        lastLogIndex: this.raftLog.lastIndex,
        leaderIsFresh: this.role === 'leader' || (this.leader !== null && now - this.lastLeaderContact < this.o.electionTimeoutMs),
      },
      { term: m['term'] as number, candidate: m.from, lastLogTerm, lastLogIndex },
    );
    if (decision.stepDown) this.becomeFollower(decision.term, null);
    if (decision.votedFor !== this.votedFor) {
      this.votedFor = decision.votedFor;
      this.o.storage.saveHardState(this.term, this.votedFor);
    }
    if (decision.granted) this.resetElectionDeadline();
    this.o.send(m.from, { type: 'rvr', term: this.term, granted: decision.granted });
  }

  private onVoteReply(m: PeerMessage): void {
    const term = m['term'] as number;
    if (term > this.term) return this.becomeFollower(term, null);
    if (this.role !== 'candidate' || term !== this.term || m['granted'] !== true) return;
    this.votes.add(m.from);
    if (this.votes.size >= quorumSize(this.o.peers.length + 1)) this.becomeLeader();
  }

  private becomeLeader(): void {
    this.role = 'leader';
    this.leader = this.o.id;
    const now = monotonicMs();
    this.leaderSince = now;
    this.persistedIndex = this.raftLog.lastIndex;
    for (const peer of this.o.peers) {
      this.nextIndex.set(peer, this.raftLog.lastIndex + 1);
      this.matchIndex.set(peer, 0);
      this.lastAckAt.set(peer, now);
      this.roundAck.set(peer, 0);
    }
    this.confirmedRound = this.round;
    this.roundSentAt.clear();
    this.leaseUntil = -Infinity;
    this.termStartIndex = this.raftLog.append({ term: this.term, command: null });
    this.o.log(`${this.o.id} leader for term ${this.term} (log ${this.raftLog.lastIndex}, commit ${this.commitIndex})`);
    this.heartbeat(now);
  }

  /** becomeFollower adopts `term` (persisting it when newer) and drops leader-only state. */
  private becomeFollower(term: number, leader: string | null): void {
    const was = this.role;
    this.role = 'follower';
    if (term > this.term) {
      this.term = term;
      this.votedFor = null;
      this.o.storage.saveHardState(this.term, this.votedFor);
      this.leader = leader;
    } else if (leader !== null || was !== 'follower') {
      this.leader = leader;
    }
    if (was === 'leader') {
      this.leaseUntil = -Infinity;
      this.termStartIndex = Infinity;
      this.resetElectionDeadline();
      for (const r of [...this.readsUnsent, ...this.readsSent]) r.resolve({ kind: 'not-leader', leader });
      this.readsUnsent = [];
      this.readsSent = [];
    }
    if (was !== 'follower') this.o.log(`${this.o.id} follower in term ${this.term}${leader === null ? '' : ` (leader ${leader})`}`);
  }

  // ---- replication (leader side) ----

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush(false);
    });
  }

  /** flush persists new entries (one write for the batch) and sends them; a round when reads wait. */
  private flush(forceRound: boolean): void {
    if (this.role !== 'leader') return;
    this.persist();
    const committedInTerm = this.commitIndex >= this.termStartIndex;
    const newRound = forceRound || (committedInTerm && this.readsUnsent.length > 0);
    if (newRound) {
      this.round += 1;
      this.roundSentAt.set(this.round, this.o.clock.now());
      if (committedInTerm) {
        for (const r of this.readsUnsent) {
          r.round = this.round;
          r.readIndex = this.commitIndex;
          this.readsSent.push(r);
        }
        this.readsUnsent = [];
      }
    }
    for (const peer of this.o.peers) {
      if (newRound || (this.nextIndex.get(peer) ?? 1) <= this.raftLog.lastIndex) this.sendAppend(peer);
    }
    this.advanceCommit();
    this.advanceRounds();
  }

  private persist(): void {
    if (this.raftLog.lastIndex > this.persistedIndex) {
      this.o.storage.saveEntries(this.persistedIndex + 1, this.raftLog.slice(this.persistedIndex + 1, Infinity));
      this.persistedIndex = this.raftLog.lastIndex;
    }
  }

  private heartbeat(now: number): void {
    this.lastHeartbeat = now;
    let heard = 1;
    for (const peer of this.o.peers) {
      const ack = this.lastAckAt.get(peer) ?? 0;
      if (now - ack < this.o.electionTimeoutMs) heard += 1;
      // No progress for two heartbeats: whatever was in flight is probably lost; resend from the match.
      if (now - ack > 2 * this.o.heartbeatMs) this.nextIndex.set(peer, (this.matchIndex.get(peer) ?? 0) + 1);
    }
    // In lease mode a leader trusts its lease (on the skewed clock) over check-quorum: that is the
    // mode's premise, and why a clock set back makes an isolated leader serve stale reads.
    const lost = heard < quorumSize(this.o.peers.length + 1) && now - this.leaderSince >= this.o.electionTimeoutMs;
    if (lost && !this.leaseIsValid()) {
      this.o.log(`${this.o.id} lost contact with a majority; stepping down`);
      this.becomeFollower(this.term, null);
      return;
    }
    this.flush(true);
  }

  private sendAppend(peer: string): void {
    const next = Math.min(this.nextIndex.get(peer) ?? 1, this.raftLog.lastIndex + 1);
    const prevIndex = next - 1;
    const entries = this.raftLog.slice(next, MAX_BATCH);
    this.o.send(peer, {
      type: 'ae',
      term: this.term,
      prevIndex,
      prevTerm: this.raftLog.termAt(prevIndex) ?? 0,
      entries: entries.map((e) => ({ t: e.term, c: e.command })),
      commit: this.commitIndex,
      round: this.round,
    });
    this.nextIndex.set(peer, next + entries.length);
  }

  private onAppendReply(m: PeerMessage): void {
    const term = m['term'] as number;
    if (term > this.term) return this.becomeFollower(term, null);
    if (this.role !== 'leader' || term !== this.term) return;
    const peer = m.from;
    this.lastAckAt.set(peer, monotonicMs());
    if (typeof m['round'] === 'number') this.roundAck.set(peer, Math.max(this.roundAck.get(peer) ?? 0, m['round']));
    const match = this.matchIndex.get(peer) ?? 0;
    if (m['success'] === true && typeof m['match'] === 'number') {
      const newMatch = Math.max(match, Math.min(m['match'], this.raftLog.lastIndex));
      this.matchIndex.set(peer, newMatch);
      this.nextIndex.set(peer, Math.max(this.nextIndex.get(peer) ?? 1, newMatch + 1));
      this.advanceCommit();
    } else if (m['success'] === false && typeof m['hint'] === 'number') {
      const before = this.nextIndex.get(peer) ?? 1;
      const next = Math.max(match + 1, Math.min(before, m['hint']));
      if (next < before) {
        this.nextIndex.set(peer, next);
        this.sendAppend(peer);
      }
    }
    this.advanceRounds();
  }

  private advanceCommit(): void {
    const matches = [this.persistedIndex, ...this.o.peers.map((p) => this.matchIndex.get(p) ?? 0)];
    const commit = advanceCommitIndex(matches, this.commitIndex, this.term, (i) => this.raftLog.termAt(i));
    if (commit > this.commitIndex) {
      const firstOfTerm = this.commitIndex < this.termStartIndex && commit >= this.termStartIndex;
      this.commitIndex = commit;
      this.applyCommitted();
      // Reads that waited for the first commit of this term can now get their round.
      if (firstOfTerm && this.readsUnsent.length > 0) this.scheduleFlush();
    }
  }

  /** advanceRounds moves the majority-confirmed round forward, extending the lease and releasing reads. */
  private advanceRounds(): void {
    const confirmed = majorityIndex([this.round, ...this.o.peers.map((p) => this.roundAck.get(p) ?? 0)]);
    if (confirmed > this.confirmedRound) {
      this.confirmedRound = confirmed;
      const sentAt = this.roundSentAt.get(confirmed);
      if (sentAt !== undefined) this.leaseUntil = Math.max(this.leaseUntil, sentAt + this.o.leaseMs);
      for (const r of this.roundSentAt.keys()) if (r <= confirmed) this.roundSentAt.delete(r);
    }
    this.serveReads();
  }

  private serveReads(): void {
    if (this.readsSent.length === 0) return;
    const waiting: PendingRead[] = [];
    for (const r of this.readsSent) {
      if (r.round <= this.confirmedRound && r.readIndex <= this.lastApplied) {
        r.resolve({ kind: 'done', result: applyCommand(this.data, { op: 'get', key: r.key }) });
      } else {
        waiting.push(r);
      }
    }
    this.readsSent = waiting;
  }

  private leaseIsValid(): boolean {
    return (
      this.o.lease &&
      this.role === 'leader' &&
      this.commitIndex >= this.termStartIndex &&
      this.o.clock.now() < this.leaseUntil
    );
  }

  // ---- replication (follower side) ----

  private onAppend(m: PeerMessage): void {
    const term = m['term'] as number;
    const round = typeof m['round'] === 'number' ? m['round'] : 0;
    if (term < this.term) {
      this.o.send(m.from, { type: 'aer', term: this.term, success: false, match: 0, round });
      return;
    }
    const prevIndex = m['prevIndex'];
    const prevTerm = m['prevTerm'];
    const commit = m['commit'];
    const entries = parseEntries(m['entries']);
    if (typeof prevIndex !== 'number' || typeof prevTerm !== 'number' || typeof commit !== 'number' || entries === null) return;
    if (term > this.term || this.role !== 'follower' || this.leader !== m.from) this.becomeFollower(term, m.from);
    this.lastLeaderContact = monotonicMs();
    this.resetElectionDeadline();
    const out = this.raftLog.offer(prevIndex, prevTerm, entries);
    if (!out.ok) {
      this.o.send(m.from, { type: 'aer', term: this.term, success: false, hint: out.hint, round });
      return;
    }
    this.o.storage.saveEntries(out.writtenFrom, out.written);
    if (commit > this.commitIndex) {
      const next = Math.min(commit, out.lastNewIndex);
      if (next > this.commitIndex) {
        this.commitIndex = next;
        this.applyCommitted();
      }
    }
    this.o.send(m.from, { type: 'aer', term: this.term, success: true, match: out.lastNewIndex, round });
  }

  // ---- state machine ----

  private applyCommitted(): void {
    while (this.lastApplied < this.commitIndex) {
      const index = ++this.lastApplied;
      const entry = this.raftLog.entryAt(index);
      if (entry === undefined) throw new Error(`raft: committed index ${index} missing from the log`);
      const result = entry.command === null ? null : applyCommand(this.data, entry.command);
      const pending = this.pendingWrites.get(index);
      if (pending !== undefined) {
        this.pendingWrites.delete(index);
        if (pending.term === entry.term && result !== null) pending.resolve({ kind: 'done', result });
        else pending.resolve({ kind: 'unavailable' });
      }
    }
    this.serveReads();
  }
}

/** parseEntries validates AppendEntries' wire entries `[{t, c}]`; null when malformed. */
function parseEntries(raw: unknown): LogEntry[] | null {
  if (!Array.isArray(raw)) return null;
  const out: LogEntry[] = [];
  for (const e of raw as unknown[]) {
    if (typeof e !== 'object' || e === null) return null;
    const { t, c } = e as { t?: unknown; c?: unknown };
    if (typeof t !== 'number') return null;
    if (c !== null && (typeof c !== 'object' || typeof (c as { op?: unknown }).op !== 'string')) return null;
    out.push({ term: t, command: c as KvCommand | null });
  }
  return out;
}
