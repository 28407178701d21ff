/**
 * uniqueRegisterOps: reads and writes on a few registers where every write carries a fresh value
 * (1, 2, 3, …), so each read names the one write it observed — what makes staleness, lost writes and
 * phantoms exact, and the linearizability search fast.
 */
import type { Generator } from '../generator/generator.js';
import { pending } from '../generator/generator.js';
import type { Process } from '../core/event.js';

/**
 * uniqueRegisterOps draws, for a free process chosen uniformly, a read (share `readShare` in [0, 1])
 * or a write of the next value (starting at `nextValue`, ≥ 1), on a key drawn uniformly from `keys`
 * (non-empty). Endless and pure; wrap it in a time limit. The process is drawn, not the first free
 * one: a process retired after a timeout comes back with a higher id, and "first free" would starve
 * its thread — and with it every client of the node that timed out, the very node a demo watches.
 */
export function uniqueRegisterOps(keys: readonly string[], readShare = 0.5, nextValue = 1): Generator {
  if (keys.length === 0) throw new RangeError('uniqueRegisterOps: no keys');
  const self: Generator = {
    op(ctx) {
      const clients = ctx.freeProcesses.filter((p) => p !== 'nemesis');
      if (clients.length === 0) return pending(self);
      const [process, r0] = clients.length === 1 ? [clients[0] as Process, ctx.rng] : ctx.rng.pick(clients);
      const [u, r1] = r0.float();
      const [key, r2] = keys.length === 1 ? [keys[0] as string, r1] : r1.pick(keys);
      if (u < readShare) return { type: 'op', op: { f: 'read', key, value: null, process, timeNs: ctx.timeNs }, next: self, rng: r2 };
      return {
        type: 'op',
        op: { f: 'write', key, value: nextValue, process, timeNs: ctx.timeNs },
        next: uniqueRegisterOps(keys, readShare, nextValue + 1),
        rng: r2,
      };
    },
  };
  return self;
}
