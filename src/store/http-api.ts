import http from 'node:http';
import type { EngineReply, StoreEngine } from './kv-command.js';
import { parseClientRequest } from './parse-client-request.js';
import type { StoreClock } from './store-clock.js';

/** Largest accepted request body in bytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** HttpReply is a status code and a JSON body. */
export interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * replyFor maps an engine reply to HTTP, following the store's error contract: 200 with
 * `{"value"}` for a read and `{"ok":true,"value"}` for a write; 409 `compare-failed` and
 * 400 `wrong-type` (both certainly without effect); 503 `not-leader`/`unavailable` (certainly without
 * effect); 504 `timeout` (may or may not take effect). Pure.
 */
export function replyFor(read: boolean, reply: EngineReply): HttpReply {
  switch (reply.kind) {
    case 'done': {
      const r = reply.result;
      if (r.ok) return { status: 200, body: read ? { value: r.value ?? null } : { ok: true, value: r.value ?? null } };
      return { status: r.error === 'compare-failed' ? 409 : 400, body: { ok: false, error: r.error, value: r.value ?? null } };
    }
    case 'not-leader':
      return { status: 503, body: { error: 'not-leader', leader: reply.leader } };
    case 'unavailable':
      return { status: 503, body: { error: 'unavailable' } };
    case 'timeout':
      return { status: 504, body: { error: 'timeout' } };
  }
}

/** HttpApiOptions is what the client API needs to know about its node. */
export interface HttpApiOptions {
  id: string;
  mode: string;
  engine: StoreEngine;
  clock: StoreClock;
  log: (line: string) => void;
}

/**
 * startHttpApi serves the client API on host:port (keep-alive) and resolves once it listens. Every
 * request gets a JSON answer; an engine that throws yields 500 (a bug), never a crash.
 */
export async function startHttpApi(options: HttpApiOptions, host: string, port: number): Promise<http.Server> {
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    void handle(options, req, res);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

async function handle(options: HttpApiOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let reply: HttpReply;
  try {
    reply = await route(options, req);
  } catch (err) {
    options.log(`http handler failed: ${(err as Error).message}`);
    reply = { status: 500, body: { error: 'internal', message: (err as Error).message } };
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function route(options: HttpApiOptions, req: http.IncomingMessage): Promise<HttpReply> {
  const raw = await readBody(req);
  if (raw === null) return { status: 413, body: { error: 'bad-request', message: `body over ${MAX_BODY_BYTES} bytes` } };
  let body: unknown;
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw);
    } catch {
      return { status: 400, body: { error: 'bad-request', message: 'body is not valid JSON' } };
    }
  }
  const parsed = parseClientRequest(req.method ?? 'GET', req.url ?? '/', body);
  switch (parsed.kind) {
    case 'bad':
      return { status: parsed.status, body: { error: 'bad-request', message: parsed.message } };
    case 'status':
      return {
        status: 200,
        body: {
          id: options.id,
          mode: options.mode,
          ...options.engine.status(),
          clockOffsetMs: options.clock.offsetMs,
          nowMs: options.clock.now(),
        },
      };
    case 'clock':
      options.clock.setOffsetMs(parsed.offsetMs);
      options.log(`clock offset set to ${parsed.offsetMs} ms`);
      return { status: 200, body: { ok: true, clockOffsetMs: parsed.offsetMs } };
    case 'local-read':
      return { status: 200, body: { value: await options.engine.readLocal(parsed.key), node: options.id } };
    case 'kv': {
      const reply = await options.engine.submit(parsed.command, parsed.timeoutMs);
      return replyFor(parsed.command.op === 'get', reply);
    }
  }
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
