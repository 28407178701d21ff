/**
 * waitNodeReady: polls a node's readiness probe from the control node (HTTP GET on the client
 * port, or a TCP connect) until it passes or `timeoutMs` elapses.
 */
import net from 'node:net';
import { FaultlineError } from '../../core/errors.js';
import type { SshSpec } from './ssh-spec.js';

/** probeOnce runs the probe once against host:port (`exec`: runs `exec`, the rendered command over SSH); resolves true when it passes. Never rejects. */
export async function probeOnce(probe: SshSpec['readiness'], host: string, port: number, exec?: () => Promise<boolean>): Promise<boolean> {
  if (probe.type === 'exec') return exec === undefined ? false : exec().catch(() => false);
  if (probe.type === 'tcp') {
    return new Promise((resolve) => {
      const socket = net.connect({ host, port, timeout: 1_000 });
      const done = (ok: boolean): void => {
        socket.destroy();
        resolve(ok);
      };
      socket.once('connect', () => done(true));
      socket.once('error', () => done(false));
      socket.once('timeout', () => done(false));
    });
  }
  try {
    const res = await fetch(`http://${host}:${port}${probe.path}`, { signal: AbortSignal.timeout(1_000) });
    const body = await res.text();
    return res.ok && (probe.bodyIncludes === undefined || body.includes(probe.bodyIncludes));
  } catch {
    return false;
  }
}

/**
 * waitNodeReady resolves when the probe passes; rejects with a `cluster` FaultlineError naming
 * `name` after `timeoutMs`, or `interrupted` when `signal` aborts. `alive` (optional) is asked
 * between attempts and a false answer fails at once (the daemon died).
 */
export async function waitNodeReady(
  probe: SshSpec['readiness'],
  target: { name: string; host: string; port: number },
  timeoutMs: number,
  options: { signal?: AbortSignal; alive?: () => Promise<boolean>; exec?: () => Promise<boolean> } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let attempt = 0;
  for (;;) {
    if (options.signal?.aborted === true) throw new FaultlineError('interrupted', 'interrupted while waiting for the cluster');
    if (await probeOnce(probe, target.host, target.port, options.exec)) return;
    if (options.alive !== undefined && attempt % 5 === 4 && !(await options.alive())) {
      throw new FaultlineError('cluster', `${target.name} (${target.host}): the store exited before it was ready (see ${target.name}.log in the run directory)`);
    }
    if (Date.now() > deadline) throw new FaultlineError('cluster', `${target.name} (${target.host}): not ready within ${timeoutMs} ms (see ${target.name}.log in the run directory)`);
    attempt++;
    await new Promise((r) => setTimeout(r, 100));
  }
}
