// Quorum mode under every nemesis, through the built CLI as a user runs it: each workload's run
// completes with a verdict (0 valid or 1 invalid, never an error), every fault kind acted, and the
// final local reads converged on every node (3 nodes, N=3 R=2 W=2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const store = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-quorum-nemeses-'));
afterAll(() => fs.rmSync(store, { recursive: true, force: true }));

describe('quorum mode under partition, kill, pause, clock and packet faults (built CLI)', () => {
  it.each(['register', 'set', 'counter'])('%s workload', async (workload) => {
    const r = await runCli([
      'test', '--mode', 'quorum', '--nodes', '3', '--replicas', '3', '--r', '2', '--w', '2', '--workload', workload,
      '--nemesis', 'partition,kill,pause,clock,packet', '--nemesis-interval', '1s', '--time-limit', '6s', '--seed', '3',
      '--store', store, '--no-report', '--json',
    ]);
    expect([0, 1], r.stderr).toContain(r.code);
    const dir = (JSON.parse(r.stdout) as { dir: string }).dir;
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as { finalReads: { converged: boolean } };
    expect(results.finalReads.converged).toBe(true);
    const faults = new Set(
      fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8').trim().split('\n')
        .map((l) => JSON.parse(l) as { process: unknown; type: string; f: string })
        .filter((e) => e.process === 'nemesis' && e.type !== 'invoke')
        .map((e) => e.f),
    );
    for (const f of ['start-partition', 'kill', 'pause']) expect([...faults]).toContain(f);
    expect([...faults].some((f) => f.endsWith('-clock'))).toBe(true);
    expect([...faults].some((f) => /packet|loss|delay|duplicate/.test(f))).toBe(true);
  }, 180_000);
});
