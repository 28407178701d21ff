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
 * AvailabilityTally accumulates ops one at a time against fixed `windows` (the streaming form of
 * computeAvailability, used when the report does not keep every op): `add` each op's call time,
 * status and node (UNKNOWN_NODE when none), then `result()`. Memory: one tally per node and window.
 */
export class AvailabilityTally {
  private readonly spans: { i: number; from: number; to: number }[];
  private readonly perWindow: WindowAvailability[];
  private readonly perNode = new Map<string, NodeAvailability>();
  private readonly overall = { all: empty(), inFault: empty(), outsideFault: empty() };

  constructor(windows: readonly FaultWindow[]) {
    this.spans = windows.map((w, i) => ({ i, from: w.fromNs, to: w.toNs })).filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
    this.perWindow = windows.map((_, i) => ({ window: i, tally: empty() }));
  }

  add(callNs: number, status: number, node: string): void {
    let na = this.perNode.get(node);
    if (na === undefined) this.perNode.set(node, (na = { node, all: empty(), inFault: empty(), outsideFault: empty() }));
    let inside = false;
    for (const s of this.spans) {
      if (s.from > callNs) break;
      if (callNs <= s.to) {
        inside = true;
        add(this.perWindow[s.i]!.tally, status);
      }
    }
    add(na.all, status);
    add(this.overall.all, status);
    add(inside ? na.inFault : na.outsideFault, status);
    add(inside ? this.overall.inFault : this.overall.outsideFault, status);
  }

  /** result: nodes sorted by name with "?" last; windows in their order. */
  result(): Availability {
    const nodes = [...this.perNode.values()].sort((a, b) =>
      a.node === UNKNOWN_NODE ? 1 : b.node === UNKNOWN_NODE ? -1 : a.node.localeCompare(b.node, 'en', { numeric: true }),
    );
    return { nodes, windows: this.perWindow, overall: this.overall };
  }
}

/**
 * computeAvailability tallies `ops` against `windows` (an op is in a window when its call time lies
 * in [fromNs, toNs]; instant markers, fromNs === toNs, count as no window). Nodes are sorted by name
 * with "?" last; windows keep their order. O(n·w) for n ops and w windows.
 */
export function computeAvailability(ops: TimelineOps, windows: readonly FaultWindow[]): Availability {
  const tally = new AvailabilityTally(windows);
  for (let i = 0; i < ops.count; i++) {
    const nodeIdx = ops.node[i]!;
    tally.add(ops.callNs[i]!, ops.status[i]!, nodeIdx >= 0 ? ops.nodes[nodeIdx]! : UNKNOWN_NODE);
  }
  return tally.result();
}
