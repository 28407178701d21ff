// Evidence before "valid": a part (key) that observed nothing, or in which nothing could change, is
// unknown with a "no evidence" reason; a run is unknown only when no part had evidence.
import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../checkers/linearizable/check-linearizability.js';
import { evidenceGap } from '../../checkers/linearizable/evidence.js';
import { getModel } from '../../checkers/linearizable/models/index.js';
import { mergeWithEvidence } from '../../checkers/evidence.js';
import { defineModel } from '../../src/core/model.js';
import type { OpSpec } from './make-ops.js';
import { makeOps } from './make-ops.js';

const check = (specs: OpSpec[], model = 'cas-register') => checkLinearizability(makeOps(specs), getModel(model), { workers: 1 });

describe('linearizable: evidence before valid', () => {
  it('no operation at all (every op failed, so pairing dropped them) is unknown, not valid', async () => {
    const r = await check([]);
    expect(r.valid).toBe('unknown');
    expect(r.reason).toMatch(/^no evidence: no operation completed ok or info/);
  });

  it('only info writes and info reads: nothing observed, unknown', async () => {
    const r = await check([
      [0, 'write', 1, undefined, 0, null],
      [1, 'read', null, undefined, 1, null],
    ]);
    expect(r.valid).toBe('unknown');
    expect(r.parts[0]).toMatchObject({ valid: 'unknown', noEvidence: true });
    expect(r.parts[0]!.reason).toMatch(/^no evidence: no ok operation observed the state/);
  });

  it('only reads of the initial value: nothing could change, unknown', async () => {
    const r = await check([
      [0, 'read', null, null, 0, 1],
      [1, 'read', null, null, 2, 3],
    ]);
    expect(r.valid).toBe('unknown');
    expect(r.parts[0]!.reason).toMatch(/^no evidence: no operation \(ok or info\) could have changed the state/);
  });

  it('only ok writes: nothing observed, unknown', async () => {
    const r = await check([[0, 'write', 1, undefined, 0, 1], [1, 'write', 2, undefined, 2, 3]]);
    expect(r.valid).toBe('unknown');
  });

  it('an info write and an ok read are evidence (the write may have happened)', async () => {
    const r = await check([[0, 'write', 1, undefined, 0, null], [1, 'read', null, 1, 2, 3]]);
    expect(r.valid).toBe(true);
    expect(r.reason).toBeUndefined();
  });

  it('an ok cas both observes and changes', async () => {
    const r = await check([[0, 'cas', [null, 1], true, 0, 1]]);
    expect(r.valid).toBe(true);
  });

  it('a key without evidence does not make a run with decided keys unknown', async () => {
    const r = await check([
      [0, 'write', 1, undefined, 0, 1, 'a'],
      [1, 'read', null, 1, 2, 3, 'a'],
      [2, 'write', 5, undefined, 0, 1, 'b'],
    ]);
    expect(r.valid).toBe(true);
    const b = r.parts.find((p) => p.part === 'b')!;
    expect(b).toMatchObject({ valid: 'unknown', noEvidence: true });
  });

  it('an invalid key still wins, and a budget-unknown key still makes the run unknown', () => {
    expect(mergeWithEvidence([{ valid: false }, { valid: 'unknown', noEvidence: true }]).valid).toBe(false);
    expect(mergeWithEvidence([{ valid: true }, { valid: 'unknown' }, { valid: 'unknown', noEvidence: true }]).valid).toBe('unknown');
    expect(mergeWithEvidence([{ valid: true }, { valid: 'unknown', noEvidence: true }])).toEqual({ valid: true });
    // An unknown among decided parts says which and why.
    expect(
      mergeWithEvidence([{ valid: true, key: 'k0' }, { valid: 'unknown', key: 'k1', reason: 'no final read succeeded' }, { valid: 'unknown', key: 'k2' }]),
    ).toEqual({ valid: 'unknown', reason: 'key k1: no final read succeeded (and 1 more key undecided)' });
    expect(mergeWithEvidence([{ valid: 'unknown', part: 'x', reason: 'time budget of 10 ms exhausted' }], 'part')).toEqual({
      valid: 'unknown',
      reason: 'part x: time budget of 10 ms exhausted',
    });
  });

  it('an invalid part is never turned unknown, even without an observing op', async () => {
    // A kv append-only part cannot be invalid; use a read of a value nobody wrote instead.
    const r = await check([[0, 'read', null, 9, 0, 1]]);
    expect(r.valid).toBe(false);
  });

  it.each<[string, OpSpec[], boolean]>([
    ['register: ok read + ok write', [[0, 'write', 1, undefined, 0, 1], [1, 'read', null, 1, 2, 3]], true],
    ['kv: put + get', [[0, 'put', 'x', undefined, 0, 1], [1, 'get', null, 'x', 2, 3]], true],
    ['kv: appends only', [[0, 'append', 'x', undefined, 0, 1], [1, 'append', 'y', undefined, 2, 3]], false],
    ['mutex: one ok acquire', [[0, 'acquire', null, null, 0, 1]], true],
    ['mutex: info acquire only', [[0, 'acquire', null, null, 0, null]], false],
    ['set: add + read', [[0, 'add', 1, undefined, 0, 1], [1, 'read', null, [1], 2, 3]], true],
    ['counter: reads only', [[1, 'read', null, 0, 2, 3]], false],
    ['fifo-queue: enqueue + dequeue', [[0, 'enqueue', 1, undefined, 0, 1], [1, 'dequeue', null, 1, 2, 3]], true],
    ['unordered-queue: enqueues only', [[0, 'enqueue', 1, undefined, 0, 1]], false],
  ])('%s → evidence %s', (name, specs, evidence) => {
    const model = getModel(name.split(':')[0]!);
    expect(evidenceGap(makeOps(specs), model) === undefined).toBe(evidence);
  });

  it('multi-register: a txn that only writes is no evidence; one that reads is', () => {
    const m = getModel('multi-register');
    const w = makeOps([[0, 'txn', [['w', 'x', 1]], [['w', 'x', 1]], 0, 1]]);
    expect(evidenceGap(w, m)).toMatch(/^no evidence/);
    const rw = makeOps([[0, 'txn', [['w', 'x', 1]], [['w', 'x', 1]], 0, 1], [1, 'txn', [['r', 'x', null]], [['r', 'x', 1]], 2, 3]]);
    expect(evidenceGap(rw, m)).toBeUndefined();
  });

  it('a user model without hints needs just one ok op', async () => {
    const toggle = defineModel<boolean>({
      name: 'toggle',
      init: () => false,
      step: (s) => !s,
      equal: (a, b) => a === b,
      hash: (s) => (s ? 1 : 0),
      describeOp: (op) => op.f,
      describeState: String,
    });
    expect((await checkLinearizability(makeOps([[0, 'flip', null, null, 0, null]]), toggle)).valid).toBe('unknown');
    expect((await checkLinearizability(makeOps([[0, 'flip', null, null, 0, 1]]), toggle)).valid).toBe(true);
  });
});
