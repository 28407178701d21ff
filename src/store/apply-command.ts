import type { KvCommand, KvResult } from './kv-command.js';
import { compareValues, sameValue, valueKey } from './value-order.js';

/**
 * applyCommand applies one command to the key-value state `data` (a Map from key to value, absent =
 * null) and returns the result. Deterministic: the same commands in the same order give the same
 * state on every replica. It mutates only `data`, and never mutates a stored value in place (sets are
 * replaced by new arrays), so values handed out earlier stay valid.
 *
 * Semantics: `put` stores any JSON value; `cas` succeeds when the current value (null when absent)
 * equals `from` structurally; `append` concatenates strings (absent = ""); `add` keeps a sorted,
 * duplicate-free array (absent = []); `incr` adds to a number (absent = 0). A type mismatch
 * (append to a number, …) is `wrong-type` and changes nothing.
 */
export function applyCommand(data: Map<string, unknown>, command: KvCommand): KvResult {
  const current = data.get(command.key) ?? null;
  switch (command.op) {
    case 'get':
      return { ok: true, value: current };
    case 'put':
      data.set(command.key, command.value);
      return { ok: true, value: command.value };
    case 'cas':
      if (!sameValue(current, command.from)) return { ok: false, error: 'compare-failed', value: current };
      data.set(command.key, command.to);
      return { ok: true, value: command.to };
    case 'append': {
      if (current !== null && typeof current !== 'string') return { ok: false, error: 'wrong-type', value: current };
      const next = (current ?? '') + command.value;
      data.set(command.key, next);
      return { ok: true, value: next };
    }
    case 'add': {
      if (current !== null && !Array.isArray(current)) return { ok: false, error: 'wrong-type', value: current };
      const next = addToSortedSet(current ?? [], command.value);
      data.set(command.key, next);
      return { ok: true, value: next };
    }
    case 'incr': {
      if (current !== null && typeof current !== 'number') return { ok: false, error: 'wrong-type', value: current };
      const next = (current ?? 0) + command.value;
      data.set(command.key, next);
      return { ok: true, value: next };
    }
  }
}

/** addToSortedSet returns a new sorted, duplicate-free array holding `set`'s elements and `value`. */
export function addToSortedSet(set: readonly unknown[], value: unknown): unknown[] {
  const key = valueKey(value);
  if (set.some((v) => valueKey(v) === key)) return [...set];
  return [...set, value].sort(compareValues);
}
