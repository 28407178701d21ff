// No port races: clusters started at the same time, in one process or in several faultline
// processes, while another program grabs every loopback port that is free for a moment (the port
// hog), start, restart a killed node and stop without EADDRINUSE. Before port reservations, the
// nodes' ports were probed, released and bound again later, and the hog (or the other clusters'
// routers) took some of them in between. Needs the compiled store (npm run build).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCluster } from '../../src/cluster/local/start-local-cluster.js';
import { httpJson, isolateRegistry, tempDir } from './cluster-helpers.js';

const registry = isolateRegistry();
const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '../../bin/run.js');
const HOG = path.join(here, 'fixtures', 'port-hog.mjs');

const HOG_OPTIONS = { reject: false, buffer: false } as const;
let hog: ResultPromise<typeof HOG_OPTIONS> | undefined;
beforeAll(async () => {
  hog = execa(process.execPath, [HOG, '3000'], HOG_OPTIONS);
  await new Promise<void>((resolve, reject) => {
    hog!.stdout!.on('data', (c: Buffer) => {
      if (c.toString().includes('HOGGING')) resolve();
    });
    void hog!.then((r) => reject(new Error(`port hog exited: ${String(r.exitCode)}`)));
  });
}, 60_000);
afterAll(async () => {
  hog?.kill('SIGKILL');
  await hog;
});

/** One cluster's life: start 5 raft nodes, kill and restart n1 (same ports), check n1 answers, stop. */
async function clusterLife(label: string): Promise<void> {
  const cluster = await startLocalCluster({ nodes: 5, mode: 'raft', logDir: tempDir(`faultline-race-${label}-`), readyTimeoutMs: 60_000 });
  try {
    await cluster.kill('n1');
    await cluster.restart('n1');
    const n1 = cluster.nodes[0]!;
    expect((await httpJson(`http://${n1.host}:${n1.port}/status`, { timeoutMs: 10_000 })).body).toMatchObject({ id: 'n1' });
  } finally {
    await cluster.stop();
  }
}

describe('no port races', () => {
  it('4 clusters at once, 3 rounds, each with a restart, beside a port hog: no failure', async () => {
    const failures: string[] = [];
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled([0, 1, 2, 3].map((i) => clusterLife(`${round}-${i}`)));
      for (const r of results) if (r.status === 'rejected') failures.push(String((r.reason as Error).message));
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('3 faultline processes start clusters at the same time: distinct ports, all start and stop', async () => {
    const ups = [0, 1, 2].map(() =>
      execa(process.execPath, [BIN, 'cluster', 'up', '--nodes', '5', '--mode', 'lww', '--log-dir', tempDir('faultline-race-up-')], {
        env: { FAULTLINE_REGISTRY_DIR: registry },
        reject: false,
        all: true,
      }),
    );
    const outputs = await Promise.all(
      ups.map(
        (up) =>
          new Promise<string>((resolve, reject) => {
            let out = '';
            up.all.on('data', (c: Buffer) => {
              out += c.toString();
              if (out.includes('running;')) resolve(out);
            });
            void up.then((r) => reject(new Error(`cluster up exited (${String(r.exitCode)}): ${r.all}`)));
          }),
      ),
    );
    const urls = outputs.flatMap((out) => [...out.matchAll(/^\s+n\d\s+(http:\/\/127\.0\.0\.1:\d+)$/gm)].map((m) => m[1]!));
    expect(urls).toHaveLength(15);
    expect(new Set(urls).size).toBe(15);
    for (const url of urls) expect((await httpJson(`${url}/status`, { timeoutMs: 10_000 })).status).toBe(200);
    for (const up of ups) up.kill('SIGINT');
    for (const up of ups) expect((await up).exitCode).toBe(0);
  }, 120_000);
});
