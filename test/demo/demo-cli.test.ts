// `faultline demo cap` through the built binary: usage errors exit 3 with one clear message, before
// any cluster starts (`npm test` builds first).
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

describe('faultline demo cap usage errors', () => {
  it.each([
    [['--nodes', '4'], /--nodes must be 3 or 5, not 4/],
    [['--time-limit', '1s'], /--time-limit must be at least 4s/],
    [['--time-limit', 'soon'], /--time-limit/],
    [['--seed', 'abc'], /--seed must be an integer, not "abc"/],
    [['--seed', '-5'], /--seed must be an integer from 0 to 4294967295/],
    [['--bogus'], /Nonexistent flag|bogus/],
  ])('%j', async (args, message) => {
    const r = await runCli(['demo', 'cap', ...args]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/faultline demo cap:|running|at .*\.js:\d+/);
    expect(r.stdout).toBe('');
  });
});

describe('faultline demo <chapter> --lang', () => {
  it.each(['cap', 'quorum', 'clocks', 'split-brain'])('%s --lang fr: one usage line, exit 3, nothing started', async (chapter) => {
    const r = await runCli(['demo', chapter, '--lang', 'fr', '--time-limit', '4s']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual(['faultline: --lang must be en or zh, not "fr"']);
    expect(r.stdout).toBe('');
  });
});
