/**
 * Value tracking: the search optimizations that need a model's ValueDiscipline (registers, kv),
 * each with its proof sketch: (e) strands, (f) unobservedInfoOps, (g) dead states, (h) useless info ops.
 * One tracker per search; it mirrors the search's linearized set through linearized/unlinearized.
 */
import type { Operation } from '../../src/core/operation.js';
import type { HintedModel } from './models/checker-hints.js';
import type { StateTable } from './state-table.js';

/**
 * unobservedInfoOps implements optimization (f) for models with a ValueDiscipline: the info ops that
 * produce a value v that no other op produces, requires or compares with, in a part with no failed
 * compare at all. Proof sketch: such an op X can be dropped exactly. If the part is linearizable
 * without X, append X at the very end (an info op has no return, so real time allows it; a write is
 * always legal, a cas that does not match changes nothing). If the part is linearizable with X, remove
 * X: the ops between X and the next state change saw v; none requires v, so they are writes, info ops
 * that do not match v, or failed compares — and there are none of those — so each stays legal in
 * the previous value. Dropping one such op keeps the condition for the others, so all can go.
 */
export function unobservedInfoOps<S>(ops: readonly Operation[], model: HintedModel<S>): Set<number> {
  const out = new Set<number>();
  const vd = model.valueDiscipline;
  if (vd === undefined || vd.exactProducers !== true || !ops.some((o) => o.status === 'info')) return out;
  const mentions = new Map<string, number>();
  const bump = (k: string | undefined): void => {
    if (k !== undefined) mentions.set(k, (mentions.get(k) ?? 0) + 1);
  };
  for (const op of ops) {
    const compared = vd.compared(op);
    if (op.status === 'ok' && compared !== undefined && vd.required(op) === undefined) return out; // a failed compare
    bump(vd.required(op));
    bump(vd.produced(op));
    bump(compared);
  }
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.status !== 'info') continue;
    const v = vd.produced(op);
    if (v === undefined) continue;
    const own = 1 + (vd.compared(op) === v ? 1 : 0);
    if ((mentions.get(v) ?? 0) === own) out.add(i);
  }
  return out;
}

/** ValueTracking counts, per value some ok op requires, its pending requirers and unlinearized producers. */
export interface ValueTracking {
  linearized(i: number): void;
  unlinearized(i: number): void;
  /** strands tells whether linearizing op i, which moves the state away from `state`, strands an op. */
  strands(state: number, i: number): boolean;
  /** canonical maps the state reached by linearizing op i to the dead state when nothing can observe it. */
  canonical(state: number, i: number): number;
  /** useless tells whether linearizing info op i in `state` cannot help (optimization h). */
  useless(state: number, i: number): boolean;
}

/**
 * valueTracking implements optimization (e) for models with a ValueDiscipline (registers). Proof
 * sketch: a state with key u is entered only by linearizing a producer of u (or is the initial
 * state). If the state now has key u, some unlinearized ok op still requires u, and no producer of u
 * is left unlinearized, then once the state moves away from u it can never return, and that op can
 * never be linearized: every completion through that move fails, so the move is skipped. This forces
 * "all reads of a value happen before the next write" without branching, and needs no uniqueness.
 * Ops whose result depends on the state (kv appends) count as producers of every value they may
 * leave (`mayProduce`), which keeps the argument sound.
 */
export function valueTracking<S>(ops: readonly Operation[], model: HintedModel<S>, table: StateTable<S>): ValueTracking | undefined {
  const vd = model.valueDiscipline;
  if (vd === undefined) return undefined;
  const index = new Map<string, number>();
  const reqOf = new Int32Array(ops.length).fill(-1);
  const prodOf = new Int32Array(ops.length).fill(-1);
  for (let i = 0; i < ops.length; i++) {
    const k = vd.required(ops[i]!);
    if (k === undefined) continue;
    let u = index.get(k);
    if (u === undefined) index.set(k, (u = index.size));
    reqOf[i] = u;
  }
  if (index.size === 0) return undefined;
  if (vd.mayProduce !== undefined && index.size * ops.length > 20_000_000) return undefined; // too costly to index
  const pendingReq = new Int32Array(index.size);
  const unlinProd = new Int32Array(index.size);
  // Ops that may produce several values (appends) list them in `extra` (an op's first is in prodOf).
  const extra = new Map<number, number[]>();
  const keys = [...index.keys()];
  const mayProduce = vd.mayProduce;
  for (let i = 0; i < ops.length; i++) {
    if (reqOf[i]! >= 0) pendingReq[reqOf[i]!]!++;
    const k = vd.produced(ops[i]!);
    const u = k === undefined ? undefined : index.get(k);
    if (u !== undefined) {
      prodOf[i] = u;
      unlinProd[u]!++;
    } else if (k === undefined && mayProduce !== undefined) {
      const list: number[] = [];
      for (let v = 0; v < keys.length; v++) {
        if (mayProduce(ops[i]!, keys[v]!)) {
          list.push(v);
          unlinProd[v]!++;
        }
      }
      if (list.length > 0) extra.set(i, list);
    }
  }
  // Optimization (h): an info op X whose produced value v nobody else produces, requires or compares
  // with ("unobserved") is only worth linearizing in a state u when some pending failed compare has
  // `from` = u. Proof sketch: otherwise, from (L + X, v) until the next state change only ops that
  // do not need v can run (failed compares with from ≠ u, v; info ops; other unobserved info ops) and
  // all of them can run from (L, u) too; the next write then reaches the same state with X still
  // optional, which dominates (info dominance). Needs exact producers (no state-dependent ops).
  const unobserved = new Uint8Array(ops.length);
  const fcIndex = new Map<string, number>();
  const fcOf = new Int32Array(ops.length).fill(-1);
  if (vd.exactProducers === true) {
    const mentions = new Map<string, number>();
    const bump = (k: string | undefined): void => {
      if (k !== undefined) mentions.set(k, (mentions.get(k) ?? 0) + 1);
    };
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      const compared = vd.compared(op);
      bump(vd.required(op));
      bump(vd.produced(op));
      bump(compared);
      if (op.status === 'ok' && compared !== undefined && vd.required(op) === undefined) {
        let f = fcIndex.get(compared);
        if (f === undefined) fcIndex.set(compared, (f = fcIndex.size));
        fcOf[i] = f;
      }
    }
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      const v = op.status === 'info' ? vd.produced(op) : undefined;
      if (v !== undefined && (mentions.get(v) ?? 0) === 1 + (vd.compared(op) === v ? 1 : 0)) unobserved[i] = 1;
    }
  }
  const pendingFc = new Int32Array(fcIndex.size);
  for (let i = 0; i < ops.length; i++) if (fcOf[i]! >= 0) pendingFc[fcOf[i]!]!++;
  const fcOfState: number[] = [];
  const failedCompareOfState = (s: number): number => {
    let f = fcOfState[s];
    if (f === undefined) fcOfState[s] = f = fcIndex.get(vd.stateKey(table.states[s] as S)) ?? -1;
    return f;
  };
  const stateVal: number[] = [];
  // Optimization (g): dead states. Proof sketch: if no pending ok op's required key is reachable from
  // state s by state-dependent ops (`canReach`), then until the next `produced` op (a put, which does
  // not depend on the state) no pending ok op can be linearized, and state-dependent ops keep the state
  // dead (reachability is transitive); afterwards the state no longer depends on s. So (L, s) and
  // (L, dead) have exactly the same completions, and s can be replaced by the canonical dead state.
  const canReach = vd.canReach;
  let deadId = -1;
  if (canReach !== undefined && vd.deadState !== undefined && index.size <= 4096) {
    const deadKey = vd.stateKey(vd.deadState);
    if (![...index.keys()].some((k) => canReach(deadKey, k))) deadId = table.intern(vd.deadState);
  }
  const valueOfState = (s: number): number => {
    let v = stateVal[s];
    if (v === undefined) stateVal[s] = v = index.get(vd.stateKey(table.states[s] as S)) ?? -1;
    return v;
  };
  return {
    useless(state, i) {
      if (unobserved[i] === 0) return false;
      const f = failedCompareOfState(state);
      return f < 0 || pendingFc[f] === 0;
    },
    linearized(i) {
      if (fcOf[i]! >= 0) pendingFc[fcOf[i]!]!--;
      if (reqOf[i]! >= 0) pendingReq[reqOf[i]!]!--;
      if (prodOf[i]! >= 0) unlinProd[prodOf[i]!]!--;
      const more = extra.get(i);
      if (more !== undefined) for (const v of more) unlinProd[v]!--;
    },
    unlinearized(i) {
      if (fcOf[i]! >= 0) pendingFc[fcOf[i]!]!++;
      if (reqOf[i]! >= 0) pendingReq[reqOf[i]!]!++;
      if (prodOf[i]! >= 0) unlinProd[prodOf[i]!]!++;
      const more = extra.get(i);
      if (more !== undefined) for (const v of more) unlinProd[v]!++;
    },
    canonical(s, i) {
      if (deadId < 0 || s === deadId) return s;
      const key = vd.stateKey(table.states[s] as S);
      for (let v = 0; v < keys.length; v++) {
        const waiting = pendingReq[v]! - (reqOf[i] === v ? 1 : 0);
        if (waiting > 0 && canReach!(key, keys[v]!)) return s;
      }
      return deadId;
    },
    strands(state, i) {
      const u = valueOfState(state);
      if (u < 0) return false;
      const waiting = pendingReq[u]! - (reqOf[i] === u ? 1 : 0);
      if (waiting <= 0) return false;
      let producers = unlinProd[u]! - (prodOf[i] === u ? 1 : 0);
      const more = extra.get(i);
      if (more !== undefined && more.includes(u)) producers--;
      return producers === 0;
    },
  };
}
