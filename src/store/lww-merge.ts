import { compareValues, valueKey } from './value-order.js';

/**
 * LwwStamp orders writes to a register: wall-clock milliseconds from the writer's (possibly skewed)
 * clock, then the writer's node name, then the writer's own sequence number as the last tie-breaker.
 */
export interface LwwStamp {
  ts: number;
  node: string;
  seq: number;
}

/**
 * LwwEntry is the replicated state of one key in lww mode. Each kind of write has its own
 * conflict-free part: `reg` (put/cas/append: last writer wins), `set` (add: grow-only union, keyed
 * by canonical JSON) and `ctr` (incr: a PN-counter, per-node totals of increments and decrements).
 * A key is normally used by one kind of write; a read prefers reg, then set, then ctr.
 */
export interface LwwEntry {
  reg?: { value: unknown; stamp: LwwStamp };
  set?: Record<string, unknown>;
  ctr?: { p: Record<string, number>; n: Record<string, number> };
}

/** compareStamps orders stamps by (ts, node, seq); returns <0, 0 or >0. Pure. */
export function compareStamps(a: LwwStamp, b: LwwStamp): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.node !== b.node) return a.node < b.node ? -1 : 1;
  return a.seq - b.seq;
}

/**
 * mergeEntries joins two states of one key; pure (inputs untouched), and a semilattice join:
 * commutative, associative and idempotent, so gossip in any order, duplicated or delayed, converges.
 * The register keeps the higher stamp (the other write is lost: that is LWW), sets take the union,
 * counters take per-node maxima.
 */
export function mergeEntries(a: LwwEntry | undefined, b: LwwEntry | undefined): LwwEntry {
  const out: LwwEntry = {};
  const reg = pickRegister(a?.reg, b?.reg);
  if (reg !== undefined) out.reg = reg;
  if (a?.set !== undefined || b?.set !== undefined) out.set = { ...a?.set, ...b?.set };
  if (a?.ctr !== undefined || b?.ctr !== undefined) {
    out.ctr = { p: maxPerNode(a?.ctr?.p, b?.ctr?.p), n: maxPerNode(a?.ctr?.n, b?.ctr?.n) };
  }
  return out;
}

/**
 * readEntry is the value a client sees for a key: the register's value if any write set it, else
 * the set as a sorted array, else the counter's value, else null.
 */
export function readEntry(entry: LwwEntry | undefined): unknown {
  if (entry === undefined) return null;
  if (entry.reg !== undefined) return entry.reg.value;
  if (entry.set !== undefined) return Object.values(entry.set).sort(compareValues);
  if (entry.ctr !== undefined) return counterValue(entry.ctr);
  return null;
}

/** counterValue is a PN-counter's value: the sum of increments minus the sum of decrements. */
export function counterValue(ctr: { p: Record<string, number>; n: Record<string, number> }): number {
  let v = 0;
  for (const x of Object.values(ctr.p)) v += x;
  for (const x of Object.values(ctr.n)) v -= x;
  return v;
}

/** addToEntry returns a copy of `entry` whose set also holds `value`. Pure. */
export function addToEntry(entry: LwwEntry | undefined, value: unknown): LwwEntry {
  return mergeEntries(entry, { set: { [valueKey(value)]: value } });
}

/** incrementEntry returns a copy of `entry` whose counter has `node`'s share changed by `delta`. Pure. */
export function incrementEntry(entry: LwwEntry | undefined, node: string, delta: number): LwwEntry {
  const p = { ...entry?.ctr?.p };
  const n = { ...entry?.ctr?.n };
  if (delta >= 0) p[node] = (p[node] ?? 0) + delta;
  else n[node] = (n[node] ?? 0) - delta;
  return { ...entry, ctr: { p, n } };
}

/** writeEntry returns a copy of `entry` whose register holds `value` if `stamp` beats the current one. */
export function writeEntry(entry: LwwEntry | undefined, value: unknown, stamp: LwwStamp): LwwEntry {
  return mergeEntries(entry, { reg: { value, stamp } });
}

function pickRegister(a: LwwEntry['reg'], b: LwwEntry['reg']): LwwEntry['reg'] {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareStamps(a.stamp, b.stamp) >= 0 ? a : b;
}

function maxPerNode(a: Record<string, number> | undefined, b: Record<string, number> | undefined): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [node, v] of Object.entries(b ?? {})) out[node] = Math.max(out[node] ?? 0, v);
  return out;
}
