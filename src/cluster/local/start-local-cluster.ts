/**
 * src/cluster/local: the local backend — the built-in store's nodes as child processes on loopback,
 * no Docker, no root. `startLocalCluster` (this file) allocates ports, opens the network router
 * (src/net), starts the nodes (node-process.ts) and returns a LocalCluster (local-cluster.ts).
 * Teardown on every exit path: stop()/await using, the exit guard (exit-guard.ts) for Ctrl-C and
 * crashes, and the run registry (run-registry.ts) that `faultline clean` (clean-local-leftovers.ts)
 * and `faultline cluster down` (stop-cluster-up.ts) read.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NodeInfo } from '../../core/cluster.js';
import { FaultlineError } from '../../core/errors.js';
import { MessageRouter } from '../../net/message-router.js';
import { allocateFreePorts } from './free-ports.js';
import { LocalCluster } from './local-cluster.js';
import { NodeProcess } from './node-process.js';
import { newRunId, removeRun, runDir, writeRunRecord, type RunRecord } from './run-registry.js';
import { defaultStoreEntry } from './store-entry.js';

/** StoreMode is a replication mode of the built-in store. */
export type StoreMode = 'raft' | 'lease' | 'primary' | 'lww';

/** STORE_MODES lists the built-in store's modes. */
export const STORE_MODES: readonly StoreMode[] = ['raft', 'lease', 'primary', 'lww'];

/** LocalClusterOptions: how to start a local cluster. Times in ms. */
export interface LocalClusterOptions {
  /** Number of nodes (1..15), named n1..nN. */
  nodes: number;
  mode: StoreMode;
  /** Client ports are basePort, basePort+1, ...; absent: free ephemeral ports. Peer ports are always ephemeral. */
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
  const free = await allocateFreePorts(options.basePort === undefined ? 2 * options.nodes : options.nodes, HOST);
  const clientPorts = options.basePort === undefined ? free.slice(options.nodes) : names.map((_, i) => options.basePort! + i);
  const peerPorts = free.slice(0, options.nodes);
  const nodes: NodeInfo[] = names.map((name, i) => ({ name, host: HOST, port: clientPorts[i]! }));

  const record: RunRecord = {
    runId,
    ownerPid: process.pid,
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
  }).catch((err: unknown) => {
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
