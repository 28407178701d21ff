// Quorum mode's flags through the built CLI: a bad N/R/W is one line naming the flag, exit 3, before
// anything starts (no cluster, no run directory).
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('quorum flags (CLI)', () => {
  it.each([
    [['test', '--mode', 'quorum', '--nodes', '3', '--r', '4'], 'faultline: --r must be an integer from 1 to --replicas (3), not 4'],
    [['test', '--mode', 'quorum', '--nodes', '3', '--replicas', '5'], 'faultline: --replicas must be an integer from 1 to the number of nodes (3), not 5'],
    [['test', '--w', '2'], 'faultline: --replicas, --r, --w and --sloppy apply to --mode quorum only (the mode is raft)'],
    [['cluster', 'up', '--mode', 'quorum', '--nodes', '3', '--w', '0'], 'faultline: --w must be an integer from 1 to --replicas (3), not 0'],
    [['cluster', 'up', '--sloppy'], 'faultline: --replicas, --r, --w and --sloppy apply to --mode quorum only (the mode is raft)'],
  ])('%j', async (args, line) => {
    const r = await runCli(args);
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n')[0]).toBe(line);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);
});
