/**
 * runClusterUp is what `faultline cluster up` does: start a local cluster registered as
 * `cluster-up` (after reaping the leftovers of dead runs, one printed line per run), print where its nodes listen, hold it until SIGINT/SIGTERM/SIGHUP (Ctrl-C, or
 * `faultline cluster down` from another terminal) or until `signal` aborts, then tear it down.
 * Resolves after teardown; the cluster's nodes never outlive it.
 */
import { describeCluster } from './describe-cluster.js';
import { startLocalCluster, type LocalClusterOptions } from './start-local-cluster.js';

export async function runClusterUp(
  options: Omit<LocalClusterOptions, 'kind'>,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const interrupted = new AbortController();
  const onSignal = (): void => interrupted.abort();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const s of signals) process.on(s, onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  try {
    const cluster = await startLocalCluster({ ...options, kind: 'cluster-up', signal: interrupted.signal, onReaped: log });
    try {
      for (const line of describeCluster({ mode: options.mode, nodes: cluster.nodes, logDir: cluster.logDir, runId: cluster.runId })) log(line);
      log('running; Ctrl-C (or `faultline cluster down`) stops it');
      if (!interrupted.signal.aborted) {
        await new Promise<void>((resolve) => interrupted.signal.addEventListener('abort', () => resolve(), { once: true }));
      }
      log('stopping...');
    } finally {
      await cluster.stop();
    }
    log('stopped');
  } finally {
    for (const s of signals) process.off(s, onSignal);
    signal?.removeEventListener('abort', onSignal);
  }
}
