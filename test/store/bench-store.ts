/**
 * bench-store: throughput and latency of the built-in store with no faults. Starts a cluster
 * (compiled: run `npx tsc -p tsconfig.build.json` first), runs `--clients` concurrent keep-alive
 * HTTP clients against the leader for `--seconds`, each doing a 50/50 read/write mix on 10 keys, and
 * prints ops/s and p50/p99 latency. Usage: `npx tsx test/store/bench-store.ts [mode] [nodes] [clients] [seconds]`.
 */
import http from 'node:http';
import { call, startStoreCluster, waitFor } from './store-cluster.js';

const [mode = 'raft', nodesArg = '5', clientsArg = '10', secondsArg = '10'] = process.argv.slice(2);
const cluster = await startStoreCluster(mode, Number(nodesArg), { compiled: true });
try {
  const leaderPort = await waitFor(async () => {
    for (const n of cluster.nodes) {
      const s = await call(n.clientPort, 'GET', '/status');
      if (s.body['role'] === 'leader' || s.body['role'] === 'primary' || s.body['role'] === 'peer') return n.clientPort;
    }
    return undefined;
  }, 10_000, 'a leader');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const request = (method: string, p: string, body?: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: leaderPort, method, path: p, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const end = performance.now() + Number(secondsArg) * 1000;
  let i = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const key = `k${i++ % 10}`;
      const t0 = performance.now();
      const status = i % 2 === 0
        ? await request('GET', `/kv/${key}`)
        : await request('PUT', `/kv/${key}`, JSON.stringify({ value: i }));
      latencies.push(performance.now() - t0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Number(clientsArg) }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number): string => (latencies[Math.floor(p * (latencies.length - 1))] ?? 0).toFixed(2);
  console.log(JSON.stringify({
    mode, nodes: Number(nodesArg), clients: Number(clientsArg), ops: latencies.length,
    opsPerSec: Math.round(latencies.length / elapsed), p50ms: q(0.5), p99ms: q(0.99), statuses: Object.fromEntries(statuses),
  }));
  agent.destroy();
} finally {
  await cluster.stop();
}
