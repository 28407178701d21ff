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
  /** Present when started with `proxied`: block and heal links between nodes. */
  proxies: LinkProxies | null;
  stop(): Promise<void>;
  /** port is a node's client port. */
  port(id: string): number;
}

/**
 * freePorts finds `n` distinct free loopback ports in 10000–19999, below the ephemeral range
 * (32768+ on Linux): they are held open until all are known, then released for the nodes to bind.
 * Ports from the ephemeral range (listen on port 0) could be taken meanwhile by any outgoing
 * connection (a proxy or node dialling a peer that is not up yet), which on a loaded machine,
 * where nodes take seconds to start, made a node fail with EADDRINUSE; explicit ports here cannot.
 */
export async function freePorts(n: number): Promise<number[]> {
  const held: net.Server[] = [];
  try {
    while (held.length < n) {
      const port = 10_000 + Math.floor(Math.random() * 10_000);
      const srv = net.createServer();
      const ok = await new Promise<boolean>((resolve) => {
        srv.once('error', () => resolve(false));
        srv.listen(port, '127.0.0.1', () => resolve(true));
      });
      if (ok) held.push(srv);
    }
    return held.map((srv) => (srv.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(held.map((srv) => new Promise((resolve) => srv.close(resolve))));
  }
}

/**
 * startStoreCluster starts `size` nodes in `mode` and resolves once each printed READY. With
 * `compiled` it runs dist/src/store/main.js (build first), else the TypeScript source through tsx.
 */
export async function startStoreCluster(mode: string, size: number, options: { compiled?: boolean; proxied?: boolean; extraArgs?: string[] } = {}): Promise<TestCluster> {
  const root = path.resolve(import.meta.dirname, '../..');
  const ids = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  const ports = new Map<string, { client: number; peer: number }>();
  // Proxies first (they hold their ports), then all node ports at once, so no two can collide.
  let proxies: LinkProxies | null = null;
  if (options.proxied === true) {
    proxies = new LinkProxies();
    await proxies.open(ids, (id) => ports.get(id)!.peer);
  }
  const free = await freePorts(2 * size);
  ids.forEach((id, i) => ports.set(id, { client: free[2 * i]!, peer: free[2 * i + 1]! }));
  const sendPort = (from: string, to: string): number => proxies?.ports.get(`${from}>${to}`) ?? ports.get(to)!.peer;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-store-'));
  const entry = options.compiled === true ? ['dist/src/store/main.js'] : ['--import', 'tsx', 'src/store/main.ts'];
  const nodes: TestNode[] = ids.map((id) => {
    const p = ports.get(id)!;
    const peers = ids.filter((o) => o !== id).map((o) => `${o}=127.0.0.1:${sendPort(id, o)}`).join(',');
    const proc = spawnNode(root, [
      ...entry, '--id', id, '--mode', mode, '--client-port', String(p.client), '--peer-port', String(p.peer),
      '--peers', peers, '--data-dir', path.join(dataDir, id), ...(options.extraArgs ?? []),
    ]);
    return { id, clientPort: p.client, peerPort: p.peer, proc };
  });
  const stop = async (): Promise<void> => {
    for (const n of nodes) n.proc.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.proc.catch(() => undefined)));
    proxies?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.all(nodes.map((n) => waitReady(n)));
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes, dataDir, proxies, stop, port: (id) => ports.get(id)!.client };
}

function waitReady(node: TestNode): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${node.id} not ready after 60 s: ${err}`)), 60_000);
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
  const init: RequestInit = { method, signal: AbortSignal.timeout(20_000) };
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

/**
 * LinkProxies stands in for the router in tests: one TCP proxy per directed link a→b that forwards
 * a's peer traffic to b's peer port unless the link is blocked (then chunks are dropped).
 */
export class LinkProxies {
  private readonly blocked = new Set<string>();
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  /** Proxy port for each directed link, keyed `a>b`. */
  readonly ports = new Map<string, number>();

  /** open starts a proxy for every ordered pair of `ids`, forwarding to `peerPort(b)` (read per connection). */
  async open(ids: string[], peerPort: (id: string) => number): Promise<void> {
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        const link = `${a}>${b}`;
        const server = net.createServer((inbound) => {
          const outbound = net.createConnection({ host: '127.0.0.1', port: peerPort(b) });
          for (const s of [inbound, outbound]) {
            this.sockets.add(s);
            s.on('error', () => undefined);
            s.on('close', () => {
              this.sockets.delete(s);
              inbound.destroy();
              outbound.destroy();
            });
          }
          inbound.on('data', (chunk: Buffer) => {
            if (!this.blocked.has(link)) outbound.write(chunk);
          });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        this.servers.push(server);
        this.ports.set(link, (server.address() as net.AddressInfo).port);
      }
    }
  }

  /** isolate blocks every link into and out of `id`. */
  isolate(id: string): void {
    for (const link of this.ports.keys()) {
      const [a, b] = link.split('>');
      if (a === id || b === id) this.blocked.add(link);
    }
  }

  /** partition blocks every link between a node of `side` and a node outside it. */
  partition(side: string[]): void {
    for (const link of this.ports.keys()) {
      const [a, b] = link.split('>') as [string, string];
      if (side.includes(a) !== side.includes(b)) this.blocked.add(link);
    }
  }

  /** heal unblocks every link. */
  heal(): void {
    this.blocked.clear();
  }

  /** close stops every proxy. */
  close(): void {
    for (const s of this.sockets) s.destroy();
    for (const srv of this.servers) srv.close();
  }
}
