/**
 * Hard-history benchmark (issue 17 items 3–4): histories where the search used to run out, each
 * checked in a fresh process (so peak RSS is the case's own), median of several runs.
 * - the etcd serializable-reads history recorded by faultline (fixtures/hard; target ≤ 10 s, ≤ 1 GB);
 * - 100,000 ops, 1 key, 30 processes, 5 % info, under the etcd failed-cas convention (a failed cas
 *   is a failed compare; target ≤ 3 s), and the same size under faultline's own convention.
 * Run: `node dist/bench/hard-bench.js [--runs 3]`; `--one NAME` runs one case and prints JSON.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { checkLinearizability, getModel } from '../checkers/linearizable/index.js';
import type { Conventions } from '../src/core/operation.js';
import { DEFAULT_CONVENTIONS } from '../src/core/operation.js';
import { pairOperations, readHistoryFile } from '../src/history/index.js';
import { synthesizeHistory } from '../src/synth/synth-history.js';
import { verdictLabel } from '../src/core/verdict.js';
import { fmtMs, median, printTable } from './table.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ETCD: Conventions = { failedCas: 'compare-failed', failedRead: 'dropped', nilRead: 'strict' };
const TIMEOUT_MS = 60_000;

const CASES: Record<string, () => Promise<Parameters<typeof checkLinearizability>[0]>> = {
  'etcd serializable, 849 ops, 31 info (fixtures/hard)': async () =>
    pairOperations((await readHistoryFile(join(root, 'fixtures/hard/etcd-serializable-unknown.jsonl'))).events),
  '100k ops, 1 key, 30 procs, 5% info, etcd failed-cas': async () =>
    pairOperations(synthesizeHistory({ workload: 'cas-register', ops: 100_000, keys: 1, processes: 30, infoRate: 0.05, seed: 5 }).events, ETCD),
  '100k ops, 1 key, 30 procs, 5% info, faultline convention': async () =>
    pairOperations(synthesizeHistory({ workload: 'cas-register', ops: 100_000, keys: 1, processes: 30, infoRate: 0.05, seed: 5 }).events, DEFAULT_CONVENTIONS),
};

async function one(name: string): Promise<void> {
  const ops = await CASES[name]!();
  const t = performance.now();
  const r = await checkLinearizability(ops, getModel('cas-register'), { timeoutMs: TIMEOUT_MS, workers: 1 });
  const checkMs = performance.now() - t;
  const reason = r.parts.find((p) => p.valid === 'unknown')?.reason ?? '';
  console.log(JSON.stringify({ ops: ops.length, checkMs, maxRssMb: process.resourceUsage().maxRSS / 1024, verdict: verdictLabel(r.valid), reason }));
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--one');
  if (i >= 0) return one(process.argv[i + 1]!);
  const r = process.argv.indexOf('--runs');
  const runs = r >= 0 ? Number(process.argv[r + 1]) : 3;
  const rows: (string | number)[][] = [];
  for (const name of Object.keys(CASES)) {
    const results: { ops: number; checkMs: number; maxRssMb: number; verdict: string; reason: string }[] = [];
    for (let k = 0; k < runs; k++) {
      const out = await execa(process.execPath, [fileURLToPath(import.meta.url), '--one', name], { reject: false });
      if (out.exitCode !== 0) break;
      results.push(JSON.parse(out.stdout.trim().split('\n').pop()!));
    }
    if (results.length === 0) {
      rows.push([name, '-', '-', '-', 'crashed']);
      continue;
    }
    const last = results[results.length - 1]!;
    rows.push([name, last.ops, fmtMs(median(results.map((x) => x.checkMs))), Math.round(Math.max(...results.map((x) => x.maxRssMb))), `${last.verdict}${last.reason ? ` (${last.reason.slice(0, 60)}…)` : ''}`]);
  }
  printTable(['history', 'ops', `check ms (median of ${runs})`, 'peak RSS MB', 'verdict'], rows);
}

await main();
