/**
 * The startup section: how long a process takes to start, as ratios to `node -e 0` measured in the
 * same run (the machine's speed cancels out). Each round runs every case once, in turn, so a burst
 * of load hits every case alike; the table shows medians. Issue 12's targets: `faultline --version`
 * ≤ 3× and `faultline check` of one etcd log ≤ 4× `node -e 0`.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { fmtMs, median, printTable } from './table.js';

interface StartupCase {
  name: string;
  args: string[];
  /** The target ratio to `node -e 0`, if it has one. */
  target?: number;
}

/** runStartupBench prints the table; `rounds` runs of every case, alternating. */
export async function runStartupBench(root: string, rounds = 7): Promise<void> {
  const run = join(root, 'bin/run.js');
  const cases: StartupCase[] = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'faultline --version', args: [run, '--version'], target: 3 },
    { name: 'faultline --help', args: [run, '--help'] },
    { name: 'faultline check etcd_000.log', args: [run, 'check', join(root, 'fixtures/histories/porcupine-etcd/etcd_000.log')], target: 4 },
  ];
  const times = cases.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, c] of cases.entries()) {
      const t = performance.now();
      // Exit codes are not the point here (check exits 0 or 1 by verdict); a crash still shows in
      // the time, and the command's own tests cover its output.
      await execa(process.execPath, c.args, { reject: false });
      times[i]!.push(performance.now() - t);
    }
  }
  const base = median(times[0]!);
  printTable(
    ['process', `ms (median of ${rounds})`, '× node -e 0', 'target'],
    cases.map((c, i) => {
      const m = median(times[i]!);
      return [c.name, fmtMs(m), (m / base).toFixed(1), c.target === undefined ? '' : `≤ ${c.target}×`];
    }),
  );
}
