/**
 * keyGroups: bounded keys, Jepsen's way (its independent concurrent generator). `keys` slots are
 * worked on at once; each slot walks its own sequence of fresh keys and moves on after `opsPerKey`
 * ops (or when its per-key generator is done), so no key's history grows past `opsPerKey` ops and a
 * long run adds keys, not ever-harder searches on one key.
 *
 * Slot s's j-th key is `k{j·keys + s}` (slot 0: k0, k{keys}, …), so slots never share a key.
 * Access 'groups': the worker threads are split into `keys` contiguous groups (thread t belongs to
 * group ⌊t·keys/threads⌋), and a process only works on its group's slot — n processes per key, as
 * in Jepsen; with threads t → node t mod nodes, a group of ≥ nodes threads spans every node. A
 * retired process's successor keeps its thread, hence its group. Access 'shared': every op goes to
 * a slot drawn uniformly, so every process may touch every live key (the multi-register workload).
 */
import type { Process } from '../core/event.js';
import type { GenContext, GenResult, Generator } from './generator.js';
import { pending } from './generator.js';

/** KeyGroupsOptions: keys worked on at once (≥ 1), ops per key before moving on (≥ 1), who may touch which key. */
export interface KeyGroupsOptions {
  keys: number;
  opsPerKey: number;
  access: 'groups' | 'shared';
}

/** keyOfSlot names slot `slot`'s `round`-th key (0-based) when `keys` slots are live: k{round·keys + slot}. */
export function keyOfSlot(slot: number, round: number, keys: number): string {
  return `k${round * keys + slot}`;
}

/** groupOfThread: the key group of worker thread `thread` (0 ≤ thread < threads) among `keys` groups. */
export function groupOfThread(thread: number, threads: number, keys: number): number {
  return Math.min(keys - 1, Math.floor((thread * keys) / threads));
}

/** groupSizes: how many of `threads` worker threads each of `keys` groups gets (contiguous split). */
export function groupSizes(threads: number, keys: number): number[] {
  const sizes = new Array<number>(keys).fill(0);
  for (let t = 0; t < threads; t++) {
    const g = groupOfThread(t, threads, keys);
    sizes[g] = (sizes[g] ?? 0) + 1;
  }
  return sizes;
}

interface Slot {
  readonly round: number;
  readonly used: number;
  readonly gen: Generator;
}

/**
 * keyGroups runs `perKey(key)` on each live key (see the file header). A free client process is
 * drawn uniformly; its slot's generator is asked with that process as the only free one. `perKey`
 * must not answer pending while it is given a free process (endless per-key generators such as
 * registerKeyOps never do). Pure and immutable; endless unless a fresh key's generator is done at once.
 */
export function keyGroups(options: KeyGroupsOptions, perKey: (key: string) => Generator): Generator {
  const { keys, opsPerKey } = options;
  if (!(Number.isInteger(keys) && keys >= 1)) throw new RangeError(`keyGroups: keys must be a positive integer, not ${keys}`);
  if (!(Number.isInteger(opsPerKey) && opsPerKey >= 1)) throw new RangeError(`keyGroups: opsPerKey must be a positive integer, not ${opsPerKey}`);
  const slots: Slot[] = Array.from({ length: keys }, (_, s) => ({ round: 0, used: 0, gen: perKey(keyOfSlot(s, 0, keys)) }));
  return fromSlots(options, perKey, slots);
}

function fromSlots(options: KeyGroupsOptions, perKey: (key: string) => Generator, slots: readonly Slot[]): Generator {
  const { keys, opsPerKey, access } = options;
  const self: Generator = {
    op(ctx: GenContext): GenResult {
      const free = ctx.freeProcesses.filter((p): p is number => p !== 'nemesis');
      if (free.length === 0) return pending(self);
      const [i, afterPick] = free.length === 1 ? [0, ctx.rng] : ctx.rng.int(free.length);
      const process = free[i] as number;
      let rng = afterPick;
      let s: number;
      if (access === 'groups') s = groupOfThread(process % ctx.threads, ctx.threads, keys);
      else [s, rng] = keys === 1 ? [0, rng] : rng.int(keys);
      let slot = slots[s] as Slot;
      const sub: GenContext = { ...ctx, freeProcesses: [process as Process], rng };
      let r = slot.gen.op(sub);
      if (r.type === 'done') {
        // The key's generator ended early: the slot moves on to its next key, asked once.
        slot = { round: slot.round + 1, used: 0, gen: perKey(keyOfSlot(s, slot.round + 1, keys)) };
        r = slot.gen.op(sub);
        if (r.type === 'done') return r;
      }
      if (r.type === 'pending') return pending(fromSlots(options, perKey, replace(slots, s, { ...slot, gen: r.next })), r.wakeNs);
      const used = slot.used + 1;
      const after: Slot =
        used >= opsPerKey
          ? { round: slot.round + 1, used: 0, gen: perKey(keyOfSlot(s, slot.round + 1, keys)) }
          : { round: slot.round, used, gen: r.next };
      return { ...r, next: fromSlots(options, perKey, replace(slots, s, after)) };
    },
  };
  return self;
}

function replace<T>(xs: readonly T[], i: number, x: T): T[] {
  const out = xs.slice();
  out[i] = x;
  return out;
}
