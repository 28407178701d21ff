/**
 * RunnerAdapter: the optional extras an adapter may offer the runner beyond src/core/client.ts —
 * telling who leads (for the "leader" partition) and releasing shared resources at the end.
 */
import type { NodeInfo } from '../core/cluster.js';
import type { Adapter } from '../core/client.js';

/** RunnerAdapter is an Adapter that may find the leader and must be closed when it owns resources. */
export interface RunnerAdapter extends Adapter {
  /** findLeader asks the store who leads; undefined when it cannot tell. Never throws. */
  findLeader?(nodes: readonly NodeInfo[], signal?: AbortSignal): Promise<string | undefined>;
  /** close releases what the adapter shares between clients (a program, an HTTP agent). Idempotent. */
  close?(): Promise<void>;
}
