/**
 * localBackend: the built-in store's nodes as local child processes (src/cluster/local), as a Backend.
 */
import { LOCAL_CAPABILITIES } from '../cluster/local/local-cluster.js';
import { type StoreMode, startLocalCluster } from '../cluster/local/start-local-cluster.js';
import type { Backend } from './run-options.js';

/**
 * localBackend starts `nodes` built-in store nodes in `mode`; capabilities are known before start.
 * Each start first reaps the leftovers of dead runs and prints one line per run reaped on stderr.
 */
export function localBackend(nodes: number, mode: string, storeArgs: readonly string[] = []): Backend {
  return {
    name: 'local',
    capabilities: LOCAL_CAPABILITIES,
    start: ({ logDir, signal, seed }) =>
      startLocalCluster({ nodes, mode: mode as StoreMode, logDir, signal, seed, storeArgs, onReaped: (line) => process.stderr.write(`faultline: ${line}\n`) }),
  };
}
