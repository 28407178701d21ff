/**
 * resolveTestOptions: defaults ← faultline.config.json ← flags, checked and resolved into RunOptions.
 *
 * With nothing given: the built-in store in raft mode on the local backend, 5 nodes, the register
 * workload, partitions (random halves) every 5 s, 30 s, 2 workers per node, 50 ops/s. `--db
 * etcd|redis|<spec.json>` or `--backend docker` select the docker backend (resolveDb).
 */
import { basename } from 'node:path';
import { FaultlineError } from '../core/errors.js';
import { NEMESIS_NAMES } from '../../nemeses/nemesis.js';
import { PARTITION_KINDS, type PartitionKind, isPartitionKind } from '../../nemeses/grudge.js';
import { REGISTER_WORKLOADS, WORKLOAD_NAMES } from '../../workloads/index.js';
import { DEFAULT_OPS_PER_KEY, VALUES_MODES, type ValuesMode, type WorkloadOptions } from '../../workloads/workload.js';
import { groupSizes } from '../generator/key-groups.js';
import type { RunOptions } from '../runner/run-options.js';
import type { TestConfig } from './load-config.js';
import { parseDurationMs } from './parse-duration.js';
import { resolveQuorum } from '../cluster/local/quorum-options.js';

/** OutputOptions are what the command does with the result (not part of the run). */
export interface OutputOptions {
  json: boolean;
  junit?: string;
  report: boolean;
}

/** DEFAULTS are the values used when neither flag nor config sets an option. */
export const DEFAULTS = {
  db: 'builtin',
  mode: 'raft',
  backend: 'local',
  nodes: 5,
  workload: 'register',
  nemesis: 'partition',
  nemesisInterval: '5s',
  partition: 'random-halves',
  timeLimit: '30s',
  concurrency: '2n',
  rate: 50,
  /**
   * keys: register — one key per max(nodes, 2) workers (so each key's group spans every node and has
   * at least two processes, or there is no concurrency on a key to test); multi-register/kv — 10; set, counter — 1.
   */
  keys: 'auto',
  opsPerKey: DEFAULT_OPS_PER_KEY,
  values: 'unique',
  store: 'store',
  opTimeout: '1500ms',
  recovery: '3s',
  convergeTimeout: '10s',
} as const;

const MODES = ['raft', 'lease', 'primary', 'lww', 'quorum'];

/**
 * resolveTestOptions merges `flags` over `config` over DEFAULTS (flags and config use the same
 * camelCase names) and validates every value; any bad value is a usage FaultlineError naming the
 * flag. `randomSeed` supplies the seed when none is given (it is printed and stored).
 * `defaults.nodes` (a cluster spec's default node count) replaces DEFAULTS.nodes when given.
 */
export function resolveTestOptions(
  flags: TestConfig,
  config: TestConfig | undefined,
  randomSeed: () => number,
  defaults: { nodes?: number } = {},
): { run: RunOptions; output: OutputOptions } {
  const pick = <K extends keyof TestConfig>(k: K): TestConfig[K] | undefined => flags[k] ?? config?.[k];
  const { db, backend, spec } = resolveDb(flags, config);
  const mode = pick('mode') ?? DEFAULTS.mode;
  if (!MODES.includes(mode)) throw new FaultlineError('usage', `--mode must be one of ${MODES.join(', ')}, not "${mode}"`);
  if (spec !== undefined && mode !== 'raft') {
    throw new FaultlineError('usage', `--mode ${mode} applies to --backend local only (the docker builtin spec runs raft)`, {
      hint: 'drop --mode, or use --backend local',
    });
  }
  const nodes = pick('nodes') ?? defaults.nodes ?? DEFAULTS.nodes;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 15) throw new FaultlineError('usage', `--nodes must be an integer from 1 to 15, not ${nodes}`);
  const workload = pick('workload') ?? DEFAULTS.workload;
  if (!(WORKLOAD_NAMES as readonly string[]).includes(workload)) {
    throw new FaultlineError('usage', `unknown workload "${workload}"`, { hint: `use one of: ${WORKLOAD_NAMES.join(', ')}` });
  }
  const nemesis = list(pick('nemesis') ?? DEFAULTS.nemesis);
  for (const n of nemesis) {
    if (n !== 'none' && !(NEMESIS_NAMES as readonly string[]).includes(n)) {
      throw new FaultlineError('usage', `unknown nemesis "${n}"`, { hint: `use a comma list of ${NEMESIS_NAMES.join(', ')}, or none` });
    }
  }
  const partition = list(pick('partition') ?? DEFAULTS.partition);
  for (const p of partition) {
    if (!isPartitionKind(p)) {
      throw new FaultlineError('usage', `unknown partition kind "${p}"`, { hint: `use one of: ${PARTITION_KINDS.join(', ')}` });
    }
  }
  const concurrency = String(pick('concurrency') ?? DEFAULTS.concurrency);
  const threads = parseConcurrency(concurrency, nodes);
  const rate = pick('rate') ?? DEFAULTS.rate;
  if (!(rate >= 0) || !Number.isFinite(rate)) throw new FaultlineError('usage', `--rate must be a number of ops/s ≥ 0 (0 = unthrottled), not ${rate}`);
  const keyed = resolveKeys(workload, threads, nodes, pick('keys'), pick('opsPerKey'), pick('values'));
  const seedGiven = pick('seed');
  if (seedGiven !== undefined && (!Number.isInteger(seedGiven) || seedGiven < 0 || seedGiven > 0xffffffff)) {
    throw new FaultlineError('usage', `--seed must be an integer from 0 to 4294967295, not ${seedGiven}`);
  }
  const seed = seedGiven ?? randomSeed();
  const timeLimitMs = parseDurationMs(pick('timeLimit') ?? DEFAULTS.timeLimit, '--time-limit');
  const name = pick('name') ?? `${workload}-${spec === undefined ? mode : specLabel(spec)}`;
  const run: RunOptions = {
    name,
    db,
    mode,
    backend,
    nodes,
    workload,
    ...keyed,
    nemesis,
    nemesisIntervalMs: parseDurationMs(pick('nemesisInterval') ?? DEFAULTS.nemesisInterval, '--nemesis-interval'),
    partition: partition as PartitionKind[],
    timeLimitMs,
    concurrency,
    threads,
    rate,
    seed,
    store: pick('store') ?? DEFAULTS.store,
    opTimeoutMs: parseDurationMs(pick('opTimeout') ?? DEFAULTS.opTimeout, '--op-timeout'),
    recoveryMs: parseDurationMs(pick('recovery') ?? DEFAULTS.recovery, '--recovery', { allowZero: true }),
    // 0: one round of final reads, not repeated.
    convergeTimeoutMs: parseDurationMs(pick('convergeTimeout') ?? DEFAULTS.convergeTimeout, '--converge-timeout', { allowZero: true }),
    checkTimeoutMs: Math.max(60_000, timeLimitMs * 2),
    checkWorkers: 2,
  };
  const quorum = resolveQuorum(mode, nodes, { replicas: pick('replicas'), r: pick('r'), w: pick('w'), sloppy: pick('sloppy') });
  if (quorum !== undefined) run.quorum = quorum;
  const adapter = pick('adapter');
  if (adapter !== undefined) run.adapter = adapter;
  const output: OutputOptions = { json: pick('json') ?? false, report: pick('report') ?? true };
  const junit = pick('junit');
  if (junit !== undefined) output.junit = junit;
  return { run, output };
}

/** workloadOptionsOf: what buildWorkload needs from resolved RunOptions (keys, ops per key, values, mode). */
export function workloadOptionsOf(run: RunOptions): WorkloadOptions {
  return {
    keys: run.keys,
    mode: run.mode,
    ...(run.opsPerKey === undefined ? {} : { opsPerKey: run.opsPerKey }),
    ...(run.values === undefined ? {} : { values: run.values }),
  };
}

/** KeySettings: the key fields of RunOptions, as resolveKeys fills them. */
type KeySettings = Pick<RunOptions, 'keys' | 'opsPerKey' | 'values' | 'keyAccess' | 'processesPerKey'>;

/**
 * resolveKeys: what `--keys`, `--ops-per-key` and `--values` mean for `workload` (see DEFAULTS.keys),
 * checked: keys and ops per key positive integers; register needs a worker per key (threads ≥
 * keys); set and counter take none of the three (they use one key). Throws usage FaultlineErrors.
 */
export function resolveKeys(
  workload: string,
  threads: number,
  nodes: number,
  keysGiven: number | undefined,
  opsPerKeyGiven: number | undefined,
  valuesGiven: string | undefined,
): KeySettings {
  if (keysGiven !== undefined && (!Number.isInteger(keysGiven) || keysGiven < 1)) {
    throw new FaultlineError('usage', `--keys must be a positive integer, not ${keysGiven}`);
  }
  if (opsPerKeyGiven !== undefined && (!Number.isInteger(opsPerKeyGiven) || opsPerKeyGiven < 1)) {
    throw new FaultlineError('usage', `--ops-per-key must be a positive integer, not ${opsPerKeyGiven}`);
  }
  if (valuesGiven !== undefined && !(VALUES_MODES as readonly string[]).includes(valuesGiven)) {
    throw new FaultlineError('usage', `--values must be one of ${VALUES_MODES.join(', ')}, not "${valuesGiven}"`);
  }
  if (!REGISTER_WORKLOADS.includes(workload)) {
    const given = [keysGiven !== undefined && keysGiven !== 1 ? '--keys' : undefined, opsPerKeyGiven === undefined ? undefined : '--ops-per-key', valuesGiven === undefined ? undefined : '--values'].filter((f) => f !== undefined);
    if (given.length > 0) {
      throw new FaultlineError('usage', `${given.join(', ')} applies to ${REGISTER_WORKLOADS.join(', ')} only; the ${workload} workload uses one key`);
    }
    return { keys: 1 };
  }
  const opsPerKey = opsPerKeyGiven ?? DEFAULTS.opsPerKey;
  const values = (valuesGiven ?? DEFAULTS.values) as ValuesMode;
  if (workload === 'register') {
    const keys = keysGiven ?? Math.max(1, Math.floor(threads / Math.max(nodes, 2)));
    if (keys > threads) {
      throw new FaultlineError('usage', `--keys ${keys} needs at least ${keys} workers (each key has its own group of processes); --concurrency gives ${threads}`, {
        hint: 'raise --concurrency or lower --keys',
      });
    }
    return { keys, opsPerKey, values, keyAccess: 'groups', processesPerKey: groupSizes(threads, keys) };
  }
  return { keys: keysGiven ?? 10, opsPerKey, values, keyAccess: 'shared' };
}

/** DbChoice: which store and backend a test uses; `spec` (docker only) is a built-in spec name or a spec file path. */
export interface DbChoice {
  db: string;
  backend: 'local' | 'docker' | 'ssh';
  spec?: string;
}

const DOCKER_DBS = ['etcd', 'redis'];

/**
 * resolveDb picks the store and backend from `--db` and `--backend` (flags over config; pure).
 * builtin runs on the local backend unless `--backend docker` (then the builtin spec); etcd, redis
 * and spec files imply docker. Throws a usage FaultlineError for an unknown backend or for a docker
 * store with `--backend local`.
 */
export function resolveDb(flags: TestConfig, config: TestConfig | undefined): DbChoice {
  const db = flags.db ?? config?.db ?? DEFAULTS.db;
  const backendGiven = flags.backend ?? config?.backend;
  if (backendGiven !== undefined && backendGiven !== 'local' && backendGiven !== 'docker' && backendGiven !== 'ssh') {
    throw new FaultlineError('usage', `--backend must be local, docker or ssh, not "${backendGiven}"`);
  }
  if (db === '') throw new FaultlineError('usage', '--db must not be empty', { hint: 'use builtin, etcd, redis or a cluster spec file' });
  // ssh: --db names an SSH spec (fixtures/specs/ssh/<db>.json or a file); see docs/ssh.md.
  if (backendGiven === 'ssh') return { db, backend: 'ssh', spec: db };
  if (db === 'builtin') {
    return backendGiven === 'docker' ? { db, backend: 'docker', spec: 'builtin' } : { db, backend: 'local' };
  }
  if (backendGiven === 'local') {
    const what = DOCKER_DBS.includes(db) ? db : `a cluster spec (${db})`;
    throw new FaultlineError('usage', `--db ${db}: ${what} runs only on --backend docker`, { hint: 'drop --backend local, or use --db builtin' });
  }
  return { db, backend: 'docker', spec: db };
}

function specLabel(spec: string): string {
  return basename(spec).replace(/\.json$/i, '');
}

/** parseConcurrency: "10" → 10 workers, "2n" → 2 per node; anything else is a usage error. */
export function parseConcurrency(text: string, nodes: number): number {
  const m = /^([1-9]\d*)(n?)$/.exec(text.trim());
  if (m === null) throw new FaultlineError('usage', `--concurrency must be N or Nn (N per node), not "${text}"`);
  const n = Number(m[1]);
  const threads = m[2] === 'n' ? n * nodes : n;
  if (threads > 1000) throw new FaultlineError('usage', `--concurrency ${text} gives ${threads} workers; at most 1000`);
  return threads;
}

function list(v: string | readonly string[]): string[] {
  const items = typeof v === 'string' ? v.split(',') : [...v];
  return items.map((s) => s.trim()).filter((s) => s !== '');
}
