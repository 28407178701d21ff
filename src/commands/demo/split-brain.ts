import { BaseCommand } from '../../cli/base-command.js';
import { demoFlags, runDemoCommand } from '../../cli/demo-command.js';
import { SPLIT_BRAIN_CHAPTER } from '../../demo/chapters/split-brain.js';

/** DemoSplitBrain shows failover without fencing losing acknowledged writes, against raft losing none. */
export default class DemoSplitBrain extends BaseCommand {
  static override summary = 'Teaching demo: primary failover without fencing (split brain) against raft.';
  static override description = `Runs the built-in store in primary mode (asynchronous replication, failover by heartbeat timeout,
no fencing) and raft mode through the same scripted fault: at a quarter of the time limit the primary
(leader) is cut off from the others until the end. The old primary keeps acknowledging writes while
the majority promotes a new one; at the heal those writes are lost. raft loses none. Prints the table
(availability during faults, lost writes, linearizable?, eventually consistent?, worst staleness)
and what each row shows. Runs go to <store>/demo-split-brain-<mode>/<timestamp>/, the summary to
<store>/demo-split-brain/<timestamp>/. --lang zh prints everything in Chinese.
Walk-through: docs/demo-split-brain.md (docs/zh/demo-split-brain.md). Exit code 0 when the demo ran; 3+ on errors.`;
  static override examples = ['<%= config.bin %> demo split-brain', '<%= config.bin %> demo split-brain --time-limit 8s --seed 3 --nodes 5', '<%= config.bin %> demo split-brain --lang zh'];
  static override flags = demoFlags(SPLIT_BRAIN_CHAPTER);

  async run(): Promise<void> {
    const { flags } = await this.parse(DemoSplitBrain);
    await runDemoCommand(SPLIT_BRAIN_CHAPTER, flags, (line) => this.log(line));
  }
}
