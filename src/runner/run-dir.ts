/**
 * Run directories: `store/<name>/<timestamp>/` for each run, and `store/latest` pointing at the newest.
 */
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { FaultlineError } from '../core/errors.js';

/** runTimestamp renders a date as a sortable, filesystem-safe name: 20261126T063100123Z. */
export function runTimestamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** createRunDir makes `<storeRoot>/<name>/<timestamp>` (a suffix -2, -3… if it exists) and returns it. */
export async function createRunDir(storeRoot: string, name: string, startedAt: Date): Promise<string> {
  const base = join(storeRoot, name, runTimestamp(startedAt));
  for (let i = 1; i < 100; i++) {
    const dir = i === 1 ? base : `${base}-${i}`;
    try {
      await mkdir(join(storeRoot, name), { recursive: true });
      await mkdir(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new FaultlineError('environment', `cannot create run directory ${dir}: ${(err as Error).message}`, { cause: err });
      }
    }
  }
  throw new FaultlineError('environment', `cannot create a run directory under ${base}`);
}

/** linkLatest points `<storeRoot>/latest` at `runDir` (a relative symlink); failures are ignored. */
export async function linkLatest(storeRoot: string, runDir: string): Promise<void> {
  const link = join(storeRoot, 'latest');
  try {
    await rm(link, { force: true });
    await symlink(relative(storeRoot, runDir), link);
  } catch {
    // A filesystem without symlinks still has the run itself.
  }
}

/** writeJson writes `value` as pretty JSON (2 spaces, trailing newline). */
export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, JSON.stringify(value, null, 2) + '\n');
}
