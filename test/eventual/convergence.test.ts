// Convergence of repeated final reads, judged per node on hand-made histories (pure): nodes that
// agree only after a delay converged ("converged after X s", from the heal); nodes that never agree
// did not ("not converged within N s", the time they were watched). Eventual, set and counter.
import { describe, expect, it } from 'vitest';
import { checkEventual, formatEventual } from '../../checkers/eventual/index.js';
import { convergenceOverall, convergenceSummary, judgeConvergence } from '../../checkers/eventual/convergence.js';
import { checkSet } from '../../checkers/set.js';
import { checkCounter } from '../../checkers/counter.js';
import { events, heal, op, read, type Row } from './history-rows.js';

const S = 1e9;
const HEAL = 1000; // heal(HEAL) completes at HEAL + 1

/** rounds: one final read per node per round; round r starts at HEAL + r × gap and returns 1 ms later. */
function rounds(values: Record<string, unknown[]>, gapNs = 0.5 * S, firstProcess = 20): Row[] {
  const nodes = Object.keys(values);
  const count = Math.max(...nodes.map((n) => values[n]!.length));
  const rows: Row[] = [];
  for (let r = 0; r < count; r++) {
    nodes.forEach((n, i) => {
      const v = values[n]![Math.min(r, values[n]!.length - 1)];
      const at = HEAL + 100 + r * gapNs + i;
      rows.push(...read(firstProcess + i, v, at, at + 1e6, n));
    });
  }
  return rows;
}
// The return time of round r's read (relative to the heal's completion at HEAL + 1).
const returnOf = (r: number, i: number, gapNs = 0.5 * S): number => 100 + r * gapNs + i + 1e6 - 1;

describe('eventual: repeated final reads', () => {
  const writes = [...op(0, 'write', 1, 0, 10), ...op(1, 'write', 2, 20, 30), ...heal(HEAL)];

  it('nodes that agree only after a delay converged: "converged after X s"', () => {
    // n3 still has 1 for four rounds (2 s), then 2 like the others.
    const r = checkEventual(events([...writes, ...rounds({ n1: [2], n2: [2], n3: [1, 1, 1, 1, 2] })]));
    expect(r.valid).toBe(true);
    expect(r.converged).toBe(true);
    expect(r.convergenceMeasure).toBe('observed');
    expect(r.keys[0]?.convergenceNs).toBe(returnOf(4, 2));
    expect(r.convergence).toEqual({ converged: true, ns: returnOf(4, 2), summary: 'converged after 2.0 s' });
    expect(r.keys[0]?.convergence.summary).toBe('converged after 2.0 s');
    expect(formatEventual(r).join('\n')).toContain('convergence: converged after 2.0 s (from the heal)');
  });

  it('nodes that never agree: "not converged within N s", invalid, with each node\'s last value', () => {
    const r = checkEventual(events([...writes, ...rounds({ n1: [2], n2: [2], n3: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] })]));
    expect(r.valid).toBe(false);
    expect(r.converged).toBe(false);
    expect(r.convergence).toEqual({ converged: false, ns: returnOf(20, 2), summary: 'not converged within 10.0 s' });
    expect(r.keys[0]?.reason).toMatch(/^not converged within 10\.0 s after the heal, nodes disagree: n1=2, n2=2, n3=1/);
    expect(formatEventual(r).join('\n')).toContain('convergence: not converged within 10.0 s (from the heal)');
  });

  it('reads that name no node are judged per process, so a process that settled later converged', () => {
    const noNode = (rows: Row[]): Row[] => rows.map(([type, process, f, value, time, , key]): Row => [type, process, f, value, time, undefined, key ?? 'r']);
    const r = checkEventual(events([...writes, ...noNode(rounds({ n1: [2], n2: [1, 2] }))]));
    expect(r.converged).toBe(true);
    expect(r.valid).toBe(true);
    expect(r.keys[0]?.finals.map((f) => f.node)).toEqual(['?', '?']);
  });
});

describe('set: repeated final reads', () => {
  const adds = [...op(0, 'add', 0, 0, 10), ...op(1, 'add', 1, 20, 30), ...heal(HEAL)];

  it('a node that catches up is neither divergent nor lost: "converged after X s"', () => {
    const r = checkSet(events([...adds, ...rounds({ n1: [[0, 1]], n2: [[0, 1]], n3: [[0], [0], [0, 1]] })]));
    expect(r.valid).toBe(true);
    const k = r.keys[0]!;
    expect(k).toMatchObject({ ok: 2, divergentCount: 0, lostCount: 0, finalReads: 3 });
    expect(k.convergence).toEqual({ converged: true, ns: returnOf(2, 2), summary: 'converged after 1.0 s' });
    expect(r.convergence.summary).toBe('converged after 1.0 s');
  });

  it('a node that never catches up: divergent, "not converged within N s"', () => {
    const r = checkSet(events([...adds, ...rounds({ n1: [[0, 1]], n2: [[0, 1]], n3: [[0], [0], [0], [0], [0]] })]));
    expect(r.valid).toBe(false);
    const k = r.keys[0]!;
    expect(k.divergent).toEqual([1]);
    expect(k.convergence).toEqual({ converged: false, ns: returnOf(4, 2), summary: 'not converged within 2.0 s' });
    expect(k.reason).toContain('not converged within 2.0 s');
  });
});

describe('counter: repeated final reads', () => {
  // The second increment's outcome is unknown, so 2 and 5 are both within [acknowledged, attempted].
  const incs = [...op(0, 'incr', 2, 0, 10), ...op(1, 'incr', 3, 20, 30, 'info'), ...heal(HEAL)];

  it('agreeing at the end: "converged after X s", valid', () => {
    const r = checkCounter(events([...incs, ...rounds({ n1: [5], n2: [2, 2, 5] })]));
    expect(r.valid).toBe(true);
    expect(r.keys[0]).toMatchObject({ diverged: false, finalValues: { n1: 5, n2: 5 } });
    expect(r.convergence).toEqual({ converged: true, ns: returnOf(2, 1), summary: 'converged after 1.0 s' });
  });

  it('never agreeing: diverged, "not converged within N s"', () => {
    const r = checkCounter(events([...incs, ...rounds({ n1: [5], n2: [2, 2, 2, 2, 2, 2, 2] })]));
    expect(r.valid).toBe(false);
    expect(r.keys[0]?.diverged).toBe(true);
    expect(r.convergence).toEqual({ converged: false, ns: returnOf(6, 1), summary: 'not converged within 3.0 s' });
    expect(r.keys[0]?.reason).toContain('diverged: not converged within 3.0 s');
  });
});

describe('judgeConvergence and friends', () => {
  const view = (id: string, ...reads: [string, number][]) => ({ id, reads: reads.map(([vkey, returnNs], i) => ({ vkey, callNs: i, returnNs })) });

  it.each([
    ['no views', [], { converged: null, ns: null, summary: 'no final read', observed: false }],
    ['agree from the first', [view('a', ['1', 5e8]), view('b', ['1', 7e8])], { converged: true, ns: 7e8, summary: 'converged after 0.7 s', agreedKey: '1', observed: false }],
    ['agree after b changes', [view('a', ['1', 5e8]), view('b', ['0', 6e8], ['1', 3.2e9])], { converged: true, ns: 3.2e9, summary: 'converged after 3.2 s', agreedKey: '1', observed: true }],
    ['a settled back after a detour', [view('a', ['1', 1e8], ['0', 2e8], ['1', 1.5e9]), view('b', ['1', 1e8])], { converged: true, ns: 1.5e9, summary: 'converged after 1.5 s', agreedKey: '1', observed: true }],
    ['disagree at the end', [view('a', ['1', 5e8]), view('b', ['1', 6e8], ['0', 9.96e9])], { converged: false, ns: 9.96e9, summary: 'not converged within 10.0 s', observed: false }],
  ])('%s', (_name, views, expected) => {
    expect(judgeConvergence(views, 0)).toEqual(expected);
  });

  it('overall: any key not converged wins; else the slowest key', () => {
    const yes = (ns: number) => ({ converged: true, ns, summary: convergenceSummary(true, ns) });
    const no = (ns: number) => ({ converged: false, ns, summary: convergenceSummary(false, ns) });
    expect(convergenceOverall([yes(1e9), yes(2e9)]).summary).toBe('converged after 2.0 s');
    expect(convergenceOverall([yes(9e9), no(4e9)]).summary).toBe('not converged within 4.0 s');
    expect(convergenceOverall([{ converged: null, ns: null, summary: 'no final read' }]).summary).toBe('no final read');
  });
});
