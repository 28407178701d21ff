/**
 * eachProcess and onProcesses: who may run a generator's ops.
 */
import type { Process } from '../core/event.js';
import type { GenContext, GenLike, GenResult, Generator } from './generator.js';
import { earliest, lift, pending, withFree } from './generator.js';

/** ThreadKey names a worker thread: `p mod threads` for clients, "nemesis" for the nemesis. */
export function threadOf(process: Process, threads: number): number | 'nemesis' {
  return process === 'nemesis' ? 'nemesis' : process % threads;
}

/**
 * eachProcess gives every worker thread its own copy of `x` (Jepsen's each-thread): `once(read)`
 * under it is one read per thread. A retired process's successor continues its thread's copy. Done
 * when every thread's copy is done; the threads are those of `allProcesses` when first asked.
 */
export function eachProcess(x: GenLike): Generator {
  const template = lift(x);
  return {
    op(ctx) {
      const copies = new Map<number | 'nemesis', Generator>();
      for (const p of ctx.allProcesses) copies.set(threadOf(p, ctx.threads), template);
      return perThread(copies).op(ctx);
    },
  };
}

function perThread(copies: ReadonlyMap<number | 'nemesis', Generator>): Generator {
  return {
    op(ctx: GenContext): GenResult {
      let wakeNs: number | undefined;
      let changed: Map<number | 'nemesis', Generator> | undefined;
      let best: Extract<GenResult, { type: 'op' }> | undefined;
      let bestThread: number | 'nemesis' | undefined;
      for (const p of ctx.freeProcesses) {
        const thread = threadOf(p, ctx.threads);
        const g = (changed ?? copies).get(thread);
        if (g === undefined) continue;
        const r = g.op(withFree(ctx, (q) => q === p));
        if (r.type === 'done') {
          changed ??= new Map(copies);
          changed.delete(thread);
        } else if (r.type === 'pending') {
          wakeNs = earliest(wakeNs, r.wakeNs);
          if (r.next !== g) {
            changed ??= new Map(copies);
            changed.set(thread, r.next);
          }
        } else if (best === undefined || r.op.timeNs < best.op.timeNs) {
          best = r;
          bestThread = thread;
        }
      }
      const base = changed ?? new Map(copies);
      if (best !== undefined && bestThread !== undefined) {
        base.set(bestThread, best.next);
        return { ...best, next: perThread(base) };
      }
      if (base.size === 0) return { type: 'done' };
      return pending(perThread(base), wakeNs);
    },
  };
}

/** onProcesses restricts `x` to the processes `keep` accepts (Jepsen's on-threads). */
export function onProcesses(keep: (p: Process, threads: number) => boolean, x: GenLike): Generator {
  const inner = lift(x);
  return {
    op(ctx) {
      const narrowed = {
        ...withFree(ctx, (p) => keep(p, ctx.threads)),
        allProcesses: ctx.allProcesses.filter((p) => keep(p, ctx.threads)),
      };
      const r = inner.op(narrowed);
      if (r.type === 'op') return { ...r, next: onProcesses(keep, r.next) };
      if (r.type === 'pending') return pending(onProcesses(keep, r.next), r.wakeNs);
      return r;
    },
  };
}
