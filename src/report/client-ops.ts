/**
 * clientOps: the history's client operations with their values, for overlays that need what an op
 * added or read (the timeline columns keep only a short text). Lenient like buildTimelineOps: a
 * completion with no pending invoke is skipped, an invoke that replaces a pending one or never
 * completes is info. Pure.
 */
import type { HistoryEvent } from '../core/event.js';

/** ClientOp is one client operation; `returnNs` is null when it never completed. */
export interface ClientOp {
  invokeIndex: number;
  process: number;
  f: string;
  /** The invoke's key, "" when it has none. */
  key: string;
  input: unknown;
  output: unknown;
  status: 'ok' | 'fail' | 'info';
  callNs: number;
  returnNs: number | null;
  node?: string;
}

/** clientOps pairs invokes with completions, in invoke order. */
export function clientOps(events: readonly HistoryEvent[]): ClientOp[] {
  const out: ClientOp[] = [];
  const open = new Map<number, ClientOp>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (typeof e.process !== 'number') continue;
    if (e.type === 'invoke') {
      const op: ClientOp = { invokeIndex: e.index ?? i, process: e.process, f: e.f, key: e.key ?? '', input: e.value, output: undefined, status: 'info', callNs: e.time, returnNs: null };
      if (e.node !== undefined) op.node = e.node;
      open.set(e.process, op);
      out.push(op);
      continue;
    }
    const op = open.get(e.process);
    if (op === undefined) continue;
    open.delete(e.process);
    op.status = e.type;
    op.returnNs = e.time;
    op.output = e.value;
    if (e.node !== undefined) op.node = e.node;
  }
  return out;
}
