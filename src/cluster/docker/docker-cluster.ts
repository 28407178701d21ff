/**
 * DockerCluster is a running cluster of containers on one internal network (the StartedCluster of
 * the docker backend). It keeps the desired network state (grudge + packet faults) and each node's
 * state (running, paused, down) itself, and renders the whole state into every running node with one
 * exec per node, in parallel (node-fault-script.ts). A node that is paused or down when the state
 * changes gets it when it resumes or restarts (a restarted container has a fresh network namespace).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Dockerode from 'dockerode';
import type { Capability, Grudge, NodeInfo, PacketFaults, StartedCluster } from '../../core/cluster.js';
import { FaultlineError } from '../../core/errors.js';
import { CLOCK_OFFSET_FILE } from './build-offline-image.js';
import type { ClusterSpec } from './cluster-spec.js';
import { releaseCluster } from './docker-exit-guard.js';
import { demuxLogs } from './demux-logs.js';
import { execInContainer } from './exec-in-container.js';
import { nodeFaultScript, nodeNetworkFaults } from './node-fault-script.js';
import type { ReadyTarget } from './wait-ready.js';
import { waitReady } from './wait-ready.js';

/** DockerNodeState is what a node is doing, as faultline made it (Docker's own view lags for SIGSTOP-like states). */
export type DockerNodeState = 'running' | 'paused' | 'down';

/** DockerClusterParts are what startDockerCluster assembled; the cluster owns them from then on. */
export interface DockerClusterParts {
  docker: Dockerode;
  runId: string;
  spec: ClusterSpec;
  nodes: readonly NodeInfo[];
  containers: ReadonlyMap<string, Dockerode.Container>;
  ips: ReadonlyMap<string, string>;
  network: Dockerode.Network;
  subnet: string;
  capabilities: ReadonlySet<Capability>;
  unavailable: ReadonlyMap<Capability, string>;
  netem: boolean;
  readyTargets: ReadonlyMap<string, ReadyTarget>;
  readyTimeoutMs: number;
  logDir?: string;
}

const EXEC_TIMEOUT_MS = 10_000;

export class DockerCluster implements StartedCluster {
  readonly nodes: readonly NodeInfo[];
  readonly capabilities: ReadonlySet<Capability>;
  /** unavailable says, for each fault not offered, why (for the tool to tell users clearly). */
  readonly unavailable: ReadonlyMap<Capability, string>;
  /** runId labels every object of this run (`faultline.run=<runId>`). */
  readonly runId: string;
  /** subnet is this run's network, e.g. 10.233.17.0/24. */
  readonly subnet: string;
  readonly logDir?: string;
  private readonly parts: DockerClusterParts;
  private readonly states = new Map<string, DockerNodeState>();
  private grudge: Grudge = {};
  private packet: PacketFaults = {};
  private packetTargets: readonly string[] | undefined;
  private readonly clockOffsets = new Map<string, number>();
  private stopping: Promise<void> | undefined;

  constructor(parts: DockerClusterParts) {
    this.parts = parts;
    this.nodes = parts.nodes;
    this.capabilities = parts.capabilities;
    this.unavailable = parts.unavailable;
    this.runId = parts.runId;
    this.subnet = parts.subnet;
    if (parts.logDir !== undefined) this.logDir = parts.logDir;
    for (const n of parts.nodes) this.states.set(n.name, 'running');
  }

  /** stateOf is a node's state as faultline set it. */
  stateOf(node: string): DockerNodeState {
    this.container(node);
    return this.states.get(node)!;
  }

  /** ipOf is a node's fixed address on the run network. */
  ipOf(node: string): string {
    this.container(node);
    return this.parts.ips.get(node)!;
  }

  /** exec runs an argv inside a running node (tests and tools); see execInContainer. */
  exec(node: string, cmd: readonly string[], timeoutMs = EXEC_TIMEOUT_MS): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    return execInContainer(this.parts.docker, this.container(node), cmd, timeoutMs);
  }

  async partition(grudge: Grudge): Promise<void> {
    this.require('partition');
    nodeNetworkFaults(this.parts.ips, grudge, this.packet, this.packetTargets); // validates names first
    this.grudge = structuredClone(grudge);
    await this.applyNetwork();
  }

  async healNetwork(): Promise<void> {
    this.live();
    this.grudge = {};
    this.packet = {};
    this.packetTargets = undefined;
    if (this.capabilities.has('partition') || this.capabilities.has('packet-loss')) await this.applyNetwork();
  }

  async setPacketFaults(faults: PacketFaults, nodes?: readonly string[]): Promise<void> {
    this.live();
    if ((faults.lossProbability ?? 0) > 0) this.require('packet-loss');
    if ((faults.delayMs ?? 0) > 0 || (faults.jitterMs ?? 0) > 0) this.require('packet-delay');
    if ((faults.duplicateProbability ?? 0) > 0) this.require('packet-duplicate');
    nodeNetworkFaults(this.parts.ips, this.grudge, faults, nodes);
    this.packet = { ...faults };
    this.packetTargets = nodes === undefined ? undefined : [...nodes];
    await this.applyNetwork();
  }

  /** kill SIGKILLs a node's container and waits until it stopped; no-op if down. A paused node is killed too. */
  async kill(node: string): Promise<void> {
    this.require('kill');
    const c = this.container(node);
    if (this.states.get(node) === 'down') return;
    await c.kill({ signal: 'SIGKILL' }).catch(ignoreNotRunning);
    await c.wait({ condition: 'not-running' }).catch(() => undefined);
    this.states.set(node, 'down');
  }

  /**
   * restart starts a killed node again (its data survives in the container layer) and re-applies the
   * network state. With a healthy network it waits for the readiness probe (throws FaultlineError
   * 'cluster' if it never passes); under network faults only for the client port, without failing.
   */
  async restart(node: string): Promise<void> {
    this.require('kill');
    const c = this.container(node);
    if (this.states.get(node) !== 'down') return;
    await c.start().catch((err: unknown) => {
      if ((err as { statusCode?: number }).statusCode !== 304) throw wrap(`cannot restart ${node}`, err);
    });
    this.states.set(node, 'running');
    await this.applyNode(node);
    const target = this.parts.readyTargets.get(node)!;
    if (this.networkFaulty()) {
      // Cut off, a node may never pass a health probe (etcd needs a leader): wait only for its port.
      await waitReady(this.parts.docker, { type: 'tcp' }, target, this.parts.readyTimeoutMs).catch(() => undefined);
    } else {
      await waitReady(this.parts.docker, this.parts.spec.readiness, target, this.parts.readyTimeoutMs);
    }
  }

  /** pause freezes a running node (cgroup freezer); no-op if paused or down. */
  async pause(node: string): Promise<void> {
    this.require('pause');
    const c = this.container(node);
    if (this.states.get(node) !== 'running') return;
    await c.pause().catch((err: unknown) => {
      throw wrap(`cannot pause ${node}`, err);
    });
    this.states.set(node, 'paused');
  }

  /** resume thaws a paused node and applies network and clock changes made while it was paused. */
  async resume(node: string): Promise<void> {
    this.require('pause');
    const c = this.container(node);
    if (this.states.get(node) !== 'paused') return;
    await c.unpause().catch((err: unknown) => {
      throw wrap(`cannot resume ${node}`, err);
    });
    this.states.set(node, 'running');
    await this.applyNode(node);
  }

  /** setClockOffset makes a node's wall clock read `offsetMs` (integer ms) off real time; a paused or down node gets it when it runs again. */
  async setClockOffset(node: string, offsetMs: number): Promise<void> {
    this.require('clock');
    this.container(node);
    if (!Number.isFinite(offsetMs)) throw new FaultlineError('usage', `clock offset for ${node} must be a finite number of ms`);
    this.clockOffsets.set(node, Math.round(offsetMs));
    if (this.states.get(node) === 'running') await this.applyClock(node);
  }

  /**
   * stop removes every container (forced, with volumes) and the network, after saving node logs
   * when a log dir was given. Idempotent; later calls wait for the first. Never leaves the run
   * registered with the exit guard.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      try {
        if (this.logDir !== undefined) await this.saveLogs(this.logDir).catch(() => undefined);
        await removeRunObjects(this.parts.docker, [...this.parts.containers.values()], this.parts.network);
      } finally {
        releaseCluster(this);
      }
    })();
    return this.stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  private networkFaulty(): boolean {
    return Object.values(this.grudge).some((g) => g.length > 0) || Object.values(this.packet).some((v) => v !== undefined && v > 0);
  }

  private async applyNetwork(): Promise<void> {
    await Promise.all(this.nodes.map((n) => (this.states.get(n.name) === 'running' ? this.applyNode(n.name, true) : Promise.resolve())));
  }

  // Re-renders this node's network (and, on resume/restart, clock) state in one exec.
  private async applyNode(node: string, networkOnly = false): Promise<void> {
    const jobs: Promise<void>[] = [];
    if (this.capabilities.has('partition') || this.capabilities.has('packet-loss')) {
      const faults = nodeNetworkFaults(this.parts.ips, this.grudge, this.packet, this.packetTargets).get(node)!;
      const script = nodeFaultScript(faults, { useTc: this.parts.netem });
      jobs.push(
        this.exec(node, ['sh', '-c', script]).then((r) => {
          if (r.exitCode !== 0) throw new FaultlineError('cluster', `applying network faults on ${node} failed (exit ${r.exitCode}): ${r.stderr.trim()}`);
        }),
      );
    }
    if (!networkOnly && this.clockOffsets.has(node)) jobs.push(this.applyClock(node));
    await Promise.all(jobs);
  }

  private async applyClock(node: string): Promise<void> {
    const ms = this.clockOffsets.get(node) ?? 0;
    const r = await this.exec(node, ['sh', '-c', `printf '%s\\n' ${String(ms)} > ${CLOCK_OFFSET_FILE}`]);
    if (r.exitCode !== 0) throw new FaultlineError('cluster', `setting the clock of ${node} failed: ${r.stderr.trim()}`);
  }

  private async saveLogs(dir: string): Promise<void> {
    fs.mkdirSync(dir, { recursive: true });
    await Promise.all(
      [...this.parts.containers].map(async ([name, c]) => {
        const raw = (await c.logs({ stdout: true, stderr: true, follow: false, timestamps: true })) as unknown as Buffer;
        fs.writeFileSync(path.join(dir, `${name}.log`), demuxLogs(raw));
      }),
    );
  }

  private container(node: string): Dockerode.Container {
    const c = this.parts.containers.get(node);
    if (c === undefined) {
      throw new FaultlineError('usage', `unknown node "${node}"`, { hint: `nodes are ${[...this.parts.containers.keys()].join(', ')}` });
    }
    return c;
  }

  private require(capability: Capability): void {
    this.live();
    if (!this.capabilities.has(capability)) {
      throw new FaultlineError('usage', `fault "${capability}" is not available on this ${this.parts.spec.name} cluster: ${this.unavailable.get(capability) ?? 'not supported'}`);
    }
  }

  private live(): void {
    if (this.stopping !== undefined) throw new FaultlineError('cluster', 'the cluster has been stopped');
  }
}

/** removeRunObjects force-removes containers (in parallel) and then the network; missing objects are fine. */
export async function removeRunObjects(docker: Dockerode, containers: readonly Dockerode.Container[], network: Dockerode.Network | undefined): Promise<void> {
  void docker;
  const results = await Promise.allSettled(containers.map((c) => c.remove({ force: true, v: true })));
  if (network !== undefined) {
    try {
      await network.remove();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw wrap('cannot remove the run network', err);
    }
  }
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && (r.reason as { statusCode?: number }).statusCode !== 404);
  if (failed !== undefined) throw wrap('cannot remove a container', failed.reason);
}

function ignoreNotRunning(err: unknown): void {
  const code = (err as { statusCode?: number }).statusCode;
  if (code !== 409 && code !== 304) throw wrap('kill failed', err);
}

function wrap(message: string, err: unknown): FaultlineError {
  return new FaultlineError('cluster', `${message}: ${(err as Error).message}`, { cause: err });
}
