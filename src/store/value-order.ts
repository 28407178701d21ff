/**
 * valueKey renders a JSON value canonically (object keys sorted), so structurally equal values get the
 * same string. Pure. `undefined` renders as "null" (absent and null are the same to the store).
 */
export function valueKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${valueKey(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sameValue tells whether two JSON values are structurally equal (null equals undefined). Pure. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return valueKey(a) === valueKey(b);
}

/**
 * compareValues is the total order sets are sorted by: numbers first (numerically), then strings
 * (by code unit), then everything else by canonical JSON. Pure; usable as an Array#sort comparator.
 */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'string' ? a : valueKey(a);
  const sb = typeof b === 'string' ? b : valueKey(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function rank(v: unknown): number {
  return typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
}
