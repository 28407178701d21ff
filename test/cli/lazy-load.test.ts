// A command loads what it runs and nothing else (issue 12, fast start): with the oclif manifest
// written at build, `faultline --version` imports no command file, and `faultline check` imports
// neither the Docker stack (dockerode, ssh2, protobufjs) nor listr2 nor the other commands.
// Every module Node resolves is traced by a loader hook preloaded with --import.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

async function importsOf(args: string[]): Promise<{ code: number; urls: string[] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'faultline-imports-')), 'imports.txt');
  const r = await execa(process.execPath, ['--import', join(ROOT, 'test/cli/fixtures/trace-imports.mjs'), join(ROOT, 'bin/run.js'), ...args], {
    cwd: ROOT,
    reject: false,
    env: { FAULTLINE_TRACE_IMPORTS: file, FAULTLINE_DEBUG: '' },
  });
  return { code: r.exitCode ?? -1, urls: readFileSync(file, 'utf8').split('\n').filter(Boolean) };
}

const packages = (urls: string[]): Set<string> =>
  new Set(urls.flatMap((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? []));
const commandFiles = (urls: string[]): string[] => urls.filter((u) => u.includes('/dist/src/commands/'));

describe('lazy loading', () => {
  it('--version imports no command', async () => {
    const { code, urls } = await importsOf(['--version']);
    expect(code).toBe(0);
    expect(urls.length).toBeGreaterThan(10); // the trace works
    expect(commandFiles(urls)).toEqual([]);
    expect(packages(urls).has('dockerode')).toBe(false);
  });

  it('check imports its own command only, and no Docker stack', async () => {
    const { code, urls } = await importsOf(['check', 'fixtures/histories/porcupine-etcd/etcd_000.log']);
    expect([0, 1]).toContain(code);
    expect(commandFiles(urls).map((u) => u.replace(/.*\/dist\/src\/commands\//, ''))).toEqual(['check.js']);
    const loaded = packages(urls);
    for (const heavy of ['dockerode', 'docker-modem', 'ssh2', 'protobufjs', '@grpc/grpc-js', 'listr2']) expect(loaded.has(heavy), heavy).toBe(false);
  });
});
