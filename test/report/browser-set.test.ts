/**
 * Browser test of the set and counter failures: the report of a real invalid set run (a run
 * directory as `faultline test` leaves it, checked by the real set checker) opened in Debian's
 * Chromium (playwright-core). The page must highlight the lost adds, list them with "and N more",
 * name them in the legend and draw them in the highlight colour; the counter run's page must show
 * its final values. Screenshots go to test/report/__screenshots__/ (git-ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, openReport } from './report-page.js';
import type { HistoryEvent } from '../../src/core/event.js';
import { readAnyHistory } from '../../src/history/index.js';
import { checkSet } from '../../checkers/set.js';
import { checkCounter } from '../../checkers/counter.js';
import { writeReport } from '../../src/report/write-report.js';

const SHOTS = join(import.meta.dirname, '__screenshots__');
const FIXTURES = join(import.meta.dirname, 'fixtures');

/** runDir lays out a run directory (history.jsonl, results.json) the way the runner does. */
async function runDir(parent: string, name: string, fixture: string, results: unknown): Promise<string> {
  const dir = join(parent, name, '20260101T000000000Z');
  await mkdir(dir, { recursive: true });
  await copyFile(join(FIXTURES, fixture), join(dir, 'history.jsonl'));
  await writeFile(join(dir, 'results.json'), JSON.stringify({ valid: false, verdict: 'invalid', checkers: [results] }));
  await writeFile(join(dir, 'test.json'), JSON.stringify({ name }));
  return dir;
}

/** firstOkAddOf: the invoke index of the acknowledged add of `value`, straight from the events. */
function firstOkAddOf(events: readonly HistoryEvent[], value: unknown): number {
  const pending = new Map<unknown, HistoryEvent>();
  for (const e of events) {
    if (typeof e.process !== 'number') continue;
    if (e.type === 'invoke') pending.set(e.process, e);
    else if (e.type === 'ok' && pending.get(e.process)?.f === 'add' && pending.get(e.process)?.value === value) return pending.get(e.process)!.index!;
  }
  return -1;
}

describe.skipIf(!hasChromium)('set and counter failures in Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'faultline-browser-set-'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const open = (file: string): Promise<{ page: Page; errors: string[] }> => openReport(browser, file, 20_000);

  it('highlights the lost adds of a real primary-mode set run and lists them with "and N more"', async () => {
    const { events } = await readAnyHistory(join(FIXTURES, 'set-primary-lost.jsonl'));
    const result = checkSet(events);
    const lost = result.keys[0]!.lost;
    expect(lost).toHaveLength(73);
    const run = await runDir(dir, 'set-primary', 'set-primary-lost.jsonl', result);
    const written = await writeReport(run, { workers: 1 });
    expect(written.failures).toBe(1);
    const { page, errors } = await open(written.out);
    const hl = await page.locator('#highlighted-op').evaluate((e) => ({ ...(e as unknown as { dataset: Record<string, string> }).dataset }));
    expect(hl.part).toBe('s');
    expect(Number(hl.invokeIndex)).toBe(firstOkAddOf(events, lost[0]));
    await expect(page.locator('.cx-title').textContent()).resolves.toBe('key s: 73 elements lost');
    await expect(page.locator('#cx-state').textContent()).resolves.toBe('40–77, 108–142');
    await expect(page.locator('#stuck-list li').count()).resolves.toBe(10);
    await expect(page.locator('#stuck-more').textContent()).resolves.toBe('and 63 more, all drawn on the timeline');
    await expect(page.locator('#legend-stuck').textContent()).resolves.toBe('lost add');
    await expect(page.locator('#legend-prefix').isVisible()).resolves.toBe(false);
    await expect(page.locator('#summary').textContent()).resolves.toContain('1failures shown');
    // The lost adds are drawn in the highlight colour (sample the canvas pixels).
    const red = await page.evaluate<number>(`(() => {
      const c = document.getElementById('timeline');
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] === 0xd9 && px[i + 1] === 0x2d && px[i + 2] === 0x20) n++;
      return n;
    })()`);
    expect(red).toBeGreaterThan(200);
    await page.screenshot({ path: join(SHOTS, 'set-primary-lost.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("shows a real counter run's final value below its acknowledged sum", async () => {
    const { events } = await readAnyHistory(join(FIXTURES, 'counter-primary-lost.jsonl'));
    const result = checkCounter(events);
    const run = await runDir(dir, 'counter-primary', 'counter-primary-lost.jsonl', result);
    const written = await writeReport(run, { workers: 1 });
    const { page, errors } = await open(written.out);
    await expect(page.locator('#verdicts').textContent()).resolves.toContain('final values n1=88');
    const titles = await page.locator('#fail-list li').allTextContents();
    const last = titles.findIndex((t) => t.startsWith('key c: final value outside'));
    expect(last).toBeGreaterThanOrEqual(0);
    await page.locator('#fail-list li').nth(last).click();
    await expect(page.locator('#cx-state').textContent()).resolves.toBe('n1=88');
    await expect(page.locator('#legend-stuck').textContent()).resolves.toBe("a node's last final read");
    await page.screenshot({ path: join(SHOTS, 'counter-primary-final.png'), fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
