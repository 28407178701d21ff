/**
 * Exit guard: the last line of defence that keeps a crash or Ctrl-C from leaving node processes
 * behind. Every live child pid is registered here; on process 'exit', SIGINT, SIGTERM and SIGHUP the
 * guard SIGKILLs them synchronously (the only thing an 'exit' handler may do). When the guard is the
 * only listener of a signal, it then re-raises the signal so the process still dies of it, as it
 * would have without a handler; otherwise the other listeners (a command's graceful teardown)
 * decide. A signal a command has claimed (../signal-claims.ts) is left to it. Processes killed
 * with SIGKILL themselves cannot be guarded: `faultline clean` handles those.
 */
import { signalClaimed } from '../signal-claims.js';

const guarded = new Set<number>();
let installed = false;

/** guardChild registers a live child pid to be killed on exit. */
export function guardChild(pid: number): void {
  guarded.add(pid);
  install();
}

/** releaseChild forgets a pid (the child has exited or was killed by us). */
export function releaseChild(pid: number): void {
  guarded.delete(pid);
}

/** killGuardedChildren SIGKILLs (and SIGCONTs, in case it was paused) every guarded pid, synchronously. */
export function killGuardedChildren(): void {
  for (const pid of guarded) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  guarded.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killGuardedChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      if (signalClaimed(signal)) return; // a command tears down itself; 'exit' still kills
      killGuardedChildren();
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}
