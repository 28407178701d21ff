// Output that arrives whole (issue 11, item 11): stdout read through a real pipe is complete even
// when it is megabytes long (process.exit used to drop all but the first 64 KiB the reader had not
// taken yet), and the exit code is still the verdict's. Through the built binary, stdout piped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

const bin = path.join(ROOT, 'bin/run.js');
const built = fs.existsSync(path.join(ROOT, 'dist/src/commands/test.js')) && fs.existsSync(path.join(ROOT, 'dist/src/store/main.js'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-pipe-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const MB = 1 << 20;

function faultline(args: string[], cwd = tmp) {
  // execa reads stdout through a pipe (stdout: 'pipe' is its default).
  return execa(process.execPath, [bin, ...args], { cwd, reject: false, timeout: 180_000, env: { FAULTLINE_DEBUG: '', FAULTLINE_REGISTRY_DIR: path.join(cwd, 'registry') } });
}

describe.skipIf(!built)('output through a pipe arrives whole', () => {
  it('check --json of a history with hundreds of invalid keys: over 1 MB, valid JSON, the same keys as written to a file, exit 1', async () => {
    const hist = path.join(tmp, 'stale.jsonl');
    const synth = await faultline(['synth', '-o', hist, '--ops', '6000', '--keys', '600', '--plant-stale', '600', '--seed', '3']);
    expect(synth.exitCode, synth.stderr).toBe(0);
    const r = await faultline(['check', hist, '--json']);
    expect(r.exitCode, r.stderr).toBe(1);
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(MB);
    type Out = { valid: unknown; files: { result: { parts: { part: string; valid: unknown }[] } }[] };
    const invalidKeys = (o: Out): string[] => o.files[0]!.result.parts.filter((p) => p.valid === false).map((p) => p.part);
    const piped = JSON.parse(r.stdout) as Out;
    expect(piped.valid).toBe(false);
    // To a file the output was always whole: the reference.
    const file = path.join(tmp, 'check.json');
    const toFile = await execa(process.execPath, [bin, 'check', hist, '--json'], { reject: false, stdout: { file } });
    expect(toFile.exitCode).toBe(1);
    const reference = JSON.parse(fs.readFileSync(file, 'utf8')) as Out;
    expect(invalidKeys(reference).length).toBeGreaterThan(300);
    expect(invalidKeys(piped)).toEqual(invalidKeys(reference));
  }, 200_000);

  it('test --json of a run invalid on many keys: over 1 MB, valid JSON, the same checkers as results.json', async () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'run-'));
    const adapter = path.join(ROOT, 'test/cli/fixtures/stale-reads-adapter.mjs');
    const r = await faultline(
      ['test', '--workload', 'multi-register', '--keys', '1000', '--time-limit', '3s', '--rate', '0', '--nemesis', 'none', '--nodes', '1', '--json', '--no-report', '--adapter', adapter],
      cwd,
    );
    expect(r.exitCode, r.stderr).toBe(1);
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(MB);
    const out = JSON.parse(r.stdout) as { dir: string; checkers: unknown[] };
    const saved = JSON.parse(fs.readFileSync(path.join(cwd, out.dir, 'results.json'), 'utf8')) as { checkers: unknown[] };
    expect(out.checkers).toEqual(saved.checkers);
  }, 200_000);
});
