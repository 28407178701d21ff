/**
 * Lab client ops: `parseHandOp` checks an op asked for on the page (read, write or cas of one key on
 * one node); `runRecordedOp` performs an op through a client and records its invoke and completion
 * in the lab's history, exactly as the runner's workers do (a throw or a timeout is info).
 */
import type { Client, OpRequest } from '../core/client.js';
import type { HistoryEvent } from '../core/event.js';
import type { LabHistory } from './lab-history.js';

/** HandOp is one op a person asked for: `value` is written, `[from, to]` for cas, null for read. */
export interface HandOp {
  node: string;
  f: 'read' | 'write' | 'cas';
  key: string;
  value: unknown;
}

const KEY = /^[A-Za-z0-9_.-]{1,32}$/;

/** parseValue reads a value typed on the page: an integer when it looks like one, else the text. */
export function parseValue(v: unknown): unknown {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (/^-?\d{1,15}$/.test(t)) return Number(t);
  return t === '' ? undefined : t;
}

/** parseHandOp validates a request body; returns the op or a one-line reason it is not one. */
export function parseHandOp(body: unknown, nodes: readonly string[]): HandOp | string {
  if (typeof body !== 'object' || body === null) return 'the body must be a JSON object';
  const b = body as Record<string, unknown>;
  const node = b['node'];
  if (typeof node !== 'string' || !nodes.includes(node)) return `"node" must be one of ${nodes.join(', ')}`;
  const key = b['key'];
  if (typeof key !== 'string' || !KEY.test(key)) return '"key" must be 1–32 letters, digits, "_", "." or "-"';
  switch (b['f']) {
    case 'read':
      return { node, f: 'read', key, value: null };
    case 'write': {
      const value = parseValue(b['value']);
      return value === undefined ? '"value" must be an integer or a non-empty text' : { node, f: 'write', key, value };
    }
    case 'cas': {
      const from = parseValue(b['from']);
      const to = parseValue(b['to']);
      if (from === undefined || to === undefined) return '"from" and "to" must be integers or non-empty texts';
      return { node, f: 'cas', key, value: [from, to] };
    }
    default:
      return '"f" must be read, write or cas';
  }
}

/**
 * runRecordedOp records the invoke of `op` on `lane`, runs it (at most `timeoutMs`), records the
 * completion and returns it. Never rejects: a client that throws gives an info completion.
 */
export async function runRecordedOp(history: LabHistory, client: Client, lane: string, op: OpRequest, timeoutMs: number): Promise<HistoryEvent> {
  const process = history.claimProcess(lane);
  const key = op.key === undefined ? {} : { key: op.key };
  history.append({ type: 'invoke', process, f: op.f, ...key, value: op.value });
  let outcome;
  try {
    outcome = await client.invoke(op, AbortSignal.timeout(timeoutMs));
  } catch (err) {
    outcome = { type: 'info' as const, error: (err as Error).message };
  }
  const value = outcome.type === 'ok' ? (outcome.value ?? null) : op.value;
  const done = history.append({
    type: outcome.type,
    process,
    f: op.f,
    ...key,
    value,
    ...(outcome.node === undefined ? {} : { node: outcome.node }),
    ...(outcome.type !== 'ok' && outcome.error !== undefined ? { error: outcome.error } : {}),
  });
  history.releaseProcess(process, outcome.type);
  return done;
}
