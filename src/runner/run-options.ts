/**
 * RunOptions: everything a test run needs, resolved (defaults applied, units explicit). Written
 * whole to test.json, so a run can be understood and repeated from its directory alone.
 */
import type { Capability, StartedCluster } from '../core/cluster.js';
import type { PartitionKind } from '../../nemeses/grudge.js';

/** RunOptions: times in ms, `rate` in ops/s in total (0 = as fast as the workers go). */
export interface RunOptions {
  /** Test name: results go to `<store>/<name>/<timestamp>/`. */
  name: string;
  db: string;
  mode: string;
  backend: string;
  nodes: number;
  workload: string;
  /**
   * Keys worked on at once. Register workloads (register, multi-register, kv) move each to a fresh
   * key after `opsPerKey` ops; set and counter use one key.
   */
  keys: number;
  /** Register workloads: ops on a key before it is left for a fresh one. */
  opsPerKey?: number;
  /** Register workloads: 'unique' write/cas values per key, or 'small' (0..4). */
  values?: 'unique' | 'small';
  /** Register workloads: 'groups' (register: each key its own group of processes) or 'shared' (multi-register). */
  keyAccess?: 'groups' | 'shared';
  /** With keyAccess 'groups': the worker threads of each key group (thread t → group ⌊t·keys/threads⌋). */
  processesPerKey?: number[];
  nemesis: string[];
  nemesisIntervalMs: number;
  partition: PartitionKind[];
  timeLimitMs: number;
  /** As given (`10` or `2n`), and resolved to worker threads. */
  concurrency: string;
  threads: number;
  rate: number;
  seed: number;
  adapter?: string;
  store: string;
  opTimeoutMs: number;
  /** Quiet time after the final heal before the final reads (0: none). */
  recoveryMs: number;
  /** Final reads repeat on every node until all agree or this passes (`--converge-timeout`). */
  convergeTimeoutMs: number;
  checkTimeoutMs: number;
  checkWorkers: number;
}

/** Backend starts clusters of one kind and says up front which faults it can inject. */
export interface Backend {
  readonly name: string;
  readonly capabilities: ReadonlySet<Capability>;
  start(ctx: { logDir: string; signal: AbortSignal; seed: number }): Promise<StartedCluster>;
}

/** RunPhase names the steps progress shows. */
export type RunPhase = 'cluster' | 'workload' | 'heal' | 'recover' | 'final' | 'teardown' | 'check' | 'report' | 'done';

/** RunEvent is what the runner tells the command layer (which draws progress; the runner never does). */
export type RunEvent =
  | { kind: 'phase'; phase: RunPhase; dir: string }
  | { kind: 'counts'; ok: number; fail: number; info: number }
  | { kind: 'fault'; current: { f: string; value: unknown } | null }
  /** A teardown step failed (also listed in results.json's `teardownErrors`). */
  | { kind: 'teardown-error'; step: string; message: string };
