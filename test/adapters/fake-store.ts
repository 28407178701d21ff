// An in-memory stand-in for the built-in store's HTTP API (one node), with switchable misbehaviour.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeInfo } from '../../src/core/cluster.js';

export type Behaviour = 'normal' | 'not-leader' | 'gateway-timeout' | 'hang';

export interface FakeStore {
  node: NodeInfo;
  data: Map<string, unknown>;
  behaviour: Behaviour;
  leaderHint: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeStore(name: string): Promise<FakeStore> {
  const store: FakeStore = {
    node: { name, host: '127.0.0.1', port: 0 },
    data: new Map(),
    behaviour: 'normal',
    leaderHint: '',
    requests: [],
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      store.requests.push(`${req.method} ${req.url}`);
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (store.behaviour === 'hang') return;
      if (store.behaviour === 'gateway-timeout') return send(504, { error: 'timeout' });
      if (store.behaviour === 'not-leader') return send(503, { error: 'not-leader', leader: store.leaderHint });
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/status') return send(200, { id: name, role: 'leader', leader: name });
      const m = /^\/kv\/([^/]+)(\/(cas|add|incr|append))?$/.exec(url.pathname);
      if (!m) return send(404, { error: 'not-found' });
      const key = decodeURIComponent(m[1] as string);
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const cur = store.data.has(key) ? store.data.get(key) : null;
      switch (m[3]) {
        case undefined:
          if (req.method === 'GET') return send(200, { value: cur });
          store.data.set(key, body['value']);
          return send(200, { ok: true });
        case 'cas':
          if (JSON.stringify(cur) !== JSON.stringify(body['from'])) return send(409, { ok: false, error: 'compare-failed' });
          store.data.set(key, body['to']);
          return send(200, { ok: true });
        case 'add':
          store.data.set(key, [...((cur as unknown[]) ?? []), body['value']].sort());
          return send(200, { ok: true });
        case 'incr':
          store.data.set(key, ((cur as number) ?? 0) + (body['value'] as number));
          return send(200, { ok: true, value: store.data.get(key) });
        default:
          store.data.set(key, String(cur ?? '') + String(body['value']));
          return send(200, { ok: true });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  store.node.port = (server.address() as AddressInfo).port;
  store.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return store;
}
