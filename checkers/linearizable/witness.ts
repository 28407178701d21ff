/**
 * buildWitness: explain the search's deepest stuck point — which candidates cannot come next there,
 * and why (the model's reason, or that the move would strand an op that still needs the value). Pure.
 */
import { INCONSISTENT } from '../../src/core/model.js';
import type { Operation } from '../../src/core/operation.js';
import type { HintedModel } from './models/checker-hints.js';
import type { StuckOp, Witness } from './wgl.js';

/** buildWitness builds the Witness for the stuck point (`blocked`: the op whose return stopped the search, or -1). */
export function buildWitness<S>(
  ops: readonly Operation[],
  model: HintedModel<S>,
  stateAfter: S,
  prefix: readonly number[],
  candidates: readonly number[],
  blocked: number,
): Witness {
  const stuck: StuckOp[] = [];
  const others: number[] = [];
  const overwriters: number[] = [];
  let waiting = -1;
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
    const w = stranded?.(i, out);
    if (w !== undefined) {
      overwriters.push(i);
      if (waiting < 0) waiting = w;
    } else others.push(i);
  }
  if (waiting >= 0) {
    // The op that still needs the current value is the heart of the problem: put it first.
    const shown = model.describeState(stateAfter);
    const first = ops[blocked >= 0 ? blocked : overwriters[0]!]!;
    stuck.unshift({
      op: waiting,
      reason: `it still needs ${shown}, but ops that finished before it was called (such as ${model.describeOp(first)}, p${first.process}, #${first.invokeIndex}) cannot all be linearized without overwriting ${shown}, and nothing writes ${shown} again`,
    });
    others.unshift(...overwriters);
  }
  if (stuck.length === 0 && blocked >= 0) {
    // Every candidate was legal, but each continuation failed later: report the op whose return blocked.
    stuck.push({ op: blocked, reason: `${model.describeOp(ops[blocked]!)} must be linearized here, but every order that includes it fails later` });
    others.splice(others.indexOf(blocked), 1);
  }
  return { prefix: [...prefix], stateAfter, stuck, candidates: others };
}

/**
 * strandedBy explains optimization (e) for people: for a legal op i that moves the state away from a
 * value an unlinearized ok op still needs, when nothing left can produce that value again, it returns
 * the index of that waiting op (else undefined).
 */
function strandedBy<S>(
  ops: readonly Operation[],
  model: HintedModel<S>,
  state: S,
  prefix: readonly number[],
): ((i: number, out: unknown) => number | undefined) | undefined {
  const vd = model.valueDiscipline;
  if (vd === undefined) return undefined;
  const key = vd.stateKey(state);
  const done = new Set(prefix);
  return (i, out) => {
    if (Array.isArray(out) || model.equal(out as S, state)) return undefined;
    let waiting: number | undefined;
    for (let j = 0; j < ops.length; j++) {
      if (j === i || done.has(j)) continue;
      if (vd.produced(ops[j]!) === key || vd.mayProduce?.(ops[j]!, key) === true) return undefined;
      if (waiting === undefined && vd.required(ops[j]!) === key) waiting = j;
    }
    return waiting;
  };
}
