// `faultline test` key settings through the built binary and the real built-in store: --keys,
// --ops-per-key and --values are checked (exit 3, one line naming the flag); a short run with few
// ops per key touches several keys, reads every one of them on every node, checks every one, and
// test.json records what the run really used.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/event.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/run.js');
const built = existsSync(join(root, 'dist/src/commands/test.js')) && existsSync(join(root, 'dist/src/store/main.js'));

async function faultline(args: string[], cwd: string) {
  return execa('node', [bin, 'test', ...args], { cwd, reject: false, timeout: 120_000, env: { FAULTLINE_DEBUG: '' } });
}

describe.skipIf(!built)('faultline test: --keys, --ops-per-key, --values', () => {
  it.each<[string[], RegExp]>([
    [['--ops-per-key', '0'], /^faultline: --ops-per-key must be a positive integer, not 0$/m],
    [['--values', 'big'], /^faultline: --values must be one of unique, small, not "big"$/m],
    [['--keys', '30'], /^faultline: --keys 30 needs at least 30 workers \(each key has its own group of processes\); --concurrency gives 10$/m],
    [['--workload', 'set', '--keys', '3'], /^faultline: --keys applies to register, multi-register, kv only; the set workload uses one key$/m],
  ])('%j: exit 3 with one line naming the flag', async (args, message) => {
    const cwd = mkdtempSync(join(tmpdir(), 'fl-keys-'));
    const r = await faultline(args, cwd);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.exitCode).toBe(3);
    expect(existsSync(join(cwd, 'store'))).toBe(false);
  });

  it('a short run with --ops-per-key 15 touches several keys, reads and checks every one, and test.json says so', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fl-keys-'));
    const r = await faultline(
      ['--nodes', '3', '--nemesis', 'none', '--time-limit', '3s', '--rate', '100', '--ops-per-key', '15', '--recovery', '0s', '--seed', '4', '--no-report'],
      cwd,
    );
    expect(r.stdout).toContain('verdict: valid');
    expect(r.exitCode).toBe(0);
    const run = join(cwd, 'store/latest');
    const test = JSON.parse(readFileSync(join(run, 'test.json'), 'utf8')) as Record<string, unknown>;
    // 2n = 6 workers on 3 nodes: one key per 3 workers, so 2 keys at once, 3 processes each.
    expect(test).toMatchObject({ workload: 'register', keys: 2, opsPerKey: 15, values: 'unique', keyAccess: 'groups', processesPerKey: [3, 3] });
    const events = readFileSync(join(run, 'history.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as HistoryEvent);
    const workloadOps = events.filter((e) => e.type === 'invoke' && e.process !== 'nemesis' && e.local !== true);
    const perKey = new Map<string, number>();
    for (const e of workloadOps) perKey.set(e.key as string, (perKey.get(e.key as string) ?? 0) + 1);
    expect(perKey.size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...perKey.values())).toBeLessThanOrEqual(15);
    expect(test['keysTouched']).toBe(perKey.size);
    // Every touched key is read on every node in the final phase…
    for (const key of perKey.keys()) {
      const nodes = new Set(events.filter((e) => e.local === true && e.type === 'ok' && e.key === key).map((e) => e.node));
      expect(nodes, key).toEqual(new Set(['n1', 'n2', 'n3']));
    }
    // …and checked: one linearizable part per key with an op that may have happened (a failed op did
    // not: the first keys may see only "not-leader" while the cluster elects), one eventual key per touched key.
    const happened = new Set(events.filter((e) => (e.type === 'ok' || e.type === 'info') && e.process !== 'nemesis' && e.local !== true).map((e) => e.key));
    expect(happened.size).toBeGreaterThanOrEqual(3);
    const results = JSON.parse(readFileSync(join(run, 'results.json'), 'utf8')) as {
      checkers: { checker: string; valid: unknown; parts?: { part: string; valid: unknown; noEvidence?: boolean }[]; keyCount?: number }[];
    };
    const lin = results.checkers.find((c) => c.checker === 'linearizable');
    expect(new Set(lin?.parts?.map((p) => p.part))).toEqual(happened);
    // A key's last few ops may include no ok read: that part has no evidence (unknown, not counted).
    expect(lin?.parts?.every((p) => p.valid === true || p.noEvidence === true)).toBe(true);
    expect(lin?.parts?.filter((p) => p.valid === true).length).toBeGreaterThanOrEqual(3);
    expect(results.checkers.find((c) => c.checker === 'eventual')?.keyCount).toBe(perKey.size);
  });
});
