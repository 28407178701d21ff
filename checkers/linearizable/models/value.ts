/**
 * Value helpers shared by the models: structural (JSON-like) equality, a canonical key, a 32-bit hash
 * and a short rendering for people. All pure. `undefined` and `null` are distinct values; plain
 * objects compare by their own enumerable keys regardless of order; arrays compare element-wise.
 */

/** valueKey is a canonical string for a JSON-like value: structurally equal values get equal keys. */
export function valueKey(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) ? 'NaN' : String(v);
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `${v}n`;
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
      if (v instanceof Map) {
        const parts = [...v.entries()].map(([k, x]) => `${valueKey(k)}:${valueKey(x)}`);
        return `Map{${parts.sort().join(',')}}`;
      }
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${valueKey(o[k])}`).join(',')}}`;
    }
    default:
      return String(v);
  }
}

/** valueEqual tells whether two JSON-like values are structurally equal (agrees with `valueKey`). */
export function valueEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valueEqual(a[i], b[i])) return false;
    return true;
  }
  return valueKey(a) === valueKey(b);
}

/** hashString is FNV-1a over UTF-16 code units, a 32-bit signed integer. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** hashNumber mixes a number's value into a 32-bit signed integer (integers hash without allocating). */
export function hashNumber(n: number): number {
  if (Number.isInteger(n) && Math.abs(n) <= 0x7fffffff) {
    let h = Math.imul(n ^ (n >>> 16), 0x45d9f3b);
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    return (h ^ (h >>> 16)) | 0;
  }
  return hashString(valueKey(n));
}

/** valueHash is a 32-bit hash consistent with `valueEqual`. */
export function valueHash(v: unknown): number {
  if (typeof v === 'number') return hashNumber(v);
  if (typeof v === 'string') return hashString(v) ^ 0x5bd1e995;
  if (v === null) return 0x3c6ef372;
  return hashString(valueKey(v));
}

/** describeValue renders a value for people: `nil` for null, JSON otherwise (strings quoted). */
export function describeValue(v: unknown): string {
  if (v === null) return 'nil';
  if (v === undefined) return '?';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v) ?? String(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}
