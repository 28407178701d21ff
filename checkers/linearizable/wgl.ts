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
  const result = search(local, hinted, sliced);
  if (result.witness !== undefined) {
    const w = result.witness;
    w.prefix = w.prefix.map((i) => keep[i]!);
    w.candidates = w.candidates.map((i) => keep[i]!);
    w.stuck = w.stuck.map((s) => ({ op: keep[s.op]!, reason: s.reason }));
  }
  return result;
}

function search<S>(ops: readonly Operation[], model: HintedModel<S>, budget: SearchBudget): SearchOutcome {
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
  const keys = seededKeys(n);
  const cache = new ConfigCache(okWords, infoWords);
  const vd = valueTracking(ops, model, table);

  // Doubly linked list over entries 0..2n-1 with sentinels HEAD and TAIL.
  const HEAD = 2 * n;
  const TAIL = 2 * n + 1;
  const next = new Int32Array(2 * n + 2);
  const prev = new Int32Array(2 * n + 2);
  let last = HEAD;
  for (const e of order) {
    next[last] = e;
    prev[e] = last;
    last = e;
  }
  next[last] = TAIL;
  prev[TAIL] = last;

  const lift = (e: number): void => {
    next[prev[e]!] = next[e]!;
    prev[next[e]!] = prev[e]!;
    if (isInfo[e >> 1] === 0) {
      const r = e + 1;
      next[prev[r]!] = next[r]!;
      prev[next[r]!] = prev[r]!;
    }
  };
  const unlift = (e: number): void => {
    if (isInfo[e >> 1] === 0) {
      const r = e + 1;
      prev[next[r]!] = r;
      next[prev[r]!] = r;
    }
    prev[next[e]!] = e;
    next[prev[e]!] = e;
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
    bestBlocked = ret === TAIL ? -1 : ret >> 1;
    if (bestBlocked >= 0 && !bestCandidates.includes(bestBlocked)) bestCandidates.push(bestBlocked);
  };

  eagerClose();
  let entry = next[HEAD]!;
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
    if ((entry & 1) === 0 && entry !== TAIL) {
      if (roOk[entry >> 1] === 1 || !tryOp(entry, 0)) entry = next[entry]!;
      else entry = next[HEAD]!;
      continue;
    }
    // A return entry: its op must already be linearized. Backtrack.
    recordStuck(entry);
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
      if (tryOp(e, choice + 1)) entry = next[HEAD]!;
      else entry = next[e]!;
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
    return { valid: 'unknown', reason: stopReason, steps, cacheEntries: cache.entries, states: table.size };
  }
  return { valid: true, steps, cacheEntries: cache.entries, states: table.size };
}

/** buildWitness explains the deepest stuck point: which candidates cannot come next there, and why. */
function buildWitness<S>(
  ops: readonly Operation[],
  model: HintedModel<S>,
  stateAfter: S,
  prefix: readonly number[],
  candidates: readonly number[],
  blocked: number,
): Witness {
  const stuck: StuckOp[] = [];
  const others: number[] = [];
  const stranded = strandedBy(ops, model, stateAfter, prefix);
  for (const i of candidates) {
    const op = ops[i]!;
    const out = model.step(stateAfter, op);
    if (out === INCONSISTENT || (Array.isArray(out) && out.length === 0 && model.taggedSeveral !== true)) {
      const reason =
        model.explainInconsistent?.(stateAfter, op) ??
        `${model.describeOp(op)} cannot happen in state ${model.describeState(stateAfter)}`;
      stuck.push({ op: i, reason });
      continue;
    }
    const reason = stranded?.(i, out);
    if (reason !== undefined) stuck.push({ op: i, reason });
    else others.push(i);
  }
  if (stuck.length === 0 && blocked >= 0) {
    // Every candidate was legal, but each continuation failed later: report the op whose return blocked.
    stuck.push({ op: blocked, reason: `${model.describeOp(ops[blocked]!)} must be linearized here, but every order that includes it fails later` });
    others.splice(others.indexOf(blocked), 1);
  }
  return { prefix: [...prefix], stateAfter, stuck, candidates: others };
}

/**
 * strandedBy explains optimization (e) for people: a legal op that moves the state away from a value
 * an unlinearized ok op still needs, when nothing left can produce that value again.
 */
function strandedBy<S>(
  ops: readonly Operation[],
  model: HintedModel<S>,
  state: S,
  prefix: readonly number[],
): ((i: number, out: unknown) => string | undefined) | undefined {
  const vd = model.valueDiscipline;
  if (vd === undefined) return undefined;
  const key = vd.stateKey(state);
  const done = new Set(prefix);
  return (i, out) => {
    if (Array.isArray(out) || model.equal(out as S, state)) return undefined;
    let waiting: Operation | undefined;
    for (let j = 0; j < ops.length; j++) {
      if (j === i || done.has(j)) continue;
      if (vd.produced(ops[j]!) === key || vd.mayProduce?.(ops[j]!, key) === true) return undefined;
      if (waiting === undefined && vd.required(ops[j]!) === key) waiting = ops[j];
    }
    if (waiting === undefined) return undefined;
    const shown = model.describeState(state);
    return `${model.describeOp(ops[i]!)} would overwrite ${shown}, which ${model.describeOp(waiting)} (p${waiting.process}, #${waiting.invokeIndex}) still has to see, and nothing else writes ${shown}`;
  };
}

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
function unobservedInfoOps<S>(ops: readonly Operation[], model: HintedModel<S>): Set<number> {
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
interface ValueTracking {
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
function valueTracking<S>(ops: readonly Operation[], model: HintedModel<S>, table: StateTable<S>): ValueTracking | undefined {
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
