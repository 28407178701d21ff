/**
 * simulate: drive a generator on a simulated clock, for tests and for previewing a schedule.
 */
import type { Process } from '../core/event.js';
import type { GenLike, ScheduledOp } from './generator.js';
import { lift } from './generator.js';
import { Random } from './random.js';

/** SimulateOptions: worker threads, the seed, how long each op takes (ns), and safety bounds. */
export interface SimulateOptions {
  threads: number;
  seed: number;
  /** Latency of every op in ns, or a function of the op (pure). Default 1 ms. */
  latencyNs?: number | ((op: ScheduledOp) => number);
  /** Include the nemesis process. Default false. */
  nemesis?: boolean;
  /** Stop after this many ops (default 100,000) or at this time (default unbounded). */
  maxOps?: number;
  untilNs?: number;
  /** Wake up at least this often while pending (ns), as a real driver polling early would. */
  pollNs?: number;
}

/** SimulationResult lists the ops in dispatch order (each at the time it was invoked) and the end time. */
export interface SimulationResult {
  ops: ScheduledOp[];
  endNs: number;
  /** Why it stopped: the generator ended, a bound was hit, or it waited with nothing in flight. */
  stop: 'done' | 'max-ops' | 'until' | 'stuck';
}

/**
 * simulate runs `x` exactly as the runner would, but on a virtual clock: ops are invoked at
 * max(now, op.timeNs) and complete `latencyNs` later. Pure: same arguments → same result.
 */
export function simulate(x: GenLike, options: SimulateOptions): SimulationResult {
  let gen = lift(x);
  let rng = Random.seeded(options.seed);
  const latency = options.latencyNs ?? 1_000_000;
  const maxOps = options.maxOps ?? 100_000;
  const untilNs = options.untilNs ?? Infinity;
  const all: Process[] = Array.from({ length: options.threads }, (_, i) => i);
  if (options.nemesis) all.push('nemesis');
  const free = new Set<Process>(all);
  const inflight: { doneNs: number; process: Process }[] = [];
  const ops: ScheduledOp[] = [];
  let now = 0;
  const completeUntil = (t: number): void => {
    inflight.sort((a, b) => a.doneNs - b.doneNs);
    while (inflight.length > 0 && (inflight[0] as { doneNs: number }).doneNs <= t) {
      free.add((inflight.shift() as { process: Process }).process);
    }
  };
  for (;;) {
    if (ops.length >= maxOps) return { ops, endNs: now, stop: 'max-ops' };
    const r = gen.op({
      timeNs: now,
      freeProcesses: sortProcesses([...free]),
      allProcesses: all,
      threads: options.threads,
      rng,
    });
    if (r.type === 'done') return { ops, endNs: now, stop: 'done' };
    gen = r.next;
    if (r.type === 'pending') {
      const nextDone = inflight.reduce((m, o) => Math.min(m, o.doneNs), Infinity);
      const due = Math.min(nextDone, r.wakeNs ?? Infinity);
      if (!Number.isFinite(due)) return { ops, endNs: now, stop: 'stuck' };
      const wake = Math.min(due, now + (options.pollNs ?? Infinity));
      if (wake > untilNs) return { ops, endNs: now, stop: 'until' };
      now = Math.max(now, wake);
      completeUntil(now);
      continue;
    }
    rng = r.rng;
    const at = Math.max(now, r.op.timeNs);
    if (at > untilNs) return { ops, endNs: now, stop: 'until' };
    now = at;
    const op = { ...r.op, timeNs: now };
    ops.push(op);
    free.delete(op.process);
    inflight.push({ doneNs: now + (typeof latency === 'number' ? latency : latency(op)), process: op.process });
    completeUntil(now);
  }
}

/** sortProcesses orders processes ascending with the nemesis last (the order contexts use). */
export function sortProcesses(ps: Process[]): Process[] {
  return ps.sort((a, b) => (a === 'nemesis' ? 1 : b === 'nemesis' ? -1 : a - b));
}
