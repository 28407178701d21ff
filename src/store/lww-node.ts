import type { EngineReply, EngineStatus, KvCommand, PeerMessage, StoreEngine } from './kv-command.js';
import { addToEntry, incrementEntry, mergeEntries, readEntry, writeEntry, type LwwEntry } from './lww-merge.js';
import type { StoreClock } from './store-clock.js';
import { sameValue } from './value-order.js';

/** LwwNodeOptions configures one node of lww mode. */
export interface LwwNodeOptions {
  id: string;
  peers: readonly string[];
  clock: StoreClock;
  send: (to: string, message: Record<string, unknown> & { type: string }) => void;
  log: (line: string) => void;
}

/** How often recent updates are pushed to every peer (ms). */
const GOSSIP_INTERVAL_MS = 50;
/** Every this many gossip rounds, the full state is pushed too (anti-entropy after loss or a heal). */
const FULL_STATE_EVERY = 10;
/** Keys per full-state message, so one message stays small. */
const KEYS_PER_MESSAGE = 500;

/**
 * LwwNode is lww mode: leaderless and always available. Every node serves reads and writes from its
 * own replica. A put is stamped (now() on this node's possibly skewed clock, node name, local
 * sequence) and the higher stamp wins on merge; cas and append read the local value and write the
 * outcome as a new stamped put, so concurrent appends on two nodes keep only one side (the other's
 * text is lost), which is what LWW does. Sets merge by union and counters are PN-counters, so adds
 * and increments are never lost. Gossip pushes the keys written since the last push every 50 ms and
 * the full state every 500 ms; merging is a join, so loss, duplication and reordering are harmless
 * and replicas converge once messages flow again.
 */
export class LwwNode implements StoreEngine {
  private readonly entries = new Map<string, LwwEntry>();
  private readonly dirty = new Set<string>();
  private seq = 0;
  private rounds = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: LwwNodeOptions) {}

  /** start arms gossip. */
  start(): void {
    this.timer = setInterval(() => this.gossip(), GOSSIP_INTERVAL_MS);
    this.o.log(`lww node ${this.o.id} starting`);
  }

  /** stop clears the gossip timer. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** status: role "peer", no term or leader; commitIndex counts local writes. */
  status(): EngineStatus {
    return { role: 'peer', term: 0, leader: null, commitIndex: this.seq };
  }

  /** readLocal: the key in the local replica (the same answer a `get` gives in this mode). */
  readLocal(key: string): unknown {
    return readEntry(this.entries.get(key));
  }

  /** submit applies the command to the local replica at once; it never waits and never refuses. */
  submit(command: KvCommand, _timeoutMs: number): Promise<EngineReply> {
    const key = command.key;
    const entry = this.entries.get(key);
    const current = readEntry(entry);
    const stamp = (): { ts: number; node: string; seq: number } => ({ ts: this.o.clock.now(), node: this.o.id, seq: ++this.seq });
    let next: LwwEntry;
    switch (command.op) {
      case 'get':
        return done(current);
      case 'put':
        next = writeEntry(entry, command.value, stamp());
        break;
      case 'cas':
        if (!sameValue(current, command.from)) return Promise.resolve({ kind: 'done', result: { ok: false, error: 'compare-failed', value: current } });
        next = writeEntry(entry, command.to, stamp());
        break;
      case 'append':
        if (current !== null && typeof current !== 'string') return Promise.resolve({ kind: 'done', result: { ok: false, error: 'wrong-type', value: current } });
        next = writeEntry(entry, (current ?? '') + command.value, stamp());
        break;
      case 'add':
        next = addToEntry(entry, command.value);
        this.seq += 1;
        break;
      case 'incr':
        next = incrementEntry(entry, this.o.id, command.value);
        this.seq += 1;
        break;
    }
    this.entries.set(key, next);
    this.dirty.add(key);
    // A put whose stamp lost to a newer one (a clock set back) reads back the winner: that is LWW.
    return done(readEntry(next));
  }

  /** receive merges a gossip message (`delta` or `full`) into the local replica. */
  receive(m: PeerMessage): void {
    if ((m.type !== 'delta' && m.type !== 'full') || !this.o.peers.includes(m.from)) return;
    const entries = m['entries'];
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return;
    for (const [key, remote] of Object.entries(entries as Record<string, unknown>)) {
      if (!isEntry(remote)) continue;
      this.entries.set(key, mergeEntries(this.entries.get(key), remote));
    }
  }

  private gossip(): void {
    this.rounds += 1;
    if (this.dirty.size > 0) {
      const delta: Record<string, LwwEntry> = {};
      for (const key of this.dirty) delta[key] = this.entries.get(key)!;
      this.dirty.clear();
      for (const peer of this.o.peers) this.o.send(peer, { type: 'delta', entries: delta });
    }
    if (this.rounds % FULL_STATE_EVERY === 0 && this.entries.size > 0) {
      let chunk: Record<string, LwwEntry> = {};
      let n = 0;
      const flush = (): void => {
        for (const peer of this.o.peers) this.o.send(peer, { type: 'full', entries: chunk });
        chunk = {};
        n = 0;
      };
      for (const [key, entry] of this.entries) {
        chunk[key] = entry;
        if (++n >= KEYS_PER_MESSAGE) flush();
      }
      if (n > 0) flush();
    }
  }
}

function done(value: unknown): Promise<EngineReply> {
  return Promise.resolve({ kind: 'done', result: { ok: true, value } });
}

/** isEntry checks the shape of a gossiped LwwEntry enough that merging it cannot throw. */
function isEntry(v: unknown): v is LwwEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  if (e['reg'] !== undefined) {
    const r = e['reg'] as { stamp?: { ts?: unknown; node?: unknown; seq?: unknown } } | null;
    const st = r?.stamp;
    if (typeof st?.ts !== 'number' || typeof st.node !== 'string' || typeof st.seq !== 'number') return false;
  }
  if (e['set'] !== undefined && (typeof e['set'] !== 'object' || e['set'] === null)) return false;
  if (e['ctr'] !== undefined) {
    const c = e['ctr'] as { p?: unknown; n?: unknown } | null;
    if (typeof c?.p !== 'object' || c.p === null || typeof c.n !== 'object' || c.n === null) return false;
  }
  return true;
}
