/**
 * capWorkload: the workload `faultline demo cap` runs in every mode — unique-value reads and writes on
 * a few registers, several rounds of final reads (so convergence after the heal is observed, not only
 * bounded), and two checkers: linearizable (register model) and eventual.
 */
import type { GenLike, Generator } from '../generator/generator.js';
import { eachProcess } from '../generator/each-process.js';
import { keyNames } from '../generator/independent-keys.js';
import { once, seq } from '../generator/once.js';
import { sleep } from '../generator/stagger.js';
import type { WriteOrder } from '../../checkers/eventual/index.js';
import { eventualChecker } from '../../workloads/eventual-checker.js';
import { linearizableChecker } from '../../workloads/linearizable-checker.js';
import type { Workload } from '../../workloads/workload.js';
import { defineWorkload } from '../../workloads/workload.js';
import { uniqueRegisterOps } from './unique-register-ops.js';

/** CapWorkloadOptions: keys (≥ 1), final-read rounds (≥ 1) and the gap between rounds in ms. */
export interface CapWorkloadOptions {
  keys: number;
  finalRounds: number;
  roundGapMs: number;
}

/** CAP_WORKLOAD_DEFAULTS: 3 keys, 8 rounds of final reads 250 ms apart (2 s). */
export const CAP_WORKLOAD_DEFAULTS: CapWorkloadOptions = { keys: 3, finalRounds: 8, roundGapMs: 250 };

/**
 * finalReadRounds: every worker thread reads every key, waits `gapMs`, and again, `rounds` times.
 * Threads are spread over the nodes, so each round reads every key through every node's client.
 */
export function finalReadRounds(keys: readonly string[], rounds: number, gapMs: number): Generator {
  const round = (i: number): GenLike[] => [
    ...keys.map((key) => once({ f: 'read', key, value: null })),
    ...(i < rounds - 1 ? [sleep(gapMs * 1e6)] : []),
  ];
  return eachProcess(seq(...Array.from({ length: Math.max(1, rounds) }, (_, i) => round(i)).flat()));
}

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
    final: finalReadRounds(keys, options.finalRounds, options.roundGapMs),
    checkers: [linearizableChecker('register'), eventualChecker(writeOrder)],
  });
}
