/**
 * waitReady polls a spec's readiness probe on one node until it passes: an HTTP GET on the client
 * port (optionally requiring a substring of the body), a TCP connect, or an exec exiting 0.
 */
import http from 'node:http';
import net from 'node:net';
import type Dockerode from 'dockerode';
import { FaultlineError } from '../../core/errors.js';
import type { ReadinessProbe } from './cluster-spec.js';
import { demuxLogs } from './demux-logs.js';
import { execInContainer } from './exec-in-container.js';

const POLL_MS = 100;
const ATTEMPT_TIMEOUT_MS = 1000;
const STATE_CHECK_MS = 1000;

/** ReadyTarget is what a probe needs about one node. `execCommand` is the rendered exec probe. */
export interface ReadyTarget {
  name: string;
  ip: string;
  port: number;
  container: Dockerode.Container;
  execCommand?: string[];
}

/**
 * waitReady resolves when `probe` passes on `target`; rejects with FaultlineError('cluster') after
 * `timeoutMs` (with the last failure), as soon as the container is no longer running, or with an
 * `interrupted` error when `signal` aborts.
 */
export async function waitReady(docker: Dockerode, probe: ReadinessProbe, target: ReadyTarget, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not tried';
  let stateCheckedAt = Date.now();
  for (;;) {
    if (signal?.aborted === true) throw new FaultlineError('interrupted', 'interrupted while waiting for the cluster');
    try {
      if (await probeOnce(docker, probe, target)) return;
      last = 'probe not satisfied';
    } catch (err) {
      last = (err as Error).message;
    }
    const timedOut = Date.now() > deadline;
    if (timedOut || Date.now() - stateCheckedAt >= STATE_CHECK_MS) {
      stateCheckedAt = Date.now();
      const state = (await target.container.inspect()).State;
      if (!state.Running && !state.Paused) {
        const raw = (await target.container.logs({ stdout: true, stderr: true, follow: false, tail: 5 }).catch(() => '')) as unknown as Buffer | string;
        const tail = demuxLogs(raw).trim().split('\n').filter((l) => l !== '').join(' | ');
        throw new FaultlineError('cluster', `node ${target.name} exited (code ${state.ExitCode}) before it was ready${tail === '' ? '' : `; last output: ${tail}`}`, {
          hint: 'check the node command in the cluster spec; pass logDir to keep node logs',
        });
      }
    }
    if (timedOut) {
      throw new FaultlineError('cluster', `node ${target.name} (${target.ip}) not ready after ${timeoutMs} ms: ${last}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function probeOnce(docker: Dockerode, probe: ReadinessProbe, t: ReadyTarget): Promise<boolean> {
  switch (probe.type) {
    case 'http': {
      const { status, body } = await httpGet(t.ip, t.port, probe.path);
      return status >= 200 && status < 300 && (probe.bodyIncludes === undefined || body.includes(probe.bodyIncludes));
    }
    case 'tcp':
      return tcpConnect(t.ip, t.port);
    case 'exec':
      return (await execInContainer(docker, t.container, t.execCommand ?? probe.command, 5000)).exitCode === 0;
  }
}

function httpGet(host: string, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path, timeout: ATTEMPT_TIMEOUT_MS, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

function tcpConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: ATTEMPT_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
