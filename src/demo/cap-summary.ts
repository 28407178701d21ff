/**
 * CapSummary: the demo's combined result (summary.json), and the function that assembles it. Pure.
 */
import type { CapRow } from './cap-row.js';
import { explainCap } from './explain-cap.js';
import { formatCapTable } from './format-cap-table.js';

/** CapSummary: the options, the fault schedule, one row per mode, the table as text and the sentences. */
export interface CapSummary {
  demo: 'cap';
  seed: number;
  nodes: number;
  timeLimitMs: number;
  schedule: { nemesis: string[]; partition: string[]; intervalMs: number; rate: number };
  startedAt: string;
  elapsedMs: number;
  rows: CapRow[];
  table: string[];
  sentences: string[];
}

/** buildCapSummary assembles the summary; `table` and `sentences` are derived from `rows`. */
export function buildCapSummary(base: Omit<CapSummary, 'demo' | 'table' | 'sentences'>): CapSummary {
  return { demo: 'cap', ...base, table: formatCapTable(base.rows), sentences: explainCap(base.rows) };
}
