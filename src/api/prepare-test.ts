/**
 * prepareTest: from a TestConfig (the shape of faultline.config.json and of `faultline test`'s
 * flags) to everything `runTest` needs: the resolved RunOptions (written to test.json), the output
 * options, and the backend, adapter and workload. `faultline test` calls it after reading its flags;
 * library users call it through `test()` (src/api/test.ts). The Docker stack is imported only when
 * the chosen store runs in Docker.
 */
import { randomInt } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { FaultlineError } from '../core/errors.js';
import { resolveAdapter } from '../adapters/resolve-adapter.js';
import type { RunnerAdapter } from '../adapters/adapter-extras.js';
import { loadClusterSpec } from '../cluster/docker/cluster-spec.js';
import { type OutputOptions, type TestConfig, loadConfig, resolveDb, resolveTestOptions, workloadOptionsOf } from '../config/index.js';
import { localBackend } from '../runner/local-backend.js';
import { describeQuorum, quorumStoreArgs } from '../cluster/local/quorum-options.js';
import type { Backend, RunOptions } from '../runner/run-options.js';
import { buildWorkload, type Workload } from '../../workloads/index.js';

/** PrepareOptions: where relative paths resolve, and which config file to merge (default: ./faultline.config.json if present). */
export interface PrepareOptions {
  cwd?: string;
  /** A config file to read instead of `<cwd>/faultline.config.json`; `false` reads none. */
  configFile?: string | false;
  /** Draws the seed when none is given (default: a random 32-bit integer). */
  randomSeed?: () => number;
}

/** PreparedTest is a test ready to run: `runTest(run, { backend, adapter, workload, ... })`. */
export interface PreparedTest {
  run: RunOptions;
  output: OutputOptions;
  backend: Backend;
  adapter: RunnerAdapter;
  workload: Workload;
  /** What runs, for people: "builtin (raft)" or "etcd (docker)". */
  what: string;
}

/**
 * prepareTest resolves `given` over the config file and the defaults. Throws FaultlineError
 * ('usage' for a bad option, 'input' for a bad config file or spec, 'environment' when the Docker
 * engine cannot be reached for a Docker store).
 */
export async function prepareTest(given: TestConfig, options: PrepareOptions = {}): Promise<PreparedTest> {
  const cwd = options.cwd ?? process.cwd();
  const config = options.configFile === false ? undefined : await loadConfig(cwd, options.configFile);
  const choice = resolveDb(given, config);
  if (choice.backend === 'ssh') return prepareSshTest(given, config, cwd, options, choice.spec ?? choice.db);
  const spec = choice.spec === undefined ? undefined : loadClusterSpec(choice.spec);
  const specNodes = spec?.nodes?.default;
  const { run, output } = resolveTestOptions(given, config, options.randomSeed ?? (() => randomInt(0, 2 ** 32)), specNodes === undefined ? {} : { nodes: specNodes });
  const workload = buildWorkload(run.workload, workloadOptionsOf(run));
  const adapter = await resolveAdapter(run.adapter, cwd, spec?.adapter ?? 'builtin');
  if (spec === undefined) {
    const what = `${run.db} (${run.mode}${run.quorum === undefined ? '' : ` ${describeQuorum(run.quorum)}`})`;
    return { run, output, backend: localBackend(run.nodes, run.mode, quorumStoreArgs(run.quorum)), adapter, workload, what };
  }
  const { checkNemesesOn, connectDockerEngine, dockerBackend } = await import('../runner/docker-backend.js');
  const plan = { spec, nodes: run.nodes, nemesis: run.nemesis, partitionKinds: run.partition };
  // Faults the spec rules out fail here with the spec's reason, before Docker is even asked.
  checkNemesesOn(dockerBackend(plan), spec.name, run.nemesis, run.partition);
  const backend = dockerBackend({ ...plan, docker: await connectDockerEngine() });
  return { run, output, backend, adapter, workload, what: `${spec.name} (docker)` };
}

/**
 * prepareSshTest: `--backend ssh` (docs/ssh.md). The inventory comes from `--nodes-file` (or
 * `nodesFile`) or the config's `ssh` object; `--db` names an SSH spec. Every machine is connected
 * to once (host keys checked) before anything starts: an unreachable one is a `cluster` error (exit 6).
 */
async function prepareSshTest(given: TestConfig, config: TestConfig | undefined, cwd: string, options: PrepareOptions, specName: string): Promise<PreparedTest> {
  const { loadInventory, resolveInventory, loadSshSpec } = await import('../cluster/ssh/index.js');
  const { sshBackend, preflightSsh } = await import('../runner/ssh-backend.js');
  const { checkNemesesOn } = await import('../runner/docker-backend.js');
  const nodesFile = given.nodesFile ?? config?.nodesFile;
  let inventory;
  if (nodesFile !== undefined) inventory = loadInventory(resolvePath(cwd, nodesFile));
  else if (config?.ssh !== undefined) inventory = resolveInventory(config.ssh, `${options.configFile === undefined || options.configFile === false ? 'faultline.config.json' : options.configFile} (ssh)`, cwd);
  else {
    throw new FaultlineError('usage', '--backend ssh needs the machines: --nodes-file FILE, or "nodesFile" or "ssh" in faultline.config.json', { hint: 'see docs/ssh.md' });
  }
  const spec = loadSshSpec(specName);
  const count = inventory.nodes.length;
  const nodesGiven = given.nodes ?? config?.nodes;
  if (nodesGiven !== undefined && nodesGiven !== count) {
    throw new FaultlineError('usage', `--nodes ${nodesGiven} does not match the ${count} machines in ${inventory.source}`, { hint: 'drop --nodes: the inventory decides' });
  }
  const { run, output } = resolveTestOptions({ ...given, nodes: count }, config === undefined ? undefined : { ...config, nodes: count }, options.randomSeed ?? (() => randomInt(0, 2 ** 32)));
  const workload = buildWorkload(run.workload, { keys: run.keys, mode: run.mode });
  const adapter = await resolveAdapter(run.adapter, cwd, spec.adapter ?? 'builtin');
  const plan = { spec, inventory, nemesis: run.nemesis, partitionKinds: run.partition };
  // Faults the spec rules out fail here, before any machine is contacted.
  checkNemesesOn(sshBackend(plan), spec.name, run.nemesis, run.partition);
  await preflightSsh(inventory);
  return { run, output, backend: sshBackend(plan), adapter, workload, what: `${spec.name} (ssh, ${count} machines)` };
}
