/**
 * clockNemesis: skews node clocks (bump, strobe) and resets them (Jepsen's clock nemesis).
 */
import type { OpTemplate } from '../src/generator/generator.js';
import type { Random } from '../src/generator/random.js';
import type { Nemesis, NemesisEnv } from './nemesis.js';
import { pickSome, skippedOp, type SkippedOp } from './nemesis.js';
import { chooseLeader } from './find-leader.js';
import { NodeStates, splitTargets } from './node-states.js';

/** ClockOptions bound the skews: bumps up to ±maxBumpMs, strobes of ±strobeMs every periodMs for durationMs. */
export interface ClockOptions {
  maxBumpMs: number;
  strobeMs: number;
  strobePeriodMs: number;
  strobeDurationMs: number;
}

/** DEFAULT_CLOCK: bumps up to 10 s (far beyond any lease), strobes of 5 s every 50 ms for 2 s. */
export const DEFAULT_CLOCK: ClockOptions = {
  maxBumpMs: 10_000,
  strobeMs: 5_000,
  strobePeriodMs: 50,
  strobeDurationMs: 2_000,
};

/**
 * clockNemesis: a fault window starts with `bump-clock` ({nodes, offsetMs}) or `strobe-clock`
 * ({nodes, offsetMs, periodMs, durationMs}) and ends with `reset-clock` (every node back to 0).
 * `nodes` is a random minority, or "leader" (resolved when applied; the completion records the
 * node names; when no leader can be named then, the first node, with `fallback` saying so; with an
 * adapter that cannot name leaders at all the op is skipped, `{skipped: "leader unknown …"}`). With `targets.leader` false (the adapter cannot name a leader) every window aims at
 * the minority instead (the same draws, so a seed keeps its schedule otherwise).
 * Nodes that are restarting or in an unknown state (NodeStates) are skipped and recorded as such.
 * A strobe flips the offset between offsetMs and 0 every periodMs in the background, for durationMs
 * or until `reset-clock`.
 */
export function clockNemesis(
  options: ClockOptions = DEFAULT_CLOCK,
  sleepMs = defaultSleep,
  targets: { leader: boolean } = { leader: true },
): Nemesis {
  const own = new NodeStates();
  const skewed = new Set<string>();
  const strobes = new Set<{ stopped: boolean }>();
  const running = new Set<Promise<void>>();
  const reset = async (env: NemesisEnv): Promise<string[]> => {
    for (const s of strobes) s.stopped = true;
    strobes.clear();
    await Promise.allSettled([...running]);
    const nodes = env.cluster.nodes.map((n) => n.name);
    for (const node of nodes) await env.cluster.setClockOffset(node, 0);
    skewed.clear();
    return nodes;
  };
  return {
    name: 'clock',
    requires: ['clock'],
    fs: ['bump-clock', 'strobe-clock', 'reset-clock'],
    startOp(nodes: readonly string[], rng: Random): [OpTemplate, Random] {
      const [chosen, r1] = pickSome(nodes, rng);
      const [targetLeader, r2] = r1.int(2);
      const [kind, r3] = r2.int(2);
      // Half the windows skew the leader (known only when applied): what breaks clock-based leases.
      const target: string[] | 'leader' = targetLeader === 0 && targets.leader ? 'leader' : chosen;
      if (kind === 0) {
        const [u, r4] = r3.float();
        // Never a zero bump: between 10% and 100% of the maximum, either sign.
        const magnitude = Math.round(options.maxBumpMs * (0.1 + 0.9 * Math.abs(u * 2 - 1)));
        return [{ f: 'bump-clock', value: { nodes: target, offsetMs: u < 0.5 ? -magnitude : magnitude } }, r4];
      }
      const value = {
        nodes: target,
        offsetMs: options.strobeMs,
        periodMs: options.strobePeriodMs,
        durationMs: options.strobeDurationMs,
      };
      return [{ f: 'strobe-clock', value }, r3];
    },
    stopOp: () => ({ f: 'reset-clock', value: null }),
    async apply(op, env) {
      if (op.f === 'reset-clock') return reset(env);
      const resolved = await resolveTargets((op.value as { nodes: string[] | 'leader' }).nodes, env);
      if (!('nodes' in resolved)) return resolved;
      // A restarting node may not take the offset (nor answer): skip it, as every fault does.
      const { act: targets, skipped } = splitTargets(resolved.nodes, env.nodes ?? own, (c) => c === 'restarting' || c === 'unknown');
      if (targets.length === 0) return skippedOp(Object.values(skipped).join('; '));
      const partly = {
        ...(resolved.fallback === undefined ? {} : { fallback: resolved.fallback }),
        ...(Object.keys(skipped).length === 0 ? {} : { skipped }),
      };
      if (op.f === 'bump-clock') {
        const offsetMs = (op.value as { offsetMs: number }).offsetMs;
        for (const node of targets) {
          await env.cluster.setClockOffset(node, offsetMs);
          skewed.add(node);
        }
        return { nodes: targets, offsetMs, ...partly };
      }
      // A strobe flips in the background (the nemesis stays free to apply other faults) until its
      // duration ends or the clocks are reset.
      const s = { ...(op.value as { offsetMs: number; periodMs: number; durationMs: number }), nodes: targets };
      const flips = Math.max(1, Math.floor(s.durationMs / s.periodMs));
      for (const node of s.nodes) skewed.add(node);
      const stop = { stopped: false };
      strobes.add(stop);
      const run = (async () => {
        for (let i = 0; i < flips && !stop.stopped; i++) {
          const offset = i % 2 === 0 ? s.offsetMs : 0;
          for (const node of s.nodes) await env.cluster.setClockOffset(node, offset).catch(() => undefined);
          await sleepMs(s.periodMs);
        }
      })();
      running.add(run);
      void run.finally(() => running.delete(run));
      return { ...s, flips, ...partly };
    },
    async heal(env) {
      if (skewed.size > 0) await reset(env);
    },
  };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function resolveTargets(nodes: string[] | 'leader', env: NemesisEnv): Promise<{ nodes: string[]; fallback?: string } | SkippedOp> {
  if (nodes !== 'leader') return { nodes };
  const leader = await chooseLeader(env);
  if (!('node' in leader)) return leader;
  return leader.fallback === undefined ? { nodes: [leader.node] } : { nodes: [leader.node], fallback: leader.fallback };
}
