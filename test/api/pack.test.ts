// faultline as a package, from the outside (issue 12): `npm pack` the built tree, install the
// tarball into a fresh project outside the repository (so nothing resolves from the repo's own
// node_modules), type-check and run a TypeScript consumer against the shipped declarations, and run
// a plain ESM JavaScript consumer. Dependencies come from npm's cache (`npm ci` filled it).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';

const project = mkdtempSync(join(tmpdir(), 'faultline-consumer-'));
const devVersion = (name: string): string => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return pkg.devDependencies[name]!;
};
const npm = (args: string[], cwd: string) =>
  execa('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: { npm_config_update_notifier: 'false' } });

beforeAll(async () => {
  // npm test has just built dist/ (and the oclif manifest); packing must not rebuild it.
  const packed = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', project], ROOT);
  const tarball = join(project, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  cpSync(join(ROOT, 'test/api/consumer'), project, { recursive: true });
  await npm(['install', '--prefer-offline', tarball, `typescript@${devVersion('typescript')}`, `@types/node@${devVersion('@types/node')}`], project);
}, 170_000);

describe('the packed package', () => {
  it('type-checks and runs a TypeScript consumer: its own model, a check, a short built-in test', async () => {
    await execa(join(project, 'node_modules/.bin/tsc'), ['-p', project], { cwd: project });
    const r = await execa(process.execPath, [join(project, 'out/consumer.js')], { cwd: project });
    const out = JSON.parse(r.stdout) as { good: unknown; bad: unknown; empty: unknown; run: { valid: unknown; ok: number; seed: number } };
    expect(out.good).toBe(true);
    expect(out.bad).toBe(false);
    expect(out.empty).toBe('unknown'); // no operation: no evidence, never "valid"
    expect(out.run.valid).toBe(true);
    expect(out.run.ok).toBeGreaterThan(0);
    expect(out.run.seed).toBe(7);
  });

  it('a type error in a consumer is caught by the shipped declarations', async () => {
    writeFileSync(join(project, 'wrong.ts'), "import { checkEvents } from 'faultline';\nawait checkEvents([], { model: 42 });\n");
    const r = await execa(join(project, 'node_modules/.bin/tsc'), ['--noEmit', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--strict', '--types', 'node', 'wrong.ts'], { cwd: project, reject: false });
    expect(r.exitCode).not.toBe(0);
    expect(r.stdout).toMatch(/wrong\.ts.*ModelChoice/s);
  });

  it('runs a plain ESM JavaScript consumer', async () => {
    const r = await execa(process.execPath, [join(project, 'consumer.mjs')], { cwd: project });
    expect(JSON.parse(r.stdout)).toEqual({ format: 'jsonl', valid: false, models: expect.any(Number) });
  });

  it('deep imports are closed: only the documented entries resolve', async () => {
    const r = await execa(process.execPath, ['--input-type=module', '-e', "await import('faultline/dist/src/runner/run-test.js')"], { cwd: project, reject: false });
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
    const docker = await execa(process.execPath, ['--input-type=module', '-e', "const d = await import('faultline/docker'); console.log(typeof d.dockerBackend)"], { cwd: project });
    expect(docker.stdout).toBe('function');
  });
});
