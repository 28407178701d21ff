/**
 * Offline images for machines without a registry (NOTES.md): a `host-usr` recipe makes an almost
 * empty image — merged-/usr symlinks, a few /etc files, the dynamic loader's cache, and (optionally)
 * the clock interposer compiled with the host's cc — that runs with the host's /usr and
 * /etc/alternatives bind-mounted read-only, so any program installed on the host with apt (etcd,
 * redis-server, iptables, tc) runs inside. Imported with `docker.importImage` in well under a second.
 * The tag carries a hash of the recipe and the interposer source, so a changed recipe rebuilds.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { execa } from 'execa';
import { FaultlineError } from '../../core/errors.js';
import type { ImageRecipe } from './cluster-spec.js';
import { packageRoot } from './package-root.js';
import { tarArchive, type TarEntry } from './tar-archive.js';

/** HOST_USR_BINDS are the read-only bind mounts a host-usr image needs at run time. */
export const HOST_USR_BINDS: readonly string[] = ['/usr:/usr:ro', '/etc/alternatives:/etc/alternatives:ro'];

/** PACKAGE_MOUNT is where a `mountPackage` recipe sees faultline's own package (read-only). */
export const PACKAGE_MOUNT = '/faultline-pkg';

/** hostUsrBinds lists a recipe's run-time bind mounts (host /usr, and the package when asked). */
export function hostUsrBinds(recipe: ImageRecipe): string[] {
  return [...HOST_USR_BINDS, ...(recipe.mountPackage === true ? [`${packageRoot()}:${PACKAGE_MOUNT}:ro`] : [])];
}

/** CLOCK_INTERPOSER_PATH is where the interposer sits in the image; CLOCK_OFFSET_FILE is the file it reads. */
export const CLOCK_INTERPOSER_PATH = '/faultline/clock-interposer.so';
export const CLOCK_OFFSET_FILE = '/faultline/clock-offset-ms';

/** IMAGE_LABEL marks every image faultline builds (value: the spec name). */
export const IMAGE_LABEL = 'faultline.image';

const BUILDER_VERSION = '1';
const HOST_ETC_FILES = ['/etc/ld.so.cache', '/etc/protocols', '/etc/services', '/etc/nsswitch.conf'];

/** offlineImageTag is the tag a recipe builds, e.g. `faultline-offline/etcd:3f2a9c1d0b` (pure apart from reading the interposer source). */
export function offlineImageTag(specName: string, recipe: ImageRecipe): string {
  const hash = crypto.createHash('sha256').update(BUILDER_VERSION).update(JSON.stringify(recipe));
  if (recipe.clockInterposer === true) hash.update(fs.readFileSync(interposerSource()));
  return `faultline-offline/${specName}:${hash.digest('hex').slice(0, 10)}`;
}

/** interposerSource is the path of fixtures/images/clock-interposer.c in the package. */
export function interposerSource(): string {
  return path.join(packageRoot(), 'fixtures', 'images', 'clock-interposer.c');
}

/**
 * missingHostPackages lists the recipe's packages that are not installed on this host (dpkg-query).
 * Throws FaultlineError('environment') when dpkg-query itself is missing (not Debian).
 */
export async function missingHostPackages(packages: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const p of packages) {
    try {
      const r = await execa('dpkg-query', ['-W', '-f', '${Status}', p], { reject: false, timeout: 10_000 });
      if (!r.stdout.includes('install ok installed')) missing.push(p);
    } catch (err) {
      throw new FaultlineError('environment', 'offline images are built from Debian packages, but dpkg-query is not available here', {
        hint: 'use a spec with an "image" the engine can pull',
        cause: err,
      });
    }
  }
  return missing;
}

/** BuildResult says which image a recipe gave and whether it was built now or found. */
export interface BuildResult {
  tag: string;
  built: boolean;
  elapsedMs: number;
}

/**
 * buildOfflineImage makes (or finds, unless `force`) the image of a host-usr recipe and returns its
 * tag. Throws FaultlineError('environment') when a package is missing on the host or cc fails.
 */
export async function buildOfflineImage(
  docker: Dockerode,
  specName: string,
  recipe: ImageRecipe,
  options: { force?: boolean } = {},
): Promise<BuildResult> {
  const started = performance.now();
  const tag = offlineImageTag(specName, recipe);
  if (options.force !== true && (await imageExists(docker, tag))) {
    return { tag, built: false, elapsedMs: performance.now() - started };
  }
  const missing = await missingHostPackages(recipe.packages);
  if (missing.length > 0) {
    throw new FaultlineError('environment', `cannot build the offline ${specName} image: host packages missing: ${missing.join(', ')}`, {
      hint: `apt-get install -y ${missing.join(' ')}`,
    });
  }
  const entries = await imageEntries(recipe);
  const [repo, version] = tag.split(':') as [string, string];
  const stream = await docker.importImage(Readable.from([tarArchive(entries, Math.floor(Date.now() / 1000))]) as unknown as NodeJS.ReadableStream, {
    repo,
    tag: version,
    changes: [`LABEL ${IMAGE_LABEL}=${specName}`, 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  } as unknown as Record<string, unknown>);
  await followProgress(docker, stream);
  if (!(await imageExists(docker, tag))) throw new FaultlineError('cluster', `importing the offline image ${tag} did not create it`);
  return { tag, built: true, elapsedMs: performance.now() - started };
}

/** imageExists tells whether the engine has `ref` locally. */
export async function imageExists(docker: Dockerode, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}

/** followProgress waits for a pull/import progress stream to end; rejects on an error message in it. */
export function followProgress(docker: Dockerode, stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, output: { error?: string }[]) => {
      const failed = output?.find((o) => o.error !== undefined);
      if (err !== null) reject(err);
      else if (failed !== undefined) reject(new Error(failed.error));
      else resolve();
    });
  });
}

async function imageEntries(recipe: ImageRecipe): Promise<TarEntry[]> {
  const entries: TarEntry[] = [
    { type: 'symlink', path: 'bin', target: 'usr/bin' },
    { type: 'symlink', path: 'sbin', target: 'usr/sbin' },
    { type: 'symlink', path: 'lib', target: 'usr/lib' },
    { type: 'symlink', path: 'lib64', target: 'usr/lib64' },
    ...['usr', 'etc', 'etc/alternatives', PACKAGE_MOUNT.slice(1), 'var', 'var/lib', 'var/log', 'run', 'proc', 'sys', 'dev', 'root', 'data', 'faultline'].map(
      (p): TarEntry => ({ type: 'dir', path: p }),
    ),
    { type: 'dir', path: 'tmp', mode: 0o1777 },
    { type: 'file', path: 'etc/passwd', data: 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' },
    { type: 'file', path: 'etc/group', data: 'root:x:0:\nnogroup:x:65534:\n' },
    { type: 'file', path: CLOCK_OFFSET_FILE.slice(1), data: '0\n', mode: 0o666 },
  ];
  for (const file of HOST_ETC_FILES) {
    if (fs.existsSync(file)) entries.push({ type: 'file', path: file.slice(1), data: fs.readFileSync(file) });
  }
  if (recipe.clockInterposer === true) {
    entries.push({ type: 'file', path: CLOCK_INTERPOSER_PATH.slice(1), data: await compileInterposer(), mode: 0o755 });
  }
  return entries;
}

/** compileInterposer builds the clock interposer with the host's cc (also used by build-rootfs-image.ts). */
export async function compileInterposer(): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-interposer-'));
  const out = path.join(dir, 'clock-interposer.so');
  try {
    await execa('cc', ['-shared', '-fPIC', '-O2', '-Wall', '-o', out, interposerSource(), '-ldl'], { timeout: 60_000 });
    return fs.readFileSync(out);
  } catch (err) {
    throw new FaultlineError('environment', `cannot compile the clock interposer with cc: ${(err as Error).message.split('\n')[0]}`, {
      hint: 'apt-get install -y gcc libc6-dev',
      cause: err,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
