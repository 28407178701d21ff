import { describe, expect, it } from 'vitest';
import { INCONSISTENT } from '../../src/core/model.js';
import { nextStates } from '../../checkers/linearizable/models/checker-hints.js';
import { getModel, MODEL_NAMES } from '../../checkers/linearizable/models/index.js';
import { valueEqual, valueHash, valueKey } from '../../checkers/linearizable/models/value.js';
import { single } from './make-ops.js';

const X = 'INCONSISTENT';
/** [model, state, f, input, output, status, expected next state or X (or a list for several)] */
type Row = [string, unknown, string, unknown, unknown, 'ok' | 'info', unknown];

const rows: Row[] = [
  ['register', null, 'read', null, null, 'ok', null],
  ['register', 3, 'read', null, 3, 'ok', 3],
  ['register', 3, 'read', null, 4, 'ok', X],
  ['register', null, 'read', null, 0, 'ok', X],
  ['register', 3, 'write', 5, undefined, 'ok', 5],
  ['register', 3, 'write', 5, undefined, 'info', 5],
  ['register', [1, 2], 'read', null, [1, 2], 'ok', [1, 2]],
  ['register', { a: 1, b: 2 }, 'r', null, { b: 2, a: 1 }, 'ok', { a: 1, b: 2 }],
  ['register', 3, 'cas', [3, 4], true, 'ok', X],
  ['cas-register', 3, 'cas', [3, 4], true, 'ok', 4],
  ['cas-register', 3, 'cas', [3, 4], [3, 4], 'ok', 4],
  ['cas-register', 2, 'cas', [3, 4], true, 'ok', X],
  ['cas-register', 2, 'cas', [3, 4], false, 'ok', 2],
  ['cas-register', 3, 'cas', [3, 4], false, 'ok', X],
  ['cas-register', 3, 'cas', [3, 4], undefined, 'info', 4],
  ['cas-register', 2, 'cas', [3, 4], undefined, 'info', 2],
  ['cas-register', 2, 'cas', 'bad', true, 'ok', X],
  ['cas-register', null, 'cas', [null, 1], true, 'ok', 1],
  ['kv', '', 'get', null, null, 'ok', ''],
  ['kv', '', 'get', null, '', 'ok', ''],
  ['kv', 'ab', 'get', null, 'a', 'ok', X],
  ['kv', 'ab', 'put', 'z', undefined, 'ok', 'z'],
  ['kv', 'ab', 'append', 'c', undefined, 'ok', 'abc'],
  ['kv', 'ab', 'append', 'c', undefined, 'info', 'abc'],
  ['mutex', false, 'acquire', null, undefined, 'ok', true],
  ['mutex', true, 'acquire', null, undefined, 'ok', X],
  ['mutex', true, 'release', null, undefined, 'ok', false],
  ['mutex', false, 'release', null, undefined, 'ok', X],
  ['set', [], 'add', 1, undefined, 'ok', ['1']],
  ['set', ['1'], 'add', 1, undefined, 'ok', ['1']],
  ['set', ['1', '2'], 'read', null, [2, 1, 2], 'ok', ['1', '2']],
  ['set', ['1', '2'], 'read', null, [1], 'ok', X],
  ['counter', 0, 'add', 2, undefined, 'ok', 2],
  ['counter', 2, 'incr', null, undefined, 'ok', 3],
  ['counter', 3, 'read', null, 3, 'ok', 3],
  ['counter', 3, 'read', null, 2, 'ok', X],
  ['fifo-queue', [], 'enqueue', 1, undefined, 'ok', [1]],
  ['fifo-queue', [1, 2], 'dequeue', null, 1, 'ok', [2]],
  ['fifo-queue', [1, 2], 'dequeue', null, 2, 'ok', X],
  ['fifo-queue', [], 'dequeue', null, null, 'ok', []],
  ['fifo-queue', [1], 'dequeue', null, null, 'ok', X],
  ['fifo-queue', [1, 2], 'dequeue', null, undefined, 'info', [2]],
  ['unordered-queue', ['1', '2'], 'dequeue', null, 2, 'ok', ['1']],
  ['unordered-queue', ['1', '2'], 'dequeue', null, 3, 'ok', X],
  ['unordered-queue', ['1', '1', '2'], 'dequeue', null, undefined, 'info', [['1', '2'], ['1', '1']]],
  ['unordered-queue', [], 'dequeue', null, null, 'ok', []],
];

describe('model steps', () => {
  it.each(rows)('%s: %j %s(%j) → %j [%s] gives %j', (name, state, f, input, output, status, expected) => {
    const model = getModel(name);
    const result = model.step(state, single(f, input, output, status));
    if (expected === X) {
      expect(result).toBe(INCONSISTENT);
      return;
    }
    const states = nextStates(model, result, INCONSISTENT);
    if (name === 'unordered-queue' && status === 'info') {
      expect(states.map(valueKey).sort()).toEqual((expected as unknown[]).map(valueKey).sort());
    } else {
      expect(states).toHaveLength(1);
      expect(model.equal(states[0], expected)).toBe(true);
    }
  });
});

describe('multi-register', () => {
  const m = getModel('multi-register', { init: { x: 0, y: 0 } });
  const txn = (input: unknown, output: unknown, status: 'ok' | 'info' = 'ok') => single('txn', input, output, status);
  it('reads the initial registers and applies writes atomically', () => {
    const s0 = m.init();
    expect(m.step(s0, txn([['r', 'x', null]], [['r', 'x', 0]]))).toBe(s0);
    const s1 = m.step(s0, txn([['w', 'x', 1], ['r', 'x', null]], [['w', 'x', 1], ['r', 'x', 1]]));
    expect(m.describeState(s1)).toBe('{x=1, y=0}');
    expect(m.step(s1, txn([['read', 'y', null]], [['read', 'y', 1]]))).toBe(INCONSISTENT);
  });
  it('treats an absent register as null and an info txn by its writes only', () => {
    const empty = getModel('multi-register');
    expect(empty.step(empty.init(), txn([['r', 'z', null]], [['r', 'z', null]]))).toBe(empty.init());
    const s = empty.step(empty.init(), txn([['r', 'z', null], ['w', 'z', 5]], undefined, 'info'));
    expect(empty.describeState(s)).toBe('{z=5}');
  });
  it('is read-only exactly for read-only txns', () => {
    expect(m.readOnly?.(txn([['r', 'x', null]], [['r', 'x', 0]]))).toBe(true);
    expect(m.readOnly?.(txn([['r', 'x', null], ['w', 'y', 1]], [['r', 'x', 0], ['w', 'y', 1]]))).toBe(false);
  });
});

describe('readOnly', () => {
  it.each([
    ['register', 'read', null, 1, true],
    ['register', 'write', 1, undefined, false],
    ['cas-register', 'cas', [1, 2], false, true],
    ['cas-register', 'cas', [1, 2], true, false],
    ['kv', 'get', null, '', true],
    ['kv', 'append', 'x', undefined, false],
    ['set', 'read', null, [], true],
    ['counter', 'read', null, 0, true],
    ['fifo-queue', 'dequeue', null, null, true],
    ['fifo-queue', 'dequeue', null, 1, false],
    ['mutex', 'acquire', null, undefined, false],
  ] as const)('%s %s(%j) → %j is read-only: %s', (name, f, input, output, expected) => {
    expect(getModel(name).readOnly?.(single(f, input, output)) ?? false).toBe(expected);
  });
});

describe('values and hashing', () => {
  it.each([
    [1, 1, true],
    [1, '1', false],
    [null, undefined, false],
    [[1, [2]], [1, [2]], true],
    [{ a: 1, b: [2] }, { b: [2], a: 1 }, true],
    [{ a: 1 }, { a: 2 }, false],
  ])('valueEqual(%j, %j) = %s and hashes agree', (a, b, eq) => {
    expect(valueEqual(a, b)).toBe(eq);
    expect(valueKey(a) === valueKey(b)).toBe(eq);
    if (eq) expect(valueHash(a)).toBe(valueHash(b));
  });
  it('gives every built-in model a name, equal states equal hashes, and rejects unknown names', () => {
    for (const name of MODEL_NAMES) {
      const m = getModel(name);
      expect(m.name).toBe(name);
      expect(m.hash(m.init())).toBe(m.hash(m.init()));
      expect(m.equal(m.init(), m.init())).toBe(true);
    }
    expect(() => getModel('nope')).toThrow(/unknown model "nope"/);
  });
});

describe('describe', () => {
  it('renders ops and reasons for people', () => {
    const m = getModel('cas-register');
    expect(m.describeOp(single('read', null, 3))).toBe('read() → 3');
    expect(m.describeOp(single('cas', [1, 2], false))).toBe('cas(1→2) compare failed');
    expect(m.describeOp(single('write', 4, undefined, 'info'))).toBe('write(4) (info)');
    expect(m.explainInconsistent?.(4, single('read', null, 3))).toBe('read() → 3 but the register holds 4');
  });
});
