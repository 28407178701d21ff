/**
 * RunClock: the test's monotonic clock (ns since the test began, from process.hrtime.bigint) and
 * abortable waits on it. The only place the runner reads time.
 */

/** RunClock measures integer nanoseconds since it was created. */
export class RunClock {
  private readonly t0 = process.hrtime.bigint();

  /** nowNs is the time since the test began, in integer ns (exact below 2^53 ns ≈ 104 days). */
  nowNs(): number {
    return Number(process.hrtime.bigint() - this.t0);
  }

  /** sleepUntilNs resolves at `timeNs` or when `signal` aborts (whichever first); never rejects. */
  sleepUntilNs(timeNs: number, signal: AbortSignal): Promise<void> {
    return sleepMs(Math.max(0, (timeNs - this.nowNs()) / 1e6), signal);
  }
}

/** sleepMs resolves after `ms` or when `signal` aborts; never rejects. */
export function sleepMs(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
