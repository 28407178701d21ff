/**
 * Cluster contract: what a backend (local processes, Docker) offers the runner and the nemeses.
 *
 * Faults are methods on a started cluster; each belongs to a capability, and a backend lists only
 * the capabilities it can really inject (a fault that would do nothing is never offered).
 */

/** Capability names one kind of fault a backend can inject. */
export type Capability =
  | 'partition'
  | 'kill'
  | 'pause'
  | 'clock'
  | 'packet-loss'
  | 'packet-delay'
  | 'packet-duplicate';

/** NodeInfo is one node as clients see it: a name (n1..nN) and where its client API listens. */
export interface NodeInfo {
  name: string;
  host: string;
  port: number;
}

/**
 * Grudge maps a node to the nodes it cannot hear from (traffic from them to it is dropped).
 * Nodes absent from the map hear everyone. A grudge is data; nemeses compute it purely.
 */
export type Grudge = Record<string, string[]>;

/** PacketFaults applies to traffic between nodes; probabilities in [0,1], times in ms. */
export interface PacketFaults {
  lossProbability?: number;
  delayMs?: number;
  jitterMs?: number;
  duplicateProbability?: number;
}

/** StartedCluster is a running cluster. `stop` is idempotent and always safe to call. */
export interface StartedCluster extends AsyncDisposable {
  readonly nodes: readonly NodeInfo[];
  readonly capabilities: ReadonlySet<Capability>;
  /** Replace the current partition by `grudge` (an empty grudge heals). */
  partition(grudge: Grudge): Promise<void>;
  /** Remove every network fault: partitions and packet faults. */
  healNetwork(): Promise<void>;
  kill(node: string): Promise<void>;
  /** Start a killed node again (its data survives where the store persists it). */
  restart(node: string): Promise<void>;
  pause(node: string): Promise<void>;
  resume(node: string): Promise<void>;
  /** Set a node's clock offset in ms relative to real time (0 resets). */
  setClockOffset(node: string, offsetMs: number): Promise<void>;
  /** Apply packet faults to traffic between nodes (all links, or the links into `nodes`). */
  setPacketFaults(faults: PacketFaults, nodes?: readonly string[]): Promise<void>;
  /** Where node logs are (a directory), if the backend keeps them. */
  readonly logDir?: string;
  stop(): Promise<void>;
}
