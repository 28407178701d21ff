// `faultline test --backend ssh` against containers that play machines: faultline reaches them only
// over SSH (test/docker/ssh-machines.ts: Debian's sshd, a throwaway key pair, an internal network).
// Every check of what is left on a machine is made over SSH too. Run with the docker suite's config.
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
const store = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-ssh-cli-'));
let machines: SshMachines;

/** machineState is what a machine looks like from faultline's side: filter rules, processes, its directory. */
async function machineState(m: SshMachines, i: number): Promise<{ rules: string; etcd: string; dir: string }> {
  const c = await m.connect(i);
  try {
    const r = await c.run('iptables-save -t filter | grep -v "^#" | sed "s/ \\[[0-9]*:[0-9]*\\]$//"; echo ---; ps -eo pid,args | grep -E "[e]tcd|[s]tore/main.js" || true; echo ---; ls -A /var/tmp 2>&1');
    const [rules = '', etcd = '', dir = ''] = r.stdout.split('---\n');
    return { rules, etcd: etcd.trim(), dir: dir.trim() };
  } finally {
    c.close();
  }
}

function faultline(args: string[]) {
  return execa(process.execPath, [bin, 'test', '--store', store, '--no-report', ...args], { reject: false, timeout: 150_000 });
}

describe.runIf(built)('faultline test --backend ssh (3 machines over SSH)', () => {
  let before: string[] = [];
  beforeAll(async () => {
    machines = await startSshMachines(3);
    // A rule of the machine's own, which faultline must keep exactly.
    for (let i = 0; i < 3; i++) {
      const c = await machines.connect(i);
      await c.check('iptables -A INPUT -p tcp --dport 9999 -j ACCEPT', 'adding a rule of the machine');
      c.close();
    }
    before = await Promise.all([0, 1, 2].map(async (i) => (await machineState(machines, i)).rules));
    expect(before[0]).toContain('--dport 9999');
  }, 120_000);
  afterAll(async () => {
    await machines?.remove();
    fs.rmSync(store, { recursive: true, force: true });
  });

  async function expectPristine(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const s = await machineState(machines, i);
      expect(s.rules, `machine ${i + 1} rules`).toBe(before[i]);
      expect(s.etcd, `machine ${i + 1} processes`).toBe('');
      expect(s.dir, `machine ${i + 1} /var/tmp`).toBe('');
    }
  }

  it('etcd on 3 machines with partition, kill and pause: valid, logs downloaded, machines restored', async () => {
    const nodes = machines.writeInventory('nodes.json');
    const r = await faultline(['--backend', 'ssh', '--nodes-file', nodes, '--db', 'etcd', '--nemesis', 'partition,kill,pause', '--nemesis-interval', '2s', '--time-limit', '12s', '--seed', '7']);
    expect(r.stderr).toContain('register on etcd (ssh, 3 machines), 3 nodes');
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^verdict: valid \(seed 7\)$/m);
    const ops = /ops: ok (\d+) · fail (\d+) · info (\d+); nemesis ops (\d+)/.exec(r.stdout);
    expect(Number(ops?.[1])).toBeGreaterThan(20);
    expect(Number(ops?.[4])).toBeGreaterThan(2);
    const dir = path.dirname(/results: (\S+)/.exec(r.stdout)?.[1] ?? '');
    const history = fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8');
    for (const f of ['start-partition', 'kill', 'pause']) expect(history, f).toContain(`"f":"${f}"`);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'test.json'), 'utf8'))).toMatchObject({ db: 'etcd', backend: 'ssh', nodes: 3, seed: 7 });
    expect(fs.readdirSync(path.join(dir, 'logs')).sort()).toEqual(['n1.log', 'n2.log', 'n3.log']);
    expect(fs.readFileSync(path.join(dir, 'logs', 'n1.log'), 'utf8')).toMatch(/raft|etcd/i);
    await expectPristine();
  });

  it('the built-in store, uploaded and run with the machine\'s own Node.js, under partition, kill and pause: valid, machines restored', async () => {
    const nodes = machines.writeInventory('nodes.json');
    const r = await faultline(['--backend', 'ssh', '--nodes-file', nodes, '--db', 'builtin', '--nemesis', 'partition,kill,pause', '--nemesis-interval', '2s', '--time-limit', '10s', '--seed', '5']);
    expect(r.stderr).toContain('register on builtin (ssh, 3 machines), 3 nodes');
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^verdict: valid \(seed 5\)$/m);
    expect(Number(/ops: ok (\d+)/.exec(r.stdout)?.[1])).toBeGreaterThan(20);
    await expectPristine();
  });

  it('packet loss and partitions through the SSH agent: statistic DROP rules on the target nodes, healed back to the machine\'s exact rules', async () => {
    // The key is offered by a throwaway ssh-agent, not a file.
    const agent = await execa('ssh-agent', ['-s']);
    const sock = /SSH_AUTH_SOCK=([^;]+);/.exec(agent.stdout)![1]!;
    const agentPid = Number(/SSH_AGENT_PID=(\d+);/.exec(agent.stdout)![1]);
    try {
      await execa('ssh-add', [machines.privateKey], { env: { SSH_AUTH_SOCK: sock } });
      const file = machines.writeInventory('agent.json', { privateKey: undefined, agent: true });
      const inventory = loadInventory(file, { ...process.env, SSH_AUTH_SOCK: sock });
      expect(inventory.nodes[0]!.privateKey).toBeUndefined();
      const cluster = await startSshCluster(loadSshSpec('etcd'), inventory);
      try {
        await cluster.setPacketFaults({ lossProbability: 0.25 }, ['n3']);
        const [n1, n3] = await Promise.all([machineState(machines, 0), machineState(machines, 2)]);
        expect(n1.rules).toBe(before[0]);
        expect(n3.rules).toMatch(/-A INPUT -s [\d.]+\/32 -m statistic --mode random --probability 0\.25\d* -j DROP/);
        expect(n3.rules).toContain('--dport 9999');
        await cluster.partition({ n1: ['n2'] });
        expect((await machineState(machines, 0)).rules).toMatch(/-A INPUT -s [\d.]+\/32 -j DROP/);
        expect((await machineState(machines, 2)).rules).toMatch(/statistic/);
        await cluster.healNetwork();
        for (let i = 0; i < 3; i++) expect((await machineState(machines, i)).rules).toBe(before[i]);
      } finally {
        await cluster.stop();
      }
      await expectPristine();
    } finally {
      process.kill(agentPid, 'SIGTERM');
    }
  });

  it('SIGINT in the middle: every rule, process and file faultline added is gone (checked over SSH)', async () => {
    const nodes = machines.writeInventory('nodes.json');
    const child = faultline(['--backend', 'ssh', '--nodes-file', nodes, '--db', 'etcd', '--nemesis', 'partition', '--partition', 'majorities-ring', '--nemesis-interval', '1s', '--time-limit', '60s', '--seed', '8']);
    // Wait for a partition to be in force on some machine: faultline's DROP rules and its marker.
    let active = false;
    for (let t = 0; t < 200 && !active && child.exitCode === null; t++) {
      const states = await Promise.all([0, 1, 2].map((i) => machineState(machines, i)));
      active = states.some((s) => s.rules.includes('-j DROP')) && states.every((s) => s.etcd !== '' && s.dir === 'faultline');
      if (!active) await new Promise((r) => setTimeout(r, 200));
    }
    expect(active).toBe(true);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode, r.stderr).toBe(130);
    await expectPristine();
  });

  it('a SIGKILLed run leaves its marker: the next run refuses the machines, `faultline clean --backend ssh` restores them', async () => {
    const nodes = machines.writeInventory('nodes.json');
    const child = faultline(['--backend', 'ssh', '--nodes-file', nodes, '--db', 'etcd', '--nemesis', 'partition', '--partition', 'majorities-ring', '--nemesis-interval', '1s', '--time-limit', '60s', '--seed', '9']);
    let active = false;
    for (let t = 0; t < 200 && !active && child.exitCode === null; t++) {
      const states = await Promise.all([0, 1, 2].map((i) => machineState(machines, i)));
      active = states.some((s) => s.rules.includes('-j DROP')) && states.every((s) => s.etcd !== '' && s.dir === 'faultline');
      if (!active) await new Promise((r) => setTimeout(r, 200));
    }
    expect(active).toBe(true);
    child.kill('SIGKILL');
    await child;
    expect((await machineState(machines, 0)).etcd).not.toBe('');
    const refused = await faultline(['--backend', 'ssh', '--nodes-file', nodes, '--db', 'etcd', '--time-limit', '5s']);
    expect(refused.exitCode, refused.stderr).toBe(6);
    expect(refused.stderr).toMatch(/^faultline: n1 \([\d.]+\): faultline run fl-\S+ still owns this node \(\/var\/tmp\/faultline\/marker\)$/m);
    expect(refused.stderr).toContain('faultline clean --backend ssh --nodes-file');
    const clean = await execa(process.execPath, [bin, 'clean', '--backend', 'ssh', '--nodes-file', nodes], { reject: false, timeout: 60_000 });
    expect(clean.exitCode, clean.stderr).toBe(0);
    for (const n of ['n1', 'n2', 'n3']) expect(clean.stdout).toMatch(new RegExp(`^removed faultline run fl-\\S+ on ${n} `, 'm'));
    await expectPristine();
    const again = await execa(process.execPath, [bin, 'clean', '--backend', 'ssh', '--nodes-file', nodes], { reject: false, timeout: 60_000 });
    expect(again.stdout.trim()).toBe('nothing to clean');
  });

  it.each<[string, { wrongKey?: boolean }, number | undefined, RegExp]>([
    ['a key the machines do not accept', { wrongKey: true }, undefined, /^faultline: n1 \(root@[\d.]+:22\): the key was not accepted for user root$/m],
    ['a machine that refuses SSH', {}, 2, /^faultline: n3 \(root@[\d.]+:2222\): connection refused/m],
    ['a host key that does not match the pinned one', {}, 1, /^faultline: n2 \(root@[\d.]+:22\): host key SHA256:\S+ does not match the pinned "hostKey"/m],
  ])('%s: one clear error naming the machine before anything starts (exit 6)', async (_name, extra, badNode, pattern) => {
    const inv = machines.writeInventory(
      'bad.json',
      extra.wrongKey === true ? { privateKey: machines.wrongKey } : {},
      (i) => (i !== badNode ? {} : badNode === 2 ? { port: 2222 } : { hostKey: 'SHA256:' + 'A'.repeat(43) }),
    );
    const r = await faultline(['--backend', 'ssh', '--nodes-file', inv, '--db', 'etcd', '--time-limit', '5s']);
    expect(r.exitCode, r.stderr).toBe(6);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('faultline:'))).toHaveLength(1);
    expect(r.stdout).not.toContain('results:');
    await expectPristine();
  });
});
