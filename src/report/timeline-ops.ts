/**
 * buildTimelineOps: the report's view of every client operation, in column arrays (one number per op
 * per column, not one object per op) so 100,000 ops stay small and fast to draw.
 *
 * Unlike `pairOperations` (the checkers' input) it keeps `fail` ops, draws an `info` op up to its
 * completion event, and is lenient: a completion with no pending invoke is skipped and counted, never
 * thrown, because a report must render whatever the run left behind. Pure.
 */
import type { HistoryEvent } from '../core/event.js';
import { assignLanes, laneLabel } from './assign-lanes.js';
import type { ProcessSpan } from './assign-lanes.js';
import { describeOp } from './op-text.js';

/** STATUS_CODES: the numbers stored in `TimelineOps.status`. */
export const STATUS_CODES = { ok: 0, fail: 1, info: 2 } as const;

/**
 * TimelineOps holds the client ops in invoke order. Times are ns since the test began. `durNs` is
 * completion time − call time, or -1 when the op never completed (drawn to the end of the history).
 * `key`/`node` index into `keys`/`nodes` (-1 when absent). `invokeIndex` is the invoke event's index.
 */
export interface TimelineOps {
  count: number;
  lane: number[];
  process: number[];
  callNs: number[];
  durNs: number[];
  status: number[];
  key: number[];
  node: number[];
  text: string[];
  invokeIndex: number[];
  keys: string[];
  nodes: string[];
  lanes: { label: string; processes: number[] }[];
  /** First and last event time of the whole history (nemesis included), ns. */
  startNs: number;
  endNs: number;
  /** Completions that had no pending invoke (skipped). */
  orphanCompletions: number;
}

interface Open {
  op: number;
  invoke: HistoryEvent;
}

/** buildTimelineOps builds the column arrays from history events (any order of processes; time-ordered). */
export function buildTimelineOps(events: readonly HistoryEvent[]): TimelineOps {
  const t: TimelineOps = {
    count: 0,
    lane: [],
    process: [],
    callNs: [],
    durNs: [],
    status: [],
    key: [],
    node: [],
    text: [],
    invokeIndex: [],
    keys: [],
    nodes: [],
    lanes: [],
    startNs: events.length === 0 ? 0 : Infinity,
    endNs: events.length === 0 ? 0 : -Infinity,
    orphanCompletions: 0,
  };
  const keyIds = new Map<string, number>();
  const nodeIds = new Map<string, number>();
  const intern = (ids: Map<string, number>, list: string[], s: string | undefined): number => {
    if (s === undefined) return -1;
    let id = ids.get(s);
    if (id === undefined) {
      id = list.length;
      ids.set(s, id);
      list.push(s);
    }
    return id;
  };
  const open = new Map<number, Open>();
  const spans = new Map<number, ProcessSpan>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.time < t.startNs) t.startNs = e.time;
    if (e.time > t.endNs) t.endNs = e.time;
    if (typeof e.process !== 'number') continue;
    if (e.type === 'invoke') {
      const prev = open.get(e.process);
      if (prev !== undefined) finish(t, prev, undefined, 'info');
      const op = t.count++;
      t.process.push(e.process);
      t.callNs.push(e.time);
      t.durNs.push(-1);
      t.status.push(STATUS_CODES.info);
      t.key.push(intern(keyIds, t.keys, e.key));
      t.node.push(intern(nodeIds, t.nodes, e.node));
      t.text.push('');
      t.invokeIndex.push(e.index ?? i);
      t.lane.push(-1);
      open.set(e.process, { op, invoke: e });
      const span = spans.get(e.process);
      if (span === undefined) spans.set(e.process, { process: e.process, fromNs: e.time, toNs: Infinity });
      else span.toNs = Infinity;
      continue;
    }
    const pending = open.get(e.process);
    if (pending === undefined) {
      t.orphanCompletions++;
      continue;
    }
    open.delete(e.process);
    finish(t, pending, e, e.type);
    if (e.node !== undefined) t.node[pending.op] = intern(nodeIds, t.nodes, e.node);
    spans.get(e.process)!.toNs = e.time;
  }
  for (const pending of open.values()) finish(t, pending, undefined, 'info');
  const { lanes, laneOf } = assignLanes([...spans.values()]);
  t.lanes = lanes.map((l) => ({ label: laneLabel(l), processes: l.processes }));
  for (let op = 0; op < t.count; op++) t.lane[op] = laneOf.get(t.process[op]!)!;
  return t;
}

function finish(t: TimelineOps, pending: Open, done: HistoryEvent | undefined, type: 'ok' | 'fail' | 'info'): void {
  const op = pending.op;
  t.status[op] = STATUS_CODES[type];
  t.durNs[op] = done === undefined ? -1 : done.time - pending.invoke.time;
  t.text[op] = describeOp(pending.invoke.f, pending.invoke.value, done?.value, type);
}
