/**
 * loadModel / resolveModel: get a Model from a user module path or a ModelRef (I/O: dynamic import).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FaultlineError } from '../../src/core/errors.js';
import type { HintedModel } from './models/checker-hints.js';
import { getModel } from './models/index.js';
import type { ModelRef } from './models/model-ref.js';
import { rememberModelRef } from './models/model-ref.js';

const REQUIRED = ['init', 'step', 'equal', 'hash', 'describeOp', 'describeState'] as const;

/**
 * loadModel imports a user model module (`--model ./my-model.js`): its default export, or the named
 * export `exportName` (default: `model`), must be a Model. Throws FaultlineError('input') naming the
 * file and the missing function, or the import failure. The model can be sent to worker threads.
 */
export async function loadModel(path: string, exportName?: string): Promise<HintedModel<unknown>> {
  const abs = resolve(path);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (cause) {
    throw new FaultlineError('input', `${path}: cannot load model module: ${(cause as Error).message ?? String(cause)}`, {
      hint: 'pass a built-in model name or a JavaScript module exporting a model (see defineModel)',
      cause,
    });
  }
  const candidate = (exportName === undefined ? (mod['default'] ?? mod['model']) : mod[exportName]) as Record<string, unknown> | undefined;
  if (candidate === undefined || candidate === null || typeof candidate !== 'object') {
    throw new FaultlineError('input', `${path}: no model exported (expected a default export or "${exportName ?? 'model'}")`);
  }
  for (const fn of REQUIRED) {
    if (typeof candidate[fn] !== 'function') {
      throw new FaultlineError('input', `${path}: the model has no function "${fn}"`, { hint: `a model needs ${REQUIRED.join(', ')}` });
    }
  }
  if (typeof candidate['name'] !== 'string') {
    throw new FaultlineError('input', `${path}: the model has no string "name"`);
  }
  const ref: ModelRef = exportName === undefined ? { kind: 'module', path: abs } : { kind: 'module', path: abs, exportName };
  return rememberModelRef(candidate as unknown as HintedModel<unknown>, ref);
}

/** resolveModel rebuilds the model a ModelRef names (in a worker thread). */
export async function resolveModel(ref: ModelRef): Promise<HintedModel<unknown>> {
  if (ref.kind === 'builtin') return getModel(ref.name, ref.options ?? {});
  return loadModel(ref.path, ref.exportName);
}
