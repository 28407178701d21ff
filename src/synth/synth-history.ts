/**
 * synthesizeHistory: histories that are linearizable by construction, with optional planted
 * violations, for benchmarks and scale tests (cas-register like Porcupine's and Knossos' synthetic
 * runs; kv get/put/append like Porcupine's c50 files).
 *
 * Construction: every logical process runs operations back to back; each operation gets an invoke
 * time t, a return time r > t and a linearization point strictly inside (t, r). Applying all
 * operations to a sequential register per key in the order of their linearization points gives each
 * read its output and each cas its outcome, so the linearization points themselves witness that the
 * history is linearizable. Every written value is unique. An info op (rate `infoRate`) either took
 * effect at its point or never (a coin flip), its completion is recorded as `info`, and its process
 * id is retired (the slot continues as id + processes, Jepsen's rule).
 *
 * A planted stale read replaces a read's output by a value w that an ok write or cas had already
 * replaced before the read was invoked. Since values are unique, w is never the register's value
 * again after that write, so no linearization exists: each planted key is invalid, the rest valid.
 * Pure: the result depends only on the options (and the seed).
 */
import type { HistoryEvent } from '../core/event.js';
import { createRng, type Rng } from './random.js';

/** SynthWorkload names the kind of synthetic history. */
export type SynthWorkload = 'cas-register' | 'kv';

/** SynthOptions configure `synthesizeHistory`. Times are in nanoseconds. */
export interface SynthOptions {
  workload: SynthWorkload;
  ops: number;
  keys: number;
  processes: number;
  /** Fraction of operations whose completion is `info` (0..1). */
  infoRate?: number;
  /** How many stale reads to plant, each on a different key. */
  plantStale?: number;
  seed?: number;
  /** Mean operation latency, ns (default 1 ms). */
  meanLatencyNs?: number;
}

/** SynthHistory is the generated history with what was planted and the seed used. */
export interface SynthHistory {
  events: HistoryEvent[];
  /** Keys that carry a planted violation (sorted). */
  plantedKeys: string[];
  seed: number;
  options: SynthOptions;
}

interface SynthOp {
  process: number;
  key: number;
  f: string;
  input: unknown;
  output: unknown;
  /** ok | fail (cas compare failed) | info. */
  outcome: 'ok' | 'fail' | 'info';
  /** Whether an info op took effect. */
  applied: boolean;
  t: number;
  l: number;
  r: number;
}

/** synthesizeHistory builds a history per the module comment. */
export function synthesizeHistory(options: SynthOptions): SynthHistory {
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const ops = scheduleOps(options, rng);
  applyInLinearizationOrder(ops, options.workload, rng);
  const plantedKeys = plantStaleReads(ops, options.plantStale ?? 0, rng);
  return { events: toEvents(ops), plantedKeys: plantedKeys.map(String).sort(), seed, options };
}

function scheduleOps(o: SynthOptions, rng: Rng): SynthOp[] {
  const mean = o.meanLatencyNs ?? 1_000_000;
  const infoRate = o.infoRate ?? 0;
  const ops: SynthOp[] = [];
  const clock = new Array<number>(o.processes).fill(0);
  const ids = Array.from({ length: o.processes }, (_, i) => i);
  for (let i = 0; i < o.ops; i++) {
    const slot = i % o.processes;
    const t = clock[slot]! + 1 + rng.int(Math.max(1, Math.floor(mean / 10)));
    const d = 2 + Math.floor(mean * (0.2 + 1.6 * rng.next()));
    const l = t + 1 + rng.int(d - 1);
    const r = t + d;
    clock[slot] = r;
    const info = infoRate > 0 && rng.chance(infoRate);
    ops.push({
      process: ids[slot]!,
      key: rng.int(o.keys),
      f: '',
      input: null,
      output: null,
      outcome: info ? 'info' : 'ok',
      applied: info ? rng.chance(0.5) : true,
      t,
      l,
      r,
    });
    if (info) ids[slot] = ids[slot]! + o.processes;
  }
  return ops;
}

function applyInLinearizationOrder(ops: SynthOp[], workload: SynthWorkload, rng: Rng): void {
  const byPoint = ops.slice().sort((a, b) => a.l - b.l);
  const state = new Map<number, unknown>();
  let unique = 0;
  for (const op of byPoint) {
    const current = state.has(op.key) ? state.get(op.key) : workload === 'kv' ? '' : null;
    if (workload === 'cas-register') {
      const dice = rng.next();
      if (dice < 0.4) {
        op.f = 'read';
        op.output = current;
        if (op.outcome === 'info') op.output = null;
      } else if (dice < 0.7) {
        op.f = 'write';
        op.input = ++unique;
        op.output = op.input;
        if (op.applied) state.set(op.key, op.input);
      } else {
        op.f = 'cas';
        const from = rng.chance(0.5) && current !== null ? current : rng.int(unique + 2);
        const to = ++unique;
        op.input = [from, to];
        op.output = op.input;
        const matches = from === current;
        if (op.outcome === 'ok' && !matches) op.outcome = 'fail';
        if (matches && op.applied) state.set(op.key, to);
      }
    } else {
      const dice = rng.next();
      if (dice < 0.4) {
        op.f = 'get';
        op.output = op.outcome === 'info' ? null : current;
      } else if (dice < 0.6) {
        op.f = 'put';
        op.input = `v${++unique}`;
        op.output = op.input;
        if (op.applied) state.set(op.key, op.input);
      } else {
        op.f = 'append';
        op.input = `x${op.process}.${++unique}y`;
        op.output = op.input;
        if (op.applied) state.set(op.key, `${String(current)}${String(op.input)}`);
      }
    }
  }
}

// plantStaleReads rewrites one read per chosen key (see the module comment) and returns the keys.
function plantStaleReads(ops: SynthOp[], count: number, rng: Rng): number[] {
  if (count <= 0) return [];
  const byKey = new Map<number, SynthOp[]>();
  for (const op of ops) {
    let list = byKey.get(op.key);
    if (!list) byKey.set(op.key, (list = []));
    list.push(op);
  }
  const keys = [...byKey.keys()];
  const planted: number[] = [];
  for (let attempt = 0; planted.length < count && attempt < keys.length * 4; attempt++) {
    const key = keys[rng.int(keys.length)]!;
    if (planted.includes(key)) continue;
    if (plantOne(byKey.get(key)!.slice().sort((a, b) => a.l - b.l))) planted.push(key);
  }
  return planted;
}

function plantOne(keyOps: SynthOp[]): boolean {
  // Values that are provably gone before a read: w was set by an ok op W, then replaced by an ok op
  // X invoked after W returned (so W precedes X in every linearization), and X returned before the
  // read was invoked. Only the unique op W can ever set w, so no linearization lets the read see w.
  const replaced: { value: unknown; byReturn: number }[] = [];
  let current: { value: unknown; writerReturn: number } | undefined;
  const isRead = (op: SynthOp): boolean => op.f === 'read' || op.f === 'get';
  for (let i = 0; i < keyOps.length; i++) {
    const op = keyOps[i]!;
    if (isRead(op) && op.outcome === 'ok' && i > keyOps.length / 2) {
      const stale = replaced.find((w) => w.byReturn < op.t && w.value !== op.output);
      if (stale) {
        op.output = stale.value;
        return true;
      }
    }
    const changes = !isRead(op) && op.outcome !== 'fail' && op.applied;
    if (!changes) continue;
    if (current && op.outcome === 'ok' && current.writerReturn < op.t) {
      replaced.push({ value: current.value, byReturn: op.r });
    }
    // Only a value set whole by one ok op (write, put, cas) is eligible; an append's result is not.
    const eligible = op.outcome === 'ok' && op.f !== 'append';
    const value = op.f === 'cas' ? (op.input as unknown[])[1] : op.input;
    current = { value, writerReturn: eligible ? op.r : Infinity };
  }
  return false;
}

function toEvents(ops: SynthOp[]): HistoryEvent[] {
  const n = ops.length;
  const order = new Uint32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) order[i] = i;
  const time = (e: number): number => (e < n ? ops[e]!.t : ops[e - n]!.r);
  const sorted = Array.from(order).sort((a, b) => time(a) - time(b) || a - b);
  const events: HistoryEvent[] = new Array(2 * n);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    const op = e < n ? ops[e]! : ops[e - n]!;
    const invoke = e < n;
    const value = invoke ? (op.f === 'read' || op.f === 'get' ? null : op.input) : op.outcome === 'info' ? op.input ?? null : op.output;
    events[i] = {
      index: i,
      type: invoke ? 'invoke' : op.outcome,
      process: op.process,
      f: op.f,
      key: String(op.key),
      value,
      time: invoke ? op.t : op.r,
    };
  }
  return events;
}
