/**
 * counterWorkload: increments and reads of one counter; every read must lie within
 * [acknowledged sum, attempted sum] (checkers/counter.ts).
 */
import type { HistoryEvent } from '../src/core/event.js';
import type { Generator } from '../src/generator/generator.js';
import { generate } from '../src/generator/generator.js';
import { checkCounter, checkCounterKeyed } from '../checkers/counter.js';
import type { Workload } from './workload.js';
import { defineWorkload } from './workload.js';

/** counterOps: 70% `incr` by 1..3, 30% reads, on `key`. */
export function counterOps(key: string): Generator {
  return generate((rng) => {
    const [u, r1] = rng.float();
    if (u < 0.3) return [{ f: 'read', key, value: null }, r1];
    const [n, r2] = r1.int(3);
    return [{ f: 'incr', key, value: n + 1 }, r2];
  });
}

/** counterWorkload: key "c"; final reads on every node; checker: counter. */
export function counterWorkload(): Workload {
  return defineWorkload({
    name: 'counter',
    description: 'increments and reads of a counter; reads within [acknowledged, attempted]',
    generator: counterOps('c'),
    final: { keys: ['c'] },
    checkers: [
      {
        name: 'counter',
        check: async (events: readonly HistoryEvent[]) => ({ ...checkCounter(events) }),
        checkKeyed: async (history) => ({ ...checkCounterKeyed(history) }),
      },
    ],
  });
}
