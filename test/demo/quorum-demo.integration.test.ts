// Integration: `faultline demo quorum` on real local clusters in the store's quorum mode (5 nodes,
// N = 3, four R/W settings, 6 s each, fixed seed). Needs the built store (`npm test` builds first).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunOptions } from '../../src/runner/run-options.js';
import { type DemoRow, QUORUM_CHAPTER, runDemo } from '../../src/demo/index.js';

describe('faultline demo quorum (real clusters, fixed seed)', () => {
  let store: string | undefined;
  afterAll(async () => {
    if (store !== undefined) await rm(store, { recursive: true, force: true });
  });

  it('R=1 W=1 reads stale data; strict quorums lose availability; the sloppy quorum stays available and reads staler than the strict one', async () => {
    store = await mkdtemp(join(tmpdir(), 'faultline-demo-quorum-'));
    const result = await runDemo(QUORUM_CHAPTER, { timeLimitMs: 6_000, seed: 1, nodes: 5, store, lang: 'en' });
    const by = new Map(result.summary.rows.map((r) => [r.variant, r]));
    expect([...by.keys()]).toEqual(['R=1 W=1', 'R=2 W=2', 'R=3 W=1', 'R=2 W=2 sloppy']);
    const avail = (r: DemoRow | undefined): number => r?.availability.fraction ?? NaN;
    const weak = by.get('R=1 W=1') as DemoRow;
    const strict = by.get('R=2 W=2') as DemoRow;
    const readAll = by.get('R=3 W=1') as DemoRow;
    const sloppy = by.get('R=2 W=2 sloppy') as DemoRow;

    expect(weak.staleReads).toBeGreaterThan(0);
    expect(weak.linearizable).toBe(false);
    expect(avail(weak)).toBeGreaterThan(0.9);

    // A coordinator that cannot reach R (or W) of a key's replicas refuses; stand-ins keep the sloppy quorum answering.
    expect(avail(strict)).toBeLessThan(avail(weak));
    expect(avail(readAll)).toBeLessThan(avail(weak));
    expect(avail(sloppy)).toBeGreaterThan(avail(strict));
    // …and gives up the overlap: reads on one side miss writes acknowledged on the other.
    expect(sloppy.staleReads).toBeGreaterThan(strict.staleReads);
    expect(sloppy.linearizable).toBe(false);

    // Each run is the store's real quorum mode with the setting recorded.
    const test = JSON.parse(await readFile(join(sloppy.dir, 'test.json'), 'utf8')) as RunOptions;
    expect(test).toMatchObject({ mode: 'quorum', nodes: 5, quorum: { replicas: 3, r: 2, w: 2, sloppy: true } });
    expect(result.summary.sentences[0]).toMatch(/^R=1 W=1: R \+ W ≤ N/);
    expect(result.summary.table[0]).toMatch(/^setting +\| available during faults/);
  }, 180_000);
});
