// Runs the built faultline binary (bin/run.js → dist/) as a user would; `npm test` builds first.
import { join } from 'node:path';
import { execa } from 'execa';

/** ROOT is the repository root. */
export const ROOT = join(import.meta.dirname, '../..');

/** runCli runs `faultline ...args` and returns exit code, stdout and stderr (never throws). */
export async function runCli(args: string[], options: { cwd?: string; timeoutMs?: number } = {}) {
  const r = await execa(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    reject: false,
    timeout: options.timeoutMs ?? 170_000, // a safety net under the test timeout (180 s)
    env: { FAULTLINE_DEBUG: '' },
  });
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}
