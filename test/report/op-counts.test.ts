/**
 * `faultline report` and `faultline check` count the same operations: the report's "ops checked" is
 * the number check prints for the same file (failed ops, which did not happen, are not checked), and
 * the report says separately how many client ops it draws (failed ones included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHistoryFile } from '../../src/check/check-history-file.js';
import { buildReportData } from '../../src/report/build-report-data.js';
import { loadReportInput } from '../../src/report/load-report-input.js';
import { writeReport } from '../../src/report/write-report.js';
import { writtenReportLine } from '../../src/report/written-report-line.js';
import { runCli } from '../cli/run-cli.js';
import { ev, history } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/histories');

/** A faultline JSONL history with failed ops (not-leader writes and reads), as a raft run records them. */
function jsonlWithFails(): string {
  const rows = [];
  let t = 0;
  for (let i = 0; i < 40; i++) {
    const p = i % 4;
    const fail = i % 3 === 0;
    const f = i % 2 === 0 ? 'write' : 'read';
    rows.push(ev('invoke', p, f, f === 'write' ? i : null, (t += 10), { key: 'k' }));
    if (fail) rows.push(ev('fail', p, f, f === 'write' ? i : null, (t += 10), { key: 'k', node: 'n2', error: 'not-leader' }));
    else rows.push(ev('ok', p, f, f === 'write' ? i : i - 1, (t += 10), { key: 'k', node: 'n1' }));
  }
  return history(...rows)
    .map((e) => JSON.stringify(e))
    .join('\n');
}

describe('report and check count the same ops', () => {
  let dir: string;
  let jsonl: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-op-counts-'));
    jsonl = join(dir, 'fails.jsonl');
    await writeFile(jsonl, `${jsonlWithFails()}\n`);
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['a faultline JSONL history with failed ops', () => jsonl, true],
    // Its failed cas ops count as "compare failed" (they happened), so nothing is dropped here.
    ['a Jepsen etcd log (failed cas kept)', () => join(FIXTURES, 'porcupine-etcd/etcd_013.log'), false],
    ['a Knossos EDN history with failed ops', () => join(FIXTURES, 'knossos/cas-register/good/memstress3-4.edn'), true],
  ])('%s', async (_name, file, dropsFails) => {
    const checked = await checkHistoryFile(file(), { workers: 1 });
    const loaded = await loadReportInput(file(), { workers: 1 });
    const data = buildReportData(loaded.input);
    expect(data.counts.checked).toBe(checked.ops);
    // The drawn ops include the failed ones, so where failed ops are dropped the numbers differ.
    expect(data.counts.fail).toBeGreaterThan(0);
    if (dropsFails) expect(data.counts.ops).toBeGreaterThan(checked.ops);
    else expect(data.counts.ops).toBe(checked.ops);
    const written = await writeReport(file(), { workers: 1, out: join(dir, 'r.html') });
    const line = writtenReportLine(written);
    expect(line).toContain(`${checked.ops} ops checked (${data.counts.ops} client ops drawn, ${data.counts.fail} failed)`);
  });

  it('through the built CLI: `faultline report` prints the number `faultline check` prints', async () => {
    const file = join(FIXTURES, 'knossos/cas-register/good/memstress3-4.edn');
    const check = await runCli(['check', file, '--json']);
    const ops = (JSON.parse(check.stdout) as { files: { ops: number }[] }).files[0]!.ops;
    const report = await runCli(['report', file, '--out', join(dir, 'cli.html')]);
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(new RegExp(`, ${ops} ops checked \\(\\d+ client ops drawn, \\d+ failed\\)`));
  }, 60_000);

  it('the page labels both numbers', async () => {
    const out = join(dir, 'page.html');
    await writeReport(jsonl, { workers: 1, out });
    const html = await (await import('node:fs/promises')).readFile(out, 'utf8');
    const checked = await checkHistoryFile(jsonl, { workers: 1 });
    expect(html).toContain(`<b>${checked.ops}</b><span>ops checked</span>`);
    expect(html).toMatch(/<b>40<\/b><span>client ops drawn<\/span>/);
  });

  it('a history that cannot be paired still renders, with no checked count', () => {
    const events = history(ev('ok', 0, 'read', 1, 10), ev('invoke', 0, 'read', null, 20), ev('ok', 0, 'read', 1, 30));
    const data = buildReportData({ title: 't', source: 's', events, results: [], generatedAt: 'now' });
    expect(data.counts.checked).toBeNull();
    expect(data.counts.ops).toBe(1);
  });
});
