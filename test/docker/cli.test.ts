// `faultline image build` through the built binary: exit codes and messages.
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/cluster/docker/package-root.js';

const bin = path.join(packageRoot(), 'bin', 'run.js');
const built = fs.existsSync(path.join(packageRoot(), 'dist', 'src', 'commands', 'image', 'build.js'));

describe.runIf(built)('faultline image build', () => {
  it('builds (or finds) the etcd image and names its tag', async () => {
    const r = await execa(process.execPath, [bin, 'image', 'build', 'etcd'], { reject: false });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^etcd: faultline-offline\/etcd:[0-9a-f]{10} /m);
  });
  it('an unknown image is a usage error (exit 3)', async () => {
    const r = await execa(process.execPath, [bin, 'image', 'build', 'mongodb'], { reject: false });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('mongodb');
  });
  it('no engine is an environment error (exit 5) with a hint', async () => {
    const r = await execa(process.execPath, [bin, 'image', 'build', 'etcd'], { reject: false, env: { DOCKER_HOST: 'tcp://127.0.0.1:1' } });
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/no Docker engine answers at tcp:\/\/127\.0\.0\.1:1/);
    expect(r.stderr).toContain('hint:');
  });
});
