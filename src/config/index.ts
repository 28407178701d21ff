/**
 * Config for `faultline test`: `load-config.ts` reads and validates faultline.config.json (ajv,
 * schemas/faultline.config.schema.json); `resolve-test-options.ts` merges defaults, config and flags
 * into RunOptions; `parse-duration.ts` reads "10s"-style durations.
 */
export { loadConfig, parseConfig, CONFIG_FILE, configSchemaPath } from './load-config.js';
export type { TestConfig } from './load-config.js';
export { resolveTestOptions, resolveDb, resolveKeys, parseConcurrency, workloadOptionsOf, DEFAULTS } from './resolve-test-options.js';
export type { OutputOptions, DbChoice } from './resolve-test-options.js';
export { parseDurationMs } from './parse-duration.js';
