/**
 * The set checker's stable latency (Jepsen's set-full definition) on real recorded histories,
 * against a brute-force reading of the definition: for each element in every final read, from its
 * known time (earliest ack, or return of the first read that saw it) to the invoke of the last read
 * invoked after that which missed it; 0 when none did. An lww run with partitions has stale reads, so
 * positive values; a primary-mode run whose reads all go to one primary has none, so all zeros.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { HistoryEvent } from '../../src/core/event.js';
import { readAnyHistory } from '../../src/history/index.js';
import { checkSet, finalPhaseStart } from '../../checkers/set.js';
import { distribution } from '../../checkers/eventual/distribution.js';

interface Op {
  f: string;
  value: unknown;
  out: unknown;
  type: string;
  call: number;
  ret: number;
}

/** bruteForceStable recomputes every stable time straight from the events (no shared code with the checker). */
function bruteForceStable(events: readonly HistoryEvent[]): number[] {
  const open = new Map<number, HistoryEvent>();
  const ops: Op[] = [];
  for (const e of events) {
    if (typeof e.process !== 'number') continue;
    if (e.type === 'invoke') open.set(e.process, e);
    else {
      const inv = open.get(e.process)!;
      open.delete(e.process);
      ops.push({ f: inv.f, value: inv.value, out: e.value, type: e.type, call: inv.time, ret: e.time });
    }
  }
  const reads = ops.filter((o) => o.f === 'read' && o.type === 'ok').map((o) => ({ ...o, seen: new Set((o.out as number[] | null) ?? []) }));
  const finalFrom = finalPhaseStart(events);
  const finals = reads.filter((r) => r.call >= finalFrom);
  const elements = new Set(ops.filter((o) => o.f === 'add').map((o) => o.value as number));
  const out: number[] = [];
  for (const el of elements) {
    if (!finals.every((r) => r.seen.has(el))) continue;
    const acks = ops.filter((o) => o.f === 'add' && o.type === 'ok' && o.value === el).map((o) => o.ret);
    const seenAt = reads.filter((r) => r.seen.has(el)).map((r) => r.ret);
    const known = Math.min(...acks, ...seenAt);
    const misses = reads.filter((r) => r.call > known && !r.seen.has(el)).map((r) => r.call);
    out.push(misses.length === 0 ? 0 : Math.max(...misses) - known);
  }
  return out;
}

describe('set stable latency on recorded runs', () => {
  it('an lww run with partitions: positive where reads were stale, equal to the definition', async () => {
    const { events } = await readAnyHistory(join(import.meta.dirname, 'fixtures/set-lww-stale.jsonl'));
    const key = checkSet(events).keys[0]!;
    const expected = bruteForceStable(events);
    expect(expected.filter((t) => t > 0).length).toBeGreaterThan(10);
    expect(key.stableLatencyNs).toEqual(distribution(expected));
    expect(key.stableLatencyNs.max).toBeGreaterThan(1e8);
    expect(key.stale).toBe(expected.filter((t) => t > 0).length);
    expect(key.worstStaleNs).toBe(Math.max(...expected));
  });

  it('a primary-mode run that lost adds: zero for every surviving element, as the definition says', async () => {
    const { events } = await readAnyHistory(join(import.meta.dirname, '../report/fixtures/set-primary-lost.jsonl'));
    const key = checkSet(events).keys[0]!;
    const expected = bruteForceStable(events);
    expect(expected.every((t) => t === 0)).toBe(true);
    expect(key.stableLatencyNs).toEqual({ count: key.ok + key.recovered, p50: 0, p95: 0, p99: 0, max: 0 });
    expect(key.lostCount).toBe(73);
  });
});
