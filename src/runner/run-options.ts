/**
 * RunOptions: everything a test run needs, resolved (defaults applied, units explicit). Written
 * whole to test.json, so a run can be understood and repeated from its directory alone.
 */
import type { Capability, StartedCluster } from '../core/cluster.js';
import type { PartitionKind } from '../../nemeses/grudge.js';
import type { QuorumSettings } from '../store/quorum-rules.js';

/** RunOptions: times in ms, `rate` in ops/s in total (0 = as fast as the workers go). */
export interface RunOptions {
  /** Test name: results go to `<store>/<name>/<timestamp>/`. */
  name: string;
  db: string;
  mode: string;
  backend: string;
  nodes: number;
  workload: string;
  keys: number;
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
  /** Quorum mode's N/R/W and sloppy quorum (present exactly when mode is "quorum"). */
  quorum?: QuorumSettings;
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
