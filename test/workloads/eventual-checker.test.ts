import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/event.js';
import { buildWorkload, eventualChecker, writeOrderFor } from '../../workloads/index.js';

const ctx = { timeoutMs: 1000, workers: 1 };

/** lostWriteHistory: w1 acked, then w2 acked strictly later, yet every final read returns w1's value. */
function lostWriteHistory(key: string): HistoryEvent[] {
  const rows: [HistoryEvent['type'], number | 'nemesis', string, unknown, number][] = [
    ['invoke', 0, 'write', 1, 0],
    ['ok', 0, 'write', 1, 10],
    ['invoke', 1, 'write', 2, 20],
    ['ok', 1, 'write', 2, 30],
    ['invoke', 'nemesis', 'heal', null, 40],
    ['info', 'nemesis', 'heal', null, 41],
    ['invoke', 0, 'read', null, 50],
    ['ok', 0, 'read', 1, 51],
  ];
  return rows.map(([type, process, f, value, time], index) => ({ index, type, process, f, value, time, ...(process === 'nemesis' ? {} : { key }) }));
}

describe('writeOrderFor', () => {
  it.each<[string | undefined, string]>([
    ['lww', 'store-order'],
    ['raft', 'real-time'],
    ['primary', 'real-time'],
    [undefined, 'real-time'],
  ])('%s → %s', (mode, order) => {
    expect(writeOrderFor(mode)).toBe(order);
  });
});

describe('register workloads run the eventual checker', () => {
  it.each<[string, string, string | undefined, string, boolean]>([
    ['register', 'r', undefined, 'real-time', false],
    ['register', 'r', 'lww', 'store-order', true],
    ['multi-register', 'k0', 'raft', 'real-time', false],
    ['kv', 'k0', 'lww', 'store-order', true],
  ])('%s (mode %s) → %s', async (name, key, mode, order, valid) => {
    const w = buildWorkload(name, mode === undefined ? { keys: 2 } : { keys: 2, mode });
    expect(w.checkers.map((c) => c.name)).toEqual(['linearizable', 'eventual']);
    const eventual = w.checkers[1];
    const result = await eventual!.check(lostWriteHistory(key), ctx);
    // The same lost write is invalid in real-time order and only listed in store order.
    expect(result).toMatchObject({ checker: 'eventual', writeOrder: order, valid, lostWriteCount: 1 });
  });

  it('set and counter workloads do not', () => {
    expect(buildWorkload('set', { keys: 1, mode: 'lww' }).checkers.map((c) => c.name)).toEqual(['set']);
    expect(buildWorkload('counter', { keys: 1 }).checkers.map((c) => c.name)).toEqual(['counter']);
  });

  it('eventualChecker defaults to real-time', async () => {
    expect(await eventualChecker().check(lostWriteHistory('r'), ctx)).toMatchObject({ writeOrder: 'real-time', valid: false });
  });
});
