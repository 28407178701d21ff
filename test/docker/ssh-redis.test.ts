// Redis + Sentinel over SSH (fixtures/specs/ssh/redis.json) on 3 containers that play machines:
// the primary partitioned away → Sentinel promotes a replica, and acknowledged adds are missing
// from the final reads (lost, or on some nodes only). Run with the docker suite's config.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/cluster/docker/package-root.js';
import { loadInventory } from '../../src/cluster/ssh/inventory.js';
import { loadSshSpec } from '../../src/cluster/ssh/ssh-spec.js';
import { startSshCluster } from '../../src/cluster/ssh/start-ssh-cluster.js';
import { startSshMachines, type SshMachines } from './ssh-machines.js';

const bin = path.join(packageRoot(), 'bin', 'run.js');
const built = fs.existsSync(path.join(packageRoot(), 'dist', 'src', 'runner', 'ssh-backend.js'));
const store = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-ssh-redis-'));
let machines: SshMachines;

describe.runIf(built)('faultline test --backend ssh --db redis', () => {
  beforeAll(async () => {
    machines = await startSshMachines(3);
  }, 120_000);
  afterAll(async () => {
    await machines?.remove();
    fs.rmSync(store, { recursive: true, force: true });
  });

  it('clock skew reaches redis-server through the interposer built on the machine; the machine clock is untouched', async () => {
    const cluster = await startSshCluster(loadSshSpec('redis'), loadInventory(machines.writeInventory('nodes.json')));
    try {
      expect(cluster.capabilities.has('clock')).toBe(true);
      await cluster.setClockOffset('n2', 3_600_000);
      const c = await machines.connect(1);
      const r = await c.run('redis-cli -p 6379 --raw TIME | head -n 1; date +%s');
      c.close();
      const [redisTime, machineTime] = r.stdout.trim().split('\n').map(Number) as [number, number];
      const now = Date.now() / 1000;
      expect(Math.abs(redisTime - (now + 3600))).toBeLessThan(60);
      expect(Math.abs(machineTime - now)).toBeLessThan(60);
      const c1 = await machines.connect(0);
      const n1 = Number((await c1.run('redis-cli -p 6379 --raw TIME | head -n 1')).stdout.trim());
      c1.close();
      expect(Math.abs(n1 - now)).toBeLessThan(60);
    } finally {
      await cluster.stop();
    }
    const c = await machines.connect(1);
    expect((await c.run('ls -A /var/tmp; ps -eo args | grep -c "[r]edis-server"')).stdout.trim()).toBe('0');
    c.close();
  });

  it('set workload, the primary partitioned away: acknowledged writes lost (invalid, exit 1); machines restored', async () => {
    const nodes = machines.writeInventory('nodes.json');
    const r = await execa(
      process.execPath,
      [bin, 'test', '--store', store, '--no-report', '--backend', 'ssh', '--nodes-file', nodes, '--db', 'redis', '--workload', 'set', '--nemesis', 'partition', '--partition', 'leader', '--nemesis-interval', '12s', '--time-limit', '25s', '--seed', '3'],
      { reject: false, timeout: 150_000 },
    );
    expect(r.stderr).toContain('set on redis (ssh, 3 machines), 3 nodes');
    expect(r.exitCode, r.stdout + r.stderr).toBe(1);
    const results = JSON.parse(fs.readFileSync(/results: (\S+)/.exec(r.stdout)![1]!, 'utf8')) as { valid: boolean | string; checkers?: Record<string, unknown> };
    expect(results.valid).toBe(false);
    const line = /key s: invalid — (.*)$/m.exec(r.stdout)?.[1] ?? '';
    expect(line).toMatch(/\d+ (lost|divergent)/);
    expect(r.stdout).toMatch(/acknowledged \d+/);
    for (let i = 0; i < 3; i++) {
      const c = await machines.connect(i);
      const left = await c.run('iptables -S INPUT | grep -c DROP; ps -eo args | grep -c "[r]edis-server"; ls -A /var/tmp');
      c.close();
      expect(left.stdout.trim().split('\n')).toEqual(['0', '0']);
    }
  });
});
