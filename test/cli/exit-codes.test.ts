// Exit codes that cannot be mistaken (issue 11, items 4 and 12): a bug anywhere in the process — an
// uncaught exception, an unhandled rejection — exits 10 (never 1, "invalid") with one line on
// stderr and the full trace in a file (<run dir>/error.log during a run, else a temp file); a
// missing argument is named as the usage shows it. Through the built binary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const bin = path.join(ROOT, 'bin/run.js');
const fixtures = path.join(ROOT, 'test/cli/fixtures');
const built = fs.existsSync(path.join(ROOT, 'dist/src/commands/test.js')) && fs.existsSync(path.join(ROOT, 'dist/src/store/main.js'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-exit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TOGGLE = [
  { type: 'invoke', process: 0, f: 'flip', value: null, time: 1 },
  { type: 'ok', process: 0, f: 'flip', value: null, time: 2 },
  { type: 'invoke', process: 0, f: 'read', value: null, time: 3 },
  { type: 'ok', process: 0, f: 'read', value: true, time: 4 },
];

// The one stderr line of an internal error, and the trace file it names.
function internalError(stderr: string): { line: string; file: string } {
  const lines = stderr.split('\n').filter((l) => l.startsWith('faultline: internal error: '));
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace on the terminal
  const m = /\(full trace in (.+)\)$/.exec(lines[0]!);
  expect(m, lines[0]).not.toBeNull();
  return { line: lines[0]!, file: m![1]! };
}

describe.skipIf(!built)('exit codes', () => {
  it('an unhandled rejection exits 10 with one line and the trace in a temp file (no run dir)', async () => {
    const hist = path.join(tmp, 'toggle.jsonl');
    fs.writeFileSync(hist, TOGGLE.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const r = await execa(process.execPath, [bin, 'check', hist, '--model', path.join(fixtures, 'rejecting-model.mjs')], {
      reject: false,
      env: { FAULTLINE_DEBUG: '', TMPDIR: tmp },
    });
    expect(r.exitCode, r.stderr).toBe(10);
    const { line, file } = internalError(r.stderr);
    expect(line).toMatch(/model bug: a rejected promise nobody awaited/);
    expect(path.dirname(file)).toBe(tmp);
    const trace = fs.readFileSync(file, 'utf8');
    expect(trace).toMatch(/Error: model bug: a rejected promise nobody awaited\n\s+at .*rejecting-model\.mjs/);
  });

  it('an uncaught exception during a run exits 10, traces into <run dir>/error.log, tears down and records results.json', async () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'run-'));
    const registry = path.join(cwd, 'registry');
    const r = await execa(
      process.execPath,
      [bin, 'test', '--nodes', '1', '--nemesis', 'none', '--time-limit', '60s', '--adapter', path.join(fixtures, 'crash-later-adapter.mjs')],
      { cwd, reject: false, timeout: 120_000, env: { FAULTLINE_DEBUG: '', FAULTLINE_REGISTRY_DIR: registry } },
    );
    expect(r.exitCode, r.stderr).toBe(10);
    const { line, file } = internalError(r.stderr);
    expect(line).toMatch(/adapter bug: thrown from a timer/);
    const dir = path.dirname(file);
    expect(path.basename(file)).toBe('error.log');
    expect(fs.realpathSync(dir)).toBe(fs.realpathSync(path.join(cwd, 'store', 'latest')));
    expect(fs.readFileSync(file, 'utf8')).toMatch(/Error: adapter bug: thrown from a timer\n\s+at .*crash-later-adapter\.mjs/);
    expect(r.stderr).toMatch(/^faultline: stopped after the internal error: faults healed, cluster stopped, history kept in /m);
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as Record<string, unknown>;
    expect(results).toMatchObject({ interrupted: true, reason: 'internal error: adapter bug: thrown from a timer', historyComplete: true, teardownErrors: [] });
    const history = fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8');
    expect(history.endsWith('\n')).toBe(true);
    expect(history.split('\n').filter((l) => l !== '').length).toBeGreaterThanOrEqual(100); // 50 ops, invoke and completion
    expect(fs.existsSync(registry) ? fs.readdirSync(registry) : []).toEqual([]); // the cluster was stopped
  }, 150_000);

  it('a missing argument is named as the usage shows it: exit 3, one line', async () => {
    const r = await runCli(['check']);
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n')[0]).toBe('faultline: missing argument FILE (history file(s) to check)');
    expect(r.stderr).not.toContain('::');
  });
});
