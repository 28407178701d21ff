// Properties of the eventual checker on random histories: a linearizable register never shows a
// stale read, a lost write or a phantom; the offline missed-write sweep agrees with brute force.
import { describe, expect, it } from 'vitest';
import { checkEventual } from '../../checkers/eventual/index.js';
import { missedWrites } from '../../checkers/eventual/missed-writes.js';
import type { RegisterWrite } from '../../checkers/eventual/register-history.js';
import { events, heal, type Row, sortRows } from './history-rows.js';
import { mulberry32 } from '../../src/core/mulberry32.js';

/** mulberry32: a small seeded PRNG for reproducible random histories. */
const prng = mulberry32;

/**
 * linearizableHistory: `processes` clients run ops back to back; each op takes effect at a random
 * point inside its interval, so the history is linearizable by construction. Writes are unique;
 * some writes complete as info (they still took effect). Ends with a heal and final reads on 3 nodes.
 */
function linearizableHistory(seed: number, processes: number, opsPerProcess: number): Row[] {
  const rnd = prng(seed);
  const ops: { process: number; f: 'read' | 'write'; value: number; call: number; ret: number; at: number; info: boolean }[] = [];
  let next = 1;
  for (let p = 0; p < processes; p++) {
    let t = Math.floor(rnd() * 10);
    for (let i = 0; i < opsPerProcess; i++) {
      const call = t + 1 + Math.floor(rnd() * 5);
      const ret = call + 1 + Math.floor(rnd() * 30);
      const at = call + rnd() * (ret - call);
      const f = rnd() < 0.5 ? 'read' : 'write';
      ops.push({ process: p, f, value: f === 'write' ? next++ : 0, call, ret, at, info: f === 'write' && rnd() < 0.1 });
      t = ret;
    }
  }
  let state: number | null = null;
  const out = new Map<(typeof ops)[number], number | null>();
  for (const o of ops.slice().sort((a, b) => a.at - b.at)) {
    if (o.f === 'write') state = o.value;
    else out.set(o, state);
  }
  const rows: Row[] = [];
  const retired = new Map<number, number>();
  for (const o of ops) {
    // An info op retires its process (Jepsen's rule), so a later op of the same thread gets a fresh id.
    const id = o.process + 100 * (retired.get(o.process) ?? 0);
    rows.push(['invoke', id, o.f, o.f === 'write' ? o.value : null, o.call, undefined, 'r']);
    if (o.info) {
      rows.push(['info', id, o.f, o.value, o.ret, 'n1', 'r']);
      retired.set(o.process, (retired.get(o.process) ?? 0) + 1);
    } else rows.push(['ok', id, o.f, o.f === 'write' ? o.value : out.get(o), o.ret, `n${(o.process % 3) + 1}`, 'r']);
  }
  const end = Math.max(...ops.map((o) => o.ret)) + 10;
  const tail: Row[] = [...heal(end)];
  ['n1', 'n2', 'n3'].forEach((n, i) => {
    tail.push(['invoke', 1000 + i, 'read', null, end + 10, undefined, 'r'], ['ok', 1000 + i, 'read', state, end + 12, n, 'r']);
  });
  return [...sortRows(rows), ...tail];
}

describe('eventual checker on linearizable histories', () => {
  it.each(Array.from({ length: 200 }, (_, i) => i))('seed %i: no stale read, no lost write, no phantom', (seed) => {
    const r = checkEventual(events(linearizableHistory(seed, 2 + (seed % 5), 20)));
    expect({ valid: r.valid, stale: r.staleReads, lost: r.lostWriteCount, phantom: r.phantomReads }).toEqual({ valid: true, stale: 0, lost: 0, phantom: 0 });
  });
});

describe('missedWrites agrees with brute force', () => {
  it.each(Array.from({ length: 100 }, (_, i) => i))('seed %i', (seed) => {
    const rnd = prng(1000 + seed);
    const writes: RegisterWrite[] = Array.from({ length: 1 + Math.floor(rnd() * 40) }, (_, i) => {
      const callNs = Math.floor(rnd() * 100);
      const acknowledged = rnd() < 0.8;
      return { value: i, vkey: String(i), process: i, callNs, returnNs: acknowledged ? callNs + 1 + Math.floor(rnd() * 20) : Infinity, acknowledged };
    });
    const queries = Array.from({ length: 30 }, () => {
      const u = rnd();
      return { readCallNs: Math.floor(rnd() * 130), sourceEndNs: u < 0.1 ? Infinity : u < 0.2 ? -Infinity : Math.floor(rnd() * 120) };
    });
    const brute = queries.map((q) => {
      const acks = writes.filter((w) => w.acknowledged && w.callNs > q.sourceEndNs && w.returnNs < q.readCallNs).map((w) => w.returnNs);
      return acks.length === 0 ? null : { oldestAckNs: Math.min(...acks), newestAckNs: Math.max(...acks) };
    });
    expect(missedWrites(writes, queries)).toEqual(brute);
  });
});
