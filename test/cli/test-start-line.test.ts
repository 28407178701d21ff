// `faultline test`'s first line counts nodes and workers in words a person would write ("1 node",
// not "1 nodes"). The run is refused right after (a partition of one node cuts nothing), so it is quick.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'fl-start-line-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

it('says "1 node" and "1 worker"', async () => {
  const r = await runCli(['test', '--nodes', '1', '--concurrency', '1', '--nemesis', 'partition', '--store', join(cwd, 'store')], { cwd });
  expect(r.code).toBe(3);
  expect(r.stderr).toMatch(/faultline test: register on builtin \(raft\), 1 node, 1 worker, nemesis partition/);
  expect(r.stderr).not.toMatch(/\b1 nodes\b|\b1 workers\b/);
});
