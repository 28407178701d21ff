import { describe, expect, it } from 'vitest';
import { bruteForceCheck } from '../../checkers/linearizable/brute-force.js';
import { getModel } from '../../checkers/linearizable/models/index.js';
import { randomHistory } from '../../checkers/linearizable/random-history.js';
import { checkOperations } from '../../checkers/linearizable/wgl.js';
import { zoneOverlap } from '../../checkers/linearizable/refute.js';

// WGL (with every optimization) must agree with the brute-force reference on every random history.
const MODELS = ['register', 'cas-register', 'kv', 'set', 'counter', 'mutex', 'fifo-queue', 'unordered-queue', 'multi-register'];
const PER_MODEL = 3000;

describe('WGL agrees with brute force', () => {
  it.each(MODELS)(`%s: ${PER_MODEL} random histories`, (name) => {
    const model = getModel(name);
    let valid = 0;
    const disagreements: string[] = [];
    for (let k = 1; k <= PER_MODEL; k++) {
      const seed = k * 7919 + name.length * 104729;
      const ops = randomHistory({ model: name, ops: 6 + (k % 3), processes: 2 + (k % 3), infoRate: (k % 5) * 0.1 }, seed);
      const expected = bruteForceCheck(ops, model);
      const got = checkOperations(ops, model).valid;
      if (expected) valid++;
      if (got !== expected && disagreements.length < 3) disagreements.push(`seed ${seed}: brute ${expected}, wgl ${String(got)}: ${JSON.stringify(ops)}`);
    }
    expect(disagreements).toEqual([]);
    // The generator must give a real mix, or the test proves little.
    expect(valid).toBeGreaterThan(PER_MODEL * 0.3);
    expect(valid).toBeLessThan(PER_MODEL * 0.95);
  });

  it.each(['register', 'cas-register', 'unordered-queue', 'kv'])('%s: 500 larger histories with many info ops', (name) => {
    const model = getModel(name);
    const disagreements: string[] = [];
    for (let k = 1; k <= 500; k++) {
      const seed = 1_000_003 * k + name.length;
      const ops = randomHistory({ model: name, ops: 10, processes: 3 + (k % 2), infoRate: 0.3 + (k % 3) * 0.1, failRate: 0.05 }, seed);
      const expected = bruteForceCheck(ops, model);
      if (checkOperations(ops, model).valid !== expected && disagreements.length < 3) disagreements.push(`seed ${seed}: ${JSON.stringify(ops)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it.each(['register', 'cas-register'])('%s: 1000 histories with many distinct values (unobserved info writes)', (name) => {
    const model = getModel(name);
    const disagreements: string[] = [];
    for (let k = 1; k <= 1000; k++) {
      const seed = 7_000_001 * k + name.length;
      const ops = randomHistory({ model: name, ops: 9, processes: 3, infoRate: 0.4, failRate: 0.05, values: 8 }, seed);
      const expected = bruteForceCheck(ops, model);
      if (checkOperations(ops, model).valid !== expected && disagreements.length < 3) disagreements.push(`seed ${seed}: ${JSON.stringify(ops)}`);
    }
    expect(disagreements).toEqual([]);
  });

  // Optimizations (i) interchangeable info ops, (j) info ops last, the InfoPool buckets, register dead
  // states and unobserved info ops mentioned only by failed compares: histories dense in identical
  // info ops (2 values) and in never-read values with failed compares (12 values).
  it.each([
    ['identical info ops', 2, 0.5],
    ['unread values and failed compares', 12, 0.35],
  ] as const)('cas-register: 1500 histories with %s', (_, values, infoRate) => {
    const model = getModel('cas-register');
    const disagreements: string[] = [];
    let withTwins = 0;
    let valid = 0;
    let zones = 0;
    for (let k = 1; k <= 1500; k++) {
      const seed = 9_100_003 * k + values;
      const ops = randomHistory({ model: 'cas-register', ops: 9 + (k % 3), processes: 3 + (k % 2), infoRate, failRate: 0.05, values }, seed);
      const info = ops.filter((o) => o.status === 'info').map((o) => `${o.f}:${JSON.stringify(o.input)}`);
      if (new Set(info).size < info.length) withTwins++;
      const expected = bruteForceCheck(ops, model);
      if (expected) valid++;
      if (zoneOverlap(ops, model) !== undefined) zones++;
      if (checkOperations(ops, model).valid !== expected && disagreements.length < 3) disagreements.push(`seed ${seed}: brute ${expected}: ${JSON.stringify(ops)}`);
    }
    expect(disagreements).toEqual([]);
    expect(valid).toBeGreaterThan(150);
    expect(valid).toBeLessThan(1350);
    if (values === 2) expect(withTwins).toBeGreaterThan(500);
    // The zone rule (unique values) must have refuted a good share on its own, and never a valid one.
    if (values === 12) expect(zones).toBeGreaterThan(30);
  });

  // The zone rule (refute.ts) on mostly unique values: every refutation must be a history brute
  // force finds invalid, and the whole checker must agree with brute force.
  it.each(['register', 'cas-register'])('%s: 2000 histories with mostly unique values (zone rule)', (name) => {
    const model = getModel(name);
    const disagreements: string[] = [];
    let zones = 0;
    for (let k = 1; k <= 2000; k++) {
      const seed = 5_300_009 * k + name.length;
      const ops = randomHistory({ model: name, ops: 8 + (k % 4), processes: 2 + (k % 3), infoRate: (k % 4) * 0.1, failRate: 0.05, values: 40 }, seed);
      const expected = bruteForceCheck(ops, model);
      const refuted = zoneOverlap(ops, model) !== undefined;
      if (refuted) zones++;
      if ((refuted && expected) || (checkOperations(ops, model).valid !== expected && disagreements.length < 3)) disagreements.push(`seed ${seed}: brute ${expected}, zones ${refuted}: ${JSON.stringify(ops)}`);
    }
    expect(disagreements).toEqual([]);
    expect(zones).toBeGreaterThan(20);
  });

  it('brute force itself: a stale read is invalid, concurrent ops may reorder, info may never happen', async () => {
    const { makeOps } = await import('./make-ops.js');
    const reg = getModel('register');
    expect(bruteForceCheck(makeOps([[0, 'write', 1, undefined, 0, 1], [1, 'write', 2, undefined, 2, 3], [2, 'read', null, 1, 4, 5]]), reg)).toBe(false);
    expect(bruteForceCheck(makeOps([[0, 'write', 1, undefined, 0, 3], [1, 'write', 2, undefined, 1, 2], [2, 'read', null, 1, 4, 5]]), reg)).toBe(true);
    expect(bruteForceCheck(makeOps([[0, 'write', 1, undefined, 0, null], [2, 'read', null, null, 4, 5]]), reg)).toBe(true);
  });
});
