/**
 * The cases of the side-by-side comparison with Porcupine (issue 17; the Porcupine harness lives
 * outside this repository, see the notes): synthetic histories written by `faultline synth`'s
 * generator, read once (parse timed apart, with its MB/s), then checked in this process — verdict
 * only (`minimise: false`) and verdict + shrunk counterexample alternating, medians after warm-ups,
 * as Go's testing.B measures. The etcd and kv logs of the comparison are the `fixtures` section.
 * The `cli` section times `faultline check` itself on the 1M-op file (whole process, wall clock).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { synthesizeHistory, type SynthOptions } from '../src/synth/synth-history.js';
import { writeEventsJsonl } from '../src/synth/write-jsonl.js';
import { pairJsonlFile } from '../src/history/index.js';
import { DEFAULT_CONVENTIONS } from '../src/core/operation.js';
import { checkLinearizability, getModel } from '../checkers/linearizable/index.js';
import { verdictLabel } from '../src/core/verdict.js';
import { fmtMs, median, printTable } from './table.js';

/** VersusCase: one history of the comparison, with its warm-ups and timed runs. */
interface VersusCase {
  name: string;
  synth: SynthOptions;
  warmup: number;
  runs: number;
}

/** VERSUS_CASES: the synthetic rows of the comparison table (same options as the notes' harness). */
export const VERSUS_CASES: VersusCase[] = [
  { name: '20k ops, 1 key, valid', synth: { workload: 'cas-register', ops: 20_000, keys: 1, processes: 10, seed: 3 }, warmup: 2, runs: 5 },
  { name: '20k ops, 1 key, 1 stale read', synth: { workload: 'cas-register', ops: 20_000, keys: 1, processes: 10, seed: 3, plantStale: 1 }, warmup: 2, runs: 5 },
  { name: '20k ops, 1 key, 10% info', synth: { workload: 'cas-register', ops: 20_000, keys: 1, processes: 10, seed: 4, infoRate: 0.1 }, warmup: 2, runs: 5 },
  { name: '100k ops, 10 keys', synth: { workload: 'cas-register', ops: 100_000, keys: 10, processes: 50, seed: 5 }, warmup: 1, runs: 3 },
  { name: '1M ops, 1000 keys', synth: { workload: 'cas-register', ops: 1_000_000, keys: 1000, processes: 50, seed: 1 }, warmup: 1, runs: 3 },
  { name: '1M ops, 1000 keys, 10% info', synth: { workload: 'cas-register', ops: 1_000_000, keys: 1000, processes: 50, seed: 2, infoRate: 0.1 }, warmup: 1, runs: 3 },
];

/** casePath writes the case's history once (cached in the OS temp dir) and returns its path. */
async function casePath(s: SynthOptions): Promise<string> {
  const dir = join(tmpdir(), 'faultline-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `versus-${s.workload}-${s.ops}-${s.keys}-${s.processes}-${s.infoRate ?? 0}-${s.plantStale ?? 0}-${s.seed ?? 1}.jsonl`);
  if (!existsSync(path)) await writeEventsJsonl(path, synthesizeHistory(s).events);
  return path;
}

/** runVersusBench prints the synthetic rows of the comparison, faultline's side. */
export async function runVersusBench(): Promise<void> {
  const rows: (string | number)[][] = [];
  const model = getModel('cas-register');
  for (const c of VERSUS_CASES) {
    const path = await casePath(c.synth);
    const t0 = performance.now();
    const read = await pairJsonlFile(path, DEFAULT_CONVENTIONS);
    const parseMs = performance.now() - t0;
    const mbPerS = statSync(path).size / 1e6 / (parseMs / 1000);
    const verdictTimes: number[] = [];
    const fullTimes: number[] = [];
    let verdict = '';
    for (let i = 1 - c.warmup; i <= c.runs; i++) {
      let t = performance.now();
      await checkLinearizability(read.ops, model, { minimise: false });
      if (i > 0) verdictTimes.push(performance.now() - t);
      t = performance.now();
      const r = await checkLinearizability(read.ops, model, {});
      if (i > 0) fullTimes.push(performance.now() - t);
      verdict = verdictLabel(r.valid);
    }
    rows.push([c.name, read.ops.length, fmtMs(parseMs), Math.round(mbPerS), fmtMs(median(verdictTimes)), fmtMs(median(fullTimes)), verdict]);
  }
  printTable(['history', 'ops', 'parse ms', 'parse MB/s', 'verdict ms', 'verdict + counterexample ms', 'verdict'], rows);
  console.log('(in-process, parse excluded from the check columns; medians; Porcupine\'s side of the table: see the issue-17 notes)');
}

/** runCliBench times `faultline check` on the 1M-op file: whole process, three runs, median wall. */
export async function runCliBench(root: string): Promise<void> {
  const path = await casePath(VERSUS_CASES[4]!.synth);
  const walls: number[] = [];
  let line = '';
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = await execa(process.execPath, [join(root, 'bin/run.js'), 'check', path], { reject: false });
    walls.push(performance.now() - t);
    line = r.stdout.split('\n')[0] ?? '';
  }
  const inner = /read ([\d.]+ m?s), checked ([\d.]+ m?s)/.exec(line);
  printTable(
    ['command', 'file MB', 'wall ms (median of 3)', 'read (as printed)', 'checked (as printed)'],
    [['faultline check (1M ops, 1000 keys)', Math.round(statSync(path).size / 1e6), fmtMs(median(walls)), inner?.[1] ?? '?', inner?.[2] ?? '?']],
  );
}
