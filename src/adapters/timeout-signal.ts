/**
 * timeoutSignal: an AbortSignal that aborts after `ms`, kept alive by its own timer (unlike
 * AbortSignal.timeout, which may be garbage-collected before it fires when only a pending promise
 * refers to it).
 */

/** timeoutSignal aborts after `ms` milliseconds (≥ 0). */
export function timeoutSignal(ms: number): AbortSignal {
  const ac = new AbortController();
  setTimeout(() => ac.abort(new Error(`timed out after ${ms} ms`)), Math.max(0, ms));
  return ac.signal;
}
