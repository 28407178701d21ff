/**
 * resolveNemeses and healAll: from `--nemesis` names to checked Nemesis values, and the final heal.
 */
import type { Capability } from '../src/core/cluster.js';
import { FaultlineError } from '../src/core/errors.js';
import { clockNemesis } from './clock.js';
import { type PartitionKind } from './grudge.js';
import { killNemesis, pauseNemesis } from './kill.js';
import { type Nemesis, type NemesisEnv, type NemesisName, NEMESIS_NAMES, missingCapability } from './nemesis.js';
import { packetNemesis } from './packet.js';
import { partitionNemesis } from './partition.js';

/** NemesisOptions: the partition kinds to draw from. */
export interface NemesisOptions {
  partitionKinds: readonly PartitionKind[];
}

/** isNemesisName tells whether a string names a fault kind. */
export function isNemesisName(s: string): s is NemesisName {
  return (NEMESIS_NAMES as readonly string[]).includes(s);
}

/**
 * resolveNemeses builds the nemeses named (none → []), failing with a usage FaultlineError — before
 * anything starts — for an unknown name or a fault the backend (`backendName`, `capabilities`) lacks.
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
    out.push(nemesis);
  }
  return out;
}

function build(name: NemesisName, options: NemesisOptions, capabilities: ReadonlySet<Capability>): Nemesis {
  switch (name) {
    case 'partition':
      return partitionNemesis(options.partitionKinds);
    case 'kill':
      return killNemesis();
    case 'pause':
      return pauseNemesis();
    case 'clock':
      return clockNemesis();
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
