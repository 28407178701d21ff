/**
 * LocalCluster is a running cluster of built-in store nodes on loopback (the StartedCluster of the
 * local backend). Faults: partitions and packet faults through its MessageRouter, kill/restart
 * (SIGKILL, then the same command line, ports and data dir), pause/resume (SIGSTOP/SIGCONT), clock
 * offsets through each node's `POST /control/clock`. Its run record in the run registry is kept
 * current by the nodes (pids change on restart) and removed on stop.
 */
import type { Capability, Grudge, NodeInfo, PacketFaults, StartedCluster } from '../../core/cluster.js';
import { FaultlineError } from '../../core/errors.js';
import type { MessageRouter } from '../../net/message-router.js';
import type { NodeProcess } from './node-process.js';
import type { PortReservations } from './port-reservations.js';
import { removeRun, type RunRecord } from './run-registry.js';

/** LOCAL_CAPABILITIES: every fault the local backend can inject. */
export const LOCAL_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'partition',
  'kill',
  'pause',
  'clock',
  'packet-loss',
  'packet-delay',
  'packet-duplicate',
]);

const CONTROL_TIMEOUT_MS = 2000;

/** LocalClusterParts are what startLocalCluster assembled; the cluster owns them from then on. */
export interface LocalClusterParts {
  nodes: readonly NodeInfo[];
  processes: ReadonlyMap<string, NodeProcess>;
  router: MessageRouter;
  /** The nodes' ports, held until stop() so a restarted node finds its ports free (port-reservations.ts). */
  ports: PortReservations;
  record: RunRecord;
  logDir: string;
  readyTimeoutMs: number;
}

export class LocalCluster implements StartedCluster {
  readonly nodes: readonly NodeInfo[];
  readonly capabilities = LOCAL_CAPABILITIES;
  readonly logDir: string;
  /** runId names this run in the registry (`<tmpdir>/faultline/<runId>`). */
  readonly runId: string;
  private readonly processes: ReadonlyMap<string, NodeProcess>;
  private readonly router: MessageRouter;
  private readonly ports: PortReservations;
  private readonly record: RunRecord;
  private readonly readyTimeoutMs: number;
  /** Clock offsets as set, re-applied when a node restarts or resumes (a skewed clock stays skewed). */
  private readonly clockOffsets = new Map<string, number>();
  private stopping: Promise<void> | undefined;

  constructor(parts: LocalClusterParts) {
    this.nodes = parts.nodes;
    this.processes = parts.processes;
    this.router = parts.router;
    this.ports = parts.ports;
    this.record = parts.record;
    this.logDir = parts.logDir;
    this.readyTimeoutMs = parts.readyTimeoutMs;
    this.runId = parts.record.runId;
  }

  /** pidOf is the OS pid of a live (running or paused) node, undefined when it is down. */
  pidOf(node: string): number | undefined {
    return this.process(node).pid;
  }

  /** stateOf is what a node is doing: down, running or paused. */
  stateOf(node: string): NodeProcess['state'] {
    return this.process(node).state;
  }

  /** router exposes the network layer (link statistics, per-link ports) for tests and benches. */
  get network(): MessageRouter {
    return this.router;
  }

  async partition(grudge: Grudge): Promise<void> {
    this.live();
    this.router.partition(grudge);
  }

  async healNetwork(): Promise<void> {
    this.router.heal();
  }

  async setPacketFaults(faults: PacketFaults, nodes?: readonly string[]): Promise<void> {
    this.live();
    this.router.setPacketFaults(faults, nodes);
  }

  /** kill SIGKILLs a node and waits until it is gone; no-op if it is already down. */
  async kill(node: string): Promise<void> {
    this.live();
    await this.process(node).kill();
  }

  /** restart starts a down node again with the same ports and data dir; no-op if it is up. */
  async restart(node: string): Promise<void> {
    this.live();
    const proc = this.process(node);
    if (proc.state !== 'down') return;
    await proc.start(this.readyTimeoutMs);
    const offset = this.clockOffsets.get(node);
    if (offset !== undefined && offset !== 0) await this.postClock(node, offset);
  }

  /** pause SIGSTOPs a running node; no-op if it is down or paused. */
  async pause(node: string): Promise<void> {
    this.live();
    this.process(node).pause();
  }

  /** resume SIGCONTs a paused node and applies a clock offset set while it was paused. */
  async resume(node: string): Promise<void> {
    this.live();
    const proc = this.process(node);
    if (proc.state !== 'paused') return;
    proc.resume();
    const offset = this.clockOffsets.get(node);
    if (offset !== undefined) await this.postClock(node, offset);
  }

  /**
   * setClockOffset sets a node's clock offset (ms, relative to real time). A down or paused node
   * gets it when it restarts or resumes. Throws a `cluster` FaultlineError if a running node does
   * not accept it within 2 s.
   */
  async setClockOffset(node: string, offsetMs: number): Promise<void> {
    this.live();
    if (!Number.isFinite(offsetMs)) throw new FaultlineError('usage', `clock offset for ${node} must be a finite number of ms`);
    this.clockOffsets.set(node, offsetMs);
    if (this.process(node).state === 'running') await this.postClock(node, offsetMs);
  }

  /**
   * stop continues paused nodes, SIGKILLs every node, waits for them to exit, closes the network,
   * releases the nodes' ports and removes the run from the registry (logs stay). Idempotent; later calls wait for the first.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all([...this.processes.values()].map((p) => p.kill()));
      await this.router.close();
      await this.ports.close();
      removeRun(this.record);
    })();
    return this.stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  private async postClock(node: string, offsetMs: number): Promise<void> {
    const info = this.nodes.find((n) => n.name === node)!;
    const url = `http://${info.host}:${info.port}/control/clock`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ offsetMs }),
        signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
      });
      await res.arrayBuffer();
    } catch (err) {
      throw new FaultlineError('cluster', `could not set the clock of ${node} (${url}): ${(err as Error).message}`, { cause: err });
    }
    if (!res.ok) throw new FaultlineError('cluster', `node ${node} refused the clock offset (${url}): HTTP ${res.status}`);
  }

  private process(node: string): NodeProcess {
    const proc = this.processes.get(node);
    if (proc === undefined) {
      throw new FaultlineError('usage', `unknown node "${node}"`, { hint: `nodes are ${[...this.processes.keys()].join(', ')}` });
    }
    return proc;
  }

  private live(): void {
    if (this.stopping !== undefined) throw new FaultlineError('cluster', 'the cluster has been stopped');
  }
}
