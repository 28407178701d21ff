/**
 * report-bench: how long a 100,000-op report takes to build and how big it is (targets: < 3 s,
 * < 15 MB), and, when Debian's Chromium is installed, how long the page takes to open and redraw.
 * The history is synthetic (synthesizeHistory, 100k ops over 100 keys, 3 planted stale reads) with
 * partition windows spliced in; the linearizability check is timed apart from the report.
 * Run: `npm run bench -- --section report`, or `node dist/bench/report-bench.js [ops]`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HistoryEvent } from '../src/core/event.js';
import { checkEvents } from '../src/report/load-report-input.js';
import { writeReportFile } from '../src/report/write-report.js';
import { synthesizeHistory } from '../src/synth/synth-history.js';

const CHROMIUM = '/usr/bin/chromium';

/** spliceFaults adds a partition start/stop every `everyNs` and a node per completion (n1..n3). */
function spliceFaults(events: readonly HistoryEvent[], everyNs: number): HistoryEvent[] {
  const end = events[events.length - 1]?.time ?? 0;
  const out: HistoryEvent[] = events.map((e) => (e.type === 'invoke' || typeof e.process !== 'number' ? e : { ...e, node: `n${(e.process % 3) + 1}` }));
  for (let t = everyNs, on = true; t < end; t += everyNs, on = !on) {
    const f = on ? 'start-partition' : 'stop-partition';
    const value = on ? { kind: 'halves' } : null;
    out.push({ index: 0, type: 'invoke', process: 'nemesis', f, value, time: t }, { index: 0, type: 'info', process: 'nemesis', f, value, time: t + 1000 });
  }
  out.sort((a, b) => a.time - b.time);
  return out.map((e, index) => ({ ...e, index }));
}

async function main(): Promise<void> {
  const ops = Number(process.argv[2] ?? 100_000);
  const t0 = performance.now();
  const synth = synthesizeHistory({ workload: 'cas-register', ops, keys: 100, processes: 20, plantStale: 3, infoRate: 0.01, seed: 11 });
  const events = spliceFaults(synth.events, 1_000_000_000);
  const t1 = performance.now();
  const checked = await checkEvents(events, 'jsonl');
  const t2 = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'faultline-report-bench-'));
  try {
    const out = join(dir, 'report.html');
    const input = { title: 'report bench', source: 'synthetic', events, results: [checked.result], generatedAt: new Date().toISOString() };
    const t3 = performance.now();
    const written = await writeReportFile(input, out);
    const t4 = performance.now();
    console.log('report: %d ops, %d events, %d fault windows expected', ops, events.length, Math.floor(events[events.length - 1]!.time / 1e9));
    console.log('  synthesize        %s ms', (t1 - t0).toFixed(0));
    console.log('  check (lin.)      %s ms  verdict %s, %d failures', (t2 - t1).toFixed(0), String(checked.result.valid), written.failures);
    console.log('  build + render    %s ms  (data + HTML, in memory)', written.renderMs.toFixed(0));
    console.log('  build + write     %s ms  (target < 3000 ms)', (t4 - t3).toFixed(0));
    console.log('  size              %s MB  (target < 15 MB)', (written.bytes / 1e6).toFixed(2));
    if (existsSync(CHROMIUM)) await timeInBrowser(out);
    else console.log('  browser           skipped (%s missing)', CHROMIUM);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** timeInBrowser opens the report in headless Chromium: time to first full draw, then a zoom-out redraw. */
async function timeInBrowser(file: string): Promise<void> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const t0 = performance.now();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const t1 = performance.now();
    // Fit all (every op in view) and time the synchronous redraw of the three canvases.
    const fitMs = await page.evaluate<number>(`(() => {
      const s = performance.now();
      document.getElementById('fit-all').click();
      return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - s))));
    })()`);
    console.log('  browser open      %s ms  (load, parse, first draw)', (t1 - t0).toFixed(0));
    console.log('  browser fit-all   %s ms  (redraw with every op in view)', fitMs.toFixed(0));
    if (errors.length > 0) console.log('  browser errors    %s', errors.join('; '));
  } finally {
    await browser.close();
  }
}

await main();
