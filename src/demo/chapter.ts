/**
 * Chapter: what one `faultline demo <chapter>` is — the runs it makes (variants: a store mode and its
 * settings), the faults they all face (the seeded schedule, or a script), the columns of its table,
 * and the sentences that explain the rows. Every chapter runs through runDemo and prints through the
 * same table, page and catalog; a chapter is data plus its explain function. Pure.
 */
import { FaultlineError } from '../core/errors.js';
import type { PartitionKind } from '../../nemeses/grudge.js';
import type { WriteOrder } from '../../checkers/eventual/index.js';
import type { RunOptions } from '../runner/run-options.js';
import type { QuorumSettings } from '../store/quorum-rules.js';
import type { DemoColumn } from './demo-columns.js';
import type { DemoRow } from './demo-row.js';
import type { FaultStep } from './fault-script.js';
import type { Lang, MessageKey, Translate } from './messages/catalog.js';
import { CAP_WORKLOAD_DEFAULTS, type CapWorkloadOptions } from './cap-workload.js';

/** ChapterName names a chapter: `faultline demo <name>`. */
export type ChapterName = 'cap' | 'quorum' | 'clocks' | 'split-brain';

/** Variant is one run of a chapter: one row of its table. */
export interface Variant {
  /** The row's name (and the run's: `demo-<chapter>-<id>`), e.g. "raft" or "r2w2". */
  id: string;
  /** The row's label in the table ("raft", "R=2 W=2"). */
  label: string;
  /** The built-in store's mode. */
  mode: string;
  /** Quorum mode's N, R, W and sloppy (recorded in test.json; passed to every node as store flags). */
  quorum?: QuorumSettings;
  /** How the eventual checker judges lost writes for this run (see capWriteOrder). */
  writeOrder: WriteOrder;
}

/** DemoOptions: what the user chooses (times in ms). */
export interface DemoOptions {
  timeLimitMs: number;
  seed: number;
  nodes: number;
  /** Results directory (runs go to <store>/demo-<chapter>-<variant>/…, the summary to <store>/demo-<chapter>/…). */
  store: string;
  lang: Lang;
  /** Total client ops/s (default 50). */
  rate?: number;
  workload?: CapWorkloadOptions;
}

/** ExplainContext: what a chapter's sentences may cite besides the rows. */
export interface ExplainContext {
  timeLimitMs: number;
  nodes: number;
}

/** Chapter: see the file header. */
export interface Chapter {
  name: ChapterName;
  variants: readonly Variant[];
  /** Default time limit per run and node count; the node counts and shortest time limit accepted. */
  defaults: { timeLimitMs: number; nodes: number };
  nodeCounts: readonly number[];
  minTimeLimitMs: number;
  /** The faults (RunOptions.nemesis and .partition). */
  nemesis: string[];
  partition: PartitionKind[];
  /** Scripted faults for a time limit; absent: the seeded schedule, a fault change every faultIntervalMs. */
  faults?: (timeLimitMs: number) => FaultStep[];
  /** The table's columns after the row's name, and the name column's heading. */
  columns: readonly DemoColumn[];
  variantHeading: MessageKey;
  /** The page's title line for the table section. */
  tableHeading: MessageKey;
  /** The fault schedule in words (page and summary). */
  describeFaults: (o: ExplainContext & { rate: number; intervalMs: number }, t: Translate) => string;
  /** One sentence per row, then the lesson. */
  explain: (rows: readonly DemoRow[], t: Translate, o: ExplainContext) => string[];
}

/** DEMO_RATE: total client ops/s unless the options say otherwise. */
export const DEMO_RATE = 50;

/** faultIntervalMs: a quarter of the time limit, at least 1 s and at most 10 s. */
export function faultIntervalMs(timeLimitMs: number): number {
  return Math.min(10_000, Math.max(1_000, Math.round(timeLimitMs / 4)));
}

/**
 * checkDemoOptions throws FaultlineError('usage') for a node count the chapter does not accept, a
 * time limit under its minimum, or a seed outside 0..2^32-1.
 */
export function checkDemoOptions(chapter: Chapter, o: DemoOptions): void {
  if (!chapter.nodeCounts.includes(o.nodes)) throw new FaultlineError('usage', `--nodes must be ${chapter.nodeCounts.join(' or ')}, not ${o.nodes}`);
  if (!(o.timeLimitMs >= chapter.minTimeLimitMs)) {
    throw new FaultlineError('usage', `--time-limit must be at least ${chapter.minTimeLimitMs / 1000}s, not ${o.timeLimitMs} ms`, {
      hint: 'each mode needs time for a fault window long enough to fail over or elect a leader',
    });
  }
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) {
    throw new FaultlineError('usage', `--seed must be an integer from 0 to 4294967295, not ${o.seed}`);
  }
}

/**
 * demoRunOptions is the RunOptions of one variant: identical for every variant of a chapter but for
 * mode and name, so each faces the same seeded schedule of operations and faults. Validates first
 * (checkDemoOptions).
 */
export function demoRunOptions(chapter: Chapter, variant: Variant, o: DemoOptions): RunOptions {
  checkDemoOptions(chapter, o);
  const w = o.workload ?? CAP_WORKLOAD_DEFAULTS;
  const run: RunOptions = {
    name: `demo-${chapter.name}-${variant.id}`,
    db: 'builtin',
    mode: variant.mode,
    backend: 'local',
    nodes: o.nodes,
    workload: 'cap-register',
    keys: w.keys,
    nemesis: chapter.nemesis,
    nemesisIntervalMs: faultIntervalMs(o.timeLimitMs),
    partition: chapter.partition,
    timeLimitMs: o.timeLimitMs,
    concurrency: '2n',
    threads: 2 * o.nodes,
    rate: o.rate ?? DEMO_RATE,
    seed: o.seed,
    store: o.store,
    opTimeoutMs: 1_000,
    // A short quiet period, then rounds of final reads until the nodes agree: convergence is watched, not waited out.
    recoveryMs: 250,
    convergeTimeoutMs: 10_000,
    checkTimeoutMs: 30_000,
    checkWorkers: 1,
  };
  if (variant.quorum !== undefined) run.quorum = variant.quorum;
  return run;
}
