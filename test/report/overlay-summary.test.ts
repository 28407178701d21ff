import { describe, expect, it } from 'vitest';
import type { LinearizabilityResult, OpSummary } from '../../src/core/check-result.js';
import { counterOverlays, linearizableOverlays, makeOpLocator, PREFIX_TEXTS_SHOWN, sortFailures } from '../../src/report/counterexample-overlay.js';
import { normalizeResults, toVerdict } from '../../src/report/normalize-results.js';
import { summarizeVerdicts, VALID_KEYS_SHOWN } from '../../src/report/verdict-summary.js';
import { buildTimelineOps } from '../../src/report/timeline-ops.js';
import { FaultlineError } from '../../src/core/errors.js';
import { ev, history } from './helpers.js';

const h = history(
  ev('invoke', 0, 'write', 1, 0, { key: 'k' }),
  ev('ok', 0, 'write', 1, 10, { key: 'k' }),
  ev('invoke', 1, 'read', null, 20, { key: 'k' }),
  ev('invoke', 0, 'write', 2, 21, { key: 'k' }),
  ev('ok', 1, 'read', 7, 30, { key: 'k' }),
  ev('ok', 0, 'write', 2, 31, { key: 'k' }),
);
const ops = buildTimelineOps(h);
const sum = (invokeIndex: number, process: number, text: string, callNs: number, returnNs: number): OpSummary => ({
  id: 0, process, f: 'x', key: 'k', text, status: 'ok', callNs, returnNs, invokeIndex, completeIndex: -1,
});

describe('linearizableOverlays', () => {
  const result: LinearizabilityResult = {
    checker: 'linearizable', model: 'register', valid: false, elapsedMs: 1,
    parts: [
      { part: 'ok-key', ops: 3, valid: true, elapsedMs: 0 },
      {
        part: 'k', ops: 3, valid: false, elapsedMs: 0,
        counterexample: {
          linearized: [sum(0, 0, 'write(1)', 0, 10)],
          stateAfterPrefix: '1',
          stuck: [{ op: sum(2, 1, 'read() → 7', 20, 30), reason: 'read 7 but the register holds 1' }],
          // invokeIndex 99 is wrong on purpose: found by process and call time instead.
          concurrent: [sum(99, 0, 'write(2)', 21, 31)],
          window: { fromNs: 0, toNs: 31, ops: 3 },
        },
      },
    ],
  };
  const [f] = linearizableOverlays(result, makeOpLocator(ops));
  it('maps prefix, stuck and concurrent ops to timeline indices', () => {
    expect(f!.prefix).toEqual([0]);
    expect(f!.stuck.map((s) => [s.op, s.invokeIndex, s.reason])).toEqual([[1, 2, 'read 7 but the register holds 1']]);
    expect(f!.concurrent.map((c) => c.op)).toEqual([2]);
  });
  it('keeps state, window, title and the focus time', () => {
    expect([f!.state, f!.title, f!.focusNs, f!.window?.ops]).toEqual(['1', 'key k: not linearizable', 20, 3]);
  });
  it('lists only the tail of a long prefix', () => {
    const long = Array.from({ length: PREFIX_TEXTS_SHOWN + 5 }, (_, i) => sum(0, 0, `w${i}`, 0, 10));
    const part = { ...result.parts[1]!, counterexample: { ...result.parts[1]!.counterexample!, linearized: long } };
    const [g] = linearizableOverlays({ ...result, parts: [part] }, makeOpLocator(ops));
    expect(g!.prefixTail).toHaveLength(PREFIX_TEXTS_SHOWN);
    expect(g!.prefixMore).toBe(5);
    expect(g!.prefixTail[0]!.text).toBe('w5');
  });
  it('marks ops missing from the history as -1', () => {
    expect(makeOpLocator(ops)(1234, 7, 999)).toBe(-1);
  });
});

describe('counterOverlays and sortFailures', () => {
  it('turns counter errors into failures, ordered by time', () => {
    const errors = [
      { key: 'c', process: 0, value: 9, lower: 0, upper: 2, callNs: 21, returnNs: 31 },
      { key: 'c', process: 1, value: 5, lower: 0, upper: 1, callNs: 20, returnNs: 30 },
    ];
    const fs = sortFailures(counterOverlays(errors, makeOpLocator(ops), ops));
    expect(fs.map((f) => [f.focusNs, f.stuck[0]!.op, f.stuck[0]!.reason])).toEqual([
      [20, 1, 'read 5 outside [0, 1]'],
      [21, 2, 'read 9 outside [0, 2]'],
    ]);
  });
});

describe('normalizeResults', () => {
  const lin = { checker: 'linearizable', valid: false, parts: [] };
  it.each([
    ['an array', [lin]],
    ['the runner shape', { valid: false, verdict: 'invalid', checkers: [lin] }],
    ['a results field', { results: [lin] }],
    ['a record of outcomes', { linearizable: { valid: false, parts: [] } }],
    ['a single outcome', lin],
  ])('reads %s', (_, json) => {
    const r = normalizeResults(json, 'results.json');
    expect(r.map((x) => [x.checker, x.valid])).toEqual([['linearizable', false]]);
  });
  it('rejects what it cannot read, naming the file', () => {
    expect(() => normalizeResults(42, 'run/results.json')).toThrow(FaultlineError);
    expect(() => normalizeResults({ checkers: [{ valid: true }] }, 'run/results.json')).toThrow(/run\/results.json.*checker/);
  });
  it('reads verdicts', () => {
    expect([toVerdict(true), toVerdict('invalid'), toVerdict('unknown'), toVerdict(undefined)]).toEqual([true, false, 'unknown', 'unknown']);
  });
});

describe('summarizeVerdicts', () => {
  const parts = Array.from({ length: VALID_KEYS_SHOWN + 10 }, (_, i) => ({ part: `k${i}`, ops: 5, valid: true, elapsedMs: 1 }));
  parts.push({ part: 'bad', ops: 9, valid: false, elapsedMs: 2 } as never);
  parts.push({ part: 'slow', ops: 9, valid: 'unknown', elapsedMs: 2, reason: 'time budget' } as never);
  const s = summarizeVerdicts([
    { checker: 'linearizable', valid: false, model: 'cas-register', parts },
    { checker: 'set', valid: true, keys: [{ key: 's', valid: true, acknowledged: 4, lostCount: 0 }] },
    { checker: 'eventual', valid: 'unknown', reason: 'no final reads', convergenceNs: 5 },
  ]);
  it('merges the overall verdict false > unknown > true', () => {
    expect(s.valid).toBe(false);
  });
  it('lists non-valid keys first and caps valid ones', () => {
    const lin = s.checkers[0]!;
    expect(lin.keys.slice(0, 2).map((k) => [k.key, k.valid])).toEqual([['bad', false], ['slow', 'unknown']]);
    expect(lin.keys[1]!.detail).toContain('time budget');
    expect(lin.counts).toEqual({ valid: VALID_KEYS_SHOWN + 10, invalid: 1, unknown: 1 });
    expect(lin.keysHidden).toBe(10);
    expect(lin.reason).toBe('model cas-register');
  });
  it('details known checkers and keeps unknown fields as JSON', () => {
    expect(s.checkers[1]!.keys[0]!.detail).toBe('acknowledged 4');
    expect(s.checkers[2]!.extra).toContain('"convergenceNs": 5');
    expect(s.checkers[2]!.reason).toBe('no final reads');
  });
});
