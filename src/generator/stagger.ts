/**
 * stagger, delay, rate, sleep, timeLimit: the time combinators. All time is the context's
 * `timeNs` (ns since the test began); none of them reads a clock.
 */
import type { GenContext, GenLike, GenResult, Generator } from './generator.js';
import { earliest, lift, pending } from './generator.js';

/**
 * stagger spaces ops by a uniformly random gap in [0, 2·dtNs) (mean dtNs), across all processes:
 * each op is scheduled no earlier than the previous op's time plus a fresh gap (Jepsen's stagger).
 */
export function stagger(dtNs: number, x: GenLike): Generator {
  return spaced(lift(x), undefined, (rng) => {
    const [f, next] = rng.float();
    return [f * 2 * dtNs, next];
  });
}

/** delay spaces ops exactly `dtNs` apart (the first goes at once). */
export function delay(dtNs: number, x: GenLike): Generator {
  return spaced(lift(x), undefined, (rng) => [dtNs, rng]);
}

/** rate emits on average `opsPerSec` ops per second in total (a stagger); ≤ 0 or Infinity = unthrottled. */
export function rate(opsPerSec: number, x: GenLike): Generator {
  if (!(opsPerSec > 0) || !Number.isFinite(opsPerSec)) return lift(x);
  return stagger(1e9 / opsPerSec, x);
}

function spaced(
  inner: Generator,
  nextNs: number | undefined,
  gap: (rng: GenContext['rng']) => [number, GenContext['rng']],
): Generator {
  return {
    op(ctx): GenResult {
      const r = inner.op(ctx);
      if (r.type === 'op') {
        const timeNs = Math.max(r.op.timeNs, nextNs ?? ctx.timeNs);
        const [dt, rng] = gap(r.rng);
        return { type: 'op', op: { ...r.op, timeNs }, rng, next: spaced(r.next, timeNs + dt, gap) };
      }
      if (r.type === 'pending') return pending(spaced(r.next, nextNs, gap), r.wakeNs);
      return r;
    },
  };
}

/** sleep emits nothing for `dtNs` after it is first asked, then is done (useful inside seq/phases). */
export function sleep(dtNs: number): Generator {
  return {
    op(ctx) {
      return sleepingUntil(ctx.timeNs + dtNs).op(ctx);
    },
  };
}

function sleepingUntil(untilNs: number): Generator {
  const self: Generator = {
    op: (ctx) => (ctx.timeNs >= untilNs ? { type: 'done' } : pending(self, untilNs)),
  };
  return self;
}

/**
 * timeLimit passes `x`'s ops through for `dtNs` from the moment it is first asked; an op scheduled at
 * or after the deadline ends it (Jepsen's time-limit).
 */
export function timeLimit(dtNs: number, x: GenLike): Generator {
  const inner = lift(x);
  return {
    op(ctx) {
      return until(ctx.timeNs + dtNs, inner).op(ctx);
    },
  };
}

function until(deadlineNs: number, inner: Generator): Generator {
  return {
    op(ctx) {
      if (ctx.timeNs >= deadlineNs) return { type: 'done' };
      const r = inner.op(ctx);
      if (r.type === 'op') {
        if (r.op.timeNs >= deadlineNs) return { type: 'done' };
        return { ...r, next: until(deadlineNs, r.next) };
      }
      if (r.type === 'pending') return pending(until(deadlineNs, r.next), earliest(r.wakeNs, deadlineNs));
      return r;
    },
  };
}

