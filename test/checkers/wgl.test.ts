import { describe, expect, it } from 'vitest';
import { checkPart } from '../../checkers/linearizable/check-part.js';
import { formatCounterexample } from '../../checkers/linearizable/counterexample.js';
import { getModel } from '../../checkers/linearizable/models/index.js';
import { observedPrefix } from '../../checkers/linearizable/minimise-window.js';
import { checkOperations } from '../../checkers/linearizable/wgl.js';
import type { OpSpec } from './make-ops.js';
import { makeOps } from './make-ops.js';

const W = (p: number, v: unknown, c: number, r: number | null): OpSpec => [p, 'write', v, undefined, c, r];
const R = (p: number, v: unknown, c: number, r: number | null): OpSpec => [p, 'read', null, v, c, r];
const CAS = (p: number, from: unknown, to: unknown, out: unknown, c: number, r: number | null): OpSpec => [p, 'cas', [from, to], out, c, r];

/** hardCounter: n concurrent add(k) of distinct amounts, then a read nobody can explain (exponential). */
export function hardCounter(n: number, key?: string): OpSpec[] {
  const specs: OpSpec[] = [];
  for (let p = 0; p < n; p++) specs.push([p, 'add', 1 << p, undefined, 0, 100, ...(key === undefined ? [] : [key])] as OpSpec);
  specs.push([100, 'read', null, -1, 101, 102, ...(key === undefined ? [] : [key])] as OpSpec);
  return specs;
}

/** [name, model, ops, expected verdict] */
const cases: [string, string, OpSpec[], boolean][] = [
  ['empty history', 'register', [], true],
  ['sequential write then read', 'register', [W(0, 1, 0, 1), R(1, 1, 2, 3)], true],
  ['stale read after a later write', 'register', [W(0, 1, 0, 1), W(0, 2, 2, 3), R(1, 1, 4, 5)], false],
  ['concurrent writes, either order', 'register', [W(0, 1, 0, 10), W(1, 2, 0, 10), R(2, 1, 11, 12)], true],
  ['reads disagree on order of concurrent writes', 'register', [W(0, 1, 0, 10), W(1, 2, 0, 10), R(2, 1, 11, 12), R(3, 2, 13, 14), R(2, 1, 15, 16)], false],
  ['touching at one instant counts as concurrent', 'register', [W(0, 1, 0, 5), R(1, null, 5, 6)], true],
  ['read of the initial nil', 'register', [R(0, null, 0, 1)], true],
  ['read of a value nobody wrote', 'register', [W(0, 1, 0, 1), R(1, 7, 2, 3)], false],
  ['info write may take effect late', 'register', [W(0, 1, 0, null), R(1, null, 1, 2), R(1, 1, 3, 4)], true],
  ['info write may never happen', 'register', [W(0, 1, 0, null), R(1, null, 10, 11)], true],
  ['info write cannot be undone', 'register', [W(0, 1, 0, null), R(1, 1, 1, 2), R(1, null, 3, 4)], false],
  ['cas chain', 'cas-register', [W(0, 1, 0, 1), CAS(1, 1, 2, true, 2, 3), R(2, 2, 4, 5)], true],
  ['successful cas from the wrong value', 'cas-register', [W(0, 1, 0, 1), CAS(1, 3, 2, true, 2, 3)], false],
  ['failed compare while the value matched', 'cas-register', [W(0, 1, 0, 1), CAS(1, 1, 2, false, 2, 3)], false],
  ['failed compare concurrent with the write', 'cas-register', [W(0, 1, 0, 10), CAS(1, 1, 2, false, 1, 2)], true],
  ['info cas took effect', 'cas-register', [W(0, 1, 0, 1), CAS(1, 1, 2, undefined, 2, null), R(2, 2, 5, 6)], true],
];

describe('checkOperations on hand-made histories', () => {
  it.each(cases.map(([name, model, specs, expected]) => ({ name, model, specs, expected })))('$name ($model) → $expected', ({ model: modelName, specs, expected }) => {
    const out = checkOperations(makeOps(specs), getModel(modelName));
    expect(out.valid).toBe(expected);
  });

  it('counts model steps and cache entries', () => {
    const out = checkOperations(makeOps([W(0, 1, 0, 10), W(1, 2, 0, 10), R(2, 2, 11, 12)]), getModel('register'));
    expect(out.steps).toBeGreaterThan(0);
    expect(out.cacheEntries).toBeGreaterThan(0);
  });

  it('stops with unknown when the step budget runs out', () => {
    const out = checkOperations(makeOps(hardCounter(14)), getModel('counter'), { maxSteps: 10 });
    expect(out.valid).toBe('unknown');
    expect(out.reason).toMatch(/step budget of 10 model steps exhausted/);
  });

  it('stops with unknown when the deadline has passed, naming the time budget', () => {
    const out = checkOperations(makeOps(hardCounter(14)), getModel('counter'), { deadlineMs: Date.now() - 1, timeoutMs: 250 });
    expect(out.valid).toBe('unknown');
    expect(out.reason).toMatch(/^time budget of 250 ms exhausted after [\d,]+ model steps: /);
  });

  it('stops with unknown when the memory cap is reached', () => {
    const out = checkOperations(makeOps(hardCounter(14)), getModel('counter'), { memoryCapBytes: 1 });
    expect(out.valid).toBe('unknown');
    expect(out.reason).toMatch(/memory cap of 0 MB reached/);
  });

  it('says why a part stayed unknown in numbers, and what would help', () => {
    // 14 concurrent adds and a read nobody can explain, plus two info adds: exponential to refute.
    const ops = makeOps([...hardCounter(14), [200, 'add', 3, undefined, 0, null], [201, 'add', 5, undefined, 0, null]]);
    const out = checkOperations(ops, getModel('counter'), { maxSteps: 5000 });
    expect(out.valid).toBe('unknown');
    const m = /^step budget of 5000 model steps exhausted after ([\d,]+) model steps: ([\d,]+) configurations cached, ([\d,]+) distinct states, 15 ok ops and 2 info ops \(each may take effect at any point after its call, or never\); the furthest attempt linearized (\d+) of 15 ok ops\. more time \(faultline check --timeout\) or fewer ops per key \(faultline test --ops-per-key\) would help$/.exec(out.reason ?? '');
    expect(m, out.reason).not.toBeNull();
    expect(Number(m![1]!.replace(/,/g, ''))).toBe(out.steps);
    expect(Number(m![2]!.replace(/,/g, ''))).toBe(out.cacheEntries);
    expect(Number(m![3]!.replace(/,/g, ''))).toBe(out.states);
    expect(Number(m![4])).toBeGreaterThan(0);
  });
});

describe('counterexamples', () => {
  it('gives the prefix, the state, the stuck op with a reason, and a small window', () => {
    const specs: OpSpec[] = [];
    // A long valid stretch, then a stale read. 100 is written twice (once early, harmlessly), so the
    // zone rule (refute.ts, unique values only) does not apply and the search finds it.
    for (let i = 0; i < 30; i++) specs.push(W(0, i, 10 * i, 10 * i + 5), R(1, i, 10 * i + 6, 10 * i + 8));
    specs.push(W(2, 100, 1, 2), W(0, 100, 400, 405), R(1, 29, 406, 407), W(0, 101, 408, 409));
    const ops = makeOps(specs);
    const result = checkPart('k1', ops, getModel('register'), {});
    expect(result.valid).toBe(false);
    const c = result.counterexample!;
    expect(c.stateAfterPrefix).toBe('29');
    expect(c.stuck.map((s) => `${s.op.text}: ${s.reason}`)).toEqual([
      'read() → 29: it still needs 29, but ops that finished before it was called (such as write(100), p0, #122) cannot all be linearized without overwriting 29, and nothing writes 29 again',
    ]);
    expect(c.linearized.at(-1)?.text).toBe('read() → 29');
    expect(c.window?.toNs).toBe(407);
    expect(c.window?.ops).toBe(63);
    const text = formatCounterexample(result);
    expect(text).toContain('key k1: not linearizable');
    expect(text).toContain('because it still needs 29');
    expect(text.split('\n').length).toBeLessThan(25);
  });

  it('refutes overlapping zones of unique values, with the proving ops as the window', () => {
    const specs: OpSpec[] = [];
    for (let i = 0; i < 30; i++) specs.push(W(0, i, 10 * i, 10 * i + 5), R(1, i, 10 * i + 6, 10 * i + 8));
    specs.push(W(0, 100, 400, 405), R(1, 29, 406, 407), W(0, 101, 408, 409));
    const result = checkPart('k1', makeOps(specs), getModel('register'), {});
    expect(result.valid).toBe(false);
    const c = result.counterexample!;
    expect(c.stuck.map((s) => `${s.op.text}: ${s.reason}`)).toEqual([
      'read() → 29: 100 (only write(100) (p0, #120) writes it) and 29 (only write(29) (p0, #116) writes it) cannot both hold when needed: write(29) (p0, #116) finished before write(100) (p0, #120) was called, and write(100) (p0, #120) finished before read() → 29 (p1, #122) was called; whichever is written first, the other overwrites it before its last use',
    ]);
    // write(29), its first read, write(100) and the stale read: 4 ops, not the 62 of the prefix.
    expect(c.window).toEqual({ fromNs: 290, toNs: 407, ops: 4 });
    // A stale read of the initial value, and the same shape with the write only info: that write
    // may never have happened, so it proves nothing and the history is valid.
    expect(checkPart('', makeOps([W(0, 1, 0, 1), R(1, null, 2, 3)]), getModel('register'), {}).counterexample?.stuck[0]?.reason).toMatch(
      /^1 \(only write\(1\) \(p0, #0\) writes it\) and nil \(the initial value, which nothing writes\) cannot both hold/,
    );
    expect(checkPart('', makeOps([W(0, 1, 0, null), R(1, null, 2, 3)]), getModel('register'), {}).valid).toBe(true);
    // With info ops around, the rule runs before the search: no model step at all.
    const withInfo = checkOperations(makeOps([...specs, W(3, 500, 0, null)]), getModel('register'));
    expect(withInfo.valid).toBe(false);
    expect(withInfo.steps).toBe(0);
    expect(withInfo.proofOps).toHaveLength(3); // write(29), the stale read, write(100)
  });

  it('reports a read of an unwritten value at once, as a one-op window', () => {
    const ops = makeOps([W(0, 1, 0, 1), R(1, 7, 2, 3)]);
    const result = checkPart('', ops, getModel('register'), {});
    expect(result.valid).toBe(false);
    expect(result.steps).toBe(0);
    expect(result.counterexample?.stuck[0]?.reason).toBe('read() → 7 but no operation wrote 7 and the initial value is nil');
    expect(result.counterexample?.window).toEqual({ fromNs: 2, toNs: 3, ops: 1 });
  });

  it('lists concurrent ops and explains a failed compare', () => {
    const ops = makeOps([W(0, 1, 0, 1), CAS(1, 1, 2, false, 2, 5), R(2, 1, 3, 4)]);
    const result = checkPart('x', ops, getModel('cas-register'), {});
    expect(result.valid).toBe(false);
    const c = result.counterexample!;
    expect(c.stuck.some((s) => s.reason === 'cas(1→2) failed its compare but the register holds 1')).toBe(true);
  });

  it('observedPrefix turns ops pending at t into info ops', () => {
    const ops = makeOps([W(0, 1, 0, 10), R(1, 1, 2, 3), R(2, 1, 20, 21)]);
    const p = observedPrefix(ops, 5);
    expect(p.ops.map((o) => o.status)).toEqual(['info', 'ok']);
    expect(p.originals).toHaveLength(2);
  });
});
