import { applyCommand } from './apply-command.js';
import type { KvCommand, KvResult } from './kv-command.js';
import { compareStamps, mergeEntries, readEntry, type LwwEntry, type LwwStamp } from './lww-merge.js';

/**
 * Pure rules of quorum mode (Dynamo-style N/R/W replication over LWW registers): where a key lives
 * (its preference list on a ring of the node names), which nodes stand in for missing ones under a
 * sloppy quorum, how replicas' answers resolve (the highest stamp wins) and which replicas a read
 * must repair, and how a read-modify-write command (cas, append, add, incr) computes the whole new
 * value it then writes. No I/O, no clock: quorum-node.ts does the messaging.
 */

/** QuorumSettings are the mode's knobs: N replicas per key, R answers per read, W acks per write. */
export interface QuorumSettings {
  replicas: number;
  r: number;
  w: number;
  /** Sloppy quorum: when preference replicas do not answer, the next nodes on the ring stand in (hinted handoff). */
  sloppy: boolean;
}

/**
 * validateQuorum returns why `s` cannot run on `nodes` nodes (one sentence naming the flag), or
 * null when it can: 1 ≤ R, W ≤ N ≤ nodes. Pure.
 */
export function validateQuorum(s: Omit<QuorumSettings, 'sloppy'>, nodes: number): string | null {
  const int = (v: number): boolean => Number.isInteger(v) && v >= 1;
  if (!int(s.replicas) || s.replicas > nodes) return `--replicas must be an integer from 1 to the number of nodes (${nodes}), not ${s.replicas}`;
  if (!int(s.r) || s.r > s.replicas) return `--r must be an integer from 1 to --replicas (${s.replicas}), not ${s.r}`;
  if (!int(s.w) || s.w > s.replicas) return `--w must be an integer from 1 to --replicas (${s.replicas}), not ${s.w}`;
  return null;
}

/** defaultQuorum: N = min(3, nodes), R = W = a majority of N (so R + W > N). Pure. */
export function defaultQuorum(nodes: number): Omit<QuorumSettings, 'sloppy'> {
  const replicas = Math.max(1, Math.min(3, nodes));
  const majority = Math.floor(replicas / 2) + 1;
  return { replicas, r: majority, w: majority };
}

/** ringOrder sorts node names as people number them (n2 before n10). Pure; returns a new array. */
export function ringOrder(nodes: readonly string[]): string[] {
  return [...nodes].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** keyHash is FNV-1a of the key (32-bit, unsigned). Pure. */
export function keyHash(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * preferenceList is where `key` lives: `n` consecutive nodes of the ring (`ringOrder(nodes)`),
 * starting at keyHash(key) mod the node count. Pure; the same on every node.
 */
export function preferenceList(key: string, nodes: readonly string[], n: number): string[] {
  const ring = ringOrder(nodes);
  const start = keyHash(key) % ring.length;
  return Array.from({ length: Math.min(n, ring.length) }, (_, i) => ring[(start + i) % ring.length]!);
}

/** fallbackList is the rest of the ring after `key`'s preference list, in ring order: the stand-ins of a sloppy quorum. Pure. */
export function fallbackList(key: string, nodes: readonly string[], n: number): string[] {
  const ring = ringOrder(nodes);
  const start = keyHash(key) % ring.length;
  return Array.from({ length: Math.max(0, ring.length - n) }, (_, i) => ring[(start + n + i) % ring.length]!);
}

/** resolveReplies merges replicas' entries of one key (null: the replica has none): the highest stamp wins. Pure. */
export function resolveReplies(replies: Iterable<LwwEntry | null>): LwwEntry | null {
  let out: LwwEntry | null = null;
  for (const e of replies) if (e !== null) out = mergeEntries(out ?? undefined, e);
  return out;
}

/**
 * staleReplicas lists the repliers whose entry is older than `resolved` (or missing while it is
 * not): the replicas a read repairs by writing `resolved` back to them. Pure.
 */
export function staleReplicas(replies: ReadonlyMap<string, LwwEntry | null>, resolved: LwwEntry | null): string[] {
  const top = resolved?.reg?.stamp;
  if (top === undefined) return [];
  const out: string[] = [];
  for (const [node, e] of replies) {
    const s = e?.reg?.stamp;
    if (s === undefined || compareStamps(s, top) < 0) out.push(node);
  }
  return out;
}

/**
 * readModifyWrite applies a write command to the value a read quorum returned (`current`, null when
 * absent) with the store's own semantics (applyCommand): a refusal (`compare-failed`, `wrong-type`)
 * is final and writes nothing; otherwise `write` is the whole new value to store under a new stamp.
 * Quorum mode has no merge functions, so the read and the write are two steps, not one atomic act:
 * two coordinators can both read v and both write their own successor of v. Pure.
 */
export function readModifyWrite(current: unknown, command: Exclude<KvCommand, { op: 'get' }>): { result: KvResult; write: boolean } {
  const data = new Map<string, unknown>();
  if (current !== null && current !== undefined) data.set(command.key, current);
  const result = applyCommand(data, command);
  return { result, write: result.ok };
}

/** registerEntry is the entry a coordinator writes: the whole value under its stamp. Pure. */
export function registerEntry(value: unknown, stamp: LwwStamp): LwwEntry {
  return { reg: { value, stamp } };
}

/** entryValue is the value a client sees for an entry (null when there is none). Pure. */
export function entryValue(entry: LwwEntry | null | undefined): unknown {
  return readEntry(entry ?? undefined);
}

/** stampText renders a stamp as one string (for ids and equality). Pure. */
export function stampText(s: LwwStamp | undefined): string {
  return s === undefined ? '-' : `${s.ts}/${s.node}/${s.seq}`;
}
