/**
 * demo-seeds: runs one `faultline demo <chapter>` once per seed (through the compiled CLI, --json)
 * and tabulates, per run and per row of the chapter's table, the verdicts its sentences rest on —
 * linearizable, eventually consistent, lost writes, stale reads, availability during faults — then,
 * per row, in how many runs each flaw showed: how reliable the chapter's conclusion is.
 *   node dist/bench/demo-seeds.js --chapter clocks --seeds 1,2,3 [--store DIR] [-- <demo flags>]
 * e.g. `node dist/bench/demo-seeds.js --chapter quorum --seeds 1,2,3,4,5 -- --time-limit 8s`.
 * Needs the compiled CLI (npm run build).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { scriptArgs } from './script-args.js';
import type { DemoRow, DemoSummary } from '../src/demo/index.js';
import { printTable } from './table.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { arg, passThrough, seeds } = scriptArgs('demo-seeds');
const chapter = arg('chapter') ?? 'cap';
const store = arg('store') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-demo-seeds-'));

const yn = (v: boolean | 'unknown'): string => (v === true ? 'yes' : v === false ? 'no' : '?');
const runs: { seed: number; rows: DemoRow[] }[] = [];
const perRun: (string | number)[][] = [];
for (const seed of seeds) {
  const r = await execa(process.execPath, [path.join(root, 'bin/run.js'), 'demo', chapter, '--json', '--seed', String(seed), '--store', store, ...passThrough], { reject: false });
  if (r.exitCode !== 0) {
    perRun.push([seed, `exit ${r.exitCode}: ${r.stderr.split('\n').find((l) => l.startsWith('faultline:')) ?? ''}`, '', '', '', '', '']);
    continue;
  }
  const s = JSON.parse(r.stdout) as DemoSummary;
  runs.push({ seed, rows: s.rows });
  for (const row of s.rows) {
    const a = row.availability.fraction === null ? 'n/a' : `${Math.round(row.availability.fraction * 100)}%`;
    perRun.push([seed, row.variant, a, yn(row.linearizable), yn(row.eventual), row.lostWrites, row.staleReads]);
  }
}
printTable(['seed', 'row', 'available', 'linearizable', 'eventual', 'lost writes', 'stale reads'], perRun);
console.log('');
const variants = [...new Set(runs.flatMap((r) => r.rows.map((x) => x.variant)))];
printTable(
  ['row', 'runs', 'not linearizable', 'not eventual', 'lost writes > 0', 'stale reads > 0', 'mean available'],
  variants.map((v) => {
    const rows = runs.flatMap((r) => r.rows.filter((x) => x.variant === v));
    const avail = rows.map((x) => x.availability.fraction).filter((f): f is number => f !== null);
    return [
      v,
      rows.length,
      rows.filter((x) => x.linearizable === false).length,
      rows.filter((x) => x.eventual === false).length,
      rows.filter((x) => x.lostWrites > 0).length,
      rows.filter((x) => x.staleReads > 0).length,
      avail.length === 0 ? 'n/a' : `${Math.round((avail.reduce((a, b) => a + b, 0) / avail.length) * 100)}%`,
    ];
  }),
);
