/**
 * Nemeses: faults as data. `grudge.ts` computes partitions purely; `nemesis.ts` is the contract;
 * partition/kill/clock/packet define the faults (pure op drawing + effectful apply/heal on any
 * StartedCluster with the capability); `node-states.ts` tracks killed/restarting nodes across
 * nemeses (and bounds restarts); `find-leader.ts` names the leader (or a recorded fallback); `schedule.ts` is
 * the nemesis generator; `registry.ts` turns `--nemesis` names into nemeses (capability-checked, and
 * rejected when they could not act) and heals everything at the end.
 */
export * from './grudge.js';
export * from './nemesis.js';
export { partitionNemesis } from './partition.js';
export { killNemesis, pauseNemesis } from './kill.js';
export type { KillOptions } from './kill.js';
export { NodeStates, RESTART_TIMEOUT_MS, within, splitTargets } from './node-states.js';
export type { NodeCondition } from './node-states.js';
export { chooseLeader } from './find-leader.js';
export type { LeaderChoice } from './find-leader.js';
export { clockNemesis, DEFAULT_CLOCK } from './clock.js';
export type { ClockOptions } from './clock.js';
export { packetNemesis, PACKET_BEHAVIOURS } from './packet.js';
export { nemesisSchedule } from './schedule.js';
export { resolveNemeses, healAll, isNemesisName, findNemesisFor, checkCanAct } from './registry.js';
export type { NemesisOptions } from './registry.js';
