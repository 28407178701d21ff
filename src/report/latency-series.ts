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

/** LATENCY_BIN_RATIO: the relative width of a latency bin in LatencyAccumulator (quantiles within 1 %). */
export const LATENCY_BIN_RATIO = 1.01;
const LOG_RATIO = Math.log(LATENCY_BIN_RATIO);
/** Bins cover 1 ns .. 10^13 ns (about 2.8 hours); longer latencies fall in the last bin (max stays exact). */
const LATENCY_BINS = Math.ceil(Math.log(1e13) / LOG_RATIO) + 1;

/**
 * LatencyAccumulator is buildLatencySeries in bounded memory, for histories too large to keep: ops
 * are added one at a time, per bucket a histogram of log-spaced bins (LATENCY_BIN_RATIO wide), so
 * counts and max are exact and p50/p95 are the upper edge of the bin holding the nearest-rank
 * quantile, capped at the bucket's max (at most 1 % above the exact value). Memory: at most
 * buckets × LATENCY_BINS counters, independent of the number of ops.
 */
export class LatencyAccumulator {
  private readonly s: LatencySeries;
  private readonly n: number;
  private readonly hist: (Uint32Array | undefined)[];
  private readonly maxNs: number[];

  constructor(
    private readonly startNs: number,
    endNs: number,
    private readonly bucketNs: number = chooseBucketNs(endNs - startNs),
  ) {
    this.n = Math.max(1, Math.floor((endNs - startNs) / bucketNs) + 1);
    this.s = { startNs, bucketNs, ok: new Array<number>(this.n).fill(0), fail: new Array<number>(this.n).fill(0), info: new Array<number>(this.n).fill(0), p50: [], p95: [], max: [] };
    this.hist = new Array<Uint32Array | undefined>(this.n).fill(undefined);
    this.maxNs = new Array<number>(this.n).fill(-1);
  }

  /** add counts one op by completion time; `durNs < 0` (never completed) is not counted, as in buildLatencySeries. */
  add(callNs: number, durNs: number, status: number): void {
    if (durNs < 0) return;
    const b = Math.max(0, Math.min(this.n - 1, Math.floor((callNs + durNs - this.startNs) / this.bucketNs)));
    if (status === STATUS_CODES.ok) this.s.ok[b]!++;
    else if (status === STATUS_CODES.fail) this.s.fail[b]!++;
    else this.s.info[b]!++;
    const h = (this.hist[b] ??= new Uint32Array(LATENCY_BINS));
    h[latencyBin(durNs)]!++;
    if (durNs > this.maxNs[b]!) this.maxNs[b] = durNs;
  }

  result(): LatencySeries {
    const s = this.s;
    for (let b = 0; b < this.n; b++) {
      const h = this.hist[b];
      const total = s.ok[b]! + s.fail[b]! + s.info[b]!;
      const max = this.maxNs[b]!;
      s.p50.push(h === undefined ? -1 : Math.min(max, binQuantile(h, total, 0.5)));
      s.p95.push(h === undefined ? -1 : Math.min(max, binQuantile(h, total, 0.95)));
      s.max.push(max);
    }
    return s;
  }
}

/** latencyBin: the bin of a duration (bin k holds (RATIO^(k-1), RATIO^k]; durations ≤ 1 ns in bin 0). */
export function latencyBin(durNs: number): number {
  if (durNs <= 1) return 0;
  return Math.min(LATENCY_BINS - 1, Math.ceil(Math.log(durNs) / LOG_RATIO - 1e-9));
}

function binQuantile(h: Uint32Array, total: number, q: number): number {
  const rank = Math.min(total - 1, Math.max(0, Math.ceil(q * total) - 1));
  let seen = 0;
  for (let k = 0; k < h.length; k++) {
    seen += h[k]!;
    if (seen > rank) return k === 0 ? 1 : Math.ceil(Math.exp(k * LOG_RATIO));
  }
  return -1;
}
