import { randomInt } from 'node:crypto';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { FaultlineError } from '../../core/errors.js';
import { parseDurationMs } from '../../config/parse-duration.js';
import { formatDurationNs } from '../../../checkers/eventual/format-eventual.js';
import { CAP_DEFAULTS, CAP_MODES, type CapDemoOptions, capRunOptions } from '../../demo/cap-plan.js';
import { type CapProgress, runCapDemo } from '../../demo/run-cap-demo.js';

/** DemoCap runs the built-in store in every replication mode through the same faults and prints the CAP table. */
export default class DemoCap extends BaseCommand {
  static override summary = 'Teaching demo: raft, lease, primary and lww through the same faults, side by side.';
  static override description = `Runs the built-in store in raft, lease, primary and lww mode, one after the other, each through the
same seeded test (reads and writes of unique values; partitions that isolate the leader and clock
skews), and prints one table: availability during faults, linearizable?, eventually consistent?,
lost writes, worst staleness and convergence time — then what each row shows. Each mode's run is
kept in <store>/demo-cap-<mode>/<timestamp>/ with its report.html; the combined summary goes to
<store>/demo-cap/<timestamp>/ (summary.json and index.html). The same --seed repeats the schedule.
Exit code 0 when the demo ran (invalid verdicts are the lesson, not an error); 3+ on errors.`;
  static override examples = ['<%= config.bin %> demo cap', '<%= config.bin %> demo cap --time-limit 10s --seed 7 --nodes 5', '<%= config.bin %> demo cap --json'];
  static override flags = {
    'time-limit': Flags.string({ description: `how long each mode's workload runs, e.g. 20s (at least 4s) [default: ${CAP_DEFAULTS.timeLimitMs / 1000}s]` }),
    seed: Flags.string({ description: 'seed for operations and faults [default: random, printed]' }),
    nodes: Flags.integer({ description: `nodes per cluster: 3 or 5 [default: ${CAP_DEFAULTS.nodes}]` }),
    store: Flags.string({ description: `results directory [default: ${CAP_DEFAULTS.store}]` }),
    json: Flags.boolean({ description: 'print summary.json to stdout instead of the table' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(DemoCap);
    const options: CapDemoOptions = {
      timeLimitMs: flags['time-limit'] === undefined ? CAP_DEFAULTS.timeLimitMs : parseDurationMs(flags['time-limit'], '--time-limit'),
      seed: flags.seed === undefined ? randomInt(0, 2 ** 32) : seedFlag(flags.seed),
      nodes: flags.nodes ?? CAP_DEFAULTS.nodes,
      store: flags.store ?? CAP_DEFAULTS.store,
    };
    // Usage errors before anything is printed or started.
    for (const mode of CAP_MODES) capRunOptions(mode, options);
    const abort = new AbortController();
    const onSignal = (): void => abort.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const say = (line: string): void => {
      if (!flags.json) process.stderr.write(`${line}\n`);
    };
    say(`faultline demo cap: ${CAP_MODES.join(', ')} on ${options.nodes} node${options.nodes === 1 ? '' : 's'}, ${options.timeLimitMs / 1000} s each, seed ${options.seed}`);
    let result;
    try {
      result = await runCapDemo(options, { signal: abort.signal, onProgress: (p) => progress(p, say) });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    if (flags.json) {
      this.log(JSON.stringify({ ...result.summary, summaryPath: result.summaryPath, page: result.pagePath }, null, 2));
      return;
    }
    this.log('');
    for (const line of result.summary.table) this.log(line);
    this.log('');
    for (const s of result.summary.sentences) this.log(s);
    this.log('');
    this.log(`summary: ${result.summaryPath}`);
    this.log(`page:    ${result.pagePath}`);
    for (const r of result.summary.rows) this.log(`${r.mode.padEnd(8)} ${r.report ?? r.dir}`);
  }
}

function progress(p: CapProgress, say: (line: string) => void): void {
  if (p.kind === 'mode-start') say(`[${p.index + 1}/${p.of}] ${p.mode}: running`);
  else if (p.kind === 'mode-done') say(`[${p.mode}] done in ${formatDurationNs(p.elapsedMs * 1e6)}`);
  else if (p.event.kind === 'fault') say(`  ${p.mode}: ${p.event.current === null ? 'no fault' : `fault ${p.event.current.f}`}`);
}

function seedFlag(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n)) throw new FaultlineError('usage', `--seed must be an integer, not "${text}"`);
  return n;
}
