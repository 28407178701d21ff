/**
 * DemoSummary: a demo's combined result (summary.json), and the function that assembles it. Pure.
 */
import type { Chapter, ChapterName } from './chapter.js';
import { demoCells, demoHeadings } from './demo-columns.js';
import type { DemoRow } from './demo-row.js';
import type { FaultStep } from './fault-script.js';
import { formatDemoTable } from './format-demo-table.js';
import { type Lang, translator } from './messages/catalog.js';

/** DemoSchedule: the faults every run faced: the seeded cycle (intervalMs) or the script, in words too. */
export interface DemoSchedule {
  nemesis: string[];
  partition: string[];
  intervalMs: number;
  rate: number;
  script?: FaultStep[];
  description: string;
}

/** DemoSummary: the options, the fault schedule, one row per run, the table as text and the sentences. */
export interface DemoSummary {
  demo: ChapterName;
  lang: Lang;
  seed: number;
  nodes: number;
  timeLimitMs: number;
  schedule: DemoSchedule;
  startedAt: string;
  elapsedMs: number;
  rows: DemoRow[];
  /** The table's headings and cells (what the page shows), then as aligned text lines. */
  headings: string[];
  cells: string[][];
  table: string[];
  sentences: string[];
}

/** SummaryBase: what buildDemoSummary is given; the schedule's description is derived. */
export type SummaryBase = Omit<DemoSummary, 'demo' | 'headings' | 'cells' | 'table' | 'sentences' | 'schedule'> & {
  schedule: Omit<DemoSchedule, 'description'>;
};

/** buildDemoSummary assembles `chapter`'s summary; table, sentences and the schedule's words come from the rows and options. */
export function buildDemoSummary(chapter: Chapter, base: SummaryBase): DemoSummary {
  const t = translator(base.lang);
  const ctx = { timeLimitMs: base.timeLimitMs, nodes: base.nodes };
  const headings = demoHeadings(chapter.variantHeading, chapter.columns, t);
  const cells = base.rows.map((r) => demoCells(chapter.columns, r, t));
  const description = chapter.describeFaults({ ...ctx, rate: base.schedule.rate, intervalMs: base.schedule.intervalMs }, t);
  return {
    demo: chapter.name,
    ...base,
    schedule: { ...base.schedule, description },
    headings,
    cells,
    table: formatDemoTable(headings, cells),
    sentences: chapter.explain(base.rows, t, ctx),
  };
}
