/**
 * Adapters: how operations reach a store. `builtin-store-adapter.ts` (HTTP, via `http-json.ts`),
 * `load-adapter-module.ts` (a user's JS module), `exec-adapter.ts` (any program, JSON lines; protocol
 * in docs/exec-adapter.md); `resolve-adapter.ts` picks one from `--adapter`.
 */
export type { RunnerAdapter } from './adapter-extras.js';
export { builtinStoreAdapter } from './builtin-store-adapter.js';
export { execAdapter, parseExecSpec, EXEC_PREFIX } from './exec-adapter.js';
export { loadAdapterModule } from './load-adapter-module.js';
export { resolveAdapter } from './resolve-adapter.js';
export { httpJson, HttpFailure } from './http-json.js';
