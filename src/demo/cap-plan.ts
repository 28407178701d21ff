/**
 * capPlan: the runs `faultline demo cap` makes — one RunOptions per mode, identical but for the
 * mode, so every mode faces the same seeded schedule of operations and faults. Pure.
 *
 * The faults: partitions that isolate the leader/primary ("leader" kind) and clock skews, both
 * cycling every quarter of the time limit, so the run ends inside a fault window that the final heal
 * closes. Isolating the leader is what makes every mode show its trade-off in a short run: raft's
 * isolated leader stops answering; primary's isolated primary keeps acknowledging writes that the
 * majority never sees and that the failover then throws away (with random halves the primary often
 * lands in the majority and nothing is lost); lww's isolated node keeps serving its own, stale view.
 */
import { FaultlineError } from '../core/errors.js';
import type { RunOptions } from '../runner/run-options.js';
import type { StoreMode } from '../cluster/local/start-local-cluster.js';
import type { WriteOrder } from '../../checkers/eventual/index.js';
import { CAP_WORKLOAD_DEFAULTS, type CapWorkloadOptions } from './cap-workload.js';

/** CAP_MODES: the modes compared, in the order the table shows them. */
export const CAP_MODES: readonly StoreMode[] = ['raft', 'lease', 'primary', 'lww'];

/**
 * capWriteOrder: how the eventual checker judges a mode's lost writes. lww promises only that the
 * write with the latest timestamp wins (DESIGN: "for LWW stores, by timestamp"), so a write
 * overwritten by one that finished before it — possible when clocks are skewed — breaks no promise
 * of lww and is listed, not held against it (store-order); every other mode promises real-time order.
 */
export function capWriteOrder(mode: StoreMode): WriteOrder {
  return mode === 'lww' ? 'store-order' : 'real-time';
}

/** CapDemoOptions: what the user chooses (times in ms). */
export interface CapDemoOptions {
  timeLimitMs: number;
  seed: number;
  nodes: number;
  /** Results directory (runs go to <store>/demo-cap-<mode>/…, the summary to <store>/demo-cap/…). */
  store: string;
  /** Total client ops/s (default 50). */
  rate?: number;
  workload?: CapWorkloadOptions;
}

/** CAP_DEFAULTS: 20 s per mode, 3 nodes, 50 ops/s. */
export const CAP_DEFAULTS = { timeLimitMs: 20_000, nodes: 3, rate: 50, store: 'store' } as const;

/** CAP_NODE_COUNTS: the cluster sizes the demo accepts. */
export const CAP_NODE_COUNTS: readonly number[] = [3, 5];

/** MIN_TIME_LIMIT_MS: below this a fault window is too short for a failover or an election. */
export const MIN_TIME_LIMIT_MS = 4_000;

/** faultIntervalMs: a quarter of the time limit, at least 1 s and at most 10 s. */
export function faultIntervalMs(timeLimitMs: number): number {
  return Math.min(10_000, Math.max(1_000, Math.round(timeLimitMs / 4)));
}

/**
 * capRunOptions is the RunOptions of one mode. Throws FaultlineError('usage') for a node count other
 * than 3 or 5, a time limit under MIN_TIME_LIMIT_MS, or a seed outside 0..2^32-1.
 */
export function capRunOptions(mode: StoreMode, o: CapDemoOptions): RunOptions {
  if (!CAP_NODE_COUNTS.includes(o.nodes)) throw new FaultlineError('usage', `--nodes must be 3 or 5, not ${o.nodes}`);
  if (!(o.timeLimitMs >= MIN_TIME_LIMIT_MS)) {
    throw new FaultlineError('usage', `--time-limit must be at least ${MIN_TIME_LIMIT_MS / 1000}s, not ${o.timeLimitMs} ms`, {
      hint: 'each mode needs time for a fault window long enough to fail over or elect a leader',
    });
  }
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) {
    throw new FaultlineError('usage', `--seed must be an integer from 0 to 4294967295, not ${o.seed}`);
  }
  const w = o.workload ?? CAP_WORKLOAD_DEFAULTS;
  const threads = 2 * o.nodes;
  return {
    name: `demo-cap-${mode}`,
    db: 'builtin',
    mode,
    backend: 'local',
    nodes: o.nodes,
    workload: 'cap-register',
    keys: w.keys,
    nemesis: ['partition', 'clock'],
    nemesisIntervalMs: faultIntervalMs(o.timeLimitMs),
    partition: ['leader'],
    timeLimitMs: o.timeLimitMs,
    concurrency: '2n',
    threads,
    rate: o.rate ?? CAP_DEFAULTS.rate,
    seed: o.seed,
    store: o.store,
    opTimeoutMs: 1_000,
    // A short quiet period, then rounds of final reads until the nodes agree: convergence is watched, not waited out.
    recoveryMs: 250,
    convergeTimeoutMs: 10_000,
    checkTimeoutMs: 30_000,
    checkWorkers: 1,
  };
}
