import path from 'node:path';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { runClusterUp } from '../../cluster/local/run-cluster-up.js';
import { STORE_MODES, type StoreMode } from '../../cluster/local/start-local-cluster.js';
import { quorumStoreArgs, resolveQuorum } from '../../cluster/local/quorum-options.js';

/** ClusterUp starts a local cluster of the built-in store and keeps it running until Ctrl-C. */
export default class ClusterUp extends BaseCommand {
  static override summary = 'Start a cluster of the built-in store on loopback and keep it running until Ctrl-C.';
  static override description = `Starts one process per node; node-to-node traffic goes through faultline's network layer.
Prints each node's client URL and curl examples. Ctrl-C, or \`faultline cluster down\` from another
terminal, stops every node. Node logs go to --log-dir.`;
  static override examples = [
    '<%= config.bin %> cluster up --mode raft --nodes 5',
    '<%= config.bin %> cluster up --mode lww --nodes 3 --base-port 7001',
    '<%= config.bin %> cluster up --mode quorum --nodes 3 --replicas 3 --r 1 --w 1',
  ];
  static override flags = {
    db: Flags.string({ options: ['builtin'], default: 'builtin', description: 'which store to start' }),
    mode: Flags.string({ options: [...STORE_MODES], default: 'raft', description: 'replication mode of the built-in store' }),
    nodes: Flags.integer({ min: 1, max: 15, default: 5, description: 'number of nodes (n1..nN)' }),
    'base-port': Flags.integer({ min: 1024, max: 65535, description: 'client port of n1 (n2 gets the next, ...); default: free ports' }),
    'log-dir': Flags.string({ description: 'where node logs go [default: store/cluster-up/<timestamp>]' }),
    'data-dir': Flags.string({ description: 'keep node data here (default: a temp dir removed at the end)' }),
    seed: Flags.integer({ min: 0, description: 'seed for the nodes and the network layer' }),
    replicas: Flags.integer({ description: 'quorum mode: replicas per key, N (≤ --nodes) [default: min(3, nodes)]' }),
    r: Flags.integer({ description: 'quorum mode: replicas a read waits for, R (≤ N) [default: a majority of N]' }),
    w: Flags.integer({ description: 'quorum mode: replicas a write waits for, W (≤ N) [default: a majority of N]' }),
    sloppy: Flags.boolean({ description: 'quorum mode: sloppy quorum (stand-in nodes and hinted handoff)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterUp);
    const quorum = resolveQuorum(flags.mode, flags.nodes, { replicas: flags.replicas, r: flags.r, w: flags.w, sloppy: flags.sloppy ? true : undefined });
    const logDir = flags['log-dir'] ?? path.join('store', 'cluster-up', new Date().toISOString().replaceAll(':', '-'));
    await runClusterUp(
      {
        nodes: flags.nodes,
        mode: flags.mode as StoreMode,
        logDir,
        ...(flags['base-port'] === undefined ? {} : { basePort: flags['base-port'] }),
        ...(flags['data-dir'] === undefined ? {} : { dataDir: flags['data-dir'] }),
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        ...(quorum === undefined ? {} : { storeArgs: quorumStoreArgs(quorum) }),
      },
      (line) => this.log(line),
    );
  }
}
