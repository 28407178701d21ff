import { BaseCommand } from '../../cli/base-command.js';
import { demoFlags, runDemoCommand } from '../../cli/demo-command.js';
import { CAP_CHAPTER } from '../../demo/chapters/cap.js';

/** DemoCap runs the built-in store in every replication mode through the same faults and prints the CAP table. */
export default class DemoCap extends BaseCommand {
  static override summary = 'Teaching demo: raft, lease, primary and lww through the same faults, side by side.';
  static override description = `Runs the built-in store in raft, lease, primary and lww mode, one after the other, each through the
same seeded test (reads and writes of unique values; partitions that isolate the leader and clock
skews), and prints one table: availability during faults, linearizable?, eventually consistent?,
lost writes, worst staleness and convergence time — then what each row shows. Each mode's run is
kept in <store>/demo-cap-<mode>/<timestamp>/ with its report.html; the combined summary goes to
<store>/demo-cap/<timestamp>/ (summary.json and index.html). The same --seed repeats the schedule.
--lang zh prints everything in Chinese. Walk-through: docs/demo-cap.md (docs/zh/demo-cap.md).
Exit code 0 when the demo ran (invalid verdicts are the lesson, not an error); 3+ on errors.`;
  static override examples = ['<%= config.bin %> demo cap', '<%= config.bin %> demo cap --time-limit 10s --seed 7 --nodes 5', '<%= config.bin %> demo cap --lang zh', '<%= config.bin %> demo cap --json'];
  static override flags = demoFlags(CAP_CHAPTER);

  async run(): Promise<void> {
    const { flags } = await this.parse(DemoCap);
    await runDemoCommand(CAP_CHAPTER, flags, (line) => this.log(line));
  }
}
