/**
 * test-runs: runs `faultline test` once per seed with the same flags and tabulates what each run
 * recorded — verdict, ok/fail/info, availability, fails by reason (not-leader, compare-failed, …),
 * counted from each run's history.jsonl so older builds can be measured the same way — and how many
 * runs were invalid (a reproduction rate). `--cli DIR` runs another checkout's bin/run.js (a baseline).
 *   node dist/bench/test-runs.js --seeds 1,2,3 [--store DIR] [-- <faultline test flags>]
 * e.g. `node dist/bench/test-runs.js --seeds 2531367510,1,2 -- --time-limit 30s` (raft forwarding),
 * `node dist/bench/test-runs.js --seeds 1,2,3,4,5 -- --mode quorum --replicas 3 --r 2 --w 2 --nemesis clock`.
 * Needs the compiled CLI (npm run build). Prints one row per run and a total row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { scriptArgs } from './script-args.js';
import { failReason } from '../src/history/outcome-counts.js';
import { printTable } from './table.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { arg, passThrough, seeds } = scriptArgs('test-runs');
const store = arg('store') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-test-runs-'));

interface Row {
  seed: number;
  verdict: string;
  /** Acknowledged set elements lost (the set checker's lostCount, summed over keys). */
  lost: number;
  ok: number;
  fail: number;
  info: number;
  reasons: Record<string, number>;
}

/** tally counts a history's client completions, and its fails by reason. */
function tally(historyFile: string): Omit<Row, 'seed' | 'verdict' | 'lost'> {
  const out = { ok: 0, fail: 0, info: 0, reasons: {} as Record<string, number> };
  for (const text of fs.readFileSync(historyFile, 'utf8').split('\n')) {
    if (text.trim() === '') continue;
    const e = JSON.parse(text) as { type: string; process: unknown; error?: unknown };
    if (typeof e.process !== 'number' || e.type === 'invoke') continue;
    if (e.type === 'ok' || e.type === 'fail' || e.type === 'info') out[e.type]++;
    if (e.type === 'fail') out.reasons[failReason(e.error)] = (out.reasons[failReason(e.error)] ?? 0) + 1;
  }
  return out;
}

function findHistory(dir: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === 'history.jsonl') return p;
    if (entry.isDirectory() && !entry.isSymbolicLink()) {
      const found = findHistory(p);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const cli = path.resolve(arg('cli') ?? root);
const rows: Row[] = [];
for (const seed of seeds) {
  const runStore = path.join(store, `seed-${seed}-${Date.now()}`);
  const r = await execa(process.execPath, [path.join(cli, 'bin/run.js'), 'test', '--seed', String(seed), '--store', runStore, '--no-report', '--json', ...passThrough], {
    cwd: cli,
    reject: false,
  });
  let results: Record<string, unknown>;
  try {
    results = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    console.log(`seed ${seed}: exit ${r.exitCode}, no JSON: ${r.stderr.split('\n').slice(-3).join(' | ')}`);
    continue;
  }
  const history = findHistory(runStore);
  if (history === undefined) {
    console.log(`seed ${seed}: no history.jsonl under ${runStore}`);
    continue;
  }
  let lost = 0;
  for (const c of (results['checkers'] ?? []) as { checker?: string; keys?: { lostCount?: number }[] }[]) {
    if (c.checker === 'set') for (const k of c.keys ?? []) lost += k.lostCount ?? 0;
  }
  rows.push({ seed, lost, verdict: results['valid'] === true ? 'valid' : results['valid'] === false ? 'invalid' : 'unknown', ...tally(history) });
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
const reasonNames = [...new Set(rows.flatMap((r) => Object.keys(r.reasons)))].sort();
const line = (label: string, verdict: string, ok: number, fail: number, info: number, reasons: Record<string, number>, lost: number): string[] => {
  const total = ok + fail + info;
  return [label, verdict, String(ok), String(fail), String(info), pct(ok, total), String(lost), ...reasonNames.map((n) => `${reasons[n] ?? 0} (${pct(reasons[n] ?? 0, total)})`)];
};
const sum = (f: (r: Row) => number): number => rows.reduce((a, r) => a + f(r), 0);
const totals: Record<string, number> = {};
for (const n of reasonNames) totals[n] = sum((r) => r.reasons[n] ?? 0);
const invalid = rows.filter((r) => r.verdict === 'invalid').length;
console.log(`faultline test ${passThrough.join(' ')} — ${rows.length} runs, store ${store}`);
printTable(
  ['seed', 'verdict', 'ok', 'fail', 'info', 'availability', 'set lost', ...reasonNames.map((n) => `fail ${n}`)],
  [
    ...rows.map((r) => line(String(r.seed), r.verdict, r.ok, r.fail, r.info, r.reasons, r.lost)),
    line('total', `invalid ${invalid}/${rows.length}`, sum((r) => r.ok), sum((r) => r.fail), sum((r) => r.info), totals, sum((r) => r.lost)),
  ],
);
