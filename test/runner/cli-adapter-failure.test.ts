// `faultline test` with adapters that break, through the built binary (npm test builds first) on a
// real local cluster of the built-in store: exit code 6 and a clear message, never a verdict.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/run.js');
const built = existsSync(join(root, 'dist/src/commands/test.js')) && existsSync(join(root, 'dist/src/store/main.js'));
const faulty = join(root, 'test/fixtures/adapters/faulty-exec-adapter.mjs');

async function faultline(args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'fl-cli-adapter-'));
  const r = await execa('node', [bin, 'test', '--nodes', '1', '--nemesis', 'none', '--time-limit', '60s', '--no-report', ...args], {
    cwd,
    reject: false,
    timeout: 120_000,
    env: { FAULTLINE_DEBUG: '' },
  });
  return { ...r, cwd };
}

describe.skipIf(!built)('faultline test with a broken adapter (built binary, local backend)', () => {
  it('an exec adapter that dies mid-run: exit 6 well before the 60 s limit, its last stderr lines shown', async () => {
    const r = await faultline(['--adapter', `exec:node ${faulty} crash-after 40`]);
    expect(r.exitCode).toBe(6);
    // Before the time limit, cluster start and teardown included: only the adapter's death stopped it.
    expect(r.durationMs).toBeLessThan(50_000);
    expect(r.stderr).toMatch(/^faultline: exec adapter "node .*faulty-exec-adapter\.mjs crash-after 40" exited with code 3 before the test was over$/m);
    expect(r.stderr).toMatch(/^last lines of its stderr \(.*logs\/adapter\.log\):\n( {2}\| dying line \d+\n){10}/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toMatch(/verdict/);
    expect(readFileSync(join(r.cwd, 'store/latest/logs/adapter.log'), 'utf8')).toContain('dying line 12');
    const results = JSON.parse(readFileSync(join(r.cwd, 'store/latest/results.json'), 'utf8')) as Record<string, unknown>;
    expect(results).toMatchObject({ valid: 'unknown', error: { code: 'cluster' } });
  });

  it('an exec adapter whose every open fails: exit 6 before the workload, one line naming it', async () => {
    const r = await faultline(['--adapter', `exec:node ${faulty} open-fails`]);
    expect(r.exitCode).toBe(6);
    expect(r.stderr).toMatch(/^faultline: adapter "exec:node .*open-fails" could not open a client on any node \(\d+ tries on 1 node\); first error, on n1: open answered fail: "connection refused \(test\)"$/m);
    expect(r.stderr).not.toContain('Run the workload');
    const history = readFileSync(join(r.cwd, 'store/latest/history.jsonl'), 'utf8');
    expect(history).toBe('');
  });
});
