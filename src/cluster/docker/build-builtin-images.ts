/**
 * buildBuiltinImages builds the offline images of built-in specs (what `faultline image build`
 * runs, and what tests call to get the images they need).
 */
import type Dockerode from 'dockerode';
import { FaultlineError } from '../../core/errors.js';
import { buildOfflineImage, type BuildResult } from './build-offline-image.js';
import { loadClusterSpec } from './cluster-spec.js';
import { connectDocker } from './connect-docker.js';

/** OFFLINE_IMAGE_NAMES: what `faultline image build` accepts (etcd-5 shares etcd's image). */
export const OFFLINE_IMAGE_NAMES = ['etcd', 'redis', 'builtin'] as const;

/**
 * buildBuiltinImages builds (or finds, unless `force`) the offline image of each name ('all' = every
 * one) and returns what it did per name. Throws FaultlineError('usage') for an unknown name,
 * 'environment' for missing host packages or Docker.
 */
export async function buildBuiltinImages(
  names: readonly string[],
  options: { force?: boolean; docker?: Dockerode } = {},
): Promise<{ name: string; result: BuildResult }[]> {
  const wanted = names.includes('all') || names.length === 0 ? [...OFFLINE_IMAGE_NAMES] : [...new Set(names)];
  for (const n of wanted) {
    if (!(OFFLINE_IMAGE_NAMES as readonly string[]).includes(n)) {
      throw new FaultlineError('usage', `no offline image named "${n}"`, { hint: `choose from ${OFFLINE_IMAGE_NAMES.join(', ')}, all` });
    }
  }
  const docker = options.docker ?? (await connectDocker());
  const out: { name: string; result: BuildResult }[] = [];
  for (const name of wanted) {
    const spec = loadClusterSpec(name);
    if (spec.recipe === undefined) throw new FaultlineError('internal', `built-in spec ${name} has no recipe`);
    out.push({ name, result: await buildOfflineImage(docker, spec.name, spec.recipe, options.force === undefined ? {} : { force: options.force }) });
  }
  return out;
}
