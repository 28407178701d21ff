/**
 * Scale benchmark: synthetic histories of the sizes where Porcupine and Knossos struggle, each
 * generated once (cached in the OS temp dir by its parameters) and checked in a fresh process that
 * reports parse time, check time, peak RSS and the verdict.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { synthesizeHistory, type SynthOptions } from '../src/synth/synth-history.js';
import { writeEventsJsonl } from '../src/synth/write-jsonl.js';
import { fmtMs, median, printTable } from './table.js';

/** ScaleCase is one row of the scale table. */
export interface ScaleCase {
  name: string;
  synth: SynthOptions;
  model: string;
  runs: number;
  timeoutMs?: number;
}

interface CaseResult {
  ops: number;
  parseMs: number;
  checkMs: number;
  mbPerS: number;
  maxRssMb: number;
  verdict: string;
  invalidKeys: string[];
  unknownKeys: string[];
}

/** SCALE_CASES are the histories of the "checker at scale" issue. */
export const SCALE_CASES: ScaleCase[] = [
  { name: '1M ops, 1000 keys, 50 procs', synth: { workload: 'cas-register', ops: 1_000_000, keys: 1000, processes: 50, seed: 1 }, model: 'cas-register', runs: 3 },
  { name: '1M ops, 1000 keys, 50 procs, 3 stale', synth: { workload: 'cas-register', ops: 1_000_000, keys: 1000, processes: 50, plantStale: 3, seed: 2 }, model: 'cas-register', runs: 3 },
  { name: '20k ops, 1 key, 10 procs', synth: { workload: 'cas-register', ops: 20_000, keys: 1, processes: 10, seed: 3 }, model: 'cas-register', runs: 5 },
  { name: '20k ops, 1 key, 10 procs, 5% info', synth: { workload: 'cas-register', ops: 20_000, keys: 1, processes: 10, infoRate: 0.05, seed: 4 }, model: 'cas-register', runs: 5 },
  { name: '100k ops, 1 key, 30 procs', synth: { workload: 'cas-register', ops: 100_000, keys: 1, processes: 30, seed: 5 }, model: 'cas-register', runs: 3, timeoutMs: 60_000 },
];

/** C50_CASES: kv histories of Porcupine's c50 kind (2,000 ops, 10 keys, 50 processes). */
export const C50_CASES: ScaleCase[] = [1, 2, 3, 4, 5].flatMap((seed) => [
  { name: `c50 kv seed ${seed}`, synth: { workload: 'kv', ops: 2000, keys: 10, processes: 50, seed, infoRate: 0.02 } as SynthOptions, model: 'kv', runs: 3, timeoutMs: 60_000 },
  { name: `c50 kv seed ${seed}, 2 stale`, synth: { workload: 'kv', ops: 2000, keys: 10, processes: 50, seed, infoRate: 0.02, plantStale: 2 } as SynthOptions, model: 'kv', runs: 3, timeoutMs: 60_000 },
]);

/** cachedHistory writes the case's history once and returns its path and planted keys. */
async function cachedHistory(c: ScaleCase): Promise<{ path: string; planted: string[] }> {
  const dir = join(tmpdir(), 'faultline-bench');
  mkdirSync(dir, { recursive: true });
  const s = c.synth;
  const id = `${s.workload}-${s.ops}-${s.keys}-${s.processes}-${s.infoRate ?? 0}-${s.plantStale ?? 0}-${s.seed ?? 1}`;
  const path = join(dir, `${id}.jsonl`);
  const h = synthesizeHistory(s);
  if (!existsSync(path)) await writeEventsJsonl(path, h.events);
  return { path, planted: h.plantedKeys };
}

/** runScaleBench runs each case `runs` times and prints medians and the worst peak RSS. */
export async function runScaleBench(cases: ScaleCase[], distDir: string): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const c of cases) {
    const { path, planted } = await cachedHistory(c);
    const results: CaseResult[] = [];
    for (let i = 0; i < c.runs; i++) {
      const args = [join(distDir, 'bench/scale-case.js'), path, c.model, String(c.timeoutMs ?? 120_000), '2048'];
      const out = await execa(process.execPath, args, { reject: false });
      if (out.exitCode !== 0) {
        rows.push([c.name, '-', '-', '-', '-', '-', `crashed: ${out.stderr.split('\n').slice(-1)[0] ?? ''}`]);
        break;
      }
      results.push(JSON.parse(out.stdout.trim().split('\n').pop()!) as CaseResult);
    }
    if (results.length === 0) continue;
    const last = results[results.length - 1]!;
    const found = last.invalidKeys.slice().sort().join(',');
    const plantedNote = planted.length > 0 ? ` (planted ${planted.join(',')}; found ${found || 'none'})` : '';
    const unknownNote = last.unknownKeys.length > 0 ? ` unknown: ${last.unknownKeys.slice(0, 2).join('; ')}` : '';
    rows.push([
      c.name,
      last.ops,
      fmtMs(median(results.map((r) => r.parseMs))),
      Math.round(median(results.map((r) => r.mbPerS))),
      fmtMs(median(results.map((r) => r.checkMs))),
      Math.round(Math.max(...results.map((r) => r.maxRssMb))),
      `${last.verdict}${plantedNote}${unknownNote}`,
    ]);
  }
  printTable(['history', 'ops', 'parse ms', 'parse MB/s', 'check ms', 'peak RSS MB', 'verdict'], rows);
}
