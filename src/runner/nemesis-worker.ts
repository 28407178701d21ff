/**
 * NemesisWorker: the "nemesis" process. It applies each scheduled fault op to the cluster and records
 * it as an invoke and an info completion (Jepsen's convention for nemesis ops), with the applied
 * value or the error; it also measures how late each op was applied relative to its schedule.
 * Ops of one fault kind are applied in order, one at a time; different kinds run side by side, so a
 * slow restart never delays a partition scheduled meanwhile (their events may interleave).
 *
 * Keeping time: once `stopAt` is set (the run's time limit), no op starts at or after it, nor after
 * the run is aborted: an op whose turn comes later is dropped, not recorded, and counted
 * (`skips.notStarted`). Before that, a fault op that had to queue behind a slow op of its kind and
 * whose turn comes when the next op of its kind is already due (the fault's whole window passed
 * while it waited) is skipped and recorded as skipped, so ops never pile up behind a slow one; stop ops always run (they heal).
 * Faults aimed at nodes another nemesis is restarting are skipped by the nemeses themselves (they
 * share this worker's NodeStates). The final heal waits for ops in flight, then heals, each for at
 * most `healTimeoutMs`.
 */
import type { Process } from '../core/event.js';
import type { ScheduledOp } from '../generator/generator.js';
import type { Nemesis, NemesisEnv } from '../../nemeses/nemesis.js';
import { isPartlySkipped, isSkippedOp, skippedOp } from '../../nemeses/nemesis.js';
import { NodeStates, RESTART_TIMEOUT_MS, within } from '../../nemeses/node-states.js';
import { findNemesisFor, healAll } from '../../nemeses/registry.js';
import type { ProcessPool } from './drive-generator.js';
import type { Recorder } from './recorder.js';
import type { RunClock } from './run-clock.js';

/**
 * HEAL_TIMEOUT_MS: by default, the longest the final heal waits for fault ops in flight, and then
 * for the heal itself (which may wait for a restart in flight and restart nodes: two restart bounds).
 */
export const HEAL_TIMEOUT_MS = 2 * RESTART_TIMEOUT_MS + 10_000;

/**
 * NemesisSkips counts fault ops that did not (fully) act: `skipped` were recorded with a
 * `{skipped: why}` completion, `partlySkipped` acted on some of their nodes only, `notStarted` were
 * due but their turn came after the time limit or the abort (not recorded).
 */
export interface NemesisSkips {
  skipped: number;
  partlySkipped: number;
  notStarted: number;
}

/** NemesisWorker is the single-process pool the nemesis schedule is driven on. */
export class NemesisWorker implements ProcessPool {
  readonly threads = 1;
  /** The last op of each fault kind (applied or queued), to keep each kind in order. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Ops of each kind dispatched whose turn has not come yet. */
  private readonly waiting = new Map<string, number>();
  /** Ops of each kind dispatched and not finished (queued or being applied). */
  private readonly unfinished = new Map<string, number>();
  /** Kinds with an op being applied now. */
  private readonly running = new Set<string>();
  /** Faults in force, by kind. */
  private readonly active = new Map<string, { f: string; value: unknown }>();
  private readonly env: NemesisEnv & { nodes: NodeStates };
  private readonly healTimeoutMs: number;
  private stopAtNs = Infinity;
  private signal: AbortSignal | undefined;
  /** Dispatch lateness of every fault op that started, in ns (scheduled time → apply start). */
  readonly latenessNs: number[] = [];
  /** Fault ops that did not (fully) act; see NemesisSkips. */
  readonly skips: NemesisSkips = { skipped: 0, partlySkipped: 0, notStarted: 0 };
  /** The fault in force (the last start op not yet stopped), for progress. */
  current: { f: string; value: unknown } | null = null;

  constructor(
    private readonly nemeses: readonly Nemesis[],
    env: NemesisEnv,
    private readonly recorder: Recorder,
    private readonly clock: RunClock,
    private readonly onFault?: (current: { f: string; value: unknown } | null) => void,
    options: { healTimeoutMs?: number } = {},
  ) {
    this.env = { ...env, nodes: env.nodes ?? new NodeStates() };
    this.healTimeoutMs = options.healTimeoutMs ?? HEAL_TIMEOUT_MS;
  }

  /** stopAt: no op starts at or after `timeNs` (on the run clock), nor once `signal` aborts. */
  stopAt(timeNs: number, signal?: AbortSignal): void {
    this.stopAtNs = timeNs;
    this.signal = signal;
  }

  all(): Process[] {
    return ['nemesis'];
  }

  free(): Process[] {
    return ['nemesis'];
  }

  dispatch(op: ScheduledOp): Promise<void> {
    const nemesis = findNemesisFor(this.nemeses, op.f);
    const kind = nemesis?.name ?? op.f;
    const isStop = nemesis !== undefined && nemesis.stopOp().f === op.f;
    // Only an op that had to queue behind another of its kind can be late.
    const queued = (this.unfinished.get(kind) ?? 0) > 0;
    this.unfinished.set(kind, (this.unfinished.get(kind) ?? 0) + 1);
    this.waiting.set(kind, (this.waiting.get(kind) ?? 0) + 1);
    const run = async (): Promise<void> => {
      const behind = (this.waiting.get(kind) ?? 1) - 1;
      this.waiting.set(kind, behind);
      const now = this.clock.nowNs();
      if (this.signal?.aborted === true || now >= this.stopAtNs) {
        this.skips.notStarted++;
        return;
      }
      this.latenessNs.push(Math.max(0, now - op.timeNs));
      if (!isStop && queued && behind > 0) {
        // The op behind is this fault's own stop, already due: its window ended before it began.
        const lateMs = Math.round((now - op.timeNs) / 1e6);
        this.skips.skipped++;
        await this.apply(op.f, op.value, now, async () =>
          skippedOp(`late: its window had ended when the previous ${kind} op finished (${lateMs} ms after its time)`),
        );
        return;
      }
      this.running.add(kind);
      const result = await this.apply(op.f, op.value, now, async () => {
        if (nemesis === undefined) throw new Error(`no nemesis handles ${op.f}`);
        return nemesis.apply(op, this.env);
      });
      this.running.delete(kind);
      if (isSkippedOp(result)) {
        this.skips.skipped++;
        return;
      }
      if (isPartlySkipped(result)) this.skips.partlySkipped++;
      if (isStop) this.active.delete(kind);
      else this.active.set(kind, { f: op.f, value: op.value });
      this.current = this.summary();
      this.onFault?.(this.current);
    };
    const next = (this.chains.get(kind) ?? Promise.resolve()).then(run).finally(() => {
      this.unfinished.set(kind, (this.unfinished.get(kind) ?? 1) - 1);
    });
    this.chains.set(kind, next);
    return next;
  }

  private summary(): { f: string; value: unknown } | null {
    if (this.active.size === 0) return null;
    const faults = [...this.active.values()];
    return faults.length === 1 ? (faults[0] as { f: string; value: unknown }) : { f: faults.map((x) => x.f).join(' + '), value: faults };
  }

  /**
   * healEverything waits (at most healTimeoutMs) for the fault ops in flight, then undoes every
   * fault (at most healTimeoutMs) and records it as a `heal` nemesis op; a heal that timed out, or
   * ops still in flight, are recorded as its error.
   */
  async healEverything(): Promise<void> {
    const settled = await within(Promise.allSettled([...this.chains.values()]), this.healTimeoutMs);
    const stuck = settled.done ? [] : [...this.running].sort();
    await this.apply('heal', null, this.clock.nowNs(), async () => {
      const healed = await within(healAll(this.nemeses, this.env), this.healTimeoutMs);
      if (!healed.done) throw new Error(`heal not finished within ${this.healTimeoutMs} ms`);
      if (stuck.length > 0) throw new Error(`healed, but ${stuck.join(', ')} ops still in flight after ${this.healTimeoutMs} ms`);
      return 'healed';
    });
    this.active.clear();
    this.current = null;
    this.onFault?.(null);
  }

  /** apply records the invoke (at `invokeNs`), runs `act` and records its value or error; returns the value (undefined on error). */
  private async apply(f: string, value: unknown, invokeNs: number, act: () => Promise<unknown>): Promise<unknown> {
    this.recorder.record({ type: 'invoke', process: 'nemesis', f, value, time: invokeNs });
    try {
      const result = await act();
      this.recorder.record({ type: 'info', process: 'nemesis', f, value: result ?? null, time: this.clock.nowNs() });
      return result;
    } catch (err) {
      this.recorder.record({
        type: 'info',
        process: 'nemesis',
        f,
        value,
        error: (err as Error).message ?? String(err),
        time: this.clock.nowNs(),
      });
      return undefined;
    }
  }
}
