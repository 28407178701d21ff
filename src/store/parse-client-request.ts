import type { KvCommand } from './kv-command.js';

/** ParsedRequest is what one client HTTP request asks for, or why it is malformed. */
export type ParsedRequest =
  | { kind: 'kv'; command: KvCommand; timeoutMs: number }
  | { kind: 'local-read'; key: string }
  | { kind: 'status' }
  | { kind: 'clock'; offsetMs: number }
  | { kind: 'bad'; status: 400 | 404 | 405; message: string };

/** DEFAULT_TIMEOUT_MS is how long a request waits when it has no `?timeout_ms=`. */
export const DEFAULT_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 60_000;

/**
 * parseClientRequest maps an HTTP method, URL (path and query) and parsed JSON body (undefined when
 * there was none) to a request. Pure. Routes: `GET /kv/:key`, `PUT /kv/:key {value}`,
 * `POST /kv/:key/cas {from,to}`, `POST /kv/:key/append {value: string}`, `POST /kv/:key/add {value}`,
 * `POST /kv/:key/incr {value: number}`, `GET /status`, `POST /control/clock {offsetMs}`.
 * `?timeout_ms=N` (1..60000, default 1000) bounds the wait of kv requests. `GET /kv/:key?local=1`
 * (or `local=true`) is a local read: the node answers from its own state at once, in every mode,
 * never forwarding, redirecting or waiting for a leader (what the final reads use to see each node;
 * in quorum mode a node that holds no replica of the key asks the key's replicas instead).
 */
export function parseClientRequest(method: string, url: string, body: unknown): ParsedRequest {
  const q = url.indexOf('?');
  const path = q >= 0 ? url.slice(0, q) : url;
  const params = new URLSearchParams(q >= 0 ? url.slice(q + 1) : '');
  const parts = path.split('/').filter((p) => p !== '');
  if (parts[0] === 'status' && parts.length === 1) {
    return method === 'GET' ? { kind: 'status' } : bad(405, 'use GET /status');
  }
  if (parts[0] === 'control' && parts[1] === 'clock' && parts.length === 2) {
    if (method !== 'POST') return bad(405, 'use POST /control/clock');
    const offsetMs = field(body, 'offsetMs');
    if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) return bad(400, 'body field "offsetMs" must be a number');
    return { kind: 'clock', offsetMs };
  }
  if (parts[0] !== 'kv' || parts.length < 2 || parts.length > 3) return bad(404, `no route ${method} ${path}`);
  let key: string;
  try {
    key = decodeURIComponent(parts[1]!);
  } catch {
    return bad(400, 'the key is not valid URL encoding');
  }
  const rawTimeout = params.get('timeout_ms');
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (rawTimeout !== null) {
    timeoutMs = Number(rawTimeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
      return bad(400, `query "timeout_ms" must be an integer in 1..${MAX_TIMEOUT_MS}`);
    }
  }
  const kv = (command: KvCommand): ParsedRequest => ({ kind: 'kv', command, timeoutMs });
  const action = parts[2];
  const local = params.get('local');
  if (local !== null) {
    if (method !== 'GET' || action !== undefined) return bad(400, 'query "local" applies to GET /kv/:key only');
    if (local !== '1' && local !== 'true') return bad(400, 'query "local" must be 1 or true');
    return { kind: 'local-read', key };
  }
  if (action === undefined) {
    if (method === 'GET') return kv({ op: 'get', key });
    if (method === 'PUT') {
      if (!hasField(body, 'value')) return bad(400, 'body field "value" is required');
      return kv({ op: 'put', key, value: field(body, 'value') ?? null });
    }
    return bad(405, 'use GET or PUT on /kv/:key');
  }
  if (method !== 'POST') return bad(405, `use POST /kv/:key/${action}`);
  switch (action) {
    case 'cas':
      if (!hasField(body, 'from') || !hasField(body, 'to')) return bad(400, 'body fields "from" and "to" are required');
      return kv({ op: 'cas', key, from: field(body, 'from') ?? null, to: field(body, 'to') ?? null });
    case 'append': {
      const value = field(body, 'value');
      if (typeof value !== 'string') return bad(400, 'body field "value" must be a string');
      return kv({ op: 'append', key, value });
    }
    case 'add':
      if (!hasField(body, 'value')) return bad(400, 'body field "value" is required');
      return kv({ op: 'add', key, value: field(body, 'value') ?? null });
    case 'incr': {
      const value = field(body, 'value');
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad(400, 'body field "value" must be a number');
      return kv({ op: 'incr', key, value });
    }
    default:
      return bad(404, `no route ${method} ${path}`);
  }
}

function hasField(body: unknown, name: string): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && name in body;
}

function field(body: unknown, name: string): unknown {
  return hasField(body, name) ? (body as Record<string, unknown>)[name] : undefined;
}

function bad(status: 400 | 404 | 405, message: string): ParsedRequest {
  return { kind: 'bad', status, message };
}
