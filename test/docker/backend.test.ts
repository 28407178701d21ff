// The backend's user-facing errors and the packet-loss fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { connectDocker, loadClusterSpec, startDockerCluster, type DockerCluster } from '../../src/cluster/docker/index.js';
import { docker, leftovers } from './helpers.js';

describe('docker backend errors', () => {
  it('a DOCKER_HOST where no engine answers is one clear environment error', async () => {
    const saved = process.env['DOCKER_HOST'];
    process.env['DOCKER_HOST'] = 'tcp://127.0.0.1:1';
    try {
      await expect(connectDocker()).rejects.toMatchObject({ code: 'environment', message: expect.stringContaining('tcp://127.0.0.1:1') });
    } finally {
      if (saved === undefined) delete process.env['DOCKER_HOST'];
      else process.env['DOCKER_HOST'] = saved;
    }
  });

  it('DOCKER_HOST=unix:// of the local socket is honoured', async () => {
    const saved = process.env['DOCKER_HOST'];
    process.env['DOCKER_HOST'] = 'unix:///var/run/docker.sock';
    try {
      const d = await connectDocker();
      expect((d.modem as unknown as { socketPath: string }).socketPath).toBe('/var/run/docker.sock');
    } finally {
      if (saved === undefined) delete process.env['DOCKER_HOST'];
      else process.env['DOCKER_HOST'] = saved;
    }
  });

  it('an image that cannot be pulled (no registry) says how to build it offline', async () => {
    const spec = { ...loadClusterSpec('etcd'), image: 'faultline-test/no-such-image:never' };
    const err = await startDockerCluster(spec, { imageSource: 'image', docker }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaultlineError);
    expect((err as FaultlineError).code).toBe('environment');
    expect((err as FaultlineError).message).toContain('cannot pull faultline-test/no-such-image:never');
    expect((err as FaultlineError).hint).toContain('faultline image build etcd');
  });

  it('a bad node count is a usage error; a spec file that is not a spec is an input error', async () => {
    await expect(startDockerCluster('redis', { nodes: 2, docker })).rejects.toMatchObject({ code: 'usage' });
    await expect(startDockerCluster('package.json', { docker })).rejects.toMatchObject({ code: 'input' });
  });

  it('a node that exits at once fails the start with a cluster error and leaves nothing', async () => {
    const spec = { ...loadClusterSpec('etcd'), command: ['sh', '-c', 'echo no-such-flag >&2; exit 3'] };
    const before = (await docker.listNetworks()).length;
    const err = await startDockerCluster(spec, { nodes: 1, docker, readyTimeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'cluster', message: expect.stringMatching(/n1 exited \(code 3\).*no-such-flag/) });
    expect((await docker.listNetworks()).length).toBe(before);
  });
});

describe('packet loss', () => {
  let cluster: DockerCluster;
  beforeAll(async () => {
    cluster = await startDockerCluster('etcd', { nodes: 3, docker });
  });
  afterAll(async () => {
    await cluster?.stop();
    if (cluster !== undefined) expect(await leftovers(cluster.runId)).toEqual({ containers: 0, networks: 0 });
  });

  it('drops packets into the target nodes only, alongside a partition; heal clears both', async () => {
    await cluster.partition({ n1: ['n2'] });
    await cluster.setPacketFaults({ lossProbability: 0.3 }, ['n3']);
    const rules = async (n: string): Promise<string> => (await cluster.exec(n, ['iptables', '-S', 'INPUT'])).stdout;
    // iptables stores the probability as a 32-bit fraction and prints 0.29999999981.
    expect(await rules('n3')).toMatch(new RegExp(`-A INPUT -s ${cluster.ipOf('n1')}/32 -m statistic --mode random --probability 0\\.(3|2999)`));
    expect(await rules('n1')).toContain(`-A INPUT -s ${cluster.ipOf('n2')}/32 -j DROP`);
    expect(await rules('n1')).not.toContain('statistic');
    expect(await rules('n2')).not.toContain('DROP');
    await expect(cluster.setPacketFaults({ delayMs: 50 })).rejects.toThrow(/packet-delay.*not available.*netem/);
    // A killed and restarted node gets the current network state again.
    await cluster.kill('n1');
    await cluster.restart('n1');
    expect(await rules('n1')).toContain(`-A INPUT -s ${cluster.ipOf('n2')}/32 -j DROP`);
    await cluster.healNetwork();
    for (const n of ['n1', 'n2', 'n3']) expect(await rules(n)).not.toContain('DROP');
  });
});
