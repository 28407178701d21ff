/**
 * mix: a random choice among generators for every op (Jepsen's mix).
 */
import type { GenLike, GenResult, Generator } from './generator.js';
import { DONE, lift, pending } from './generator.js';

/**
 * mix draws one of `xs` uniformly for each op (from the context's Random). A chosen generator that is
 * pending makes the mix pending; a done one is dropped; the mix is done when all are.
 */
export function mix(xs: readonly GenLike[]): Generator {
  const gens = xs.map(lift);
  if (gens.length === 0) return DONE;
  return {
    op(ctx): GenResult {
      const [i, rng] = ctx.rng.int(gens.length);
      const chosen = gens[i] as Generator;
      const r = chosen.op({ ...ctx, rng });
      if (r.type === 'op') return { ...r, next: mix(replace(gens, i, r.next)) };
      if (r.type === 'pending') return pending(mix(replace(gens, i, r.next)), r.wakeNs);
      const rest = gens.filter((_, j) => j !== i);
      // The draw that found a finished generator is not kept: the rest decide with the same Random.
      return mix(rest).op(ctx);
    },
  };
}

function replace<T>(xs: readonly T[], i: number, x: T): T[] {
  const out = xs.slice();
  out[i] = x;
  return out;
}

