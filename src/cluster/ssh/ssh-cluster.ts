/**
 * SshCluster: a store running on machines reached over SSH (one pooled connection per node), as a
 * StartedCluster. Faults are shell scripts (node-scripts.ts) run on all nodes in parallel; every
 * change is recorded in the node's marker first, and `stop` (also from Ctrl-C, through the exit
 * guard) downloads the logs and runs the cleanup script that undoes what the marker lists.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Capability, Grudge, NodeInfo, PacketFaults, StartedCluster } from '../../core/cluster.js';
import { FaultlineError } from '../../core/errors.js';
import { isIPv4, nodeNetworkFaults } from '../docker/node-fault-script.js';
import { releaseCluster } from '../docker/docker-exit-guard.js';
import { cleanupScript, clockScript, networkScript, shellQuote, signalScript, startScript, tailScript, type NodePaths } from './node-scripts.js';
import type { SshConnection } from './ssh-connection.js';
import type { RenderedNode, SshSpec } from './ssh-spec.js';
import { waitNodeReady } from './wait-ready-remote.js';

type NodeState = 'running' | 'paused' | 'down';

/** SshNodeHandle is one started node: its connection, paths and rendered command. */
export interface SshNodeHandle {
  conn: SshConnection;
  paths: NodePaths;
  rendered: RenderedNode;
  info: NodeInfo;
  /** Address peers use (partition rules match it). */
  address: string;
}

/** SshClusterParts: what startSshCluster hands over. */
export interface SshClusterParts {
  runId: string;
  spec: SshSpec;
  nodes: Map<string, SshNodeHandle>;
  capabilities: Set<Capability>;
  unavailable: Map<Capability, string>;
  logDir?: string;
  readyTimeoutMs: number;
}

/** execReady runs a node's exec readiness probe over SSH (cwd: the run directory); true when it exits 0. */
export function execReady(h: SshNodeHandle): () => Promise<boolean> {
  return async () => h.rendered.ready !== undefined && (await h.conn.run(`cd ${h.paths.run} && ${h.rendered.ready.map(shellQuote).join(' ')}`, { timeoutMs: 5_000 })).code === 0;
}

/** downloadLogs saves each node's store log as `<logDir>/<node>.log`; failures are written into the file instead. Never rejects. */
export async function downloadLogs(handles: Iterable<SshNodeHandle>, logDir: string): Promise<void> {
  await fs.mkdir(logDir, { recursive: true }).catch(() => undefined);
  await Promise.all(
    [...handles].map(async (h) => {
      const file = path.join(logDir, `${h.info.name}.log`);
      try {
        const r = await h.conn.run(tailScript(h.paths), { timeoutMs: 30_000 });
        await fs.writeFile(file, r.stdout);
      } catch (err) {
        await fs.writeFile(file, `faultline: could not download the log of ${h.info.name} from ${h.conn.node.host}: ${(err as Error).message}\n`).catch(() => undefined);
      }
    }),
  );
}

/** cleanupNodes runs the cleanup script on every node and closes the connections; returns the failures (node: message). */
export async function cleanupNodes(conns: readonly SshConnection[]): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    conns.map(async (c) => {
      try {
        await c.check(cleanupScript(c.node.dir), 'restoring the node (cleanup)', { timeoutMs: 20_000 });
      } catch (err) {
        problems.push((err as Error).message);
      } finally {
        c.close();
      }
    }),
  );
  return problems;
}

export class SshCluster implements StartedCluster {
  readonly nodes: readonly NodeInfo[];
  readonly capabilities: ReadonlySet<Capability>;
  readonly unavailable: ReadonlyMap<Capability, string>;
  readonly logDir?: string;
  readonly runId: string;
  private readonly states = new Map<string, NodeState>();
  private grudge: Grudge = {};
  private packet: PacketFaults = {};
  private packetTargets: string[] | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly parts: SshClusterParts) {
    this.runId = parts.runId;
    this.nodes = [...parts.nodes.values()].map((h) => h.info);
    this.capabilities = parts.capabilities;
    this.unavailable = parts.unavailable;
    if (parts.logDir !== undefined) this.logDir = parts.logDir;
    for (const n of this.nodes) this.states.set(n.name, 'running');
  }

  async partition(grudge: Grudge): Promise<void> {
    this.require('partition');
    this.network(grudge, this.packet, this.packetTargets); // validates names first
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
    this.network(this.grudge, faults, nodes);
    this.packet = { ...faults };
    this.packetTargets = nodes === undefined ? undefined : [...nodes];
    await this.applyNetwork();
  }

  /** kill SIGKILLs the node's daemon (its process group) and waits until it is gone; no-op when down. */
  async kill(node: string): Promise<void> {
    this.require('kill');
    const h = this.handle(node);
    if (this.states.get(node) === 'down') return;
    await h.conn.check(signalScript(h.paths, 'KILL'), `kill -9 of ${node}`);
    this.states.set(node, 'down');
  }

  /** restart starts a killed node again from its data dir; waits for readiness unless the network is faulty (then only its port, without failing). */
  async restart(node: string): Promise<void> {
    this.require('kill');
    const h = this.handle(node);
    if (this.states.get(node) !== 'down') return;
    await h.conn.check(startScript(h.paths, h.rendered.command, h.rendered.env), `restarting ${node}`);
    this.states.set(node, 'running');
    const faulty = Object.keys(this.grudge).length > 0 || (this.packet.lossProbability ?? 0) > 0;
    if (faulty) await waitNodeReady({ type: 'tcp' }, { name: node, host: h.info.host, port: h.info.port }, this.parts.readyTimeoutMs).catch(() => undefined);
    else await waitNodeReady(this.parts.spec.readiness, { name: node, host: h.info.host, port: h.info.port }, this.parts.readyTimeoutMs, { exec: execReady(h) });
  }

  async pause(node: string): Promise<void> {
    this.require('pause');
    const h = this.handle(node);
    if (this.states.get(node) !== 'running') return;
    await h.conn.check(signalScript(h.paths, 'STOP'), `SIGSTOP of ${node}`);
    this.states.set(node, 'paused');
  }

  async resume(node: string): Promise<void> {
    this.require('pause');
    const h = this.handle(node);
    if (this.states.get(node) !== 'paused') return;
    await h.conn.check(signalScript(h.paths, 'CONT'), `SIGCONT of ${node}`);
    this.states.set(node, 'running');
  }

  /** setClockOffset makes the daemon's wall clock (through the interposer) read `offsetMs` off real time; the machine's clock is untouched. */
  async setClockOffset(node: string, offsetMs: number): Promise<void> {
    const h = this.handle(node);
    this.require('clock');
    if (!Number.isFinite(offsetMs)) throw new FaultlineError('usage', `clock offset for ${node} must be a finite number of ms`);
    await h.conn.check(clockScript(h.paths, offsetMs), `setting the clock offset of ${node}`);
  }

  /**
   * stop downloads every node's log (when a log dir was given), then restores every node from its
   * marker (processes, firewall rules, files) and closes the connections. Idempotent; later calls
   * wait for the first. A node that cannot be restored is a `cluster` FaultlineError naming it.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      releaseCluster(this);
      const handles = [...this.parts.nodes.values()];
      if (this.parts.logDir !== undefined) await downloadLogs(handles, this.parts.logDir);
      const problems = await cleanupNodes(handles.map((h) => h.conn));
      if (problems.length > 0) {
        throw new FaultlineError('cluster', `teardown left changes on a node: ${problems.join('; ')}`, { hint: 'run `faultline clean --backend ssh --nodes-file FILE`' });
      }
    })();
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private network(grudge: Grudge, packet: PacketFaults, targets: readonly string[] | undefined) {
    const ips = new Map([...this.parts.nodes].map(([name, h]) => [name, h.address]));
    return nodeNetworkFaults(ips, grudge, packet, targets);
  }

  private async applyNetwork(): Promise<void> {
    const rules = this.network(this.grudge, this.packet, this.packetTargets);
    await Promise.all(
      [...this.parts.nodes].map(([name, h]) => {
        const r = rules.get(name)!;
        return h.conn.check(networkScript(h.paths, r.dropFrom, r.lossFrom, r.lossProbability), `changing iptables rules on ${name}`);
      }),
    );
  }

  private handle(node: string): SshNodeHandle {
    this.live();
    const h = this.parts.nodes.get(node);
    if (h === undefined) throw new FaultlineError('usage', `unknown node "${node}"`, { hint: `nodes are ${[...this.parts.nodes.keys()].join(', ')}` });
    return h;
  }

  private live(): void {
    if (this.stopping !== undefined) throw new FaultlineError('cluster', 'the cluster is stopped');
  }

  private require(c: Capability): void {
    this.live();
    if (!this.capabilities.has(c)) {
      throw new FaultlineError('usage', `the ssh backend cannot inject "${c}" faults here: ${this.unavailable.get(c) ?? 'not offered'}`);
    }
  }
}

/** assertIPv4Addresses throws an input error when a node's peer address is not IPv4 (firewall rules match addresses). */
export function assertIPv4Addresses(nodes: readonly { name: string; address: string }[], source: string): void {
  for (const n of nodes) {
    if (!isIPv4(n.address)) throw new FaultlineError('input', `${source}: ${n.name}: "address" must be an IPv4 address for network faults, not "${n.address}"`, { hint: 'set "address" (or "host") to the IP peers use' });
  }
}
