/**
 * registerWorkload and multiRegisterWorkload: reads, writes and compare-and-sets on registers,
 * checked for linearizability against the cas-register model (per key) and for eventual consistency
 * (checkers/eventual; store-order writes for the lww mode, real-time otherwise).
 *
 * Bounded keys (Jepsen's independent keys): `keys` registers are worked on at once, and each moves
 * on to a fresh key after `opsPerKey` ops (src/generator/key-groups.ts), so every key's history stays
 * small however long the run. register binds each key to its own group of processes (n processes
 * per key, as Jepsen's concurrent generator); multi-register lets every process touch every live key.
 * The final phase reads every key the run touched.
 *
 * Values: 'unique' (the default) gives every write and every cas' new value a value never used
 * before on that key (1, 2, 3, …), so a read names the one write it observed (reads-from is known
 * and the linearizability search is cut short); 'small' draws them from 0..4 as Jepsen's cas-register
 * tests do (more successful cas, ambiguous reads).
 */
import type { Generator } from '../src/generator/generator.js';
import { pending } from '../src/generator/generator.js';
import { keyGroups } from '../src/generator/key-groups.js';
import { eventualChecker, writeOrderFor } from './eventual-checker.js';
import { linearizableChecker } from './linearizable-checker.js';
import type { ValuesMode, Workload, WorkloadOptions } from './workload.js';
import { DEFAULT_OPS_PER_KEY, defineWorkload } from './workload.js';

/** REGISTER_VALUES: with `values: 'small'`, writes and cas draw values from 0..REGISTER_VALUES-1. */
export const REGISTER_VALUES = 5;

/** CAS_RECENT: with unique values, a cas compares against one of the last CAS_RECENT values issued on its key. */
export const CAS_RECENT = 3;

/**
 * registerKeyOps draws read (value null), write (value v) and cas ([from, to]) uniformly on `key`,
 * for one free process (drawn uniformly). Unique values: v and to are 1, 2, 3, … in issue order (a
 * counter per key), and a cas' `from` is drawn from the last CAS_RECENT values issued (before any
 * was, a cas is drawn as a write). Small values: every value from 0..REGISTER_VALUES-1. Endless, pure.
 */
export function registerKeyOps(key: string, values: ValuesMode = 'unique'): Generator {
  return values === 'small' ? smallOps(key) : uniqueOps(key, 1, []);
}

function smallOps(key: string): Generator {
  const self: Generator = {
    op(ctx) {
      const process = ctx.freeProcesses[0];
      if (process === undefined) return pending(self);
      const [which, r1] = ctx.rng.int(3);
      const at = { process, timeNs: ctx.timeNs, key };
      if (which === 0) return { type: 'op', op: { f: 'read', value: null, ...at }, next: self, rng: r1 };
      const [a, r2] = r1.int(REGISTER_VALUES);
      if (which === 1) return { type: 'op', op: { f: 'write', value: a, ...at }, next: self, rng: r2 };
      const [b, r3] = r2.int(REGISTER_VALUES);
      return { type: 'op', op: { f: 'cas', value: [a, b], ...at }, next: self, rng: r3 };
    },
  };
  return self;
}

function uniqueOps(key: string, nextValue: number, recent: readonly number[]): Generator {
  const self: Generator = {
    op(ctx) {
      const process = ctx.freeProcesses[0];
      if (process === undefined) return pending(self);
      const [which, r1] = ctx.rng.int(3);
      const at = { process, timeNs: ctx.timeNs, key };
      if (which === 0) return { type: 'op', op: { f: 'read', value: null, ...at }, next: self, rng: r1 };
      const issued = [...recent, nextValue].slice(-CAS_RECENT);
      const next = uniqueOps(key, nextValue + 1, issued);
      if (which === 1 || recent.length === 0) return { type: 'op', op: { f: 'write', value: nextValue, ...at }, next, rng: r1 };
      const [from, r2] = r1.pick(recent);
      return { type: 'op', op: { f: 'cas', value: [from, nextValue], ...at }, next, rng: r2 };
    },
  };
  return self;
}

/**
 * registerWorkload: `keys` registers at once, each worked on by its own group of processes (the
 * worker threads split into `keys` contiguous groups; needs threads ≥ keys), each group moving to a
 * fresh key after `opsPerKey` ops. Checkers: linearizable (cas-register) and eventual, whose write
 * order follows `options.mode` (writeOrderFor). Final reads: every key touched.
 */
export function registerWorkload(options: Partial<WorkloadOptions> = {}): Workload {
  const keys = options.keys ?? 1;
  const values = options.values ?? 'unique';
  return defineWorkload({
    name: 'register',
    description: `read/write/cas on ${keys} register${keys === 1 ? '' : 's'} at once (a group of processes each, a fresh key every ${options.opsPerKey ?? DEFAULT_OPS_PER_KEY} ops), checked for linearizability`,
    generator: keyGroups({ keys, opsPerKey: options.opsPerKey ?? DEFAULT_OPS_PER_KEY, access: 'groups' }, (key) => registerKeyOps(key, values)),
    final: { keys: 'touched' },
    checkers: [linearizableChecker('cas-register'), eventualChecker(writeOrderFor(options.mode))],
  });
}

/**
 * multiRegisterWorkload: `keys` registers at once, every op on one drawn uniformly (any process may
 * touch any live key), each moving to a fresh key after `opsPerKey` ops; checkers as registerWorkload.
 */
export function multiRegisterWorkload(options: WorkloadOptions): Workload {
  const values = options.values ?? 'unique';
  const opsPerKey = options.opsPerKey ?? DEFAULT_OPS_PER_KEY;
  return defineWorkload({
    name: 'multi-register',
    description: `read/write/cas on ${options.keys} independent registers at once (a fresh key every ${opsPerKey} ops), each checked for linearizability`,
    generator: keyGroups({ keys: options.keys, opsPerKey, access: 'shared' }, (key) => registerKeyOps(key, values)),
    final: { keys: 'touched' },
    checkers: [linearizableChecker('cas-register'), eventualChecker(writeOrderFor(options.mode))],
  });
}
