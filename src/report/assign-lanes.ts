/**
 * assignLanes packs logical processes into timeline rows. After an `info` a client's process id is
 * retired and a fresh one continues its work (Jepsen's rule), so one row per process id would grow
 * without bound; instead each row (lane) holds processes whose lifetimes do not overlap, like
 * Jepsen's "thread = process mod concurrency". Pure.
 */

/** ProcessSpan is one process's lifetime: its first call and its last drawn end (Infinity if open). */
export interface ProcessSpan {
  process: number;
  fromNs: number;
  toNs: number;
}

/** Lane is one timeline row: the processes drawn on it, in time order. */
export interface Lane {
  processes: number[];
}

/**
 * assignLanes gives every process a lane: processes are taken by first call (ties by id) and put on
 * the lowest lane whose last process ended strictly before this one began; otherwise a new lane.
 * Returns the lanes and a map process → lane index. Lanes are non-overlapping in time by
 * construction. O(P·L) for P processes and L lanes.
 */
export function assignLanes(spans: readonly ProcessSpan[]): { lanes: Lane[]; laneOf: Map<number, number> } {
  const sorted = [...spans].sort((a, b) => a.fromNs - b.fromNs || a.process - b.process);
  const lanes: Lane[] = [];
  const laneEnd: number[] = [];
  const laneOf = new Map<number, number>();
  for (const s of sorted) {
    let lane = laneEnd.findIndex((end) => end < s.fromNs);
    if (lane === -1) {
      lane = lanes.length;
      lanes.push({ processes: [] });
      laneEnd.push(s.toNs);
    } else {
      laneEnd[lane] = s.toNs;
    }
    lanes[lane]!.processes.push(s.process);
    laneOf.set(s.process, lane);
  }
  return { lanes, laneOf };
}

/** laneLabel names a lane for people: `p3`, or `p3 +2` when retired ids continued on it. */
export function laneLabel(lane: Lane): string {
  const first = lane.processes[0];
  if (first === undefined) return '';
  const more = lane.processes.length - 1;
  return more > 0 ? `p${first} +${more}` : `p${first}`;
}
