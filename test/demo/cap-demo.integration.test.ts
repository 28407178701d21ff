// Integration: `faultline demo cap`'s library function on real local clusters (3 nodes, 6 s per
// mode, fixed seed). Needs the built store (dist/src/store/main.js; `npm test` builds first).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DemoResult, type DemoRow, CAP_CHAPTER, runDemo } from '../../src/demo/index.js';

describe('faultline demo cap (real clusters, fixed seed)', () => {
  let store: string | undefined;
  afterAll(async () => {
    if (store !== undefined) await rm(store, { recursive: true, force: true });
  });

  it('raft stays linearizable but less available than lww; lww converges (eventually consistent) but is not linearizable; primary loses writes', async () => {
    store = await mkdtemp(join(tmpdir(), 'faultline-demo-cap-'));
    const result: DemoResult = await runDemo(CAP_CHAPTER, { timeLimitMs: 6_000, seed: 1, nodes: 3, store, lang: 'en' });
    const by = new Map(result.summary.rows.map((r) => [r.mode, r]));
    const raft = by.get('raft') as DemoRow;
    const lww = by.get('lww') as DemoRow;
    const primary = by.get('primary') as DemoRow;
    expect([...by.keys()]).toEqual(['raft', 'lease', 'primary', 'lww']);

    expect(raft.linearizable).toBe(true);
    expect(raft.lostWrites).toBe(0);
    expect(raft.availability.attempted).toBeGreaterThan(0);
    expect(lww.availability.fraction).toBeGreaterThan(0.95);
    expect(raft.availability.fraction as number).toBeLessThan(lww.availability.fraction as number);

    expect(lww.linearizable).toBe(false);
    expect(lww.converged).toBe(true);
    // Judged by its own promise (latest timestamp wins), lww is eventually consistent.
    expect(lww.eventual).toBe(true);
    expect(lww.convergenceNs).not.toBeNull();

    expect(primary.lostWrites).toBeGreaterThan(0);
    expect(primary.eventual).toBe(false);

    // The combined summary is on disk, and each mode's report next to its run.
    const onDisk = JSON.parse(await readFile(result.summaryPath, 'utf8')) as { rows: DemoRow[]; table: string[] };
    expect(onDisk.rows.map((r) => r.mode)).toEqual(['raft', 'lease', 'primary', 'lww']);
    expect(onDisk.table[0]).toMatch(/^mode +\| available during faults/);
    const page = await readFile(result.pagePath, 'utf8');
    for (const r of result.summary.rows) {
      expect(r.report).toBeDefined();
      expect(page).toContain(`demo-cap-${r.mode}/`);
    }
  }, 180_000);
});
