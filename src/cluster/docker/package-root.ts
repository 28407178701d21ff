/**
 * packageRoot is the absolute path of faultline's package root (the directory whose package.json
 * is named "faultline"), found by walking up from this module, so it is the same under src/ (vitest)
 * and dist/src/ (compiled). Reads package.json files only. Throws an internal FaultlineError if absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FaultlineError } from '../../core/errors.js';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    try {
      if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'faultline') {
        cached = dir;
        return dir;
      }
    } catch {
      // no package.json here, or not ours: keep walking
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new FaultlineError('internal', 'cannot find the faultline package root');
    dir = parent;
  }
}
