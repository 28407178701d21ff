/**
 * serveStore: the local web server of `faultline serve` (node:http, bound to 127.0.0.1 only).
 * Routes: `/` the run list; `/run/<name>/<timestamp>/report.html` the run's report (rendered and
 * saved first when the run has none yet); `/run/<name>/<timestamp>/{history.jsonl,results.json,
 * test.json}` the raw files. Path segments must match SAFE_SEGMENT, so nothing outside the store
 * is ever read.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FaultlineError } from '../core/errors.js';
import { listRuns, SAFE_SEGMENT } from './list-runs.js';
import { RUN_FILES } from './load-report-input.js';
import { renderRunIndex } from './render-run-index.js';
import { writeReport } from './write-report.js';

/** SERVE_HOST: the only address `faultline serve` listens on. */
export const SERVE_HOST = '127.0.0.1';

const RAW_FILES: Record<string, string> = {
  [RUN_FILES.history]: 'text/plain; charset=utf-8',
  [RUN_FILES.results]: 'application/json; charset=utf-8',
  [RUN_FILES.test]: 'application/json; charset=utf-8',
};

/** StartedServer is a listening server: its URL and a way to stop it. */
export interface StartedServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * serveStore starts the server for `store` on `port` (0 = any free port). Throws
 * FaultlineError('environment') when the port is taken or cannot be bound.
 */
export async function serveStore(store: string, port: number): Promise<StartedServer> {
  const server = createServer((req, res) => {
    handle(store, req, res).catch((err: unknown) => send(res, 500, 'text/plain; charset=utf-8', `faultline serve: ${(err as Error).message}\n`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        new FaultlineError('environment', `cannot listen on ${SERVE_HOST}:${port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`, {
          hint: 'choose another port with --port',
          cause: err,
        }),
      );
    });
    server.listen(port, SERVE_HOST, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://${SERVE_HOST}:${bound}/`,
    port: bound,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function handle(store: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
  const path = new URL(req.url ?? '/', `http://${SERVE_HOST}`).pathname;
  if (path === '/' || path === '/index.html') {
    return send(res, 200, 'text/html; charset=utf-8', renderRunIndex(store, await listRuns(store)));
  }
  const m = /^\/run\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
  const name = m === null ? '' : safeDecode(m[1]!);
  const stamp = m === null ? '' : safeDecode(m[2]!);
  const file = m === null ? '' : m[3]!;
  if (m === null || !SAFE_SEGMENT.test(name) || !SAFE_SEGMENT.test(stamp)) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  const dir = join(store, name, stamp);
  if (file === RUN_FILES.report) {
    const out = join(dir, RUN_FILES.report);
    if ((await stat(out).catch(() => undefined)) === undefined) {
      if ((await stat(join(dir, RUN_FILES.history)).catch(() => undefined)) === undefined) return send(res, 404, 'text/plain; charset=utf-8', 'no such run\n');
      await writeReport(dir, { out });
    }
    return send(res, 200, 'text/html; charset=utf-8', await readFile(out));
  }
  const type = RAW_FILES[file];
  if (type === undefined) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  const body = await readFile(join(dir, file)).catch(() => undefined);
  if (body === undefined) return send(res, 404, 'text/plain; charset=utf-8', `${file} not found in this run\n`);
  return send(res, 200, type, body);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
