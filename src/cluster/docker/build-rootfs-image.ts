/**
 * Self-contained offline images for remote engines (issue 13 item 5): a remote engine cannot
 * bind-mount this machine's /usr, so the recipe's packages are copied into the image itself — every
 * file `dpkg -L` lists under the library and program directories, the shared libraries `ldd` names
 * for each program, the /etc/alternatives links they go through, and dash as /bin/sh (busybox's sh
 * would run its own `ip` applet) — as one tarball imported with `docker.importImage`. Nothing is
 * bind-mounted at run time. The tag carries a hash of the recipe.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { execa } from 'execa';
import { FaultlineError } from '../../core/errors.js';
import { CLOCK_INTERPOSER_PATH, CLOCK_OFFSET_FILE, IMAGE_LABEL, compileInterposer, followProgress, imageExists, interposerSource, missingHostPackages, type BuildResult } from './build-offline-image.js';
import type { ImageRecipe } from './cluster-spec.js';
import { tarArchive, type TarEntry } from './tar-archive.js';

const BUILDER_VERSION = '2';
/** BASE_PACKAGES are what the specs' commands and the fault scripts use besides the recipe's own. */
export const BASE_PACKAGES = ['dash', 'coreutils', 'grep', 'sed'];
const KEEP = /^\/usr\/(bin|sbin|lib|lib64|libexec)\//;

/** rootfsImageTag is the tag a recipe's self-contained image gets, e.g. `faultline-rootfs/etcd:3f2a9c1d0b`. */
export function rootfsImageTag(specName: string, recipe: ImageRecipe): string {
  const hash = crypto.createHash('sha256').update(BUILDER_VERSION).update(JSON.stringify(recipe));
  if (recipe.clockInterposer === true) hash.update(fs.readFileSync(interposerSource()));
  return `faultline-rootfs/${specName}:${hash.digest('hex').slice(0, 10)}`;
}

/** toUsr maps a merged-/usr path (/bin/x, /lib/x) to its /usr form. Pure. */
export function toUsr(p: string): string {
  return /^\/(bin|sbin|lib|lib64)\//.test(p) ? `/usr${p}` : p;
}

/**
 * buildRootfsImage makes (or finds) the self-contained image of a recipe. Throws
 * FaultlineError('environment') when a package is missing here or the recipe mounts the package
 * (`mountPackage` needs a local engine).
 */
export async function buildRootfsImage(docker: Dockerode, specName: string, recipe: ImageRecipe): Promise<BuildResult> {
  const started = performance.now();
  if (recipe.mountPackage === true) {
    throw new FaultlineError('environment', `the ${specName} spec runs faultline's own package from a bind mount, which a remote engine cannot provide`, { hint: 'use a local engine (unset DOCKER_HOST)' });
  }
  const tag = rootfsImageTag(specName, recipe);
  if (await imageExists(docker, tag)) return { tag, built: false, elapsedMs: performance.now() - started };
  const packages = [...BASE_PACKAGES, ...recipe.packages];
  const missing = await missingHostPackages(packages);
  if (missing.length > 0) {
    throw new FaultlineError('environment', `cannot build the self-contained ${specName} image: host packages missing: ${missing.join(', ')}`, { hint: `apt-get install -y ${missing.join(' ')}` });
  }
  const entries = await rootfsEntries(packages, recipe);
  const [repo, version] = tag.split(':') as [string, string];
  const stream = await docker.importImage(Readable.from([tarArchive(entries, Math.floor(Date.now() / 1000))]) as unknown as NodeJS.ReadableStream, {
    repo,
    tag: version,
    changes: [`LABEL ${IMAGE_LABEL}=${specName}`, 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  } as unknown as Record<string, unknown>);
  await followProgress(docker, stream);
  if (!(await imageExists(docker, tag))) throw new FaultlineError('cluster', `importing the image ${tag} did not create it`);
  return { tag, built: true, elapsedMs: performance.now() - started };
}

async function rootfsEntries(packages: readonly string[], recipe: ImageRecipe): Promise<TarEntry[]> {
  const files = new Map<string, TarEntry>();
  const dirs = new Set<string>();
  const addDirs = (p: string): void => {
    for (let d = path.posix.dirname(p); d !== '/' && d !== '.'; d = path.posix.dirname(d)) dirs.add(d.slice(1));
  };
  const add = (p: string): void => {
    const usr = toUsr(p);
    if (files.has(usr) || Buffer.byteLength(usr) > 99) return;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(usr);
    } catch {
      return;
    }
    if (st.isSymbolicLink()) {
      const target = fs.readlinkSync(usr);
      files.set(usr, { type: 'symlink', path: usr.slice(1), target });
      addDirs(usr);
      const resolved = target.startsWith('/') ? target : path.posix.join(path.posix.dirname(usr), target);
      if (resolved.startsWith('/etc/alternatives/')) {
        files.set(resolved, { type: 'symlink', path: resolved.slice(1), target: fs.readlinkSync(resolved) });
        add(fs.readlinkSync(resolved));
      } else add(resolved);
    } else if (st.isFile()) {
      files.set(usr, { type: 'file', path: usr.slice(1), data: fs.readFileSync(usr), mode: st.mode & 0o7777 });
      addDirs(usr);
    }
  };
  for (const pkg of packages) {
    const listed = (await execa('dpkg', ['-L', pkg], { timeout: 20_000 })).stdout.split('\n');
    for (const p of listed) if (KEEP.test(toUsr(p))) add(p);
  }
  // Programs that update-alternatives links in (iptables → /etc/alternatives → xtables-nft-multi)
  // are not in `dpkg -L`: add each alternative whose target was copied, and the links to it.
  for (const name of fs.existsSync('/etc/alternatives') ? fs.readdirSync('/etc/alternatives') : []) {
    const alt = `/etc/alternatives/${name}`;
    let target: string;
    try {
      target = toUsr(fs.readlinkSync(alt));
    } catch {
      continue;
    }
    if (!files.has(target)) continue;
    files.set(alt, { type: 'symlink', path: alt.slice(1), target });
    for (const dir of ['/usr/sbin', '/usr/bin']) {
      const link = `${dir}/${name}`;
      try {
        if (fs.readlinkSync(link) === alt) files.set(link, { type: 'symlink', path: link.slice(1), target: alt });
      } catch {
        // no such link
      }
    }
  }
  // The shared libraries of every program and library copied so far (and the dynamic loader).
  const elves = [...files.values()].filter((e): e is Extract<TarEntry, { type: 'file' }> => e.type === 'file' && isElf(e.data as Buffer)).map((e) => `/${e.path}`);
  for (const elf of elves) {
    const r = await execa('ldd', [elf], { reject: false, timeout: 10_000 });
    for (const m of r.stdout.matchAll(/(\/\S+) \(0x/g)) add(m[1]!);
  }
  add('/lib64/ld-linux-x86-64.so.2');
  files.set('/usr/bin/sh', { type: 'symlink', path: 'usr/bin/sh', target: 'dash' });
  const base: TarEntry[] = [
    { type: 'symlink', path: 'bin', target: 'usr/bin' },
    { type: 'symlink', path: 'sbin', target: 'usr/sbin' },
    { type: 'symlink', path: 'lib', target: 'usr/lib' },
    { type: 'symlink', path: 'lib64', target: 'usr/lib64' },
    ...['etc', 'etc/alternatives', 'var', 'var/lib', 'var/log', 'run', 'proc', 'sys', 'dev', 'root', 'data', 'faultline'].map((p): TarEntry => ({ type: 'dir', path: p })),
    { type: 'dir', path: 'tmp', mode: 0o1777 },
    { type: 'file', path: 'etc/passwd', data: 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' },
    { type: 'file', path: 'etc/group', data: 'root:x:0:\nnogroup:x:65534:\n' },
    { type: 'file', path: CLOCK_OFFSET_FILE.slice(1), data: '0\n', mode: 0o666 },
  ];
  for (const f of ['/etc/ld.so.cache', '/etc/protocols', '/etc/services', '/etc/nsswitch.conf']) {
    if (fs.existsSync(f)) base.push({ type: 'file', path: f.slice(1), data: fs.readFileSync(f) });
  }
  if (recipe.clockInterposer === true) base.push({ type: 'file', path: CLOCK_INTERPOSER_PATH.slice(1), data: await compileInterposer(), mode: 0o755 });
  const dirEntries = [...dirs].filter((d) => !['bin', 'sbin', 'lib', 'lib64'].includes(d) && !d.startsWith('etc')).sort().map((d): TarEntry => ({ type: 'dir', path: d }));
  return [...base, ...dirEntries, ...files.values()];
}

function isElf(data: Buffer): boolean {
  return data.length > 4 && data[0] === 0x7f && data[1] === 0x45 && data[2] === 0x4c && data[3] === 0x46;
}
