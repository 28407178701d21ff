// The runner's compact history (OpStore) and the keyed checkers against the in-memory path: the
// same results on the same history (random histories and the fixture corpus), and a Recorder that
// keeps no event once its sink and store have seen it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/event.js';
import { mulberry32 } from '../../src/core/mulberry32.js';
import { operationsByKey, pairOperations, readAnyHistory } from '../../src/history/index.js';
import { OpStore } from '../../src/runner/op-store.js';
import { Recorder } from '../../src/runner/recorder.js';
import { checkEventual, checkEventualKeyed } from '../../checkers/eventual/index.js';
import { checkSet, checkSetKeyed } from '../../checkers/set.js';
import { checkCounter, checkCounterKeyed } from '../../checkers/counter.js';
import { checkLinearizabilityKeyed } from '../../checkers/linearizable/check-keyed.js';
import { checkLinearizability } from '../../checkers/linearizable/check-linearizability.js';
import { getModel } from '../../checkers/linearizable/models/index.js';
import { readHistoryFile } from '../../src/history/read-history-file.js';
import { runTest } from '../../src/runner/index.js';
import { buildWorkload } from '../../workloads/index.js';
import { type Flaw, memoryAdapter } from './memory-adapter.js';
import { fakeBackend, unitRunOptions } from './unit-run.js';

type Kind = 'register' | 'set' | 'counter';

/**
 * randomEvents: a small random history of `kind` ops over 1–4 keys (sometimes keyless), with ok,
 * fail and info outcomes (a process is retired after an info), ops left pending at the end, nodes
 * on some completions, nemesis faults and a final heal, then local final reads on every node.
 * Outputs are random, so many histories are not linearizable.
 */
function randomEvents(kind: Kind, seed: number): HistoryEvent[] {
  const rng = mulberry32(seed);
  const int = (n: number): number => Math.floor(rng() * n);
  const keyless = rng() < 0.15;
  const keys = Array.from({ length: 1 + int(4) }, (_, i) => `k${i}`);
  const nodes = ['n1', 'n2', 'n3'];
  const procs = Array.from({ length: 2 + int(4) }, (_, i) => i);
  let nextProc = procs.length;
  const pending = new Map<number, HistoryEvent>();
  const events: HistoryEvent[] = [];
  let time = 0;
  const push = (e: Omit<HistoryEvent, 'index' | 'time'>): HistoryEvent => {
    time += int(3);
    const ev = { index: events.length, time, ...e } as HistoryEvent;
    events.push(ev);
    return ev;
  };
  const plan = (): { f: string; value: unknown } => {
    const r = rng();
    if (kind === 'set') return r < 0.6 ? { f: 'add', value: int(6) } : { f: 'read', value: null };
    if (kind === 'counter') return r < 0.6 ? { f: 'incr', value: rng() < 0.05 ? -1 : 1 + int(3) } : { f: 'read', value: null };
    return r < 0.4 ? { f: 'write', value: int(3) } : r < 0.6 ? { f: 'cas', value: [int(3), int(3)] } : { f: 'read', value: null };
  };
  const output = (f: string): unknown => {
    if (f !== 'read') return undefined;
    if (kind === 'set') return [...new Set(Array.from({ length: int(4) }, () => int(6)))];
    if (kind === 'counter') return int(8);
    return rng() < 0.2 ? null : int(3);
  };
  const steps = 8 + int(40);
  for (let s = 0; s < steps; s++) {
    if (rng() < 0.06) push({ type: 'invoke', process: 'nemesis', f: 'start-partition', value: null });
    const slot = int(procs.length);
    const p = procs[slot]!;
    const open = pending.get(p);
    if (open === undefined) {
      const { f, value } = plan();
      const key = keyless ? undefined : keys[int(keys.length)];
      pending.set(p, push({ type: 'invoke', process: p, f, value, ...(key === undefined ? {} : { key }), ...(rng() < 0.1 ? { node: nodes[int(3)]! } : {}) }));
      continue;
    }
    pending.delete(p);
    const r = rng();
    const type = r < 0.15 ? 'info' : r < 0.3 ? 'fail' : 'ok';
    const node = rng() < 0.7 ? { node: nodes[int(3)]! } : {};
    const key = open.key === undefined || rng() < 0.3 ? {} : { key: open.key };
    push({ type, process: p, f: open.f, value: type === 'ok' ? (output(open.f) ?? open.value) : open.value, ...key, ...node, ...(type === 'fail' ? { error: 'nope' } : {}) });
    if (type === 'info') procs[slot] = nextProc++;
  }
  // A few ops stay pending (read as info); the rest complete before the heal.
  for (const [p, open] of pending) if (rng() < 0.7) push({ type: 'ok', process: p, f: open.f, value: output(open.f) ?? open.value, ...(open.key === undefined ? {} : { key: open.key }) });
  if (rng() < 0.8) {
    push({ type: 'invoke', process: 'nemesis', f: 'heal', value: null });
    push({ type: 'info', process: 'nemesis', f: 'heal', value: null });
  }
  let fp = nextProc + 10;
  for (const key of keyless ? [undefined] : keys) {
    for (const node of nodes) {
      if (rng() < 0.2) continue;
      const k = key === undefined ? {} : { key };
      push({ type: 'invoke', process: fp, f: 'read', value: null, ...k, node, local: true });
      push({ type: 'ok', process: fp++, f: 'read', value: output('read'), ...k, node, local: true });
    }
  }
  return events;
}

function storeOf(events: readonly HistoryEvent[]): OpStore {
  const store = new OpStore();
  for (const e of events) store.add(e);
  return store;
}

/** timeless drops elapsed and verdict times, which differ between any two runs. */
function timeless(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'elapsedMs' || k === 'verdictMs' ? undefined : v)));
}

async function expectSameLinearizable(events: readonly HistoryEvent[], batchOps: number): Promise<void> {
  const model = getModel('cas-register');
  const memory = await checkLinearizability(pairOperations(events), model, { workers: 1 });
  const keyed = await checkLinearizabilityKeyed(storeOf(events), model, { workers: 2, batchOps });
  expect(timeless(keyed)).toEqual(timeless(memory));
}

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

describe('OpStore: the keyed history equals pairing the events', () => {
  it('gives every key its ops, as pairOperations does, once and whole (200 random histories)', () => {
    for (const seed of SEEDS) {
      const events = randomEvents((['register', 'set', 'counter'] as const)[seed % 3]!, seed);
      const want = operationsByKey(pairOperations(events));
      const got = new Map<string, unknown[]>();
      for (const batch of storeOf(events).batches(1 + (seed % 7))) {
        for (const [key, ops] of operationsByKey(batch.ops)) {
          expect(got.has(key), `seed ${seed}: key ${key} in two batches`).toBe(false);
          got.set(key, ops.map(({ id: _id, ...rest }) => rest));
        }
      }
      const wantNoIds = new Map([...want].map(([k, ops]) => [k, ops.map(({ id: _id, ...rest }) => rest)]));
      expect(got, `seed ${seed}`).toEqual(wantNoIds);
    }
  });
});

describe('keyed checkers give the in-memory checkers’ results', () => {
  it('eventual (both write orders), set and counter on 200 random histories, in small batches', () => {
    for (const seed of SEEDS) {
      const batch = 1 + (seed % 5);
      const reg = randomEvents('register', seed);
      for (const writeOrder of ['real-time', 'store-order'] as const) {
        expect(checkEventualKeyed(storeOf(reg), { writeOrder }, batch), `seed ${seed}`).toEqual(checkEventual(reg, { writeOrder }));
      }
      const set = randomEvents('set', seed);
      expect(checkSetKeyed(storeOf(set), batch), `seed ${seed}`).toEqual(checkSet(set));
      const counter = randomEvents('counter', seed);
      expect(checkCounterKeyed(storeOf(counter), batch), `seed ${seed}`).toEqual(checkCounter(counter));
    }
  });

  it('linearizable on 200 random register histories, valid and invalid, in small batches', async () => {
    const verdicts = new Set<unknown>();
    for (const seed of SEEDS) {
      const events = randomEvents('register', seed);
      await expectSameLinearizable(events, 1 + (seed % 9));
      verdicts.add((await checkLinearizability(pairOperations(events), getModel('cas-register'))).valid);
    }
    // The random histories cover both verdicts (so counterexamples are compared too).
    expect([...verdicts]).toEqual(expect.arrayContaining([true, false]));
  });

  it('linearizable and eventual on the fixture histories (Knossos, Porcupine etcd)', async () => {
    const root = join(import.meta.dirname, '../../fixtures/histories');
    const files = [
      ...['knossos/cas-register/good', 'knossos/cas-register/bad', 'knossos/multi-register/good'].flatMap((d) =>
        readdirSync(join(root, d)).map((f) => join(root, d, f)),
      ),
      ...readdirSync(join(root, 'porcupine-etcd'))
        .filter((f) => f.endsWith('.log'))
        .slice(0, 12)
        .map((f) => join(root, 'porcupine-etcd', f)),
    ];
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const { events } = await readAnyHistory(file);
      await expectSameLinearizable(events, 50);
      expect(checkEventualKeyed(storeOf(events), {}, 50), file).toEqual(checkEventual(events));
    }
  });
});

describe('runTest checks from its compact store', () => {
  it.each<[string, Flaw]>([
    ['multi-register', 'none'],
    ['multi-register', 'stale-reads'],
    ['set', 'lose-adds'],
    ['counter', 'overcount'],
  ])('%s (%s): results.json equals the in-memory checkers on history.jsonl', async (workload, flaw) => {
    const options = unitRunOptions('keyed', { workload, keys: 3, timeLimitMs: 400 });
    const w = buildWorkload(workload, { keys: 3 });
    const run = await runTest(options, { backend: fakeBackend(), adapter: memoryAdapter(flaw), workload: w });
    const { events } = await readHistoryFile(join(run.dir, 'history.jsonl'));
    const ctx = { timeoutMs: options.checkTimeoutMs, workers: options.checkWorkers };
    const memory = await Promise.all(w.checkers.map((c) => c.check(events, ctx)));
    expect(timeless(run.checkers)).toEqual(timeless(memory));
    expect(w.checkers.every((c) => c.checkKeyed !== undefined)).toBe(true);
  });
});

describe('Recorder', () => {
  it('keeps no event once the sink and the store have seen it', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const store = new OpStore();
    let appended = 0;
    const recorder = new Recorder({ append: () => void appended++, close: async () => undefined }, (e) => store.add(e));
    const refs: WeakRef<HistoryEvent>[] = [];
    for (let i = 0; i < 2000; i++) {
      const p = i % 10;
      const inv = recorder.record({ type: 'invoke', process: p, f: 'write', key: `k${p % 3}`, value: i, time: 2 * i });
      const done = recorder.record({ type: 'ok', process: p, f: 'write', key: `k${p % 3}`, value: i, time: 2 * i + 1 });
      if (i % 100 === 0) refs.push(new WeakRef(inv), new WeakRef(done));
    }
    expect(appended).toBe(4000);
    expect(recorder.eventCount).toBe(4000);
    expect(store.rows).toBe(2000);
    // WeakRefs hold their targets until the current job ends: let it end, then collect.
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });
});
