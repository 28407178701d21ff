/** Test helpers: build Operation[] by hand (ids dense in call order). */
import type { Operation } from '../../src/core/operation.js';

/** OpSpec is [process, f, input, output, callNs, returnNs | null (info)], optionally a key. */
export type OpSpec = [number, string, unknown, unknown, number, number | null, string?];

/** makeOps turns specs into operations; a null return makes an info op (output ignored). */
export function makeOps(specs: readonly OpSpec[]): Operation[] {
  const sorted = [...specs].sort((a, b) => a[4] - b[4]);
  return sorted.map(([process, f, input, output, callNs, returnNs, key], id) => {
    const info = returnNs === null;
    const op: Operation = {
      id,
      process,
      f,
      input,
      output: info ? undefined : output,
      status: info ? 'info' : 'ok',
      callNs,
      returnNs: info ? Infinity : returnNs,
      invokeIndex: 2 * id,
      completeIndex: info ? -1 : 2 * id + 1,
    };
    if (key !== undefined) op.key = key;
    return op;
  });
}

/** single builds one ok op for model unit tests. */
export function single(f: string, input: unknown, output: unknown, status: 'ok' | 'info' = 'ok'): Operation {
  return {
    id: 0,
    process: 0,
    f,
    input,
    output,
    status,
    callNs: 0,
    returnNs: status === 'ok' ? 1 : Infinity,
    invokeIndex: 0,
    completeIndex: status === 'ok' ? 1 : -1,
  };
}
