/**
 * defaultStoreEntry is the absolute path of the compiled store program, `<package root>/dist/src/
 * store/main.js`, found by walking up from this file to faultline's package.json — so it is the
 * same whether this module runs compiled (dist/) or as TypeScript under vitest (src/). Pure apart
 * from reading package.json files. Throws an `internal` FaultlineError if no root is found.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FaultlineError } from '../../core/errors.js';

export function defaultStoreEntry(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'faultline') {
          return path.join(dir, 'dist', 'src', 'store', 'main.js');
        }
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new FaultlineError('internal', 'cannot find the faultline package root');
    dir = parent;
  }
}
