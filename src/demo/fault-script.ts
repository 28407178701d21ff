/**
 * faultScript: a fault schedule written out in advance — "at 5 s, set the leader's clock 20 s ahead;
 * at 10 s, set it right and cut the leader off" — as the nemesis's generator, so a chapter shows its
 * lesson on every run rather than on the seeds whose random faults happen to line up. Pure.
 */
import type { Generator } from '../generator/generator.js';
import { pending } from '../generator/generator.js';

/** FaultStep: one fault op (an f and value the run's nemeses know), `atMs` after the workload starts. */
export interface FaultStep {
  atMs: number;
  f: string;
  value: unknown;
}

/**
 * faultScript emits `steps` (sorted by atMs; equal times keep their order) on the nemesis process,
 * each at its time counted from the first time it is asked; then it is done. Faults still in force at
 * the end are healed by the run's final heal.
 */
export function faultScript(steps: readonly FaultStep[]): Generator {
  const sorted = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.atMs - b.s.atMs || a.i - b.i).map((x) => x.s);
  return {
    op(ctx) {
      return from(sorted, 0, ctx.timeNs).op(ctx);
    },
  };
}

function from(steps: readonly FaultStep[], i: number, startNs: number): Generator {
  const self: Generator = {
    op(ctx) {
      const step = steps[i];
      if (step === undefined) return { type: 'done' };
      if (!ctx.freeProcesses.includes('nemesis')) return pending(self);
      return {
        type: 'op',
        op: { f: step.f, value: step.value, process: 'nemesis', timeNs: startNs + step.atMs * 1e6 },
        next: from(steps, i + 1, startNs),
        rng: ctx.rng,
      };
    },
  };
  return self;
}
