/**
 * once, repeat, limit, seq, map: the counting and sequencing combinators (Jepsen's names).
 */
import type { GenContext, GenLike, GenResult, Generator } from './generator.js';
import { DONE, isGenerator, lift, pending } from './generator.js';

/** once emits a single op: the template once, or only the first op of a generator. */
export function once(x: GenLike): Generator {
  return limit(1, x);
}

/** limit emits at most `n` ops of `x` (n ≤ 0 → nothing), then is done. */
export function limit(n: number, x: GenLike): Generator {
  const inner = lift(x);
  if (n <= 0) return DONE;
  return {
    op(ctx) {
      const r = inner.op(ctx);
      if (r.type === 'op') return { ...r, next: limit(n - 1, r.next) };
      if (r.type === 'pending') return pending(limit(n, r.next), r.wakeNs);
      return r;
    },
  };
}

/**
 * repeat emits an op template forever (or `times` times); given a generator it runs it to done and
 * starts it again from its original value (Jepsen's cycle), `times` rounds or forever. A generator
 * that is done at once ends the repeat instead of spinning.
 */
export function repeat(x: GenLike, times = Infinity): Generator {
  if (!isGenerator(x)) return limit(times, x);
  return cycleFrom(x, x, times, false);
}

function cycleFrom(origin: Generator, current: Generator, rounds: number, emitted: boolean): Generator {
  if (rounds <= 0) return DONE;
  return {
    op(ctx: GenContext): GenResult {
      const r = current.op(ctx);
      if (r.type === 'op') return { ...r, next: cycleFrom(origin, r.next, rounds, true) };
      if (r.type === 'pending') return pending(cycleFrom(origin, r.next, rounds, emitted), r.wakeNs);
      if (!emitted && current === origin) return r;
      return cycleFrom(origin, origin, rounds - 1, false).op(ctx);
    },
  };
}

/** seq runs generators one after another with no synchronisation (Jepsen's vector of generators). */
export function seq(...xs: GenLike[]): Generator {
  const [head, ...rest] = xs;
  if (head === undefined) return DONE;
  const g = lift(head);
  return {
    op(ctx) {
      const r = g.op(ctx);
      if (r.type === 'op') return { ...r, next: seq(r.next, ...rest) };
      if (r.type === 'pending') return pending(seq(r.next, ...rest), r.wakeNs);
      return seq(...rest).op(ctx);
    },
  };
}

/** map transforms every op a generator emits (pure `fn`; process and time must be kept). */
export function map(fn: (op: GenResultOp) => GenResultOp, x: GenLike): Generator {
  const g = lift(x);
  return {
    op(ctx) {
      const r = g.op(ctx);
      if (r.type === 'op') return { ...r, op: fn(r.op), next: map(fn, r.next) };
      if (r.type === 'pending') return pending(map(fn, r.next), r.wakeNs);
      return r;
    },
  };
}

type GenResultOp = Extract<GenResult, { type: 'op' }>['op'];
