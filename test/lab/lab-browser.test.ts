/**
 * Browser test of `faultline lab`: the built binary serves the page, Debian's Chromium (driven by
 * playwright-core) clicks it. Raft: isolating the leader makes ops on it fail while the majority
 * elects a new leader and goes on. LWW: cutting a node off makes a read on the other side stale and
 * the periodic check flips the verdict to "not linearizable" with the counterexample; quorum mode
 * with R + W ≤ N (set on the page) does the same. Ctrl-C then
 * stops the cluster and leaves no node and no registry entry. Every wait is for a page state; the
 * page must log no console error. Screenshots go to test/lab/__screenshots__/ (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../report/report-page.js';
import { isolateRegistry, tempDir } from '../cluster/cluster-helpers.js';
import { readRunRecords } from '../../src/cluster/local/run-registry.js';
import { waitGone } from '../../src/cluster/local/clean-local-leftovers.js';
import { checkHistoryFile } from '../../src/check/check-history-file.js';
import { startLab } from './lab-process.js';

// The page's DOM, as seen by the functions run in the page (the tests compile without the DOM lib).
declare const document: { querySelector(s: string): { getAttribute(n: string): string | null; textContent: string | null } | null; querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> };

const SHOTS = join(import.meta.dirname, '__screenshots__');
const registry = isolateRegistry();
// Generous safety nets for a loaded machine; every wait ends on a page state.
const WAIT = { timeout: 60_000 };

describe.skipIf(!hasChromium)('faultline lab in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let started: Awaited<ReturnType<typeof startLab>>;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const store = tempDir('faultline-lab-store-');
    [started, browser] = await Promise.all([
      startLab(['--mode', 'raft', '--nodes', '3', '--port', '0', '--seed', '7', '--store', store], { FAULTLINE_REGISTRY_DIR: registry }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(started.url)) errors.push(`request outside the lab: ${r.url()}`);
    });
    await page.goto(started.url);
    await page.waitForSelector('body[data-ready="true"][data-cluster="running"]', WAIT);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    started?.lab.kill('SIGKILL');
  });

  /** runOp runs one op from the client panel and resolves with its outcome (ok, fail, info) and text. */
  async function runOp(node: string, f: 'read' | 'write', key: string, value?: string): Promise<{ type: string; text: string }> {
    const before = await page.locator('#op-log li').count();
    await page.selectOption('#op-node', node);
    await page.selectOption('#op-f', f);
    await page.fill('#op-key', key);
    if (value !== undefined) await page.fill('#op-value', value);
    await page.click('#op-run');
    const li = page.locator('#op-log li').first();
    await page.waitForFunction((n) => document.querySelectorAll('#op-log li').length === n + 1 && document.querySelector('#op-log li')?.getAttribute('data-type') !== 'pending', before, WAIT);
    return { type: (await li.getAttribute('data-type'))!, text: (await li.textContent())! };
  }

  /** leaderOtherThan waits until the page shows a leader that is not `not` and returns it. */
  async function leaderOtherThan(not: string | null): Promise<string> {
    const handle = await page.waitForFunction(
      (n) => Array.from(document.querySelectorAll('g.node[data-role="leader"]')).map((g) => g.getAttribute('data-node')).find((x) => x !== n) ?? false,
      not,
      WAIT,
    );
    return (await handle.jsonValue()) as string;
  }

  /** okOnLeader retries a write on whoever the page shows as leader (other than `not`) until one is ok. */
  async function okOnLeader(not: string | null, key: string, value: string): Promise<string> {
    for (;;) {
      const leader = await leaderOtherThan(not);
      if ((await runOp(leader, 'write', key, value)).type === 'ok') return leader;
    }
  }

  it('raft: the workload streams onto the timeline; isolating the leader makes its ops fail while the majority goes on', async () => {
    // The workload's ops arrive over the event stream and are counted on the timeline.
    await page.click('#workload-toggle');
    await page.waitForSelector('#workload-toggle[data-on="true"]', WAIT);
    await page.waitForFunction(() => Number(document.querySelector('#tl-status')?.getAttribute('data-ops')) >= 15, undefined, WAIT);
    await page.click('#workload-toggle');
    await page.waitForSelector('#workload-toggle[data-on="false"]', WAIT);

    const leader = await okOnLeader(null, 'k', '1');
    await page.click(`g.node[data-node="${leader}"]`);
    await page.click('#node-menu button[data-action="isolate"]');
    const others = ['n1', 'n2', 'n3'].filter((n) => n !== leader);
    for (const n of others) {
      const id = leader < n ? `${leader}-${n}` : `${n}-${leader}`;
      await page.waitForSelector(`g.link-g[data-link="${id}"][data-cut="true"]`, WAIT);
    }
    // The old leader is the minority: it cannot commit a write nor serve a read.
    const write = await runOp(leader, 'write', 'k', '2');
    expect(write.type).not.toBe('ok');
    const read = await runOp(leader, 'read', 'k');
    expect(read.type).not.toBe('ok');
    // The majority elects another leader and keeps taking writes and reads.
    const next = await okOnLeader(leader, 'k', '3');
    expect(others).toContain(next);
    const after = await runOp(next, 'read', 'k');
    expect(after.type).toBe('ok');
    expect(after.text).toMatch(/ok → 3/);
    await page.waitForSelector('#verdict[data-verdict="valid"]', WAIT);
    await page.screenshot({ path: join(SHOTS, 'lab-raft.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('lww: after switching modes, a partition makes a read stale and the verdict flips with the counterexample', async () => {
    await page.selectOption('#mode', 'lww');
    await page.click('#switch-mode');
    await page.waitForSelector('body[data-mode="lww"][data-cluster="running"]', WAIT);
    await page.waitForSelector('#tl-status[data-ops="0"]', WAIT);
    await page.waitForSelector('#verdict[data-verdict="pending"]', WAIT);
    // Click the two links of n1: it is cut off from n2 and n3.
    for (const id of ['n1-n2', 'n1-n3']) {
      await page.click(`g.link-g[data-link="${id}"]`);
      await page.waitForSelector(`g.link-g[data-link="${id}"][data-cut="true"]`, WAIT);
    }
    expect((await runOp('n1', 'write', 'k', '7')).type).toBe('ok');
    const stale = await runOp('n2', 'read', 'k');
    expect(stale.type).toBe('ok');
    expect(stale.text).toMatch(/ok → nil/);
    await page.waitForSelector('#verdict[data-verdict="invalid"]', WAIT);
    await expect(page.locator('#cx').getAttribute('data-key')).resolves.toBe('k');
    await expect(page.locator('#cx .stuck code').first().textContent()).resolves.toMatch(/read/);
    // The failing op is drawn in the "cannot linearize" red on the timeline.
    const red = await page.evaluate<number>(`(() => {
      const c = document.getElementById('timeline');
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] === 0xd9 && px[i + 1] === 0x2d && px[i + 2] === 0x20) n++;
      return n;
    })()`);
    expect(red).toBeGreaterThan(20);
    await page.click('g.node[data-node="n1"]');
    await page.screenshot({ path: join(SHOTS, 'lab-lww.png'), fullPage: true });
    // Saved, the history holds the clicked faults as nemesis ops and `faultline check` agrees offline.
    await page.click('#save');
    await page.waitForFunction(() => /report\.html/.test(document.querySelector('#saved')?.textContent ?? ''), undefined, WAIT);
    const historyFile = /saved (\S+history\.jsonl)/.exec((await page.locator('#saved').textContent())!)![1]!;
    const events = readFileSync(historyFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { process: unknown; type: string; f: string });
    expect(events.filter((e) => e.process === 'nemesis' && e.type === 'invoke').map((e) => e.f)).toEqual(['start-partition', 'start-partition']);
    expect(existsSync(join(historyFile, '..', 'report.html'))).toBe(true);
    expect((await checkHistoryFile(historyFile, { workers: 1 })).result.valid).toBe(false);
    expect(errors).toEqual([]);
  }, 120_000);

  it('quorum with R + W ≤ N: chosen on the page, a cut-off coordinator\'s write is not seen by a read elsewhere', async () => {
    await page.selectOption('#mode', 'quorum');
    await page.fill('#q-n', '3');
    await page.fill('#q-r', '1');
    await page.fill('#q-w', '1');
    await page.click('#switch-mode');
    await page.waitForSelector('body[data-mode="quorum"][data-cluster="running"]', WAIT);
    await expect(page.locator('#cluster-status').textContent()).resolves.toContain('N=3 R=1 W=1');
    await page.waitForSelector('#verdict[data-verdict="pending"]', WAIT);
    await page.click('g.node[data-node="n1"]');
    await page.click('#node-menu button[data-action="isolate"]');
    await page.waitForSelector('g.link-g[data-link="n1-n2"][data-cut="true"]', WAIT);
    await page.waitForSelector('g.link-g[data-link="n1-n3"][data-cut="true"]', WAIT);
    expect((await runOp('n1', 'write', 'k', '5')).type).toBe('ok');
    expect((await runOp('n2', 'read', 'k')).text).toMatch(/ok → nil/);
    await page.waitForSelector('#verdict[data-verdict="invalid"]', WAIT);
    expect(errors).toEqual([]);
  }, 120_000);

  it('Ctrl-C stops the cluster and leaves nothing behind', async () => {
    const pids = readRunRecords().flatMap((r) => r.record?.nodes.map((n) => n.pid!) ?? []);
    expect(pids).toHaveLength(3);
    await page.close();
    started.lab.kill('SIGINT');
    const result = await started.lab;
    expect(result.exitCode).toBe(0);
    expect(result.all).toMatch(/stopped$/);
    expect(await waitGone(pids, 20_000)).toBe(true);
    expect(readRunRecords()).toEqual([]);
  }, 60_000);
});
