import { describe, expect, it } from 'vitest';
import { buildLatencySeries, chooseBucketNs, quantile } from '../../src/report/latency-series.js';
import { computeAvailability, UNKNOWN_NODE } from '../../src/report/availability.js';
import { buildTimelineOps } from '../../src/report/timeline-ops.js';
import type { FaultWindow } from '../../src/report/fault-windows.js';
import { ev, history } from './helpers.js';

describe('chooseBucketNs', () => {
  it.each([
    [1_000_000_000, 200, 5_000_000],
    [60e9, 200, 500_000_000],
    [1000, 200, 1000],
    [0, 200, 1_000_000],
    [7e9, 100, 100_000_000],
  ])('span %d, target %d → %d', (span, target, bucket) => {
    expect(chooseBucketNs(span, target)).toBe(bucket);
    if (span > 0) expect(Math.ceil(span / bucket)).toBeLessThanOrEqual(target);
  });
});

describe('quantile', () => {
  it('uses nearest rank and -1 for empty', () => {
    expect(quantile([], 0.5)).toBe(-1);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.95)).toBe(4);
    expect(quantile([7], 0.01)).toBe(7);
  });
});

describe('buildLatencySeries', () => {
  const h = history(
    ev('invoke', 0, 'write', 1, 0),
    ev('invoke', 1, 'read', null, 1),
    ev('ok', 0, 'write', 1, 5), // latency 5, bucket 0
    ev('fail', 1, 'read', null, 12), // latency 11, bucket 1
    ev('invoke', 0, 'read', null, 13),
    ev('info', 0, 'read', null, 19), // latency 6, bucket 1
    ev('invoke', 2, 'write', 2, 25), // never completes: not counted
  );
  const s = buildLatencySeries(buildTimelineOps(h), 10);
  it('counts completions by outcome per bucket', () => {
    expect(s.ok).toEqual([1, 0, 0]);
    expect(s.fail).toEqual([0, 1, 0]);
    expect(s.info).toEqual([0, 1, 0]);
  });
  it('gives latency quantiles per bucket, -1 for empty buckets', () => {
    expect(s.p50).toEqual([5, 6, -1]);
    expect(s.p95).toEqual([5, 11, -1]);
    expect(s.max).toEqual([5, 11, -1]);
    expect([s.startNs, s.bucketNs]).toEqual([0, 10]);
  });
});

describe('computeAvailability', () => {
  const h = history(
    ev('invoke', 0, 'write', 1, 0),
    ev('ok', 0, 'write', 1, 1, { node: 'n1' }),
    ev('invoke', 0, 'write', 2, 10), // inside the window [5, 20]
    ev('fail', 0, 'write', 2, 11, { node: 'n1' }),
    ev('invoke', 1, 'read', null, 12), // inside
    ev('info', 1, 'read', null, 30, { node: 'n2' }),
    ev('invoke', 0, 'read', null, 40), // outside, no node
    ev('ok', 0, 'read', 1, 41),
  );
  const windows: FaultWindow[] = [
    { family: 'partition', label: 'partition', fromNs: 5, toNs: 20, open: false, startF: 'start-partition', stopF: 'stop-partition' },
    { family: 'compact', label: 'compact', fromNs: 40, toNs: 40, open: false, startF: 'compact', stopF: null },
  ];
  const a = computeAvailability(buildTimelineOps(h), windows);
  it('tallies per node, inside and outside fault windows, unknown node last', () => {
    expect(a.nodes.map((n) => [n.node, n.all.ok, n.all.total, n.inFault.total, n.outsideFault.total])).toEqual([
      ['n1', 1, 2, 1, 1],
      ['n2', 0, 1, 1, 0],
      [UNKNOWN_NODE, 1, 1, 0, 1],
    ]);
  });
  it('tallies per window; an instant marker is no window', () => {
    expect(a.windows[0]!.tally).toEqual({ ok: 0, fail: 1, info: 1, total: 2 });
    expect(a.windows[1]!.tally.total).toBe(0);
    expect(a.overall.inFault.total + a.overall.outsideFault.total).toBe(a.overall.all.total);
    expect(a.overall.all).toEqual({ ok: 2, fail: 1, info: 1, total: 4 });
  });
});
