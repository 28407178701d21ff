/**
 * findLeaderOf: the leader as the adapter names it at fault time, or why none could be named — so a
 * "leader" fault is either aimed at the real leader or recorded as skipped, never silently at n1.
 */
import type { NemesisEnv, SkippedOp } from './nemesis.js';
import { skippedOp } from './nemesis.js';

/**
 * findLeaderOf asks the adapter who leads: a node name, or a SkippedOp saying why none was named
 * (the adapter cannot tell at all, named no one, or named something that is not a node). Never throws.
 */
export async function findLeaderOf(env: NemesisEnv): Promise<string | SkippedOp> {
  if (env.findLeader === undefined) return skippedOp('leader unknown: the adapter cannot name the leader');
  let leader: string | undefined;
  try {
    leader = await env.findLeader();
  } catch (err) {
    return skippedOp(`leader unknown: ${(err as Error).message ?? String(err)}`);
  }
  if (leader === undefined) return skippedOp('leader unknown: no node said who leads');
  if (!env.cluster.nodes.some((n) => n.name === leader)) return skippedOp(`leader unknown: the adapter named "${leader}", which is not a node`);
  return leader;
}
