/**
 * demoRow: one line of a demo's table (one mode, or one setting of a mode), from its run's checker
 * outcomes and history. Every chapter builds the same row and shows the columns it needs. Pure.
 */
import type { HistoryEvent } from '../core/event.js';
import type { Verdict } from '../core/verdict.js';
import type { CheckerOutcome } from '../../workloads/workload.js';
import { type FaultAvailability, availabilityDuringFaults } from './availability-during-faults.js';

/** DemoRow is one run's outcome: what the tables show, plus where the run is. */
export interface DemoRow {
  /** The row's name in the table: the mode, or the mode's setting (quorum: "R=1 W=1"). */
  variant: string;
  mode: string;
  /** The run directory, and its report.html when one was written. */
  dir: string;
  report?: string;
  availability: FaultAvailability;
  linearizable: Verdict;
  eventual: Verdict;
  /** null when the eventual checker gave no answer. */
  converged: boolean | null;
  /** Acknowledged writes overwritten by a write that finished before them (see writeOrder). */
  lostWrites: number;
  /** real-time: lostWrites break the mode's promise; store-order (lww): they follow its timestamp rule. */
  writeOrder: 'real-time' | 'store-order';
  reads: number;
  staleReads: number;
  /** Worst staleness of a read during the test (read start − ack of the newest write it missed), ns. */
  worstStalenessNs: number;
  /** How long the stalest read's value had been out of date, ns. */
  worstOutdatedNs: number;
  convergenceNs: number | null;
  convergenceMeasure: 'observed' | 'at-most' | 'none';
  /** Why a checker said unknown, or why the run failed. */
  note?: string;
}

/** RunSummaryInput: the parts of a run's result demoRow reads. */
export interface RunSummaryInput {
  dir: string;
  checkers: readonly CheckerOutcome[];
  report?: { path: string } | { error: string };
}

const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/**
 * demoRow builds the row of `variant` (a run of `mode`). A checker missing from `run.checkers` reads
 * as unknown; the eventual outcome's fields are read defensively (a checker that threw has only a reason).
 */
export function demoRow(variant: string, mode: string, run: RunSummaryInput, events: readonly HistoryEvent[]): DemoRow {
  const lin = run.checkers.find((c) => c.checker === 'linearizable');
  const ev = run.checkers.find((c) => c.checker === 'eventual');
  const outdated = ev?.['outdatedFor'] as { max?: unknown } | undefined;
  const measure = ev?.['convergenceMeasure'];
  const row: DemoRow = {
    variant,
    mode,
    dir: run.dir,
    availability: availabilityDuringFaults(events),
    linearizable: lin?.valid ?? 'unknown',
    eventual: ev?.valid ?? 'unknown',
    converged: typeof ev?.['converged'] === 'boolean' ? (ev['converged'] as boolean) : null,
    lostWrites: num(ev?.['lostWriteCount'], 0),
    writeOrder: ev?.['writeOrder'] === 'store-order' ? 'store-order' : 'real-time',
    reads: num(ev?.['reads'], 0),
    staleReads: num(ev?.['staleReads'], 0),
    worstStalenessNs: num(ev?.['worstStalenessNs'], 0),
    worstOutdatedNs: num(outdated?.max, 0),
    convergenceNs: typeof ev?.['convergenceNs'] === 'number' ? (ev['convergenceNs'] as number) : null,
    convergenceMeasure: measure === 'observed' || measure === 'at-most' ? measure : 'none',
  };
  if (run.report !== undefined && 'path' in run.report) row.report = run.report.path;
  const notes = [lin, ev].filter((c) => c !== undefined && c.valid === 'unknown' && c.reason !== undefined).map((c) => `${c?.checker}: ${c?.reason}`);
  if (notes.length > 0) row.note = notes.join('; ');
  return row;
}
