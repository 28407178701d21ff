import fs from 'node:fs';
import path from 'node:path';
import type { EngineReply, EngineStatus, KvCommand, PeerMessage, StoreEngine } from './kv-command.js';
import { mergeEntries, type LwwEntry } from './lww-merge.js';
import {
  entryValue,
  fallbackList,
  preferenceList,
  readModifyWrite,
  registerEntry,
  resolveReplies,
  staleReplicas,
  stampText,
  type QuorumSettings,
} from './quorum-rules.js';
import { monotonicMs, type StoreClock } from './store-clock.js';

/** QuorumNodeOptions configures one node of quorum mode. */
export interface QuorumNodeOptions extends QuorumSettings {
  id: string;
  peers: readonly string[];
  clock: StoreClock;
  send: (to: string, message: Record<string, unknown> & { type: string }) => void;
  log: (line: string) => void;
  /** Where the replica's entries are kept across restarts (null: in memory only). */
  dataDir: string | null;
}

/** One quorum round a coordinator runs: a read (R answers) or a write (W acks) of one key. */
interface Round {
  kind: 'read' | 'write';
  key: string;
  /** The entry a write sends. */
  entry: LwwEntry | null;
  needed: number;
  /** Who answered, with the entry a read got back (null for writes and for replicas without the key). */
  replies: Map<string, LwwEntry | null>;
  preference: string[];
  /** Stand-ins not yet asked (sloppy quorum), in ring order. */
  fallbacks: string[];
  nextSloppyAt: number;
  deadline: number;
  done: boolean;
  /** What the read resolved to (for repairing replicas that answer late). */
  resolved: LwwEntry | null;
  resolve: (ok: boolean) => void;
}

/** How long a coordinator waits for preference replicas before asking stand-ins (sloppy quorum). */
const SLOPPY_AFTER_MS = 100;
/** How often hinted writes are offered to the node they were meant for. */
const HANDOFF_EVERY_MS = 200;
/** How often a replica pushes its entries to the other replicas of each key (anti-entropy). */
const ANTI_ENTROPY_EVERY_MS = 1000;
/** Keys per anti-entropy message. */
const KEYS_PER_MESSAGE = 500;
/** The timeout of the read a non-replica node does for a local read of a key it does not hold. */
const LOCAL_READ_TIMEOUT_MS = 1000;

/**
 * QuorumNode is quorum mode, Dynamo-style: each key lives on N nodes (its preference list on a ring
 * of the node names); the node a client talks to coordinates its request. A write is stamped with
 * the coordinator's clock (StoreClock, so the clock nemesis skews it: last write wins by stamp) and
 * sent to the N replicas; it is acknowledged once W of them stored it (stored = merged: the higher
 * stamp stays), and is `timeout` (unknown) otherwise — some replicas may hold it. A read asks the N
 * replicas and answers once R replied, with the highest-stamped entry among the answers; replicas
 * that answered with an older entry (also late ones) are repaired by writing it back (read repair,
 * asynchronous). cas, append, add and incr are read-modify-write: a read round, the store's own
 * semantics on the value read (a refusal is final and certain), then a write round of the whole new
 * value; not atomic, so concurrent ones can both succeed on the same old value (and sets lose adds,
 * counters lose increments). With R + W > N every read quorum meets every write quorum, yet the mode
 * is still not linearizable: reads see a write that is still in flight, repairs are asynchronous, and
 * a coordinator's clock set back makes its writes lose to older ones.
 *
 * Sloppy quorum (`sloppy`): when preference replicas have not answered within 100 ms, the next nodes
 * on the ring stand in, one per missing answer (every 100 ms again, until the quorum or the deadline);
 * a stand-in stores the write and keeps a hint naming the replica it stood in for, and offers the
 * write to that replica every 200 ms until it acknowledges (hinted handoff). So both sides of a
 * partition acknowledge writes, and after the heal last-write-wins keeps one side's: acknowledged
 * writes are lost. Hints live in memory (a killed stand-in forgets them).
 *
 * Anti-entropy: every second each replica pushes the entries of the keys it replicates to their
 * other replicas (a join: the higher stamp stays), so replicas converge after a heal even for keys
 * nobody reads (Dynamo does this with Merkle trees; a full push is enough at this scale). Entries
 * are appended to `<data-dir>/quorum-entries.jsonl`, so a killed replica keeps what it stored.
 *
 * Local reads (`readLocal`): a replica answers from its own copy; a node that holds no replica of
 * the key (N < nodes) reads all N replicas (a read round with R = N, on the preference list only)
 * so every node can answer the final reads.
 */
export class QuorumNode implements StoreEngine {
  private readonly entries = new Map<string, LwwEntry>();
  private readonly nodes: string[];
  private readonly rounds = new Map<string, Round>();
  /** Hinted writes this node holds for others: target node → keys. */
  private readonly hints = new Map<string, Set<string>>();
  /** Handoffs in flight: message id → what was sent. */
  private readonly handoffs = new Map<string, { target: string; key: string; stamp: string }>();
  private seq = 0;
  private requestSeq = 0;
  private lastHandoff = 0;
  private lastAntiEntropy = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly file: string | null;

  constructor(private readonly o: QuorumNodeOptions) {
    this.nodes = [o.id, ...o.peers];
    this.file = o.dataDir === null ? null : path.join(o.dataDir, 'quorum-entries.jsonl');
    if (o.dataDir !== null) fs.mkdirSync(o.dataDir, { recursive: true });
    this.load();
  }

  /** start arms the timer that expires rounds, asks stand-ins and hands hints off. */
  start(): void {
    this.timer = setInterval(() => this.tick(), 10);
    const s = this.o;
    this.o.log(`quorum node ${s.id} starting: N=${s.replicas} R=${s.r} W=${s.w}${s.sloppy ? ' sloppy' : ''}, ${this.entries.size} keys on disk`);
  }

  /** stop clears the timer. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** status: role "peer" (no leader); commitIndex counts writes this node coordinated. */
  status(): EngineStatus {
    return { role: 'peer', term: 0, leader: null, commitIndex: this.seq };
  }

  /** readLocal: this replica's copy; for a key this node does not replicate, a read of all N replicas. */
  readLocal(key: string): unknown {
    if (preferenceList(key, this.nodes, this.o.replicas).includes(this.o.id)) return entryValue(this.entries.get(key));
    const round = this.startRound('read', key, null, this.o.replicas, LOCAL_READ_TIMEOUT_MS, false);
    return round.promise.then(() => entryValue(resolveReplies(round.round.replies.values())));
  }

  /** submit coordinates one client command (see the class comment). Never rejects. */
  async submit(command: KvCommand, timeoutMs: number): Promise<EngineReply> {
    const deadline = monotonicMs() + timeoutMs;
    if (command.op === 'get') {
      const { round, promise } = this.startRound('read', command.key, null, this.o.r, timeoutMs, true);
      if (!(await promise)) return { kind: 'timeout' };
      return { kind: 'done', result: { ok: true, value: entryValue(round.resolved) } };
    }
    let value: unknown = command.op === 'put' ? command.value : null;
    if (command.op !== 'put') {
      const read = this.startRound('read', command.key, null, this.o.r, timeoutMs, true);
      // Nothing was written yet: a read quorum that did not answer certainly had no effect.
      if (!(await read.promise)) return { kind: 'unavailable' };
      const rmw = readModifyWrite(entryValue(read.round.resolved), command);
      if (!rmw.write) return { kind: 'done', result: rmw.result };
      value = rmw.result.value;
    }
    const remaining = deadline - monotonicMs();
    if (remaining <= 0) return command.op === 'put' ? { kind: 'timeout' } : { kind: 'unavailable' };
    const entry = registerEntry(value, { ts: this.o.clock.now(), node: this.o.id, seq: ++this.seq });
    const write = this.startRound('write', command.key, entry, this.o.w, remaining, true);
    if (!(await write.promise)) return { kind: 'timeout' };
    return { kind: 'done', result: { ok: true, value } };
  }

  /** receive handles the replica side (qr, qw) and the coordinator side (qrr, qwr) of the protocol. */
  receive(m: PeerMessage): void {
    if (!this.o.peers.includes(m.from)) return;
    const id = m['id'];
    const key = m['key'];
    if (typeof id !== 'string' || typeof key !== 'string') return;
    switch (m.type) {
      case 'qr':
        this.o.send(m.from, { type: 'qrr', id, key, entry: this.entries.get(key) ?? null });
        return;
      case 'qw': {
        const entry = m['entry'];
        if (!isRegisterEntry(entry)) return;
        this.store(key, entry);
        const hint = m['hint'];
        if (typeof hint === 'string' && hint !== this.o.id && this.nodes.includes(hint)) {
          let keys = this.hints.get(hint);
          if (keys === undefined) this.hints.set(hint, (keys = new Set()));
          keys.add(key);
        }
        this.o.send(m.from, { type: 'qwr', id, key });
        return;
      }
      case 'qae': {
        const entries = m['entries'];
        if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return;
        for (const [k, e] of Object.entries(entries as Record<string, unknown>)) if (isRegisterEntry(e)) this.store(k, e);
        return;
      }
      case 'qrr': {
        const entry = m['entry'];
        if (entry !== null && !isRegisterEntry(entry)) return;
        return this.onReply(id, m.from, entry);
      }
      case 'qwr': {
        const handoff = this.handoffs.get(id);
        if (handoff !== undefined) return this.onHandoffAck(id, handoff, m.from);
        return this.onReply(id, m.from, null);
      }
      default:
        return;
    }
  }

  // ---- coordinator ----

  private startRound(kind: Round['kind'], key: string, entry: LwwEntry | null, needed: number, timeoutMs: number, sloppy: boolean): { round: Round; promise: Promise<boolean> } {
    const id = `${kind}:${++this.requestSeq}`;
    let resolve: (ok: boolean) => void = () => undefined;
    const promise = new Promise<boolean>((r) => (resolve = r));
    const now = monotonicMs();
    const round: Round = {
      kind,
      key,
      entry,
      needed,
      replies: new Map(),
      preference: preferenceList(key, this.nodes, this.o.replicas),
      fallbacks: sloppy && this.o.sloppy ? fallbackList(key, this.nodes, this.o.replicas) : [],
      nextSloppyAt: now + SLOPPY_AFTER_MS,
      deadline: now + timeoutMs,
      done: false,
      resolved: null,
      resolve,
    };
    this.rounds.set(id, round);
    for (const node of round.preference) this.ask(id, round, node, null);
    return { round, promise };
  }

  /** ask sends the round's request to `node` (handled at once when it is this node). */
  private ask(id: string, round: Round, node: string, hint: string | null): void {
    if (node === this.o.id) {
      if (round.kind === 'write') this.store(round.key, round.entry!);
      if (round.kind === 'write' && hint !== null) this.hints.set(hint, (this.hints.get(hint) ?? new Set()).add(round.key));
      this.onReply(id, node, round.kind === 'read' ? (this.entries.get(round.key) ?? null) : null);
      return;
    }
    if (round.kind === 'read') this.o.send(node, { type: 'qr', id, key: round.key });
    else this.o.send(node, { type: 'qw', id, key: round.key, entry: round.entry, ...(hint === null ? {} : { hint }) });
  }

  private onReply(id: string, from: string, entry: LwwEntry | null): void {
    const round = this.rounds.get(id);
    if (round === undefined || round.replies.has(from)) return;
    round.replies.set(from, entry);
    if (round.done) {
      // A late answer to a finished read: repair it if it is behind.
      if (round.kind === 'read') this.repair(round.key, round.resolved, new Map([[from, entry]]));
      return;
    }
    if (round.replies.size < round.needed) return;
    round.done = true;
    if (round.kind === 'read') {
      round.resolved = resolveReplies(round.replies.values());
      this.repair(round.key, round.resolved, round.replies);
    }
    round.resolve(true);
  }

  /** repair writes `resolved` back to every replier that answered with something older. */
  private repair(key: string, resolved: LwwEntry | null, replies: ReadonlyMap<string, LwwEntry | null>): void {
    if (resolved === null) return;
    for (const node of staleReplicas(replies, resolved)) {
      if (node === this.o.id) this.store(key, resolved);
      else this.o.send(node, { type: 'qw', id: `repair:${++this.requestSeq}`, key, entry: resolved });
    }
  }

  private tick(): void {
    const now = monotonicMs();
    for (const [id, round] of this.rounds) {
      if (now >= round.deadline) {
        this.rounds.delete(id);
        if (!round.done) round.resolve(false);
        continue;
      }
      if (!round.done && round.fallbacks.length > 0 && now >= round.nextSloppyAt) this.askStandIns(id, round, now);
    }
    if (now - this.lastHandoff >= HANDOFF_EVERY_MS) {
      this.lastHandoff = now;
      this.handOff();
    }
    if (now - this.lastAntiEntropy >= ANTI_ENTROPY_EVERY_MS) {
      this.lastAntiEntropy = now;
      this.antiEntropy();
    }
  }

  /** askStandIns asks the next stand-ins, one per answer still missing, each with a hint naming a silent replica. */
  private askStandIns(id: string, round: Round, now: number): void {
    round.nextSloppyAt = now + SLOPPY_AFTER_MS;
    const silent = round.preference.filter((n) => !round.replies.has(n));
    const missing = round.needed - round.replies.size;
    for (let i = 0; i < missing && round.fallbacks.length > 0 && silent.length > 0; i++) {
      const standIn = round.fallbacks.shift()!;
      this.ask(id, round, standIn, silent[i % silent.length]!);
    }
  }

  /** antiEntropy pushes every entry this node replicates to the key's other replicas (they merge it). */
  private antiEntropy(): void {
    const batches = new Map<string, Record<string, LwwEntry>>();
    const flush = (peer: string): void => {
      const batch = batches.get(peer);
      if (batch !== undefined) this.o.send(peer, { type: 'qae', id: 'ae', key: '', entries: batch });
      batches.delete(peer);
    };
    for (const [key, entry] of this.entries) {
      const replicas = preferenceList(key, this.nodes, this.o.replicas);
      if (!replicas.includes(this.o.id)) continue;
      for (const peer of replicas) {
        if (peer === this.o.id) continue;
        let batch = batches.get(peer);
        if (batch === undefined) batches.set(peer, (batch = {}));
        batch[key] = entry;
        if (Object.keys(batch).length >= KEYS_PER_MESSAGE) flush(peer);
      }
    }
    for (const peer of [...batches.keys()]) flush(peer);
  }

  // ---- hinted handoff ----

  private handOff(): void {
    for (const [target, keys] of this.hints) {
      for (const key of keys) {
        const entry = this.entries.get(key);
        if (entry === undefined) {
          keys.delete(key);
          continue;
        }
        const id = `handoff:${++this.requestSeq}`;
        this.handoffs.set(id, { target, key, stamp: stampText(entry.reg?.stamp) });
        this.o.send(target, { type: 'qw', id, key, entry });
      }
      if (keys.size === 0) this.hints.delete(target);
    }
    // Handoffs unanswered by the next round are simply sent again.
    if (this.handoffs.size > 10_000) this.handoffs.clear();
  }

  private onHandoffAck(id: string, h: { target: string; key: string; stamp: string }, from: string): void {
    this.handoffs.delete(id);
    if (from !== h.target) return;
    // Only a hint whose entry is unchanged since it was sent is done; a newer hinted write stays.
    if (stampText(this.entries.get(h.key)?.reg?.stamp) !== h.stamp) return;
    const keys = this.hints.get(h.target);
    keys?.delete(h.key);
    if (keys?.size === 0) this.hints.delete(h.target);
  }

  // ---- replica storage ----

  /** store merges `entry` into this replica's copy (the higher stamp stays) and persists a change. */
  private store(key: string, entry: LwwEntry): void {
    const before = this.entries.get(key);
    const after = mergeEntries(before, entry);
    if (stampText(after.reg?.stamp) === stampText(before?.reg?.stamp)) return;
    this.entries.set(key, after);
    if (this.file !== null) fs.appendFileSync(this.file, `${JSON.stringify({ k: key, e: after })}\n`);
  }

  private load(): void {
    if (this.file === null || !fs.existsSync(this.file)) return;
    for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        const { k, e } = JSON.parse(line) as { k?: unknown; e?: unknown };
        if (typeof k === 'string' && isRegisterEntry(e)) this.entries.set(k, mergeEntries(this.entries.get(k), e));
      } catch {
        // A torn last line (killed mid-write) is skipped.
      }
    }
  }
}

/** isRegisterEntry checks a received entry has a register with a well-formed stamp. */
function isRegisterEntry(v: unknown): v is LwwEntry {
  if (typeof v !== 'object' || v === null) return false;
  const reg = (v as { reg?: unknown }).reg;
  if (typeof reg !== 'object' || reg === null || !('value' in reg)) return false;
  const s = (reg as { stamp?: { ts?: unknown; node?: unknown; seq?: unknown } }).stamp;
  return typeof s?.ts === 'number' && typeof s.node === 'string' && typeof s.seq === 'number';
}
