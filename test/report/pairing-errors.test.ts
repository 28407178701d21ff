/**
 * `faultline report` on a history file with a pairing error names the file and line, as `faultline
 * check` does (not "event N").
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fl-report-pairing-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('faultline report: pairing errors', () => {
  it('a completion whose f differs from its invoke is an input error naming file:line', async () => {
    const file = join(dir, 'mismatch.jsonl');
    const rows = [
      { type: 'invoke', process: 0, f: 'write', value: 1, time: 1 },
      { type: 'ok', process: 0, f: 'write', value: 1, time: 2 },
      { type: 'invoke', process: 1, f: 'read', value: null, time: 3 },
      { type: 'ok', process: 1, f: 'write', value: 1, time: 4 },
    ];
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = await runCli(['report', file, '-o', join(dir, 'out.html')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${file}:4`);
    expect(r.stderr).not.toMatch(/event \d/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
