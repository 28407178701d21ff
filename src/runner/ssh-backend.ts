/**
 * sshBackend: a store on real machines reached over SSH (src/cluster/ssh), as a Backend; see docs/ssh.md.
 */
import type { Capability } from '../core/cluster.js';
import { type Inventory, type SshSpec, connectAll, startSshCluster } from '../cluster/ssh/index.js';
import type { PartitionKind } from '../../nemeses/grudge.js';
import { checkNemesesOn } from './docker-backend.js';
import type { Backend } from './run-options.js';

const ALL_CAPABILITIES: readonly Capability[] = ['partition', 'kill', 'pause', 'clock', 'packet-loss', 'packet-delay', 'packet-duplicate'];

/** SshBackend is a Backend that also says, for each fault the spec does not offer, why. */
export interface SshBackend extends Backend {
  readonly unavailable: ReadonlyMap<Capability, string>;
}

/** SshBackendOptions: the spec, the machines, and the faults the run will need. */
export interface SshBackendOptions {
  spec: SshSpec;
  inventory: Inventory;
  nemesis: readonly string[];
  partitionKinds: readonly PartitionKind[];
  onProgress?: (message: string) => void;
}

/**
 * sshBackend starts `spec` on the inventory's machines. `capabilities` are the spec's declared
 * faults; after start the needed ones are checked against what every machine really offers (a
 * missing one stops the cluster, restoring the machines, and throws a usage FaultlineError).
 */
export function sshBackend(options: SshBackendOptions): SshBackend {
  const { spec } = options;
  const capabilities = new Set<Capability>(spec.faults);
  const unavailable = new Map<Capability, string>();
  for (const c of ALL_CAPABILITIES) if (!capabilities.has(c)) unavailable.set(c, spec.unsupported?.[c] ?? `the ${spec.name} SSH spec does not list it`);
  return {
    name: 'ssh',
    capabilities,
    unavailable,
    start: async ({ logDir, signal }) => {
      const cluster = await startSshCluster(spec, options.inventory, { logDir, signal, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) });
      try {
        checkNemesesOn({ name: 'ssh', capabilities: cluster.capabilities, unavailable: cluster.unavailable }, spec.name, options.nemesis, options.partitionKinds);
      } catch (err) {
        await cluster.stop();
        throw err;
      }
      return cluster;
    },
  };
}

/**
 * preflightSsh connects to every machine (host keys checked) and disconnects: a machine that
 * refuses SSH, presents an unknown host key or rejects the key fails here, with one `cluster`
 * FaultlineError naming it, before anything is changed anywhere.
 */
export async function preflightSsh(inventory: Inventory): Promise<void> {
  const conns = await connectAll(inventory);
  for (const c of conns) c.close();
}
