// Issue 13's SSH targets, measured on containers that play machines (test/docker/ssh-machines.ts;
// needs the Docker engine and openssh-server, etcd-server, iptables on the host):
// 5-node etcd install check + start → ready, a partition applied on all nodes, heal, teardown.
// Run: npx tsx bench/ssh-targets.ts [rounds=3]
import { loadInventory } from '../src/cluster/ssh/inventory.js';
import { loadSshSpec } from '../src/cluster/ssh/ssh-spec.js';
import { startSshCluster } from '../src/cluster/ssh/start-ssh-cluster.js';
import { startSshMachines } from '../test/docker/ssh-machines.js';

const rounds = Number(process.argv[2] ?? 3);
const machines = await startSshMachines(5);
const rows: Record<string, number[]> = { 'start→ready': [], partition: [], heal: [], teardown: [] };
const time = async (name: string, fn: () => Promise<unknown>): Promise<void> => {
  const t = performance.now();
  await fn();
  rows[name]!.push(performance.now() - t);
};
try {
  const inventory = loadInventory(machines.writeInventory('nodes.json'));
  for (let i = 0; i < rounds; i++) {
    let cluster: Awaited<ReturnType<typeof startSshCluster>> | undefined;
    await time('start→ready', async () => (cluster = await startSshCluster(loadSshSpec('etcd'), inventory)));
    await time('partition', () => cluster!.partition({ n1: ['n4', 'n5'], n2: ['n4', 'n5'], n3: ['n4', 'n5'], n4: ['n1', 'n2', 'n3'], n5: ['n1', 'n2', 'n3'] }));
    await time('heal', () => cluster!.healNetwork());
    await time('teardown', () => cluster!.stop());
  }
} finally {
  await machines.remove();
}
for (const [name, ms] of Object.entries(rows)) {
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(`${name.padEnd(12)} median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms  (${ms.map((m) => m.toFixed(0)).join(', ')})`);
}
