/**
 * resolveAdapter: from `--adapter` (and `--db`) to an adapter — the built-in store's, a module, or a program.
 */
import type { RunnerAdapter } from './adapter-extras.js';
import { builtinStoreAdapter } from './builtin-store-adapter.js';
import { EXEC_PREFIX, execAdapter } from './exec-adapter.js';
import { loadAdapterModule } from './load-adapter-module.js';

/**
 * resolveAdapter: no spec or "builtin" → the built-in store adapter; `exec:prog args` → an exec
 * adapter; anything else is a module path (relative to `cwd`).
 */
export async function resolveAdapter(spec: string | undefined, cwd = process.cwd()): Promise<RunnerAdapter> {
  if (spec === undefined || spec === '' || spec === 'builtin') return builtinStoreAdapter();
  if (spec.startsWith(EXEC_PREFIX)) return execAdapter(spec, { cwd });
  return loadAdapterModule(spec, cwd);
}
