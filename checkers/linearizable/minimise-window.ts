/**
 * minimiseWindow: find a short end of history that already fails, so counterexamples stay small.
 *
 * The history observed up to time T keeps every op called by T; ops still running at T become info
 * (their outcome was not yet known). Linearizability is prefix-closed — a linearizable history has
 * linearizable observed prefixes — so if the prefix at T fails, so does every later one, and the
 * smallest failing T is found by binary search over return times. Each probe is a bounded search
 * (a probe that runs out counts as "not shown to fail"). Pure apart from reading the clock.
 */
import type { PartResult } from '../../src/core/check-result.js';
import type { Model } from '../../src/core/model.js';
import type { Operation } from '../../src/core/operation.js';
import type { SearchBudget } from './budget.js';
import { buildCounterexample } from './counterexample.js';
import type { HintedModel } from './models/checker-hints.js';
import { zoneOverlap } from './refute.js';
import type { SearchOutcome } from './wgl.js';
import { checkOperations } from './wgl.js';

/** MinimisedWindow is the shortest failing observed prefix: its ops, their originals, and the outcome. */
export interface MinimisedWindow {
  /** The prefix's ops (rewritten: pending ops as info); indices match `originals`. */
  ops: Operation[];
  originals: Operation[];
  outcome: SearchOutcome;
  fromNs: number;
  toNs: number;
}

/** observedPrefix returns the history as observed at time `t` (see file header), with originals. */
export function observedPrefix(ops: readonly Operation[], t: number): { ops: Operation[]; originals: Operation[] } {
  const out: Operation[] = [];
  const originals: Operation[] = [];
  for (const op of ops) {
    if (op.callNs > t) continue;
    originals.push(op);
    out.push(op.returnNs <= t ? op : { ...op, status: 'info', output: undefined, returnNs: Infinity });
  }
  return { ops: out, originals };
}

/**
 * minimiseWindow returns the shortest failing observed prefix of `ops` (known to be invalid), or
 * undefined when no probe could show a shorter one. `probeSteps` bounds each probe's model steps and
 * `totalSteps` all probes together; `budget` (deadline, signal) bounds the whole effort; at most
 * `maxProbes` probes run. `guessNs` (optional) is where the failure probably ends (the search's
 * stuck op returned then): the binary search probes it first and then the return time just before
 * it, so when the guess is right two probes settle the window. Any guess keeps the answer exact:
 * it only chooses which midpoints are probed. `totalOps` bounds the probes' sizes summed (every
 * probe costs at least its size, however few steps its search takes).
 */
export function minimiseWindow<S>(
  ops: readonly Operation[],
  model: Model<S>,
  budget: SearchBudget,
  probeSteps: number,
  maxProbes = 24,
  totalSteps = 8 * probeSteps,
  guessNs?: number,
  totalOps = Infinity,
): MinimisedWindow | undefined {
  const times = [...new Set(ops.filter((o) => o.status === 'ok').map((o) => o.returnNs))].sort((a, b) => a - b);
  if (times.length === 0) return undefined;
  let lo = 0;
  let hi = times.length - 1;
  let best: MinimisedWindow | undefined;
  let probes = 0;
  let spent = 0;
  let opsSpent = 0;
  const probeBudget: SearchBudget = { ...budget, maxSteps: probeSteps };
  // The guess as an index into times (the last time ≤ guessNs), then its predecessor.
  let guess = guessNs === undefined ? -1 : lastAtMost(times, guessNs);
  while (lo <= hi && probes < maxProbes && spent < totalSteps && opsSpent < totalOps) {
    let mid = (lo + hi) >> 1;
    if (guess >= lo && guess <= hi) {
      mid = guess;
      guess = best === undefined && probes === 0 ? guess - 1 : -1;
    } else guess = -1;
    const t = times[mid]!;
    const p = observedPrefix(ops, t);
    const outcome = checkOperations(p.ops, model, probeBudget);
    probes++;
    spent += outcome.steps;
    opsSpent += p.ops.length;
    if (outcome.valid === false) {
      const fromNs = p.originals.reduce((m, o) => Math.min(m, o.callNs), Infinity);
      best = { ops: p.ops, originals: p.originals, outcome, fromNs, toNs: t };
      hi = mid - 1;
    } else {
      guess = -1;
      if (budget.signal?.aborted === true || (budget.deadlineMs !== undefined && Date.now() > budget.deadlineMs)) break;
      lo = mid + 1;
    }
  }
  return best;
}

/** lastAtMost returns the index of the last element of sorted `xs` that is ≤ x (-1 when none). */
function lastAtMost(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** SHRINK_MIN_PROBE_STEPS: the least model steps one shrinking probe may take. */
export const SHRINK_MIN_PROBE_STEPS = 1_000;
/** SHRINK_MIN_TOTAL_STEPS: the least model steps all of one part's shrinking probes may take. */
export const SHRINK_MIN_TOTAL_STEPS = 4_000;
/** SHRINK_OPS_FACTOR: all probes of one part together hold at most this many times its ops. */
export const SHRINK_OPS_FACTOR = 4;

/**
 * shrinkCounterexample is the step after an invalid verdict: it replaces `result`'s counterexample
 * (built from the whole part by checkPart with `minimise: false`) by the one of the shortest failing
 * observed prefix, with that window. Bounded by the verdict's own work, so shrinking costs about
 * what deciding did: each probe at most max(SHRINK_MIN_PROBE_STEPS, 2 × the verdict's steps), all
 * probes max(SHRINK_MIN_TOTAL_STEPS, 4 × the verdict's steps) and SHRINK_OPS_FACTOR × the part's
 * ops (summed over the probes' prefixes), and the budget's deadline; probes
 * start at the stuck ops' latest return time. A probe that runs out counts as "not shown to fail",
 * so the window always fails but may be longer than the shortest one when the bound cuts in. `verdictMs` keeps the time to the verdict; `elapsedMs` grows by
 * the shrinking. Returns `result` unchanged when there is nothing to shrink (no prefix, one op).
 */
export function shrinkCounterexample<S>(result: PartResult, ops: readonly Operation[], model: Model<S>, budget: SearchBudget): PartResult {
  const c = result.counterexample;
  if (result.valid !== false) return result;
  if (c === undefined || c.linearized.length === 0) return { ...result, verdictMs: result.verdictMs ?? result.elapsedMs };
  const t0 = performance.now();
  // A refutation by zones (refute.ts) names a few ops: its window is smaller than any failing
  // prefix, and it costs O(n log n), so it is tried first.
  const zones = zoneOverlap(ops, model as HintedModel<S>);
  if (zones !== undefined) {
    const counterexample = buildCounterexample(ops, model, zones.witness);
    counterexample.window = proofWindow(ops, zones.proofOps);
    return { ...result, counterexample, verdictMs: result.verdictMs ?? result.elapsedMs, elapsedMs: result.elapsedMs + (performance.now() - t0) };
  }
  let guess: number | undefined;
  for (const s of c.stuck) if (s.op.returnNs !== null) guess = Math.max(guess ?? -Infinity, s.op.returnNs);
  const steps = result.steps ?? 0;
  const w = minimiseWindow(
    ops,
    model,
    budget,
    Math.max(SHRINK_MIN_PROBE_STEPS, 2 * steps),
    24,
    Math.max(SHRINK_MIN_TOTAL_STEPS, 4 * steps),
    guess,
    SHRINK_OPS_FACTOR * ops.length,
  );
  const verdictMs = result.verdictMs ?? result.elapsedMs;
  if (w?.outcome.witness === undefined) return { ...result, verdictMs, elapsedMs: result.elapsedMs + (performance.now() - t0) };
  const originals = w.originals;
  const counterexample = buildCounterexample(w.ops, model, w.outcome.witness, (i) => originals[i]!);
  counterexample.window = { fromNs: w.fromNs, toNs: w.toNs, ops: w.ops.length };
  return { ...result, counterexample, verdictMs, elapsedMs: result.elapsedMs + (performance.now() - t0) };
}

/** proofWindow is the time span of the ops (indexes into `ops`) that prove a part invalid, with the number of ops called in it. */
export function proofWindow(ops: readonly Operation[], proofOps: readonly number[]): { fromNs: number; toNs: number; ops: number } {
  const proof = proofOps.map((i) => ops[i]!);
  const from = Math.min(...proof.map((o) => o.callNs));
  const to = Math.max(...proof.map((o) => (Number.isFinite(o.returnNs) ? o.returnNs : o.callNs)));
  return { fromNs: from, toNs: to, ops: ops.filter((o) => o.callNs >= from && o.callNs <= to).length };
}
