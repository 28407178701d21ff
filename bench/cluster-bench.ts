/**
 * cluster-bench: the local backend's targets (issue 3), medians of 3 runs.
 *   node dist/bench/cluster-bench.js [--runs 3] [--seconds 5] [--clients 10]
 * - 5 raft nodes: start → all READY, and stop() (teardown) time;
 * - raft throughput: `--clients` concurrent HTTP clients (keep-alive) doing register ops (50% put,
 *   50% get, 10 keys) on the leader for `--seconds`: ok ops/s, p50 and p99 latency;
 * - partition / heal effect latency on every link of a 5-node router: messages are pumped on all 20
 *   directed links; partition latency = last arrival on any link after the call, heal latency =
 *   first arrival on the slowest link after the call; plus, in the live raft cluster, how many
 *   messages still crossed a cut link after partition() returned.
 * Needs the compiled store (npm run build).
 */
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { startLocalCluster } from '../src/cluster/local/start-local-cluster.js';
import type { LocalCluster } from '../src/cluster/local/local-cluster.js';
import { MessageRouter } from '../src/net/message-router.js';
import { LineSplitter } from '../src/net/line-splitter.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 3);
const SECONDS = arg('seconds', 5);
const CLIENTS = arg('clients', 10);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

interface Reply {
  status: number;
  body: Record<string, unknown>;
}
function call(agent: http.Agent, port: number, method: string, p: string, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, method, path: p, agent, headers: text === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
      (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data === '' ? {} : (JSON.parse(data) as Record<string, unknown>) }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

async function waitLeader(c: LocalCluster, agent: http.Agent): Promise<string> {
  for (;;) {
    for (const n of c.nodes) {
      const s = await call(agent, n.port, 'GET', '/status').catch(() => null);
      if (s?.body['role'] === 'leader') return n.name;
    }
    await sleep(20);
  }
}

async function throughput(c: LocalCluster): Promise<{ opsPerS: number; p50: number; p99: number; failed: number }> {
  const port = new Map(c.nodes.map((n) => [n.name, n.port]));
  const probe = new http.Agent({ keepAlive: true });
  let leader = await waitLeader(c, probe);
  probe.destroy();
  const latencies: number[] = [];
  let failed = 0;
  const end = performance.now() + SECONDS * 1000;
  const worker = async (id: number): Promise<void> => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let i = 0;
    while (performance.now() < end) {
      const key = `r${(id + i) % 10}`;
      const write = i++ % 2 === 0;
      const t0 = performance.now();
      const r = await (write
        ? call(agent, port.get(leader)!, 'PUT', `/kv/${key}`, { value: id * 1_000_000 + i })
        : call(agent, port.get(leader)!, 'GET', `/kv/${key}`)
      ).catch(() => null);
      if (r?.status === 200) latencies.push(performance.now() - t0);
      else {
        failed++;
        const hint = r?.body['leader'];
        if (typeof hint === 'string' && port.has(hint)) leader = hint;
      }
    }
    agent.destroy();
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => worker(i)));
  const elapsedS = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { opsPerS: latencies.length / elapsedS, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), failed };
}

// In the live cluster: messages that still crossed a cut link after partition() returned (want 0).
async function liveLeak(c: LocalCluster): Promise<{ leaked: number; callMs: number }> {
  const names = c.nodes.map((n) => n.name);
  const grudge = Object.fromEntries(names.map((n) => [n, names.filter((m) => m !== n)]));
  const t0 = performance.now();
  await c.partition(grudge);
  const callMs = performance.now() - t0;
  const before = names.flatMap((f) => names.filter((t) => t !== f).map((t) => c.network.stats(f, t).delivered));
  await sleep(100);
  const after = names.flatMap((f) => names.filter((t) => t !== f).map((t) => c.network.stats(f, t).delivered));
  await c.healNetwork();
  return { leaked: after.reduce((s, a, i) => s + a - before[i]!, 0), callMs };
}

// A 5-node router over TCP sinks, with messages pumped on all 20 links.
async function routerEffect(): Promise<{ partitionMs: number; healMs: number }> {
  const names = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const arrivals = new Map<string, number[]>();
  const servers: net.Server[] = [];
  const sockets: net.Socket[] = [];
  const ports: number[] = [];
  for (const to of names) {
    const server = net.createServer((s) => {
      sockets.push(s);
      const split = new LineSplitter();
      s.on('data', (chunk: Buffer) => {
        const at = performance.now();
        for (const line of split.push(chunk)) {
          const link = `${line.toString().split(' ')[0]}>${to}`;
          (arrivals.get(link) ?? arrivals.set(link, []).get(link)!).push(at);
        }
      });
      s.on('error', () => {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    ports.push((server.address() as net.AddressInfo).port);
  }
  const router = await MessageRouter.start({ nodes: names.map((name, i) => ({ name, peerPort: ports[i]! })) });
  const senders: { from: string; socket: net.Socket }[] = [];
  for (const from of names) {
    for (const to of names) {
      if (from === to) continue;
      const socket = net.connect({ host: '127.0.0.1', port: router.linkPort(from, to) });
      socket.on('error', () => {});
      await new Promise((r) => socket.once('connect', r));
      senders.push({ from, socket });
    }
  }
  let pumping = true;
  const pump = (async () => {
    while (pumping) {
      for (const s of senders) s.socket.write(`${s.from} ${performance.now()}\n`);
      await new Promise((r) => setImmediate(r));
    }
  })();
  await sleep(200);
  const cutAt = performance.now();
  router.partition(Object.fromEntries(names.map((n) => [n, names.filter((m) => m !== n)])));
  await sleep(200);
  const lastArrival = Math.max(...[...arrivals.values()].flat());
  const healAt = performance.now();
  router.heal();
  await sleep(200);
  const firstAfterHeal = [...arrivals.values()].map((xs) => xs.find((x) => x >= healAt) ?? Infinity);
  pumping = false;
  await pump;
  for (const s of senders) s.socket.destroy();
  for (const s of sockets) s.destroy();
  await router.close();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return { partitionMs: Math.max(0, lastArrival - cutAt), healMs: Math.max(...firstAfterHeal) - healAt };
}

async function main(): Promise<void> {
  const rows: Record<string, number[]> = {};
  const add = (k: string, v: number): void => void (rows[k] ??= []).push(v);
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-bench-logs-'));
  for (let run = 1; run <= RUNS; run++) {
    const t0 = performance.now();
    const c = await startLocalCluster({ nodes: 5, mode: 'raft', logDir });
    add('5-node start → ready (ms)', performance.now() - t0);
    try {
      const t = await throughput(c);
      add('raft ok ops/s (10 clients)', t.opsPerS);
      add('raft p50 latency (ms)', t.p50);
      add('raft p99 latency (ms)', t.p99);
      add('raft non-ok replies', t.failed);
      const leak = await liveLeak(c);
      add('live partition() call (ms)', leak.callMs);
      add('live msgs crossing cut links after call', leak.leaked);
    } finally {
      const t1 = performance.now();
      await c.stop();
      add('teardown (ms)', performance.now() - t1);
    }
    const e = await routerEffect();
    add('router partition effect, 20 links (ms)', e.partitionMs);
    add('router heal effect, 20 links (ms)', e.healMs);
    process.stderr.write(`run ${run}/${RUNS} done\n`);
  }
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  console.log(`cluster-bench: ${RUNS} runs, ${SECONDS} s load, ${CLIENTS} clients, node ${process.version}, ${os.cpus().length} cpus`);
  console.log(`${'metric'.padEnd(width)}  ${'median'.padStart(9)}  runs`);
  for (const [k, v] of Object.entries(rows)) {
    console.log(`${k.padEnd(width)}  ${median(v).toFixed(1).padStart(9)}  ${v.map((x) => x.toFixed(1)).join(' / ')}`);
  }
  fs.rmSync(logDir, { recursive: true, force: true });
}

await main();
