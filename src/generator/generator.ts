/**
 * Generator: the contract of faultline's schedules (Jepsen's generators, as immutable values).
 *
 * A generator is asked for its next operation given an explicit context (the time, the free
 * processes, a seeded Random) and answers with an op scheduled at some time on some free process
 * plus the generator that follows it, "pending" (nothing now; ask again after a process frees up or
 * at `wakeNs`), or "done". Generators never read a clock, start a timer or call Math.random, so the
 * same seed and the same sequence of contexts give the same schedule, and tests use a simulated clock.
 */
import type { Process } from '../core/event.js';
import type { Random } from './random.js';

/** OpTemplate is an operation before it is given a process and a time: f, optional key, value. */
export interface OpTemplate {
  f: string;
  key?: string;
  value: unknown;
}

/** ScheduledOp is an operation bound to a free process, to be invoked at `timeNs` (ns since start). */
export interface ScheduledOp extends OpTemplate {
  process: Process;
  timeNs: number;
}

/**
 * GenContext is everything a generator may look at. `freeProcesses` are sorted ascending (the
 * nemesis last); `threads` is the number of worker threads (a process p runs on thread
 * p mod threads, Jepsen's retirement rule keeps that stable); `allProcesses` are the current ids.
 */
export interface GenContext {
  timeNs: number;
  freeProcesses: readonly Process[];
  allProcesses: readonly Process[];
  threads: number;
  rng: Random;
}

/**
 * GenResult: an op with the generator and Random that follow it; pending (with the generator to ask
 * next, which may only differ by time-derived state, and the earliest time worth asking again); or
 * done. A driver keeps `rng` only from op results, so polling never changes the schedule.
 */
export type GenResult =
  | { type: 'op'; op: ScheduledOp; next: Generator; rng: Random }
  | { type: 'pending'; next: Generator; wakeNs?: number }
  | { type: 'done' };

/** Generator is an immutable schedule: `op` is pure (same context → same result). */
export interface Generator {
  op(ctx: GenContext): GenResult;
}

/** GenLike is anything the combinators accept: a generator or a plain op template (emitted forever). */
export type GenLike = Generator | OpTemplate;

/** DONE is the generator that has nothing more to give. */
export const DONE: Generator = { op: () => ({ type: 'done' }) };

/** PENDING_RESULT helps combinators answer "nothing now" without a wake time. */
export function pending(next: Generator, wakeNs?: number): GenResult {
  return wakeNs === undefined ? { type: 'pending', next } : { type: 'pending', next, wakeNs };
}

/** isGenerator tells a generator from an op template. */
export function isGenerator(x: GenLike): x is Generator {
  return typeof (x as Generator).op === 'function';
}

/** lift turns an op template into the generator emitting it forever (one per request); generators pass through. */
export function lift(x: GenLike): Generator {
  return isGenerator(x) ? x : generate((rng) => [x, rng]);
}

/** earliest combines two optional wake times (undefined = none). */
export function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * pickFreeProcess draws one free process uniformly (so a throttled workload spreads over every
 * worker and node, not only the lowest ids); undefined when none is free.
 */
export function pickFreeProcess(ctx: GenContext): [Process, Random] | undefined {
  const n = ctx.freeProcesses.length;
  if (n === 0) return undefined;
  if (n === 1) return [ctx.freeProcesses[0] as Process, ctx.rng];
  const [i, rng] = ctx.rng.int(n);
  return [ctx.freeProcesses[i] as Process, rng];
}

/**
 * generate builds an endless generator from a function drawing one op template from the Random; the
 * op goes to a free process drawn uniformly, at the current time (pending when none is free).
 * Returning null ends the generator.
 */
export function generate(
  draw: (rng: Random, ctx: GenContext) => [OpTemplate, Random] | null,
): Generator {
  const self: Generator = {
    op(ctx) {
      const picked = pickFreeProcess(ctx);
      if (picked === undefined) return pending(self);
      const [process, r1] = picked;
      const drawn = draw(r1, ctx);
      if (drawn === null) return { type: 'done' };
      const [template, rng] = drawn;
      return { type: 'op', op: { ...template, process, timeNs: ctx.timeNs }, next: self, rng };
    },
  };
  return self;
}

/** withFree returns a context whose free processes are narrowed by `keep`. */
export function withFree(ctx: GenContext, keep: (p: Process) => boolean): GenContext {
  return { ...ctx, freeProcesses: ctx.freeProcesses.filter(keep) };
}
