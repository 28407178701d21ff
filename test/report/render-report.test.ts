import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildReportData, decodeCallNs, testFields } from '../../src/report/build-report-data.js';
import type { ReportData } from '../../src/report/build-report-data.js';
import { renderReportHtml } from '../../src/report/render-report-html.js';
import { embedJson, escapeHtml } from '../../src/report/html-escape.js';
import { defaultReportPath, loadReportInput } from '../../src/report/load-report-input.js';
import { writeReport } from '../../src/report/write-report.js';
import { synthesizeHistory } from '../../src/synth/synth-history.js';
import { FaultlineError } from '../../src/core/errors.js';
import { ev, history } from './helpers.js';

/** embeddedData pulls the JSON back out of a rendered report. */
function embeddedData(html: string): ReportData {
  const m = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!) as ReportData;
}

describe('escapeHtml and embedJson', () => {
  it('escapes markup', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('keeps </script> and line separators out of the JSON text and round-trips', () => {
    const data = { s: '</script><!-- & \u2028 \u2029' };
    const text = embedJson(data);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(data);
  });
});

describe('buildReportData + renderReportHtml', () => {
  const h = history(
    ev('invoke', 'nemesis', 'start-partition', { kind: 'halves' }, 1000),
    ev('info', 'nemesis', 'start-partition', { kind: 'halves' }, 1100),
    ev('invoke', 0, 'write', '</script><b>x</b>', 1200, { key: 'k1' }),
    ev('ok', 0, 'write', '</script><b>x</b>', 1500, { key: 'k1', node: 'n1' }),
    ev('invoke', 'nemesis', 'stop-partition', null, 2000),
    ev('info', 'nemesis', 'stop-partition', null, 2100),
  );
  const data = buildReportData({
    title: 'demo <run>',
    source: '/tmp/x',
    events: h,
    results: [{ checker: 'linearizable', valid: true, parts: [{ part: 'k1', ops: 1, valid: true, elapsedMs: 0 }] }],
    test: { name: 'demo', seed: 7, nemesis: { kinds: ['partition'], intervalMs: 100 } },
    generatedAt: '2026-01-01T00:00:00.000Z',
    notes: ['a note'],
  });
  it('makes times relative to the first event', () => {
    expect(data.startNs).toBe(1000);
    expect(data.spanNs).toBe(1100);
    expect(decodeCallNs(data.ops)).toEqual([200]);
    expect(data.ops.durNs).toEqual([300]);
    expect(data.faults.map((f) => [f.label, f.fromNs, f.toNs])).toEqual([['partition halves', 0, 1100]]);
  });
  it('renders one self-contained document whose embedded data round-trips', () => {
    const html = renderReportHtml(data);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//);
    expect(embeddedData(html)).toEqual(JSON.parse(JSON.stringify(data)));
    expect(html).toContain('demo &lt;run&gt;');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('id="highlighted-op"');
    expect(html).toContain('<li>a note</li>');
    expect(html).toContain('<th>nemesis.kinds</th><td>[&quot;partition&quot;]</td>');
  });
  it('flattens test.json one level', () => {
    expect(testFields({ a: 1, b: { c: 'x', d: { e: 1 } }, l: [1, 2] })).toEqual([
      ['a', '1'],
      ['b.c', 'x'],
      ['b.d', '{"e":1}'],
      ['l', '[1,2]'],
    ]);
  });
});

describe('loadReportInput and writeReport', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('checks a bare history itself and finds the planted stale read', async () => {
    const synth = synthesizeHistory({ workload: 'cas-register', ops: 400, keys: 4, processes: 5, plantStale: 1, seed: 3 });
    const file = join(dir, 'synth.jsonl');
    await writeFile(file, synth.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const written = await writeReport(file, { workers: 1 });
    expect(written.out).toBe(join(dir, 'synth.report.html'));
    expect(written.valid).toBe(false);
    const data = embeddedData(await readFile(written.out, 'utf8'));
    expect(data.failures.map((f) => f.part)).toEqual(synth.plantedKeys);
    const stuck = data.failures[0]!.stuck[0]!;
    expect(stuck.op).toBeGreaterThanOrEqual(0);
    expect(data.ops.process[stuck.op]).toBe(stuck.process);
    expect(data.summary.checkers[0]!.counts.invalid).toBe(1);
  });

  it('reads a run directory with results.json and test.json without checking again', async () => {
    const run = join(dir, 'store', 'register', '20260101T000000000Z');
    await mkdir(run, { recursive: true });
    const h = history(ev('invoke', 0, 'write', 1, 0), ev('ok', 0, 'write', 1, 5));
    await writeFile(join(run, 'history.jsonl'), h.map((e) => JSON.stringify(e)).join('\n') + '\n');
    await writeFile(join(run, 'test.json'), JSON.stringify({ name: 'register', seed: 42 }));
    await writeFile(join(run, 'results.json'), JSON.stringify({ valid: 'unknown', checkers: [{ checker: 'set', valid: 'unknown', reason: 'no final read' }] }));
    const loaded = await loadReportInput(run, { now: new Date(0) });
    expect(loaded.defaultOut).toBe(join(run, 'report.html'));
    expect(loaded.input.title).toBe('register · 20260101T000000000Z');
    expect(loaded.input.results.map((r) => r.checker)).toEqual(['set']);
    expect(loaded.input.test).toEqual({ name: 'register', seed: 42 });
    expect(loaded.input.generatedAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it('reports a missing path, a directory that is not a run and bad JSON as input errors', async () => {
    await expect(loadReportInput(join(dir, 'nope'))).rejects.toThrow(/no such run directory or history file/);
    await expect(loadReportInput(dir)).rejects.toThrow(/not a run directory \(no history.jsonl\)/);
    const run = join(dir, 'store', 'bad', 'x');
    await mkdir(run, { recursive: true });
    await writeFile(join(run, 'history.jsonl'), '');
    await writeFile(join(run, 'results.json'), '{oops');
    const err = await loadReportInput(run).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaultlineError);
    expect((err as FaultlineError).code).toBe('input');
    expect((err as Error).message).toContain('results.json: not valid JSON');
  });

  it('rejects an unknown model as a usage error', async () => {
    const file = join(dir, 'one.jsonl');
    await writeFile(file, JSON.stringify({ type: 'invoke', process: 0, f: 'write', value: 1, time: 0 }) + '\n');
    const err = await loadReportInput(file, { model: 'nosuch' }).catch((e: unknown) => e);
    expect((err as FaultlineError).code).toBe('usage');
  });

  it.each([
    ['/a/b/history.jsonl', '/a/b/report.html'],
    ['/a/b/etcd_000.log', '/a/b/etcd_000.report.html'],
    ['/a/b/noext', '/a/b/noext.report.html'],
  ])('defaultReportPath(%s) = %s', (file, out) => {
    expect(defaultReportPath(file)).toBe(out);
  });
});
