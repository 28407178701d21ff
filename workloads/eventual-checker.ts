/**
 * eventualChecker: the Checker that runs checkers/eventual (convergence, phantoms, lost writes,
 * staleness) on a register history, and writeOrderFor, which picks its write order for a store mode.
 */
import type { HistoryEvent } from '../src/core/event.js';
import { type WriteOrder, checkEventual, checkEventualKeyed } from '../checkers/eventual/index.js';
import type { Checker } from './workload.js';

/** eventualChecker wraps checkEventual as a workload Checker (name "eventual") with `writeOrder`. Pure. */
export function eventualChecker(writeOrder: WriteOrder = 'real-time'): Checker {
  return {
    name: 'eventual',
    check: async (events: readonly HistoryEvent[]) => ({ ...checkEventual(events, { writeOrder }) }),
    checkKeyed: async (history) => ({ ...checkEventualKeyed(history, { writeOrder }) }),
  };
}

/**
 * writeOrderFor: 'store-order' for the built-in store's `lww` and `quorum` modes (last-writer-wins orders writes by
 * its own timestamps, which the history cannot see), 'real-time' for every other mode or none.
 */
export function writeOrderFor(mode: string | undefined): WriteOrder {
  return mode === 'lww' || mode === 'quorum' ? 'store-order' : 'real-time';
}
