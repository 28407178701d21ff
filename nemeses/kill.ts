/**
 * killNemesis and pauseNemesis: crash (SIGKILL, restart) or freeze (SIGSTOP, SIGCONT) a minority of nodes.
 */
import type { OpTemplate } from '../src/generator/generator.js';
import type { Random } from '../src/generator/random.js';
import type { Nemesis, NemesisEnv } from './nemesis.js';
import { pickSome } from './nemesis.js';

/** killNemesis kills a random minority (`kill`, value = node names) and restarts every killed node (`start`). */
export function killNemesis(): Nemesis {
  return downUp('kill', ['kill', 'start'], {
    down: (env, node) => env.cluster.kill(node),
    up: (env, node) => env.cluster.restart(node),
  });
}

/** pauseNemesis pauses a random minority (`pause`, value = node names) and resumes them all (`resume`). */
export function pauseNemesis(): Nemesis {
  return downUp('pause', ['pause', 'resume'], {
    down: (env, node) => env.cluster.pause(node),
    up: (env, node) => env.cluster.resume(node),
  });
}

function downUp(
  name: 'kill' | 'pause',
  [downF, upF]: [string, string],
  act: { down(env: NemesisEnv, node: string): Promise<void>; up(env: NemesisEnv, node: string): Promise<void> },
): Nemesis {
  // Nodes this nemesis has taken down and not yet brought back: effectful state of the applier only.
  const affected = new Set<string>();
  const bringBack = async (env: NemesisEnv): Promise<string[]> => {
    const nodes = [...affected].sort();
    for (const node of nodes) {
      await act.up(env, node);
      affected.delete(node);
    }
    return nodes;
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
      const done: string[] = [];
      for (const node of op.value as string[]) {
        await act.down(env, node);
        affected.add(node);
        done.push(node);
      }
      return done;
    },
    async heal(env) {
      await bringBack(env);
    },
  };
}
