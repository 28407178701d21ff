import type { EngineReply, KvCommand } from './kv-command.js';

/**
 * isKvCommand checks that a value received from a peer is a well-formed KvCommand (the shape the
 * HTTP API would have produced), so a forwarded request can be run as the node's own. Pure.
 */
export function isKvCommand(v: unknown): v is KvCommand {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const c = v as Record<string, unknown>;
  if (typeof c['key'] !== 'string') return false;
  switch (c['op']) {
    case 'get':
      return true;
    case 'put':
    case 'add':
      return 'value' in c;
    case 'cas':
      return 'from' in c && 'to' in c;
    case 'append':
      return typeof c['value'] === 'string';
    case 'incr':
      return typeof c['value'] === 'number' && Number.isFinite(c['value']);
    default:
      return false;
  }
}

/** isEngineReply checks that a value received from a peer is a well-formed EngineReply. Pure. */
export function isEngineReply(v: unknown): v is EngineReply {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  switch (r['kind']) {
    case 'not-leader':
      return r['leader'] === null || typeof r['leader'] === 'string';
    case 'unavailable':
    case 'timeout':
      return true;
    case 'done': {
      const result = r['result'];
      if (typeof result !== 'object' || result === null) return false;
      const x = result as Record<string, unknown>;
      if (x['ok'] === true) return true;
      return x['ok'] === false && (x['error'] === 'compare-failed' || x['error'] === 'wrong-type');
    }
    default:
      return false;
  }
}
