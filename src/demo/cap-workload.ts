/**
 * capWorkload: the workload `faultline demo cap` runs in every mode — unique-value reads and writes on
 * a few registers, final reads on every node repeated until they agree (so convergence after the heal
 * is observed, not only bounded), and two checkers: linearizable (register model) and eventual.
 */
import { keyNames } from '../generator/independent-keys.js';
import type { WriteOrder } from '../../checkers/eventual/index.js';
import { eventualChecker } from '../../workloads/eventual-checker.js';
import { linearizableChecker } from '../../workloads/linearizable-checker.js';
import type { Workload } from '../../workloads/workload.js';
import { defineWorkload } from '../../workloads/workload.js';
import { uniqueRegisterOps } from './unique-register-ops.js';

/** CapWorkloadOptions: keys (≥ 1). The final reads repeat on every node until they agree (runFinalReads). */
export interface CapWorkloadOptions {
  keys: number;
}

/** CAP_WORKLOAD_DEFAULTS: 3 keys. */
export const CAP_WORKLOAD_DEFAULTS: CapWorkloadOptions = { keys: 3 };

/** eventualChecker is the workloads' eventual checker (one copy), re-exported for the demo. */
export { eventualChecker };

/**
 * capWorkload builds the demo's workload (name "cap-register"); `writeOrder` is what the eventual
 * checker accepts as superseding a write (store-order for last-writer-wins stores, see cap-plan.ts).
 */
export function capWorkload(options: CapWorkloadOptions = CAP_WORKLOAD_DEFAULTS, writeOrder: WriteOrder = 'real-time'): Workload {
  const keys = keyNames(options.keys);
  return defineWorkload({
    name: 'cap-register',
    description: `unique-value reads and writes on ${keys.length} registers; linearizable and eventual checkers`,
    generator: uniqueRegisterOps(keys),
    final: { keys },
    checkers: [linearizableChecker('register'), eventualChecker(writeOrder)],
  });
}
