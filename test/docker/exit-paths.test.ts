// Every exit path removes the run's containers and network: Ctrl-C (SIGINT), SIGTERM, process.exit
// with a live cluster (the detached reaper), and a SIGKILLed owner (`cleanDockerLeftovers`).
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { describe, expect, it } from 'vitest';
import { cleanDockerLeftovers } from '../../src/cluster/docker/index.js';
import { docker, leftovers, until } from './helpers.js';

const HOLD = path.join(import.meta.dirname, 'fixtures', 'hold-cluster.mts');

const CHILD_OPTIONS = { reject: false, buffer: false, stdout: 'pipe' } as const;
type Child = ResultPromise<typeof CHILD_OPTIONS>;

async function hold(mode?: string): Promise<{ child: Child; runId: string }> {
  const child = execa(process.execPath, ['--import', 'tsx', HOLD, ...(mode === undefined ? [] : [mode])], CHILD_OPTIONS);
  const runId = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      const m = /RUN (\S+)\n/.exec(text);
      if (m !== null) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before the cluster was up`)));
  });
  return { child, runId };
}

const gone = async (runId: string): Promise<boolean> => {
  const l = await leftovers(runId);
  return l.containers === 0 && l.networks === 0;
};

describe('docker exit paths', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s removes the run and the process dies of the signal', async (signal) => {
    const { child, runId } = await hold();
    expect(await leftovers(runId)).toEqual({ containers: 1, networks: 1 });
    child.kill(signal);
    const result = await child;
    expect(result.signal).toBe(signal);
    expect(await leftovers(runId)).toEqual({ containers: 0, networks: 0 });
  });

  it('process.exit with a live cluster: the detached reaper removes it', async () => {
    const { child, runId } = await hold('exit');
    await child;
    expect(await until(() => gone(runId), 60_000)).toBe(true);
  });

  it('a SIGKILLed owner leaves objects that cleanDockerLeftovers removes; live runs are kept', async () => {
    const { child, runId } = await hold();
    const lines: string[] = [];
    await cleanDockerLeftovers({ docker, onRemoved: (l) => lines.push(l) });
    expect(lines.filter((l) => l.includes(runId))).toEqual([]); // its owner is alive: not a leftover
    expect(await cleanDockerLeftovers({ runId: 'no-such-run', docker })).toEqual({ containers: 0, networks: 0, images: 0 });
    expect(await leftovers(runId)).toEqual({ containers: 1, networks: 1 });
    child.kill('SIGKILL');
    await child;
    expect(await leftovers(runId)).toEqual({ containers: 1, networks: 1 });
    const counts = await cleanDockerLeftovers({ docker });
    expect(counts.containers).toBeGreaterThanOrEqual(1);
    expect(counts.networks).toBeGreaterThanOrEqual(1);
    expect(await leftovers(runId)).toEqual({ containers: 0, networks: 0 });
  });
});
