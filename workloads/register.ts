/**
 * registerWorkload and multiRegisterWorkload: reads, writes and compare-and-sets on registers,
 * checked for linearizability against the cas-register model (per key) and for eventual consistency
 * (checkers/eventual; store-order writes for the lww mode, real-time otherwise).
 */
import type { Generator } from '../src/generator/generator.js';
import { generate } from '../src/generator/generator.js';
import { keyNames } from '../src/generator/independent-keys.js';
import { eventualChecker, writeOrderFor } from './eventual-checker.js';
import { linearizableChecker } from './linearizable-checker.js';
import type { Workload, WorkloadOptions } from './workload.js';
import { defineWorkload } from './workload.js';

/** REGISTER_VALUES: writes and cas draw values from 0..VALUES-1 (small, so cas often succeeds). */
export const REGISTER_VALUES = 5;

/**
 * registerOps draws read (value null), write (value v) and cas ([from, to]) uniformly, on `keys`
 * (one drawn per op; a single key when there is one).
 */
export function registerOps(keys: readonly string[]): Generator {
  return generate((rng) => {
    const [which, r1] = rng.int(3);
    const [key, r2] = keys.length === 1 ? [keys[0] as string, r1] : r1.pick(keys);
    if (which === 0) return [{ f: 'read', key, value: null }, r2];
    const [a, r3] = r2.int(REGISTER_VALUES);
    if (which === 1) return [{ f: 'write', key, value: a }, r3];
    const [b, r4] = r3.int(REGISTER_VALUES);
    return [{ f: 'cas', key, value: [a, b] }, r4];
  });
}

/**
 * registerWorkload: one register "r"; checkers: linearizable (cas-register) and eventual, whose write
 * order follows `options.mode` (writeOrderFor); `options.keys` is ignored.
 */
export function registerWorkload(options: Partial<WorkloadOptions> = {}): Workload {
  const keys = ['r'];
  return defineWorkload({
    name: 'register',
    description: 'read/write/cas on one register, checked for linearizability',
    generator: registerOps(keys),
    final: { keys },
    checkers: [linearizableChecker('cas-register'), eventualChecker(writeOrderFor(options.mode))],
  });
}

/** multiRegisterWorkload: `keys` independent registers k0..; checkers: linearizable per key and eventual (as registerWorkload). */
export function multiRegisterWorkload(options: WorkloadOptions): Workload {
  const keys = keyNames(options.keys);
  return defineWorkload({
    name: 'multi-register',
    description: `read/write/cas on ${keys.length} independent registers, each checked for linearizability`,
    generator: registerOps(keys),
    final: { keys },
    checkers: [linearizableChecker('cas-register'), eventualChecker(writeOrderFor(options.mode))],
  });
}
