/**
 * setWorkload: unique adds to one set (with some reads during the test), then final reads on every
 * node; checked by checkers/set.ts (lost, unexpected, recovered, stale).
 */
import type { HistoryEvent } from '../src/core/event.js';
import type { Generator } from '../src/generator/generator.js';
import { pending, pickFreeProcess } from '../src/generator/generator.js';
import { checkSet, checkSetKeyed } from '../checkers/set.js';
import type { Workload } from './workload.js';
import { defineWorkload } from './workload.js';

/** READ_SHARE is the fraction of set ops that are reads during the main phase. */
export const SET_READ_SHARE = 0.2;

/** setOps adds 0, 1, 2, … (each element once) to `key`, with reads mixed in (SET_READ_SHARE). */
export function setOps(key: string, nextElement = 0): Generator {
  const self: Generator = {
    op(ctx) {
      const picked = pickFreeProcess(ctx);
      if (picked === undefined) return pending(self);
      const [process, r1] = picked;
      const [u, rng] = r1.float();
      if (u < SET_READ_SHARE) {
        return { type: 'op', op: { f: 'read', key, value: null, process, timeNs: ctx.timeNs }, next: self, rng };
      }
      return {
        type: 'op',
        op: { f: 'add', key, value: nextElement, process, timeNs: ctx.timeNs },
        next: setOps(key, nextElement + 1),
        rng,
      };
    },
  };
  return self;
}

/** setWorkload: key "s"; final reads on every node; checker: set. */
export function setWorkload(): Workload {
  return defineWorkload({
    name: 'set',
    description: 'unique adds to a set, then final reads on every node; lost and unexpected elements',
    generator: setOps('s'),
    final: { keys: ['s'], valueIsSet: true },
    checkers: [
      {
        name: 'set',
        check: async (events: readonly HistoryEvent[]) => ({ ...checkSet(events) }),
        checkKeyed: async (history) => ({ ...checkSetKeyed(history) }),
      },
    ],
  });
}
