/**
 * memory-run: faultline's memory over a long full-rate run (issue 17's streaming target: RSS under
 * 1 GB throughout a 5-minute run of ~9M ops, every key decided within 60 s of the end). Runs
 * `faultline test` against the in-memory adapter as a child process, samples its VmRSS from
 * /proc/<pid>/status every second, timestamps the phase lines it prints, and prints one table: peak
 * RSS (in the workload, in the check, in the report), ops recorded, time from the end of the workload
 * to the verdict, and the verdict of every key (counts per verdict when there are many).
 * Run: `npm run bench -- --section memory` (60 s), or `node dist/bench/memory-run.js [time-limit]
 * [extra faultline flags…]`, e.g. `node dist/bench/memory-run.js 5m` (Linux only: reads /proc).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { printTable } from './table.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** rssMb reads a process's resident set size in MB from /proc (undefined once it has exited). */
function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? undefined : Number(m[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** cpuSeconds reads a process's user + system CPU time (all its threads) from /proc, in seconds. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Phase marks: the first output line containing each, in the order faultline prints them. */
const MARKS = { workload: 'Run the workload', heal: 'Heal every fault', check: 'Check the history', report: 'Write report.html', verdict: 'verdict:' } as const;
type Mark = keyof typeof MARKS;

async function main(): Promise<void> {
  const timeLimit = process.argv[2] ?? '60s';
  const extra = process.argv.slice(3);
  const store = await mkdtemp(join(tmpdir(), 'faultline-memory-'));
  const args = [
    join(root, 'bin/run.js'), 'test', '--adapter', join(root, 'fixtures/adapters/memory-adapter.mjs'), '--rate', '0',
    '--nemesis', 'none', '--concurrency', '50', '--workload', 'multi-register', '--time-limit', timeLimit, '--store', store, ...extra,
  ];
  const t0 = performance.now();
  const child = execa(process.execPath, args, { reject: false, all: true, buffer: false });
  const pid = child.pid ?? 0;
  const marks: Partial<Record<Mark, number>> = {};
  const cpuAt: Partial<Record<Mark, number>> = {};
  const samples: { s: number; mb: number; phase: string }[] = [];
  let phase = 'start';
  child.all?.setEncoding('utf8');
  let pending = '';
  child.all?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      process.stdout.write(`${((performance.now() - t0) / 1000).toFixed(1).padStart(7)}s ${line}\n`);
      for (const [k, text] of Object.entries(MARKS) as [Mark, string][]) {
        if (marks[k] === undefined && line.includes(text)) {
          marks[k] = performance.now();
          const cpu = cpuSeconds(pid);
          if (cpu !== undefined) cpuAt[k] = cpu;
          phase = k;
        }
      }
    }
  });
  const timer = setInterval(() => {
    const mb = rssMb(pid);
    if (mb !== undefined) samples.push({ s: (performance.now() - t0) / 1000, mb, phase });
  }, 1000);
  const res = await child;
  clearInterval(timer);
  const peak = (p?: (ph: string) => boolean): string => {
    const xs = samples.filter((x) => p === undefined || p(x.phase)).map((x) => x.mb);
    return xs.length === 0 ? '-' : `${Math.round(Math.max(...xs))} MB`;
  };
  const secs = (a?: number, b?: number): string => (a === undefined || b === undefined ? '-' : `${((b - a) / 1000).toFixed(1)} s`);
  const cpu = (a?: number, b?: number): string => (a === undefined || b === undefined ? '-' : `${(b - a).toFixed(1)} s`);
  let results: { stats?: { events?: number; counts?: Record<string, number> }; checkers?: { checker: string; valid: unknown; parts?: { part: string; valid: unknown; ops: number; elapsedMs: number; reason?: string }[] }[] } = {};
  try {
    const latest = join(store, 'latest', 'results.json');
    results = JSON.parse(readFileSync(latest, 'utf8')) as typeof results;
  } catch {
    // no results.json: the table says so
  }
  const lin = results.checkers?.find((c) => c.checker === 'linearizable');
  const parts = lin?.parts ?? [];
  // Every key when there are few; otherwise how many keys had each verdict, and the slowest key.
  const keys =
    parts.length <= 30
      ? parts.map((p) => `${p.part} (${p.ops} ops, ${Math.round(p.elapsedMs)} ms): ${String(p.valid)}${p.reason === undefined ? '' : ` (${p.reason})`}`)
      : [
          `${parts.length} keys: ${[...new Set(parts.map((p) => String(p.valid)))].map((v) => `${parts.filter((p) => String(p.valid) === v).length} ${v}`).join(', ')}`,
          `slowest: ${[...parts].sort((a, b) => b.elapsedMs - a.elapsedMs).slice(0, 1).map((p) => `${p.part} (${p.ops} ops, ${Math.round(p.elapsedMs)} ms)`)[0] ?? '-'}`,
        ];
  console.log(`\nRSS samples (s, MB): ${samples.filter((_, i) => i % 10 === 0).map((x) => `${Math.round(x.s)}:${Math.round(x.mb)}`).join(' ')}`);
  printTable(
    ['measure', 'value'],
    [
      ['time limit', timeLimit],
      ['exit code', String(res.exitCode)],
      ['events recorded', String(results.stats?.events ?? '-')],
      ['client ops (ok+fail+info)', String(Object.values(results.stats?.counts ?? {}).reduce((a, b) => a + b, 0))],
      ['peak RSS, whole run', peak()],
      ['peak RSS, workload', peak((ph) => ph === 'workload' || ph === 'start')],
      ['peak RSS, check', peak((ph) => ph === 'check')],
      ['peak RSS, report', peak((ph) => ph === 'report')],
      ['end of workload → verdict', secs(marks.heal, marks.verdict)],
      ['check → verdict (incl. report)', secs(marks.check, marks.verdict)],
      ['check only', secs(marks.check, marks.report ?? marks.verdict)],
      ['check only, CPU (all threads)', cpu(cpuAt.check, cpuAt.report ?? cpuAt.verdict)],
      ['workload, CPU (all threads)', cpu(cpuAt.workload, cpuAt.heal)],
      ['linearizable', String(lin?.valid ?? '-')],
      ...keys.map((k, i) => [parts.length <= 30 ? `  part ${i + 1}` : '  keys', k]),
      ...(results.checkers ?? []).filter((c) => c.checker !== 'linearizable').map((c) => [c.checker, String(c.valid)]),
    ],
  );
}

await main();
