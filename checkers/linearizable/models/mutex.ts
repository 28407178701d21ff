/**
 * mutex: a lock. `acquire` (or `lock`) needs it free and takes it; `release` (or `unlock`) needs it
 * held and frees it. Outputs are ignored. The state is whether the lock is held (initially free).
 * An info acquire/release that cannot happen now is INCONSISTENT here (it may happen later or never).
 * Pure.
 */
import { INCONSISTENT } from '../../../src/core/model.js';
import type { HintedModel } from './checker-hints.js';
import { suffixOf } from './op-kinds.js';

const isAcquire = (f: string): boolean => f === 'acquire' || f === 'lock';
const isRelease = (f: string): boolean => f === 'release' || f === 'unlock';

/** mutexModel builds the mutex model. */
export function mutexModel(): HintedModel<boolean> {
  return {
    name: 'mutex',
    init: () => false,
    step(held, op) {
      if (isAcquire(op.f)) return held ? INCONSISTENT : true;
      if (isRelease(op.f)) return held ? false : INCONSISTENT;
      return INCONSISTENT;
    },
    equal: (a, b) => a === b,
    hash: (s) => (s ? 1 : 2),
    readOnly: () => false,
    observes: (op) => op.status === 'ok' && (isAcquire(op.f) || isRelease(op.f)),
    describeOp: (op) => `${op.f}()${suffixOf(op.status)}`,
    describeState: (held) => (held ? 'held' : 'free'),
    explainInconsistent(held, op) {
      if (isAcquire(op.f)) return `${op.f}() succeeded but the lock is already held`;
      if (isRelease(op.f)) return `${op.f}() but the lock is free`;
      return `unknown operation "${op.f}" for the mutex model`;
    },
  };
}
