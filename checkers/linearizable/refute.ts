/**
 * refute: cheap, sound refutations run before the search (models with exact producers: registers).
 * Each returns a witness (a stuck op with the reason, the few ops that prove it) or undefined; a
 * history it refutes has no linearization, one it passes may still be invalid (the search decides).
 *
 * Zone overlap (after Gibbons & Korach's zones for read/write registers). A value v is *unique* when
 * exactly one op produces it (ok or info) and it is not the initial value; the initial value is unique
 * when nothing produces it (its producer is then a virtual op at the very start). A unique value's
 * cluster is its producer W plus the ok ops that require it (reads of v, successful cas from v), and
 * only matters when W must be linearized: W is ok, or some op requires v. Let low(A) be the earliest
 * return and high(A) the latest call among A's ops (info ops never return).
 * Rule: two clusters A ≠ B with low(B) < high(A) and low(A) < high(B) refute the history.
 * Proof sketch: take any linearization L. Every op of A comes at or after W_A, and while an op of A
 * other than W_A is still to come the register must hold v_A, which nothing but W_A produces — so no
 * producer of another value lies strictly between W_A and the last op of A (likewise for B).
 * If W_A < W_B in L, then W_B lies after every op of A; but b (returning at low(B)) comes at or after
 * W_B, and it returned before a2 (called at high(A)) was called, so b < a2: W_B would lie before an op
 * of A, which (a2 ≠ W_A, since W_A < W_B ≤ b < a2) is a contradiction. If W_B < W_A, symmetrically
 * a1 (returning at low(A)) comes before b2 (called at high(B)). Either order fails, so no L exists.
 */
import type { Operation } from '../../src/core/operation.js';
import type { HintedModel } from './models/checker-hints.js';
import type { Witness } from './wgl.js';

/** Refutation is a witness plus the ops that prove it (the counterexample's window). */
export interface Refutation {
  witness: Witness;
  proofOps: number[];
}

interface Cluster {
  key: string;
  /** Index of the producer, or -1 for the initial value's virtual producer. */
  producer: number;
  readers: number;
  low: number;
  lowOp: number;
  high: number;
  highOp: number;
}

/**
 * zoneOverlap applies the zone-overlap rule (file header) to one part. O(n log n), two passes over
 * the ops. Returns undefined for models without exact producers or when no two clusters overlap.
 */
export function zoneOverlap<S>(ops: readonly Operation[], model: HintedModel<S>): Refutation | undefined {
  const vd = model.valueDiscipline;
  if (vd === undefined || vd.exactProducers !== true) return undefined;
  const initKey = vd.stateKey(model.init());
  // Pass 1: how many ops produce each value, and the first one (-2: several).
  const producerOf = new Map<string, number>();
  const producedKey: (string | undefined)[] = new Array(ops.length);
  for (let i = 0; i < ops.length; i++) {
    const p = vd.produced(ops[i]!);
    producedKey[i] = p;
    if (p !== undefined) producerOf.set(p, producerOf.has(p) ? -2 : i);
  }
  // Pass 2: the clusters of unique values, with their low and high.
  const clusterOf = new Map<string, Cluster>();
  const cluster = (key: string, producer: number): Cluster => {
    let c = clusterOf.get(key);
    if (c === undefined) {
      c = { key, producer, readers: 0, low: Infinity, lowOp: -1, high: -Infinity, highOp: -1 };
      if (producer < 0) c.low = -Infinity;
      clusterOf.set(key, c);
    }
    return c;
  };
  const member = (c: Cluster, i: number): void => {
    const op = ops[i]!;
    if (op.status === 'ok' && op.returnNs < c.low) {
      c.low = op.returnNs;
      c.lowOp = i;
    }
    if (op.callNs > c.high) {
      c.high = op.callNs;
      c.highOp = i;
    }
  };
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const p = producedKey[i];
    if (p !== undefined && p !== initKey && producerOf.get(p) === i) member(cluster(p, i), i);
    if (op.status !== 'ok') continue;
    const r = vd.required(op);
    if (r === undefined) continue;
    const w = producerOf.get(r);
    if (r === initKey ? w !== undefined : w === undefined || w < 0) continue;
    const c = cluster(r, r === initKey ? -1 : w!);
    c.readers++;
    member(c, i);
  }
  // A cluster matters when its producer must be linearized: it is ok, or some op needs its value.
  const clusters: Cluster[] = [];
  for (const c of clusterOf.values()) if (c.readers > 0 || (c.producer >= 0 && ops[c.producer]!.status === 'ok')) clusters.push(c);
  if (clusters.length < 2) return undefined;
  // Sweep by low: for cluster A, the candidates B have low(B) < high(A) (a prefix in low order);
  // one of them other than A must have high(B) > low(A). Keep the prefix's two largest highs.
  const cmp = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : 0);
  const byLow = clusters.slice().sort((x, y) => cmp(x.low, y.low));
  const byHigh = clusters.slice().sort((x, y) => cmp(x.high, y.high));
  let k = 0;
  let best: Cluster | undefined;
  let second: Cluster | undefined;
  for (const a of byHigh) {
    while (k < byLow.length && byLow[k]!.low < a.high) {
      const c = byLow[k++]!;
      if (best === undefined || c.high > best.high) {
        second = best;
        best = c;
      } else if (second === undefined || c.high > second.high) second = c;
    }
    const b = best === a ? second : best;
    if (b !== undefined && b.high > a.low && b.low < a.high) return explain(ops, model, a, b);
  }
  return undefined;
}

function explain<S>(ops: readonly Operation[], model: HintedModel<S>, a: Cluster, b: Cluster): Refutation {
  // Put the initial value's cluster second: its write comes first in every order.
  if (a.producer < 0) [a, b] = [b, a];
  const d = (i: number): string => `${model.describeOp(ops[i]!)} (p${ops[i]!.process}, #${ops[i]!.invokeIndex})`;
  const value = (c: Cluster): string => (c.producer < 0 ? model.describeState(model.init()) : model.describeState(valueOf(ops, c) as S));
  const writer = (c: Cluster): string => (c.producer < 0 ? 'the initial value, which nothing writes' : `only ${d(c.producer)} writes it`);
  const facts: string[] = [];
  if (b.producer >= 0) facts.push(`${d(b.lowOp)} finished before ${d(a.highOp)} was called`);
  facts.push(`${d(a.lowOp)} finished before ${d(b.highOp)} was called`);
  const reason =
    `${value(a)} (${writer(a)}) and ${value(b)} (${writer(b)}) cannot both hold when needed: ${facts.join(', and ')}; ` +
    `whichever is written first, the other overwrites it before its last use`;
  const proofOps = [...new Set([a.producer, a.lowOp, a.highOp, b.producer, b.lowOp, b.highOp].filter((i) => i >= 0))];
  // The op shown as stuck: the later-called of the two last users, preferring one that needs a value.
  const needs = (i: number): boolean => i >= 0 && model.valueDiscipline!.required(ops[i]!) !== undefined;
  const users = [a.highOp, b.highOp].filter((i) => i >= 0).sort((x, y) => Number(needs(y)) - Number(needs(x)) || ops[y]!.callNs - ops[x]!.callNs);
  const stuck = users[0]!;
  return {
    witness: { prefix: [], stateAfter: model.init(), stuck: [{ op: stuck, reason }], candidates: proofOps.filter((i) => i !== stuck) },
    proofOps,
  };
}

/** valueOf recovers a cluster's value (as the model's state) from its producer or a reader. */
function valueOf(ops: readonly Operation[], c: Cluster): unknown {
  const op = ops[c.producer]!;
  if (op.f === 'cas' && Array.isArray(op.input)) return op.input[1];
  return op.input;
}
