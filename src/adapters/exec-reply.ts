/**
 * parseReplyLine: one line of an exec adapter's stdout against the protocol of docs/exec-adapter.md.
 * Pure. Every non-blank line must be a reply: a JSON object whose `id` names a request already sent
 * and whose `type` is ok, fail or info. Anything else is a protocol violation, which stops the run.
 */

/** ExecReply is one reply of the program. */
export interface ExecReply {
  id: number;
  type: 'ok' | 'fail' | 'info';
  value?: unknown;
  error?: unknown;
  node?: string;
  client?: unknown;
}

/**
 * ParsedLine: a blank line (ignored); a reply; or a violation (a message for people), which may still
 * name the request it answers (`id`) so that request can be settled as info.
 */
export type ParsedLine =
  | { kind: 'blank' }
  | { kind: 'reply'; reply: ExecReply }
  | { kind: 'violation'; message: string; id?: number };

const TYPES = new Set(['ok', 'fail', 'info']);

/** parseReplyLine checks `line`; `lastId` is the highest request id sent so far (ids start at 1). */
export function parseReplyLine(line: string, lastId: number): ParsedLine {
  if (line.trim() === '') return { kind: 'blank' };
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { kind: 'violation', message: `is not JSON: ${quote(line)}` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { kind: 'violation', message: `is not a JSON object: ${quote(line)}` };
  const r = v as Record<string, unknown>;
  const id = r['id'];
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > lastId) {
    return { kind: 'violation', message: `has "id" ${show(id)}, which names no request sent: ${quote(line)}` };
  }
  if (typeof r['type'] !== 'string' || !TYPES.has(r['type'])) {
    return { kind: 'violation', message: `answers request ${id} with "type" ${show(r['type'])} (expected "ok", "fail" or "info")`, id };
  }
  if (r['node'] !== undefined && typeof r['node'] !== 'string') {
    return { kind: 'violation', message: `answers request ${id} with a "node" that is not a string: ${quote(line)}`, id };
  }
  return { kind: 'reply', reply: r as unknown as ExecReply };
}

/** show is a JSON value for a message ("none" when absent), at most 40 characters. */
function show(v: unknown): string {
  const text = JSON.stringify(v) ?? 'none';
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** quote shows untrusted text safely: JSON-escaped (control characters and binary included), at most 80 characters. */
function quote(text: string): string {
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text);
}
