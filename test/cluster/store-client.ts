/** A minimal client of the built-in store's HTTP API for integration tests (keep-alive, per-call timeout). */
import http from 'node:http';
import type { NodeInfo } from '../../src/core/cluster.js';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * StoreClient talks to one node over one keep-alive connection (maxSockets 1), so a request sent
 * while the node is paused waits on a connection the node already knows.
 */
export class StoreClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(readonly node: NodeInfo) {}

  request(method: string, path: string, body?: unknown, timeoutMs = 2000): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          host: this.node.host,
          port: this.node.port,
          method,
          path,
          agent: this.agent,
          timeout: timeoutMs,
          headers: text === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        },
        (res) => {
          let data = '';
          res.on('data', (c: Buffer) => (data += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data === '' ? {} : (JSON.parse(data) as Record<string, unknown>) }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(text);
    });
  }

  status(): Promise<Reply> {
    return this.request('GET', '/status');
  }
  get(key: string, timeoutMs = 1000): Promise<Reply> {
    return this.request('GET', `/kv/${key}?timeout_ms=${timeoutMs}`, undefined, timeoutMs + 1000);
  }
  put(key: string, value: unknown, timeoutMs = 1000): Promise<Reply> {
    return this.request('PUT', `/kv/${key}?timeout_ms=${timeoutMs}`, { value }, timeoutMs + 1000);
  }
  close(): void {
    this.agent.destroy();
  }
}

/** clientsFor opens one StoreClient per node, by name. */
export function clientsFor(nodes: readonly NodeInfo[]): Record<string, StoreClient> {
  return Object.fromEntries(nodes.map((n) => [n.name, new StoreClient(n)]));
}

/**
 * waitForLeader polls `/status` of `among` until exactly one of them is leader/primary and every
 * one of them names it as leader (in the same term); returns its name. Throws after `timeoutMs`.
 */
export async function waitForLeader(clients: Record<string, StoreClient>, among: readonly string[], timeoutMs = 30_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    const statuses = await Promise.all(among.map((n) => clients[n]!.status().then((r) => r.body, () => null)));
    const leaders = statuses.filter((s) => s !== null && (s['role'] === 'leader' || s['role'] === 'primary'));
    last = JSON.stringify(statuses);
    if (leaders.length === 1) {
      const name = leaders[0]!['id'] as string;
      const term = leaders[0]!['term'];
      if (statuses.every((s) => s !== null && s['leader'] === name && s['term'] === term)) return name;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no single agreed leader among ${among.join(',')}: ${last}`);
}
