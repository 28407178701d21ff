import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/store/apply-command.js';
import type { KvCommand, KvResult } from '../../src/store/kv-command.js';
import { compareValues, sameValue } from '../../src/store/value-order.js';

/** run applies commands in order on a fresh state and returns every result and the final state. */
function run(commands: KvCommand[]): { results: KvResult[]; data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { results: commands.map((c) => applyCommand(data, c)), data };
}

describe('applyCommand', () => {
  it.each<[string, KvCommand[], KvResult]>([
    ['get of an absent key is null', [{ op: 'get', key: 'k' }], { ok: true, value: null }],
    ['put then get', [{ op: 'put', key: 'k', value: 3 }, { op: 'get', key: 'k' }], { ok: true, value: 3 }],
    ['cas from null on an absent key', [{ op: 'cas', key: 'k', from: null, to: 1 }], { ok: true, value: 1 }],
    ['cas with matching from', [{ op: 'put', key: 'k', value: 1 }, { op: 'cas', key: 'k', from: 1, to: 2 }], { ok: true, value: 2 }],
    ['cas with wrong from fails and reports the current value',
      [{ op: 'put', key: 'k', value: 1 }, { op: 'cas', key: 'k', from: 5, to: 2 }],
      { ok: false, error: 'compare-failed', value: 1 }],
    ['cas compares structurally',
      [{ op: 'put', key: 'k', value: { b: 1, a: [1, 2] } }, { op: 'cas', key: 'k', from: { a: [1, 2], b: 1 }, to: 'x' }],
      { ok: true, value: 'x' }],
    ['append to absent starts from empty', [{ op: 'append', key: 'k', value: 'a' }, { op: 'append', key: 'k', value: 'b' }], { ok: true, value: 'ab' }],
    ['append to a number is wrong-type', [{ op: 'put', key: 'k', value: 1 }, { op: 'append', key: 'k', value: 'a' }], { ok: false, error: 'wrong-type', value: 1 }],
    ['add keeps a sorted duplicate-free set',
      [{ op: 'add', key: 's', value: 3 }, { op: 'add', key: 's', value: 1 }, { op: 'add', key: 's', value: 3 }, { op: 'get', key: 's' }],
      { ok: true, value: [1, 3] }],
    ['add to a string is wrong-type', [{ op: 'put', key: 's', value: 'x' }, { op: 'add', key: 's', value: 1 }], { ok: false, error: 'wrong-type', value: 'x' }],
    ['incr from absent starts at 0', [{ op: 'incr', key: 'c', value: 2 }, { op: 'incr', key: 'c', value: -5 }], { ok: true, value: -3 }],
    ['incr of a string is wrong-type', [{ op: 'put', key: 'c', value: 'x' }, { op: 'incr', key: 'c', value: 1 }], { ok: false, error: 'wrong-type', value: 'x' }],
  ])('%s', (_name, commands, last) => {
    const { results } = run(commands);
    expect(results.at(-1)).toEqual(last);
  });

  it('keys are independent', () => {
    const { data } = run([{ op: 'put', key: 'a', value: 1 }, { op: 'put', key: 'b', value: 2 }, { op: 'cas', key: 'a', from: 2, to: 9 }]);
    expect(Object.fromEntries(data)).toEqual({ a: 1, b: 2 });
  });

  it('never mutates a set value handed out earlier', () => {
    const data = new Map<string, unknown>();
    applyCommand(data, { op: 'add', key: 's', value: 1 });
    const before = applyCommand(data, { op: 'get', key: 's' });
    applyCommand(data, { op: 'add', key: 's', value: 2 });
    expect(before).toEqual({ ok: true, value: [1] });
  });
});

describe('value order', () => {
  it('sorts numbers numerically before strings before other values', () => {
    expect([10, 'b', [1], 2, 'a', { x: 1 }].sort(compareValues)).toEqual([2, 10, 'a', 'b', [1], { x: 1 }]);
  });
  it.each<[unknown, unknown, boolean]>([
    [null, undefined, true],
    [1, '1', false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [[1, 2], [2, 1], false],
  ])('sameValue(%j, %j) is %s', (a, b, same) => {
    expect(sameValue(a, b)).toBe(same);
  });
});
