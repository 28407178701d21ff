/**
 * runLab is what `faultline lab` does: bind the page's port first (a taken port fails before any
 * node starts), start the session's cluster (after reaping the leftovers of dead runs, one printed
 * line per run), print where the page is, serve it until SIGINT/SIGTERM/SIGHUP (Ctrl-C) or until
 * `signal` aborts, then stop the page's streams and the cluster. The signals are claimed while the
 * lab runs, so the exit guard leaves the teardown to it (its 'exit' handler still kills any node
 * left if the process dies). Resolves after teardown; no node outlives it.
 */
import { claimSignals } from '../cluster/signal-claims.js';
import { FaultlineError } from '../core/errors.js';
import { LabSession, type LabOptions } from './lab-session.js';
import { listenLab } from './lab-server.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** runLab serves the lab on 127.0.0.1:`port` (0 = any free port); `log` prints one line. */
export async function runLab(options: LabOptions & { port: number }, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  const release = claimSignals(SIGNALS);
  for (const s of SIGNALS) process.on(s, onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  try {
    const server = await listenLab(options.port);
    try {
      const starting = LabSession.start(options);
      // Ctrl-C while the nodes start: wait for the start, then stop what started.
      const session = await starting;
      try {
        server.attach(session);
        log(`faultline lab: ${options.mode} cluster of ${options.nodes} nodes; open ${server.url}`);
        log('Ctrl-C stops the lab and its cluster');
        if (!stop.signal.aborted) await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
        log('stopping...');
      } finally {
        await server.close();
        await session.stop();
      }
      log('stopped');
    } finally {
      await server.close();
    }
  } catch (err) {
    if (stop.signal.aborted && !(err instanceof FaultlineError)) throw new FaultlineError('interrupted', 'interrupted while the lab started', { cause: err });
    throw err;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    signal?.removeEventListener('abort', onSignal);
    release();
  }
}
