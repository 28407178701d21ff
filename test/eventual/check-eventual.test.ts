import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/core/verdict.js';
import { checkEventual, formatEventual, type EventualOptions, type EventualResult } from '../../checkers/eventual/index.js';
import { events, heal, op, read, type Row, sortRows } from './history-rows.js';

/** Golden case: a hand-made history, options, the verdict, and fields of the result that must hold. */
interface Golden {
  name: string;
  rows: Row[];
  options?: EventualOptions;
  valid: Verdict;
  expect: (r: EventualResult) => void;
}

const finals = (value: unknown, at: number, nodes = ['n1', 'n2', 'n3']): Row[] =>
  nodes.flatMap((n, i) => read(10 + i, value, at + i, at + i + 2, n));

const GOLDEN: Golden[] = [
  {
    name: 'valid: the last write is on every node',
    rows: [...op(0, 'write', 1, 0, 10), ...op(1, 'write', 2, 20, 30), ...heal(40), ...finals(2, 50)],
    valid: true,
    expect: (r) => {
      expect(r.converged).toBe(true);
      expect(r.keys[0]?.agreedValue).toBe(2);
      expect(r.lostWriteCount).toBe(0);
      expect(r.healNs).toBe(41);
      // Every final read agreed from the first: an upper bound, heal (41) → last node's read returned (54).
      expect(r.convergenceMeasure).toBe('at-most');
      expect(r.convergenceNs).toBe(13);
    },
  },
  {
    name: 'invalid: nodes disagree after the heal',
    rows: [...op(0, 'write', 1, 0, 10), ...op(1, 'write', 2, 20, 30), ...heal(40), ...finals(2, 50, ['n1', 'n2']), ...read(12, 1, 60, 62, 'n3')],
    valid: false,
    expect: (r) => {
      expect(r.converged).toBe(false);
      expect(r.divergentKeys).toBe(1);
      expect(r.convergenceNs).toBeNull();
      expect(r.convergenceMeasure).toBe('none');
      expect(r.keys[0]?.finals.map((f) => [f.node, f.value])).toEqual([['n1', 2], ['n2', 2], ['n3', 1]]);
      expect(r.keys[0]?.reason).toMatch(/disagree.*n3=1/);
    },
  },
  {
    name: 'invalid: the agreed value was never written (phantom)',
    rows: [...op(0, 'write', 1, 0, 10), ...heal(40), ...finals(7, 50)],
    valid: false,
    expect: (r) => {
      expect(r.phantomKeys).toBe(1);
      expect(r.keys[0]?.phantom).toBe(true);
      expect(r.keys[0]?.reason).toMatch(/never written/);
    },
  },
  {
    name: 'invalid: the agreed value came only from a failed write',
    rows: [...op(0, 'write', 1, 0, 10), ...op(1, 'write', 7, 20, 30, 'fail'), ...heal(40), ...finals(7, 50)],
    valid: false,
    expect: (r) => {
      expect(r.keys[0]?.phantom).toBe(true);
      expect(r.keys[0]?.reason).toMatch(/only by writes that failed/);
    },
  },
  {
    name: 'invalid: a write acknowledged after the survivor completed is lost',
    rows: [...op(0, 'write', 1, 0, 10), ...op(1, 'write', 2, 20, 30), ...op(2, 'write', 3, 35, 45), ...heal(50), ...finals(1, 60)],
    valid: false,
    expect: (r) => {
      expect(r.lostWriteCount).toBe(2);
      expect(r.keys[0]?.lostWrites).toEqual([
        { value: 2, process: 1, callNs: 20, returnNs: 30 },
        { value: 3, process: 2, callNs: 35, returnNs: 45 },
      ]);
    },
  },
  {
    name: 'valid with store order: the same loss is listed but allowed (LWW by timestamp)',
    rows: [...op(0, 'write', 1, 0, 10), ...op(1, 'write', 2, 20, 30), ...heal(40), ...finals(1, 50)],
    options: { writeOrder: 'store-order' },
    valid: true,
    expect: (r) => {
      expect(r.writeOrder).toBe('store-order');
      expect(r.lostWriteCount).toBe(1);
    },
  },
  {
    name: 'valid: a concurrent write may win (superseded, not lost)',
    rows: sortRows([...op(0, 'write', 1, 0, 30), ...op(1, 'write', 2, 10, 20), ...heal(40), ...finals(1, 50)]),
    valid: true,
    expect: (r) => expect(r.lostWriteCount).toBe(0),
  },
  {
    name: 'valid: an info write may take effect late and win',
    rows: [...op(0, 'write', 1, 0, 10), ...op(1, 'write', 2, 20, 30), ...op(2, 'write', 9, 32, 34, 'info'), ...heal(40), ...finals(9, 50)],
    valid: true,
    expect: (r) => {
      expect(r.keys[0]?.writes).toBe(3);
      expect(r.keys[0]?.acknowledgedWrites).toBe(2);
    },
  },
  {
    name: 'invalid: every node still holds the initial null after an acknowledged write',
    rows: [...op(0, 'write', 1, 0, 10), ...heal(40), ...finals(null, 50)],
    valid: false,
    expect: (r) => {
      expect(r.lostWriteCount).toBe(1);
      expect(r.keys[0]?.reason).toMatch(/initial value/);
    },
  },
  {
    name: 'valid: a cas writes its new value',
    rows: [...op(0, 'write', 1, 0, 10), ...op(1, 'cas', [1, 3], 20, 30), ...heal(40), ...finals(3, 50)],
    valid: true,
    expect: (r) => expect(r.keys[0]?.writes).toBe(2),
  },
  {
    name: 'unknown: no final read succeeded',
    rows: [...op(0, 'write', 1, 0, 10), ...heal(40), ...op(5, 'read', null, 50, 60, 'fail')],
    valid: 'unknown',
    expect: (r) => {
      expect(r.keys[0]?.converged).toBeNull();
      expect(r.keys[0]?.reason).toMatch(/no final read/);
    },
  },
  {
    name: 'invalid: a read during the test returned a value nobody wrote',
    rows: [...op(0, 'write', 1, 0, 10), ...read(1, 9, 12, 14), ...heal(40), ...finals(1, 50)],
    valid: false,
    expect: (r) => {
      expect(r.phantomReads).toBe(1);
      expect(r.keys[0]?.reason).toMatch(/nobody had written/);
    },
  },
  {
    name: 'invalid: a read of a value whose write began only after the read returned',
    rows: [...read(1, 5, 0, 4), ...op(0, 'write', 5, 6, 10), ...heal(40), ...finals(5, 50)],
    valid: false,
    expect: (r) => expect(r.phantomReads).toBe(1),
  },
  {
    name: 'valid, stale: a read misses two acknowledged writes (staleness from the newest, out of date since the oldest)',
    rows: [...op(0, 'write', 1, 0, 10), ...op(1, 'write', 2, 20, 30), ...op(2, 'write', 3, 35, 40), ...read(3, 1, 50, 55), ...heal(60), ...finals(3, 70)],
    valid: true,
    expect: (r) => {
      expect(r.staleReads).toBe(1);
      expect(r.reads).toBe(1);
      expect(r.staleness).toEqual({ count: 1, p50: 10, p95: 10, p99: 10, max: 10 });
      expect(r.worstStalenessNs).toBe(10);
      expect(r.outdatedFor.max).toBe(20);
      expect(r.staleFraction).toBe(1);
      expect(r.tVisibility[0]).toEqual({ tNs: 0, probability: 0 });
    },
  },
  {
    name: 'valid, not stale: a write acknowledged after the read began may be missed',
    rows: sortRows([...op(0, 'write', 1, 0, 10), ...op(1, 'write', 2, 20, 30), ...read(3, 1, 25, 35), ...heal(60), ...finals(2, 70)]),
    valid: true,
    expect: (r) => {
      expect(r.staleReads).toBe(0);
      expect(r.tVisibility.every((p) => p.probability === 1)).toBe(true);
    },
  },
  {
    name: 'valid, not stale: a read of a concurrent write’s value misses nothing',
    rows: sortRows([...op(0, 'write', 1, 0, 50), ...op(1, 'write', 2, 10, 20), ...read(3, 1, 30, 35), ...heal(60), ...finals(1, 70)]),
    valid: true,
    expect: (r) => expect(r.staleReads).toBe(0),
  },
  {
    name: 'valid: convergence observed between two rounds of final reads',
    rows: [
      ...op(0, 'write', 1, 0, 10),
      ...op(1, 'write', 2, 20, 30),
      ...heal(99),
      ...read(10, 2, 110, 112, 'n1'),
      ...read(11, 1, 110, 113, 'n2'),
      ...read(10, 2, 210, 212, 'n1'),
      ...read(11, 2, 210, 215, 'n2'),
    ],
    valid: true,
    expect: (r) => {
      expect(r.convergenceMeasure).toBe('observed');
      expect(r.convergenceNs).toBe(115);
    },
  },
  {
    name: 'invalid overall: one key converged, another did not; keys sorted',
    rows: [
      ...op(0, 'write', 1, 0, 10, 'ok', 1, 'n1', 'b'),
      ...op(1, 'write', 2, 0, 10, 'ok', 2, 'n1', 'a'),
      ...heal(40),
      ...read(10, 1, 50, 52, 'n1', 'b'),
      ...read(11, 1, 50, 52, 'n2', 'b'),
      ...read(12, 2, 60, 62, 'n1', 'a'),
      ...read(13, null, 60, 62, 'n2', 'a'),
    ],
    valid: false,
    expect: (r) => {
      expect(r.keys.map((k) => [k.key, k.valid])).toEqual([['a', false], ['b', true]]);
      expect(r.converged).toBe(false);
    },
  },
  {
    name: 'unknown: nothing of a register in the history',
    rows: [...op(0, 'add', 1, 0, 10), ...heal(40)],
    valid: 'unknown',
    expect: (r) => expect(r.reason).toMatch(/no reads or writes/),
  },
];

describe('checkEventual golden histories', () => {
  it.each(GOLDEN.map((g) => [g.name, g] as const))('%s', (_name, g) => {
    const r = checkEventual(events(g.rows), g.options);
    expect(r.checker).toBe('eventual');
    expect(r.valid).toBe(g.valid);
    g.expect(r);
    // The text form names the verdict; the JSON form has no non-finite number (JSON would turn it into null).
    const text = formatEventual(r).join('\n');
    expect(text).toContain(`eventual: ${g.valid === true ? 'valid' : g.valid === false ? 'invalid' : 'unknown'}`);
    expect(nonFinite(r)).toEqual([]);
  });
});

/** nonFinite lists the paths of every NaN or ±Infinity number inside `v`. */
function nonFinite(v: unknown, path = '$'): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => nonFinite(x, `${path}[${i}]`));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => nonFinite(x, `${path}.${k}`));
  return [];
}

describe('formatEventual', () => {
  it('lists lost writes and final values of an invalid key', () => {
    const r = checkEventual(events([...op(0, 'write', 1, 0, 10), ...op(1, 'write', 2, 20, 30_000_000), ...heal(40_000_000), ...finals(1, 50_000_000)]));
    const text = formatEventual(r).join('\n');
    expect(text).toContain('lost writes 1');
    expect(text).toContain('final values: n1=1 n2=1 n3=1');
    expect(text).toContain('lost: 2 (process 1, acknowledged at 30.0 ms)');
    expect(text).toMatch(/convergence: converged after 0\.0 s at most \(from the heal; all final reads already agreed\)/);
  });
});
