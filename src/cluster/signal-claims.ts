/**
 * Signal claims: who tears down on SIGINT/SIGTERM/SIGHUP. The exit guards (local and docker) kill
 * or stop clusters when a signal arrives — the right thing when nobody else handles it. A command
 * that tears down gracefully on a signal (heal every fault, then stop the cluster, then keep the
 * history, as `faultline test` does) claims that signal for as long as it runs; the guards then
 * leave it alone, so the cluster is not stopped under the teardown. Their 'exit' handlers still
 * run whatever happens, so a process that exits (even with process.exit) leaves no node behind.
 */
const claims = new Map<NodeJS.Signals, number>();

/** claimSignals claims `signals` until the returned function is called (claims nest). */
export function claimSignals(signals: readonly NodeJS.Signals[]): () => void {
  for (const s of signals) claims.set(s, (claims.get(s) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const s of signals) claims.set(s, (claims.get(s) ?? 1) - 1);
  };
}

/** signalClaimed tells whether a command currently tears down on `signal` itself. */
export function signalClaimed(signal: NodeJS.Signals): boolean {
  return (claims.get(signal) ?? 0) > 0;
}
