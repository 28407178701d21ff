import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { stopClusterUp } from '../../cluster/local/stop-cluster-up.js';

/** ClusterDown stops clusters started by `faultline cluster up` in another terminal. */
export default class ClusterDown extends BaseCommand {
  static override summary = 'Stop the cluster(s) started by `faultline cluster up`.';
  static override examples = ['<%= config.bin %> cluster down', '<%= config.bin %> cluster down --run-id m3x9k2a1-12345-9f2c'];
  static override flags = {
    'run-id': Flags.string({ description: 'stop only this run (printed by `cluster up`)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterDown);
    const stopped = await stopClusterUp(flags['run-id'] === undefined ? {} : { runId: flags['run-id'] });
    for (const id of stopped) this.log(`stopped run ${id}`);
  }
}
