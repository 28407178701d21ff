/**
 * describeOp renders one client operation for the timeline in a few characters, e.g. `write 3`,
 * `read → 4`, `cas 1→2 ✗`. Pure; values are shown as compact JSON and cut at `maxChars`.
 */

/** OP_TEXT_MAX_CHARS bounds the text kept per op in the report data (longer texts end with `…`). */
export const OP_TEXT_MAX_CHARS = 48;

/**
 * describeOp renders `f` with its input (`invokeValue`) and, for a completed read-like op, its output
 * (`completeValue`, shown after `→` when it differs from the input). `status` marks fail (`✗`) and
 * info (`?`). Pure; never throws (unserializable values render as `…`).
 */
export function describeOp(
  f: string,
  invokeValue: unknown,
  completeValue: unknown,
  status: 'ok' | 'fail' | 'info',
  maxChars: number = OP_TEXT_MAX_CHARS,
): string {
  let text = f;
  const input = compactValue(invokeValue);
  if (input !== '') text += ` ${input}`;
  if (status === 'ok' && completeValue !== undefined && completeValue !== null && !sameValue(invokeValue, completeValue)) {
    text += ` → ${compactValue(completeValue)}`;
  } else if (status === 'ok' && completeValue === null && invokeValue === null) {
    text += ' → nil';
  }
  if (status === 'fail') text += ' ✗';
  if (status === 'info') text += ' ?';
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

/** compactValue renders a value as short JSON-ish text: "" for null/undefined, arrays as `a→b` for pairs. */
export function compactValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v) && v.length === 2 && v.every((x) => x === null || typeof x !== 'object')) {
    return `${compactValue(v[0]) || 'nil'}→${compactValue(v[1]) || 'nil'}`;
  }
  try {
    return JSON.stringify(v) ?? '…';
  } catch {
    return '…';
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
