import { BaseCommand } from '../../cli/base-command.js';
import { demoFlags, runDemoCommand } from '../../cli/demo-command.js';
import { CLOCKS_CHAPTER } from '../../demo/chapters/clocks.js';

/** DemoClocks shows lease reads and last-writer-wins going wrong when one clock jumps, and raft not caring. */
export default class DemoClocks extends BaseCommand {
  static override summary = 'Teaching demo: lease reads and last-writer-wins under clock skew, raft as the control.';
  static override description = `Runs the built-in store in raft, lease and lww mode through the same scripted fault: at a quarter
of the time limit the leader's clock (lww: the first node's) jumps ahead by at least 10 s; at half
time it is set right and that node is cut off from the others until the end. lease then serves
stale reads from a lease its clock stretched, lww silently loses the writes made after the clock was
set right, and raft is unaffected. Prints the table (availability during faults, linearizable?,
worst staleness, lost writes judged by real time, eventually consistent?) and what each row shows.
Runs go to <store>/demo-clocks-<mode>/<timestamp>/, the summary to <store>/demo-clocks/<timestamp>/.
--lang zh prints everything in Chinese. Walk-through: docs/demo-clocks.md (docs/zh/demo-clocks.md).
Exit code 0 when the demo ran; 3+ on errors.`;
  static override examples = ['<%= config.bin %> demo clocks', '<%= config.bin %> demo clocks --time-limit 8s --seed 3', '<%= config.bin %> demo clocks --lang zh'];
  static override flags = demoFlags(CLOCKS_CHAPTER);

  async run(): Promise<void> {
    const { flags } = await this.parse(DemoClocks);
    await runDemoCommand(CLOCKS_CHAPTER, flags, (line) => this.log(line));
  }
}
