/**
 * nemesisSchedule: the nemesis's generator — quiet, start a fault, wait, stop it, wait, repeat —
 * on the same clock and seed machinery as the clients' generators.
 */
import type { GenContext, GenResult, Generator } from '../src/generator/generator.js';
import { pending } from '../src/generator/generator.js';
import type { Nemesis } from './nemesis.js';

/**
 * nemesisSchedule alternates fault windows: after `intervalNs` of quiet it starts a fault of one of
 * `nemeses` (drawn from the Random), stops it `intervalNs` later, waits `intervalNs`, and so on
 * forever (wrap it in timeLimit). Ops go to the "nemesis" process only. With no nemeses it is done.
 */
export function nemesisSchedule(nemeses: readonly Nemesis[], nodes: readonly string[], intervalNs: number): Generator {
  if (nemeses.length === 0) return { op: () => ({ type: 'done' }) };
  return {
    op(ctx) {
      return next(nemeses, nodes, intervalNs, { atNs: ctx.timeNs + intervalNs, active: undefined }).op(ctx);
    },
  };
}

interface ScheduleState {
  atNs: number;
  active: Nemesis | undefined;
}

function next(nemeses: readonly Nemesis[], nodes: readonly string[], intervalNs: number, s: ScheduleState): Generator {
  const self: Generator = {
    op(ctx: GenContext): GenResult {
      if (!ctx.freeProcesses.includes('nemesis')) return pending(self);
      if (s.active !== undefined) {
        const op = { ...s.active.stopOp(), process: 'nemesis' as const, timeNs: s.atNs };
        return {
          type: 'op',
          op,
          rng: ctx.rng,
          next: next(nemeses, nodes, intervalNs, { atNs: s.atNs + intervalNs, active: undefined }),
        };
      }
      const [chosen, r1] = ctx.rng.pick(nemeses);
      const [template, r2] = chosen.startOp(nodes, r1);
      return {
        type: 'op',
        op: { ...template, process: 'nemesis', timeNs: s.atNs },
        rng: r2,
        next: next(nemeses, nodes, intervalNs, { atNs: s.atNs + intervalNs, active: chosen }),
      };
    },
  };
  return self;
}
