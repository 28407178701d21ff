/**
 * cluster-start-loop: how reliably and how fast a local cluster starts, over many consecutive runs.
 *   node dist/bench/cluster-start-loop.js [--runs 20] [--nodes 5] [--mode raft] [--parallel 1]
 * Each run starts `--parallel` clusters at once (default one), waits until every node printed READY,
 * and stops them. Prints runs, failures (with the first error), start p50/p99/max and stop p50.
 * Exits 1 if any start failed. Needs the compiled store (npm run build).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCluster, type StoreMode } from '../src/cluster/local/start-local-cluster.js';
import { fmtMs, printTable } from './table.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const RUNS = Number(arg('runs', '20'));
const NODES = Number(arg('nodes', '5'));
const MODE = arg('mode', 'raft') as StoreMode;
const PARALLEL = Number(arg('parallel', '1'));

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

const logRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-start-loop-'));
const startMs: number[] = [];
const stopMs: number[] = [];
const errors: string[] = [];

async function once(label: string): Promise<void> {
  const t0 = performance.now();
  const cluster = await startLocalCluster({ nodes: NODES, mode: MODE, logDir: path.join(logRoot, label) });
  const t1 = performance.now();
  await cluster.stop();
  startMs.push(t1 - t0);
  stopMs.push(performance.now() - t1);
}

console.log(`cluster start loop: ${RUNS} runs of ${PARALLEL} × ${NODES} ${MODE} nodes (start → all READY → stop), node ${process.version}`);
for (let run = 0; run < RUNS; run++) {
  const results = await Promise.allSettled(Array.from({ length: PARALLEL }, (_, i) => once(`${run}-${i}`)));
  for (const r of results) if (r.status === 'rejected') errors.push(`run ${run + 1}: ${(r.reason as Error).message}`);
  if ((run + 1) % 25 === 0) console.log(`  ${run + 1}/${RUNS} runs, ${errors.length} failures`);
}
fs.rmSync(logRoot, { recursive: true, force: true });

const starts = [...startMs].sort((a, b) => a - b);
const stops = [...stopMs].sort((a, b) => a - b);
printTable(
  ['runs', 'clusters', 'failures', 'start p50 ms', 'start p99 ms', 'start max ms', 'stop p50 ms'],
  [[RUNS, RUNS * PARALLEL, errors.length, fmtMs(quantile(starts, 0.5)), fmtMs(quantile(starts, 0.99)), fmtMs(quantile(starts, 1)), fmtMs(quantile(stops, 0.5))]],
);
if (errors.length > 0) console.log(`first failure: ${errors[0]}`);
process.exit(errors.length > 0 ? 1 : 0);
