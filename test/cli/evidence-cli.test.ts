// No false green, through the built binary: an empty history is an input error, a history where
// nothing was observed is "unknown: no evidence", counts and availability sit next to every
// verdict, pairing errors name file and line, epoch-ns times keep their order, binary input is
// never echoed, and `faultline test` against an adapter that fails everything is not valid.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'faultline-evidence-'));

function file(name: string, text: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

function expectOneCleanError(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(stderr.split('\n').filter((l) => l.startsWith('faultline:'))).toHaveLength(1);
}

const ev = (type: string, process: number | string, f: string, value: unknown, time: number | bigint): string =>
  `{"type":"${type}","process":${JSON.stringify(process)},"f":"${f}","value":${JSON.stringify(value)},"time":${time}}`;

describe('faultline check: evidence before valid', () => {
  it.each([
    ['an empty file', 'empty.jsonl', '', /empty\.jsonl: the history is empty \(no events\)/],
    ['only nemesis events', 'nemesis.jsonl', `${ev('info', 'nemesis', 'start-partition', null, 0)}\n`, /nemesis\.jsonl: the history is empty \(1 events but no client operation\)/],
  ])('%s is an input error naming the file (exit 4)', async (_name, name, text, message) => {
    const r = await runCli(['check', file(name, text)]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toMatch(/VALID/);
    expectOneCleanError(r.stderr);
  });

  it('every operation failed: unknown, "no evidence", counts and availability 0% (exit 2)', async () => {
    const lines = [ev('invoke', 0, 'write', 1, 0), ev('fail', 0, 'write', 1, 5), ev('invoke', 1, 'read', null, 6), ev('fail', 1, 'read', null, 9)];
    const r = await runCli(['check', file('all-fail.jsonl', lines.join('\n') + '\n')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/all-fail\.jsonl: UNKNOWN — ok 0 · fail 2 · info 0 · availability 0\.0%/);
    expect(r.stdout).toMatch(/unknown: no evidence: no operation completed ok or info/);
  });

  it('only reads of the initial value: unknown, nothing could have changed (exit 2)', async () => {
    const lines = [ev('invoke', 0, 'read', null, 0), ev('ok', 0, 'read', null, 5), ev('invoke', 1, 'write', 1, 6), ev('fail', 1, 'write', 1, 9)];
    const r = await runCli(['check', file('reads-only.jsonl', lines.join('\n') + '\n')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/ok 1 · fail 1 · info 0 · availability 50\.0%/);
    expect(r.stdout).toMatch(/no evidence: no operation \(ok or info\) could have changed the state/);
  });

  it('--json carries counts and availability next to the verdict', async () => {
    const r = await runCli(['check', 'fixtures/histories/porcupine-etcd/etcd_002.log', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { files: { counts: { ok: number; fail: number; info: number }; availability: number }[] };
    const f = out.files[0]!;
    expect(f.counts.ok).toBeGreaterThan(0);
    expect(f.availability).toBeCloseTo(f.counts.ok / (f.counts.ok + f.counts.fail + f.counts.info), 10);
  });

  it('a valid verdict line shows the counts too', async () => {
    const r = await runCli(['check', 'fixtures/histories/porcupine-etcd/etcd_002.log']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: VALID — ok \d+ · fail \d+ · info \d+ · availability \d+\.\d%/);
  });
});

describe('faultline check: pairing errors name file and line', () => {
  it('a completion whose f differs from its invoke (exit 4)', async () => {
    const text = [ev('invoke', 0, 'write', 1, 0), '', ev('ok', 0, 'read', 1, 5)].join('\n') + '\n';
    const path = file('mismatch.jsonl', text);
    const r = await runCli(['check', path]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${path}:3: ok completion of process 0 is "read" but its invoke at ${path}:1 is "write"`);
    expectOneCleanError(r.stderr);
  });

  it('an EDN completion with no pending invoke names its line', async () => {
    const path = file('orphan.edn', '[{:process 0, :type :invoke, :f :write, :value 1}\n {:process 0, :type :ok, :f :write, :value 1}\n\n {:process 0, :type :ok, :f :write, :value 1}]\n');
    const r = await runCli(['check', path]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${path}:4: ok completion of process 0 has no pending invoke`);
  });
});

describe('faultline check: exact times and safe messages', () => {
  it('an epoch-ns stale read 50 ns after the write is invalid (exit 1)', async () => {
    const B = 1_700_000_000_000_000_000n;
    const lines = [
      ev('invoke', 0, 'write', 1, B),
      ev('ok', 0, 'write', 1, B + 10n),
      ev('invoke', 1, 'write', 2, B + 1000n),
      ev('ok', 1, 'write', 2, B + 1100n),
      ev('invoke', 2, 'read', null, B + 1150n),
      ev('ok', 2, 'read', 1, B + 1200n),
    ];
    const r = await runCli(['check', file('epoch.jsonl', lines.join('\n') + '\n'), '--model', 'register']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/INVALID/);
  });

  it('faultline report draws an epoch-ns history with its exact (invalid) verdict', async () => {
    const B = 1_700_000_000_000_000_000n;
    const lines = [
      ev('invoke', 0, 'write', 1, B),
      ev('ok', 0, 'write', 1, B + 10n),
      ev('invoke', 1, 'write', 2, B + 1000n),
      ev('ok', 1, 'write', 2, B + 1100n),
      ev('invoke', 2, 'read', null, B + 1150n),
      ev('ok', 2, 'read', 1, B + 1200n),
    ];
    const out = join(tmp, 'epoch-report.html');
    const r = await runCli(['report', file('epoch-report.jsonl', lines.join('\n') + '\n'), '-m', 'register', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/verdict invalid/);
  });

  it('a binary file is called binary, never echoed', async () => {
    const bytes = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0x1b, 0x5b, 0x32, 0x4a, 0xff, 0xfe, 10]);
    const r = await runCli(['check', file('binary.dat', bytes)]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/binary\.dat: is a binary file, not a history/);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/);
    expectOneCleanError(r.stderr);
  });

  it('an unknown text format is quoted with control characters escaped', async () => {
    const r = await runCli(['check', file('odd.txt', 'zzz not a history \u0007\n')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('cannot tell the history format from its first line "zzz not a history \\u0007"');
  });
});

describe('faultline test: an adapter that answers fail to everything', () => {
  it('is unknown with the reason and 0% availability, never valid (exit 2)', async () => {
    const dir = mkdtempSync(join(tmp, 'run-'));
    const adapter = file(
      'fail-adapter.mjs',
      "export default { name: 'always-fail', async open() { return { async invoke() { return { type: 'fail', error: 'refused' }; }, async close() {} }; } };\n",
    );
    const r = await runCli(['test', '--adapter', adapter, '--time-limit', '2s', '--nemesis', 'none', '--nodes', '1', '--store', join(dir, 'store')], {
      cwd: dir,
      timeoutMs: 150_000,
    });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toMatch(/^verdict: unknown/m);
    expect(r.stdout).toMatch(/^ {2}availability: 0\.0%/m);
    expect(r.stdout).toMatch(/^ {2}linearizable: unknown — no evidence: no operation completed ok or info/m);
    // Every unknown checker says why.
    expect(r.stdout).toMatch(/^ {2}eventual: unknown/m);
    expect(r.stdout).toMatch(/^ {4}key k\d+: unknown — no final read succeeded/m);
    expect(r.stdout).not.toMatch(/gave no reason/);
  }, 160_000);
});

void ROOT;
