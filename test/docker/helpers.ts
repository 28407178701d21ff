// Helpers for the docker suite: what a run left on the engine and on the host.
import Dockerode from 'dockerode';
import { execa } from 'execa';
import type { Client, OpRequest, Outcome } from '../../src/core/client.js';
import { RUN_LABEL } from '../../src/cluster/docker/labels.js';

export const docker = new Dockerode();

/** leftovers counts the containers and networks still labelled with `runId`. */
export async function leftovers(runId: string): Promise<{ containers: number; networks: number }> {
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
  const [cs, ns] = await Promise.all([docker.listContainers({ all: true, filters }), docker.listNetworks({ filters })]);
  return { containers: cs.length, networks: ns.length };
}

/** hostRules is the host's iptables ruleset (filter and nat), to check no bridge rule of a run remains. */
export async function hostRules(): Promise<string> {
  const [f, n] = await Promise.all([execa('iptables-save', ['-t', 'filter']), execa('iptables-save', ['-t', 'nat'])]);
  return f.stdout + n.stdout;
}

/** bridgeName is the host interface Docker made for a network: br-<first 12 hex digits of its id>. */
export async function bridgeName(runId: string): Promise<string> {
  const ns = await docker.listNetworks({ filters: JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] }) });
  return `br-${ns[0]!.Id.slice(0, 12)}`;
}

/** op invokes one operation with a timeout signal (default 10 s: a safety net on a loaded machine). */
export function op(client: Client, req: OpRequest, timeoutMs = 10_000): Promise<Outcome> {
  return client.invoke(req, AbortSignal.timeout(timeoutMs));
}

/** until retries `fn` every `everyMs` until it returns a truthy value or `timeoutMs` passes (then returns the last value). */
export async function until<T>(fn: () => Promise<T>, timeoutMs: number, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** valueOf is an ok outcome's value, undefined for fail and info. */
export function valueOf(o: Outcome): unknown {
  return o.type === 'ok' ? o.value : undefined;
}
