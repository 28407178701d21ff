/**
 * dockerBackend: a cluster spec's nodes as Docker containers (src/cluster/docker), as a Backend.
 */
import type Dockerode from 'dockerode';
import type { Capability } from '../core/cluster.js';
import { FaultlineError } from '../core/errors.js';
import { type ClusterSpec, type DockerCluster, connectDocker, startDockerCluster } from '../cluster/docker/index.js';
import type { PartitionKind } from '../../nemeses/grudge.js';
import { missingCapability } from '../../nemeses/nemesis.js';
import { resolveNemeses } from '../../nemeses/registry.js';
import type { Backend } from './run-options.js';

/** DOCKER_SETUP_HINT is what a user without a Docker engine should run. */
export const DOCKER_SETUP_HINT = 'run `sudo bash .ci/docker-setup.sh` to install and start a Docker engine, or set DOCKER_HOST';

const ALL_CAPABILITIES: readonly Capability[] = ['partition', 'kill', 'pause', 'clock', 'packet-loss', 'packet-delay', 'packet-duplicate'];

/** DockerBackend is a Backend that also says, for each fault it does not offer, why. */
export interface DockerBackend extends Backend {
  /** The faults the spec does not offer, each with the spec's reason (known before start). */
  readonly unavailable: ReadonlyMap<Capability, string>;
}

/** DockerBackendOptions: the spec to start, the node count, and the faults the run will need. */
export interface DockerBackendOptions {
  spec: ClusterSpec;
  nodes: number;
  /** `--nemesis` names and partition kinds: checked again against what the started cluster really offers. */
  nemesis: readonly string[];
  partitionKinds: readonly PartitionKind[];
  /** A connected engine client (see connectDockerEngine); absent: connected on start. */
  docker?: Dockerode;
  onProgress?: (message: string) => void;
}

/**
 * dockerBackend starts `spec` with `nodes` containers. `capabilities` are the spec's declared faults
 * (the machine may offer fewer: after start the needed ones are checked against the cluster's
 * detected capabilities, and a missing one stops the cluster and throws a usage FaultlineError with
 * the cluster's reason).
 */
export function dockerBackend(options: DockerBackendOptions): DockerBackend {
  const { spec } = options;
  const capabilities = new Set<Capability>(spec.faults);
  const unavailable = new Map<Capability, string>();
  for (const c of ALL_CAPABILITIES) {
    if (!capabilities.has(c)) unavailable.set(c, spec.unsupported?.[c] ?? `the ${spec.name} spec does not list it`);
  }
  return {
    name: 'docker',
    capabilities,
    unavailable,
    start: async ({ logDir, signal }) => {
      const docker = options.docker ?? (await connectDockerEngine());
      const cluster: DockerCluster = await startDockerCluster(spec, {
        nodes: options.nodes,
        logDir,
        signal,
        docker,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
      try {
        checkNemesesOn(
          { name: 'docker', capabilities: cluster.capabilities, unavailable: cluster.unavailable },
          spec.name,
          options.nemesis,
          options.partitionKinds,
        );
      } catch (err) {
        await cluster.stop();
        throw err;
      }
      return cluster;
    },
  };
}

/**
 * checkNemesesOn throws a usage FaultlineError when a nemesis in `names` needs a capability
 * `backend` lacks; the message names the store (`storeName`), the fault and the backend's reason for
 * each missing capability. Unknown names are reported as resolveNemeses does. Pure.
 */
export function checkNemesesOn(
  backend: Pick<DockerBackend, 'name' | 'capabilities' | 'unavailable'>,
  storeName: string,
  names: readonly string[],
  partitionKinds: readonly PartitionKind[],
): void {
  // Build with every capability so only our own check (which knows the reasons) can reject.
  const nemeses = resolveNemeses(names, { partitionKinds }, new Set(ALL_CAPABILITIES), backend.name);
  for (const nemesis of nemeses) {
    if (missingCapability(nemesis, backend.capabilities) === null) continue;
    const reasons = nemesis.requires
      .filter((c) => !backend.capabilities.has(c))
      .map((c) => `${c}: ${backend.unavailable.get(c) ?? 'not offered by this cluster'}`);
    const offered = [...backend.capabilities].sort().join(', ') || 'no faults';
    throw new FaultlineError('usage', `the ${backend.name} backend cannot inject "${nemesis.name}" faults on ${storeName} (${reasons.join('; ')})`, {
      hint: `${storeName} here supports: ${offered}; choose others with --nemesis`,
    });
  }
}

/** connectDockerEngine connects to the engine; no engine is an `environment` FaultlineError (exit 5) with the set-up hint. */
export async function connectDockerEngine(): Promise<Dockerode> {
  try {
    return await connectDocker();
  } catch (err) {
    if (err instanceof FaultlineError && err.code === 'environment') {
      throw new FaultlineError('environment', err.message.replaceAll('\n', ' '), { hint: DOCKER_SETUP_HINT, cause: err });
    }
    throw err;
  }
}
