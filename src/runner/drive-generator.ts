/**
 * driveGenerator: runs a generator on the real clock — the runner's counterpart of simulate().
 */
import type { Process } from '../core/event.js';
import type { Generator, ScheduledOp } from '../generator/generator.js';
import type { Random } from '../generator/random.js';
import { sortProcesses } from '../generator/simulate.js';
import type { RunClock } from './run-clock.js';

/** ProcessPool is the set of processes a driver dispatches to; workers report back through it. */
export interface ProcessPool {
  /** Current process ids (retirement replaces an id). */
  all(): Process[];
  free(): Process[];
  /** Worker threads (for p mod threads). */
  readonly threads: number;
  /** dispatch starts `op` on its process (which must be free); resolves when the op completed. */
  dispatch(op: ScheduledOp): Promise<void>;
}

/** YIELD_EVERY_NS: the longest a driver runs without letting macrotasks (timers, I/O) in. */
const YIELD_EVERY_NS = 2_000_000;

/**
 * driveGenerator asks `gen` for ops and dispatches each at its scheduled time, waking whenever an
 * op completes, at the generator's wake time, or on abort. Resolves with the final Random when the
 * generator is done or `signal` aborts, after every op it dispatched has completed. `onLate`
 * receives how late (ns) each op was dispatched relative to its schedule.
 */
export async function driveGenerator(
  gen0: Generator,
  pool: ProcessPool,
  clock: RunClock,
  rng0: Random,
  signal: AbortSignal,
  onLate?: (op: ScheduledOp, lateNs: number) => void,
): Promise<Random> {
  let gen = gen0;
  let rng = rng0;
  const inflight = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const waitForChange = (wakeNs: number | undefined): Promise<void> =>
    new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', done);
        wake = undefined;
        resolve();
      };
      wake = done;
      signal.addEventListener('abort', done, { once: true });
      if (wakeNs !== undefined) timer = setTimeout(done, Math.max(0, (wakeNs - clock.nowNs()) / 1e6));
    });

  let lastYieldNs = clock.nowNs();
  while (!signal.aborted) {
    // Ops that complete without I/O resolve as microtasks only; yield to the event loop now and
    // then so timers (the nemesis schedule, flushes, progress) are never starved.
    if (clock.nowNs() - lastYieldNs > YIELD_EVERY_NS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYieldNs = clock.nowNs();
    }
    const r = gen.op({
      timeNs: clock.nowNs(),
      freeProcesses: sortProcesses(pool.free()),
      allProcesses: pool.all(),
      threads: pool.threads,
      rng,
    });
    if (r.type === 'done') break;
    gen = r.next;
    if (r.type === 'pending') {
      if (r.wakeNs === undefined && inflight.size === 0) break; // stuck: nothing can change
      await waitForChange(r.wakeNs);
      continue;
    }
    rng = r.rng;
    if (r.op.timeNs > clock.nowNs()) await clock.sleepUntilNs(r.op.timeNs, signal);
    if (signal.aborted) break;
    onLate?.(r.op, clock.nowNs() - r.op.timeNs);
    const p = pool.dispatch(r.op).finally(() => {
      inflight.delete(p);
      notify();
    });
    inflight.add(p);
  }
  await Promise.allSettled([...inflight]);
  return rng;
}
