/**
 * Fixture corpus benchmark: every golden history checked in this one process (as Porcupine's own
 * benchmark does), median of 15 check runs per file after 10 warm-ups; parsing timed separately.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAnyHistory, pairOperations } from '../src/history/index.js';
import { checkLinearizability, getModel } from '../checkers/linearizable/index.js';
import { verdictLabel } from '../src/core/verdict.js';
import { fmtMs, median, printTable } from './table.js';

const RUNS = 15;
/** Warm-up runs per file before measuring (steady state in-process, as Go's testing.B measures). */
const WARMUP = 10;

/** runFixtureBench prints the per-file table and the totals per corpus; returns disagreements. */
export async function runFixtureBench(fixturesDir: string): Promise<number> {
  const rows: (string | number)[][] = [];
  const totals = new Map<string, { files: number; ms: number; verdictMs: number; parseMs: number }>();
  let disagreements = 0;
  const inits = JSON.parse(readFileSync(join(fixturesDir, 'INITIAL-STATES.json'), 'utf8')) as Record<string, unknown>;
  for (const tsv of ['porcupine-EXPECTED.tsv', 'knossos-EXPECTED.tsv']) {
    const lines = readFileSync(join(fixturesDir, tsv), 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const [file, modelName, , expected] = line.split('\t') as [string, string, string, string];
      const t0 = performance.now();
      const h = await readAnyHistory(join(fixturesDir, file));
      const ops = pairOperations(h.events, h.conventions);
      const parseMs = performance.now() - t0;
      if (ops.length === 0) {
        // An empty file (etcd_095.log): Porcupine calls it valid; faultline refuses to call a history
        // that observed nothing valid (`faultline check` exits 4, "history is empty"). Not a disagreement
        // about any history, so listed apart and not timed.
        rows.push([file, 0, 'empty: refused', `n/a (EXPECTED ${expected})`, fmtMs(parseMs), '-', '-']);
        continue;
      }
      const model = getModel(modelName, file in inits ? { init: inits[file] } : {});
      let verdict = '';
      const times: number[] = [];
      const verdictTimes: number[] = [];
      for (let i = 1 - WARMUP; i <= RUNS; i++) {
        let t = performance.now();
        const r = await checkLinearizability(ops, model, { workers: 1, timeoutMs: 60_000 });
        if (i > 0) times.push(performance.now() - t);
        verdict = verdictLabel(r.valid);
        // Verdict only, as Porcupine's CheckOperations: no shrinking of the counterexample window.
        t = performance.now();
        await checkLinearizability(ops, model, { workers: 1, timeoutMs: 60_000, minimise: false });
        if (i > 0) verdictTimes.push(performance.now() - t);
      }
      const ms = median(times);
      const verdictMs = median(verdictTimes);
      const ok = verdict === expected;
      if (!ok) disagreements++;
      const corpus = file.split('/')[0]!;
      const t = totals.get(corpus) ?? { files: 0, ms: 0, verdictMs: 0, parseMs: 0 };
      totals.set(corpus, { files: t.files + 1, ms: t.ms + ms, verdictMs: t.verdictMs + verdictMs, parseMs: t.parseMs + parseMs });
      rows.push([file, ops.length, verdict, ok ? 'yes' : 'NO', fmtMs(parseMs), fmtMs(verdictMs), fmtMs(ms)]);
    }
  }
  printTable(['file', 'ops', 'verdict', 'expected?', 'parse ms', 'verdict ms', 'with counterexample ms'], rows);
  console.log('(ms columns: median of 15 runs after 10 warm-ups, steady state as Go benchmarks measure; "verdict" skips shrinking the counterexample window, as Porcupine does)');
  console.log('');
  printTable(
    ['corpus', 'files', 'parse ms (sum)', 'verdict ms (sum of medians)', 'with counterexample ms (sum)'],
    [...totals].map(([c, t]) => [c, t.files, fmtMs(t.parseMs), fmtMs(t.verdictMs), fmtMs(t.ms)]),
  );
  console.log(`disagreements with EXPECTED: ${disagreements}`);
  return disagreements;
}
