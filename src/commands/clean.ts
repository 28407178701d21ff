import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { localProcessCleaner, type LeftoverCleaner } from '../cluster/local/clean-local-leftovers.js';
import { dockerLeftoverCleaner } from '../cluster/docker/clean-docker-leftovers.js';
import { FaultlineError } from '../core/errors.js';

/**
 * CLEANERS: one LeftoverCleaner per backend that can leave things behind. The docker backend adds
 * its cleaner (containers and networks labelled with a run id) here.
 */
const CLEANERS: readonly LeftoverCleaner[] = [localProcessCleaner, dockerLeftoverCleaner];

/** Clean removes every leftover process and temp dir of earlier (crashed) runs. */
export default class Clean extends BaseCommand {
  static override summary = 'Remove leftover node processes, temp dirs, containers and networks of earlier runs.';
  static override description = `Runs that are still going (their faultline process is alive) are left alone; stop a
\`cluster up\` with \`faultline cluster down\`. \`faultline test\` and \`faultline cluster up\` reap the local
leftovers (node processes, paused ones too, and data dirs) of dead runs by themselves when they start.`;
  static override examples = ['<%= config.bin %> clean', '<%= config.bin %> clean --dry-run', '<%= config.bin %> clean --backend ssh --nodes-file nodes.json'];
  static override flags = {
    'dry-run': Flags.boolean({ default: false, description: 'only list what would be removed' }),
    backend: Flags.string({ options: ['ssh'], description: 'ssh: restore the machines of --nodes-file instead (docs/ssh.md)' }),
    'nodes-file': Flags.string({ description: '--backend ssh: the machines (an SSH inventory)', dependsOn: ['backend'] }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Clean);
    let removed = 0;
    let cleaners = CLEANERS;
    if (flags.backend === 'ssh') {
      if (flags['nodes-file'] === undefined) throw new FaultlineError('usage', '--backend ssh needs --nodes-file FILE (the machines to restore)');
      const { loadInventory } = await import('../cluster/ssh/inventory.js');
      const { sshLeftoverCleaner } = await import('../cluster/ssh/clean-ssh-leftovers.js');
      cleaners = [sshLeftoverCleaner(loadInventory(flags['nodes-file']))];
    }
    for (const cleaner of cleaners) {
      const report = await cleaner.clean({ dryRun: flags['dry-run'] });
      removed += report.removed.length;
      for (const line of report.removed) this.log(`${flags['dry-run'] ? 'would remove' : 'removed'} ${line}`);
      for (const line of report.skipped) this.log(`left ${line}`);
    }
    if (removed === 0) this.log('nothing to clean');
  }
}
