import { writeFile } from 'node:fs/promises';
import { Flags } from '@oclif/core';
import { Listr } from 'listr2';
import { BaseCommand } from '../cli/base-command.js';
import { summaryLines } from '../cli/test-summary.js';
import { onFatal, setErrorLogDir } from '../cli/internal-error.js';
import { writeNow } from '../cli/write-now.js';
import { claimSignals } from '../cluster/signal-claims.js';
import { FaultlineError } from '../core/errors.js';
import { verdictExitCode } from '../core/verdict.js';
import { DEFAULTS, type TestConfig } from '../config/index.js';
import { prepareTest } from '../api/prepare-test.js';
import { junitXml } from '../runner/junit-xml.js';
import { runTest, type RunResult } from '../runner/run-test.js';
import type { RunEvent, RunPhase } from '../runner/run-options.js';
import { PARTITION_KINDS } from '../../nemeses/grudge.js';
import { NEMESIS_NAMES } from '../../nemeses/nemesis.js';
import { WORKLOAD_NAMES } from '../../workloads/index.js';

const PHASES: [RunPhase, string][] = [
  ['cluster', 'Start the cluster'],
  ['workload', 'Run the workload with faults'],
  ['heal', 'Heal every fault'],
  ['recover', 'Wait for recovery'],
  ['final', 'Final reads'],
  ['teardown', 'Tear down'],
  ['check', 'Check the history'],
  ['report', 'Write report.html'],
];

/** Test runs a whole Jepsen-style test and exits 0 valid, 1 invalid, 2 unknown (3+ errors, 130 interrupted). */
export default class Test extends BaseCommand {
  static override summary = 'Run a test: cluster up, clients and faults, heal, final reads, check, verdict.';
  static override description = `Starts a cluster, runs concurrent clients of a workload while a nemesis injects faults, heals,
does the final reads, checks the history and prints a verdict. Everything is recorded in
<store>/<name>/<timestamp>/ (history.jsonl, test.json, results.json; <store>/latest points at it).
Options may also come from ./faultline.config.json, or the file given with --config (schema:
schemas/faultline.config.schema.json); flags override it. The same --seed gives the same schedule of operations and faults.
Exit code: 0 valid, 1 invalid, 2 unknown; 3 usage, 4 input, 5 environment, 6 cluster or adapter, 10 internal error, 130 interrupted.`;
  static override examples = [
    '<%= config.bin %> test',
    '<%= config.bin %> test --mode lww --nemesis partition --time-limit 10s',
    '<%= config.bin %> test --mode primary --workload set --nemesis partition,kill --seed 42',
    '<%= config.bin %> test --adapter "exec:python3 fixtures/adapters/builtin_store_adapter.py"',
    '<%= config.bin %> test --db etcd --nodes 3 --nemesis partition --time-limit 15s',
    '<%= config.bin %> test --db etcd --adapter etcd-serializable',
    '<%= config.bin %> test --db builtin --backend docker --nemesis clock',
    '<%= config.bin %> test --backend ssh --nodes-file nodes.json --db etcd --nemesis partition,kill,pause',
  ];
  static override flags = {
    db: Flags.string({ description: `store: builtin | etcd | redis | a cluster spec file [default: ${DEFAULTS.db}]` }),
    mode: Flags.string({ description: `the built-in store's replication mode: raft, lease, primary, lww, quorum [default: ${DEFAULTS.mode}]` }),
    replicas: Flags.integer({ description: 'quorum mode: replicas per key, N (≤ --nodes) [default: min(3, nodes)]' }),
    r: Flags.integer({ description: 'quorum mode: replicas a read waits for, R (≤ N) [default: a majority of N]' }),
    w: Flags.integer({ description: 'quorum mode: replicas a write waits for, W (≤ N) [default: a majority of N]' }),
    sloppy: Flags.boolean({ description: 'quorum mode: sloppy quorum (stand-in nodes and hinted handoff)' }),
    backend: Flags.string({ description: `cluster backend: local | docker | ssh [default: ${DEFAULTS.backend}]` }),
    'nodes-file': Flags.string({ description: '--backend ssh: the machines, a JSON inventory (docs/ssh.md)' }),
    nodes: Flags.integer({ description: `number of nodes [default: ${DEFAULTS.nodes}]` }),
    workload: Flags.string({ description: `${WORKLOAD_NAMES.join(' | ')} [default: ${DEFAULTS.workload}]` }),
    nemesis: Flags.string({ description: `comma list of ${NEMESIS_NAMES.join(', ')}, or none [default: ${DEFAULTS.nemesis}]` }),
    'nemesis-interval': Flags.string({ description: `time between fault changes, e.g. 10s [default: ${DEFAULTS.nemesisInterval}]` }),
    partition: Flags.string({ description: `partition kind(s): ${PARTITION_KINDS.join(', ')} [default: ${DEFAULTS.partition}]` }),
    'time-limit': Flags.string({ description: `how long the workload runs, e.g. 30s [default: ${DEFAULTS.timeLimit}]` }),
    concurrency: Flags.string({ description: `workers: N, or Nn for N per node [default: ${DEFAULTS.concurrency}]` }),
    rate: Flags.string({ description: `total ops/s, 0 = unthrottled [default: ${DEFAULTS.rate}]` }),
    keys: Flags.integer({
      description: 'register workloads: keys worked on at once; register gives each key its own group of workers (keys ≤ workers) [default: register workers ÷ max(nodes, 2), multi-register/kv 10]',
    }),
    'ops-per-key': Flags.integer({ description: `register workloads: ops on a key before its workers move to a fresh key [default: ${DEFAULTS.opsPerKey}]` }),
    values: Flags.string({ description: `register workloads: unique (each write/cas value new on its key) | small (0..4) [default: ${DEFAULTS.values}]` }),
    seed: Flags.string({ description: 'seed for every random choice [default: random, printed]' }),
    adapter: Flags.string({
      description: 'builtin | etcd | etcd-serializable | redis, a module path exporting an adapter, or exec:program args [default: the spec\'s adapter, else builtin]',
    }),
    store: Flags.string({ description: `results directory [default: ${DEFAULTS.store}]` }),
    json: Flags.boolean({ description: 'print results.json to stdout instead of text' }),
    junit: Flags.string({ description: 'also write JUnit XML to this file' }),
    report: Flags.boolean({ allowNo: true, description: 'write report.html (--no-report to skip)' }),
    'op-timeout': Flags.string({ description: `how long one operation may take before it is recorded as info, e.g. 2s [default: ${DEFAULTS.opTimeout}]` }),
    recovery: Flags.string({ description: `quiet time after the final heal before the final reads, 0s for none [default: ${DEFAULTS.recovery}]` }),
    'converge-timeout': Flags.string({
      description: `final reads repeat on every node until all agree or this passes, 0s for one round [default: ${DEFAULTS.convergeTimeout}]`,
    }),
    config: Flags.string({ description: `read options from this file instead of ./faultline.config.json` }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Test);
    const given: TestConfig = {};
    const set = <K extends keyof TestConfig>(k: K, v: TestConfig[K] | undefined): void => {
      if (v !== undefined) given[k] = v;
    };
    set('db', flags.db);
    set('mode', flags.mode);
    set('replicas', flags.replicas);
    set('r', flags.r);
    set('w', flags.w);
    set('sloppy', flags.sloppy ? true : undefined);
    set('backend', flags.backend);
    set('nodesFile', flags['nodes-file']);
    set('nodes', flags.nodes);
    set('workload', flags.workload);
    set('nemesis', flags.nemesis);
    set('nemesisInterval', flags['nemesis-interval']);
    set('partition', flags.partition);
    set('timeLimit', flags['time-limit']);
    set('concurrency', flags.concurrency);
    set('rate', flags.rate === undefined ? undefined : numberFlag(flags.rate, '--rate'));
    set('keys', flags.keys);
    set('opsPerKey', flags['ops-per-key']);
    set('values', flags.values);
    set('seed', flags.seed === undefined ? undefined : numberFlag(flags.seed, '--seed'));
    set('adapter', flags.adapter);
    set('store', flags.store);
    set('json', flags.json ? true : undefined);
    set('junit', flags.junit);
    set('report', flags.report);
    set('opTimeout', flags['op-timeout']);
    set('recovery', flags.recovery);
    set('convergeTimeout', flags['converge-timeout']);
    const { run, output, backend, adapter, workload, what } = await prepareTest(given, flags.config === undefined ? {} : { configFile: flags.config });

    // First Ctrl-C/SIGTERM (or an uncaught error): abort — heal, stop the cluster, keep the history,
    // exit 130 (10 after an internal error). A second Ctrl-C exits at once; the exit guards' 'exit'
    // handlers still kill the node processes. While the run owns the signals, the exit guards leave
    // them to it (they would otherwise stop the cluster under the teardown), and listr2 registers
    // none of its own (it would exit 127).
    const abort = new AbortController();
    const onSignal = (signal: NodeJS.Signals): void => {
      if (abort.signal.aborted) {
        writeNow(`\nfaultline: second ${signal}: exiting now (nodes killed, faults not healed, the history written so far kept)`);
        process.exit(130);
      }
      if (!output.json) writeNow(`\nfaultline: ${signal}: healing, stopping the cluster, keeping the history (again to exit at once)`);
      abort.abort(signal);
    };
    const releaseSignals = claimSignals(['SIGINT', 'SIGTERM']);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    onFatal((err) => abort.abort(err));
    const started = Date.now();
    if (!output.json) this.logToStderr(`faultline test: ${run.workload} on ${what}, ${run.nodes} node${run.nodes === 1 ? '' : 's'}, ${run.threads} worker${run.threads === 1 ? '' : 's'}, nemesis ${run.nemesis.join(',')}, seed ${run.seed}`);
    let result: RunResult;
    try {
      result = await withProgress(output.json ? 'none' : process.stderr.isTTY ? 'listr' : 'lines', (onEvent) =>
        runTest(run, {
          backend,
          adapter,
          workload,
          signal: abort.signal,
          onEvent: (e) => {
            if (e.kind === 'phase') setErrorLogDir(e.dir);
            if (e.kind === 'teardown-error') this.logToStderr(`faultline: warning: teardown step ${e.step} failed: ${e.message}`);
            else onEvent(e);
          },
          report: output.report,
        }),
      );
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      releaseSignals();
      onFatal(undefined);
    }
    const seconds = (Date.now() - started) / 1000;
    if (output.junit !== undefined) {
      await writeFile(output.junit, junitXml(run.name, result.checkers, seconds, `seed ${run.seed}; history in ${result.dir}`));
    }
    if (output.json) {
      this.log(JSON.stringify({ ...result, seed: run.seed }, null, 2));
    } else {
      for (const line of summaryLines(result, run.seed)) this.log(line);
    }
    const code = verdictExitCode(result.valid);
    if (code !== 0) this.exit(code);
  }
}

function numberFlag(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) {
    throw new FaultlineError('usage', `${flag} must be a number, not "${text}"`);
  }
  return n;
}

/** withProgress shows phases and live counts while `run` runs: listr2 on a terminal, plain lines otherwise. */
async function withProgress<T>(style: 'listr' | 'lines' | 'none', run: (onEvent: (e: RunEvent) => void) => Promise<T>): Promise<T> {
  if (style === 'none') return run(() => undefined);
  if (style === 'lines') {
    return run((e) => {
      if (e.kind === 'phase') process.stderr.write(`  ${PHASES.find(([p]) => p === e.phase)?.[1] ?? e.phase}\n`);
      if (e.kind === 'fault') process.stderr.write(`    fault: ${e.current === null ? 'none' : e.current.f}\n`);
    });
  }
  // A phase's task waits until the run reaches it (else it shows as skipped: after an interrupt the
  // recovery and final reads never happen) and ends when the run reaches any later phase.
  const order = PHASES.map(([p]) => p);
  const seen = new Set<RunPhase>();
  const reach = new Map<RunPhase, () => void>();
  const reachedP = new Map<RunPhase, Promise<void>>();
  const pass = new Map<RunPhase, () => void>();
  const passedP = new Map<RunPhase, Promise<void>>();
  for (const p of order) {
    reachedP.set(p, new Promise((resolve) => reach.set(p, resolve)));
    passedP.set(p, new Promise((resolve) => pass.set(p, resolve)));
  }
  let counts = { ok: 0, fail: 0, info: 0 };
  let fault = 'none';
  let onOutput: (() => void) | undefined;
  let endAll: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (endAll = resolve));
  const list = new Listr(
    PHASES.map(([phase, title]) => ({
      title,
      task: async (_ctx: unknown, task: { output: string; skip(message?: string): void }) => {
        await Promise.race([reachedP.get(phase), ended]);
        if (!seen.has(phase)) return task.skip();
        if (phase === 'workload') {
          onOutput = () => (task.output = `ok ${counts.ok} · fail ${counts.fail} · info ${counts.info} · fault: ${fault}`);
          onOutput();
        }
        await Promise.race([passedP.get(phase), ended]);
        if (phase === 'workload') onOutput = undefined;
      },
    })),
    // registerSignalListeners: listr2's own SIGINT handler would exit 127 before any teardown.
    { concurrent: false, exitOnError: false, registerSignalListeners: false, rendererOptions: { collapseSubtasks: false } },
  );
  const drawing = list.run().catch(() => undefined);
  try {
    return await run((e) => {
      if (e.kind === 'phase') {
        seen.add(e.phase);
        reach.get(e.phase)?.();
        const at = order.indexOf(e.phase);
        for (const p of order.slice(0, at === -1 ? order.length : at)) pass.get(p)?.();
      } else if (e.kind === 'counts') {
        counts = e;
        onOutput?.();
      } else if (e.kind === 'fault') {
        fault = e.current === null ? 'none' : `${e.current.f}`;
        onOutput?.();
      }
    });
  } finally {
    endAll();
    await drawing;
  }
}
