/**
 * detectCapabilities finds out, with one exec in one node, which network faults this image and this
 * kernel can really inject (iptables, its statistic match, tc netem), and combines that with the
 * spec's list: a fault that would do nothing is never offered, and each missing one gets a reason.
 */
import type Dockerode from 'dockerode';
import type { Capability } from '../../core/cluster.js';
import type { ClusterSpec } from './cluster-spec.js';
import { execInContainer } from './exec-in-container.js';

/** PROBE_SCRIPT prints IPTABLES, STATISTIC and NETEM for what works (and leaves no rule behind). */
export const PROBE_SCRIPT = [
  'if command -v iptables-restore >/dev/null 2>&1 && iptables -S >/dev/null 2>&1; then echo IPTABLES;',
  '  if iptables -A OUTPUT -m statistic --mode random --probability 0 -j ACCEPT 2>/dev/null; then',
  '    iptables -D OUTPUT -m statistic --mode random --probability 0 -j ACCEPT; echo STATISTIC; fi; fi',
  'if command -v tc >/dev/null 2>&1 && tc qdisc add dev eth0 root netem delay 1ms 2>/dev/null; then',
  '  tc qdisc del dev eth0 root; echo NETEM; fi',
  'true',
].join('\n');

/** DetectedCapabilities: what the cluster offers and, for each other fault, why not. */
export interface DetectedCapabilities {
  capabilities: Set<Capability>;
  unavailable: Map<Capability, string>;
  /** Whether tc is used for faults (netem present), so heals also clear qdiscs. */
  netem: boolean;
}

const ALL: readonly Capability[] = ['partition', 'kill', 'pause', 'clock', 'packet-loss', 'packet-delay', 'packet-duplicate'];

/**
 * capabilitiesFrom combines the spec, the probe's output and whether the clock interposer is
 * preloaded into the offered capabilities (pure).
 */
export function capabilitiesFrom(spec: ClusterSpec, probeOutput: string, clockInterposer: boolean): DetectedCapabilities {
  const found = new Set(probeOutput.split(/\s+/).filter((s) => s !== ''));
  const machine = new Map<Capability, string | null>([
    ['partition', found.has('IPTABLES') ? null : 'iptables does not work in this image (missing, or no NET_ADMIN)'],
    ['packet-loss', found.has('STATISTIC') ? null : 'the iptables statistic match is not available here'],
    ['packet-delay', found.has('NETEM') ? null : 'tc netem is not available (this kernel has no sch_netem, or the image has no tc)'],
    ['packet-duplicate', found.has('NETEM') ? null : 'tc netem is not available (this kernel has no sch_netem, or the image has no tc)'],
    ['clock', clockInterposer ? null : 'clock skew needs the LD_PRELOAD clock interposer, which only offline images built with clockInterposer carry'],
    ['kill', null],
    ['pause', null],
  ]);
  const capabilities = new Set<Capability>();
  const unavailable = new Map<Capability, string>();
  for (const c of ALL) {
    const why = spec.unsupported?.[c];
    if (!spec.faults.includes(c)) unavailable.set(c, why ?? `the ${spec.name} spec does not list it`);
    else if (machine.get(c) !== null) unavailable.set(c, machine.get(c)!);
    else capabilities.add(c);
  }
  return { capabilities, unavailable, netem: found.has('NETEM') };
}

/** detectCapabilities runs PROBE_SCRIPT in `container` and returns capabilitiesFrom its output. */
export async function detectCapabilities(
  docker: Dockerode,
  container: Dockerode.Container,
  spec: ClusterSpec,
  clockInterposer: boolean,
): Promise<DetectedCapabilities> {
  const r = await execInContainer(docker, container, ['sh', '-c', PROBE_SCRIPT], 10_000).catch(() => ({ stdout: '' }));
  return capabilitiesFrom(spec, r.stdout, clockInterposer);
}
