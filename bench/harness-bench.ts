/**
 * Harness benchmark: how fast the runner pushes operations through an in-process no-op adapter
 * with 50 workers (target ≥ 5,000 ops/s, history written to disk as in a real run, and with a null
 * sink to show writing is not the bottleneck), and how late nemesis ops are applied relative to
 * their schedule while the clients run flat out (target: within 100 ms).
 * Run: `node dist/bench/harness-bench.js [--seconds 5]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunnerAdapter } from '../src/adapters/adapter-extras.js';
import type { Capability, StartedCluster } from '../src/core/cluster.js';
import type { Backend, RunOptions, RunResult } from '../src/runner/index.js';
import { runTest } from '../src/runner/index.js';
import { registerKeyOps } from '../workloads/register.js';
import type { Workload } from '../workloads/workload.js';

/** HarnessBenchResult: throughput (ops/s) with and without the history file, and nemesis lateness (ms). */
export interface HarnessBenchResult {
  opsPerSec: number;
  opsPerSecNullSink: number;
  nemesis: RunResult['nemesisLatenessMs'];
  nemesisUnderLoadOpsPerSec: number;
}

const NOOP_ADAPTER: RunnerAdapter = {
  name: 'noop',
  open: async () => ({
    invoke: async (op) => ({ type: 'ok', value: op.f === 'read' ? null : op.value }),
    close: async () => undefined,
  }),
};

function instantCluster(): StartedCluster {
  const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'].map((name, i) => ({ name, host: '127.0.0.1', port: 1 + i }));
  const noop = async (): Promise<void> => undefined;
  const c: StartedCluster = {
    nodes,
    capabilities: new Set<Capability>(['partition', 'kill', 'pause', 'clock']),
    partition: noop,
    healNetwork: noop,
    kill: noop,
    restart: noop,
    pause: noop,
    resume: noop,
    setClockOffset: noop,
    setPacketFaults: noop,
    stop: noop,
    [Symbol.asyncDispose]: noop,
  };
  return c;
}

const backend: Backend = { name: 'in-process', capabilities: instantCluster().capabilities, start: async () => instantCluster() };

const workload: Workload = {
  name: 'register-unchecked',
  description: 'register ops, no checkers (the bench measures the harness, not the checker)',
  generator: registerKeyOps('r'),
  final: { keys: [] },
  checkers: [],
};

function options(store: string, seconds: number, nemesis: string[]): RunOptions {
  return {
    name: 'bench',
    db: 'noop',
    mode: 'none',
    backend: 'in-process',
    nodes: 5,
    workload: workload.name,
    keys: 1,
    nemesis,
    nemesisIntervalMs: 100,
    partition: ['random-halves', 'majorities-ring'],
    timeLimitMs: seconds * 1000,
    concurrency: '50',
    threads: 50,
    rate: 0,
    seed: 1,
    store,
    opTimeoutMs: 1000,
    recoveryMs: 1,
    convergeTimeoutMs: 1000,
    checkTimeoutMs: 1000,
    checkWorkers: 1,
  };
}

/** runHarnessBench runs the three measurements for `seconds` each. */
export async function runHarnessBench(seconds = 5): Promise<HarnessBenchResult> {
  const store = mkdtempSync(join(tmpdir(), 'fl-harness-bench-'));
  try {
    const rate = (r: RunResult): number => (r.counts.ok + r.counts.fail + r.counts.info) / seconds;
    const withFile = await runTest(options(store, seconds, ['none']), { backend, adapter: NOOP_ADAPTER, workload });
    const nullSink = await runTest(options(store, seconds, ['none']), {
      backend,
      adapter: NOOP_ADAPTER,
      workload,
      openSink: async () => ({ append: () => undefined, close: async () => undefined }),
    });
    const withNemesis = await runTest(options(store, seconds, ['partition', 'kill', 'pause']), { backend, adapter: NOOP_ADAPTER, workload });
    return {
      opsPerSec: rate(withFile),
      opsPerSecNullSink: rate(nullSink),
      nemesis: withNemesis.nemesisLatenessMs,
      nemesisUnderLoadOpsPerSec: rate(withNemesis),
    };
  } finally {
    rmSync(store, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('harness-bench.js')) {
  const i = process.argv.indexOf('--seconds');
  const seconds = i >= 0 ? Number(process.argv[i + 1]) : 5;
  const r = await runHarnessBench(seconds);
  const n = r.nemesis;
  console.log(`harness, 50 workers, no-op adapter, ${seconds} s per run`);
  console.log(`  throughput, history.jsonl on disk : ${Math.round(r.opsPerSec).toLocaleString('en')} ops/s (target ≥ 5,000)`);
  console.log(`  throughput, null history sink     : ${Math.round(r.opsPerSecNullSink).toLocaleString('en')} ops/s`);
  console.log(`  throughput, with nemesis every 100 ms: ${Math.round(r.nemesisUnderLoadOpsPerSec).toLocaleString('en')} ops/s`);
  console.log(`  nemesis lateness over ${n.count} ops: p50 ${n.p50.toFixed(2)} ms, p99 ${n.p99.toFixed(2)} ms, max ${n.max.toFixed(2)} ms (target ≤ 100 ms)`);
}
