/**
 * killNemesis and pauseNemesis: crash (SIGKILL, restart) or freeze (SIGSTOP, SIGCONT) a minority of nodes.
 *
 * Both keep to the nodes' shared conditions (node-states.ts): a node that is paused, down,
 * restarting or in an unknown state is skipped (recorded as such; a node is marked before the fault
 * acts, so no other fault lands on it half-way), and a restart is waited for at most
 * `restartTimeoutMs` — past that it is recorded as failed, the node is marked unknown (so no fault
 * is aimed at it), and the restart still in flight is waited for by the final heal.
 */
import type { OpTemplate } from '../src/generator/generator.js';
import type { Random } from '../src/generator/random.js';
import type { Nemesis, NemesisEnv } from './nemesis.js';
import { pickSome, skippedOp } from './nemesis.js';
import { NodeStates, RESTART_TIMEOUT_MS, splitTargets, within } from './node-states.js';

/** KillOptions: how long a restart may take before it is recorded as failed (ms). */
export interface KillOptions {
  restartTimeoutMs?: number;
}

/** killNemesis kills a random minority (`kill`, value = node names) and restarts every killed node (`start`). */
export function killNemesis(options: KillOptions = {}): Nemesis {
  const restartTimeoutMs = options.restartTimeoutMs ?? RESTART_TIMEOUT_MS;
  return downUp('kill', ['kill', 'start'], {
    down: async (env, states, node) => {
      states.markDown(node);
      await env.cluster.kill(node);
    },
    up: async (env, states, node) => {
      const restart = env.cluster.restart(node);
      states.restarting(node, restart);
      const r = await within(restart, restartTimeoutMs);
      if (!r.done) {
        const why = `restart not finished within ${restartTimeoutMs} ms`;
        states.markUnknown(node, why);
        throw new Error(why);
      }
    },
    // A restart that timed out may still be running: never start a second one beside it.
    upBlocked: (states, node) => (states.restartInFlight(node) ? 'its restart is still in flight' : undefined),
    // Before bringing nodes back at the end, let restarts in flight finish (bounded).
    settle: (states) => states.settle(restartTimeoutMs).then(() => undefined),
  });
}

/** pauseNemesis pauses a random minority (`pause`, value = node names) and resumes them all (`resume`). */
export function pauseNemesis(): Nemesis {
  return downUp('pause', ['pause', 'resume'], {
    down: async (env, states, node) => {
      states.markPaused(node);
      await env.cluster.pause(node);
    },
    up: async (env, states, node) => {
      await env.cluster.resume(node);
      states.markUp(node);
    },
    upBlocked: () => undefined,
    settle: async () => undefined,
  });
}

interface DownUp {
  down(env: NemesisEnv, states: NodeStates, node: string): Promise<void>;
  up(env: NemesisEnv, states: NodeStates, node: string): Promise<void>;
  /** Why `node` cannot be brought back now (undefined: it can). */
  upBlocked(states: NodeStates, node: string): string | undefined;
  settle(states: NodeStates): Promise<void>;
}

function downUp(name: 'kill' | 'pause', [downF, upF]: [string, string], act: DownUp): Nemesis {
  // Nodes this nemesis has taken down and not yet brought back: effectful state of the applier only.
  const affected = new Set<string>();
  const own = new NodeStates();
  const statesOf = (env: NemesisEnv): NodeStates => env.nodes ?? own;
  // Every node in parallel, each in its own time; the nodes brought back, or an error naming each
  // failure. A node already up again (a restart that timed out finished later) is only forgotten.
  const bringBack = async (env: NemesisEnv): Promise<string[]> => {
    const states = statesOf(env);
    const nodes = [...affected].sort();
    const results = await Promise.allSettled(
      nodes.map(async (node): Promise<boolean> => {
        if (states.conditionOf(node) === undefined) {
          affected.delete(node);
          return false;
        }
        const blocked = act.upBlocked(states, node);
        if (blocked !== undefined) throw new Error(blocked);
        await act.up(env, states, node);
        affected.delete(node);
        return true;
      }),
    );
    const failed: string[] = [];
    const done: string[] = [];
    results.forEach((r, i) => {
      const node = nodes[i] as string;
      if (r.status === 'rejected') failed.push(`${node}: ${(r.reason as Error).message ?? String(r.reason)}`);
      else if (r.value) done.push(node);
    });
    if (failed.length > 0) throw new Error(`${upF} failed for ${failed.join('; ')}${done.length > 0 ? ` (done: ${done.join(', ')})` : ''}`);
    return done;
  };
  return {
    name,
    requires: [name],
    fs: [downF, upF],
    startOp(nodes: readonly string[], rng: Random): [OpTemplate, Random] {
      const [chosen, next] = pickSome(nodes, rng);
      return [{ f: downF, value: chosen }, next];
    },
    stopOp: () => ({ f: upF, value: null }),
    async apply(op, env) {
      if (op.f === upF) return bringBack(env);
      const states = statesOf(env);
      // Any condition blocks: a killed node cannot be paused, a paused one is not killed, a
      // restarting one must not be touched.
      const { act: targets, skipped } = splitTargets(op.value as string[], states, () => true);
      if (targets.length === 0) return skippedOp(Object.values(skipped).join('; '));
      const done: string[] = [];
      for (const node of targets) {
        // Listed before it is taken down, so a node whose kill failed half-way is still brought back.
        affected.add(node);
        await act.down(env, states, node);
        done.push(node);
      }
      return Object.keys(skipped).length === 0 ? done : { nodes: done, skipped };
    },
    async heal(env) {
      await act.settle(statesOf(env));
      await bringBack(env);
    },
  };
}
