/**
 * independentKeys: spread a single-key workload over many keys, each checked on its own.
 */
import type { GenLike, Generator } from './generator.js';
import { lift, pending } from './generator.js';

/**
 * independentKeys gives every op of `x` a key drawn uniformly from `keys` (non-empty), so a
 * single-register schedule becomes a multi-register one whose keys are independent histories.
 * Ops that already carry a key keep it.
 */
export function independentKeys(keys: readonly string[], x: GenLike): Generator {
  if (keys.length === 0) throw new RangeError('independentKeys: no keys');
  const inner = lift(x);
  return {
    op(ctx) {
      const r = inner.op(ctx);
      if (r.type === 'op') {
        if (r.op.key !== undefined) return { ...r, next: independentKeys(keys, r.next) };
        const [key, rng] = r.rng.pick(keys);
        return { type: 'op', op: { ...r.op, key }, rng, next: independentKeys(keys, r.next) };
      }
      if (r.type === 'pending') return pending(independentKeys(keys, r.next), r.wakeNs);
      return r;
    },
  };
}

/** keyNames builds `count` key names k0..k{count-1}. */
export function keyNames(count: number): string[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => `k${i}`);
}
