/**
 * Workloads: each is a generator, a final phase and the checkers it needs (workload.ts is the
 * contract). register/multi-register (linearizable per key, eventual), set (set checker), counter
 * (counter checker); eventual-checker.ts and linearizable-checker.ts wrap the register checkers.
 */
import { FaultlineError } from '../src/core/errors.js';
import { counterWorkload } from './counter.js';
import { multiRegisterWorkload, registerWorkload } from './register.js';
import { setWorkload } from './set.js';
import type { Workload, WorkloadOptions } from './workload.js';

export * from './workload.js';
export { registerWorkload, multiRegisterWorkload, registerKeyOps, REGISTER_VALUES } from './register.js';
export { setWorkload, setOps } from './set.js';
export { counterWorkload, counterOps } from './counter.js';
export { linearizableChecker } from './linearizable-checker.js';
export { eventualChecker, writeOrderFor } from './eventual-checker.js';
export type { CheckLinearizability } from './linearizable-checker.js';

/** WORKLOAD_NAMES lists what `--workload` accepts ("kv" is multi-register). */
export const WORKLOAD_NAMES = ['register', 'multi-register', 'kv', 'set', 'counter'] as const;

/** REGISTER_WORKLOADS are the workloads with bounded keys (`--keys`, `--ops-per-key`, `--values`); set and counter use one key. */
export const REGISTER_WORKLOADS: readonly string[] = ['register', 'multi-register', 'kv'];

/** buildWorkload returns the named workload; an unknown name is a usage FaultlineError listing the names. */
export function buildWorkload(name: string, options: WorkloadOptions): Workload {
  switch (name) {
    case 'register':
      return registerWorkload(options);
    case 'multi-register':
    case 'kv':
      return multiRegisterWorkload(options);
    case 'set':
      return setWorkload();
    case 'counter':
      return counterWorkload();
    default:
      throw new FaultlineError('usage', `unknown workload "${name}"`, { hint: `use one of: ${WORKLOAD_NAMES.join(', ')}` });
  }
}
