/**
 * AdapterGuard: how a run stops when its adapter breaks, as opposed to the store being down.
 *
 * Broken means the adapter cannot be trusted to report outcomes any more: its program died or broke
 * the protocol (exec adapters report this themselves), no client could be opened when the run
 * started, `open` returned no client, `invoke` returned something that is not an outcome, or `invoke`
 * kept throwing programming errors (see BugStreaks). A store that is down is not: its refused,
 * failed and timed-out operations are data (fail and info), and the run goes on.
 */
import { FaultlineError } from '../core/errors.js';

/**
 * AdapterGuard combines the user's interrupt with the adapter's failure: `signal` aborts when
 * `interrupt` does, or once the adapter is first reported broken. The abort comes one event-loop turn
 * after the report, so replies the adapter settles in the same turn (its ops in flight, as info) are
 * recorded with their own reason. `failure` is the first report; later ones are ignored.
 */
export class AdapterGuard {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private first: FaultlineError | undefined;

  constructor(interrupt: AbortSignal) {
    this.signal = this.controller.signal;
    if (interrupt.aborted) this.controller.abort(interrupt.reason);
    else interrupt.addEventListener('abort', () => this.controller.abort(interrupt.reason), { once: true });
  }

  /** failure is the first error reported, if any. */
  get failure(): FaultlineError | undefined {
    return this.first;
  }

  /** broken reports the adapter broken (bound: may be passed around as a callback). */
  readonly broken = (error: FaultlineError): void => {
    if (this.first !== undefined) return;
    this.first = error;
    setImmediate(() => this.controller.abort(error));
  };

  /**
   * setup runs the adapter's start and opening of clients; whatever it throws becomes the failure
   * (a FaultlineError as is, anything else as a 'cluster' error naming `adapterName`).
   */
  async setup(adapterName: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.broken(
        err instanceof FaultlineError
          ? err
          : new FaultlineError('cluster', `adapter "${adapterName}" could not start: ${(err as Error)?.message ?? String(err)}`, { cause: err }),
      );
    }
  }
}

/** BUG_STREAK: how many programming errors in a row, for one f, mean the adapter is broken. */
export const BUG_STREAK = 3;

/**
 * isAdapterBug: a TypeError, ReferenceError or RangeError that wraps nothing (no `cause`, no `code`):
 * a bug in the adapter's own code, not a network failure (Node's fetch throws TypeError("fetch
 * failed") with the socket error as its cause; that is the store being unreachable, not a bug).
 */
export function isAdapterBug(err: unknown): err is Error {
  if (!(err instanceof Error)) return false;
  if (!['TypeError', 'ReferenceError', 'RangeError'].includes(err.name)) return false;
  return err.cause === undefined && (err as { code?: unknown }).code === undefined;
}

/**
 * BugStreaks counts, per f, the invokes in a row that threw an adapter bug; any other completion of
 * that f starts its count again. `record` returns the streak's length after this completion.
 */
export class BugStreaks {
  private readonly streaks = new Map<string, number>();

  record(f: string, bug: boolean): number {
    const n = bug ? (this.streaks.get(f) ?? 0) + 1 : 0;
    this.streaks.set(f, n);
    return n;
  }
}
