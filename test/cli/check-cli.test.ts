// `faultline check` through the built binary: verdicts, exit codes, JSON, and one clear line for
// every kind of bad input (no stack traces).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ETCD = 'fixtures/histories/porcupine-etcd';
const tmp = mkdtempSync(join(tmpdir(), 'faultline-cli-'));

function expectOneCleanError(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack frames
  expect(stderr.split('\n').filter((l) => l.startsWith('faultline:'))).toHaveLength(1);
}

describe('faultline check', () => {
  it('exits 0 on a valid history', async () => {
    const r = await runCli(['check', `${ETCD}/etcd_002.log`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/VALID/);
  });

  it('exits 1 on an invalid history and prints a counterexample', async () => {
    const r = await runCli(['check', `${ETCD}/etcd_000.log`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/INVALID/);
    expect(r.stdout).toMatch(/cannot be linearized next/);
    expect(r.stdout).toMatch(/state after prefix/);
  });

  it('merges verdicts over several files and summarises', async () => {
    const r = await runCli(['check', `${ETCD}/etcd_002.log`, `${ETCD}/etcd_000.log`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/2 files: 1 valid, 1 invalid, 0 unknown/);
  });

  it('--json gives the verdict, parts and counterexample as data', async () => {
    const r = await runCli(['check', `${ETCD}/etcd_000.log`, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { valid: unknown; files: { result: { parts: { valid: unknown; counterexample?: { stuck: unknown[] } }[] } }[] };
    expect(out.valid).toBe(false);
    const part = out.files[0]!.result.parts[0]!;
    expect(part.valid).toBe(false);
    expect(part.counterexample!.stuck.length).toBeGreaterThan(0);
  });

  it('names every invalid key of a synthetic history with planted stale reads', async () => {
    const file = join(tmp, 'planted.jsonl');
    const synth = await runCli(['synth', '--ops', '3000', '--keys', '20', '--processes', '8', '--plant-stale', '3', '--seed', '7', '-o', file]);
    expect(synth.code).toBe(0);
    const planted = /planted stale reads on keys: (.*)/.exec(synth.stdout)![1]!.split(', ');
    expect(planted).toHaveLength(3);
    const r = await runCli(['check', file, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { files: { result: { parts: { part: string; valid: unknown }[] } }[] };
    const bad = out.files[0]!.result.parts.filter((p) => p.valid === false).map((p) => p.part).sort();
    expect(bad).toEqual([...planted].sort());
  });

  it('exits 2 when the time budget runs out', async () => {
    const file = join(tmp, 'hard.jsonl');
    await runCli(['synth', '--ops', '40000', '--keys', '1', '--processes', '40', '--info-rate', '0.3', '--seed', '3', '-o', file]);
    const r = await runCli(['check', file, '--timeout', '1ms']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/unknown/i);
  });

  it.each([
    [['check', 'no/such/file.jsonl'], 4, /no\/such\/file\.jsonl/],
    [['check', 'fixtures/malformed/jsonl-bad-type.jsonl'], 4, /jsonl-bad-type\.jsonl:\d+: .*"type"/],
    [['check', 'fixtures/malformed/jsonl-bad-json.jsonl'], 4, /jsonl-bad-json\.jsonl:\d+/],
    [['check', 'fixtures/malformed/edn-unclosed.edn'], 4, /edn-unclosed\.edn/],
    [['check', 'fixtures/malformed/log-bad-type.log'], 4, /log-bad-type\.log:\d+/],
    [['check', `${ETCD}/etcd_000.log`, '--model', 'nosuch'], 3, /unknown model "nosuch"/],
    [['check', `${ETCD}/etcd_000.log`, '--timeout', 'soon'], 3, /--timeout/],
    [['check', `${ETCD}/etcd_000.log`, '--bogus'], 3, /--bogus/],
    [['check'], 3, /file/],
    [['nosuch'], 3, /unknown command "nosuch"/],
  ])('%j exits %i with one clear message', async (args, code, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expectOneCleanError(r.stderr);
  });

  it('reads a truncated last line with a warning, not an error', async () => {
    const r = await runCli(['check', 'fixtures/malformed/jsonl-truncated.jsonl']);
    // A verdict, not an input error: the one write left is never read, so it is "unknown: no evidence".
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/no evidence/);
    expect(r.stdout).toMatch(/warning: .*truncated/i);
  });

  it('loads a user model module given by path', async () => {
    const file = join(tmp, 'my-model.mjs');
    writeFileSync(
      file,
      `export default { name: 'toggle', init: () => false,
        step: (s, op) => op.f === 'flip' ? !s : (op.output === s ? s : Symbol.for('faultline.inconsistent')),
        equal: (a, b) => a === b, hash: (s) => (s ? 1 : 0),
        describeOp: (op) => op.f, describeState: (s) => String(s) };`,
    );
    const hist = join(tmp, 'toggle.jsonl');
    writeFileSync(
      hist,
      [
        { type: 'invoke', process: 0, f: 'flip', value: null, time: 1 },
        { type: 'ok', process: 0, f: 'flip', value: null, time: 2 },
        { type: 'invoke', process: 0, f: 'read', value: null, time: 3 },
        { type: 'ok', process: 0, f: 'read', value: true, time: 4 },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n',
    );
    const r = await runCli(['check', hist, '--model', file]);
    expect(r.stdout).toMatch(/model toggle/);
    expect(r.code).toBe(0);
    // The same model refutes a read of the old value after the flip returned.
    const bad = join(tmp, 'toggle-bad.jsonl');
    writeFileSync(bad, readFileSync(hist, 'utf8').replace('"value":true', '"value":false'));
    const r2 = await runCli(['check', bad, '--model', file]);
    expect(r2.code).toBe(1);
  });
});
