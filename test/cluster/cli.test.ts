// The cluster commands through the built binary (run `npx tsc -p tsconfig.build.json` first).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { readRunRecords } from '../../src/cluster/local/run-registry.js';
import { alive, httpJson, isolateRegistry, tempDir } from './cluster-helpers.js';
import { waitGone } from '../../src/cluster/local/clean-local-leftovers.js';

const registry = isolateRegistry();
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/run.js');
const ENV = { FAULTLINE_REGISTRY_DIR: registry };

function startUp(args: string[]) {
  const up = execa(process.execPath, [BIN, 'cluster', 'up', ...args], { env: ENV, reject: false, all: true, buffer: true });
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    up.all?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('running;')) resolve(out);
    });
    void up.then((r) => reject(new Error(`cluster up exited: ${r.all ?? ''}`)));
  });
  return { up, ready };
}

describe('faultline cluster up / down / clean', () => {
  it('cluster up prints the nodes and curl examples; Ctrl-C tears everything down', async () => {
    const { up, ready } = startUp(['--mode', 'lww', '--nodes', '3', '--log-dir', tempDir('faultline-cli-logs-')]);
    const out = await ready;
    const urls = [...out.matchAll(/^\s+n\d\s+(http:\/\/127\.0\.0\.1:\d+)$/gm)].map((m) => m[1]!);
    expect(urls).toHaveLength(3);
    expect(out).toContain(`curl ${urls[0]}/status`);
    expect((await httpJson(`${urls[1]}/status`)).body).toMatchObject({ id: 'n2', mode: 'lww' });
    const pids = readRunRecords().flatMap((r) => r.record?.nodes.map((n) => n.pid!) ?? []);
    expect(pids).toHaveLength(3);
    up.kill('SIGINT');
    const result = await up;
    expect(result.exitCode).toBe(0);
    expect(result.all).toMatch(/stopped$/);
    expect(await waitGone(pids, 20_000)).toBe(true);
    expect(readRunRecords()).toEqual([]);
  }, 180_000);

  it('cluster down stops it from another process; then there is nothing to stop or clean', async () => {
    const { up, ready } = startUp(['--mode', 'raft', '--nodes', '3', '--log-dir', tempDir('faultline-cli-logs-')]);
    await ready;
    const pids = readRunRecords().flatMap((r) => r.record?.nodes.map((n) => n.pid!) ?? []);
    const down = await execa(process.execPath, [BIN, 'cluster', 'down'], { env: ENV, reject: false });
    expect(down.exitCode).toBe(0);
    expect(down.stdout).toMatch(/^stopped run /);
    expect((await up).exitCode).toBe(0);
    expect(await waitGone(pids, 20_000)).toBe(true);
    for (const pid of pids) expect(alive(pid)).toBe(false);

    const again = await execa(process.execPath, [BIN, 'cluster', 'down'], { env: ENV, reject: false });
    expect(again.exitCode).toBe(3);
    expect(again.stderr).toContain('no cluster started by `faultline cluster up` is running');
    const clean = await execa(process.execPath, [BIN, 'clean'], { env: ENV, reject: false });
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toBe('nothing to clean');
  }, 180_000);

  it.each([
    { args: ['--nodes', '0'], code: 3, msg: /nodes/ },
    { args: ['--mode', 'paxos'], code: 3, msg: /mode/ },
    { args: ['--db', 'etcd'], code: 3, msg: /db/ },
  ])('cluster up $args exits $code', async ({ args, code, msg }) => {
    const r = await execa(process.execPath, [BIN, 'cluster', 'up', ...args], { env: ENV, reject: false });
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toMatch(msg);
  }, 180_000);
});
