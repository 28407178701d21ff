/**
 * loadAdapterModule: load a user's adapter from a JavaScript module path (`--adapter ./my-adapter.js`).
 * The module is used as is; whether it is broken at run time (no open succeeds, invoke returns no
 * outcome or keeps throwing TypeErrors) is judged by the runner for every adapter alike
 * (src/runner/adapter-guard.ts). It may also offer the RunnerAdapter extras (start, close, findLeader).
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FaultlineError } from '../core/errors.js';
import type { RunnerAdapter } from './adapter-extras.js';

/**
 * loadAdapterModule imports `path` (relative to `cwd`) and returns its default export, or its
 * `adapter` export, when it has a string `name` and an `open` function. A missing file is a usage
 * error; a module that fails to load or exports no adapter is an input error naming the file.
 */
export async function loadAdapterModule(path: string, cwd = process.cwd()): Promise<RunnerAdapter> {
  const file = resolve(cwd, path);
  try {
    await access(file);
  } catch {
    throw new FaultlineError('usage', `adapter module ${path} not found`, { hint: `looked for ${file}` });
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new FaultlineError('input', `${path}: cannot load adapter module: ${(err as Error).message}`, { cause: err });
  }
  for (const candidate of [mod['default'], mod['adapter']]) {
    if (isAdapter(candidate)) return candidate;
  }
  throw new FaultlineError('input', `${path}: exports no adapter (field "default" or "adapter")`, {
    hint: 'export default defineAdapter({ name, open(node, options) { return client } })',
  });
}

function isAdapter(x: unknown): x is RunnerAdapter {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { name?: unknown }).name === 'string' &&
    typeof (x as { open?: unknown }).open === 'function'
  );
}
