// `faultline test` on the docker backend through the built binary: a real etcd run, and the errors
// a user meets first (a fault the store cannot take, no engine). Needs .ci/docker-setup.sh and
// `node bin/run.js image build all`; run with the docker suite's config.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/cluster/docker/package-root.js';
import { docker } from './helpers.js';

const bin = path.join(packageRoot(), 'bin', 'run.js');
const built = fs.existsSync(path.join(packageRoot(), 'dist', 'src', 'runner', 'docker-backend.js'));
const store = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-test-cli-'));
afterAll(() => fs.rmSync(store, { recursive: true, force: true }));

function faultline(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, [bin, 'test', '--store', store, ...args], { reject: false, env, timeout: 150_000 });
}

describe.runIf(built)('faultline test --db etcd (docker backend)', () => {
  it('runs 3 etcd nodes under partitions for 15 s: valid, exit 0, nothing left behind', async () => {
    const child = faultline(['--db', 'etcd', '--nodes', '3', '--nemesis', 'partition', '--time-limit', '15s', '--seed', '1']);
    const pid = child.pid;
    const r = await child;
    expect(r.stderr).toContain('register on etcd (docker), 3 nodes');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^verdict: valid \(seed 1\)$/m);
    const ops = /ops: ok (\d+) · fail (\d+) · info (\d+); nemesis ops (\d+)/.exec(r.stdout);
    expect(ops).not.toBeNull();
    expect(Number(ops?.[1])).toBeGreaterThan(50);
    expect(Number(ops?.[4])).toBeGreaterThan(0);
    const results = /results: (\S+)/.exec(r.stdout)?.[1] ?? '';
    const dir = path.dirname(results);
    expect(JSON.parse(fs.readFileSync(results, 'utf8'))).toMatchObject({ valid: true });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'test.json'), 'utf8'))).toMatchObject({ db: 'etcd', backend: 'docker', nodes: 3, seed: 1 });
    expect(fs.readdirSync(path.join(dir, 'logs')).sort()).toEqual(['n1.log', 'n2.log', 'n3.log']);
    const left = await docker.listContainers({ all: true, filters: { label: [`faultline.owner-pid=${pid ?? -1}`] } });
    expect(left).toEqual([]);
  });

  it.each([
    ['clock on etcd: usage error naming the reason (exit 3)', ['--db', 'etcd', '--nemesis', 'clock'], {}, 3, [/cannot inject "clock" faults on etcd/, /vDSO/]],
    ['clock on etcd in a list: still refused (exit 3)', ['--db', 'etcd', '--nemesis', 'partition,clock'], {}, 3, [/"clock"/, /vDSO/]],
    ['a docker store on --backend local (exit 3)', ['--db', 'redis', '--backend', 'local'], {}, 3, [/--db redis: redis runs only on --backend docker/]],
    ['no engine: environment error with the set-up hint (exit 5)', ['--db', 'etcd'], { DOCKER_HOST: 'tcp://127.0.0.1:1' }, 5, [/^faultline: no Docker engine answers at tcp:\/\/127\.0\.0\.1:1/m, /^hint: run `sudo bash \.ci\/docker-setup\.sh`/m]],
  ] as const)('%s', async (_name, args, env, code, patterns) => {
    const r = await faultline([...args, '--time-limit', '5s'], env);
    expect(r.exitCode, r.stderr).toBe(code);
    for (const p of patterns) expect(r.stderr).toMatch(p);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });
});
