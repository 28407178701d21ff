// `faultline test` through the built binary (npm test builds first): real local clusters of the
// built-in store, exit codes and messages.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/run.js');
const built = existsSync(join(root, 'dist/src/commands/test.js')) && existsSync(join(root, 'dist/src/store/main.js'));

async function faultline(args: string[], cwd: string) {
  return execa('node', [bin, 'test', ...args], { cwd, reject: false, timeout: 170_000, env: { FAULTLINE_DEBUG: '' } });
}

// linesIn counts the lines the running test has flushed to <cwd>/store/<name>/<run>/history.jsonl.
function linesIn(cwd: string): number {
  const store = join(cwd, 'store');
  if (!existsSync(store)) return 0;
  let n = 0;
  for (const name of readdirSync(store)) {
    const runs = join(store, name);
    if (name === 'latest' || !existsSync(runs)) continue;
    for (const run of readdirSync(runs)) {
      const file = join(runs, run, 'history.jsonl');
      if (existsSync(file)) n += readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    }
  }
  return n;
}

describe.skipIf(!built)('faultline test (built binary, local backend)', () => {
  it('raft with partitions is valid: exit 0, results recorded', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fl-cli-'));
    const r = await faultline(['--time-limit', '6s', '--nemesis-interval', '1500ms', '--seed', '11', '--nodes', '3'], cwd);
    expect(r.stdout).toContain('verdict: valid');
    expect(r.exitCode).toBe(0);
    const results = JSON.parse(readFileSync(join(cwd, 'store/latest/results.json'), 'utf8')) as { valid: unknown; seed: number };
    expect(results).toMatchObject({ valid: true, seed: 11 });
    const history = readFileSync(join(cwd, 'store/latest/history.jsonl'), 'utf8');
    expect(history).toContain('"start-partition"');
  }, 180_000);

  it('lww with partitions is invalid with a counterexample: exit 1', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fl-cli-'));
    const r = await faultline(['--mode', 'lww', '--time-limit', '6s', '--nemesis-interval', '1500ms', '--seed', '1', '--nodes', '3'], cwd);
    expect(r.stdout).toContain('verdict: invalid');
    expect(r.stdout).toContain('cannot be linearized next');
    expect(r.exitCode).toBe(1);
  }, 180_000);

  it('SIGINT mid-run: heals, stops, keeps the history, exit 130', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fl-cli-'));
    // The time limit is far away: only the interrupt can end this run. It comes once the run is
    // mid-way, i.e. has flushed more than 20 history lines (however long a loaded machine takes).
    const child = execa('node', [bin, 'test', '--time-limit', '10m', '--nodes', '3', '--seed', '4'], { cwd, reject: false, timeout: 170_000 });
    let exited = false;
    void child.finally(() => (exited = true));
    while (!exited && linesIn(cwd) <= 20) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toMatch(/^faultline: interrupted: faults healed, cluster stopped, history kept in /m);
    const lines = readFileSync(join(cwd, 'store/latest/history.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(20);
    for (const l of lines) JSON.parse(l);
    expect(JSON.parse(readFileSync(join(cwd, 'store/latest/results.json'), 'utf8'))).toMatchObject({ interrupted: true });
  }, 180_000);

  it.each([
    [['--workload', 'queue'], /^faultline: unknown workload "queue"$/m],
    [['--nodes', 'five'], /^faultline: .*nodes/m],
    [['--db', 'etcd', '--backend', 'local'], /^faultline: .*runs only on --backend docker/m],
    [['--db', 'etcd', '--nemesis', 'clock'], /^faultline: .*cannot inject "clock" faults on etcd/m],
    [['--concurrency', 'many'], /^faultline: --concurrency must be N or Nn/m],
    [['--frobnicate'], /^faultline: .*frobnicate/m],
  ])('%j: exit 3 with one clear line, no stack trace', async (args, message) => {
    const cwd = mkdtempSync(join(tmpdir(), 'fl-cli-'));
    const r = await faultline(args, cwd);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(cwd, 'store'))).toBe(false);
  });

  it('a bad faultline.config.json names the file and field: exit 4', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fl-cli-'));
    writeFileSync(join(cwd, 'faultline.config.json'), '{"mode":"paxos"}');
    const r = await faultline([], cwd);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/faultline\.config\.json: must be one of .* \(field "mode"\)/);
  });
});
