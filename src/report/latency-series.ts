/**
 * buildLatencySeries: latency quantiles and throughput per time bucket, for the report's charts.
 * Pure; times in ns.
 */
import { STATUS_CODES } from './timeline-ops.js';
import type { TimelineOps } from './timeline-ops.js';

/** LatencySeries: per bucket i covering [startNs + i·bucketNs, startNs + (i+1)·bucketNs). */
export interface LatencySeries {
  startNs: number;
  bucketNs: number;
  /** Ops completed in the bucket, by outcome (by completion time; never-completed ops are not counted). */
  ok: number[];
  fail: number[];
  info: number[];
  /** Latency (ns) of the ops completed in the bucket (all outcomes): median, 95th percentile, max; -1 when empty. */
  p50: number[];
  p95: number[];
  max: number[];
}

const NICE_STEPS = [1, 2, 5];

/**
 * chooseBucketNs picks a round bucket width (1, 2 or 5 × 10^k ns, at least 1 µs) giving at most
 * `target` buckets over `spanNs`. Pure; `spanNs <= 0` gives 1 ms.
 */
export function chooseBucketNs(spanNs: number, target = 200): number {
  if (!(spanNs > 0)) return 1_000_000;
  const raw = spanNs / Math.max(1, target);
  let pow = 1000;
  for (;;) {
    for (const m of NICE_STEPS) if (m * pow >= raw) return m * pow;
    pow *= 10;
  }
}

/** quantile of a sorted array (nearest rank); -1 when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return -1;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * buildLatencySeries buckets completed ops by completion time over [ops.startNs, ops.endNs].
 * `bucketNs` defaults to chooseBucketNs(span). O(n log n) for the per-bucket sorts.
 */
export function buildLatencySeries(ops: TimelineOps, bucketNs: number = chooseBucketNs(ops.endNs - ops.startNs)): LatencySeries {
  const n = Math.max(1, Math.floor((ops.endNs - ops.startNs) / bucketNs) + 1);
  const s: LatencySeries = {
    startNs: ops.startNs,
    bucketNs,
    ok: new Array<number>(n).fill(0),
    fail: new Array<number>(n).fill(0),
    info: new Array<number>(n).fill(0),
    p50: [],
    p95: [],
    max: [],
  };
  const lat: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < ops.count; i++) {
    const dur = ops.durNs[i]!;
    if (dur < 0) continue;
    const b = Math.min(n - 1, Math.floor((ops.callNs[i]! + dur - ops.startNs) / bucketNs));
    const st = ops.status[i]!;
    if (st === STATUS_CODES.ok) s.ok[b]!++;
    else if (st === STATUS_CODES.fail) s.fail[b]!++;
    else s.info[b]!++;
    lat[b]!.push(dur);
  }
  for (const l of lat) {
    l.sort((a, b) => a - b);
    s.p50.push(quantile(l, 0.5));
    s.p95.push(quantile(l, 0.95));
    s.max.push(l.length === 0 ? -1 : l[l.length - 1]!);
  }
  return s;
}
