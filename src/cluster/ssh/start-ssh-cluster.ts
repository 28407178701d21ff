/**
 * startSshCluster: the ssh backend's start. Connects to every node (one pooled connection each,
 * host keys checked), probes what each offers (root, iptables, the spec's binaries, leftovers of
 * another run), claims each node with a marker, writes the templated files, starts the daemons,
 * and waits for readiness. Any failure downloads the logs, restores every claimed node and throws.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { Capability, NodeInfo } from '../../core/cluster.js';
import { FaultlineError } from '../../core/errors.js';
import { guardCluster, releaseCluster, type Guarded } from '../docker/docker-exit-guard.js';
import type { NodeLayout } from '../docker/render-template.js';
import type { Inventory } from './inventory.js';
import { interposerSource } from '../docker/build-offline-image.js';
import { PROBE, buildInterposerScript, nodePaths, prepareScript, probeScript, startScript } from './node-scripts.js';
import { SshCluster, assertIPv4Addresses, cleanupNodes, downloadLogs, execReady, type SshNodeHandle } from './ssh-cluster.js';
import { connectAll, type SshConnection } from './ssh-connection.js';
import { renderNode, type SshSpec } from './ssh-spec.js';
import { waitNodeReady } from './wait-ready-remote.js';

const ALL: readonly Capability[] = ['partition', 'kill', 'pause', 'clock', 'packet-loss', 'packet-delay', 'packet-duplicate'];
const NETWORK: readonly Capability[] = ['partition', 'packet-loss'];

/** NodeProbe is what one node offers. */
export interface NodeProbe {
  root: boolean;
  iptables: boolean;
  /** A C compiler (cc) is on PATH (for the clock interposer). */
  cc: boolean;
  leftoverRun?: string;
  missing: string[];
}

/** parseProbe reads probeScript's output. Pure. */
export function parseProbe(stdout: string): NodeProbe {
  const lines = stdout.split('\n').map((l) => l.trim());
  const probe: NodeProbe = { root: lines.includes(PROBE.root), iptables: lines.includes(PROBE.iptables), cc: lines.includes(PROBE.cc), missing: [] };
  const run = lines.find((l) => l.startsWith('run '));
  if (lines.includes(PROBE.leftover)) probe.leftoverRun = run?.slice(4) ?? 'unknown';
  for (const l of lines) if (l.startsWith('FL_MISSING ')) probe.missing.push(l.slice('FL_MISSING '.length));
  return probe;
}

/**
 * capabilitiesOf: the spec's faults that every node really offers, and a reason for each other one.
 * Network faults need root (or sudo) and a working iptables on every node. Pure.
 */
export function capabilitiesOf(spec: SshSpec, probes: ReadonlyMap<string, NodeProbe>): { capabilities: Set<Capability>; unavailable: Map<Capability, string> } {
  const capabilities = new Set<Capability>();
  const unavailable = new Map<Capability, string>();
  const noIptables = [...probes].filter(([, p]) => !p.root || !p.iptables).map(([n]) => n);
  const noCc = [...probes].filter(([, p]) => !p.cc).map(([n]) => n);
  for (const c of ALL) {
    if (!spec.faults.includes(c)) unavailable.set(c, spec.unsupported?.[c] ?? `the ${spec.name} SSH spec does not list it`);
    else if (c === 'clock' && spec.clockInterposer !== true) unavailable.set(c, `the ${spec.name} SSH spec has no "clockInterposer" (faultline never changes a machine's system clock)`);
    else if (c === 'clock' && noCc.length > 0) unavailable.set(c, `no C compiler (cc) on ${noCc.join(', ')} to build the clock interposer (apt-get install -y gcc libc6-dev)`);
    else if (NETWORK.includes(c) && noIptables.length > 0) unavailable.set(c, `iptables is not usable as root on ${noIptables.join(', ')} (install iptables; connect as root or set "sudo": true)`);
    else capabilities.add(c);
  }
  return { capabilities, unavailable };
}

/**
 * packUploads makes one gzipped tar stream per `install.upload` source (on the control node).
 * A missing source is an `environment` FaultlineError naming it.
 */
async function packUploads(spec: SshSpec): Promise<Buffer[]> {
  const sources = (spec.install?.upload ?? []).map((u) => path.resolve(spec.baseDir ?? '.', u.from));
  return Promise.all(
    sources.map(async (from) => {
      if (!fs.existsSync(from)) {
        throw new FaultlineError('environment', `the ${spec.name} SSH spec uploads ${from}, which does not exist`, { hint: 'for the built-in store, run `npm run build` first' });
      }
      return (await execa('tar', ['-czf', '-', '-C', from, '.'], { encoding: 'buffer', timeout: 60_000 })).stdout as unknown as Buffer;
    }),
  );
}

/** SshClusterOptions: where logs go, abort, progress, and the readiness timeout (default: the probe's, else 30 s). */
export interface SshClusterOptions {
  logDir?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  readyTimeoutMs?: number;
  /** Connections already open (one per inventory node, in order); default: connect now. */
  connections?: SshConnection[];
}

/** newSshRunId is a fresh run id (also the run directory's name on each node). */
export function newSshRunId(): string {
  return `fl-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
}

/**
 * startSshCluster starts `spec` on the inventory's machines. Throws FaultlineError: `cluster` for a
 * node that cannot be reached, lacks a binary, holds another run's marker, or fails to start;
 * `input` for a bad inventory address; `interrupted` on abort. Nothing is left on any node on failure.
 */
export async function startSshCluster(spec: SshSpec, inventory: Inventory, options: SshClusterOptions = {}): Promise<SshCluster> {
  const { min = 1, max = 15 } = spec.nodes ?? {};
  if (inventory.nodes.length < min || inventory.nodes.length > max) {
    throw new FaultlineError('usage', `the ${spec.name} SSH spec runs on ${min} to ${max} nodes; ${inventory.source} lists ${inventory.nodes.length}`);
  }
  assertIPv4Addresses(inventory.nodes, inventory.source);
  const tars = await packUploads(spec);
  const conns = options.connections ?? (await connectAll(inventory));
  const runId = newSshRunId();
  const checkAbort = (): void => {
    if (options.signal?.aborted === true) throw new FaultlineError('interrupted', 'interrupted while starting the cluster');
  };
  // Nothing is claimed yet: on failure before prepare only the connections are closed.
  const probes = new Map<string, NodeProbe>();
  try {
    await Promise.all(
      conns.map(async (c) => {
        const p = parseProbe(await c.check(probeScript(nodePaths(c.node.dir, runId), spec.install?.binaries ?? []), 'probing the node'));
        probes.set(c.node.name, p);
      }),
    );
    for (const c of conns) {
      const p = probes.get(c.node.name)!;
      if (p.leftoverRun !== undefined) {
        throw new FaultlineError('cluster', `${c.node.name} (${c.node.host}): faultline run ${p.leftoverRun} still owns this node (${c.node.dir}/marker)`, {
          hint: `if that run is over, restore the node with \`faultline clean --backend ssh --nodes-file ${inventory.source}\``,
        });
      }
      if (p.missing.length > 0) {
        const pkgs = spec.install?.packages ?? [];
        throw new FaultlineError('cluster', `${c.node.name} (${c.node.host}): ${p.missing.join(', ')} not found on PATH`, {
          hint: pkgs.length > 0 ? `install it on the node: apt-get install -y ${pkgs.join(' ')}` : 'install it on the node',
        });
      }
    }
    checkAbort();
  } catch (err) {
    for (const c of conns) c.close();
    throw err;
  }
  const { capabilities, unavailable } = capabilitiesOf(spec, probes);
  const layout: NodeLayout[] = inventory.nodes.map((n) => ({ name: n.name, ip: n.address }));
  const handles = new Map<string, SshNodeHandle>();
  for (const [i, c] of conns.entries()) {
    const paths = nodePaths(c.node.dir, runId);
    const info: NodeInfo = { name: c.node.name, host: c.node.host, port: spec.ports.client };
    const rendered = renderNode(spec, layout, i, paths.run);
    // The clock fault: the daemon preloads the interposer built on the node, which reads the offset file.
    if (capabilities.has('clock')) rendered.env = { ...rendered.env, LD_PRELOAD: paths.interposer, FAULTLINE_CLOCK_FILE: paths.clockFile };
    handles.set(c.node.name, { conn: c, paths, rendered, info, address: c.node.address });
  }
  const pending: Guarded = { runId, stop: async () => void (await cleanupNodes(conns)) };
  guardCluster(pending);
  const readyTimeoutMs = options.readyTimeoutMs ?? spec.readiness.timeoutMs ?? 30_000;
  try {
    const saveIptables = capabilities.has('partition') || capabilities.has('packet-loss');
    await Promise.all([...handles.values()].map((h) => h.conn.check(prepareScript(h.paths, runId, saveIptables, h.rendered.files), 'claiming the node (marker, run directory, files)')));
    await Promise.all(
      [...handles.values()].map(async (h) => {
        for (const [i, u] of h.rendered.uploads.entries()) await h.conn.upload(tars[i]!, u.to);
        if (capabilities.has('clock')) await h.conn.check(buildInterposerScript(h.paths, fs.readFileSync(interposerSource(), 'utf8')), 'building the clock interposer with cc', { timeoutMs: 60_000 });
      }),
    );
    checkAbort();
    options.onProgress?.(`starting ${spec.name} on ${conns.length} nodes over SSH (run ${runId})`);
    await Promise.all([...handles.values()].map((h) => h.conn.check(startScript(h.paths, h.rendered.command, h.rendered.env), `starting ${spec.name}`)));
    await Promise.all(
      [...handles.values()].map((h) =>
        waitNodeReady(spec.readiness, { name: h.info.name, host: h.info.host, port: h.info.port }, readyTimeoutMs, {
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          exec: execReady(h),
          alive: async () => (await h.conn.run(`kill -0 "$(cat ${h.paths.pidfile})" 2>/dev/null`)).code === 0,
        }),
      ),
    );
    checkAbort();
  } catch (err) {
    if (options.logDir !== undefined) await downloadLogs(handles.values(), options.logDir);
    await cleanupNodes(conns);
    releaseCluster(pending);
    throw err;
  }
  releaseCluster(pending);
  const cluster = new SshCluster({ runId, spec, nodes: handles, capabilities, unavailable, readyTimeoutMs, ...(options.logDir === undefined ? {} : { logDir: options.logDir }) });
  guardCluster(cluster);
  options.onProgress?.(`${spec.name} ready on ${conns.length} nodes`);
  return cluster;
}
