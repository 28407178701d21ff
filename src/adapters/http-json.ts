/**
 * httpJson: one JSON request over node:http with a shared keep-alive Agent, classifying failures by
 * whether the request can have reached the server.
 */
import http from 'node:http';

/** HttpJsonReply is a response status and its parsed JSON body (null when not JSON). */
export interface HttpJsonReply {
  status: number;
  body: Record<string, unknown> | null;
}

/**
 * HttpFailure says why no response came: `refused` (the connection was never made: nothing was
 * sent), `aborted` (the signal fired) or `lost` (sent or possibly sent, no answer).
 */
export class HttpFailure extends Error {
  constructor(
    readonly kind: 'refused' | 'aborted' | 'lost',
    message: string,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }
}

const NOT_SENT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EADDRNOTAVAIL']);

/** httpJson sends `method path` with an optional JSON body; rejects with HttpFailure only. */
export function httpJson(
  agent: http.Agent,
  target: { host: string; port: number },
  method: string,
  path: string,
  body: unknown,
  signal: AbortSignal,
): Promise<HttpJsonReply> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new HttpFailure('aborted', 'aborted before sending'));
      return;
    }
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (text !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(text);
    }
    const req = http.request({ host: target.host, port: target.port, method, path, agent, headers, signal });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => reject(new HttpFailure(signal.aborted ? 'aborted' : 'lost', err.message)));
      res.on('end', () => {
        let parsed: Record<string, unknown> | null = null;
        try {
          const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (v !== null && typeof v === 'object') parsed = v as Record<string, unknown>;
        } catch {
          parsed = null;
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (signal.aborted) reject(new HttpFailure('aborted', 'timed out or cancelled'));
      else if (err.code !== undefined && NOT_SENT.has(err.code)) reject(new HttpFailure('refused', `${err.code} ${target.host}:${target.port}`));
      else reject(new HttpFailure('lost', err.code ?? err.message));
    });
    req.end(text);
  });
}
