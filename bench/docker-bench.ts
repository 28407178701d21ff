/**
 * docker-bench: the docker backend's targets (issue 5), medians over `--runs` (default 3).
 *   node dist/bench/docker-bench.js [--runs 3] [--partitions 10]
 * - 3-node etcd from create to healthy (startDockerCluster: network, containers, readiness, fault
 *   probe; the offline image is built once before timing) — target 4 s;
 * - teardown (stop(): containers and network removed) — target 1 s;
 * - a partition applied on all nodes (partition() resolves after every node's one exec finished)
 *   and the heal — target 150 ms.
 * Needs a Docker engine and the host packages (.ci/docker-setup.sh).
 */
import { buildBuiltinImages } from '../src/cluster/docker/build-builtin-images.js';
import { connectDocker } from '../src/cluster/docker/connect-docker.js';
import { startDockerCluster } from '../src/cluster/docker/start-docker-cluster.js';
import { fmtMs, median, printTable } from './table.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 3);
const PARTITIONS = arg('partitions', 10);

async function main(): Promise<void> {
  const docker = await connectDocker();
  const [built] = await buildBuiltinImages(['etcd'], { docker });
  console.log(`image ${built!.result.tag} (${built!.result.built ? `built in ${fmtMs(built!.result.elapsedMs)} ms` : 'cached'})`);
  const startMs: number[] = [];
  const stopMs: number[] = [];
  const partitionMs: number[] = [];
  const healMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const cluster = await startDockerCluster('etcd', { nodes: 3, docker });
    startMs.push(performance.now() - t0);
    try {
      for (let i = 0; i < PARTITIONS; i++) {
        const victim = cluster.nodes[i % 3]!.name;
        const others = cluster.nodes.map((n) => n.name).filter((n) => n !== victim);
        const t1 = performance.now();
        await cluster.partition({ [victim]: others, ...Object.fromEntries(others.map((o) => [o, [victim]])) });
        partitionMs.push(performance.now() - t1);
        const t2 = performance.now();
        await cluster.healNetwork();
        healMs.push(performance.now() - t2);
      }
    } finally {
      const t3 = performance.now();
      await cluster.stop();
      stopMs.push(performance.now() - t3);
    }
  }
  const row = (what: string, xs: number[], target: string): (string | number)[] => [what, fmtMs(median(xs)), fmtMs(Math.min(...xs)), fmtMs(Math.max(...xs)), xs.length, target];
  printTable(
    ['docker (3-node etcd)', 'median ms', 'min ms', 'max ms', 'n', 'target'],
    [
      row('create → healthy', startMs, '4000'),
      row('teardown', stopMs, '1000'),
      row('partition on all nodes', partitionMs, '150'),
      row('heal on all nodes', healMs, '150'),
    ],
  );
}

await main();
