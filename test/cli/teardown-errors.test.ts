// A teardown step that fails is printed and recorded, never swallowed (issue 11, item 4): a module
// adapter whose close() throws, through the built binary on a real local cluster.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

const built = fs.existsSync(path.join(ROOT, 'dist/src/commands/test.js')) && fs.existsSync(path.join(ROOT, 'dist/src/store/main.js'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-teardown-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!built)('teardown errors through the CLI', () => {
  it('an adapter whose close fails: a warning line, results.json teardownErrors, the verdict still stands', async () => {
    const adapter = path.join(ROOT, 'test/cli/fixtures/close-throws-adapter.mjs');
    const r = await execa(
      process.execPath,
      [path.join(ROOT, 'bin/run.js'), 'test', '--nodes', '1', '--nemesis', 'none', '--time-limit', '1s', '--no-report', '--adapter', adapter],
      { cwd: tmp, reject: false, timeout: 120_000, env: { FAULTLINE_DEBUG: '', FAULTLINE_REGISTRY_DIR: path.join(tmp, 'registry') } },
    );
    expect(r.stderr).toMatch(/^faultline: warning: teardown step close-adapter failed: connection pool already destroyed$/m);
    expect(r.stdout).toMatch(/^verdict: valid/m);
    expect(r.exitCode).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(tmp, 'store', 'latest', 'results.json'), 'utf8')) as Record<string, unknown>;
    expect(results).toMatchObject({ valid: true, historyComplete: true, teardownErrors: [{ step: 'close-adapter', message: 'connection pool already destroyed' }] });
  }, 150_000);
});
