/**
 * computeAvailability: how much of the work succeeded, per node and per fault window — ok / total
 * ops, split by whether the op was invoked inside some fault window or outside all of them. Ops with
 * no recorded node are counted under the node "?". Pure.
 */
import type { FaultWindow } from './fault-windows.js';
import { STATUS_CODES } from './timeline-ops.js';
import type { TimelineOps } from './timeline-ops.js';

/** Tally counts ops by outcome. */
export interface Tally {
  ok: number;
  fail: number;
  info: number;
  total: number;
}

/** NodeAvailability: a node's tallies over all ops, ops invoked during faults, and outside them. */
export interface NodeAvailability {
  node: string;
  all: Tally;
  inFault: Tally;
  outsideFault: Tally;
}

/** WindowAvailability: the tally of the ops invoked during one fault window (index into the windows). */
export interface WindowAvailability {
  window: number;
  tally: Tally;
}

/** Availability is the whole availability panel. */
export interface Availability {
  nodes: NodeAvailability[];
  windows: WindowAvailability[];
  overall: { all: Tally; inFault: Tally; outsideFault: Tally };
}

/** UNKNOWN_NODE names the bucket of ops without a recorded node. */
export const UNKNOWN_NODE = '?';

const empty = (): Tally => ({ ok: 0, fail: 0, info: 0, total: 0 });

function add(t: Tally, status: number): void {
  t.total++;
  if (status === STATUS_CODES.ok) t.ok++;
  else if (status === STATUS_CODES.fail) t.fail++;
  else t.info++;
}

/**
 * computeAvailability tallies `ops` against `windows` (an op is in a window when its call time lies
 * in [fromNs, toNs]; instant markers, fromNs === toNs, count as no window). Nodes are sorted by name
 * with "?" last; windows keep their order. O(n·w) for n ops and w windows.
 */
export function computeAvailability(ops: TimelineOps, windows: readonly FaultWindow[]): Availability {
  const spans = windows.map((w, i) => ({ i, from: w.fromNs, to: w.toNs })).filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const perWindow = windows.map((_, i) => ({ window: i, tally: empty() }));
  const perNode = new Map<string, NodeAvailability>();
  const overall = { all: empty(), inFault: empty(), outsideFault: empty() };
  for (let i = 0; i < ops.count; i++) {
    const t = ops.callNs[i]!;
    const st = ops.status[i]!;
    const nodeIdx = ops.node[i]!;
    const node = nodeIdx >= 0 ? ops.nodes[nodeIdx]! : UNKNOWN_NODE;
    let na = perNode.get(node);
    if (na === undefined) perNode.set(node, (na = { node, all: empty(), inFault: empty(), outsideFault: empty() }));
    let inside = false;
    for (const s of spans) {
      if (s.from > t) break;
      if (t <= s.to) {
        inside = true;
        add(perWindow[s.i]!.tally, st);
      }
    }
    add(na.all, st);
    add(overall.all, st);
    add(inside ? na.inFault : na.outsideFault, st);
    add(inside ? overall.inFault : overall.outsideFault, st);
  }
  const nodes = [...perNode.values()].sort((a, b) =>
    a.node === UNKNOWN_NODE ? 1 : b.node === UNKNOWN_NODE ? -1 : a.node.localeCompare(b.node, 'en', { numeric: true }),
  );
  return { nodes, windows: perWindow, overall };
}
