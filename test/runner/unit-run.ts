// Shared by the in-process runTest tests: the options of a short unit run on the fake cluster
// (3 nodes, register, 5 clients) and a fake backend whose cluster each test may adjust.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend, RunOptions } from '../../src/runner/index.js';
import { type FakeCluster, fakeCluster } from './fake-cluster.js';

/** unitRunOptions: a short run storing under a fresh temp dir named `fl-<prefix>-…`; `over` wins. */
export function unitRunOptions(prefix: string, over: Partial<RunOptions> = {}): RunOptions {
  return {
    name: 'unit',
    db: 'memory',
    mode: 'none',
    backend: 'fake',
    nodes: 3,
    workload: 'register',
    keys: 1,
    nemesis: ['partition', 'kill'],
    nemesisIntervalMs: 150,
    partition: ['random-halves'],
    timeLimitMs: 800,
    concurrency: '5',
    threads: 5,
    rate: 400,
    seed: 7,
    store: mkdtempSync(join(tmpdir(), `fl-${prefix}-`)),
    opTimeoutMs: 200,
    recoveryMs: 20,
    convergeTimeoutMs: 2000,
    checkTimeoutMs: 10_000,
    checkWorkers: 1,
    ...over,
  };
}

/**
 * fakeBackend: a backend starting a 3-node fake cluster with partition, kill and pause; `adjust`
 * sees each cluster before the run gets it, and `cluster` is the last one started.
 */
export function fakeBackend(adjust: (c: FakeCluster) => void = () => undefined): Backend & { cluster?: FakeCluster } {
  const b: Backend & { cluster?: FakeCluster } = {
    name: 'fake',
    capabilities: new Set(['partition', 'kill', 'pause']),
    start: async () => {
      const c = fakeCluster(['n1', 'n2', 'n3'], ['partition', 'kill', 'pause']);
      adjust(c);
      b.cluster = c;
      return c;
    },
  };
  return b;
}
