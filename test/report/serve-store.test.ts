import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRuns, readVerdict } from '../../src/report/list-runs.js';
import { renderRunIndex, runTime } from '../../src/report/render-run-index.js';
import { serveStore } from '../../src/report/serve-store.js';
import type { StartedServer } from '../../src/report/serve-store.js';

const HISTORY = ['{"type":"invoke","process":0,"f":"write","value":1,"time":0}', '{"type":"ok","process":0,"f":"write","value":1,"time":5}'].join('\n') + '\n';

describe('listRuns, renderRunIndex and serveStore', () => {
  let store: string;
  let server: StartedServer;
  beforeAll(async () => {
    store = await mkdtemp(join(tmpdir(), 'faultline-store-'));
    const runs: [string, string, unknown][] = [
      ['register', '20260101T000000000Z', { valid: true, checkers: [{ checker: 'linearizable', valid: true, parts: [] }] }],
      ['register', '20260102T000000000Z', { valid: false, checkers: [{ checker: 'linearizable', valid: false, parts: [] }] }],
      ['set', '20260103T000000000Z', undefined],
    ];
    for (const [name, stamp, results] of runs) {
      const dir = join(store, name, stamp);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'history.jsonl'), HISTORY);
      if (results !== undefined) await writeFile(join(dir, 'results.json'), JSON.stringify(results));
    }
    await mkdir(join(store, 'set', 'not-a-run'), { recursive: true });
    server = await serveStore(store, 0);
  });
  afterAll(async () => {
    await server.close();
    await rm(store, { recursive: true, force: true });
  });

  it('lists runs newest first with verdicts, skipping directories without a history', async () => {
    const runs = await listRuns(store);
    expect(runs.map((r) => [r.path, r.valid, r.hasReport])).toEqual([
      ['set/20260103T000000000Z', null, false],
      ['register/20260102T000000000Z', false, false],
      ['register/20260101T000000000Z', true, false],
    ]);
    expect(runs[0]!.note).toContain('no results.json');
  });
  it('reads verdicts from results.json, merging checkers when there is no overall one', async () => {
    const f = join(store, 'v.json');
    await writeFile(f, JSON.stringify([{ checker: 'a', valid: true }, { checker: 'b', valid: 'unknown' }]));
    expect(await readVerdict(f)).toEqual({ valid: 'unknown', note: '' });
    await writeFile(f, '{');
    expect((await readVerdict(f)).valid).toBeNull();
  });
  it('renders the index with links and escapes names', () => {
    const html = renderRunIndex('/s<', [{ name: 'a<b', timestamp: '20260101T010203004Z', path: 'a<b/x', mtimeMs: 0, valid: false, note: '', hasReport: true }]);
    expect(html).toContain('/run/a%3Cb/20260101T010203004Z/report.html');
    expect(html).toContain('<b>a&lt;b</b>');
    expect(html).toContain('2026-01-01 01:02:03 UTC');
    expect(runTime('whatever')).toBe('whatever');
  });
  it('listens on 127.0.0.1 only and serves the list', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('register');
    expect(body).toContain('3 runs · 1 valid · 1 invalid · 0 unknown · 1 not checked');
  });
  it('renders a missing report on first open and saves it in the run', async () => {
    const res = await fetch(`${server.url}run/register/20260102T000000000Z/report.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('id="report-data"');
    expect((await stat(join(store, 'register', '20260102T000000000Z', 'report.html'))).size).toBeGreaterThan(1000);
  });
  it.each([
    ['run/register/20260101T000000000Z/results.json', 200],
    ['run/register/20260101T000000000Z/test.json', 404],
    ['run/register/20260101T000000000Z/secret.txt', 404],
    ['run/..%2F..%2Fetc/passwd/history.jsonl', 404],
    ['run/%2E%2E/x/history.jsonl', 404],
    ['run/nosuch/x/report.html', 404],
    ['elsewhere', 404],
  ])('GET /%s → %d', async (path, status) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(status);
  });
});
