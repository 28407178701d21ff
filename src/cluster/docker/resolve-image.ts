/**
 * resolveImage decides which image a spec's nodes run: the offline recipe's image (built when
 * missing) or the spec's `image` (pulled when missing, as real users' engines do).
 */
import type Dockerode from 'dockerode';
import { FaultlineError } from '../../core/errors.js';
import { buildOfflineImage, followProgress, hostUsrBinds, imageExists, missingHostPackages } from './build-offline-image.js';
import { buildRootfsImage } from './build-rootfs-image.js';
import type { ClusterSpec } from './cluster-spec.js';
import { isLocalEngine } from './connect-docker.js';

/** ImageSource: `auto` prefers the recipe when this host can build it, `image`/`recipe` force one. */
export type ImageSource = 'auto' | 'image' | 'recipe';

/** ResolvedImage is the image to run and how: host-usr images need the host's /usr bind-mounted. */
export interface ResolvedImage {
  ref: string;
  /** Bind mounts the image needs (host-usr images: the host's /usr, ...); empty for pulled images. */
  binds: string[];
  clockInterposer: boolean;
}

/**
 * resolveImage returns the image for `spec`. auto: the recipe when the host has the recipe's
 * packages (a local engine bind-mounts them; a remote one gets a self-contained image, see
 * build-rootfs-image.ts, unless the recipe mounts faultline's package), else the image. Throws FaultlineError('environment') when neither
 * works (no recipe possible and the pull fails, e.g. no registry), naming both ways out.
 */
export async function resolveImage(docker: Dockerode, spec: ClusterSpec, source: ImageSource, onProgress?: (m: string) => void): Promise<ResolvedImage> {
  const recipe = spec.recipe;
  let useRecipe = false;
  if (recipe !== undefined && source !== 'image') {
    if (source === 'recipe') useRecipe = true;
    else useRecipe = (await missingHostPackages(recipe.packages)).length === 0 && (isLocalEngine() || recipe.mountPackage !== true);
  }
  if (source === 'recipe' && recipe === undefined) throw new FaultlineError('usage', `the ${spec.name} spec has no offline recipe`);
  if (useRecipe && recipe !== undefined) {
    if (!isLocalEngine()) {
      // A remote engine cannot bind-mount this machine's /usr: the packages go into the image itself.
      const built = await buildRootfsImage(docker, spec.name, recipe);
      if (built.built) onProgress?.(`built self-contained image ${built.tag} in ${Math.round(built.elapsedMs)} ms (remote engine)`);
      return { ref: built.tag, binds: [], clockInterposer: recipe.clockInterposer === true };
    }
    const built = await buildOfflineImage(docker, spec.name, recipe);
    if (built.built) onProgress?.(`built offline image ${built.tag} in ${Math.round(built.elapsedMs)} ms`);
    return { ref: built.tag, binds: hostUsrBinds(recipe), clockInterposer: recipe.clockInterposer === true };
  }
  const ref = spec.image;
  if (ref === undefined) {
    throw new FaultlineError('environment', `the ${spec.name} spec has only an offline recipe, and this host cannot build it`, {
      hint: `install the packages: apt-get install -y ${recipe?.packages.join(' ') ?? ''}`,
    });
  }
  if (!(await imageExists(docker, ref))) {
    onProgress?.(`pulling ${ref}`);
    try {
      await followProgress(docker, await docker.pull(ref));
    } catch (err) {
      throw new FaultlineError('environment', `cannot pull ${ref}: ${(err as Error).message}`, {
        hint: recipe === undefined ? 'make the image available to the engine (docker load)' : `build it offline instead: faultline image build ${spec.name}`,
        cause: err,
      });
    }
  }
  return { ref, binds: [], clockInterposer: false };
}
