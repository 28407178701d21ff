/**
 * cleanDockerLeftovers removes the Docker objects earlier runs left behind (a SIGKILLed faultline,
 * a lost engine connection): containers, then networks, labelled `faultline.run`. Without a run id it
 * removes only runs whose owner process is gone (same host, dead pid) — a run still going is not a
 * leftover; with `runId` it removes that run's objects whoever owns them. Offline images are a cache,
 * not leftovers: they are removed only with `images: true`.
 */
import os from 'node:os';
import { FaultlineError } from '../../core/errors.js';
import type Dockerode from 'dockerode';
import type { CleanReport, LeftoverCleaner } from '../local/clean-local-leftovers.js';
import { IMAGE_LABEL } from './build-offline-image.js';
import { connectDocker } from './connect-docker.js';
import { OWNER_HOST_LABEL, OWNER_PID_LABEL, RUN_LABEL } from './labels.js';

/** DockerCleanOptions: one run only, also offline images, only report (dry run), an engine client to reuse. */
export interface DockerCleanOptions {
  runId?: string;
  images?: boolean;
  dryRun?: boolean;
  docker?: Dockerode;
  /** Called with one line per object removed (or that would be). */
  onRemoved?: (line: string) => void;
}

/** DockerCleanCounts: how many objects of each kind were removed (or would be, in a dry run). */
export interface DockerCleanCounts {
  containers: number;
  networks: number;
  images: number;
}

/** cleanDockerLeftovers removes leftovers as described above; throws FaultlineError('environment') without an engine. */
export async function cleanDockerLeftovers(options: DockerCleanOptions = {}): Promise<DockerCleanCounts> {
  const docker = options.docker ?? (await connectDocker());
  const counts: DockerCleanCounts = { containers: 0, networks: 0, images: 0 };
  const filters = JSON.stringify({ label: [options.runId === undefined ? RUN_LABEL : `${RUN_LABEL}=${options.runId}`] });
  const isLeftover = (labels: Record<string, string> | undefined): boolean => options.runId !== undefined || !ownerAlive(labels ?? {});
  const say = (line: string): void => options.onRemoved?.(line);

  const containers = (await docker.listContainers({ all: true, filters })).filter((c) => isLeftover(c.Labels));
  await Promise.all(
    containers.map(async (c) => {
      say(`container ${c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12)} (run ${c.Labels[RUN_LABEL] ?? '?'})`);
      if (options.dryRun !== true) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(notFoundOk);
      counts.containers++;
    }),
  );
  const networks = (await docker.listNetworks({ filters })).filter((n) => isLeftover(n.Labels));
  for (const n of networks) {
    say(`network ${n.Name} (run ${n.Labels?.[RUN_LABEL] ?? '?'})`);
    if (options.dryRun !== true) await docker.getNetwork(n.Id).remove().catch(notFoundOk);
    counts.networks++;
  }
  if (options.images === true) {
    const images = await docker.listImages({ filters: JSON.stringify({ label: [IMAGE_LABEL] }) });
    for (const img of images) {
      say(`image ${img.RepoTags?.[0] ?? img.Id}`);
      if (options.dryRun !== true) await docker.getImage(img.Id).remove({ force: true }).catch(notFoundOk);
      counts.images++;
    }
  }
  return counts;
}

/** dockerLeftoverCleaner is cleanDockerLeftovers as a LeftoverCleaner for `faultline clean`'s CLEANERS table. */
export const dockerLeftoverCleaner: LeftoverCleaner = {
  name: 'docker',
  async clean({ dryRun }): Promise<CleanReport> {
    const report: CleanReport = { removed: [], skipped: [] };
    try {
      await cleanDockerLeftovers({ dryRun, onRemoved: (l) => report.removed.push(l) });
    } catch (err) {
      // No engine on this machine (and none asked for by DOCKER_HOST): no containers can be left, so
      // say nothing rather than make every `faultline clean` on a Docker-less machine look alarming.
      const noLocalEngine = err instanceof FaultlineError && err.code === 'environment' && !process.env['DOCKER_HOST'];
      if (!noLocalEngine) report.skipped.push(`docker objects: ${(err as Error).message}`);
    }
    return report;
  },
};

// A run is live when its owner is a live process on this host; owners on other hosts count as live.
function ownerAlive(labels: Record<string, string>): boolean {
  const pid = Number(labels[OWNER_PID_LABEL]);
  if (labels[OWNER_HOST_LABEL] !== os.hostname()) return labels[OWNER_HOST_LABEL] !== undefined;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function notFoundOk(err: unknown): void {
  if ((err as { statusCode?: number }).statusCode !== 404) throw err;
}
