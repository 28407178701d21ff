/**
 * NemesisWorker: the "nemesis" process. It applies each scheduled fault op to the cluster and records
 * it as an invoke and an info completion (Jepsen's convention for nemesis ops), with the applied
 * value or the error; it also measures how late each op was applied relative to its schedule.
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
  private busy = false;
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
    return this.busy ? [] : ['nemesis'];
  }

  async dispatch(op: ScheduledOp): Promise<void> {
    this.busy = true;
    try {
      this.latenessNs.push(Math.max(0, this.clock.nowNs() - op.timeNs));
      const nemesis = findNemesisFor(this.nemeses, op.f);
      await this.apply(op.f, op.value, async () => {
        if (nemesis === undefined) throw new Error(`no nemesis handles ${op.f}`);
        return nemesis.apply(op, this.env);
      });
      const stopping = nemesis !== undefined && nemesis.stopOp().f === op.f;
      this.current = stopping ? null : { f: op.f, value: op.value };
      this.onFault?.(this.current);
    } finally {
      this.busy = false;
    }
  }

  /** healEverything undoes every fault and records it as a `heal` nemesis op. */
  async healEverything(): Promise<void> {
    await this.apply('heal', null, async () => {
      await healAll(this.nemeses, this.env);
      return 'healed';
    });
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
