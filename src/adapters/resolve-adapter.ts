/**
 * resolveAdapter: from `--adapter` (and a cluster spec's `adapter` field) to an adapter — a built-in
 * one by name (builtin, etcd, etcd-serializable, redis), a module, or a program.
 */
import type { RunnerAdapter } from './adapter-extras.js';
import { builtinStoreAdapter } from './builtin-store-adapter.js';
import { etcdAdapter } from './etcd/index.js';
import { EXEC_PREFIX, execAdapter } from './exec-adapter.js';
import { loadAdapterModule } from './load-adapter-module.js';
import { redisAdapter } from './redis/index.js';

/** BUILTIN_ADAPTERS names the adapters that ship with faultline (the values of a spec's `adapter` field). */
export const BUILTIN_ADAPTERS = ['builtin', 'etcd', 'etcd-serializable', 'redis'] as const;

/**
 * builtinAdapter returns the built-in adapter called `name`, or undefined when none has that name.
 * `etcd-serializable` is etcd with serializable (possibly stale, local) reads.
 */
export function builtinAdapter(name: string): RunnerAdapter | undefined {
  switch (name) {
    case 'builtin':
      return builtinStoreAdapter();
    case 'etcd':
      return etcdAdapter();
    case 'etcd-serializable':
      return etcdAdapter({ serializable: true });
    case 'redis':
      return redisAdapter();
    default:
      return undefined;
  }
}

/**
 * resolveAdapter: `spec` absent or empty → `fallback` (a spec's `adapter` field; default builtin);
 * a name in BUILTIN_ADAPTERS → that adapter; `exec:prog args` → an exec adapter; anything else is a
 * module path (relative to `cwd`).
 */
export async function resolveAdapter(spec: string | undefined, cwd = process.cwd(), fallback = 'builtin'): Promise<RunnerAdapter> {
  const name = spec === undefined || spec === '' ? fallback : spec;
  const builtin = builtinAdapter(name);
  if (builtin !== undefined) return builtin;
  if (name.startsWith(EXEC_PREFIX)) return execAdapter(name, { cwd });
  return loadAdapterModule(name, cwd);
}
