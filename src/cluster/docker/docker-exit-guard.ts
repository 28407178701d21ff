/**
 * Docker exit guard: keeps Ctrl-C, SIGTERM and crashes from leaving containers and networks behind.
 * Docker objects can only be removed asynchronously, so:
 * - on SIGINT, SIGTERM and SIGHUP the guard stops every live cluster (bounded by 15 s); when it is
 *   the only listener of that signal it then re-raises it so the process dies of it as it would have;
 *   otherwise other listeners (a command's graceful teardown, which may call stop() too: stop is
 *   idempotent) decide; a signal a command has claimed (../signal-claims.ts) is left to it;
 * - on 'exit' with clusters still live (process.exit, an uncaught exception) it starts a detached
 *   reaper process that removes the runs' labelled objects after this process is gone.
 * A SIGKILLed faultline cannot be guarded: `faultline clean` (cleanDockerLeftovers) handles those.
 */
import { createRequire } from 'node:module';
import { execa } from 'execa';
import { signalClaimed } from '../signal-claims.js';
import { RUN_LABEL } from './labels.js';

/** Guarded is what the guard needs of a cluster: its run id and an idempotent stop. */
export interface Guarded {
  readonly runId: string;
  stop(): Promise<void>;
}

const live = new Set<Guarded>();
let installed = false;
const SIGNAL_TEARDOWN_MS = 15_000;

/** guardCluster registers a live cluster to be torn down on exit paths. */
export function guardCluster(cluster: Guarded): void {
  live.add(cluster);
  install();
}

/** releaseCluster forgets a cluster (it has been stopped). */
export function releaseCluster(cluster: Guarded): void {
  live.delete(cluster);
}

/** stopGuardedClusters stops every live cluster, waiting at most `timeoutMs`; never rejects. */
export async function stopGuardedClusters(timeoutMs = SIGNAL_TEARDOWN_MS): Promise<void> {
  const all = Promise.allSettled([...live].map((c) => c.stop()));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
}

/**
 * reaperScript is the CommonJS program the detached reaper runs: it removes containers, then
 * networks, carrying `faultline.run=<id>` for each id in argv. `dockerodePath` is dockerode's entry.
 */
export function reaperScript(dockerodePath: string): string {
  return `
const Docker = require(${JSON.stringify(dockerodePath)});
const docker = new Docker();
(async () => {
  await new Promise((r) => setTimeout(r, 200));
  for (const id of process.argv.slice(1)) {
    const filters = JSON.stringify({ label: [${JSON.stringify(RUN_LABEL)} + '=' + id] });
    const cs = await docker.listContainers({ all: true, filters }).catch(() => []);
    await Promise.all(cs.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {})));
    const ns = await docker.listNetworks({ filters }).catch(() => []);
    await Promise.all(ns.map((n) => docker.getNetwork(n.Id).remove().catch(() => {})));
  }
})();`;
}

function spawnReaper(): void {
  if (live.size === 0) return;
  try {
    const dockerode = createRequire(import.meta.url).resolve('dockerode');
    const child = execa(process.execPath, ['-e', reaperScript(dockerode), ...[...live].map((c) => c.runId)], {
      detached: true,
      stdio: 'ignore',
      reject: false,
      cleanup: false,
    });
    child.unref();
  } catch {
    // nothing more can be done from an exit handler: `faultline clean` remains
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', spawnReaper);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      if (signalClaimed(signal)) return; // a command tears down itself; 'exit' still reaps
      void stopGuardedClusters().then(() => {
        if (process.listenerCount(signal) === 1) {
          process.off(signal, onSignal);
          process.kill(process.pid, signal);
        }
      });
    };
    process.on(signal, onSignal);
  }
}
