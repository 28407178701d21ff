/**
 * chooseLeader: the node a "leader" fault aims at, as the adapter names it at fault time — or, when
 * no leader can be named then, a documented fallback recorded as such, so a fault is never recorded
 * as aimed at the leader when it was not.
 */
import type { NemesisEnv, SkippedOp } from './nemesis.js';
import { skippedOp } from './nemesis.js';

/**
 * LeaderChoice: the leader (`fallback` absent), or the first node with `fallback` saying why no leader
 * was named (a leaderless store, an election under way, an adapter that names no one); or a
 * SkippedOp when the adapter cannot name leaders at all.
 */
export type LeaderChoice = { node: string; fallback?: string } | SkippedOp;

/** chooseLeader asks the adapter who leads; see LeaderChoice. Never throws. */
export async function chooseLeader(env: NemesisEnv): Promise<LeaderChoice> {
  if (env.findLeader === undefined) return skippedOp('leader unknown: the adapter cannot name the leader');
  let why: string;
  try {
    const leader = await env.findLeader();
    if (leader !== undefined && env.cluster.nodes.some((n) => n.name === leader)) return { node: leader };
    why = leader === undefined ? 'no node said who leads' : `the adapter named "${leader}", which is not a node`;
  } catch (err) {
    why = (err as Error).message ?? String(err);
  }
  const first = env.cluster.nodes[0]?.name;
  if (first === undefined) return skippedOp(`leader unknown: ${why}`);
  return { node: first, fallback: `leader unknown (${why}): aimed at ${first}, the first node, instead` };
}
