/** Shared helpers for local-backend tests: the fake node, HTTP calls with timeouts, pid checks. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** FAKE_NODE is a tiny program speaking the store's node contract (see fixtures/fake-node.mjs). */
export const FAKE_NODE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fake-node.mjs');

const created: string[] = [];

/**
 * isolateRegistry points the run registry at a fresh temp dir for this test file and returns it;
 * it and every tempDir are removed after the file's tests.
 */
export function isolateRegistry(): string {
  const dir = path.join(tempDir('faultline-test-'), 'registry');
  process.env['FAULTLINE_REGISTRY_DIR'] = dir;
  afterAll(() => {
    for (const d of created) fs.rmSync(d, { recursive: true, force: true });
  });
  return dir;
}

/** tempDir makes a fresh temp directory (removed after the file's tests when isolateRegistry was called). */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** alive tells whether a pid exists and is not a zombie (see isAlive). */
export { isAlive as alive } from '../../src/cluster/local/run-registry.js';

/** httpJson calls a node's HTTP API; rejects on timeout (default 10 s: a safety net on a loaded machine). */
export async function httpJson(
  url: string,
  init: { method?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
}

/**
 * eventually retries `fn` every 50 ms until it stops throwing or `timeoutMs` passes (then rethrows).
 * The default is only a safety net: callers wait for a condition, never for a time window.
 */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
