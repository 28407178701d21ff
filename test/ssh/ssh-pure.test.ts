// The ssh backend without machines: inventory validation (and the CLI's one-line errors for it),
// host-key checks against known_hosts, the probe's reading, and the node cleanup script run by a
// real sh against real processes and files in a temp dir.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { resolveInventory } from '../../src/cluster/ssh/inventory.js';
import { fingerprintOf, knownHostKeys, verifyHostKey } from '../../src/cluster/ssh/host-key.js';
import { cleanupScript, networkScript, nodePaths, prepareScript, shellQuote, signalScript, startScript } from '../../src/cluster/ssh/node-scripts.js';
import { capabilitiesOf, parseProbe } from '../../src/cluster/ssh/start-ssh-cluster.js';
import { loadSshSpec, renderNode } from '../../src/cluster/ssh/ssh-spec.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const bin = path.join(ROOT, 'bin/run.js');
const hasKeygen = fs.existsSync('/usr/bin/ssh-keygen');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-ssh-pure-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function inputErr(fn: () => unknown): FaultlineError {
  try {
    fn();
  } catch (err) {
    return err as FaultlineError;
  }
  throw new Error('did not throw');
}

describe('inventory', () => {
  it('merges top-level defaults into each node; a node overrides them; paths resolve against the file', () => {
    const inv = resolveInventory(
      { user: 'ops', privateKey: 'keys/id', sudo: true, nodes: [{ host: '10.0.0.1' }, { host: '10.0.0.2', port: 2222, user: 'root', sudo: false, hostKey: `SHA256:${'a'.repeat(43)}` }] },
      '/etc/lab/nodes.json',
      '/etc/lab',
      { HOME: '/home/me' },
    );
    expect(inv.nodes[0]).toMatchObject({ name: 'n1', host: '10.0.0.1', address: '10.0.0.1', port: 22, user: 'ops', sudo: true, privateKey: '/etc/lab/keys/id', dir: '/var/tmp/faultline' });
    expect(inv.nodes[0]!.hostKey).toEqual({ kind: 'known-hosts', file: '/home/me/.ssh/known_hosts' });
    expect(inv.nodes[1]).toMatchObject({ name: 'n2', port: 2222, user: 'root', sudo: false });
    expect(inv.nodes[1]!.hostKey).toEqual({ kind: 'pinned', fingerprint: `SHA256:${'a'.repeat(43)}` });
    expect(inv.commandTimeoutMs).toBe(30_000);
  });

  it.each([
    [{ nodes: [{ host: 'a', port: 'x', privateKey: 'k' }] }, /^nodes\.json: invalid SSH inventory: must be integer \(field "nodes\.0\.port"\)$/],
    [{ nodes: [{ host: 'a', pasword: 'x', privateKey: 'k' }] }, /unknown field \(field "nodes\.0\.pasword"\)$/],
    [{ privateKey: 'k' }, /missing field \(field "nodes"\)$/],
    [{ nodes: [{ host: 'a' }] }, /neither "privateKey" nor "agent": true \(field "nodes\.0"\)$/],
    [{ privateKey: 'k', nodes: [{ host: 'a' }, { host: 'a' }] }, /a:22 is listed twice \(field "nodes\.1\.host"\)$/],
    [{ privateKey: 'k', dir: '/tmp/x; rm -rf /', nodes: [{ host: 'a' }] }, /field "dir"/],
  ])('rejects %j naming the file and field', (value, message) => {
    const err = inputErr(() => resolveInventory(value, 'nodes.json', '/x', {}));
    expect(err).toBeInstanceOf(FaultlineError);
    expect(err.code).toBe('input');
    expect(err.message).toMatch(message);
  });

  it('faultline test --backend ssh: a bad nodes file is one line naming file and field (exit 4); no inventory is a usage error (exit 3)', async () => {
    const file = path.join(tmp, 'nodes.json');
    fs.writeFileSync(file, JSON.stringify({ privateKey: 'k', nodes: [{ host: 'a', user: 7 }] }));
    const bad = await execa(process.execPath, [bin, 'test', '--backend', 'ssh', '--nodes-file', file, '--db', 'etcd', '--store', tmp], { reject: false });
    expect(bad.exitCode, bad.stderr).toBe(4);
    expect(bad.stderr.trim().split('\n')[0]).toBe(`faultline: ${file}: invalid SSH inventory: must be string (field "nodes.0.user")`);
    expect(bad.stderr).not.toMatch(/^\s+at /m);
    const none = await execa(process.execPath, [bin, 'test', '--backend', 'ssh', '--db', 'etcd', '--store', tmp], { reject: false, cwd: tmp });
    expect(none.exitCode, none.stderr).toBe(3);
    expect(none.stderr).toMatch(/^faultline: --backend ssh needs the machines: --nodes-file FILE/m);
  });

  it('faultline.config.json can hold the inventory ("ssh"): a bad field there is named too (exit 4)', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'cfg-'));
    fs.writeFileSync(path.join(dir, 'faultline.config.json'), JSON.stringify({ backend: 'ssh', db: 'etcd', ssh: { privateKey: 'k', nodes: [{ host: 'a', sudo: 'yes' }] } }));
    const r = await execa(process.execPath, [bin, 'test', '--store', tmp], { reject: false, cwd: dir });
    expect(r.exitCode, r.stderr).toBe(4);
    expect(r.stderr.trim().split('\n')[0]).toBe('faultline: faultline.config.json (ssh): invalid SSH inventory: must be boolean (field "nodes.0.sudo")');
  });
});

describe('host keys', () => {
  const blob = crypto.randomBytes(51);
  const other = crypto.randomBytes(51);
  const b64 = blob.toString('base64');
  const hashed = (name: string): string => {
    const salt = crypto.randomBytes(20);
    return `|1|${salt.toString('base64')}|${crypto.createHmac('sha1', salt).update(name).digest('base64')}`;
  };

  it('finds plain, listed, hashed and [host]:port entries, and nothing for other hosts', () => {
    const text = [`# comment`, `10.0.0.1,web ssh-ed25519 ${b64}`, `${hashed('10.0.0.2')} ssh-ed25519 ${b64}`, `[10.0.0.3]:2222 ssh-ed25519 ${b64}`, `@revoked 10.0.0.4 ssh-ed25519 ${b64}`].join('\n');
    expect(knownHostKeys(text, 'web', 22)).toEqual([blob]);
    expect(knownHostKeys(text, '10.0.0.2', 22)).toEqual([blob]);
    expect(knownHostKeys(text, '10.0.0.3', 2222)).toEqual([blob]);
    expect(knownHostKeys(text, '10.0.0.3', 22)).toEqual([]);
    expect(knownHostKeys(text, '10.0.0.4', 22)).toEqual([]);
  });

  it('accepts the known or pinned key; refuses another, an unknown host and an unreadable file, saying why', () => {
    const file = path.join(tmp, 'known_hosts');
    fs.writeFileSync(file, `10.0.0.1 ssh-ed25519 ${b64}\n`);
    const kh = { kind: 'known-hosts' as const, file };
    expect(verifyHostKey(kh, '10.0.0.1', 22, blob)).toEqual({ ok: true });
    expect(verifyHostKey(kh, '10.0.0.1', 22, other)).toMatchObject({ ok: false, reason: expect.stringMatching(/differs from the one in .*man-in-the-middle/) });
    expect(verifyHostKey(kh, '10.0.0.9', 22, blob)).toMatchObject({ ok: false, reason: expect.stringMatching(/is not in /) });
    expect(verifyHostKey({ kind: 'known-hosts', file: path.join(tmp, 'none') }, 'h', 22, blob)).toMatchObject({ ok: false });
    expect(verifyHostKey({ kind: 'pinned', fingerprint: fingerprintOf(blob) }, 'h', 22, blob)).toEqual({ ok: true });
    expect(verifyHostKey({ kind: 'pinned', fingerprint: fingerprintOf(other) }, 'h', 22, blob)).toMatchObject({ ok: false });
    expect(verifyHostKey({ kind: 'insecure' }, 'h', 22, other)).toEqual({ ok: true });
  });

  it.runIf(hasKeygen)('prints fingerprints as ssh-keygen -l does', async () => {
    const key = path.join(tmp, 'k');
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const pub = fs.readFileSync(`${key}.pub`, 'utf8').split(' ')[1]!;
    const expected = (await execa('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${key}.pub`])).stdout.split(/\s+/)[1];
    expect(fingerprintOf(Buffer.from(pub, 'base64'))).toBe(expected);
  });
});

describe('probe and capabilities', () => {
  const spec = loadSshSpec('etcd');
  it('offers the spec faults when every node has root and iptables; network faults drop out naming the node that lacks them', () => {
    const ok = parseProbe('FL_ROOT\nFL_IPTABLES\n');
    expect(ok).toEqual({ root: true, iptables: true, cc: false, missing: [] });
    const all = capabilitiesOf(spec, new Map([['n1', ok], ['n2', ok]]));
    expect([...all.capabilities].sort()).toEqual(['kill', 'packet-loss', 'partition', 'pause']);
    expect(all.unavailable.get('clock')).toMatch(/vDSO/);
    const some = capabilitiesOf(spec, new Map([['n1', ok], ['n2', parseProbe('FL_ROOT\nFL_MISSING etcd\n')]]));
    expect([...some.capabilities].sort()).toEqual(['kill', 'pause']);
    expect(some.unavailable.get('partition')).toMatch(/iptables is not usable as root on n2/);
    expect(parseProbe('FL_LEFTOVER\nrun fl-abc\nFL_MISSING etcd\n')).toMatchObject({ leftoverRun: 'fl-abc', missing: ['etcd'] });
  });

  it('offers clock only for a spec with the interposer and a cc on every node, saying why not', () => {
    const redis = loadSshSpec('redis');
    const withCc = parseProbe('FL_ROOT\nFL_IPTABLES\nFL_CC\n');
    const noCc = parseProbe('FL_ROOT\nFL_IPTABLES\n');
    expect(capabilitiesOf(redis, new Map([['n1', withCc], ['n2', withCc]])).capabilities.has('clock')).toBe(true);
    const partial = capabilitiesOf(redis, new Map([['n1', withCc], ['n2', noCc]]));
    expect(partial.capabilities.has('clock')).toBe(false);
    expect(partial.unavailable.get('clock')).toMatch(/no C compiler \(cc\) on n2/);
    expect(capabilitiesOf(spec, new Map([['n1', withCc]])).unavailable.get('clock')).toMatch(/vDSO/);
  });

  it('renders the etcd config per node with its run directory and peer addresses', () => {
    const layout = [{ name: 'n1', ip: '10.1.0.1' }, { name: 'n2', ip: '10.1.0.2' }];
    const r = renderNode(spec, layout, 1, '/var/tmp/faultline/run1');
    expect(r.command).toEqual(['etcd', '--config-file', '/var/tmp/faultline/run1/etcd.conf.yml']);
    expect(r.files[0]!.path).toBe('/var/tmp/faultline/run1/etcd.conf.yml');
    expect(r.files[0]!.content).toContain('name: n2\ndata-dir: /var/tmp/faultline/run1/data\n');
    expect(r.files[0]!.content).toContain('initial-cluster: n1=http://10.1.0.1:2380,n2=http://10.1.0.2:2380\n');
  });
});

describe('node scripts (run by a real sh in a temp dir)', () => {
  it('shellQuote survives quotes and $', async () => {
    const s = `it's $HOME "x" \`y\``;
    expect((await execa('sh', ['-c', `printf %s ${shellQuote(s)}`])).stdout).toBe(s);
  });

  it('prepare + start record everything; cleanup kills the daemon, removes the files and the base dir it created, and is idempotent', async () => {
    const base = path.join(tmp, 'node', 'faultline');
    const p = nodePaths(base, 'fl-test-1');
    await execa('sh', ['-c', prepareScript(p, 'fl-test-1', false, [{ path: `${p.run}/conf/a.yml`, content: "x: 'y'\n$z\n" }])]);
    expect(fs.readFileSync(`${p.run}/conf/a.yml`, 'utf8')).toBe("x: 'y'\n$z\n");
    const again = await execa('sh', ['-c', prepareScript(p, 'fl-test-2', false, [])], { reject: false });
    expect(again.exitCode).toBe(3);
    expect(again.stderr).toContain('a faultline marker is already there: run fl-test-1');
    // The daemon changes into a subdirectory of the run dir (redis-server --dir does) and has a child in its group.
    await execa('sh', ['-c', startScript(p, ['sh', '-c', `sleep 301 & cd ${p.run}/data && exec sleep 300`], { A: 'b c' })]);
    const pid = Number(fs.readFileSync(p.pidfile, 'utf8'));
    expect(fs.readFileSync(p.marker, 'utf8').split('\n')).toEqual(['run fl-test-1', `basedir ${base}`, `rundir ${p.run}`, `pidfile ${p.pidfile}`, '']);
    // A process elsewhere that happens to have a pid listed must not be killed: only the run's own.
    const stranger = execa('sleep', ['300'], { cwd: tmp, reject: false });
    fs.appendFileSync(p.marker, `pidfile ${p.run}/stranger.pid\n`);
    fs.writeFileSync(`${p.run}/stranger.pid`, String(stranger.pid));
    const out = (await execa('sh', ['-c', cleanupScript(base)])).stdout;
    expect(out).toBe('FL_CLEANED fl-test-1');
    expect(() => process.kill(pid, 0)).toThrow();
    expect((await execa('pgrep', ['-f', '^sleep 301$'], { reject: false })).stdout).toBe('');
    expect(() => process.kill(stranger.pid!, 0)).not.toThrow();
    expect(fs.existsSync(base)).toBe(false);
    expect(fs.existsSync(path.dirname(base))).toBe(true);
    expect((await execa('sh', ['-c', cleanupScript(base)])).stdout).toBe('FL_NOTHING');
    stranger.kill('SIGKILL');
    await stranger;
  });

  it('signalScript stops, continues and kills the daemon with every process of its group', async () => {
    const base = path.join(tmp, 'node2', 'faultline');
    const p = nodePaths(base, 'fl-test-3');
    await execa('sh', ['-c', prepareScript(p, 'fl-test-3', false, [])]);
    await execa('sh', ['-c', startScript(p, ['sh', '-c', 'sleep 311 & exec sleep 310'], {})]);
    const pid = Number(fs.readFileSync(p.pidfile, 'utf8'));
    const child = async (): Promise<number> => Number((await execa('pgrep', ['-g', String(pid), '-f', '^sleep 311$'], { reject: false })).stdout || 0);
    let c = 0;
    for (let i = 0; i < 50 && c === 0; i++) c = await child();
    // Signals are delivered when the process is next scheduled: wait for the state (2 s safety net).
    const states = async (want: string): Promise<string[]> => {
      let got: string[] = [];
      for (let i = 0; i < 100; i++) {
        got = [pid, c].map((q) => fs.readFileSync(`/proc/${q}/stat`, 'utf8').split(') ')[1]![0]!);
        if (got.every((s) => s === want)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      return got;
    };
    await execa('sh', ['-c', signalScript(p, 'STOP')]);
    expect(await states('T')).toEqual(['T', 'T']);
    await execa('sh', ['-c', signalScript(p, 'CONT')]);
    expect(await states('S')).toEqual(['S', 'S']);
    await execa('sh', ['-c', signalScript(p, 'KILL')]);
    expect(await child()).toBe(0);
    expect(fs.existsSync(p.pidfile)).toBe(false);
    expect((await execa('sh', ['-c', cleanupScript(base)])).stdout).toBe('FL_CLEANED fl-test-3');
    expect(fs.existsSync(base)).toBe(false);
  });

  it('networkScript starts from the saved table and adds only validated rules', () => {
    const p = nodePaths('/var/tmp/faultline', 'r');
    expect(networkScript(p, ['10.0.0.2'], ['10.0.0.3'], 0.1).split('\n')).toEqual([
      'set -e',
      'iptables-restore < /var/tmp/faultline/r/iptables.saved',
      'iptables -I INPUT 1 -s 10.0.0.2 -j DROP',
      'iptables -I INPUT 1 -s 10.0.0.3 -m statistic --mode random --probability 0.1000 -j DROP',
    ]);
  });
});
