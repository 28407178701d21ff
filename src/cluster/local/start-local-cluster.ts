/**
 * src/cluster/local: the local backend — the built-in store's nodes as child processes on loopback,
 * no Docker, no root. `startLocalCluster` (this file) reaps the leftovers of dead runs when asked
 * (reap-dead-runs.ts), reserves the nodes' ports for the cluster's life (port-reservations.ts),
 * opens the network router (src/net), starts the nodes (node-process.ts) and returns a
 * LocalCluster (local-cluster.ts).
 * Teardown on every exit path: stop()/await using, the exit guard (exit-guard.ts) for Ctrl-C and
 * crashes, and the run registry (run-registry.ts) that `faultline clean` (clean-local-leftovers.ts)
 * and `faultline cluster down` (stop-cluster-up.ts) read.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NodeInfo } from '../../core/cluster.js';
import { FaultlineError } from '../../core/errors.js';
import { MessageRouter } from '../../net/message-router.js';
import { LocalCluster } from './local-cluster.js';
import { NodeProcess } from './node-process.js';
import { PortReservations } from './port-reservations.js';
import { reapDeadRuns } from './reap-dead-runs.js';
import { newRunId, processStartTicks, removeRun, runDir, writeRunRecord, type RunRecord } from './run-registry.js';
import { defaultStoreEntry } from './store-entry.js';

/** StoreMode is a replication mode of the built-in store. */
export type StoreMode = 'raft' | 'lease' | 'primary' | 'lww' | 'quorum';

/** STORE_MODES lists the built-in store's modes. */
export const STORE_MODES: readonly StoreMode[] = ['raft', 'lease', 'primary', 'lww', 'quorum'];

/** LocalClusterOptions: how to start a local cluster. Times in ms. */
export interface LocalClusterOptions {
  /** Number of nodes (1..15), named n1..nN. */
  nodes: number;
  mode: StoreMode;
  /**
   * Client ports are basePort, basePort+1, ...; absent: ports reserved for the cluster's life (see
   * port-reservations.ts). Peer ports are always reserved ones.
   */
  basePort?: number;
  /** Parent of the nodes' data dirs (<dataDir>/n1, ...), kept after stop; absent: a temp dir removed on stop. */
  dataDir?: string;
  /** Where n1.log, n2.log, ... go (created if missing; appended across restarts). */
  logDir: string;
  /** Aborting while the nodes start stops them and rejects with an `interrupted` error. */
  signal?: AbortSignal;
  /** The store program (default: <package root>/dist/src/store/main.js). */
  storeEntry?: string;
  /** Seed for the router's loss/duplication and for each node (`--seed seed+i`). */
  seed?: number;
  /** How long a node may take to print READY (default 10000). */
  readyTimeoutMs?: number;
  /** Extra flags given to every node, e.g. ['--election-timeout-ms', '500']. */
  storeArgs?: readonly string[];
  /** Registered as `cluster-up` (stoppable by `faultline cluster down`) or `library` (default). */
  kind?: RunRecord['kind'];
  /**
   * When given, first reap the leftovers of dead runs (reap-dead-runs.ts: node processes, stopped
   * ones included, and data dirs of runs whose owner process is gone) and report each with one line.
   * `faultline test` and `faultline cluster up` pass it; library users may call reapDeadRuns themselves.
   */
  onReaped?: (line: string) => void;
}

const HOST = '127.0.0.1';
const MAX_NODES = 15;

/**
 * startLocalCluster starts `options.nodes` store nodes and resolves when every one printed READY.
 * Throws a `usage` FaultlineError for bad options, `environment` when the store program is missing,
 * `cluster` when a node fails to start (with its last stderr lines); on any failure everything
 * started so far is torn down before the error is thrown.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  validate(options);
  const storeEntry = path.resolve(options.storeEntry ?? defaultStoreEntry());
  if (!fs.existsSync(storeEntry)) {
    throw new FaultlineError('environment', `the store program ${storeEntry} does not exist`, {
      hint: 'build it first: npm run build',
    });
  }
  if (options.onReaped !== undefined) for (const line of await reapDeadRuns()) options.onReaped(line);
  const runId = newRunId();
  const logDir = path.resolve(options.logDir);
  fs.mkdirSync(logDir, { recursive: true });
  const tempDirs: string[] = [];
  let dataDir: string;
  if (options.dataDir === undefined) {
    dataDir = path.join(runDir(runId), 'data');
    tempDirs.push(dataDir);
  } else {
    dataDir = path.resolve(options.dataDir);
  }

  const names = Array.from({ length: options.nodes }, (_, i) => `n${i + 1}`);
  // Held until the cluster stops, so no port of a node is ever free for someone else to take
  // between allocation and the node's bind, nor while a killed node waits for its restart.
  const ports = await PortReservations.open(HOST);
  let reserved: number[];
  try {
    reserved = await ports.reserve(options.basePort === undefined ? 2 * options.nodes : options.nodes);
  } catch (err) {
    await ports.close();
    throw new FaultlineError('environment', `could not reserve loopback ports for the nodes: ${String(err)}`, { cause: err });
  }
  const clientPorts = options.basePort === undefined ? reserved.slice(options.nodes) : names.map((_, i) => options.basePort! + i);
  const peerPorts = reserved.slice(0, options.nodes);
  const nodes: NodeInfo[] = names.map((name, i) => ({ name, host: HOST, port: clientPorts[i]! }));

  const record: RunRecord = {
    runId,
    ownerPid: process.pid,
    ...withStartTicks(processStartTicks(process.pid)),
    kind: options.kind ?? 'library',
    startedAt: new Date().toISOString(),
    mode: options.mode,
    storeEntry,
    logDir,
    nodes: names.map((name, i) => ({ name, pid: null, host: HOST, clientPort: clientPorts[i]!, peerPort: peerPorts[i]! })),
    tempDirs,
  };
  writeRunRecord(record);

  const router = await MessageRouter.start({
    nodes: names.map((name, i) => ({ name, peerPort: peerPorts[i]! })),
    host: HOST,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
  }).catch(async (err: unknown) => {
    await ports.close();
    removeRun(record);
    throw err;
  });
  const processes = new Map<string, NodeProcess>();
  let stopped = false;
  names.forEach((name, i) => {
    const nodeDir = path.join(dataDir, name);
    fs.mkdirSync(nodeDir, { recursive: true });
    const args = [
      '--id', name,
      '--mode', options.mode,
      '--host', HOST,
      '--client-port', String(clientPorts[i]),
      '--peer-port', String(peerPorts[i]),
      '--peers', router.peersArg(name),
      '--data-dir', nodeDir,
      ...(options.seed === undefined ? [] : ['--seed', String(options.seed + i)]),
      ...(options.storeArgs ?? []),
    ];
    const onPidChange = (): void => {
      record.nodes[i]!.pid = processes.get(name)?.pid ?? null;
      if (!stopped) writeRunRecord(record);
    };
    processes.set(name, new NodeProcess({ name, storeEntry, args, logPath: path.join(logDir, `${name}.log`), onPidChange }));
  });

  const cluster = new LocalCluster({
    nodes,
    processes,
    router,
    ports,
    record,
    logDir,
    readyTimeoutMs: options.readyTimeoutMs ?? 10_000,
  });
  const starting = [...processes.values()].map((p) => p.start(options.readyTimeoutMs ?? 10_000, options.signal));
  const results = await Promise.allSettled(starting);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) {
    stopped = true;
    await cluster.stop();
    throw failed.reason;
  }
  return cluster;
}

function withStartTicks(ticks: number | undefined): { ownerStartTicks?: number } {
  return ticks === undefined ? {} : { ownerStartTicks: ticks };
}

function validate(options: LocalClusterOptions): void {
  if (!Number.isInteger(options.nodes) || options.nodes < 1 || options.nodes > MAX_NODES) {
    throw new FaultlineError('usage', `--nodes must be an integer from 1 to ${MAX_NODES}, not ${options.nodes}`);
  }
  if (!STORE_MODES.includes(options.mode)) {
    throw new FaultlineError('usage', `--mode must be one of ${STORE_MODES.join(', ')}, not "${String(options.mode)}"`);
  }
  const base = options.basePort;
  if (base !== undefined && (!Number.isInteger(base) || base < 1024 || base + options.nodes - 1 > 65535)) {
    throw new FaultlineError('usage', `--base-port must be an integer from 1024 to ${65536 - options.nodes}, not ${base}`);
  }
}
