import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerAdapter } from '../../src/adapters/index.js';
import { builtinStoreAdapter, execAdapter } from '../../src/adapters/index.js';
import type { NodeInfo } from '../../src/core/cluster.js';
import { type FakeStore, startFakeStore } from './fake-store.js';

let a: FakeStore;
let b: FakeStore;
let nodes: NodeInfo[];

beforeAll(async () => {
  a = await startFakeStore('n1');
  b = await startFakeStore('n2');
  nodes = [a.node, b.node];
});
afterAll(async () => {
  await a.close();
  await b.close();
});

// Timeouts here are safety nets for a loaded machine; the timeout case aborts on an event instead.
const signal = (ms = 30_000): AbortSignal => AbortSignal.timeout(ms);

// Both adapters must give the same outcomes for the same store behaviour.
const adapters: [string, () => RunnerAdapter][] = [
  ['builtin (node:http)', () => builtinStoreAdapter()],
  ['exec (python example)', () => execAdapter('exec:python3 fixtures/adapters/builtin_store_adapter.py')],
];

describe.each(adapters)('%s adapter', (_name, make) => {
  it('maps reads, writes, cas, add and incr to outcomes', async () => {
    a.behaviour = 'normal';
    a.data.clear();
    const adapter = make();
    try {
      const c = await adapter.open(a.node, { nodes, timeoutMs: 30_000 });
      expect(await c.invoke({ f: 'read', key: 'x', value: null }, signal())).toMatchObject({ type: 'ok', value: null });
      expect(await c.invoke({ f: 'write', key: 'x', value: 3 }, signal())).toMatchObject({ type: 'ok', value: 3 });
      expect(await c.invoke({ f: 'read', key: 'x', value: null }, signal())).toMatchObject({ type: 'ok', value: 3, node: 'n1' });
      expect(await c.invoke({ f: 'cas', key: 'x', value: [1, 2] }, signal())).toMatchObject({ type: 'fail' });
      expect(await c.invoke({ f: 'cas', key: 'x', value: [3, 4] }, signal())).toMatchObject({ type: 'ok' });
      expect(await c.invoke({ f: 'add', key: 's', value: 1 }, signal())).toMatchObject({ type: 'ok' });
      expect(await c.invoke({ f: 'read', key: 's', value: null }, signal())).toMatchObject({ type: 'ok', value: [1] });
      expect(await c.invoke({ f: 'incr', key: 'c', value: 2 }, signal())).toMatchObject({ type: 'ok' });
      expect(a.data.get('x')).toBe(4);
      expect(a.data.get('c')).toBe(2);
      await c.close();
    } finally {
      await adapter.close?.();
    }
  });

  it('503 is fail and the leader hint is followed; 504 and timeouts are info', async () => {
    const adapter = make();
    try {
      a.behaviour = 'not-leader';
      a.leaderHint = 'n2';
      b.behaviour = 'normal';
      b.data.set('y', 9);
      const c = await adapter.open(a.node, { nodes, timeoutMs: 30_000 });
      expect(await c.invoke({ f: 'write', key: 'y', value: 1 }, signal())).toMatchObject({ type: 'fail' });
      expect(await c.invoke({ f: 'read', key: 'y', value: null }, signal())).toMatchObject({ type: 'ok', value: 9, node: 'n2' });
      b.behaviour = 'gateway-timeout';
      expect(await c.invoke({ f: 'write', key: 'y', value: 2 }, signal())).toMatchObject({ type: 'info' });
      // The store never answers; the op's signal fires once the request reached the store, and the
      // invoke must then end at once as info (else this test times out).
      b.behaviour = 'hang';
      const seen = b.requests.length;
      const timeout = new AbortController();
      const pending = c.invoke({ f: 'write', key: 'y', value: 2 }, timeout.signal);
      while (b.requests.length === seen) await new Promise((r) => setTimeout(r, 5));
      timeout.abort();
      expect(await pending).toMatchObject({ type: 'info' });
    } finally {
      a.behaviour = 'normal';
      b.behaviour = 'normal';
      await adapter.close?.();
    }
  });
});

describe('builtin adapter', () => {
  it('a refused connection is fail (nothing was sent)', async () => {
    const adapter = builtinStoreAdapter();
    const c = await adapter.open({ name: 'n9', host: '127.0.0.1', port: 1 }, { nodes, timeoutMs: 500 });
    expect(await c.invoke({ f: 'write', key: 'z', value: 1 }, signal())).toMatchObject({ type: 'fail' });
    await adapter.close?.();
  });

  it('finds the leader through /status', async () => {
    const adapter = builtinStoreAdapter();
    expect(await adapter.findLeader?.(nodes, signal())).toBe('n1');
    await adapter.close?.();
  });
});
