/**
 * Test helper: starts N nodes of the built-in store directly (peers pointing at each other's peer
 * ports, no router) on free loopback ports, and stops them with SIGKILL. For integration tests and
 * the store bench only.
 */
import net from 'node:net';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';

function spawnNode(root: string, args: string[]) {
  return execa('node', args, { cwd: root, reject: false, stdout: 'pipe', stderr: 'pipe', buffer: false });
}

/** TestNode is one started node. */
export interface TestNode {
  id: string;
  clientPort: number;
  peerPort: number;
  proc: ReturnType<typeof spawnNode>;
}

/** TestCluster is a started set of nodes; `stop` kills them all (SIGKILL) and waits. */
export interface TestCluster {
  nodes: TestNode[];
  dataDir: string;
  stop(): Promise<void>;
}

/** freePort asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * startStoreCluster starts `size` nodes in `mode` and resolves once each printed READY. With
 * `compiled` it runs dist/src/store/main.js (build first), else the TypeScript source through tsx.
 */
export async function startStoreCluster(mode: string, size: number, options: { compiled?: boolean; extraArgs?: string[] } = {}): Promise<TestCluster> {
  const root = path.resolve(import.meta.dirname, '../..');
  const ids = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  const ports = new Map<string, { client: number; peer: number }>();
  for (const id of ids) ports.set(id, { client: await freePort(), peer: await freePort() });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-store-'));
  const entry = options.compiled === true ? ['dist/src/store/main.js'] : ['--import', 'tsx', 'src/store/main.ts'];
  const nodes: TestNode[] = ids.map((id) => {
    const p = ports.get(id)!;
    const peers = ids.filter((o) => o !== id).map((o) => `${o}=127.0.0.1:${ports.get(o)!.peer}`).join(',');
    const proc = spawnNode(root, [
      ...entry, '--id', id, '--mode', mode, '--client-port', String(p.client), '--peer-port', String(p.peer),
      '--peers', peers, '--data-dir', path.join(dataDir, id), ...(options.extraArgs ?? []),
    ]);
    return { id, clientPort: p.client, peerPort: p.peer, proc };
  });
  const stop = async (): Promise<void> => {
    for (const n of nodes) n.proc.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.proc.catch(() => undefined)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.all(nodes.map((n) => waitReady(n)));
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes, dataDir, stop };
}

function waitReady(node: TestNode): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${node.id} not ready after 15 s: ${err}`)), 15_000);
    node.proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`READY ${node.id} ${node.clientPort}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    node.proc.stderr?.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-2000);
    });
    void node.proc.then(() => {
      clearTimeout(timer);
      reject(new Error(`${node.id} exited before READY: ${err}`));
    });
  });
}

/** call sends one JSON request to a node's client API and returns the status and parsed body. */
export async function call(port: number, method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const init: RequestInit = { method, signal: AbortSignal.timeout(5000) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** waitFor polls `probe` every 50 ms until it returns a value other than undefined, or throws after `ms`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
