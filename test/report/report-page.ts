// Shared by the browser tests: Debian's Chromium (driven by playwright-core), and opening a report
// file in a page that collects every console error, page error and non-file request.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

/** CHROMIUM is Debian's Chromium; the browser tests are skipped (with a warning) when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
/** hasChromium: whether CHROMIUM is installed. */
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** launchChromium starts headless Chromium with no background networking. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * openReport opens `file` in a new 1500×1000 page and waits until the report says it is ready
 * (`body[data-ready]`, at most `readyTimeoutMs`); `errors` fills with console errors, page errors
 * and any request that is not to a file (a self-contained report makes none).
 */
export async function openReport(browser: Browser, file: string, readyTimeoutMs: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) errors.push(`network request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-ready="true"]', { timeout: readyTimeoutMs });
  return { page, errors };
}
