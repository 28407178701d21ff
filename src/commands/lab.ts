import path from 'node:path';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { STORE_MODES, type StoreMode } from '../cluster/local/start-local-cluster.js';
import { resolveQuorum } from '../cluster/local/quorum-options.js';
import { runLab } from '../lab/run-lab.js';

/** Lab serves a live page with a running built-in cluster to break by hand (127.0.0.1 only). */
export default class Lab extends BaseCommand {
  static override summary = 'Open a live lab: a built-in cluster on a local web page to partition, kill, pause and skew by hand.';
  static override description = `Starts a cluster of the built-in store (no Docker) and serves a page on 127.0.0.1 only.
Click a link to cut it, a node to isolate, kill, pause or skew its clock; run reads, writes and cas by
hand on a chosen node or start a workload; every op streams onto the timeline and the history is checked
for linearizability every second. Switching the mode restarts the cluster with a new history. "Save"
writes the history and its report to <store>/lab-<mode>/<timestamp>/. Ctrl-C stops everything.`;
  static override examples = [
    '<%= config.bin %> lab',
    '<%= config.bin %> lab --mode lww --nodes 5 --port 9000',
    '<%= config.bin %> lab --mode quorum --nodes 3 --r 1 --w 1',
  ];
  static override flags = {
    mode: Flags.string({ options: [...STORE_MODES], default: 'raft', description: 'replication mode of the built-in store' }),
    nodes: Flags.integer({ min: 1, max: 7, default: 3, description: 'number of nodes (n1..nN)' }),
    port: Flags.integer({ min: 0, max: 65535, default: 8090, description: 'port of the page on 127.0.0.1 (0 = any free port)' }),
    store: Flags.string({ default: 'store', description: 'where "save" writes runs (as `faultline serve` lists them)' }),
    'log-dir': Flags.string({ description: 'where node logs go [default: <store>/lab/<timestamp>]' }),
    seed: Flags.integer({ min: 0, description: 'seed for the nodes, the network layer and the workload' }),
    replicas: Flags.integer({ description: 'quorum mode: replicas per key, N (≤ --nodes) [default: min(3, nodes)]' }),
    r: Flags.integer({ description: 'quorum mode: replicas a read waits for, R (≤ N) [default: a majority of N]' }),
    w: Flags.integer({ description: 'quorum mode: replicas a write waits for, W (≤ N) [default: a majority of N]' }),
    sloppy: Flags.boolean({ description: 'quorum mode: sloppy quorum (stand-in nodes and hinted handoff)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Lab);
    const quorum = { replicas: flags.replicas, r: flags.r, w: flags.w, sloppy: flags.sloppy ? true : undefined };
    resolveQuorum(flags.mode, flags.nodes, quorum); // a usage error before anything starts
    const logDir = flags['log-dir'] ?? path.join(flags.store, 'lab', new Date().toISOString().replaceAll(':', '-'));
    await runLab(
      {
        mode: flags.mode as StoreMode,
        modes: STORE_MODES,
        nodes: flags.nodes,
        port: flags.port,
        store: path.resolve(flags.store),
        logDir,
        seed: flags.seed ?? Math.floor(Math.random() * 2 ** 31),
        quorum,
        onReaped: (line) => this.log(line),
      },
      (line) => this.log(line),
    );
  }
}
