import { applyCommand } from './apply-command.js';
import type { EngineReply, EngineStatus, KvCommand, PeerMessage, StoreEngine } from './kv-command.js';
import { quorumSize } from './raft-rules.js';
import { monotonicMs } from './store-clock.js';

/** PrimaryNodeOptions configures one node of primary mode; times in ms. */
export interface PrimaryNodeOptions {
  id: string;
  peers: readonly string[];
  /** The primary of epoch 0 (n1, or the lowest name when there is no n1). */
  initialPrimary: string;
  /** True when this node ran before (its data dir says so): it starts as an out-of-sync replica. */
  restarted: boolean;
  /** Silence from the primary after which replicas fail over (~500 ms). */
  failoverMs: number;
  heartbeatMs: number;
  send: (to: string, message: Record<string, unknown> & { type: string }) => void;
  log: (line: string) => void;
}

/** How often the primary ships its batch of new writes to the replicas. */
const REPLICATION_INTERVAL_MS = 20;
/** Most writes per replication message. */
const MAX_BATCH = 1000;
/** Writes the primary keeps for replicas that lag; one further behind gets a snapshot. */
const MAX_LOG = 100_000;
/** Shortest time between two snapshots to the same replica. */
const SNAPSHOT_INTERVAL_MS = 200;

/** What a node knows about a peer from its heartbeats. */
interface PeerView {
  heardAt: number;
  epoch: number;
  seq: number;
  lostPrimary: boolean;
}

/** What the primary knows about one replica's copy. */
interface ReplicaProgress {
  acked: number;
  sent: number;
  synced: boolean;
  ackAt: number;
  snapshotAt: number;
}

/**
 * PrimaryNode is primary mode: one primary applies each write locally and acknowledges it at once;
 * writes are shipped to replicas asynchronously in batches every 20 ms, numbered by a sequence so
 * duplicates and reordering are harmless. Reads go to the primary; a replica answers not-leader
 * naming the primary.
 *
 * Failover: every node broadcasts a heartbeat (epoch, primary, seq, whether it lost the primary).
 * When a replica has not heard the primary for `failoverMs`, and a majority (itself included) reports
 * the primary lost, the reachable node with the highest (epoch, seq), then lowest name, promotes
 * itself with epoch + 1. A node hearing of a higher epoch (or the same epoch with a lower-named
 * primary) follows that primary and replaces its whole state by the primary's snapshot, discarding
 * writes that were never replicated: acknowledged writes are lost, by design. During a partition the
 * old primary keeps accepting writes, so two primaries coexist until the heal.
 */
export class PrimaryNode implements StoreEngine {
  private epoch = 0;
  private primary: string | null;
  private seq = 0;
  private synced: boolean;
  private data = new Map<string, unknown>();
  /** Writes with sequence numbers logBase+1 … seq (primary only). */
  private writes: KvCommand[] = [];
  private logBase = 0;
  private lastPrimaryContact: number;
  private readonly views = new Map<string, PeerView>();
  private readonly progress = new Map<string, ReplicaProgress>();
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly o: PrimaryNodeOptions) {
    this.primary = o.restarted ? null : o.initialPrimary;
    this.synced = !o.restarted;
    this.lastPrimaryContact = monotonicMs();
    // Everyone starts in sync at epoch 0 with an empty store.
    if (this.isPrimary) this.resetProgress(true);
  }

  private get isPrimary(): boolean {
    return this.primary === this.o.id && this.synced;
  }

  /** start arms the heartbeat, replication and failure-detection timers. */
  start(): void {
    this.timers.push(setInterval(() => this.heartbeat(), this.o.heartbeatMs));
    this.timers.push(setInterval(() => this.replicate(), REPLICATION_INTERVAL_MS));
    this.timers.push(setInterval(() => this.detect(), Math.min(50, this.o.heartbeatMs)));
    this.o.log(`primary-mode node ${this.o.id} starting as ${this.isPrimary ? 'primary' : 'replica'} (primary ${this.primary ?? 'unknown'})`);
  }

  /** stop clears the timers. */
  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** status: role primary or replica, term = epoch, leader = primary, commitIndex = writes applied. */
  status(): EngineStatus {
    return { role: this.isPrimary ? 'primary' : 'replica', term: this.epoch, leader: this.primary, commitIndex: this.seq };
  }

  /** readLocal: the key in this node's own copy (a replica's may lag the primary's), on any role. */
  readLocal(key: string): unknown {
    return this.data.get(key) ?? null;
  }

  /** submit serves reads and writes on the primary only; writes are acknowledged before replication. */
  submit(command: KvCommand, _timeoutMs: number): Promise<EngineReply> {
    if (!this.isPrimary) return Promise.resolve({ kind: 'not-leader', leader: this.primary === this.o.id ? null : this.primary });
    const result = applyCommand(this.data, command);
    if (command.op !== 'get' && result.ok) {
      this.seq += 1;
      this.writes.push(command);
      if (this.writes.length > MAX_LOG) {
        const drop = this.writes.length - MAX_LOG;
        this.writes.splice(0, drop);
        this.logBase += drop;
      }
    }
    return Promise.resolve({ kind: 'done', result });
  }

  /** receive handles heartbeats, replication batches, snapshots and acks. */
  receive(m: PeerMessage): void {
    if (!this.o.peers.includes(m.from) || typeof m['epoch'] !== 'number') return;
    const epoch = m['epoch'];
    switch (m.type) {
      case 'hb':
        return this.onHeartbeat(m, epoch);
      case 'repl':
        return this.onReplicate(m, epoch);
      case 'snap':
        return this.onSnapshot(m, epoch);
      case 'ack':
        return this.onAck(m, epoch);
      default:
        return;
    }
  }

  // ---- everyone ----

  private heartbeat(): void {
    const lost = !this.isPrimary && monotonicMs() - this.lastPrimaryContact > this.o.failoverMs;
    for (const peer of this.o.peers) {
      this.o.send(peer, { type: 'hb', epoch: this.epoch, primary: this.primary, isPrimary: this.isPrimary, seq: this.seq, lost });
    }
  }

  /** follow makes `primary` of `epoch` our primary when that claim outranks ours. */
  private follow(epoch: number, primary: string): boolean {
    const outranks = epoch > this.epoch || (epoch === this.epoch && (this.primary === null || primary < this.primary));
    if (!outranks || primary === this.o.id) return false;
    const was = this.isPrimary;
    this.epoch = epoch;
    this.primary = primary;
    this.synced = false;
    this.lastPrimaryContact = monotonicMs();
    this.o.log(`${this.o.id} ${was ? 'steps down; ' : ''}follows primary ${primary} in epoch ${epoch}`);
    return true;
  }

  private onHeartbeat(m: PeerMessage, epoch: number): void {
    const seq = typeof m['seq'] === 'number' ? m['seq'] : 0;
    this.views.set(m.from, { heardAt: monotonicMs(), epoch, seq, lostPrimary: m['lost'] === true });
    const primary = typeof m['primary'] === 'string' ? m['primary'] : null;
    if (m['isPrimary'] === true) {
      this.follow(epoch, m.from);
      if (epoch === this.epoch && this.primary === m.from) this.lastPrimaryContact = monotonicMs();
    } else if (primary !== null && epoch > this.epoch) {
      this.follow(epoch, primary);
    }
  }

  // ---- replicas ----

  private onReplicate(m: PeerMessage, epoch: number): void {
    this.follow(epoch, m.from);
    if (epoch !== this.epoch || this.primary !== m.from) return;
    this.lastPrimaryContact = monotonicMs();
    const from = m['from_seq'];
    const writes = m['writes'];
    if (this.synced && typeof from === 'number' && Array.isArray(writes) && from <= this.seq + 1) {
      for (let k = 0; k < writes.length; k++) {
        if (from + k <= this.seq) continue;
        const command = writes[k] as KvCommand;
        if (typeof command !== 'object' || command === null || typeof command.op !== 'string') break;
        applyCommand(this.data, command);
        this.seq = from + k;
      }
    }
    this.o.send(m.from, { type: 'ack', epoch: this.epoch, seq: this.seq, synced: this.synced });
  }

  private onSnapshot(m: PeerMessage, epoch: number): void {
    this.follow(epoch, m.from);
    if (epoch !== this.epoch || this.primary !== m.from) return;
    const seq = m['seq'];
    const data = m['data'];
    if (typeof seq !== 'number' || !Array.isArray(data)) return;
    if (this.synced && seq <= this.seq) {
      // A duplicate or stale snapshot: keep our state, but tell the primary where we are.
      this.o.send(m.from, { type: 'ack', epoch: this.epoch, seq: this.seq, synced: true });
      return;
    }
    this.data = new Map(data as [string, unknown][]);
    this.seq = seq;
    this.synced = true;
    this.lastPrimaryContact = monotonicMs();
    this.o.log(`${this.o.id} synced with ${m.from} at seq ${seq} (epoch ${epoch})`);
    this.o.send(m.from, { type: 'ack', epoch: this.epoch, seq: this.seq, synced: true });
  }

  /** detect promotes this node when the primary is silent and this node is the best candidate. */
  private detect(): void {
    if (this.isPrimary) return;
    const now = monotonicMs();
    if (now - this.lastPrimaryContact <= this.o.failoverMs) return;
    const candidates: { id: string; epoch: number; seq: number }[] = [{ id: this.o.id, epoch: this.synced ? this.epoch : -1, seq: this.seq }];
    let maxEpoch = this.epoch;
    for (const [id, v] of this.views) {
      maxEpoch = Math.max(maxEpoch, v.epoch);
      if (now - v.heardAt > this.o.failoverMs || !v.lostPrimary || id === this.primary) continue;
      candidates.push({ id, epoch: v.epoch, seq: v.seq });
    }
    if (candidates.length < quorumSize(this.o.peers.length + 1)) return;
    candidates.sort((a, b) => b.epoch - a.epoch || b.seq - a.seq || (a.id < b.id ? -1 : 1));
    if (candidates[0]!.id !== this.o.id) return;
    this.epoch = maxEpoch + 1;
    this.primary = this.o.id;
    this.synced = true;
    this.writes = [];
    this.logBase = this.seq;
    this.resetProgress(false);
    this.o.log(`${this.o.id} promoted to primary in epoch ${this.epoch} at seq ${this.seq}`);
    this.heartbeat();
  }

  // ---- primary ----

  /** resetProgress forgets replicas' progress; unsynced replicas get a snapshot first. */
  private resetProgress(synced: boolean): void {
    this.progress.clear();
    for (const peer of this.o.peers) {
      this.progress.set(peer, { acked: 0, sent: 0, synced, ackAt: monotonicMs(), snapshotAt: -Infinity });
    }
  }

  private onAck(m: PeerMessage, epoch: number): void {
    if (!this.isPrimary || epoch !== this.epoch) return;
    const p = this.progress.get(m.from);
    const seq = m['seq'];
    if (p === undefined || typeof seq !== 'number') return;
    p.ackAt = monotonicMs();
    p.synced = m['synced'] === true;
    if (p.synced) {
      p.acked = Math.max(p.acked, seq);
      p.sent = Math.max(p.sent, p.acked);
    }
  }

  private replicate(): void {
    if (!this.isPrimary) return;
    const now = monotonicMs();
    for (const [peer, p] of this.progress) {
      if (!p.synced || p.acked < this.logBase) {
        if (now - p.snapshotAt >= SNAPSHOT_INTERVAL_MS) {
          p.snapshotAt = now;
          p.sent = this.seq;
          this.o.send(peer, { type: 'snap', epoch: this.epoch, seq: this.seq, data: [...this.data] });
        }
        continue;
      }
      // Nothing acknowledged for a while: whatever was sent is probably lost; send it again.
      if (now - p.ackAt > 5 * REPLICATION_INTERVAL_MS) p.sent = p.acked;
      const from = Math.max(p.sent, p.acked) + 1;
      const writes = this.writes.slice(from - 1 - this.logBase, from - 1 - this.logBase + MAX_BATCH);
      this.o.send(peer, { type: 'repl', epoch: this.epoch, from_seq: from, writes });
      p.sent = from - 1 + writes.length;
    }
  }
}
