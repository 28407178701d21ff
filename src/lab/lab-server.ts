/**
 * startLabServer: the lab's web server (node:http, bound to 127.0.0.1 only). Routes:
 * `GET /` the page; `GET /events` the live stream (server-sent events: hello, op, state, verdict);
 * `GET /api/state`; `GET /history.jsonl` the history so far; `POST /api/fault`, `/api/op`,
 * `/api/workload`, `/api/mode`, `/api/save` (JSON bodies; a request that is not
 * `content-type: application/json`, or comes from another origin, is refused, so no other web page
 * can drive the lab). Errors are `{error}`: with 400 for a malformed request, with 200 when the
 * cluster refused (the page shows it; a browser logs every 4xx as a console error).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { FaultlineError } from '../core/errors.js';
import type { StoreMode } from '../cluster/local/start-local-cluster.js';
import type { QuorumGiven } from '../cluster/local/quorum-options.js';
import { parseLabAction } from './lab-action.js';
import { parseHandOp } from './lab-op.js';
import { renderLabPage } from './render-lab-page.js';
import type { LabMessage, LabSession } from './lab-session.js';

/** LAB_HOST: the only address `faultline lab` listens on. */
export const LAB_HOST = '127.0.0.1';

const MAX_BODY_BYTES = 16 * 1024;

/** StartedLabServer is a listening server: its URL and a way to stop it (closing every stream). */
export interface StartedLabServer {
  url: string;
  port: number;
  /** attach serves `session` (the server answers 503 until a session is attached). */
  attach(session: LabSession): void;
  close(): Promise<void>;
}

/**
 * listenLab binds the server on `port` (0 = any free port) before any cluster starts, so a taken
 * port costs nothing. Throws FaultlineError('environment') when the port is in use or cannot be bound.
 */
export async function listenLab(port: number): Promise<StartedLabServer> {
  let session: LabSession | undefined;
  const server: Server = createServer((req, res) => {
    if (session === undefined) return send(res, 503, { error: 'the lab is starting' });
    handle(session, req, res).catch((err: unknown) => {
      // A refusal by the cluster is an answer the page shows (200 with `error`), not a broken request.
      if (!res.headersSent) send(res, err instanceof FaultlineError && err.code !== 'internal' ? 200 : 500, { error: (err as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'the port is in use (choose another with --port)' : err.message;
      reject(new FaultlineError('environment', `cannot listen on ${LAB_HOST}:${port}: ${why}`, { cause: err }));
    });
    server.listen(port, LAB_HOST, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://${LAB_HOST}:${bound}/`,
    port: bound,
    attach: (s) => {
      session = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(session: LabSession, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${LAB_HOST}`);
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  switch (route) {
    case 'GET /':
      return sendText(res, 200, 'text/html; charset=utf-8', renderLabPage());
    case 'GET /events':
      return stream(session, req, res);
    case 'GET /api/state':
      return send(res, 200, session.state());
    case 'GET /history.jsonl':
      return sendText(res, 200, 'application/x-ndjson; charset=utf-8', session.historyJsonl(), `lab-${session.mode}-history.jsonl`);
  }
  if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) return send(res, 404, { error: 'not found' });
  const body = await readJson(req);
  if (typeof body === 'string') return send(res, 400, { error: body });
  switch (url.pathname) {
    case '/api/fault': {
      const action = parseLabAction(body, session.nodeNames);
      if (typeof action === 'string') return send(res, 400, { error: action });
      return send(res, 200, await session.apply(action));
    }
    case '/api/op': {
      const op = parseHandOp(body, session.nodeNames);
      if (typeof op === 'string') return send(res, 400, { error: op });
      return send(res, 200, await session.runHandOp(op));
    }
    case '/api/workload': {
      const on = (body as { on?: unknown }).on;
      if (typeof on !== 'boolean') return send(res, 400, { error: '"on" must be true or false' });
      return send(res, 200, await session.setWorkload(on));
    }
    case '/api/mode': {
      const mode = (body as { mode?: unknown }).mode;
      const modes = session.state().modes;
      if (typeof mode !== 'string' || !modes.includes(mode)) return send(res, 400, { error: `"mode" must be one of ${modes.join(', ')}` });
      const quorum = parseQuorumGiven(body);
      if (typeof quorum === 'string') return send(res, 400, { error: quorum });
      return send(res, 200, await session.switchMode(mode as StoreMode, quorum));
    }
    case '/api/save':
      return send(res, 200, await session.save());
  }
  return send(res, 404, { error: 'not found' });
}

// One SSE stream: `event: <type>` + `data: <json>` per message; a comment every 15 s keeps it open.
function stream(session: LabSession, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  const write = (m: LabMessage): void => {
    res.write(`event: ${m.type}\ndata: ${JSON.stringify(m)}\n\n`);
  };
  const unsubscribe = session.subscribe(write);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  keepAlive.unref();
  const end = (): void => {
    clearInterval(keepAlive);
    unsubscribe();
  };
  req.on('close', end);
  res.on('error', end);
}

// Quorum mode's knobs in a mode switch: integers replicas, r, w and a boolean sloppy, each optional.
function parseQuorumGiven(body: unknown): QuorumGiven | undefined | string {
  const b = body as Record<string, unknown>;
  const given: QuorumGiven = {};
  for (const k of ['replicas', 'r', 'w'] as const) {
    const v = b[k];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) return `"${k}" must be an integer`;
    given[k] = v;
  }
  if (b['sloppy'] !== undefined) {
    if (typeof b['sloppy'] !== 'boolean') return '"sloppy" must be true or false';
    given.sloppy = b['sloppy'];
  }
  return Object.keys(given).length === 0 ? undefined : given;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) return 'send the body as application/json';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return `requests from ${origin} are not accepted`;
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return 'the body is too large';
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
  } catch {
    return 'the body is not valid JSON';
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, type: string, body: string, download?: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...(download === undefined ? {} : { 'content-disposition': `attachment; filename="${download}"` }),
  });
  res.end(body);
}
