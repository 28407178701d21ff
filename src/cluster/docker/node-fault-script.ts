/**
 * Network faults inside one container as a single shell script (one exec per node, NOTES.md: one
 * exec is 0.06 s, four are 0.3 s). Pure: `nodeNetworkFaults` turns the cluster-wide fault state into
 * each node's rules; `nodeFaultScript` renders them. Only validated IPv4 addresses and numbers ever
 * reach the script, so no input can inject shell syntax.
 *
 * Partition: on node A, `-A INPUT -s B -j DROP` for each B in grudge[A] (A cannot hear B; Jepsen's
 * one-way drop). Loss: on each target node, a random-drop rule per peer (iptables statistic). Delay
 * and duplication: tc netem on every node's egress towards the target nodes (a prio qdisc whose
 * fourth band holds netem, filters by destination), so client traffic from the host is untouched.
 * The whole filter table is replaced atomically with iptables-restore, so applying a new state also
 * removes the previous one; an empty state heals.
 */
import type { Grudge, PacketFaults } from '../../core/cluster.js';
import { FaultlineError } from '../../core/errors.js';

/** NodeNetworkFaults is what one node's network must do. Times in ms, probabilities in [0, 1]. */
export interface NodeNetworkFaults {
  /** Drop every packet from these IPs. */
  dropFrom: string[];
  /** Drop packets from these IPs with `lossProbability`. */
  lossFrom: string[];
  lossProbability: number;
  /** Delay / duplicate packets to these IPs (netem). */
  netemTo: string[];
  delayMs: number;
  jitterMs: number;
  duplicateProbability: number;
}

/** isIPv4 tells whether `s` is a dotted-quad IPv4 address with each part in 0..255 (pure). */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/**
 * nodeNetworkFaults computes every node's rules from the current grudge and packet faults (applied
 * to links into `packetTargets`, all nodes when undefined). `ips` maps node names to addresses.
 * Throws a usage FaultlineError for an unknown node name or an out-of-range probability. Pure.
 */
export function nodeNetworkFaults(
  ips: ReadonlyMap<string, string>,
  grudge: Grudge,
  packet: PacketFaults,
  packetTargets: readonly string[] | undefined,
): Map<string, NodeNetworkFaults> {
  const ipOf = (name: string): string => {
    const ip = ips.get(name);
    if (ip === undefined) throw new FaultlineError('usage', `unknown node "${name}"`, { hint: `nodes are ${[...ips.keys()].join(', ')}` });
    return ip;
  };
  for (const [k, v] of Object.entries(packet)) {
    if (v === undefined) continue;
    const bad = !Number.isFinite(v) || v < 0 || (k.endsWith('Probability') && v > 1);
    if (bad) throw new FaultlineError('usage', `packet fault ${k} must be ${k.endsWith('Probability') ? 'in [0, 1]' : 'a non-negative number of ms'}, not ${v}`);
  }
  for (const n of [...Object.keys(grudge), ...Object.values(grudge).flat(), ...(packetTargets ?? [])]) ipOf(n);
  const targets = new Set(packetTargets ?? ips.keys());
  const loss = packet.lossProbability ?? 0;
  const netem = (packet.delayMs ?? 0) > 0 || (packet.duplicateProbability ?? 0) > 0;
  const out = new Map<string, NodeNetworkFaults>();
  for (const [name, ip] of ips) {
    const others = [...ips].filter(([n]) => n !== name);
    out.set(name, {
      dropFrom: (grudge[name] ?? []).filter((n) => n !== name).map(ipOf),
      lossFrom: loss > 0 && targets.has(name) ? others.map(([, i]) => i) : [],
      lossProbability: loss,
      netemTo: netem ? others.filter(([n]) => targets.has(n)).map(([, i]) => i) : [],
      delayMs: packet.delayMs ?? 0,
      jitterMs: packet.jitterMs ?? 0,
      duplicateProbability: packet.duplicateProbability ?? 0,
    });
  }
  return out;
}

/**
 * nodeFaultScript renders one node's faults as a `sh -c` script: iptables-restore of the whole
 * filter table, then (when `useTc`) the netem qdisc is removed and, if needed, set up again.
 * Throws an internal FaultlineError if an address is not IPv4 (callers validate first). Pure.
 */
export function nodeFaultScript(f: NodeNetworkFaults, options: { useTc: boolean; device?: string }): string {
  for (const ip of [...f.dropFrom, ...f.lossFrom, ...f.netemTo]) {
    if (!isIPv4(ip)) throw new FaultlineError('internal', `refusing to put "${ip}" in a fault script: not an IPv4 address`);
  }
  const dev = options.device ?? 'eth0';
  if (!/^[a-z0-9]{1,15}$/.test(dev)) throw new FaultlineError('internal', `bad device name "${dev}"`);
  const rules = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'];
  for (const ip of [...new Set(f.dropFrom)]) rules.push(`-A INPUT -s ${ip}/32 -j DROP`);
  for (const ip of f.lossFrom) {
    rules.push(`-A INPUT -s ${ip}/32 -m statistic --mode random --probability ${num(f.lossProbability)} -j DROP`);
  }
  rules.push('COMMIT');
  const lines = [`printf '%s\\n' ${rules.map((r) => `'${r}'`).join(' ')} | iptables-restore`];
  if (options.useTc) {
    lines.push(`tc qdisc del dev ${dev} root 2>/dev/null || true`);
    if (f.netemTo.length > 0) {
      const netemArgs = [
        ...(f.delayMs > 0 ? ['delay', `${num(f.delayMs)}ms`, ...(f.jitterMs > 0 ? [`${num(f.jitterMs)}ms`] : [])] : []),
        ...(f.duplicateProbability > 0 ? ['duplicate', `${num(f.duplicateProbability * 100)}%`] : []),
      ];
      lines.push(`tc qdisc add dev ${dev} root handle 1: prio bands 4 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1`);
      lines.push(`tc qdisc add dev ${dev} parent 1:4 handle 40: netem ${netemArgs.join(' ')}`);
      for (const ip of f.netemTo) lines.push(`tc filter add dev ${dev} parent 1: protocol ip prio 1 u32 match ip dst ${ip}/32 flowid 1:4`);
    }
  }
  return ['set -e', ...lines].join('\n');
}

// Plain decimal (never exponent notation, which iptables and tc reject), at most 6 decimals.
function num(v: number): string {
  return String(Number(v.toFixed(6)));
}
