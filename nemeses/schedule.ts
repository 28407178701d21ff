/**
 * nemesisSchedule: the nemesis's generator — for each fault kind, quiet, start a fault, wait, stop
 * it, wait, repeat — on the same clock and seed machinery as the clients' generators.
 */
import type { GenContext, GenResult, Generator } from '../src/generator/generator.js';
import { pending } from '../src/generator/generator.js';
import type { Nemesis } from './nemesis.js';

/**
 * nemesisSchedule runs one fault cycle per nemesis, all at once (Jepsen's combined nemesis): each
 * starts its fault, stops it `intervalNs` later, waits `intervalNs`, and so on forever (wrap it in
 * timeLimit). The cycles are staggered by intervalNs/k (k nemeses) after an initial quiet interval,
 * so different faults overlap (a partition during a clock skew). Ops go to the "nemesis" process
 * only, in time order; with no nemeses it is done.
 */
export function nemesisSchedule(nemeses: readonly Nemesis[], nodes: readonly string[], intervalNs: number): Generator {
  if (nemeses.length === 0) return { op: () => ({ type: 'done' }) };
  return {
    op(ctx) {
      const cycles = nemeses.map((nemesis, i) => ({
        nemesis,
        atNs: ctx.timeNs + intervalNs + Math.floor((i * intervalNs) / nemeses.length),
        active: false,
      }));
      return next(cycles, nodes, intervalNs).op(ctx);
    },
  };
}

interface Cycle {
  nemesis: Nemesis;
  atNs: number;
  active: boolean;
}

function next(cycles: readonly Cycle[], nodes: readonly string[], intervalNs: number): Generator {
  const self: Generator = {
    op(ctx: GenContext): GenResult {
      if (!ctx.freeProcesses.includes('nemesis')) return pending(self);
      let i = 0;
      cycles.forEach((c, j) => {
        if (c.atNs < (cycles[i] as Cycle).atNs) i = j;
      });
      const c = cycles[i] as Cycle;
      const rest = (update: Cycle): Generator => next(cycles.map((x, j) => (j === i ? update : x)), nodes, intervalNs);
      if (c.active) {
        return {
          type: 'op',
          op: { ...c.nemesis.stopOp(), process: 'nemesis', timeNs: c.atNs },
          rng: ctx.rng,
          next: rest({ ...c, atNs: c.atNs + intervalNs, active: false }),
        };
      }
      const [template, rng] = c.nemesis.startOp(nodes, ctx.rng);
      return {
        type: 'op',
        op: { ...template, process: 'nemesis', timeNs: c.atNs },
        rng,
        next: rest({ ...c, atNs: c.atNs + intervalNs, active: true }),
      };
    },
  };
  return self;
}
