import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { parseConcurrency, parseConfig, parseDurationMs, resolveTestOptions } from '../../src/config/index.js';

const seed = () => 99;

describe('resolveTestOptions', () => {
  it('defaults: builtin raft, 5 nodes, register, partitions, 30 s, 2 per node', () => {
    const { run, output } = resolveTestOptions({}, undefined, seed);
    expect(run).toMatchObject({
      db: 'builtin',
      mode: 'raft',
      backend: 'local',
      nodes: 5,
      workload: 'register',
      nemesis: ['partition'],
      timeLimitMs: 30_000,
      threads: 10,
      seed: 99,
      name: 'register-raft',
    });
    expect(output).toEqual({ json: false, report: true });
  });

  it('flags override the config file, which overrides defaults', () => {
    const { run } = resolveTestOptions(
      { mode: 'lww', nemesis: 'partition,kill' },
      { mode: 'primary', nodes: 3, timeLimit: '10s', concurrency: '4n', seed: 5 },
      seed,
    );
    expect(run).toMatchObject({ mode: 'lww', nodes: 3, timeLimitMs: 10_000, threads: 12, seed: 5, nemesis: ['partition', 'kill'] });
  });

  it.each([
    [{ db: 'etcd', backend: 'local' }, /runs only on --backend docker/],
    [{ db: 'redis', backend: 'local' }, /runs only on --backend docker/],
    [{ workload: 'queue' }, /unknown workload "queue"/],
    [{ nemesis: 'partition,flood' }, /unknown nemesis "flood"/],
    [{ partition: 'thirds' }, /unknown partition kind "thirds"/],
    [{ mode: 'paxos' }, /--mode must be one of/],
    [{ nodes: 0 }, /--nodes must be/],
    [{ concurrency: 'x3' }, /--concurrency must be N or Nn/],
    [{ timeLimit: 'soon' }, /--time-limit must be a duration/],
    [{ seed: -1 }, /--seed must be/],
    [{ opTimeout: '0s' }, /^--op-timeout must be longer than 0 \(a duration like 500ms, 10s or 2m\), not "0s"$/],
    [{ timeLimit: 0 }, /^--time-limit must be longer than 0/],
    [{ nemesisInterval: '0ms' }, /^--nemesis-interval must be longer than 0/],
    [{ recovery: 'later' }, /^--recovery must be a duration/],
    [{ convergeTimeout: '-1s' }, /^--converge-timeout must be a duration/],
    [{ keys: 0 }, /^--keys must be a positive integer, not 0$/],
    [{ opsPerKey: 0 }, /^--ops-per-key must be a positive integer, not 0$/],
    [{ opsPerKey: 2.5 }, /^--ops-per-key must be a positive integer, not 2.5$/],
    [{ values: 'big' }, /^--values must be one of unique, small, not "big"$/],
    [{ keys: 11 }, /^--keys 11 needs at least 11 workers \(each key has its own group of processes\); --concurrency gives 10$/],
    [{ workload: 'set', keys: 3 }, /^--keys applies to register, multi-register, kv only; the set workload uses one key$/],
    [{ workload: 'counter', opsPerKey: 10, values: 'small' }, /^--ops-per-key, --values applies to register, multi-register, kv only/],
  ])('%j is a usage error', (flags, message) => {
    const run = () => resolveTestOptions(flags, undefined, seed);
    expect(run).toThrow(FaultlineError);
    expect(run).toThrow(message);
  });
});

describe('key options', () => {
  it('register: one key per node-count workers by default, each with its own group; 200 ops per key; unique values', () => {
    expect(resolveTestOptions({}, undefined, seed).run).toMatchObject({ keys: 2, opsPerKey: 200, values: 'unique', keyAccess: 'groups', processesPerKey: [5, 5] });
    expect(resolveTestOptions({ keys: 3, concurrency: '10', opsPerKey: 50, values: 'small' }, undefined, seed).run).toMatchObject({
      keys: 3,
      opsPerKey: 50,
      values: 'small',
      processesPerKey: [4, 3, 3],
    });
    expect(resolveTestOptions({ nodes: 3, concurrency: '2' }, undefined, seed).run).toMatchObject({ keys: 1, processesPerKey: [2] });
  });

  it('multi-register and kv: 10 keys shared by every process by default, more keys than workers allowed', () => {
    expect(resolveTestOptions({ workload: 'kv' }, undefined, seed).run).toMatchObject({ keys: 10, opsPerKey: 200, values: 'unique', keyAccess: 'shared' });
    expect(resolveTestOptions({ workload: 'multi-register', keys: 1000, concurrency: '2' }, undefined, seed).run).toMatchObject({ keys: 1000 });
  });

  it('set and counter: one key, and no key settings recorded', () => {
    const { run } = resolveTestOptions({ workload: 'set' }, { keys: 1 }, seed);
    expect(run.keys).toBe(1);
    expect(run).not.toHaveProperty('opsPerKey');
    expect(run).not.toHaveProperty('values');
  });
});

describe('final-phase options', () => {
  it('defaults: 1.5 s op timeout, 3 s recovery, 10 s convergence timeout', () => {
    expect(resolveTestOptions({}, undefined, seed).run).toMatchObject({ opTimeoutMs: 1500, recoveryMs: 3000, convergeTimeoutMs: 10_000 });
  });

  it('0s is accepted where "none" makes sense: --recovery and --converge-timeout', () => {
    expect(resolveTestOptions({ recovery: '0s', convergeTimeout: 0 }, undefined, seed).run).toMatchObject({ recoveryMs: 0, convergeTimeoutMs: 0 });
    expect(resolveTestOptions({}, { recovery: 0, convergeTimeout: '0ms', opTimeout: '2s' }, seed).run).toMatchObject({ recoveryMs: 0, convergeTimeoutMs: 0, opTimeoutMs: 2000 });
  });

  it('a positive duration below 1 ms is 1 ms, never 0', () => {
    expect(parseDurationMs('0.2ms', '--op-timeout')).toBe(1);
  });
});

describe('small parsers', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1.5s', 1500],
    ['3', 3000],
  ])('duration %s = %i ms', (text, ms) => {
    expect(parseDurationMs(text, '--x')).toBe(ms);
  });

  it.each([
    ['10', 5, 10],
    ['2n', 5, 10],
    ['1n', 3, 3],
  ])('concurrency %s with %i nodes = %i workers', (text, nodes, threads) => {
    expect(parseConcurrency(text, nodes)).toBe(threads);
  });
});

describe('parseConfig (ajv, shipped schema)', () => {
  it('accepts 0 for recovery and convergeTimeout', () => {
    expect(parseConfig('{"recovery":"0s","convergeTimeout":0,"opTimeout":"2s"}', 'faultline.config.json')).toMatchObject({ recovery: '0s', convergeTimeout: 0 });
  });

  it('accepts opsPerKey and values; rejects bad ones naming the field', () => {
    expect(parseConfig(JSON.stringify({ opsPerKey: 50, values: 'small' }), 'c.json')).toEqual({ opsPerKey: 50, values: 'small' });
    expect(() => parseConfig(JSON.stringify({ opsPerKey: 0 }), 'c.json')).toThrow(/opsPerKey/);
    expect(() => parseConfig(JSON.stringify({ values: 'tiny' }), 'c.json')).toThrow(/must be one of unique, small/);
  });

  it('accepts a valid file', () => {
    expect(parseConfig('{"mode":"lww","nemesis":["partition","kill"],"timeLimit":"10s"}', 'faultline.config.json')).toMatchObject({ mode: 'lww' });
  });

  it.each([
    ['{"modes":"raft"}', /faultline.config.json: unknown option \(field "modes"\)/],
    ['{"mode":"paxos"}', /must be one of raft, lease, primary, lww \(field "mode"\)/],
    ['{"nodes":"five"}', /field "nodes"/],
    ['{not json', /not valid JSON/],
    ['{"opTimeout":0}', /field "opTimeout"/],
    ['{"convergeTimeout":-1}', /field "convergeTimeout"/],
  ])('%s is an input error naming the field', (text, message) => {
    const run = () => parseConfig(text, 'faultline.config.json');
    expect(run).toThrow(FaultlineError);
    expect(run).toThrow(message);
  });
});
