/**
 * Reports of histories above the op cap: the report keeps whole keys (failing and unknown ones
 * first, then the first keys in key order) and every nemesis op, says so in the page and in
 * `faultline report`'s output, and still counts and charts every op. The cap is passed small so the
 * synthetic history stays small.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRunHistory } from '../../src/report/load-run-history.js';
import { buildReportData } from '../../src/report/build-report-data.js';
import { loadReportInput } from '../../src/report/load-report-input.js';
import { writeReport } from '../../src/report/write-report.js';
import { writtenReportLine } from '../../src/report/written-report-line.js';
import { selectReportKeys } from '../../src/report/select-report-keys.js';
import type { HistoryEvent } from '../../src/core/event.js';
import { ev, history } from './helpers.js';

const KEYS = 40;
const OPS = 4000; // 100 per key
const CAP = 500;

/** A run of OPS client ops over KEYS keys (8 processes), with fails, infos, two nodes and one partition. */
function syntheticRun(): HistoryEvent[] {
  const rows: HistoryEvent[] = [];
  let t = 0;
  rows.push(ev('invoke', 'nemesis', 'start-partition', 'halves', (t += 5)));
  rows.push(ev('info', 'nemesis', 'start-partition', 'halves', (t += 5)));
  for (let i = 0; i < OPS; i++) {
    const p = i % 8;
    const key = `k${i % KEYS}`;
    const f = i % 2 === 0 ? 'write' : 'read';
    const node = i % 3 === 0 ? 'n1' : 'n2';
    rows.push(ev('invoke', p, f, f === 'write' ? i : null, (t += 7), { key }));
    const done = i % 11 === 0 ? 'fail' : i % 13 === 0 ? 'info' : 'ok';
    rows.push(ev(done, p, f, f === 'write' ? i : i - 1, t + 50 + ((i * 37) % 900), { key, node }));
    t += 1000;
    if (i === OPS / 2) {
      rows.push(ev('invoke', 'nemesis', 'stop-partition', null, (t += 5)));
      rows.push(ev('info', 'nemesis', 'stop-partition', null, (t += 5)));
    }
  }
  return history(...rows);
}

const part = (key: string, valid: boolean | 'unknown'): Record<string, unknown> => ({ part: key, ops: 100, valid, elapsedMs: 1, ...(valid === 'unknown' ? { reason: 'time budget' } : {}) });

describe('report of a history above the op cap', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-large-report-'));
    await writeFile(join(dir, 'history.jsonl'), syntheticRun().map((e) => JSON.stringify(e)).join('\n') + '\n');
    const parts = Array.from({ length: KEYS }, (_, k) => part(`k${k}`, k === 37 ? false : k === 21 ? 'unknown' : true));
    await writeFile(join(dir, 'results.json'), JSON.stringify({ valid: false, checkers: [{ checker: 'linearizable', model: 'register', valid: false, parts, elapsedMs: 1 }] }));
    await writeFile(join(dir, 'test.json'), JSON.stringify({ name: 'big' }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the failing and unknown keys first, then whole keys in key order, and every nemesis op', async () => {
    const results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')).checkers;
    const h = await loadRunHistory(join(dir, 'history.jsonl'), results, { cap: CAP });
    const clientInvokes = h.events.filter((e) => typeof e.process === 'number' && e.type === 'invoke');
    expect(clientInvokes.length).toBe(CAP);
    expect(new Set(clientInvokes.map((e) => e.key))).toEqual(new Set(['k37', 'k21', 'k0', 'k1', 'k2']));
    expect(h.events.filter((e) => e.process === 'nemesis')).toHaveLength(4);
    expect(h.events.length).toBeLessThanOrEqual(2 * CAP + 4);
    expect(h.note).toMatch(/^showing 500 of 4,000 client operations \(5 of 40 keys: the 2 failing or unknown keys and the first 3 other keys in key order/);
    expect(h.totals?.ops).toBe(OPS);
  });

  it('counts, charts and availability cover every op, as in the uncapped report', async () => {
    const capped = buildReportData((await loadReportInput(dir, { opCap: CAP, now: new Date(0) })).input);
    const whole = buildReportData((await loadReportInput(dir, { opCap: 1e9, now: new Date(0) })).input);
    expect(whole.ops.count).toBe(OPS);
    expect(capped.ops.count).toBe(CAP);
    expect(capped.counts).toEqual(whole.counts);
    expect(capped.counts.ops).toBe(OPS);
    expect(capped.availability).toEqual(whole.availability);
    expect(capped.faults).toEqual(whole.faults);
    expect(capped.startNs).toBe(whole.startNs);
    expect(capped.spanNs).toBe(whole.spanNs);
    const [a, b] = [capped.series, whole.series];
    expect([a.startNs, a.bucketNs, a.ok, a.fail, a.info, a.max]).toEqual([b.startNs, b.bucketNs, b.ok, b.fail, b.info, b.max]);
    for (let i = 0; i < b.p50.length; i++) {
      for (const [x, y] of [[a.p50[i]!, b.p50[i]!], [a.p95[i]!, b.p95[i]!]] as const) {
        expect(x).toBeGreaterThanOrEqual(y);
        expect(x).toBeLessThanOrEqual(Math.ceil(y * 1.01) + 1);
      }
    }
    expect(whole.notes.some((n) => n.startsWith('showing'))).toBe(false);
  });

  it('says what was left out in the page and in the written line', async () => {
    const out = join(dir, 'capped.html');
    const w = await writeReport(dir, { opCap: CAP, out });
    expect(w.ops).toBe(OPS);
    expect(w.shownOps).toBe(CAP);
    const line = writtenReportLine(w);
    expect(line).toContain('showing 500 of 4,000 client operations');
    expect(line).toContain('4000 client ops, 500 drawn');
    expect(line).toContain('the full history is');
    const html = await readFile(out, 'utf8');
    expect(html).toContain('showing 500 of 4,000 client operations');
    expect(html).toContain('client ops drawn');
    const full = await writeReport(dir, { opCap: 1e9, out: join(dir, 'full.html') });
    expect(full.truncated).toBeUndefined();
    expect(writtenReportLine(full)).not.toContain('showing');
  });

  it('keeps at least one failing key even when it alone exceeds the cap', () => {
    const sel = selectReportKeys(new Map([['a', 10], ['b', 900], ['c', 5]]), ['b', 'c'], 100);
    expect([...sel.keep]).toEqual(['b']);
    expect(sel.failingKept).toBe(1);
    expect(sel.failing).toBe(2);
  });
});
