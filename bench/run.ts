/**
 * `npm run bench`: prints the benchmark tables. Sections: fixtures (the golden corpus, in-process),
 * c50 (kv histories of Porcupine's c50 kind), scale (1M ops / 1,000 keys; 20k and 100k ops on one
 * key), hard (histories the search used to leave unknown: bench/hard-bench.ts), versus (the
 * synthetic cases of the Porcupine comparison: parse MB/s, verdict, verdict + counterexample), cli
 * (`faultline check` on the 1M-op file, wall clock), startup (Node's and faultline's start-up as ratios
 * to `node -e 0`), cluster-start
 * (20 consecutive local cluster starts; `node dist/bench/cluster-start-loop.js --runs 200` for more),
 * memory (a 60 s full-rate run's RSS over time; not run by default; `node dist/bench/memory-run.js 5m`).
 * `npm run bench -- --section fixtures,scale` runs some of them.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { runFixtureBench } from './fixture-bench.js';
import { runStartupBench } from './startup-bench.js';
import { C50_CASES, SCALE_CASES, runScaleBench } from './scale-bench.js';
import { runCliBench, runVersusBench } from './versus-bench.js';

const distDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(distDir, '..');
const SECTIONS = ['startup', 'fixtures', 'c50', 'scale', 'versus', 'cli', 'hard', 'cluster', 'cluster-start', 'harness', 'report', 'docker', 'memory'] as const;
/** Sections run when none is named (docker needs a Docker engine, memory takes minutes: ask for them). */
const DEFAULT_SECTIONS = SECTIONS.filter((s) => s !== 'docker' && s !== 'memory');
/** Sections that are their own scripts (written by the parts they measure), run as child processes. */
const SCRIPTS: Record<string, string> = {
  cluster: 'bench/cluster-bench.js',
  'cluster-start': 'bench/cluster-start-loop.js',
  harness: 'bench/harness-bench.js',
  report: 'bench/report-bench.js',
  hard: 'bench/hard-bench.js',
  docker: 'bench/docker-bench.js',
  memory: 'bench/memory-run.js',
};

function chosenSections(): string[] {
  const i = process.argv.indexOf('--section');
  if (i < 0) return [...DEFAULT_SECTIONS];
  const wanted = (process.argv[i + 1] ?? '').split(',');
  const bad = wanted.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (bad.length > 0) {
    console.error(`bench: unknown section ${bad.join(', ')}; choose from ${SECTIONS.join(', ')}`);
    process.exit(3);
  }
  return wanted;
}

const sections = chosenSections();
console.log(`faultline bench — node ${process.version}, ${new Date().toISOString()}\n`);
let failures = 0;
for (const s of sections) {
  console.log(`\n## ${s}\n`);
  if (s === 'startup') await runStartupBench(root);
  if (s === 'fixtures') failures += await runFixtureBench(join(root, 'fixtures/histories'));
  if (s === 'c50') await runScaleBench(C50_CASES, distDir);
  if (s === 'scale') await runScaleBench(SCALE_CASES, distDir);
  if (s === 'versus') await runVersusBench();
  if (s === 'cli') await runCliBench(root);
  const script = SCRIPTS[s];
  if (script !== undefined) {
    const r = await execa(process.execPath, [join(distDir, script)], { stdio: 'inherit', reject: false });
    if (r.exitCode !== 0) {
      console.log(`(${s} bench exited ${r.exitCode})`);
      failures++;
    }
  }
}
process.exit(failures > 0 ? 1 : 0);
