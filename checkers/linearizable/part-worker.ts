/**
 * part-worker: the worker-thread entry of the linearizable checker. It rebuilds the model from
 * `workerData.modelRef`, then answers each `task` message with `checkPart`'s result. Started by
 * worker-pool.ts; not an API.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SearchBudget } from './budget.js';
import { checkPart } from './check-part.js';
import { resolveModel } from './load-model.js';
import { shrinkCounterexample } from './minimise-window.js';
import type { ModelRef } from './models/model-ref.js';
import type { Part } from './partition-ops.js';

/** WorkerTask is one part to check, with its budget (no signal: cancelling terminates the worker). */
export interface WorkerTask {
  task: number;
  part: Part;
  budget: Omit<SearchBudget, 'signal'>;
}

const port = parentPort;
if (port !== null) {
  const model = await resolveModel((workerData as { modelRef: ModelRef }).modelRef);
  port.on('message', (msg: WorkerTask) => {
    try {
      // The verdict, then the shrunk counterexample (its time apart: verdictMs).
      const verdict = checkPart(msg.part.name, msg.part.ops, model, msg.budget, { minimise: false });
      const result = verdict.valid === false ? shrinkCounterexample(verdict, msg.part.ops, model, msg.budget) : verdict;
      port.postMessage({ task: msg.task, result });
    } catch (err) {
      port.postMessage({ task: msg.task, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
