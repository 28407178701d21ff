/**
 * Value tracking: the search optimizations that need a model's ValueDiscipline (registers, kv),
 * each with its proof sketch: (e) strands, (f) unobservedInfoOps, (g) dead states, (h) useless info ops.
 * One tracker per search; it mirrors the search's linearized set through linearized/unlinearized.
 */
import type { Operation } from '../../src/core/operation.js';
import type { HintedModel } from './models/checker-hints.js';
import type { StateTable } from './state-table.js';
import { ANY, KEY_BASE, LEAVE } from './info-pool.js';

/**
 * unobservedMask marks the "unobserved" info ops of a model with exact producers: info ops X that
 * produce a value v which no ok op requires (no read of v, no successful cas from v) and no other info
 * op compares with (no info cas from v). Other producers of v and failed compares from v may exist.
 * Such an X can only matter by moving the state away from the value it replaces; see (f) and (h).
 */
export function unobservedMask<S>(ops: readonly Operation[], model: HintedModel<S>): Uint8Array {
  const out = new Uint8Array(ops.length);
  const vd = model.valueDiscipline;
  if (vd === undefined || vd.exactProducers !== true || !ops.some((o) => o.status === 'info')) return out;
  const required = new Set<string>();
  const infoCompared = new Map<string, number>();
  for (const op of ops) {
    if (op.status === 'ok') {
      const r = vd.required(op);
      if (r !== undefined) required.add(r);
    } else if (op.status === 'info') {
      const c = vd.compared(op);
      if (c !== undefined) infoCompared.set(c, (infoCompared.get(c) ?? 0) + 1);
    }
  }
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.status !== 'info') continue;
    const v = vd.produced(op);
    if (v === undefined || required.has(v)) continue;
    const others = (infoCompared.get(v) ?? 0) - (vd.compared(op) === v ? 1 : 0);
    if (others === 0) out[i] = 1;
  }
  return out;
}

/**
 * unobservedInfoOps implements optimization (f) for models with a ValueDiscipline: the unobserved
 * info ops (unobservedMask) of a part with no failed compare at all. Proof sketch: such an op X can be
 * dropped exactly. If the part is linearizable without X, append X at the very end (an info op has no
 * return, so real time allows it; a write is always legal, a cas that does not match changes nothing).
 * If it is linearizable with X (X moves the state from u to v), remove X: the ops between X and the
 * next state change ran in v; none requires v, so they are writes (legal anywhere) or info ops that did
 * not change the state (none compares with v), which are removed too (info ops are optional) — there
 * are no failed compares. The next state change is then a write or a successful cas from v, and none
 * exists of the latter, so it leaves the same state. Dropping one such op keeps the condition for the
 * others (it only removes mentions), so all can go.
 */
export function unobservedInfoOps<S>(ops: readonly Operation[], model: HintedModel<S>): Set<number> {
  const out = new Set<number>();
  const vd = model.valueDiscipline;
  if (vd === undefined || vd.exactProducers !== true || !ops.some((o) => o.status === 'info')) return out;
  for (const op of ops) {
    if (op.status === 'ok' && vd.compared(op) !== undefined && vd.required(op) === undefined) return out; // a failed compare
  }
  const mask = unobservedMask(ops, model);
  for (let i = 0; i < ops.length; i++) if (mask[i] === 1) out.add(i);
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
  /** Each op's InfoPool bucket (info-pool.ts: ANY, LEAVE, or KEY_BASE + k), and how many buckets. */
  readonly infoBucket: Int32Array;
  readonly buckets: number;
  /** keyBucketOf is the key bucket k of a state (-1: no info op compares with its key). */
  keyBucketOf(state: number): number;
  /** leaveWanted tells whether the blocking op is a failed compare that needs `state` to change (LEAVE bucket). */
  leaveWanted(state: number): boolean;
  /** setBlocked names the op whose return entry stopped the ok walk (-1: none), for (h). */
  setBlocked(op: number): void;
  /**
   * deadWriterGroup: for an info op whose produced value no pending op mentions now (it leaves the
   * dead state), its group (same f and compared key: same effect from here on); else -1.
   */
  deadWriterGroup(i: number): number;
  readonly groups: number;
}

/**
 * valueTracking implements optimization (e) for models with a ValueDiscipline (registers). Proof
 * sketch: a state with key u is entered only by linearizing a producer of u (or is the initial
 * state). If the state now has key u, some unlinearized ok op still requires u, and no producer of u
 * is left unlinearized, then once the state moves away from u it can never return, and that op can
 * never be linearized: every completion through that move fails, so the move is skipped. This forces
 * "all reads of a value happen before the next write" without branching, and needs no uniqueness.
 * Ops whose result depends on the state (kv appends) count as producers of every value they may
 * leave (`mayProduce`), which keeps the argument sound. One level further (exact producers): if an
 * unlinearized info op X compares with u and is the only unlinearized producer of a value w that a
 * pending ok op requires, leaving u for good (no producer of u left) strands that op too — X changes
 * the state only in u, and w is entered only through a producer of w.
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
  // Enablers (e, one level further): an info op X comparing with c and producing a required w needs
  // the state to be c to take effect (the `compared` contract). Index c too, and list X under c.
  const enablers: (number[] | undefined)[] = [];
  const enabledOf = new Int32Array(ops.length).fill(-1);
  if (vd.exactProducers === true) {
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      if (op.status !== 'info') continue;
      const c = vd.compared(op);
      const w = vd.produced(op);
      const wi = w === undefined ? undefined : index.get(w);
      if (c === undefined || wi === undefined || c === w) continue;
      let ci = index.get(c);
      if (ci === undefined) index.set(c, (ci = index.size));
      enabledOf[i] = wi;
      const list = enablers[ci];
      if (list === undefined) enablers[ci] = [i];
      else list.push(i);
    }
  }
  const linearizedNow = new Uint8Array(ops.length);
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
  // Optimization (h): an unobserved info op X (unobservedMask: no ok op requires its value v and no
  // other info op compares with v) is only worth linearizing in a state u when some pending failed
  // compare has `from` = u. Proof sketch: otherwise, from (L + X, v) until the next state change only
  // ops that leave v unchanged can run: failed compares with from ≠ v (none pending has from = u, so
  // each can run in u too), writes of v, and info ops that do not match v (optional: leave them
  // out). All of them can run from (L, u), and a write of v or the next state change (a write: no
  // successful or info cas compares with v) reaches the same state with X still unused, which
  // dominates (info dominance). Needs exact producers (no state-dependent ops).
  // Sharper: X is tried only when the op B whose return stopped the ok walk is itself a failed compare
  // from u. Otherwise take a completion X, α, B, …: if some op S of α changes the state, drop X and
  // move α's failed compares from u just after S (each returns no earlier than B, since B's return is
  // the first pending one, and S was called before B returned, so real time allows it); if none does,
  // B is legal in u and X (with α's failed compares from u) can wait until just after B. Either way a
  // completion exists that does not start with X.
  const unobserved = unobservedMask(ops, model);
  const fcIndex = new Map<string, number>();
  const fcOf = new Int32Array(ops.length).fill(-1);
  if (vd.exactProducers === true) {
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      const compared = vd.compared(op);
      if (op.status === 'ok' && compared !== undefined && vd.required(op) === undefined) {
        let f = fcIndex.get(compared);
        if (f === undefined) fcIndex.set(compared, (f = fcIndex.size));
        fcOf[i] = f;
      }
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
  // InfoPool buckets. KEY: an info op comparing with key k changes only a state with key k (the
  // `compared` contract under exactProducers); LEAVE: the unobserved ops of optimization (h).
  const infoBucket = new Int32Array(ops.length).fill(ANY);
  const keyBucket = new Map<string, number>();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.status !== 'info' || vd.exactProducers !== true) continue;
    const c = vd.compared(op);
    if (c !== undefined) {
      let k = keyBucket.get(c);
      if (k === undefined) keyBucket.set(c, (k = keyBucket.size));
      infoBucket[i] = KEY_BASE + k;
    } else if (unobserved[i] === 1) infoBucket[i] = LEAVE;
  }
  const keyBucketOfState: number[] = [];
  let blockedOp = -1;
  const keyBucketOf = (s: number): number => {
    let k = keyBucketOfState[s];
    if (k === undefined) keyBucketOfState[s] = k = keyBucket.get(vd.stateKey(table.states[s] as S)) ?? -1;
    return k;
  };
  // Optimization (g) for exact producers (registers): a state whose key no pending op mentions — no
  // unlinearized ok op requires it, no unlinearized failed compare or info op compares with it — is
  // replaced by the dead state (a value no history contains). Proof sketch: every unlinearized op
  // steps alike from both: a read or successful cas requires another key (inconsistent in both), a
  // failed compare compares with another key (legal in both), an info cas compares with another key
  // (a no-op in both), a write ignores the state; linearized ops never run again. So (L, s) and
  // (L, dead) have exactly the same completions.
  const pendingKeyInfo = new Int32Array(keyBucket.size);
  for (let i = 0; i < ops.length; i++) if (infoBucket[i]! >= KEY_BASE) pendingKeyInfo[infoBucket[i]! - KEY_BASE]!++;
  const registerDead = vd.exactProducers === true && canReach === undefined && vd.deadState !== undefined;
  if (registerDead) deadId = table.intern(vd.deadState);
  // Dead writers (wgl.ts, optimization i, dynamic form): per info op, its produced value's required,
  // failed-compare and key-bucket indices, and its group.
  const groupOf = new Int32Array(ops.length).fill(-1);
  const wReq = new Int32Array(ops.length).fill(-1);
  const wFc = new Int32Array(ops.length).fill(-1);
  const wKey = new Int32Array(ops.length).fill(-1);
  let groups = 0;
  if (registerDead) {
    const initKey = vd.stateKey(model.init());
    const groupIds = new Map<string, number>();
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      const w = op.status === 'info' ? vd.produced(op) : undefined;
      if (w === undefined || w === initKey) continue;
      const g = `${op.f}\u0000${vd.compared(op) ?? ''}`;
      let id = groupIds.get(g);
      if (id === undefined) groupIds.set(g, (id = groupIds.size));
      groupOf[i] = id;
      wReq[i] = index.get(w) ?? -1;
      wFc[i] = fcIndex.get(w) ?? -1;
      wKey[i] = keyBucket.get(w) ?? -1;
    }
    groups = groupIds.size;
  }
  const valueOfState = (s: number): number => {
    let v = stateVal[s];
    if (v === undefined) stateVal[s] = v = index.get(vd.stateKey(table.states[s] as S)) ?? -1;
    return v;
  };
  return {
    infoBucket,
    buckets: KEY_BASE + keyBucket.size,
    keyBucketOf,
    groups,
    deadWriterGroup(i) {
      const g = groupOf[i]!;
      if (g < 0) return -1;
      if (wReq[i]! >= 0 && pendingReq[wReq[i]!]! > 0) return -1;
      if (wFc[i]! >= 0 && pendingFc[wFc[i]!]! > 0) return -1;
      if (wKey[i]! >= 0 && pendingKeyInfo[wKey[i]!]! > 0) return -1;
      return g;
    },
    leaveWanted(s) {
      const f = failedCompareOfState(s);
      return f >= 0 && blockedOp >= 0 && fcOf[blockedOp] === f;
    },
    setBlocked(op) {
      blockedOp = op;
    },
    useless(state, i) {
      if (unobserved[i] === 0) return false;
      const f = failedCompareOfState(state);
      return f < 0 || blockedOp < 0 || fcOf[blockedOp] !== f;
    },
    linearized(i) {
      linearizedNow[i] = 1;
      if (infoBucket[i]! >= KEY_BASE) pendingKeyInfo[infoBucket[i]! - KEY_BASE]!--;
      if (fcOf[i]! >= 0) pendingFc[fcOf[i]!]!--;
      if (reqOf[i]! >= 0) pendingReq[reqOf[i]!]!--;
      if (prodOf[i]! >= 0) unlinProd[prodOf[i]!]!--;
      const more = extra.get(i);
      if (more !== undefined) for (const v of more) unlinProd[v]!--;
    },
    unlinearized(i) {
      linearizedNow[i] = 0;
      if (infoBucket[i]! >= KEY_BASE) pendingKeyInfo[infoBucket[i]! - KEY_BASE]!++;
      if (fcOf[i]! >= 0) pendingFc[fcOf[i]!]!++;
      if (reqOf[i]! >= 0) pendingReq[reqOf[i]!]!++;
      if (prodOf[i]! >= 0) unlinProd[prodOf[i]!]!++;
      const more = extra.get(i);
      if (more !== undefined) for (const v of more) unlinProd[v]!++;
    },
    canonical(s, i) {
      if (deadId < 0 || s === deadId) return s;
      if (registerDead) {
        const u = valueOfState(s);
        if (u >= 0 && pendingReq[u]! - (reqOf[i] === u ? 1 : 0) > 0) return s;
        const f = failedCompareOfState(s);
        if (f >= 0 && pendingFc[f]! - (fcOf[i] === f ? 1 : 0) > 0) return s;
        const k = keyBucketOf(s);
        if (k >= 0 && pendingKeyInfo[k]! - (infoBucket[i] === KEY_BASE + k ? 1 : 0) > 0) return s;
        return deadId;
      }
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
      const list = waiting > 0 ? undefined : enablers[u];
      if (waiting <= 0 && list === undefined) return false;
      let producers = unlinProd[u]! - (prodOf[i] === u ? 1 : 0);
      const more = extra.get(i);
      if (more !== undefined && more.includes(u)) producers--;
      if (producers > 0) return false;
      if (waiting > 0) return true;
      // An unlinearized info op X enabled only by u (it compares with u) that is the last producer
      // of a value w some pending ok op requires: leaving u for good means X never takes effect, so
      // w is never entered again and that op is stranded.
      for (const x of list!) {
        if (x === i || linearizedNow[x] === 1) continue;
        const w = enabledOf[x]!;
        // (If op i itself produces w, the state becomes w now: nothing is stranded.)
        if (prodOf[i] !== w && pendingReq[w]! > 0 && unlinProd[w] === 1) return true;
      }
      return false;
    },
  };
}
