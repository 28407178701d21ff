/**
 * wgl: the linearizability search for one part — Wing & Gong's algorithm with Lowe's memoization,
 * in the linked-list form (Lowe, "Testing for linearizability", 2017; Porcupine works the same way).
 *
 * Entries: one call entry per op and one return entry per ok op, sorted by time, calls before
 * returns at equal times (so ops that touch at one instant count as concurrent, the permissive
 * reading). Info ops have no return entry: they may take effect any time after their call, or never.
 * The search walks the list from its head: a call entry is a candidate (every op that returned before
 * it was called is already linearized); linearizing it "lifts" its call and return out of the list
 * and pushes a frame for backtracking. Reaching a return entry means that op should have been
 * linearized already: backtrack. When every ok op is linearized the part is linearizable (the info
 * ops left over are those that never took effect). Configurations (linearized set, state) are
 * memoized in a ConfigCache; states are hash-consed (StateTable).
 *
 * Optimizations, each with its proof sketch:
 * (a) Eager read-only ops. If an ok op X is read-only (model.readOnly: it can never change the state),
 *     is legal in the current state s, and its call entry precedes the first return entry in the list
 *     (so every op that returned before X was called is linearized), then linearizing X now loses
 *     nothing: take any valid completion σ from here; moving X to the front keeps every other op's
 *     state (X does not change s), keeps X legal (it sees s), and keeps real-time order (all ops that
 *     must precede X already did; moving X earlier only satisfies "X before Y" constraints more). So
 *     config C succeeds iff C + X succeeds: X is pushed as a forced frame, never branched on, and
 *     backtracking pops straight through it. The closure is unique (X does not change the state, so
 *     the order of eager lifts is irrelevant). Since the current configuration is always closed, a
 *     read-only candidate found later in the loop is known to be illegal and is skipped.
 * (b) Info ops that cannot change the state are never linearized: an info op that is read-only is
 *     dropped up front, and an info op whose step leaves the state unchanged is skipped — the
 *     configuration without it dominates the one with it (see ConfigCache: a set with fewer info ops
 *     can do everything the larger one can, since info ops are optional and have no return entry).
 * (c) Early exit (model hint `findImpossible`): an op no linearization can contain (a read of a value
 *     nobody wrote and not the initial one) makes the part invalid at once, with that op as the whole
 *     counterexample.
 * (d) Info dominance in the cache (ConfigCache header). Sketch: by induction on (ok ops remaining,
 *     length of the info prefix of a witness completion), a pruned configuration is covered by a
 *     finished one (which then failed, so it had no completion) or by one on the stack, which will
 *     still try the witness's next op itself.
 * (e)–(h) need the model's ValueDiscipline (registers, kv); their proofs sit next to their code:
 * (e) never leave a value a pending op still needs when nothing can produce it again (valueTracking);
 * (f) drop info ops whose value nobody observes (unobservedInfoOps); (g) canonical dead states for
 * kv; (h) only try an unobserved info op where a failed compare needs the state to change.
 * (i) Interchangeable info ops (models with a ValueDiscipline, whose step depends only on f, key and
 *     input): info ops with equal f, key and input are used in call order — one is only a candidate
 *     once every earlier-called one of its class is linearized. Proof sketch: take any completion and
 *     rename, per class, its k-th use (by position) to the class's k-th unused op by call time. An
 *     info op X may sit at position p iff every op that returned before X's call precedes p, a
 *     condition monotone in X's call (earlier is weaker) and in p (later is weaker); the k uses at
 *     positions ≤ p_k are k distinct unused ops, so the k-th earliest unused one was called no later
 *     than the latest of them, which was legal at its position ≤ p_k, hence at p_k. Ops of a class
 *     have the same effect in every state, so the renamed sequence is a completion too. Every
 *     configuration the search reaches therefore uses a call-order prefix of each class, so info
 *     dominance (d) compares them exactly, and a configuration has a completion iff it has one that
 *     respects the rule.
 * (j) Info ops last: at each configuration the walk first tries every ok candidate, then (a second
 *     walk up to the same return entry) every info candidate. The set of moves tried is unchanged,
 *     only their order, so the search stays exact; a valid history is usually linearized without
 *     spending an info op where an ok op explains the state, and backtracking resumes in the walk
 *     (ok or info) of the frame it pops.
 */
import type { Model } from '../../src/core/model.js';
import { INCONSISTENT } from '../../src/core/model.js';
import type { Operation } from '../../src/core/operation.js';
import type { Verdict } from '../../src/core/verdict.js';
import type { SearchBudget } from './budget.js';
import { memoryReason, overBudget } from './budget.js';
import { ConfigCache } from './config-cache.js';
import type { HintedModel } from './models/checker-hints.js';
import { nextStates } from './models/checker-hints.js';
import { StateTable } from './state-table.js';
import { makeInfoPool } from './info-pool.js';
import { unknownReason } from './unknown-reason.js';
import { zoneOverlap } from './refute.js';
import { valueKey } from './models/value.js';
import { unobservedInfoOps, valueTracking } from './value-tracking.js';
import { buildWitness } from './witness.js';

/** StuckOp is an op that could come next by real time but not in the state reached, and why. */
export interface StuckOp {
  /** Index into the ops given to `checkOperations`. */
  op: number;
  reason: string;
}

/**
 * Witness is the raw material of a counterexample: the longest prefix the search linearized (indices
 * into the input ops, in linearization order), the state after it, the ops stuck there (illegal in
 * that state), and the other candidates at that point (legal, but every continuation failed).
 */
export interface Witness {
  prefix: number[];
  stateAfter: unknown;
  stuck: StuckOp[];
  candidates: number[];
}

/** SearchOutcome is one part's verdict with search statistics and, when invalid, a witness. */
export interface SearchOutcome {
  valid: Verdict;
  reason?: string;
  steps: number;
  cacheEntries: number;
  /** Distinct model states met (hash-consed). */
  states: number;
  witness?: Witness;
  /** When refuted before the search (refute.ts): the ops that prove it (the counterexample's window). */
  proofOps?: number[];
  /** When valid: a linearization (indices into the input ops, in order; info ops left out never happened). */
  order?: number[];
}

const POLL_EVERY = 1024;

/** seededKeys returns n pseudo-random 32-bit keys (xorshift32, fixed seed: runs are repeatable). */
function seededKeys(n: number): Int32Array {
  const keys = new Int32Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    keys[i] = x;
  }
  return keys;
}

/** callOrder sorts op indices by call time (then index), the ok ops' bit order. */
function sortedEntries(ops: readonly Operation[]): Int32Array {
  const list: number[] = [];
  for (let i = 0; i < ops.length; i++) {
    list.push(2 * i);
    if (ops[i]!.status === 'ok') list.push(2 * i + 1);
  }
  const time = (e: number): number => {
    const op = ops[e >> 1]!;
    return (e & 1) === 0 ? op.callNs : op.returnNs;
  };
  list.sort((a, b) => time(a) - time(b) || (a & 1) - (b & 1) || (a >> 1) - (b >> 1));
  return Int32Array.from(list);
}

/**
 * checkOperations decides whether `ops` (one part, any ids) are linearizable with respect to `model`.
 * Synchronous and deterministic; it polls `budget` every ~1000 model steps and returns `unknown`
 * with a reason when a budget runs out. Ops must have callNs ≤ returnNs; info ops have returnNs
 * Infinity. An empty part is valid.
 */
export function checkOperations<S>(ops: readonly Operation[], model: Model<S>, budget: SearchBudget = {}): SearchOutcome {
  const hinted = model as HintedModel<S>;
  const impossible = hinted.findImpossible?.(ops);
  if (impossible !== undefined) {
    const at = ops.indexOf(impossible.op);
    return {
      valid: false,
      steps: 0,
      cacheEntries: 0,
      states: 0,
      witness: { prefix: [], stateAfter: model.init(), stuck: [{ op: at, reason: impossible.reason }], candidates: [] },
    };
  }
  // Zone overlap (refute.ts): a sound refutation in O(n log n), with the few ops that prove it. Run
  // first when info ops make exhausting the search costly; otherwise the search refutes as fast and
  // checkPart applies the rule afterwards for a small window.
  const zones = ops.some((o) => o.status === 'info') ? zoneOverlap(ops, hinted) : undefined;
  if (zones !== undefined) return { valid: false, steps: 0, cacheEntries: 0, states: 0, witness: zones.witness, proofOps: zones.proofOps };
  // Drop info ops that can never change the state (optimization b) or whose effect nobody can
  // observe (optimization f): they never need to happen.
  const unobserved = unobservedInfoOps(ops, hinted);
  const keep: number[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.status === 'info' && (model.readOnly?.(op) === true || unobserved.has(i))) continue;
    keep.push(i);
  }
  const local = keep.map((i) => ops[i]!);
  const sliced = budget.sliceMs === undefined ? budget : { ...budget, sliceEndMs: Date.now() + budget.sliceMs };
  const result = search(local, hinted, sliced, ops.length - local.length);
  if (result.order !== undefined) result.order = result.order.map((i) => keep[i]!);
  if (result.witness !== undefined) {
    const w = result.witness;
    w.prefix = w.prefix.map((i) => keep[i]!);
    w.candidates = w.candidates.map((i) => keep[i]!);
    w.stuck = w.stuck.map((s) => ({ op: keep[s.op]!, reason: s.reason }));
  }
  return result;
}

/**
 * interchangeable returns, per op, the previous info op (in call order) with the same effect, or -1
 * (optimization i). Only for models with a ValueDiscipline: their step reads only f, key, input and
 * status, so info ops that agree on f, key and input step alike in every state.
 */
function interchangeable<S>(ops: readonly Operation[], order: Int32Array, isInfo: Uint8Array, model: HintedModel<S>): Int32Array {
  const prevSame = new Int32Array(ops.length).fill(-1);
  if (model.valueDiscipline === undefined) return prevSame;
  const vd = model.valueDiscipline;
  if (!isInfo.includes(1)) return prevSame;
  const dead = vd.exactProducers === true && vd.canReach === undefined && vd.deadState !== undefined ? deadWriters(ops, model) : undefined;
  const lastOf = new Map<string, number>();
  for (const e of order) {
    if ((e & 1) !== 0 || isInfo[e >> 1] === 0) continue;
    const op = ops[e >> 1]!;
    const effect = dead?.[e >> 1] === 1 ? `dead\u0000${vd.compared(op) ?? ''}` : valueKey(op.input);
    const k = `${op.f}\u0000${op.key ?? ''}\u0000${effect}`;
    const before = lastOf.get(k);
    if (before !== undefined) prevSame[e >> 1] = before;
    lastOf.set(k, e >> 1);
  }
  return prevSame;
}

/**
 * deadWriters marks the info ops whose produced value v no other op mentions at all (no ok op
 * requires v, no other op compares with v): the state they leave is always the dead state (dead
 * states, value-tracking.ts), so such ops with the same f and `compared` have the same effect.
 */
function deadWriters<S>(ops: readonly Operation[], model: HintedModel<S>): Uint8Array {
  const vd = model.valueDiscipline!;
  const out = new Uint8Array(ops.length);
  const initKey = vd.stateKey(model.init());
  const mentioned = new Map<string, number>();
  const bump = (k: string | undefined): void => {
    if (k !== undefined) mentioned.set(k, (mentioned.get(k) ?? 0) + 1);
  };
  for (const op of ops) {
    if (op.status === 'ok') bump(vd.required(op));
    bump(vd.compared(op));
  }
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.status !== 'info') continue;
    const v = vd.produced(op);
    if (v !== undefined && v !== initKey && (mentioned.get(v) ?? 0) === (vd.compared(op) === v ? 1 : 0)) out[i] = 1;
  }
  return out;
}

function search<S>(ops: readonly Operation[], model: HintedModel<S>, budget: SearchBudget, droppedInfoOps: number): SearchOutcome {
  const n = ops.length;
  const table = new StateTable<S>(model);
  const initId = table.intern(model.init());
  // Bit layout: ok ops first (in call order), then the info region from a word boundary.
  const order = sortedEntries(ops);
  const bitOf = new Int32Array(n);
  const isInfo = new Uint8Array(n);
  const roOk = new Uint8Array(n);
  let nOk = 0;
  let nInfo = 0;
  for (const e of order) {
    if ((e & 1) !== 0) continue;
    const i = e >> 1;
    const op = ops[i]!;
    if (op.status === 'info') {
      isInfo[i] = 1;
      bitOf[i] = nInfo++;
    } else {
      bitOf[i] = nOk++;
      if (model.readOnly?.(op) === true) roOk[i] = 1;
    }
  }
  const okWords = Math.ceil(nOk / 32);
  const infoWords = Math.ceil(nInfo / 32);
  for (let i = 0; i < n; i++) if (isInfo[i] === 1) bitOf[i] = bitOf[i]! + okWords * 32;
  const bits = new Uint32Array(okWords + infoWords);
  const prevSame = interchangeable(ops, order, isInfo, model);
  const linearizedOp = (i: number): boolean => (bits[bitOf[i]! >>> 5]! & (1 << (bitOf[i]! & 31))) !== 0;
  const keys = seededKeys(n);
  const cache = new ConfigCache(okWords, infoWords);
  const vd = valueTracking(ops, model, table);

  // Doubly linked list over the ok ops' entries (0..2n-1) with sentinels HEAD and TAIL; info ops
  // live in the InfoPool. `pos` is each entry's position in the sorted order (TAIL: after all).
  const HEAD = 2 * n;
  const TAIL = 2 * n + 1;
  const next = new Int32Array(2 * n + 2);
  const prev = new Int32Array(2 * n + 2);
  const pos = new Int32Array(2 * n + 2);
  const infoCalls: number[] = [];
  let last = HEAD;
  for (let k = 0; k < order.length; k++) {
    const e = order[k]!;
    pos[e] = k;
    if (isInfo[e >> 1] === 1) {
      infoCalls.push(e >> 1);
      continue;
    }
    next[last] = e;
    prev[e] = last;
    last = e;
  }
  next[last] = TAIL;
  prev[TAIL] = last;
  pos[TAIL] = order.length;
  const infoPos = new Int32Array(n);
  for (const i of infoCalls) infoPos[i] = pos[2 * i]!;
  const pool = makeInfoPool(
    n,
    infoCalls,
    infoPos,
    vd?.infoBucket ?? new Int32Array(n),
    vd?.buckets ?? 1,
    (st) => vd?.keyBucketOf(st) ?? -1,
    (st) => vd?.leaveWanted(st) ?? false,
  );

  const lift = (e: number): void => {
    if (isInfo[e >> 1] === 1) {
      pool.lift(e >> 1);
      return;
    }
    next[prev[e]!] = next[e]!;
    prev[next[e]!] = prev[e]!;
    const r = e + 1;
    next[prev[r]!] = next[r]!;
    prev[next[r]!] = prev[r]!;
  };
  const unlift = (e: number): void => {
    if (isInfo[e >> 1] === 1) {
      pool.unlift(e >> 1);
      return;
    }
    const r = e + 1;
    prev[next[r]!] = r;
    next[prev[r]!] = r;
    prev[next[e]!] = e;
    next[prev[e]!] = e;
  };
  /** blockingReturn is the first return entry in the list (TAIL when none): candidates precede it. */
  const blockingReturn = (): number => {
    let e = next[HEAD]!;
    while (e !== TAIL && (e & 1) === 0) e = next[e]!;
    return e;
  };

  // Ok-region bounds (see ConfigCache) and the incremental hash of the ok region.
  let lo = 0;
  let hi = -1;
  let okHash = 0;
  const FULL = 0xffffffff;
  const setBit = (i: number): void => {
    const b = bitOf[i]!;
    const w = b >>> 5;
    bits[w] = bits[w]! | (1 << (b & 31));
    if (isInfo[i] === 1) return;
    okHash ^= keys[i]!;
    if (w > hi) hi = w;
    if (w === lo) while (lo < okWords && bits[lo] === FULL) lo++;
  };
  const clearBit = (i: number): void => {
    const b = bitOf[i]!;
    const w = b >>> 5;
    bits[w] = bits[w]! & ~(1 << (b & 31));
    if (isInfo[i] === 1) return;
    okHash ^= keys[i]!;
    if (w < lo) lo = w;
    if (w === hi) while (hi >= 0 && bits[hi] === 0) hi--;
  };
  const cacheHash = (s: number): number => (okHash ^ Math.imul(s + 1, 0x9e3779b1)) | 0;

  // Backtrack stack: the lifted call entry, the state before it, the choice taken among the op's
  // possible next states, and whether the frame was forced (eager, no alternatives).
  const stEntry: number[] = [];
  const stPrev: number[] = [];
  const stChoice: number[] = [];
  const stForced: number[] = [];
  let state = initId;
  let okRemaining = nOk;
  let steps = 0;
  let nextPoll = POLL_EVERY;
  let polls = 0;
  let heapBytes = 0;
  let stopReason: string | undefined;

  // The best (deepest) stuck point, for counterexamples; the stack prefix is copied incrementally.
  let bestDepth = -1;
  const bestPrefix: number[] = [];
  let unchangedSinceBest = 0;
  let bestState = initId;
  let bestCandidates: number[] = [];
  let bestBlocked = -1;

  const stepOnce = (s: number, i: number): S[] => {
    steps++;
    return nextStates(model, model.step(table.states[s] as S, ops[i]!), INCONSISTENT);
  };

  const push = (e: number, prevState: number, choice: number, forced: number): void => {
    stEntry.push(e);
    stPrev.push(prevState);
    stChoice.push(choice);
    stForced.push(forced);
  };

  /** eagerClose lifts every legal read-only candidate (optimization a). */
  const eagerClose = (): void => {
    let e = next[HEAD]!;
    while (e !== TAIL && (e & 1) === 0) {
      const i = e >> 1;
      if (roOk[i] === 1) {
        const outs = stepOnce(state, i);
        if (outs.length === 1 && (outs[0] === table.states[state] || table.intern(outs[0]!) === state)) {
          const p = prev[e]!;
          push(e, state, 0, 1);
          setBit(i);
          okRemaining--;
          vd?.linearized(i);
          lift(e);
          e = next[p]!;
          continue;
        }
      }
      e = next[e]!;
    }
  };

  /** tryOp linearizes the op of call entry e with its choice-th next state or later; false if none fits. */
  const tryOp = (e: number, choice: number): boolean => {
    const i = e >> 1;
    if (isInfo[i] === 1 && vd !== undefined && vd.useless(state, i)) return false;
    const outs = stepOnce(state, i);
    for (let c = choice; c < outs.length; c++) {
      let s2 = table.intern(outs[c]!);
      if (vd !== undefined && s2 !== state) s2 = vd.canonical(s2, i);
      if (isInfo[i] === 1 && s2 === state) continue;
      if (vd !== undefined && s2 !== state && vd.strands(state, i)) continue;
      setBit(i);
      if (cache.visit(cacheHash(s2), s2, bits, lo, hi)) {
        push(e, state, c, 0);
        state = s2;
        if (isInfo[i] === 0) okRemaining--;
        vd?.linearized(i);
        lift(e);
        eagerClose();
        return true;
      }
      clearBit(i);
    }
    return false;
  };

  /** recordStuck remembers the deepest configuration where the search got stuck. */
  const recordStuck = (ret: number): void => {
    const depth = nOk - okRemaining;
    if (depth <= bestDepth) return;
    bestDepth = depth;
    bestPrefix.length = unchangedSinceBest;
    for (let k = unchangedSinceBest; k < stEntry.length; k++) bestPrefix.push(stEntry[k]! >> 1);
    unchangedSinceBest = stEntry.length;
    bestState = state;
    bestCandidates = [];
    for (let e = next[HEAD]!; e !== ret && e !== TAIL; e = next[e]!) bestCandidates.push(e >> 1);
    if (nInfo > 0) {
      pool.begin(state, pos[ret]!);
      for (let i = pool.next(); i >= 0; i = pool.next()) bestCandidates.push(i);
    }
    bestBlocked = ret === TAIL ? -1 : ret >> 1;
    if (bestBlocked >= 0 && !bestCandidates.includes(bestBlocked)) bestCandidates.push(bestBlocked);
  };

  eagerClose();
  let entry = next[HEAD]!;
  // Which candidates the walk tries: 0 = ok ops (the list), 1 = info ops (the pool; optimization j).
  let infoPass = 0;
  let blocked = TAIL;
  // Walk counter and, per dead-writer group, the walk that last tried one (optimization i).
  let walk = 0;
  const groupWalk = new Int32Array(vd?.groups ?? 0).fill(-1);
  while (okRemaining > 0) {
    if (steps >= nextPoll) {
      nextPoll = steps + POLL_EVERY;
      stopReason = overBudget(budget, steps);
      if (stopReason === undefined && budget.memoryCapBytes !== undefined) {
        // The cache lives in typed arrays (off the JS heap); states live on the heap: sample it rarely.
        if ((++polls & 31) === 0) heapBytes = process.memoryUsage().heapUsed;
        if (cache.bytes + heapBytes > budget.memoryCapBytes) stopReason = memoryReason(budget.memoryCapBytes);
      }
      if (stopReason !== undefined) break;
    }
    if (infoPass === 0) {
      if ((entry & 1) === 0 && entry !== TAIL) {
        if (roOk[entry >> 1] === 1 || !tryOp(entry, 0)) entry = next[entry]!;
        else entry = next[HEAD]!;
        continue;
      }
      // A return entry: its op must already be linearized. After the ok ops come the info ops
      // (optimization j); after those, backtrack.
      blocked = entry;
      if (nInfo > 0) {
        infoPass = 1;
        walk++;
        vd?.setBlocked(blocked === TAIL ? -1 : blocked >> 1);
        pool.begin(state, pos[blocked]!);
      }
    }
    if (infoPass === 1) {
      let i = pool.next();
      while (i >= 0) {
        if (prevSame[i]! < 0 || linearizedOp(prevSame[i]!)) {
          // Dead writers of one group: only the first met in this walk is tried (optimization i).
          const g = vd === undefined ? -1 : vd.deadWriterGroup(i);
          if (g < 0 || groupWalk[g] !== walk) {
            if (g >= 0) groupWalk[g] = walk;
            if (tryOp(2 * i, 0)) break;
          }
        }
        i = pool.next();
      }
      if (i >= 0) {
        infoPass = 0;
        entry = next[HEAD]!;
        continue;
      }
    }
    recordStuck(blocked);
    let resumed = false;
    while (stEntry.length > 0) {
      const e = stEntry.pop()!;
      const prevState = stPrev.pop()!;
      const choice = stChoice.pop()!;
      const forced = stForced.pop()!;
      if (stEntry.length < unchangedSinceBest) unchangedSinceBest = stEntry.length;
      const i = e >> 1;
      unlift(e);
      clearBit(i);
      if (isInfo[i] === 0) okRemaining++;
      vd?.unlinearized(i);
      state = prevState;
      if (forced === 1) continue;
      if (tryOp(e, choice + 1)) {
        entry = next[HEAD]!;
        infoPass = 0;
      } else if (isInfo[i] === 1) {
        blocked = blockingReturn();
        infoPass = 1;
        walk++;
        vd?.setBlocked(blocked === TAIL ? -1 : blocked >> 1);
        const g = vd === undefined ? -1 : vd.deadWriterGroup(i);
        if (g >= 0) groupWalk[g] = walk;
        pool.resumeAfter(i, state, pos[blocked]!);
      } else {
        entry = next[e]!;
        infoPass = 0;
      }
      resumed = true;
      break;
    }
    if (!resumed) {
      return {
        valid: false,
        steps,
        cacheEntries: cache.entries,
        states: table.size,
        witness: buildWitness(ops, model, table.states[bestState] as S, bestPrefix, bestCandidates, bestBlocked),
      };
    }
  }
  if (stopReason !== undefined) {
    const effort = { steps, cacheEntries: cache.entries, states: table.size, okOps: nOk, infoOps: nInfo, droppedInfoOps, deepest: Math.max(bestDepth, nOk - okRemaining) };
    return { valid: 'unknown', reason: unknownReason(stopReason, effort), steps, cacheEntries: cache.entries, states: table.size };
  }
  return { valid: true, steps, cacheEntries: cache.entries, states: table.size, order: stEntry.map((e) => e >> 1) };
}
