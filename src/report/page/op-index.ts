/**
 * indexOps decodes the embedded op columns into what drawing needs: absolute call and end times
 * and, per lane, its ops in call order, so a binary search finds the first op in view (pure).
 */
import type { EncodedOps } from '../build-report-data.js';

/** OpIndex: call/end time of each op (ns from the start; an op that never returned ends at the span) and each lane's ops. */
export interface OpIndex {
  call: Float64Array;
  end: Float64Array;
  laneOps: Int32Array[];
}

/** indexOps builds the OpIndex of `ops`; `spanNs` is where never-completed ops end. */
export function indexOps(ops: EncodedOps, spanNs: number): OpIndex {
  const n = ops.count;
  const lanes = ops.lanes.length;
  const call = new Float64Array(n);
  const end = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += ops.callDeltaNs[i]!;
    call[i] = t;
    const dur = ops.durNs[i]!;
    end[i] = dur >= 0 ? t + dur : spanNs;
  }
  const laneCount = new Int32Array(lanes);
  for (let i = 0; i < n; i++) laneCount[ops.lane[i]!]!++;
  const laneOps: Int32Array[] = [];
  for (let l = 0; l < lanes; l++) laneOps.push(new Int32Array(laneCount[l]!));
  const fill = new Int32Array(lanes);
  for (let i = 0; i < n; i++) {
    const l = ops.lane[i]!;
    laneOps[l]![fill[l]!++] = i;
  }
  return { call, end, laneOps };
}

/** laneStart: the first index in a lane (`ops`) whose op may reach into [from, …]: the last op called at or before `from`. */
export function laneStart(call: Float64Array, ops: Int32Array, from: number): number {
  let lo = 0;
  let hi = ops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (call[ops[mid]!]! <= from) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/** globalStart: the first op (in call order) called at or after `from`. */
export function globalStart(call: Float64Array, from: number): number {
  let lo = 0;
  let hi = call.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (call[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
