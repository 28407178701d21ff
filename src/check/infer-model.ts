/**
 * inferModelName picks the model a history most likely needs when `--model` is not given, from the
 * source format and the operation names it contains. Pure.
 */
import type { Operation } from '../core/operation.js';

/** inferModelName returns a built-in model name for `ops` read from a source of `format`. */
export function inferModelName(ops: readonly Operation[], format: string): string {
  if (format === 'porcupine-kv') return 'kv';
  const fs = new Set(ops.map((o) => o.f));
  if (fs.has('txn')) return 'multi-register';
  if (fs.has('get') || fs.has('put') || fs.has('append')) return 'kv';
  if (fs.has('acquire') || fs.has('release')) return 'mutex';
  if (fs.has('enqueue') || fs.has('dequeue')) return 'fifo-queue';
  if (fs.has('incr')) return 'counter';
  if (fs.has('add') && !fs.has('write')) {
    // Jepsen uses `add` for sets and for counters; a set's reads return collections.
    return ops.some((o) => o.f === 'read' && Array.isArray(o.output)) ? 'set' : 'counter';
  }
  return 'cas-register';
}
