/**
 * main: the built-in store's entry point, one OS process per node
 * (`node dist/src/store/main.js --id n1 --mode raft --client-port 7001 --peer-port 7101 --peers …`).
 * Prints `READY <id> <client-port>` on stdout once the client API listens; logs go to stderr.
 * A bad flag exits with code 3 and one line on stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FaultlineError, exitCodeFor } from '../core/errors.js';
import { startHttpApi } from './http-api.js';
import type { StoreEngine } from './kv-command.js';
import { LwwNode } from './lww-node.js';
import { leaseIsUnsafe, parseStoreArgs, type StoreOptions } from './parse-store-args.js';
import { PeerTransport } from './peer-transport.js';
import { PrimaryNode } from './primary-node.js';
import { QuorumNode } from './quorum-node.js';
import { RaftNode } from './raft-node.js';
import { RaftStorage } from './raft-storage.js';
import { StoreClock, seededRandom } from './store-clock.js';

/** runStore starts one node with `options` and resolves once it serves clients. */
export async function runStore(options: StoreOptions): Promise<{ stop: () => void }> {
  const log = (line: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${options.id} ${line}\n`);
  };
  const clock = new StoreClock();
  let engine: StoreEngine | null = null;
  const transport = new PeerTransport(options.id, options.peers, (m) => engine?.receive(m), log);
  const send = transport.send.bind(transport);
  const peers = options.peers.map((p) => p.id);
  engine = createEngine(options, peers, clock, send, log);
  if (leaseIsUnsafe(options)) log(`warning: --lease-ms ${options.leaseMs} >= --election-timeout-ms ${options.electionTimeoutMs}: leases are unsafe`);
  await transport.listen(options.host, options.peerPort);
  engine.start();
  const server = await startHttpApi({ id: options.id, mode: options.mode, engine, clock, log }, options.host, options.clientPort);
  process.stdout.write(`READY ${options.id} ${options.clientPort}\n`);
  return {
    stop: () => {
      engine?.stop();
      transport.close();
      server.closeAllConnections();
      server.close();
    },
  };
}

function createEngine(
  options: StoreOptions,
  peers: string[],
  clock: StoreClock,
  send: PeerTransport['send'],
  log: (line: string) => void,
): StoreEngine {
  switch (options.mode) {
    case 'raft':
    case 'lease': {
      const { storage, state } = RaftStorage.open(options.dataDir);
      if (options.dataDir === null) log('warning: no --data-dir: term, vote and log are lost on kill (unsafe restarts)');
      return new RaftNode({
        id: options.id,
        peers,
        lease: options.mode === 'lease',
        electionTimeoutMs: options.electionTimeoutMs,
        heartbeatMs: options.heartbeatMs,
        leaseMs: options.leaseMs,
        clock,
        random: seededRandom(options.seed),
        send,
        storage,
        initial: state,
        log,
      });
    }
    case 'primary': {
      const all = [options.id, ...peers].sort();
      return new PrimaryNode({
        id: options.id,
        peers,
        initialPrimary: all.includes('n1') ? 'n1' : all[0]!,
        restarted: markStarted(options.dataDir, 'primary-started'),
        failoverMs: Math.max(500, options.electionTimeoutMs),
        heartbeatMs: options.heartbeatMs,
        send,
        log,
      });
    }
    case 'lww':
      return new LwwNode({ id: options.id, peers, clock, send, log });
    case 'quorum':
      return new QuorumNode({ id: options.id, peers, clock, send, log, dataDir: options.dataDir, ...options.quorum });
  }
}

/** markStarted records in `dataDir` that this node ran, and tells whether it had run before. */
function markStarted(dataDir: string | null, name: string): boolean {
  if (dataDir === null) return false;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, name);
  const before = fs.existsSync(file);
  if (!before) fs.writeFileSync(file, `${new Date().toISOString()}\n`);
  return before;
}

async function main(): Promise<void> {
  let options: StoreOptions;
  try {
    options = parseStoreArgs(process.argv.slice(2));
    const node = await runStore(options);
    const shutdown = (): void => {
      node.stop();
      process.exit(0);
    };
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
  } catch (err) {
    if (err instanceof FaultlineError) {
      process.stderr.write(`faultline store: ${err.message}\n`);
      if (err.hint !== undefined) process.stderr.write(`hint: ${err.hint}\n`);
      process.exit(exitCodeFor(err.code));
    }
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`faultline store: ${e.code === 'EADDRINUSE' ? `address in use: ${e.message}` : (e.stack ?? String(e))}\n`);
    process.exit(e.code === 'EADDRINUSE' ? exitCodeFor('environment') : exitCodeFor('internal'));
  }
}

await main();
