/**
 * phases and synchronize: run generators one after another, each starting only when every process
 * is idle (Jepsen's phases / synchronize).
 */
import type { GenLike, Generator } from './generator.js';
import { DONE, lift, pending } from './generator.js';

/** synchronize waits until all processes are free (no op in flight), then behaves as `x`. */
export function synchronize(x: GenLike): Generator {
  const inner = lift(x);
  const self: Generator = {
    op(ctx) {
      if (ctx.freeProcesses.length < ctx.allProcesses.length) return pending(self);
      return inner.op(ctx);
    },
  };
  return self;
}

/** phases runs each generator to done, waiting for all in-flight ops to finish before the next. */
export function phases(...xs: GenLike[]): Generator {
  const [head, ...rest] = xs;
  if (head === undefined) return DONE;
  return chain(synchronize(head), rest);
}

function chain(current: Generator, rest: GenLike[]): Generator {
  return {
    op(ctx) {
      const r = current.op(ctx);
      if (r.type === 'op') return { ...r, next: chain(r.next, rest) };
      if (r.type === 'pending') return pending(chain(r.next, rest), r.wakeNs);
      return phases(...rest).op(ctx);
    },
  };
}
