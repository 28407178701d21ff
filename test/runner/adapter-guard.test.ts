import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { AdapterGuard, BugStreaks, isAdapterBug } from '../../src/runner/adapter-guard.js';
import { unknownReason } from '../../src/runner/run-reasons.js';

describe('isAdapterBug: a programming error, not a network failure', () => {
  it.each<[string, unknown, boolean]>([
    ['TypeError', new TypeError("Cannot read properties of undefined (reading 'x')"), true],
    ['ReferenceError', new ReferenceError('client is not defined'), true],
    ['RangeError', new RangeError('Maximum call stack size exceeded'), true],
    ["fetch's TypeError with a cause", new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }), false],
    ['a TypeError with a code', Object.assign(new TypeError('bad header'), { code: 'ERR_INVALID_HTTP_TOKEN' }), false],
    ['a plain Error', new Error('read ECONNRESET'), false],
    ['SyntaxError (a garbled reply)', new SyntaxError('Unexpected token < in JSON'), false],
    ['a thrown string', 'oops', false],
  ])('%s → %s', (_name, err, bug) => {
    expect(isAdapterBug(err)).toBe(bug);
  });
});

describe('BugStreaks', () => {
  it('counts bugs in a row per f; any other completion of that f starts again', () => {
    const s = new BugStreaks();
    expect([s.record('read', true), s.record('write', true), s.record('read', true)]).toEqual([1, 1, 2]);
    expect(s.record('read', false)).toBe(0);
    expect([s.record('read', true), s.record('write', true), s.record('write', true)]).toEqual([1, 2, 3]);
  });
});

describe('AdapterGuard', () => {
  it('keeps the first failure and aborts its signal one turn later', async () => {
    const g = new AdapterGuard(new AbortController().signal);
    const first = new FaultlineError('cluster', 'first');
    g.broken(first);
    g.broken(new FaultlineError('cluster', 'second'));
    expect(g.failure).toBe(first);
    expect(g.signal.aborted).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(g.signal.aborted).toBe(true);
  });

  it('aborts with the interrupt and has no failure then', () => {
    const ac = new AbortController();
    const g = new AdapterGuard(ac.signal);
    ac.abort();
    expect(g.signal.aborted).toBe(true);
    expect(g.failure).toBeUndefined();
  });

  it('setup turns anything thrown into the failure, naming the adapter', async () => {
    const g = new AdapterGuard(new AbortController().signal);
    await g.setup('mine', async () => {
      throw new TypeError('x is not a function');
    });
    expect(g.failure?.code).toBe('cluster');
    expect(g.failure?.message).toBe('adapter "mine" could not start: x is not a function');
  });
});

describe('unknownReason', () => {
  it.each<[string, Parameters<typeof unknownReason>, string | undefined]>([
    ['valid: none', [true, [{ checker: 'a', valid: true }]], undefined],
    ['invalid: none', [false, [{ checker: 'a', valid: false }, { checker: 'b', valid: 'unknown' }]], undefined],
    ['each undecided checker with its reason', [
      'unknown',
      [
        { checker: 'linearizable', valid: 'unknown', reason: 'search budget exhausted' },
        { checker: 'set', valid: true },
        { checker: 'eventual', valid: 'unknown' },
      ],
    ], 'linearizable: search budget exhausted; eventual: undecided (the checker gave no reason)'],
    ['no checker', ['unknown', []], 'no checker decided'],
  ])('%s', (_name, args, reason) => {
    expect(unknownReason(...args)).toBe(reason);
  });
});
