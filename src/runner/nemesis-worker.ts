/**
 * NemesisWorker: the "nemesis" process. It applies each scheduled fault op to the cluster and records
 * it as an invoke and an info completion (Jepsen's convention for nemesis ops), with the applied
 * value or the error; it also measures how late each op was applied relative to its schedule.
 * Ops of one fault kind are applied in order, one at a time; different kinds run side by side, so a
 * slow restart never delays a partition scheduled meanwhile (their events may interleave).
 */
import type { Process } from '../core/event.js';
import type { ScheduledOp } from '../generator/generator.js';
import type { Nemesis, NemesisEnv } from '../../nemeses/nemesis.js';
import { findNemesisFor, healAll } from '../../nemeses/registry.js';
import type { ProcessPool } from './drive-generator.js';
import type { Recorder } from './recorder.js';
import type { RunClock } from './run-clock.js';

/** NemesisWorker is the single-process pool the nemesis schedule is driven on. */
export class NemesisWorker implements ProcessPool {
  readonly threads = 1;
  /** The last op of each fault kind (applied or queued), to keep each kind in order. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Faults in force, by kind. */
  private readonly active = new Map<string, { f: string; value: unknown }>();
  /** Dispatch lateness of every fault op, in ns (scheduled time → apply start). */
  readonly latenessNs: number[] = [];
  /** The fault in force (the last start op not yet stopped), for progress. */
  current: { f: string; value: unknown } | null = null;

  constructor(
    private readonly nemeses: readonly Nemesis[],
    private readonly env: NemesisEnv,
    private readonly recorder: Recorder,
    private readonly clock: RunClock,
    private readonly onFault?: (current: { f: string; value: unknown } | null) => void,
  ) {}

  all(): Process[] {
    return ['nemesis'];
  }

  free(): Process[] {
    return ['nemesis'];
  }

  dispatch(op: ScheduledOp): Promise<void> {
    const nemesis = findNemesisFor(this.nemeses, op.f);
    const kind = nemesis?.name ?? op.f;
    const run = async (): Promise<void> => {
      this.latenessNs.push(Math.max(0, this.clock.nowNs() - op.timeNs));
      await this.apply(op.f, op.value, async () => {
        if (nemesis === undefined) throw new Error(`no nemesis handles ${op.f}`);
        return nemesis.apply(op, this.env);
      });
      if (nemesis !== undefined && nemesis.stopOp().f === op.f) this.active.delete(kind);
      else this.active.set(kind, { f: op.f, value: op.value });
      this.current = this.summary();
      this.onFault?.(this.current);
    };
    const next = (this.chains.get(kind) ?? Promise.resolve()).then(run);
    this.chains.set(kind, next);
    return next;
  }

  private summary(): { f: string; value: unknown } | null {
    if (this.active.size === 0) return null;
    const faults = [...this.active.values()];
    return faults.length === 1 ? (faults[0] as { f: string; value: unknown }) : { f: faults.map((x) => x.f).join(' + '), value: faults };
  }

  /** healEverything undoes every fault and records it as a `heal` nemesis op. */
  async healEverything(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
    await this.apply('heal', null, async () => {
      await healAll(this.nemeses, this.env);
      return 'healed';
    });
    this.active.clear();
    this.current = null;
    this.onFault?.(null);
  }

  private async apply(f: string, value: unknown, act: () => Promise<unknown>): Promise<void> {
    this.recorder.record({ type: 'invoke', process: 'nemesis', f, value, time: this.clock.nowNs() });
    try {
      const result = await act();
      this.recorder.record({ type: 'info', process: 'nemesis', f, value: result ?? null, time: this.clock.nowNs() });
    } catch (err) {
      this.recorder.record({
        type: 'info',
        process: 'nemesis',
        f,
        value,
        error: (err as Error).message ?? String(err),
        time: this.clock.nowNs(),
      });
    }
  }
}
