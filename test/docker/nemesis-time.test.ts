// The nemesis keeps time on a real store (issue 11, item 6): etcd in Docker under kill and pause
// every 300 ms (a restart with its readiness wait takes longer): no fault op starts after the time
// limit, and the final heal comes within the documented restart bound. Needs .ci/docker-setup.sh
// and `node bin/run.js image build all`; run with the docker suite's config.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/cluster/docker/package-root.js';
import type { HistoryEvent } from '../../src/core/event.js';
import { RESTART_TIMEOUT_MS } from '../../nemeses/index.js';

const bin = path.join(packageRoot(), 'bin', 'run.js');
const built = fs.existsSync(path.join(packageRoot(), 'dist', 'src', 'runner', 'docker-backend.js'));
const store = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-nemesis-time-'));
afterAll(() => fs.rmSync(store, { recursive: true, force: true }));

describe.runIf(built)('faultline test --db etcd --nemesis kill,pause (docker backend)', () => {
  it('no fault op starts after the time limit; the heal follows within the restart bound', async () => {
    const limitS = 8;
    const r = await execa(
      process.execPath,
      [bin, 'test', '--store', store, '--db', 'etcd', '--nodes', '3', '--nemesis', 'kill,pause', '--nemesis-interval', '300ms', '--time-limit', `${limitS}s`, '--seed', '3'],
      { reject: false, timeout: 150_000 },
    );
    expect(r.stderr).toContain('register on etcd (docker), 3 nodes');
    const results = /results: (\S+)/.exec(r.stdout)?.[1] ?? '';
    expect(results, r.stderr).not.toBe('');
    const dir = path.dirname(results);
    const events = fs
      .readFileSync(path.join(dir, 'history.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as HistoryEvent);
    const nemesis = events.filter((e) => e.process === 'nemesis');
    const faults = nemesis.filter((e) => e.type === 'invoke' && e.f !== 'heal');
    expect(faults.filter((e) => e.f === 'kill').length).toBeGreaterThan(2);
    // The limit is counted from just after the run clock starts: a few ms of slack.
    for (const e of faults) expect(e.time, `${e.f} at ${e.time / 1e9} s`).toBeLessThan((limitS * 1000 + 250) * 1e6);
    const heal = nemesis.find((e) => e.f === 'heal' && e.type === 'invoke') as HistoryEvent;
    expect(heal.time).toBeLessThan((limitS * 1000 + RESTART_TIMEOUT_MS) * 1e6);
    // No fault landed on a node half-way through another: no kill, pause, restart or resume failed.
    expect(nemesis.filter((e) => e.error !== undefined).map((e) => `${e.f}: ${String(e.error)}`)).toEqual([]);
    const counts = JSON.parse(fs.readFileSync(results, 'utf8')) as { nemesis: { skipped: number; notStarted: number } };
    expect(counts.nemesis.skipped + counts.nemesis.notStarted).toBeGreaterThan(0);
  }, 160_000);
});
