/**
 * Browser test: open real reports in Debian's Chromium (driven by playwright-core) and check that
 * the page runs without console errors, highlights the failing op the checker found, and draws.
 * Screenshots go to test/report/__screenshots__/ (git-ignored) for people to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, openReport } from './report-page.js';
import { writeReport } from '../../src/report/write-report.js';
import { checkHistoryFile } from '../../src/check/check-history-file.js';
import { synthesizeHistory } from '../../src/synth/synth-history.js';
import type { HistoryEvent } from '../../src/core/event.js';

const SHOTS = join(import.meta.dirname, '__screenshots__');
const ETCD = join(import.meta.dirname, '../../fixtures/histories/porcupine-etcd/etcd_000.log');

/** withNemesis adds partition windows to a synthetic history (nemesis events spliced in by time). */
function withNemesis(events: readonly HistoryEvent[], everyNs: number): HistoryEvent[] {
  const end = events[events.length - 1]!.time;
  const nemesis: HistoryEvent[] = [];
  for (let t = everyNs, on = true; t < end; t += everyNs, on = !on) {
    const f = on ? 'start-partition' : 'stop-partition';
    const value = on ? { kind: 'halves', grudge: { n1: ['n3'], n3: ['n1'] } } : null;
    nemesis.push({ index: 0, type: 'invoke', process: 'nemesis', f, value, time: t }, { index: 0, type: 'info', process: 'nemesis', f, value, time: t + 1000 });
  }
  const nodes = ['n1', 'n2', 'n3'];
  const merged = [...events.map((e) => (e.type === 'invoke' || typeof e.process !== 'number' ? e : { ...e, node: nodes[e.process % 3]! })), ...nemesis];
  merged.sort((a, b) => a.time - b.time);
  return merged.map((e, index) => ({ ...e, index }));
}

describe.skipIf(!hasChromium)('report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'faultline-browser-'));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  // redrawn resolves once the page has drawn what the last input asked for: the report draws in a
  // requestAnimationFrame callback, which runs before the second frame's callback.
  async function redrawn(page: Page): Promise<void> {
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
  }

  const open = (file: string): Promise<{ page: Page; errors: string[] }> => openReport(browser, file, 120_000);

  it('highlights the op that cannot be linearized in a real invalid etcd history', async () => {
    const out = join(dir, 'etcd_000.html');
    const written = await writeReport(ETCD, { out, workers: 1 });
    expect(written.valid).toBe(false);
    const { page, errors } = await open(out);
    const hl = await page.locator('#highlighted-op').evaluate((e): Record<string, string | undefined> => ({
      ...(e as unknown as { dataset: Record<string, string> }).dataset,
      text: e.textContent ?? '',
    }));
    // What `faultline check` reports for the same file: the ops that cannot be linearized.
    const checked = await checkHistoryFile(ETCD, { workers: 1 });
    const stuck = checked.result.parts.find((p) => p.valid === false)!.counterexample!.stuck.map((s) => s.op);
    expect(stuck.length).toBeGreaterThan(0);
    expect(hl.op).not.toBe('-1');
    expect(hl.invokeIndexes).toBe(stuck.map((o) => o.invokeIndex).join(','));
    expect(hl.process).toBe(String(stuck[0]!.process));
    expect(hl.text).toContain(stuck[0]!.text);
    expect(Number(hl.prefixOps)).toBeGreaterThan(0);
    await expect(page.locator('.stuck code').first().textContent()).resolves.toBe(`p${stuck[0]!.process} ${stuck[0]!.text}`);
    await expect(page.locator('.cx-title').textContent()).resolves.toContain('not linearizable');
    // The timeline drew the failing op in its highlight colour (sample pixels of the canvas).
    const red = await page.evaluate<number>(`(() => {
      const c = document.getElementById('timeline');
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] === 0xd9 && px[i + 1] === 0x2d && px[i + 2] === 0x20) n++;
      return n;
    })()`);
    expect(red).toBeGreaterThan(20);
    await page.screenshot({ path: join(SHOTS, 'etcd_000.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('draws a 20k-op multi-key history with faults, navigates failures and zooms without errors', async () => {
    const synth = synthesizeHistory({ workload: 'cas-register', ops: 20_000, keys: 20, processes: 10, plantStale: 3, infoRate: 0.01, seed: 5 });
    const file = join(dir, 'synth.jsonl');
    await writeFile(file, withNemesis(synth.events, 300_000_000).map((e) => JSON.stringify(e)).join('\n') + '\n');
    const out = join(dir, 'synth.html');
    await writeReport(file, { out, workers: 1 });
    const { page, errors } = await open(out);
    await expect(page.locator('#fail-pos').textContent()).resolves.toBe('failure 1 of 3');
    const parts: string[] = [];
    for (let i = 0; i < 3; i++) {
      parts.push((await page.locator('#highlighted-op').getAttribute('data-part'))!);
      if (i < 2) await page.click('#next-fail');
    }
    expect(parts.sort()).toEqual(synth.plantedKeys);
    await page.screenshot({ path: join(SHOTS, 'synth-failure.png'), fullPage: false });
    await page.click('#fit-all');
    const box = (await page.locator('#timeline').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 200, box.y + box.height / 2);
    await page.mouse.up();
    await redrawn(page);
    const status = await page.locator('#tl-status').textContent();
    expect(status).toMatch(/ops visible/);
    await page.click('#fit-all');
    await redrawn(page);
    await page.screenshot({ path: join(SHOTS, 'synth-overview.png'), fullPage: true });
    expect(await page.locator('#availability-windows tr').count()).toBeGreaterThan(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
