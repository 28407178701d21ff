/**
 * RunnerAdapter: the optional extras an adapter may offer the runner beyond src/core/client.ts —
 * telling who leads (for the "leader" partition), starting with the run (its log file, a way to say
 * it is broken) and releasing shared resources at the end.
 */
import type { NodeInfo } from '../core/cluster.js';
import type { Adapter } from '../core/client.js';
import type { FaultlineError } from '../core/errors.js';

/**
 * AdapterContext is what the runner gives an adapter when a run starts.
 *
 * `broken` is for the adapter itself failing — its program died, it broke its protocol — never for
 * a store that is down (failed or timed-out operations are data, recorded as fail or info). The run
 * stops soon after the first call; later calls are ignored.
 */
export interface AdapterContext {
  /** The run's logs directory (may not exist yet); an adapter writes its own log here. */
  logDir: string;
  /** Report that the adapter cannot go on; the error's message is shown to the user. */
  broken(error: FaultlineError): void;
}

/** RunnerAdapter is an Adapter that may find the leader and must be closed when it owns resources. */
export interface RunnerAdapter extends Adapter {
  /** findLeader asks the store who leads; undefined when it cannot tell. Never throws. */
  findLeader?(nodes: readonly NodeInfo[], signal?: AbortSignal): Promise<string | undefined>;
  /**
   * start is called once per run, after the cluster is up and before the first `open`. Throwing
   * (a FaultlineError says why) is a setup failure: the run stops before the workload.
   */
  start?(ctx: AdapterContext): Promise<void>;
  /** close releases what the adapter shares between clients (a program, an HTTP agent). Idempotent. */
  close?(): Promise<void>;
}
