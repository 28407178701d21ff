import { BaseCommand } from '../../cli/base-command.js';
import { demoFlags, runDemoCommand } from '../../cli/demo-command.js';
import { QUORUM_CHAPTER } from '../../demo/chapters/quorum.js';

/** DemoQuorum runs Dynamo-style quorum settings side by side: stale reads, lost writes, availability. */
export default class DemoQuorum extends BaseCommand {
  static override summary = 'Teaching demo: Dynamo-style quorums (N=3; R=1 W=1, R=2 W=2, R=3 W=1, sloppy) side by side.';
  static override description = `Runs the built-in store in quorum mode (--replicas 3) with four settings — R=1 W=1, R=2 W=2,
R=3 W=1, and R=2 W=2 with a sloppy quorum and hinted handoff — one after the other through the same
seeded faults (partitions and clock skews), and prints the table (availability during faults,
linearizable?, worst staleness, lost writes, eventually consistent?) and what each row shows: R + W ≤ N
reads stale data, R + W > N is still not linearizable, sloppy quorums lose acknowledged writes.
Runs go to <store>/demo-quorum-<setting>/<timestamp>/, the summary to <store>/demo-quorum/<timestamp>/.
--lang zh prints everything in Chinese. Walk-through: docs/demo-quorum.md (docs/zh/demo-quorum.md).
Exit code 0 when the demo ran; 3+ on errors.`;
  static override examples = ['<%= config.bin %> demo quorum', '<%= config.bin %> demo quorum --time-limit 8s --seed 3', '<%= config.bin %> demo quorum --lang zh'];
  static override flags = demoFlags(QUORUM_CHAPTER);

  async run(): Promise<void> {
    const { flags } = await this.parse(DemoQuorum);
    await runDemoCommand(QUORUM_CHAPTER, flags, (line) => this.log(line));
  }
}
