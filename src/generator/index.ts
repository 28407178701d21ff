/**
 * Generators: faultline's pure, seeded schedules (Jepsen's combinators).
 *
 * `generator.ts` is the contract (context in, op/pending/done out); `random.ts` the one PRNG; the
 * other files are combinators named as in Jepsen; `simulate.ts` drives a generator on a virtual
 * clock (tests, previews). The runner (src/runner) drives the same values on the real clock.
 */
export * from './generator.js';
export { Random } from './random.js';
export { once, limit, repeat, seq, map } from './once.js';
export { stagger, delay, rate, sleep, timeLimit } from './stagger.js';
export { mix } from './mix.js';
export { phases, synchronize } from './phases.js';
export { eachProcess, onProcesses, threadOf } from './each-process.js';
export { independentKeys, keyNames } from './independent-keys.js';
export { keyGroups, keyOfSlot, groupOfThread, groupSizes } from './key-groups.js';
export type { KeyGroupsOptions } from './key-groups.js';
export { simulate, sortProcesses } from './simulate.js';
export type { SimulateOptions, SimulationResult } from './simulate.js';
