// A remote Docker engine (issue 13 item 5): faultline reaches the engine only through
// DOCKER_HOST=tcp://127.0.0.1:PORT (a byte-for-byte TCP proxy to this machine's socket stands in
// for a remote engine), so the offline image must be self-contained: no container of the run may
// bind-mount a host path. etcd then starts, partitions and stops as on a local engine.
import net from 'node:net';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDockerCluster } from '../../src/cluster/docker/start-docker-cluster.js';
import { RUN_LABEL } from '../../src/cluster/docker/labels.js';

let proxy: net.Server;
let port = 0;
const saved = process.env['DOCKER_HOST'];

describe('remote engine (DOCKER_HOST=tcp://...)', () => {
  beforeAll(async () => {
    proxy = net.createServer((client) => {
      const engine = net.connect('/var/run/docker.sock');
      client.pipe(engine).pipe(client);
      client.on('error', () => engine.destroy());
      engine.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    port = (proxy.address() as net.AddressInfo).port;
    process.env['DOCKER_HOST'] = `tcp://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env['DOCKER_HOST'];
    else process.env['DOCKER_HOST'] = saved;
    await new Promise((r) => proxy.close(r));
  });

  it('etcd on a remote engine: a self-contained image, no host path bind-mounted, ready, partitioned, healed, removed', async () => {
    const progress: string[] = [];
    const cluster = await startDockerCluster('etcd', { nodes: 3, onProgress: (m) => progress.push(m) });
    const remote = new Dockerode({ host: '127.0.0.1', port, protocol: 'http' });
    try {
      const containers = await remote.listContainers({ filters: JSON.stringify({ label: [`${RUN_LABEL}=${cluster.runId}`] }) });
      expect(containers).toHaveLength(3);
      for (const c of containers) {
        expect(c.Image).toMatch(/^faultline-rootfs\/etcd:/);
        const info = await remote.getContainer(c.Id).inspect();
        expect(info.HostConfig.Binds ?? []).toEqual([]);
        expect(info.Mounts.filter((m) => m.Type === 'bind')).toEqual([]);
      }
      await cluster.partition({ n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] });
      const rules = await cluster.exec('n1', ['iptables', '-S', 'INPUT']);
      expect(rules.stdout).toMatch(/-j DROP/);
      await cluster.healNetwork();
      expect((await cluster.exec('n1', ['iptables', '-S', 'INPUT'])).stdout).not.toMatch(/-j DROP/);
    } finally {
      await cluster.stop();
    }
    expect(await remote.listContainers({ all: true, filters: JSON.stringify({ label: [`${RUN_LABEL}=${cluster.runId}`] }) })).toEqual([]);
  });
});
