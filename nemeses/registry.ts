/**
 * resolveNemeses and healAll: from `--nemesis` names to checked Nemesis values, and the final heal.
 */
import type { Capability } from '../src/core/cluster.js';
import { FaultlineError } from '../src/core/errors.js';
import { clockNemesis } from './clock.js';
import { PARTITION_MIN_NODES, type PartitionKind } from './grudge.js';
import { killNemesis, pauseNemesis } from './kill.js';
import { type Nemesis, type NemesisEnv, type NemesisName, NEMESIS_NAMES, missingCapability } from './nemesis.js';
import { packetNemesis } from './packet.js';
import { partitionNemesis } from './partition.js';

/**
 * NemesisOptions: the partition kinds to draw from; the run's node count and adapter, to reject
 * faults that could not act (absent: not checked); how long a restart may take (default
 * RESTART_TIMEOUT_MS).
 */
export interface NemesisOptions {
  partitionKinds: readonly PartitionKind[];
  nodeCount?: number;
  adapter?: { name: string; findsLeader: boolean };
  restartTimeoutMs?: number;
}

/** isNemesisName tells whether a string names a fault kind. */
export function isNemesisName(s: string): s is NemesisName {
  return (NEMESIS_NAMES as readonly string[]).includes(s);
}

/**
 * resolveNemeses builds the nemeses named (none → []), failing with a usage FaultlineError — before
 * anything starts — for an unknown name, a fault the backend (`backendName`, `capabilities`) lacks,
 * or a fault that could not act (see checkCanAct).
 */
export function resolveNemeses(
  names: readonly string[],
  options: NemesisOptions,
  capabilities: ReadonlySet<Capability>,
  backendName: string,
): Nemesis[] {
  const out: Nemesis[] = [];
  for (const name of new Set(names)) {
    if (name === 'none') continue;
    if (!isNemesisName(name)) {
      throw new FaultlineError('usage', `unknown nemesis "${name}"`, {
        hint: `use a comma list of ${NEMESIS_NAMES.join(', ')}, or none`,
      });
    }
    const nemesis = build(name, options, capabilities);
    const missing = missingCapability(nemesis, capabilities);
    if (missing !== null) {
      throw new FaultlineError('usage', `the ${backendName} backend cannot inject "${name}" faults (needs ${missing})`, {
        hint: `this backend supports: ${[...capabilities].sort().join(', ') || 'no faults'}; choose others with --nemesis`,
      });
    }
    checkCanAct(name, options);
    out.push(nemesis);
  }
  return out;
}

/**
 * checkCanAct throws a usage FaultlineError naming the flag when fault `name` could not act on this
 * run: a partition or packet fault with fewer nodes than it needs to cut anything (packet faults act
 * on traffic between nodes), or `--partition leader` with an adapter that cannot name the leader.
 * Kill, pause and clock act on a single node too. Checks only what `options` says (node count,
 * adapter). Pure.
 */
export function checkCanAct(name: NemesisName, options: NemesisOptions): void {
  const n = options.nodeCount;
  if (name === 'packet' && n !== undefined && n < 2) {
    throw new FaultlineError('usage', `--nemesis packet needs at least 2 nodes (--nodes ${n}): packet faults act on traffic between nodes`, {
      hint: 'use --nodes 3 or more, or another --nemesis',
    });
  }
  if (name !== 'partition') return;
  if (n !== undefined && n < 2) {
    throw new FaultlineError('usage', `--nemesis partition needs at least 2 nodes (--nodes ${n}): a partition of one node cuts nothing`, {
      hint: 'use --nodes 3 or more, or another --nemesis (kill, pause and clock act on one node)',
    });
  }
  for (const kind of new Set(options.partitionKinds)) {
    const min = PARTITION_MIN_NODES[kind];
    if (n !== undefined && n < min) {
      throw new FaultlineError('usage', `--partition ${kind} needs at least ${min} nodes (--nodes ${n}): ${SMALL_CLUSTER_REASON[kind] ?? 'it would cut nothing'}`, {
        hint: `use --nodes ${Math.max(min, 3)} or more, or another --partition kind`,
      });
    }
    if (kind === 'leader' && options.adapter !== undefined && !options.adapter.findsLeader) {
      throw new FaultlineError('usage', `--partition leader needs an adapter that can name the leader; the ${options.adapter.name} adapter cannot`, {
        hint: 'a module adapter exports findLeader(nodes); an exec adapter answers {"op":"leader"} (docs/exec-adapter.md); or choose another --partition kind',
      });
    }
  }
}

const SMALL_CLUSTER_REASON: Partial<Record<PartitionKind, string>> = {
  'majorities-ring': 'with 2 nodes each already hears a majority (both), so the ring cuts nothing',
  bridge: 'a bridge is a node between two sides that cannot hear each other',
};

function build(name: NemesisName, options: NemesisOptions, capabilities: ReadonlySet<Capability>): Nemesis {
  switch (name) {
    case 'partition':
      return partitionNemesis(options.partitionKinds);
    case 'kill':
      return killNemesis(options.restartTimeoutMs === undefined ? {} : { restartTimeoutMs: options.restartTimeoutMs });
    case 'pause':
      return pauseNemesis();
    case 'clock':
      return clockNemesis(undefined, undefined, { leader: options.adapter?.findsLeader !== false });
    case 'packet':
      return packetNemesis(capabilities);
  }
}

/**
 * healAll undoes every fault: each nemesis heals what it did (restart killed, resume paused, reset
 * clocks, clear packet faults), then the network is healed whatever happened. It tries every step and
 * throws the first error only at the end, so one failure never leaves other faults in place.
 */
export async function healAll(nemeses: readonly Nemesis[], env: NemesisEnv): Promise<void> {
  let first: unknown;
  for (const nemesis of nemeses) {
    try {
      await nemesis.heal(env);
    } catch (err) {
      first ??= err;
    }
  }
  try {
    if (env.cluster.capabilities.has('partition')) await env.cluster.healNetwork();
  } catch (err) {
    first ??= err;
  }
  if (first !== undefined) throw first;
}

/** findNemesisFor returns the nemesis that emits `f`, if any. */
export function findNemesisFor(nemeses: readonly Nemesis[], f: string): Nemesis | undefined {
  return nemeses.find((n) => n.fs.includes(f));
}
