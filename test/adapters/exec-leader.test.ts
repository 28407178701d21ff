// The exec protocol's optional `{"op":"leader"}` request (docs/exec-adapter.md): a real program (the
// Python example) names the leader from the nodes' own views; programs that do not support it leave
// the leader unknown, within a bounded wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execAdapter } from '../../src/adapters/index.js';
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

describe('exec adapter: findLeader through {"op":"leader"}', () => {
  it('the Python example asks every node and names the leader', async () => {
    const adapter = execAdapter('exec:python3 fixtures/adapters/builtin_store_adapter.py');
    expect(await adapter.findLeader?.(nodes)).toBe('n1');
    await adapter.close?.();
  });

  it.each([
    ['answers fail', 'exec:node test/adapters/fixtures/no-leader-adapter.mjs'],
    ['never answers', 'exec:node test/adapters/fixtures/no-leader-adapter.mjs silent'],
  ])('a program that %s: the leader is unknown', async (_what, spec) => {
    const adapter = execAdapter(spec);
    await adapter.open(nodes[0] as NodeInfo, { nodes, timeoutMs: 1000 });
    expect(typeof adapter.findLeader).toBe('function');
    expect(await adapter.findLeader?.(nodes)).toBeUndefined();
    await adapter.close?.();
  });
});
