// Integration: `faultline demo split-brain --lang zh` through the built binary, on real local
// clusters (3 nodes, 6 s per mode, fixed seed): the verdicts in summary.json, and the whole output in
// Chinese (`npm test` builds first).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../src/demo/index.js';
import { runCli } from '../cli/run-cli.js';

describe('faultline demo split-brain --lang zh (real clusters, fixed seed)', () => {
  let store: string | undefined;
  afterAll(async () => {
    if (store !== undefined) await rm(store, { recursive: true, force: true });
  });

  it('primary loses acknowledged writes after failing over without fencing, raft loses none; every line in Chinese', async () => {
    store = await mkdtemp(join(tmpdir(), 'faultline-demo-split-'));
    const r = await runCli(['demo', 'split-brain', '--lang', 'zh', '--time-limit', '6s', '--seed', '1', '--store', store]);
    expect(r.stderr).toMatch(/^faultline demo split-brain：primary, raft，3 个节点，每次运行 6 秒，种子 1$/m);
    expect(r.stderr).toMatch(/\[1\/2\] primary：运行中/);
    expect(r.code).toBe(0);

    const summaryPath = /^汇总：(.+)$/m.exec(r.stdout)?.[1];
    expect(summaryPath).toBeDefined();
    const s = JSON.parse(await readFile(summaryPath as string, 'utf8')) as DemoSummary;
    expect(s.lang).toBe('zh');
    const [primary, raft] = s.rows;
    expect(primary?.mode).toBe('primary');
    expect(primary?.lostWrites).toBeGreaterThan(0);
    expect(primary?.eventual).toBe(false);
    expect(raft?.mode).toBe('raft');
    expect(raft?.lostWrites).toBe(0);
    expect(raft?.linearizable).toBe(true);
    expect(raft?.eventual).toBe(true);

    // The table and the sentences, in Chinese with the standard terms.
    expect(r.stdout).toMatch(/^模式 +\| 故障期间可用性 +\| 丢失的写入 +\| 最终一致？ +\| 线性一致？ +\| 最大读滞后$/m);
    expect(r.stdout).toMatch(/^primary \| \d+%（\d+\/\d+）/m);
    expect(r.stdout).toContain('否（写入丢失）');
    for (const term of ['脑裂', '主节点', '故障转移', '多数派', '已确认的写入', '线性一致性', '隔离（fencing）', '任期']) expect(r.stdout).toContain(term);
    // No English sentence and no catalog key anywhere (paths and mode names aside).
    for (const line of r.stdout.split('\n')) {
      expect(line).not.toMatch(/\b(cli|page|col|cell|lin|stale|conv|cap|clocks|split|quorum)\.[a-zA-Z]/);
      expect(line.replace(/\/\S+/g, '')).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
    }
    const page = await readFile(join(summaryPath as string, '..', 'index.html'), 'utf8');
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('主节点被隔离');
  }, 150_000);
});
