/**
 * minimiseWindow: find a short end of history that already fails, so counterexamples stay small.
 *
 * The history observed up to time T keeps every op called by T; ops still running at T become info
 * (their outcome was not yet known). Linearizability is prefix-closed — a linearizable history has
 * linearizable observed prefixes — so if the prefix at T fails, so does every later one, and the
 * smallest failing T is found by binary search over return times. Each probe is a bounded search
 * (a probe that runs out counts as "not shown to fail"). Pure apart from reading the clock.
 */
import type { Model } from '../../src/core/model.js';
import type { Operation } from '../../src/core/operation.js';
import type { SearchBudget } from './budget.js';
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
 * `maxProbes` probes run.
 */
export function minimiseWindow<S>(
  ops: readonly Operation[],
  model: Model<S>,
  budget: SearchBudget,
  probeSteps: number,
  maxProbes = 24,
  totalSteps = 8 * probeSteps,
): MinimisedWindow | undefined {
  const times = [...new Set(ops.filter((o) => o.status === 'ok').map((o) => o.returnNs))].sort((a, b) => a - b);
  if (times.length === 0) return undefined;
  let lo = 0;
  let hi = times.length - 1;
  let best: MinimisedWindow | undefined;
  let probes = 0;
  let spent = 0;
  const probeBudget: SearchBudget = { ...budget, maxSteps: probeSteps };
  while (lo <= hi && probes < maxProbes && spent < totalSteps) {
    const mid = (lo + hi) >> 1;
    const t = times[mid]!;
    const p = observedPrefix(ops, t);
    const outcome = checkOperations(p.ops, model, probeBudget);
    probes++;
    spent += outcome.steps;
    if (outcome.valid === false) {
      const fromNs = p.originals.reduce((m, o) => Math.min(m, o.callNs), Infinity);
      best = { ops: p.ops, originals: p.originals, outcome, fromNs, toNs: t };
      hi = mid - 1;
    } else {
      if (budget.signal?.aborted === true || (budget.deadlineMs !== undefined && Date.now() > budget.deadlineMs)) break;
      lo = mid + 1;
    }
  }
  return best;
}
