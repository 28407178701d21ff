import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, INLINE_BELOW } from '../../checkers/linearizable/check-linearizability.js';
import { loadModel } from '../../checkers/linearizable/load-model.js';
import { getModel } from '../../checkers/linearizable/models/index.js';
import { partitionOps } from '../../checkers/linearizable/partition-ops.js';
import { defineModel, INCONSISTENT } from '../../src/core/model.js';
import type { OpSpec } from './make-ops.js';
import { makeOps } from './make-ops.js';

/** keyedHistory: `perKey` sequential write/read pairs on each key, with stale reads planted on `bad` keys. */
function keyedHistory(keys: number, perKey: number, bad: readonly number[]): OpSpec[] {
  const specs: OpSpec[] = [];
  for (let k = 0; k < keys; k++) {
    const key = `k${k}`;
    for (let i = 0; i < perKey; i++) {
      const t = 10 * i;
      specs.push([2 * k, 'write', i, undefined, t, t + 4, key]);
      const stale = bad.includes(k) && i === perKey - 1;
      specs.push([2 * k + 1, 'read', null, stale ? i - 1 : i, t + 5, t + 6, key]);
    }
  }
  return specs;
}

/** hardHistory: n concurrent adds of distinct amounts, then an unexplainable read (invalid, exponential). */
function hardHistory(n: number, key = 'h'): OpSpec[] {
  const specs: OpSpec[] = [];
  for (let p = 0; p < n; p++) specs.push([p, 'add', 1 << p, undefined, 0, 100, key]);
  specs.push([100, 'read', null, -1, 101, 102, key]);
  return specs;
}
const keyedCounter = (keys: number, bad: readonly number[]): OpSpec[] =>
  keyedHistory(keys, 5, []).map(([p, f, input, output, c, r, key]): OpSpec => {
    const k = Number(key!.slice(1));
    const kk = key!;
    if (f === 'write') return [p, 'add', 1, undefined, c, r, kk];
    const n = Math.floor(c / 10) + 1;
    return [p, 'read', null, bad.includes(k) && c === 45 ? n + 7 : n, c, r, kk];
  });

describe('checkLinearizability', () => {
  it('splits by key and reports every failing key (inline)', async () => {
    const ops = makeOps(keyedHistory(10, 20, [2, 5, 7]));
    const r = await checkLinearizability(ops, getModel('register'), { workers: 1 });
    expect(r.valid).toBe(false);
    expect(r.parts).toHaveLength(10);
    expect(r.parts.filter((p) => p.valid === false).map((p) => p.part).sort()).toEqual(['k2', 'k5', 'k7']);
    expect(r.parts.filter((p) => p.valid === true)).toHaveLength(7);
  });

  it('reports every failing key on worker threads too', async () => {
    const perKey = Math.ceil(INLINE_BELOW / 20) + 10;
    const ops = makeOps(keyedHistory(10, perKey, [1, 8]));
    const r = await checkLinearizability(ops, getModel('register'), { workers: 2 });
    expect(r.valid).toBe(false);
    expect(r.parts.filter((p) => p.valid === false).map((p) => p.part).sort()).toEqual(['k1', 'k8']);
    expect(r.parts.find((p) => p.part === 'k1')?.counterexample?.stuck[0]?.reason).toMatch(/^\d+ \(only \w+\(.*\) writes it\) and \d+ \(only .* writes it\) cannot both hold when needed/);
  });

  it('turns parts left at the deadline into unknown, and keeps decided ones', async () => {
    const ops = makeOps([...hardHistory(22), ...keyedCounter(3, [1])]);
    const r = await checkLinearizability(ops, getModel('counter'), { workers: 1, timeoutMs: 200 });
    expect(r.parts.filter((p) => p.valid === false).map((p) => p.part)).toEqual(['k1']);
    expect(r.valid).toBe(false);
    const hard = r.parts.find((p) => p.part === 'h');
    expect(hard?.valid).toBe('unknown');
    expect(hard?.reason).toMatch(/^time budget of 200 ms exhausted/);
  });

  it('is unknown, not a crash, past the memory cap', async () => {
    const ops = makeOps(hardHistory(22));
    const r = await checkLinearizability(ops, getModel('counter'), { workers: 1, memoryCapMb: 1, timeoutMs: 20_000 });
    expect(r.valid).toBe('unknown');
    expect(r.parts[0]?.reason).toMatch(/memory cap of 1 MB reached/);
  });

  it('checks a plain user model object inline', async () => {
    const flag = defineModel<boolean>({
      name: 'flag',
      init: () => false,
      step: (s, op) => (op.f === 'set' ? true : op.output === s ? s : INCONSISTENT),
      equal: (a, b) => a === b,
      hash: (s) => (s ? 1 : 0),
      describeOp: (op) => op.f,
      describeState: String,
    });
    const good = await checkLinearizability(makeOps([[0, 'set', null, undefined, 0, 1], [1, 'get', null, true, 2, 3]]), flag);
    expect(good.valid).toBe(true);
    const bad = await checkLinearizability(makeOps([[0, 'set', null, undefined, 0, 1], [1, 'get', null, false, 2, 3]]), flag);
    expect(bad.valid).toBe(false);
    expect(bad.model).toBe('flag');
  });

  it('loads a user model module and runs it on workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-model-'));
    const file = join(dir, 'toggle-model.mjs');
    writeFileSync(
      file,
      `export default { name: 'last-writer', init: () => null,
        step: (s, op) => op.f === 'write' ? op.input : (op.output === s ? s : Symbol.for('x')),
        equal: (a, b) => a === b, hash: (s) => (s ?? -1) | 0,
        describeOp: (op) => op.f, describeState: String };\n`,
    );
    const model = await loadModel(file);
    const perKey = Math.ceil(INLINE_BELOW / 8) + 5;
    const r = await checkLinearizability(makeOps(keyedHistory(4, perKey, [])), model, { workers: 2 });
    expect(r.valid).toBe(true);
    expect(r.parts).toHaveLength(4);
    await expect(loadModel(join(dir, 'missing.mjs'))).rejects.toThrow(/cannot load model module/);
  });

  it('turns a worker that runs out of heap into unknown, not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-model-'));
    const file = join(dir, 'hog-model.mjs');
    writeFileSync(
      file,
      `const hoard = [];
      export default { name: 'hog', init: () => 0,
        step: (s) => { for (let i = 0; i < 1000; i++) hoard.push({ i, s, pad: new Array(64).fill(i) }); return s; },
        equal: (a, b) => a === b, hash: (s) => s | 0, describeOp: (op) => op.f, describeState: String };\n`,
    );
    const model = await loadModel(file);
    const r = await checkLinearizability(makeOps(keyedHistory(1, INLINE_BELOW, [])), model, { workers: 2, memoryCapMb: 64 });
    expect(r.valid).toBe('unknown');
    expect(r.parts[0]?.reason).toMatch(/out of memory|memory cap/);
  });

  it('partitionOps renumbers ids per part and names keyless parts ""', () => {
    const parts = partitionOps(makeOps([[0, 'write', 1, undefined, 0, 1, 'a'], [1, 'write', 2, undefined, 0, 1], [2, 'read', null, 1, 2, 3, 'a']]), getModel('register'));
    expect(parts.map((p) => [p.name, p.ops.map((o) => o.id)])).toEqual([
      ['a', [0, 1]],
      ['', [0]],
    ]);
  });
});
