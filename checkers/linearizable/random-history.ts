/**
 * randomHistory: small random histories for the differential tests (seeded, so every case repeats).
 *
 * Processes run ops back to back on a coarse integer clock (many ties between calls and returns).
 * Each op gets a linearization point inside its interval; replaying the ops in that order against a
 * simple sequential simulation gives outputs, so the history is linearizable by construction. Then,
 * for about half of the histories, one or two outputs are replaced by random ones (usually making
 * the history invalid). Some ops fail (dropped: they never happened) and some end as info (unknown
 * outcome; took effect or not at random; the process gets a fresh id afterwards, as in Jepsen).
 */
import type { Operation } from '../../src/core/operation.js';
import { mulberry32 as coreMulberry32 } from '../../src/core/mulberry32.js';

/** Rng is a seeded PRNG returning floats in [0, 1). */
export type Rng = () => number;

/** mulberry32 returns a seeded PRNG (Tommy Ettinger's mulberry32). Deterministic for a seed. */
export const mulberry32: (seed: number) => Rng = coreMulberry32;

/** RandomHistoryOptions: model name, op count, process count, and rates of info/failed ops. */
export interface RandomHistoryOptions {
  model: string;
  ops: number;
  processes: number;
  infoRate?: number;
  failRate?: number;
  /** Probability of corrupting outputs (default 0.5). */
  corruptRate?: number;
  /** How many distinct values registers write (default 3; more makes unobserved writes common). */
  values?: number;
}

/** Planned is one op before the simulation fills its output. */
interface Planned {
  process: number;
  f: string;
  input: unknown;
  callNs: number;
  returnNs: number;
  pointNs: number;
  tie: number;
  fate: 'ok' | 'info' | 'fail';
}

/** Sim is a sequential object: `apply` runs one op (returns its output, or FAILED when it cannot run). */
interface Sim {
  plan(rng: Rng): { f: string; input: unknown };
  apply(f: string, input: unknown, rng: Rng): unknown;
  randomOutput(f: string, rng: Rng): unknown;
}

const FAILED = Symbol('failed');
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

function simFor(model: string, values = 3): Sim {
  switch (model) {
    case 'register':
    case 'cas-register': {
      let v: unknown = null;
      const vals = Array.from({ length: values }, (_, i) => i + 1);
      return {
        plan: (rng) => {
          const r = rng();
          if (model === 'cas-register' && r < 0.3) return { f: 'cas', input: [pick(rng, [null, ...vals]), pick(rng, vals)] };
          return r < 0.65 ? { f: 'read', input: null } : { f: 'write', input: pick(rng, vals) };
        },
        apply: (f, input) => {
          if (f === 'read') return v;
          if (f === 'write') return (v = input), input;
          const [from, to] = input as [unknown, unknown];
          if (v !== from) return false;
          v = to;
          return true;
        },
        randomOutput: (f, rng) => (f === 'read' ? pick(rng, [null, ...vals]) : f === 'cas' ? pick(rng, [true, false]) : undefined),
      };
    }
    case 'kv': {
      let s = '';
      return {
        plan: (rng) => {
          const r = rng();
          return r < 0.5 ? { f: 'get', input: null } : r < 0.75 ? { f: 'put', input: pick(rng, ['a', 'b']) } : { f: 'append', input: pick(rng, ['x', 'y']) };
        },
        apply: (f, input) => {
          if (f === 'get') return s;
          s = f === 'put' ? (input as string) : s + (input as string);
          return undefined;
        },
        randomOutput: (f, rng) => (f === 'get' ? pick(rng, ['', 'a', 'b', 'ax', 'x', 'bx', 'xy']) : undefined),
      };
    }
    case 'set': {
      const s = new Set<number>();
      return {
        plan: (rng) => (rng() < 0.5 ? { f: 'read', input: null } : { f: 'add', input: pick(rng, [1, 2, 3, 4]) }),
        apply: (f, input) => {
          if (f === 'read') return [...s].sort();
          s.add(input as number);
          return undefined;
        },
        randomOutput: (f, rng) => (f === 'read' ? [1, 2, 3, 4].filter(() => rng() < 0.4) : undefined),
      };
    }
    case 'counter': {
      let n = 0;
      return {
        plan: (rng) => (rng() < 0.5 ? { f: 'read', input: null } : { f: 'add', input: pick(rng, [1, 2]) }),
        apply: (f, input) => (f === 'read' ? n : ((n += input as number), undefined)),
        randomOutput: (f, rng) => (f === 'read' ? Math.floor(rng() * 6) : undefined),
      };
    }
    case 'mutex': {
      let held = false;
      return {
        plan: (rng) => ({ f: rng() < 0.5 ? 'acquire' : 'release', input: null }),
        apply: (f) => {
          if ((f === 'acquire') === held) return FAILED;
          held = f === 'acquire';
          return undefined;
        },
        randomOutput: () => undefined,
      };
    }
    case 'fifo-queue':
    case 'unordered-queue': {
      const q: number[] = [];
      let nextValue = 1;
      return {
        plan: (rng) => (rng() < 0.5 ? { f: 'enqueue', input: nextValue++ } : { f: 'dequeue', input: null }),
        apply: (f, input, rng) => {
          if (f === 'enqueue') return q.push(input as number), undefined;
          if (q.length === 0) return null;
          const at = model === 'fifo-queue' ? 0 : Math.floor(rng() * q.length);
          return q.splice(at, 1)[0];
        },
        randomOutput: (f, rng) => (f === 'dequeue' ? pick(rng, [null, 1, 2, 3, 4]) : undefined),
      };
    }
    case 'multi-register': {
      const m = new Map<string, number | null>();
      return {
        plan: (rng) => {
          const k = 1 + Math.floor(rng() * 2);
          const mops: unknown[] = [];
          for (let i = 0; i < k; i++) mops.push(rng() < 0.5 ? ['r', pick(rng, ['x', 'y']), null] : ['w', pick(rng, ['x', 'y']), pick(rng, [1, 2])]);
          return { f: 'txn', input: mops };
        },
        apply: (_f, input) =>
          (input as [string, string, unknown][]).map(([f, k, v]) => {
            if (f === 'r') return [f, k, m.get(k) ?? null];
            m.set(k, v as number);
            return [f, k, v];
          }),
        randomOutput: (_f, rng) => [['r', 'x', pick(rng, [null, 1, 2])]],
      };
    }
    default:
      throw new RangeError(`randomHistory: no simulation for model "${model}"`);
  }
}

/**
 * randomHistory builds one random history (Operation[] with dense ids, in call order) from `seed`.
 * Pure: the same options and seed give the same history.
 */
export function randomHistory(options: RandomHistoryOptions, seed: number): Operation[] {
  const rng = mulberry32(seed);
  const sim = simFor(options.model, options.values);
  const infoRate = options.infoRate ?? 0.15;
  const failRate = options.failRate ?? 0.1;
  const planned: Planned[] = [];
  const clock = new Array<number>(options.processes).fill(0);
  const ids = Array.from({ length: options.processes }, (_, i) => i);
  let nextId = options.processes;
  for (let k = 0; k < options.ops; k++) {
    const slot = Math.floor(rng() * options.processes);
    const callNs = clock[slot]! + Math.floor(rng() * 3);
    const returnNs = callNs + Math.floor(rng() * 7);
    const pointNs = callNs + Math.floor(rng() * (returnNs - callNs + 1));
    const r = rng();
    const fate = r < infoRate ? 'info' : r < infoRate + failRate ? 'fail' : 'ok';
    const { f, input } = sim.plan(rng);
    planned.push({ process: ids[slot]!, f, input, callNs, returnNs, pointNs, tie: rng(), fate });
    clock[slot] = returnNs;
    if (fate === 'info') ids[slot] = nextId++;
  }
  // Replay in linearization order; failed ops and info ops that "did not happen" are skipped.
  const byPoint = [...planned].sort((a, b) => a.pointNs - b.pointNs || a.tie - b.tie);
  const outputs = new Map<Planned, unknown>();
  for (const p of byPoint) {
    if (p.fate === 'fail' || (p.fate === 'info' && rng() < 0.5)) continue;
    const out = sim.apply(p.f, p.input, rng);
    if (out === FAILED) p.fate = 'fail';
    else outputs.set(p, out);
  }
  const kept = planned.filter((p) => p.fate !== 'fail').sort((a, b) => a.callNs - b.callNs);
  const ops: Operation[] = kept.map((p, id) => ({
    id,
    process: p.process,
    f: p.f,
    input: p.input,
    output: p.fate === 'info' ? undefined : outputs.get(p),
    status: p.fate === 'info' ? 'info' : 'ok',
    callNs: p.callNs,
    returnNs: p.fate === 'info' ? Infinity : p.returnNs,
    invokeIndex: 2 * id,
    completeIndex: p.fate === 'info' ? -1 : 2 * id + 1,
  }));
  if (rng() < (options.corruptRate ?? 0.5)) {
    const okOps = ops.filter((o) => o.status === 'ok');
    const times = 1 + Math.floor(rng() * 2);
    for (let t = 0; t < times && okOps.length > 0; t++) {
      const victim = pick(rng, okOps);
      const out = sim.randomOutput(victim.f, rng);
      if (out !== undefined) victim.output = out;
      else if (victim.f === 'cas') victim.output = rng() < 0.5 ? false : true;
      else if (victim.f === 'acquire' || victim.f === 'release') victim.f = victim.f === 'acquire' ? 'release' : 'acquire';
    }
  }
  return ops;
}
