// The built-in store in containers (raft mode, the package's dist/ bind-mounted): it elects a
// leader, serves the built-in adapter, keeps the majority writing under a partition, and the clock
// interposer skews Node's Date.now() in one container only.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDockerCluster, type DockerCluster } from '../../src/cluster/docker/index.js';
import { builtinStoreAdapter } from '../../src/adapters/builtin-store-adapter.js';
import { packageRoot } from '../../src/cluster/docker/package-root.js';
import { leftovers, op, until } from './helpers.js';

const built = fs.existsSync(path.join(packageRoot(), 'dist', 'src', 'store', 'main.js'));
let cluster: DockerCluster;
const adapter = builtinStoreAdapter();

describe.runIf(built)('built-in store in docker', () => {
  beforeAll(async () => {
    cluster = await startDockerCluster('builtin', { nodes: 3 });
  });
  afterAll(async () => {
    await adapter.close?.();
    await cluster?.stop();
    if (cluster !== undefined) expect(await leftovers(cluster.runId)).toEqual({ containers: 0, networks: 0 });
  });

  it('serves writes through the leader and keeps the majority writing when a follower is cut off', async () => {
    const leader = await adapter.findLeader!(cluster.nodes);
    expect(leader).toMatch(/^n[123]$/);
    const onLeader = await adapter.open(cluster.nodes.find((n) => n.name === leader)!, { nodes: cluster.nodes, timeoutMs: 10_000 });
    expect(await op(onLeader, { f: 'write', key: 'x', value: 1 }, 10_000)).toMatchObject({ type: 'ok' });
    const follower = cluster.nodes.find((n) => n.name !== leader)!.name;
    const others = cluster.nodes.map((n) => n.name).filter((n) => n !== follower);
    await cluster.partition({ [follower]: others, ...Object.fromEntries(others.map((o) => [o, [follower]])) });
    expect(await until(async () => (await op(onLeader, { f: 'write', key: 'x', value: 2 }, 10_000)).type === 'ok', 60_000)).toBe(true);
    await cluster.healNetwork();
  });

  it('a clock offset shifts Date.now() in that container only', async () => {
    expect(cluster.capabilities.has('clock')).toBe(true);
    await cluster.setClockOffset('n2', -60_000);
    const skew = async (node: string): Promise<number> =>
      Number((await cluster.exec(node, ['node', '-e', `console.log(Date.now() - ${Date.now()})`])).stdout.trim());
    expect(await until(async () => (await skew('n2')) < -55_000, 30_000, 150)).toBe(true);
    expect(Math.abs(await skew('n1'))).toBeLessThan(30_000); // the exec's own latency, far from 60 s
    await cluster.setClockOffset('n2', 0);
  });
});
