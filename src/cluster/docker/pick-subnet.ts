/**
 * Subnets for run networks: 10.233.X.0/24, a range unlikely to clash with real networks, with X
 * drawn at random among the values no Docker network and no host interface uses yet.
 */
import os from 'node:os';
import type Dockerode from 'dockerode';
import { FaultlineError } from '../../core/errors.js';

/** RunSubnet is one run's addressing: the /24, its gateway (the host side) and the nodes' addresses. */
export interface RunSubnet {
  subnet: string;
  gateway: string;
  /** nodeIp(i) is the address of node i (0-based): .10, .11, ... */
  nodeIp(i: number): string;
}

/** subnetFor returns the addressing of 10.233.`third`.0/24 (pure). */
export function subnetFor(third: number): RunSubnet {
  if (!Number.isInteger(third) || third < 0 || third > 255) throw new FaultlineError('internal', `bad subnet index ${third}`);
  const base = `10.233.${third}`;
  return { subnet: `${base}.0/24`, gateway: `${base}.1`, nodeIp: (i) => `${base}.${10 + i}` };
}

/**
 * freeSubnetIndexes lists the X in 10.233.X.0/24 (0..255, shuffled) that no existing network or host
 * interface overlaps. A concurrent run may still take one first: creation must retry on overlap.
 */
export async function freeSubnetIndexes(docker: Dockerode): Promise<number[]> {
  const used = new Set<number>();
  const note = (cidrOrIp: string | undefined): void => {
    const m = /^10\.233\.(\d+)\./.exec(cidrOrIp ?? '');
    if (m !== null) used.add(Number(m[1]));
    // A wider network containing 10.233.0.0/16 (e.g. 10.0.0.0/8) makes the whole range unusable.
    const wide = /^10\.\d+\.\d+\.\d+\/(\d+)$/.exec(cidrOrIp ?? '');
    if (wide !== null && Number(wide[1]) <= 16 && cidrContains(cidrOrIp!, '10.233.0.0')) for (let i = 0; i < 256; i++) used.add(i);
  };
  for (const net of await docker.listNetworks()) for (const c of net.IPAM?.Config ?? []) note(c.Subnet);
  for (const addrs of Object.values(os.networkInterfaces())) for (const a of addrs ?? []) note(a.cidr ?? a.address);
  const free = Array.from({ length: 256 }, (_, i) => i).filter((i) => !used.has(i));
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  return free;
}

function cidrContains(cidr: string, ip: string): boolean {
  const [base, bits] = cidr.split('/') as [string, string];
  const toInt = (s: string): number => s.split('.').reduce((acc, p) => (acc << 8) + Number(p), 0) >>> 0;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((toInt(base) & mask) >>> 0) === ((toInt(ip) & mask) >>> 0);
}
