// `faultline lab`'s user errors through the built binary (run `npm run build` first): a bad flag is
// a usage error (exit 3), a taken port one clear line (exit 5) before any node starts.
import { createServer } from 'node:net';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { readRunRecords } from '../../src/cluster/local/run-registry.js';
import { isolateRegistry } from '../cluster/cluster-helpers.js';
import { BIN } from './lab-process.js';

const registry = isolateRegistry();
const ENV = { FAULTLINE_REGISTRY_DIR: registry };

describe.concurrent('faultline lab: user errors', () => {
  it.each([
    { args: ['--mode', 'paxos'], msg: /--mode/ },
    { args: ['--nodes', '0'], msg: /--nodes/ },
    { args: ['--port', 'http'], msg: /--port/ },
    { args: ['--colour', 'red'], msg: /--colour/ },
    { args: ['--r', '1'], msg: /--r, --w and --sloppy apply to --mode quorum only/ },
    { args: ['--mode', 'quorum', '--w', '4'], msg: /--w must be an integer from 1 to --replicas \(3\)/ },
  ])('lab $args exits 3 naming the flag', async ({ args, msg }) => {
    const r = await execa(process.execPath, [BIN, 'lab', ...args], { env: ENV, reject: false });
    expect(r.exitCode).toBe(3);
    expect(r.stderr.split('\n')[0]).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('a port in use: one line, exit 5, no node started', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const r = await execa(process.execPath, [BIN, 'lab', '--port', String(port)], { env: ENV, reject: false });
      expect(r.exitCode).toBe(5);
      expect(r.stderr.trim().split('\n')).toEqual([`faultline: cannot listen on 127.0.0.1:${port}: the port is in use (choose another with --port)`]);
      expect(readRunRecords()).toEqual([]);
    } finally {
      taken.close();
    }
  }, 60_000);
});
