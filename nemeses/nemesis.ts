/**
 * Nemesis: the contract every fault follows. Scheduling is pure (ops are drawn from a seed and
 * recorded in the history as `process: "nemesis"`); applying an op is the effectful part and works
 * on any StartedCluster that has the capability.
 */
import type { Capability, StartedCluster } from '../src/core/cluster.js';
import type { OpTemplate } from '../src/generator/generator.js';
import type { Random } from '../src/generator/random.js';
import type { NodeStates } from './node-states.js';

/** NEMESIS_NAMES lists the faults `--nemesis` accepts. */
export const NEMESIS_NAMES = ['partition', 'kill', 'pause', 'clock', 'packet'] as const;

/** NemesisName names one kind of fault. */
export type NemesisName = (typeof NEMESIS_NAMES)[number];

/**
 * NemesisEnv is what applying a fault may use: the cluster, a way to find the leader if the adapter
 * has one, and the nodes' conditions shared by every nemesis of the run (absent: each nemesis keeps
 * its own, so faults of different kinds cannot see each other's restarts).
 */
export interface NemesisEnv {
  cluster: StartedCluster;
  /** Ask the store who leads (built-in store: /status); undefined when it cannot tell. */
  findLeader?: () => Promise<string | undefined>;
  nodes?: NodeStates;
}

/**
 * SkippedOp is the completion value of a fault op that did nothing, with the reason (a node that is
 * restarting, a leader nobody could name, a window that ended before the op's turn). A fault that
 * acted on some of its nodes records `{nodes, skipped: {node: why}}` instead.
 */
export interface SkippedOp {
  skipped: string;
}

/** skippedOp builds the completion value of an op that did nothing because of `reason`. */
export function skippedOp(reason: string): SkippedOp {
  return { skipped: reason };
}

/** isSkippedOp tells whether a completion value says the whole op was skipped. */
export function isSkippedOp(value: unknown): value is SkippedOp {
  return typeof value === 'object' && value !== null && typeof (value as { skipped?: unknown }).skipped === 'string';
}

/** isPartlySkipped tells whether a completion value says the op skipped some of its nodes. */
export function isPartlySkipped(value: unknown): boolean {
  const s = typeof value === 'object' && value !== null ? (value as { skipped?: unknown }).skipped : undefined;
  return typeof s === 'object' && s !== null;
}

/**
 * Nemesis is one fault kind. `requires` are the capabilities it needs (all of them, or any one when
 * `requiresAny`); `startOp`/`stopOp` draw the ops of one fault window (pure); `apply` performs an op
 * and returns the value recorded in its completion; `heal` undoes everything this nemesis did.
 */
export interface Nemesis {
  readonly name: NemesisName;
  readonly requires: readonly Capability[];
  readonly requiresAny?: boolean;
  /** The `f`s of the ops this nemesis emits. */
  readonly fs: readonly string[];
  startOp(nodes: readonly string[], rng: Random): [OpTemplate, Random];
  stopOp(): OpTemplate;
  apply(op: OpTemplate, env: NemesisEnv): Promise<unknown>;
  heal(env: NemesisEnv): Promise<void>;
}

/** missingCapability tells why `nemesis` cannot run with `have` (null when it can). */
export function missingCapability(nemesis: Nemesis, have: ReadonlySet<Capability>): string | null {
  const missing = nemesis.requires.filter((c) => !have.has(c));
  if (nemesis.requiresAny ? missing.length < nemesis.requires.length : missing.length === 0) return null;
  return nemesis.requiresAny ? `any of ${nemesis.requires.join(', ')}` : missing.join(', ');
}

/** pickSome draws a non-empty minority-sized subset of nodes (1..floor((n-1)/2), at least 1). */
export function pickSome(nodes: readonly string[], rng: Random): [string[], Random] {
  const max = Math.max(1, Math.floor((nodes.length - 1) / 2));
  const [k, r1] = rng.int(max);
  let r = r1;
  const pool = nodes.slice();
  const chosen: string[] = [];
  for (let i = 0; i <= k && pool.length > 0; i++) {
    const [j, next] = r.int(pool.length);
    r = next;
    chosen.push(pool.splice(j, 1)[0] as string);
  }
  return [chosen.sort(), r];
}
