/**
 * bruteForceCheck: the reference linearizability checker, obviously correct and exponential. It
 * tries every order of the ops consistent with real time (op Y precedes X when Y returned strictly
 * before X was called), every possible next state of nondeterministic steps, and lets info ops be
 * left out (they may never have happened). Used by the differential tests; keep inputs to ~8 ops.
 */
import type { Model } from '../../src/core/model.js';
import { INCONSISTENT } from '../../src/core/model.js';
import type { Operation } from '../../src/core/operation.js';
import type { HintedModel } from './models/checker-hints.js';
import { nextStates } from './models/checker-hints.js';

/** BRUTE_FORCE_MAX_OPS is the largest part bruteForceCheck accepts. */
export const BRUTE_FORCE_MAX_OPS = 12;

/**
 * bruteForceCheck returns true when `ops` are linearizable with respect to `model`, else false.
 * Pure. Throws a RangeError for more than BRUTE_FORCE_MAX_OPS ops.
 */
export function bruteForceCheck<S>(ops: readonly Operation[], model: Model<S>): boolean {
  if (ops.length > BRUTE_FORCE_MAX_OPS) throw new RangeError(`bruteForceCheck: ${ops.length} ops is too many`);
  const hinted = model as HintedModel<S>;
  const done = new Array<boolean>(ops.length).fill(false);
  const explore = (state: S): boolean => {
    let anyOkLeft = false;
    for (let i = 0; i < ops.length; i++) if (!done[i] && ops[i]!.status === 'ok') anyOkLeft = true;
    if (!anyOkLeft) return true;
    for (let i = 0; i < ops.length; i++) {
      if (done[i]) continue;
      const x = ops[i]!;
      let minimal = true;
      for (let j = 0; j < ops.length; j++) {
        if (!done[j] && j !== i && ops[j]!.returnNs < x.callNs) minimal = false;
      }
      if (!minimal) continue;
      for (const s of nextStates(hinted, model.step(state, x), INCONSISTENT)) {
        done[i] = true;
        const ok = explore(s);
        done[i] = false;
        if (ok) return true;
      }
    }
    return false;
  };
  return explore(model.init());
}
