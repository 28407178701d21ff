/**
 * partitionNemesis: cuts the network by a grudge of the chosen kinds, heals it on stop.
 */
import type { Grudge } from '../src/core/cluster.js';
import type { OpTemplate } from '../src/generator/generator.js';
import type { Random } from '../src/generator/random.js';
import { chooseLeader } from './find-leader.js';
import { grudgeFor, isolate, type PartitionKind } from './grudge.js';
import type { Nemesis, NemesisEnv } from './nemesis.js';

/**
 * partitionNemesis draws one of `kinds` per fault window. The start op's value is the grudge
 * (`{kind, grudge}`); for kind "leader" the grudge is computed when applied (the leader is only known
 * then) and recorded in the completion. When no leader can be named at that moment the first node
 * is isolated instead, recorded as `{kind: "one", requested: "leader", fallback: why, grudge}`; with
 * an adapter that cannot name leaders at all nothing is cut (`{kind: "leader", skipped: why}`).
 */
export function partitionNemesis(kinds: readonly PartitionKind[]): Nemesis {
  if (kinds.length === 0) throw new RangeError('partitionNemesis: no partition kinds');
  return {
    name: 'partition',
    requires: ['partition'],
    fs: ['start-partition', 'stop-partition'],
    startOp(nodes: readonly string[], rng: Random): [OpTemplate, Random] {
      const [kind, r1] = rng.pick(kinds);
      if (kind === 'leader') return [{ f: 'start-partition', value: { kind } }, r1];
      const [grudge, r2] = grudgeFor(kind, nodes, r1);
      return [{ f: 'start-partition', value: { kind, grudge } }, r2];
    },
    stopOp: () => ({ f: 'stop-partition', value: null }),
    async apply(op: OpTemplate, env: NemesisEnv): Promise<unknown> {
      if (op.f === 'stop-partition') {
        await env.cluster.healNetwork();
        return 'healed';
      }
      const value = op.value as { kind: PartitionKind; grudge?: Grudge };
      let grudge = value.grudge;
      if (grudge === undefined) {
        const leader = await chooseLeader(env);
        if (!('node' in leader)) return { kind: value.kind, ...leader };
        grudge = isolate(env.cluster.nodes.map((n) => n.name), leader.node);
        if (leader.fallback !== undefined) {
          await env.cluster.partition(grudge);
          return { kind: 'one', requested: 'leader', fallback: leader.fallback, grudge };
        }
      }
      await env.cluster.partition(grudge);
      return { kind: value.kind, grudge };
    },
    async heal(env) {
      await env.cluster.healNetwork();
    },
  };
}
