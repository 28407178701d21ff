/**
 * checkers/linearizable: the linearizability checker and its models (see README.md for the algorithm).
 *
 * check-linearizability.ts is the entry (split into parts, run them inline or on workers, merge);
 * check-part.ts decides one part (wgl.ts, the search; config-cache.ts and state-table.ts, its memo),
 * builds the counterexample (counterexample.ts) and shrinks it (minimise-window.ts); worker-pool.ts
 * and part-worker.ts run parts on threads; models/ holds the built-in models; brute-force.ts and
 * random-history.ts are the reference checker and the generator the differential tests use.
 */
export { checkLinearizability, DEFAULT_MEMORY_CAP_MB, INLINE_BELOW } from './check-linearizability.js';
export type { LinearizabilityOptions } from './check-linearizability.js';
export { checkPart } from './check-part.js';
export { checkOperations } from './wgl.js';
export type { SearchOutcome, Witness } from './wgl.js';
export type { SearchBudget } from './budget.js';
export { formatCounterexample, buildCounterexample } from './counterexample.js';
export { partitionOps } from './partition-ops.js';
export type { Part } from './partition-ops.js';
export { loadModel, resolveModel } from './load-model.js';
export { bruteForceCheck } from './brute-force.js';
export { getModel, MODEL_NAMES, isModelName } from './models/index.js';
export type { ModelName } from './models/index.js';
export type { ModelOptions, ModelRef } from './models/model-ref.js';
export { modelRefOf } from './models/model-ref.js';
export type { HintedModel, CheckerHints } from './models/checker-hints.js';
