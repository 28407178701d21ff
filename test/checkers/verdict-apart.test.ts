import { describe, expect, it } from 'vitest';
import { checkLinearizability, checkOperations, getModel, partitionOps } from '../../checkers/linearizable/index.js';
import { minimiseWindow, observedPrefix } from '../../checkers/linearizable/minimise-window.js';
import { pairOperations } from '../../src/history/pair.js';
import { synthesizeHistory } from '../../src/synth/synth-history.js';

describe('verdict timed apart from shrinking the counterexample', () => {
  const h = synthesizeHistory({ workload: 'cas-register', ops: 3000, keys: 3, processes: 8, plantStale: 2, seed: 11 });
  const ops = pairOperations(h.events);
  const model = getModel('cas-register');

  it('reports verdictMs ≤ elapsedMs, and the shrunk window is the shortest failing observed prefix', async () => {
    const r = await checkLinearizability(ops, model, { workers: 1 });
    expect(r.valid).toBe(false);
    expect(r.verdictMs).toBeDefined();
    expect(r.verdictMs!).toBeLessThanOrEqual(r.elapsedMs);
    const invalid = r.parts.filter((p) => p.valid === false);
    expect(invalid.map((p) => p.part).sort()).toEqual(h.plantedKeys);
    const parts = partitionOps(ops, model);
    for (const p of invalid) {
      expect(p.verdictMs).toBeDefined();
      expect(p.verdictMs!).toBeLessThanOrEqual(p.elapsedMs);
      const w = p.counterexample!.window!;
      const partOps = parts.find((x) => x.name === p.part)!.ops;
      // The window fails on its own …
      expect(checkOperations(observedPrefix(partOps, w.toNs).ops, model, {}).valid).toBe(false);
      // … and the observed prefix one return earlier does not: it is the shortest (prefix-closed).
      const earlier = partOps.filter((o) => o.status === 'ok' && o.returnNs < w.toNs).reduce((m, o) => Math.max(m, o.returnNs), -1);
      expect(checkOperations(observedPrefix(partOps, earlier).ops, model, {}).valid).toBe(true);
      // The same window as the unguided binary search finds.
      expect(minimiseWindow(partOps, model, {}, 1_000_000)!.toNs).toBe(w.toNs);
    }
  });

  it('minimise: false decides the same parts and leaves the counterexample unshrunk', async () => {
    const full = await checkLinearizability(ops, model, { workers: 1 });
    const bare = await checkLinearizability(ops, model, { workers: 1, minimise: false });
    expect(bare.parts.map((p) => p.valid)).toEqual(full.parts.map((p) => p.valid));
    for (const p of bare.parts.filter((x) => x.valid === false)) {
      expect(p.counterexample!.window!.ops).toBe(p.ops);
    }
  });

  it('a guess anywhere keeps minimiseWindow exact', () => {
    const parts = partitionOps(ops, model).filter((p) => h.plantedKeys.includes(p.name));
    for (const p of parts) {
      const want = minimiseWindow(p.ops, model, {}, 1_000_000)!.toNs;
      const times = p.ops.filter((o) => o.status === 'ok').map((o) => o.returnNs);
      for (const guess of [0, Math.min(...times), want - 1, want, want + 1, Math.max(...times), Infinity]) {
        expect(minimiseWindow(p.ops, model, {}, 1_000_000, 64, Infinity, guess)!.toNs).toBe(want);
      }
    }
  });
});

describe('per-call overhead', () => {
  it('partitionOps reuses ops already numbered 0..n-1 (one key) and still copies the others', () => {
    const one = pairOperations(synthesizeHistory({ workload: 'cas-register', ops: 50, keys: 1, processes: 3, seed: 2 }).events);
    const [part] = partitionOps(one, getModel('cas-register'));
    expect(part!.ops.every((op, i) => op === one[i])).toBe(true);
    const many = pairOperations(synthesizeHistory({ workload: 'cas-register', ops: 60, keys: 3, processes: 3, seed: 2 }).events);
    const before = many.map((o) => o.id);
    const parts = partitionOps(many, getModel('cas-register'));
    for (const p of parts) p.ops.forEach((op, i) => expect(op.id).toBe(i));
    expect(many.map((o) => o.id)).toEqual(before);
    expect(parts.some((p) => p.ops.some((op) => many.includes(op)))).toBe(false);
  });
});
