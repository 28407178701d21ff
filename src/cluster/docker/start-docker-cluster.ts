/**
 * src/cluster/docker: the docker backend — a store's nodes as containers on one internal network
 * per run, via dockerode only. `startDockerCluster` (this file) resolves the image (resolve-image.ts,
 * build-offline-image.ts), picks a free subnet (pick-subnet.ts), creates the network and the
 * containers (NET_ADMIN, never SYS_TIME; fixed addresses; labelled with the run id, labels.ts), waits
 * for the spec's readiness probe (wait-ready.ts), finds which faults really work (detect-
 * capabilities.ts) and returns a DockerCluster (docker-cluster.ts), whose faults are rendered by
 * node-fault-script.ts. Teardown on every exit path: stop()/await using, the exit guard
 * (docker-exit-guard.ts), and `cleanDockerLeftovers` (clean-docker-leftovers.ts) for `faultline clean`.
 */
import type Dockerode from 'dockerode';
import type { NodeInfo } from '../../core/cluster.js';
import { FaultlineError } from '../../core/errors.js';
import { CLOCK_INTERPOSER_PATH, CLOCK_OFFSET_FILE } from './build-offline-image.js';
import { loadClusterSpec, type ClusterSpec } from './cluster-spec.js';
import { connectDocker } from './connect-docker.js';
import { DockerCluster, removeRunObjects } from './docker-cluster.js';
import { detectCapabilities } from './detect-capabilities.js';
import { guardCluster, releaseCluster, type Guarded } from './docker-exit-guard.js';
import { NODE_LABEL, RUN_LABEL, newDockerRunId, runLabels } from './labels.js';
import { freeSubnetIndexes, subnetFor, type RunSubnet } from './pick-subnet.js';
import { renderTemplate, templateVars, type NodeLayout } from './render-template.js';
import { resolveImage, type ImageSource } from './resolve-image.js';
import { waitReady, type ReadyTarget } from './wait-ready.js';

/** DockerClusterOptions: how to start a docker cluster. Times in ms. */
export interface DockerClusterOptions {
  /** Node count (default: the spec's nodes.default, else 3), within the spec's min..max. */
  nodes?: number;
  /** Where n1.log, ... are saved when the cluster stops (absent: logs are not kept). */
  logDir?: string;
  /** Aborting while the cluster starts removes what was created and rejects with `interrupted`. */
  signal?: AbortSignal;
  /** How long every node may take to pass the readiness probe (default: the probe's timeoutMs, else 30000). */
  readyTimeoutMs?: number;
  /** Which image to run (default auto: the offline recipe when this host can build it). */
  imageSource?: ImageSource;
  /** Progress lines for people (image built or pulled, network, ready). */
  onProgress?: (message: string) => void;
  /** An engine client to reuse (default: connectDocker()). */
  docker?: Dockerode;
}

const MAX_SUBNET_ATTEMPTS = 8;

/**
 * startDockerCluster starts `spec` (a ClusterSpec, a built-in spec name or a spec file path) and
 * resolves when every node passes the readiness probe. Throws FaultlineError: `input` for a bad spec,
 * `usage` for a bad node count, `environment` when Docker or the image is unavailable, `cluster` when
 * a node fails to start, `interrupted` on abort; on any failure everything created is removed first.
 */
export async function startDockerCluster(spec: ClusterSpec | string, options: DockerClusterOptions = {}): Promise<DockerCluster> {
  const s = typeof spec === 'string' ? loadClusterSpec(spec) : spec;
  const count = nodeCount(s, options.nodes);
  const docker = options.docker ?? (await connectDocker());
  const image = await resolveImage(docker, s, options.imageSource ?? 'auto', options.onProgress);
  const runId = newDockerRunId();
  const labels = runLabels(runId);
  // Until the cluster exists, an interrupt removes whatever carries this run's label.
  const pending: Guarded = { runId, stop: () => removeByRunLabel(docker, runId) };
  guardCluster(pending);
  const created: Dockerode.Container[] = [];
  let network: Dockerode.Network | undefined;
  const checkAbort = (): void => {
    if (options.signal?.aborted === true) throw new FaultlineError('interrupted', 'interrupted while starting the cluster');
  };
  try {
    const made = await createNetwork(docker, runId, labels);
    network = made.network;
    const subnet = made.subnet;
    options.onProgress?.(`network faultline-${runId} ${subnet.subnet}`);
    checkAbort();
    const layout: NodeLayout[] = Array.from({ length: count }, (_, i) => ({ name: `n${i + 1}`, ip: subnet.nodeIp(i) }));
    const networkName = `faultline-${runId}`;
    const containers = new Map<string, Dockerode.Container>();
    const readyTargets = new Map<string, ReadyTarget>();
    await Promise.all(
      layout.map(async (node, i) => {
        const vars = templateVars(layout, i, s.ports);
        const env = Object.entries(s.env ?? {}).map(([k, v]) => `${k}=${renderTemplate(v, vars, `env.${k}`)}`);
        if (image.clockInterposer) env.push(`LD_PRELOAD=${CLOCK_INTERPOSER_PATH}`, `FAULTLINE_CLOCK_FILE=${CLOCK_OFFSET_FILE}`);
        const c = await docker.createContainer({
          name: `faultline-${runId}-${node.name}`,
          Hostname: node.name,
          Image: image.ref,
          Cmd: s.command.map((part, j) => renderTemplate(part, vars, `command[${j}]`)),
          Env: env,
          Labels: { ...labels, [NODE_LABEL]: node.name },
          StopTimeout: 1,
          HostConfig: {
            CapAdd: ['NET_ADMIN'],
            NetworkMode: networkName,
            ...(image.binds.length > 0 ? { Binds: image.binds } : {}),
          },
          NetworkingConfig: { EndpointsConfig: { [networkName]: { IPAMConfig: { IPv4Address: node.ip } } } },
        });
        created.push(c);
        containers.set(node.name, c);
        readyTargets.set(node.name, {
          name: node.name,
          ip: node.ip,
          port: s.ports.client,
          container: c,
          ...(s.readiness.type === 'exec' ? { execCommand: s.readiness.command.map((p, j) => renderTemplate(p, vars, `readiness.command[${j}]`)) } : {}),
        });
        await c.start();
      }),
    );
    checkAbort();
    const readyTimeoutMs = options.readyTimeoutMs ?? s.readiness.timeoutMs ?? 30_000;
    const n1 = containers.get('n1')!;
    const [detected] = await Promise.all([
      detectCapabilities(docker, n1, s, image.clockInterposer),
      ...layout.map((n) => waitReady(docker, s.readiness, readyTargets.get(n.name)!, readyTimeoutMs, options.signal)),
    ]);
    const nodes: NodeInfo[] = layout.map((n) => ({ name: n.name, host: n.ip, port: s.ports.client }));
    const cluster = new DockerCluster({
      docker,
      runId,
      spec: s,
      nodes,
      containers,
      ips: new Map(layout.map((n) => [n.name, n.ip])),
      network,
      subnet: subnet.subnet,
      capabilities: detected.capabilities,
      unavailable: detected.unavailable,
      netem: detected.netem,
      readyTargets,
      readyTimeoutMs,
      ...(options.logDir === undefined ? {} : { logDir: options.logDir }),
    });
    releaseCluster(pending);
    guardCluster(cluster);
    options.onProgress?.(`${count} ${s.name} node${count === 1 ? '' : 's'} ready`);
    return cluster;
  } catch (err) {
    await removeRunObjects(docker, created, network).catch(() => removeByRunLabel(docker, runId));
    releaseCluster(pending);
    throw err;
  }
}

function nodeCount(spec: ClusterSpec, requested: number | undefined): number {
  const { min = 1, max = 15 } = spec.nodes ?? {};
  const n = requested ?? spec.nodes?.default ?? 3;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new FaultlineError('usage', `--nodes must be an integer from ${min} to ${max} for ${spec.name}, not ${n}`);
  }
  return n;
}

async function createNetwork(docker: Dockerode, runId: string, labels: Record<string, string>): Promise<{ network: Dockerode.Network; subnet: RunSubnet }> {
  const free = await freeSubnetIndexes(docker);
  let lastError: unknown;
  for (const third of free.slice(0, MAX_SUBNET_ATTEMPTS)) {
    const subnet = subnetFor(third);
    try {
      const network = await docker.createNetwork({
        Name: `faultline-${runId}`,
        Driver: 'bridge',
        Internal: true,
        CheckDuplicate: true,
        Labels: labels,
        IPAM: { Driver: 'default', Config: [{ Subnet: subnet.subnet, Gateway: subnet.gateway }] },
      });
      return { network, subnet };
    } catch (err) {
      lastError = err;
      if (!/overlap|pool/i.test((err as Error).message)) break; // only a concurrent run taking the subnet is worth retrying
    }
  }
  throw new FaultlineError('cluster', `cannot create the run network: ${(lastError as Error | undefined)?.message ?? 'no free 10.233.X.0/24 subnet'}`, { cause: lastError });
}

/** removeByRunLabel removes every container and network labelled with `runId`; never rejects. */
export async function removeByRunLabel(docker: Dockerode, runId: string): Promise<void> {
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
  const cs = await docker.listContainers({ all: true, filters }).catch(() => []);
  await Promise.allSettled(cs.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
  const ns = await docker.listNetworks({ filters }).catch(() => []);
  await Promise.allSettled(ns.map((n) => docker.getNetwork(n.Id).remove()));
}
